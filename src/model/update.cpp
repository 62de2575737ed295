#include "model/update.hpp"

#include <set>

namespace dynamodel {

bool is_primary_key_attribute(const Model& m, const std::string& attribute) {
  return attribute == m.table.partition_key.name || (m.table.sort_key && attribute == m.table.sort_key->name);
}

std::vector<UpdateWrite> update_writes(const Model& m, const Entity& e, const std::vector<std::string>& set,
                                       const std::vector<std::string>& add, bool lock) {
  std::vector<UpdateWrite> out;
  std::set<std::string> given;
  for (const auto& s : set)
    if (e.attribute(s)) {
      out.push_back({s, UpdateWrite::Why::set});
      given.insert(s);
    }
  for (const auto& s : add)
    if (e.attribute(s)) out.push_back({s, UpdateWrite::Why::add});
  std::set<std::string> changed = given;
  for (const auto& s : add) changed.insert(s);
  for (const auto& k : e.keys) {
    if (is_primary_key_attribute(m, k.attribute)) continue;
    const auto placeholders = k.key_template.placeholders();
    bool touched = false;
    for (const auto& p : placeholders) touched |= given.count(p) > 0;
    if (const IndexMembership* w = key_membership(m, e, k.attribute)) {
      for (const auto* a : w->condition.attributes()) touched |= changed.count(a->text) > 0;
      if (touched) out.push_back({k.attribute, UpdateWrite::Why::rebuilt_key, &k, w});
      continue;
    }
    if (!touched) continue;
    const auto& parts = k.key_template.parts;
    if (parts.size() == 1 && parts[0].placeholder && parts[0].text == k.attribute && given.count(k.attribute)) continue;
    out.push_back({k.attribute, UpdateWrite::Why::rebuilt_key, &k});
  }
  if (lock)
    for (const auto& a : e.attributes)
      if (a.role == AttributeRole::version) {
        out.push_back({a.name, UpdateWrite::Why::version});
        break;
      }
  return out;
}

}  // namespace dynamodel
