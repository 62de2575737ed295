// keys/type-mismatch: a key template must render a value of its key attribute's type.
#include "rules/rule.hpp"

namespace dynamodel {
namespace {

bool is_non_scalar(AttributeType t) {
  switch (t) {
    case AttributeType::L:
    case AttributeType::M:
    case AttributeType::SS:
    case AttributeType::NS:
    case AttributeType::BS:
    case AttributeType::NULL_:
      return true;
    default:
      return false;
  }
}

}  // namespace

extern const Rule kKeysTypeMismatch = {
    {"keys/type-mismatch", Severity::error,
     "an N or B key template with literal text, or a placeholder of a non-scalar attribute (or of a B "
     "attribute in an S key)",
     "A key attribute holds one scalar of its type: an N key takes exactly one N attribute, a B key one B "
     "attribute, and no key can be built from a list, map, set or NULL. An S key is text: binary bytes "
     "have no text form in it.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/"
     "HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes",
     "table:\n  sort_key: {name: SK, type: N}\nentities:\n  Reading:\n    keys:\n      SK: \"TS#{timestamp}\"\n",
     "table:\n  sort_key: {name: SK, type: N}\nentities:\n  Reading:\n    attributes:\n"
     "      timestamp: {type: N, required: true}\n    keys:\n      SK: \"{timestamp}\"\n",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      const auto keys = m.key_attributes();
      for (const auto& e : m.entities) {
        for (const auto& k : e.keys) {
          const KeyAttribute* key = nullptr;
          for (const KeyAttribute* x : keys)
            if (x->name == k.attribute && !key) key = x;
          if (!key || !is_scalar_key_type(key->type)) continue;  // keys/not-a-key, table/key-type
          const KeyTemplate& t = k.key_template;
          const std::string path = e.source.path_of("keys") + "." + k.attribute;
          const std::string type(to_string(key->type));
          const bool typed = key->type != AttributeType::S;
          std::vector<Note> decl = {Note{key->source.location, k.attribute + " is declared here as type " + type}};
          if (typed && !(t.parts.size() == 1 && t.parts[0].placeholder)) {
            f.report(t.location, path,
                     k.attribute + " is of type " + type + ", so " + e.name + "'s template \"" + t.text +
                         "\" must be exactly one placeholder of an " + type +
                         " attribute and no literal text (e.g. \"{timestamp}\"); make the key type S to build a "
                         "composite key",
                     decl);
            continue;
          }
          for (const auto& p : t.placeholders()) {
            const Attribute* a = e.attribute(p);
            if (!a) continue;  // keys/unknown-attribute
            std::vector<Note> notes = decl;
            notes.push_back(
                Note{a->source.location, p + " is declared here as type " + std::string(to_string(a->type))});
            if (is_non_scalar(a->type))
              f.report(t.location, path,
                       "{" + p + "} in " + k.attribute + " of " + e.name + " is of type " +
                           std::string(to_string(a->type)) +
                           ", which cannot be part of a key: key values are scalars (S, N or B); use a scalar "
                           "attribute",
                       std::move(notes));
            else if (!typed && a->type == AttributeType::B)
              f.report(t.location, path,
                       "{" + p + "} in " + k.attribute + " of " + e.name +
                           " is of type B, whose bytes have no text form in a string key; make " + k.attribute +
                           " type B with {" + p + "} alone, or store the value as S (for example base64)",
                       std::move(notes));
            else if (typed && a->type != key->type)
              f.report(t.location, path,
                       "{" + p + "} in " + k.attribute + " of " + e.name + " is of type " +
                           std::string(to_string(a->type)) + ", but " + k.attribute + " is of type " + type +
                           ": give " + p + " type " + type + ", or make " + k.attribute + " type S",
                       std::move(notes));
          }
        }
      }
    }};
}  // namespace dynamodel
