// keys/key-only: an attribute marked key_only must be readable back from the entity's primary
// key, and must not be an attribute that has to be stored (a role, an update target, the TTL).
#include <algorithm>

#include "rules/rule.hpp"

namespace dynamodel {
namespace {

/// True when the template can be split back into its placeholder values: no two placeholders
/// meet without literal text between them (the accessors' key parsers need one).
bool splittable(const KeyTemplate& t) {
  for (std::size_t i = 1; i < t.parts.size(); ++i)
    if (t.parts[i].placeholder && t.parts[i - 1].placeholder) return false;
  return true;
}

bool names(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

}  // namespace

extern const Rule kKeysKeyOnly = {
    {"keys/key-only", Severity::error,
     "a key_only attribute cannot be read back from the primary key, or must be stored",
     "An attribute marked key_only is never written as an attribute of its own: the accessors take its value "
     "from the entity's primary key (partition or sort key template), which every read returns, even from an "
     "index with a KEYS_ONLY projection. So it must appear in one of those templates, in a place the key can be "
     "split at (a literal between it and the next placeholder). An attribute the item must hold itself (the TTL "
     "attribute, a version or revision counter, an UpdateItem set/add target) cannot be key_only.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-sort-keys.html",
     "attributes:\n  orderId: {type: S, required: true, key_only: true}\n  status: {type: S}\n"
     "keys:\n  PK: \"ORDER#{status}\"          # orderId is in no primary-key template\n",
     "attributes:\n  orderId: {type: S, required: true, key_only: true}\n"
     "keys:\n  PK: \"ORDER#{orderId}\"         # read back from PK, never stored\n",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      const std::string& pk = m.table.partition_key.name;
      const std::string sk = m.table.sort_key ? m.table.sort_key->name : std::string();
      for (const auto& e : m.entities)
        for (const auto& a : e.attributes) {
          if (!a.key_only) continue;
          const Location& at = a.source.at("key_only");
          const std::string path = a.source.path_of("key_only");
          const std::string what = e.name + "." + a.name;
          bool in_primary = false, readable = false;
          for (const auto& k : e.keys) {
            if (k.attribute != pk && (sk.empty() || k.attribute != sk)) continue;
            const auto ph = k.key_template.placeholders();
            if (std::find(ph.begin(), ph.end(), a.name) == ph.end()) continue;
            in_primary = true;
            bool reversible = true;  // every occurrence in this template can be undone (pad of a number)
            for (const auto& p : k.key_template.parts)
              if (p.placeholder && p.text == a.name) reversible = reversible && p.transform.reversible_for(a.type);
            readable = readable || (splittable(k.key_template) && reversible);
          }
          if (!in_primary)
            f.report(at, path,
                     what + " is key_only but appears in no primary-key template (" + pk +
                         (sk.empty() ? "" : ", " + sk) + ") of " + e.name +
                         ": its value could never be read back; use it in one, or drop key_only");
          else if (!readable)
            f.report(at, path,
                     what +
                         " is key_only but no primary-key template that holds it can give its value back: two "
                         "placeholders with no literal between them cannot be split (put a separator between them, "
                         "`{a}#{b}`), and a lower/upper transform, or pad of a string, loses the original value "
                         "(store the attribute: drop key_only)");
          if (a.role || (m.table.ttl_attribute && *m.table.ttl_attribute == a.name))
            f.report(
                at, path,
                what + " is key_only but the item must store it (" +
                    (a.role ? "role " + std::string(to_string(*a.role)) : std::string("the table's TTL attribute")) +
                    "); drop key_only");
          for (const auto& ap : m.access_patterns) {
            auto check = [&](const std::string& entity, const std::vector<std::string>& set,
                             const std::vector<std::string>& add, const Location& where) {
              if (entity != e.name || !(names(set, a.name) || names(add, a.name))) return;
              f.report(at, path,
                       what + " is key_only but access pattern " + ap.name +
                           " updates it; a key_only value changes only with the item's key (delete and put)",
                       {Note{where, "updated here"}});
            };
            const Location& written = ap.source.at(names(ap.set, a.name) ? "set" : "add");
            for (const auto& en : ap.entities) check(en, ap.set, ap.add, written);
            for (const auto& act : ap.actions) check(act.entity, act.set, act.add, act.source.location);
          }
        }
    }};

}  // namespace dynamodel
