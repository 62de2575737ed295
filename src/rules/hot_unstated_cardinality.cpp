// hot/unstated-cardinality: a partition key built from an identifier many of the entity's items
// share (a tenant, a customer, a device) whose attribute states no `cardinality`; the hot-key
// estimate then assumes kSharedIdentifierValues values, never one value per item. For a
// multi-attribute GSI key the parts are every partition-key attribute, and the sort-key attributes
// (all of them) decide whether the items of one partition are told apart (hot_keys.cpp).
#include <set>

#include "analysis/hot_keys.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kHotUnstatedCardinality = {
    {"hot/unstated-cardinality", Severity::info,
     "a partition key from an identifier many items share states no cardinality",
     "A partition key such as TENANT#{tenantId}, with a sort key that tells the entity's items apart, puts "
     "many items under one value: its load is the entity's load divided by the number of tenants, not of "
     "items. One partition-key value gets at most 1,000 WCU/s and 3,000 RCU/s, so that number decides "
     "whether the key is hot. Without a `cardinality` on the attribute the hot-key estimate assumes 100 "
     "values (a convention of dynamodel) and says so; state the real count. A multi-attribute GSI key is "
     "read the same way: every partition-key attribute is a part "
     "of the key, and the sort-key attributes only tell the items of one partition apart; a sort-key "
     "attribute never adds partitions, since the partition-key value alone decides the partition.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html",
     "attributes:\n  tenantId: {type: S}\n  ticketId: {type: S}\nkeys:\n  PK: \"TENANT#{tenantId}\"\n"
     "  SK: \"TICKET#{ticketId}\"\n",
     "attributes:\n  tenantId: {type: S, cardinality: 2000}   # about 2,000 tenants\n  ticketId: {type: S}\n"
     "keys:\n  PK: \"TENANT#{tenantId}\"\n  SK: \"TICKET#{ticketId}\"\n"},
    [](const Model& m, const Analysis& a, Findings& f) {
      std::set<std::pair<std::string, std::string>> said;  // (entity, attribute): one finding each
      for (const auto& hk : a.hot_keys) {
        if (hk.shared_identifier.empty()) continue;
        const Entity* e = m.entity(hk.entity);
        const Attribute* attr = e ? e->attribute(hk.shared_identifier) : nullptr;
        if (!attr || !said.insert({e->name, attr->name}).second) continue;
        f.report(attr->source.location, attr->source.path,
                 "{" + attr->name + "} in the " + key_space_label(hk) + " of " + e->name + " (`" + hk.key_template +
                     "`) is an identifier many " + e->name + " items share (the sort key tells them apart), and " +
                     attr->name + " states no cardinality: the hot-key loads assume " +
                     format_units(kSharedIdentifierValues) + " values, not one per item; state how many there are");
        f.fix("In " + e->name + ", set attributes." + attr->name + ".cardinality: the number of distinct " +
              attr->name + " values you expect at peak (the hot-key loads assume " +
              format_units(kSharedIdentifierValues) + " meanwhile).");
      }
    }};
}  // namespace dynamodel
