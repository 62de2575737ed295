// keys/unknown-attribute: every placeholder of an entity's key template is one of its attributes.
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kKeysUnknownAttribute = {
    {"keys/unknown-attribute", Severity::error, "a template placeholder names no attribute of the entity",
     "A key is built from the item's attributes; a placeholder with no attribute cannot be filled.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-sort-keys.html",
     R"(entities:
  User:
    attributes:
      userId: {type: S, required: true}
    keys:
      PK: "USER#{userID}"   # the attribute is userId)",
     R"(entities:
  User:
    attributes:
      userId: {type: S, required: true}
    keys:
      PK: "USER#{userId}")",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      for (const auto& e : m.entities) {
        for (const auto& k : e.keys) {
          for (const auto& p : k.key_template.placeholders())
            if (!e.attribute(p))
              f.report(
                  k.key_template.location, e.source.path + ".keys." + k.attribute,
                  "placeholder {" + p + "} in " + k.attribute + " of " + e.name + " names no attribute of " + e.name);
        }
      }
    }};
}  // namespace dynamodel
