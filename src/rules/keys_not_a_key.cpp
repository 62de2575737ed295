// keys/not-a-key: an entity's keys name only key attributes of the table or an index.
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kKeysNotAKey = {
    {"keys/not-a-key", Severity::error, "an entity maps a name that is no key attribute of the table or an index",
     "Only key attributes take key templates; a typo here silently drops the entity from an index.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-general-nosql-design.html",
     R"(table:
  partition_key: {name: PK, type: S}
entities:
  User:
    keys:
      PK: "USER#{userId}"
      GSI2PK: "EMAIL#{email}"   # no table or index key is named GSI2PK)",
     R"(table:
  partition_key: {name: PK, type: S}
  global_secondary_indexes:
    - {name: GSI2, partition_key: {name: GSI2PK, type: S}}
entities:
  User:
    keys:
      PK: "USER#{userId}"
      GSI2PK: "EMAIL#{email}")",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      const auto keys = m.key_attributes();
      for (const auto& e : m.entities) {
        for (const auto& k : e.keys) {
          bool known = false;
          for (const auto* key : keys) known = known || key->name == k.attribute;
          if (!known)
            f.report(k.key_template.location, e.source.path + ".keys." + k.attribute,
                     "'" + k.attribute + "' is not a key attribute of the table or of any index");
        }
      }
    }};
}  // namespace dynamodel
