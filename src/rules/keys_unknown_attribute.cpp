// keys/unknown-attribute: every placeholder of an entity's key template is one of its attributes.
#include "model/text.hpp"
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
          for (const auto& p : k.key_template.placeholders()) {
            if (e.attribute(p)) continue;
            std::vector<std::string_view> names;
            for (const auto& a : e.attributes) names.push_back(a.name);
            // closest_match folds case, `_` and `-`: `{userid}` finds the attribute userId.
            const auto best = closest_match(p, names);
            std::string message =
                "placeholder {" + p + "} in " + k.attribute + " of " + e.name + " names no attribute of " + e.name;
            if (best) message += "; did you mean {" + *best + "}?";
            f.report(k.key_template.location, e.source.path + ".keys." + k.attribute, message);
            std::string text = k.key_template.text;
            if (best)
              for (auto at = text.find("{" + p + "}"); at != std::string::npos; at = text.find("{" + p + "}", at))
                text.replace(at, p.size() + 2, "{" + *best + "}");
            f.fix(best ? "In " + e.name + ", set keys." + k.attribute + ": \"" + text + "\"."
                       : "In " + e.name + ", declare the attribute " + p + " (attributes." + p +
                             ": {type: S, required: true}) or build keys." + k.attribute +
                             " from one of its attributes.");
          }
        }
      }
    }};
}  // namespace dynamodel
