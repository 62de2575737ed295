// keys/unescaped-separator: with key_escaping none, a placeholder value may hold a separator of
// its key template, so the key would be ambiguous (the accessors refuse such values).
#include <cctype>
#include <set>
#include <string_view>

#include "rules/rule.hpp"

namespace dynamodel {
namespace {

/// The characters an attribute's values are known to be made of; nullopt: any character.
std::optional<std::string> alphabet(const Attribute& a) {
  static const std::string kDigits = "0123456789";
  if (a.type == AttributeType::N) return kDigits + "-+.eE";
  if (a.type == AttributeType::BOOL) return std::string("truefals");
  if (!a.enum_values.empty()) {
    std::string all;
    for (const auto& v : a.enum_values) all += v;
    return all;
  }
  if (!a.format) return std::nullopt;
  switch (*a.format) {
    case AttributeFormat::uuid:
      return kDigits + "abcdefABCDEF-";
    case AttributeFormat::ulid:
      return kDigits + "ABCDEFGHJKMNPQRSTVWXYZabcdefghjkmnpqrstvwxyz";
    case AttributeFormat::date:
      return kDigits + "-";
    case AttributeFormat::date_time:
      return kDigits + "-:.TZ+";
    case AttributeFormat::epoch_seconds:
      return kDigits;
    case AttributeFormat::float_:
    case AttributeFormat::decimal:
      return kDigits + "-+.eE";
    case AttributeFormat::email:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

extern const Rule kKeysUnescapedSeparator = {
    {"keys/unescaped-separator", Severity::warning,
     "with key_escaping none, a placeholder value may hold a separator of its key",
     "With key_escaping: none the accessors write placeholder values into composed keys as they are, to share "
     "a table with code that does not escape. A value that holds one of the key's separators (`#` in "
     "`ORDER#{note}#{n}`) would make the key ambiguous: it could not be split back into its values, and "
     "begins_with conditions could match other items. The accessors refuse such values at run time "
     "(ValidationError InvalidKey); bound the attribute to values without separators (enum, a format such as "
     "uuid, ulid, date, a number) or keep the default escaping.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-sort-keys.html",
     "key_escaping: none\nentities:\n  Note:\n    attributes:\n      title: {type: S}\n"
     "    keys:\n      SK: \"NOTE#{title}#{n}\"       # a title may hold '#'\n",
     "key_escaping: none\nentities:\n  Note:\n    attributes:\n      noteId: {type: S, format: ulid}\n"
     "    keys:\n      SK: \"NOTE#{noteId}#{n}\"\n",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      if (m.key_escaping != KeyEscaping::none) return;
      for (const auto& e : m.entities)
        for (const auto& k : e.keys) {
          const KeyTemplate& t = k.key_template;
          if (t.parts.size() < 2) continue;  // a sole placeholder or a constant: nothing to split
          const std::string seps_text = t.separators();
          const std::set<char> seps(seps_text.begin(), seps_text.end());
          if (seps.empty()) continue;
          std::set<std::string> seen;
          for (const auto& name : t.placeholders()) {
            const Attribute* a = e.attribute(name);
            if (!a || !seen.insert(name).second) continue;
            const auto chars = alphabet(*a);
            std::string hit;
            for (char c : seps)
              if (!chars || chars->find(c) != std::string::npos) hit += c;
            if (hit.empty()) continue;
            std::string shown;
            for (char c : hit) shown += (shown.empty() ? "'" : ", '") + std::string(1, c) + "'";
            f.report(t.location, e.source.path_of("keys") + "." + k.attribute,
                     "key_escaping is none and " + e.name + "." + name + " may hold " + shown + ", a separator of " +
                         k.attribute + " `" + t.text +
                         "`: such a key could not be split back into its values, and the accessors refuse the value; "
                         "bound the attribute (enum, format) or keep key_escaping: escape",
                     {Note{a->source.location, name + " is declared here"}});
          }
        }
    }};

}  // namespace dynamodel
