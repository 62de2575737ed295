// keys/ambiguous-prefix: in a shared partition, one entity's sort-key prefix selects another's items.
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kKeysAmbiguousPrefix = {
    {"keys/ambiguous-prefix", Severity::warning,
     "in a shared partition, one entity's sort-key prefix is a prefix of another's",
     "Entities that share an item collection are told apart by sort-key prefixes, read with begins_with. When "
     "one entity's prefix (`ORDER#`) also starts the other's sort keys (`ORDER#ITEM#...`), the Query for the "
     "first returns items of the second too, and the code must filter them out (and pays RCU for them).",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-sort-keys.html",
     "  Order:     {keys: {PK: \"USER#{userId}\", SK: \"ORDER#{orderId}\"}}\n"
     "  OrderItem: {keys: {PK: \"USER#{userId}\", SK: \"ORDER#ITEM#{itemId}\"}}\n",
     "  Order:     {keys: {PK: \"USER#{userId}\", SK: \"ORDER#{orderId}\"}}\n"
     "  OrderItem: {keys: {PK: \"USER#{userId}\", SK: \"ITEM#{itemId}\"}}\n",
     ""},
    [](const Model&, const Analysis& a, Findings& f) {
      for (const auto& c : a.coverage.ambiguous_prefixes)
        f.report(c.location, "entities." + c.second + ".keys",
                 c.detail + (c.index.empty() ? std::string(" on the table") : " on index " + c.index) +
                     ": a Query for one returns the other too; make the prefixes disjoint (end one with a "
                     "separator the other lacks)",
                 {Note{c.other, c.first + "'s sort key is defined here"}});
    }};
}  // namespace dynamodel
