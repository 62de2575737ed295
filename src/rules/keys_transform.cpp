// keys/transform: a placeholder transform (`{n|pad(10)}`, `{email|lower}`) must fit the value it
// changes and the key it writes, and a pattern's key must transform as its entity's key does.
#include <optional>
#include <string>

#include "rules/rule.hpp"

namespace dynamodel {
namespace {

std::optional<AttributeType> key_type(const Model& m, const std::string& name) {
  if (const KeyAttribute* k = m.key_attribute(name)) return k->type;
  return std::nullopt;
}

/// Why `transform` cannot apply to a value of attribute `a` in a key of type `key`, or "".
std::string misfit(const KeyTransform& transform, const Attribute& a, std::optional<AttributeType> key) {
  if (key && *key != AttributeType::S)
    return "a key of type " + std::string(to_string(*key)) +
           " stores the value itself, not text: a transform applies only in a string (S) key";
  if (a.type != AttributeType::S && a.type != AttributeType::N)
    return a.name + " is of type " + std::string(to_string(a.type)) + "; a transform applies to S and N values";
  if (transform.kind != KeyTransform::Kind::pad && a.type == AttributeType::N)
    return a.name + " is a number: " + transform.text() + " changes only letters; use pad(WIDTH) for numbers";
  return "";
}

}  // namespace

extern const Rule kKeysTransform = {
    {"keys/transform", Severity::error,
     "a placeholder transform does not fit its value or key, or a pattern transforms differently",
     "A placeholder transform changes a value before it is written into a composed string key: `pad(WIDTH)` "
     "puts zeros before it up to WIDTH characters, so numbers sort in numeric order as text (DynamoDB compares "
     "string sort keys byte by byte), and `lower`/`upper` change the case of ASCII letters, so lookups do not "
     "depend on how a user typed an e-mail address. It applies to S and N values in S keys only: a key of type "
     "N or B holds the value itself. `lower`/`upper` of a number changes nothing. A pattern's key template takes "
     "its entity's transforms; one that writes a different transform for the same placeholder builds keys that "
     "no stored item has.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-sort-keys.html",
     "attributes:\n  score: {type: N, required: true}\n  email: {type: S}\n"
     "keys:\n  SK: \"SCORE#{score|lower}\"     # a number has no case\n",
     "attributes:\n  score: {type: N, required: true}\n  email: {type: S}\n"
     "keys:\n  SK: \"SCORE#{score|pad(10)}\"   # 0000000042 sorts before 0000000100\n",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      for (const auto& e : m.entities)
        for (const auto& k : e.keys)
          for (const auto& p : k.key_template.parts) {
            if (!p.placeholder || p.transform.none()) continue;
            const Attribute* a = e.attribute(p.text);
            if (!a) continue;  // keys/unknown-placeholder reports it
            const std::string why = misfit(p.transform, *a, key_type(m, k.attribute));
            if (!why.empty())
              f.report(k.key_template.location, e.source.path_of("keys") + "." + k.attribute,
                       e.name + " key " + k.attribute + " `" + k.key_template.text + "`: {" + p.text + "|" +
                           p.transform.text() + "}: " + why,
                       {Note{a->source.location, p.text + " is declared here"}});
          }
      // A pattern's placeholder whose transform differs from its entity's for the same key attribute.
      auto check = [&](const std::vector<std::string>& entities, const std::vector<KeyCondition>& key,
                       const std::string& path, const std::string& what) {
        for (const auto& c : key)
          for (const auto& operand : c.operands)
            for (const auto& part : operand.parts) {
              if (!part.placeholder) continue;
              for (const auto& name : entities) {
                const Entity* e = m.entity(name);
                const EntityKey* ek = e ? e->key(c.attribute) : nullptr;
                if (!ek) continue;
                for (const auto& ep : ek->key_template.parts)
                  if (ep.placeholder && ep.text == part.text && ep.transform != part.transform)
                    f.report(c.location, path,
                             what + " key " + c.attribute + " `" + operand.text + "` writes {" + part.text +
                                 (part.transform.none() ? "" : "|" + part.transform.text()) + "} but " + name +
                                 " stores `" + ek->key_template.text + "`: the key it builds matches no stored " +
                                 name + "; write the placeholder as the entity does",
                             {Note{ek->key_template.location, name + "'s key template"}});
              }
            }
      };
      for (const auto& ap : m.access_patterns) {
        check(ap.entities, ap.key, ap.source.path_of("key"), "access pattern " + ap.name);
        for (const auto& a : ap.actions)
          check({a.entity}, a.key, ap.source.path_of("actions"), "access pattern " + ap.name);
      }
    }};

}  // namespace dynamodel
