// keys/missing: every entity gives a template for the table's partition key and sort key.
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kKeysMissing = {
    {"keys/missing", Severity::error, "an entity has no template for the table's partition key or sort key",
     "Every item of a table carries the table's full primary key (partition key, and sort key when the "
     "table has one); an entity without a template for it cannot be written.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/"
     "HowItWorks.CoreComponents.html#HowItWorks.CoreComponents.PrimaryKey",
     "table:\n  partition_key: {name: PK, type: S}\n  sort_key: {name: SK, type: S}\nentities:\n  User:\n"
     "    keys:\n      PK: \"USER#{userId}\"          # no SK\n",
     "entities:\n  User:\n    keys:\n      PK: \"USER#{userId}\"\n      SK: \"PROFILE\"\n", ""},
    [](const Model& m, const Analysis&, Findings& f) {
      for (const auto& e : m.entities) {
        auto check = [&](const KeyAttribute& k, const char* what) {
          if (k.name.empty() || e.key(k.name)) return;
          f.report(e.source.at("keys"), e.source.path_of("keys"),
                   "entity " + e.name + " has no template for the table's " + what + " " + k.name +
                       ": every item needs the full primary key; add " + k.name + ": \"...\" under " + e.name +
                       ".keys" +
                       (m.table.sort_key && &k == &*m.table.sort_key
                            ? " (a constant such as \"" + e.name + "\" is fine for a sort key)"
                            : std::string()),
                   {Note{k.source.location, "the table's " + std::string(what) + " is declared here"}});
        };
        check(m.table.partition_key, "partition key");
        if (m.table.sort_key) check(*m.table.sort_key, "sort key");
      }
    }};
}  // namespace dynamodel
