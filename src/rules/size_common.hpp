// Wording shared by the size rules (size/item-limit, size/item-large).
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "analysis/analysis.hpp"
#include "model/model.hpp"
#include "model/text.hpp"

namespace dynamodel {

/// "512,000 bytes (item 400,100 + LSI entries 111,900)" or "512,000 bytes".
inline std::string size_breakdown(const EntityAnalysis& ea) {
  std::string s = with_commas(ea.max_item_with_lsi_bytes) + " bytes";
  if (ea.max_item_with_lsi_bytes != ea.max_item_bytes)
    s += " (item " + with_commas(ea.max_item_bytes) + " + LSI entries " +
         with_commas(ea.max_item_with_lsi_bytes - ea.max_item_bytes) + ")";
  return s;
}

/// Notes pointing at the three largest model attributes, with their sizes and basis.
inline std::vector<Note> largest_attributes(const Entity& e, const EntityAnalysis& ea) {
  std::vector<const AttributeSize*> sizes;
  for (const auto& s : ea.attributes)
    if (!s.key) sizes.push_back(&s);
  std::stable_sort(sizes.begin(), sizes.end(), [](auto* x, auto* y) { return x->max_bytes > y->max_bytes; });
  std::vector<Note> notes;
  for (std::size_t i = 0; i < sizes.size() && i < 3; ++i) {
    const Attribute* a = e.attribute(sizes[i]->name);
    if (!a) continue;
    notes.push_back({a->source.location, "'" + a->name + "' takes up to " + with_commas(sizes[i]->max_bytes) +
                                             " bytes with its name (" + sizes[i]->basis + ")"});
  }
  return notes;
}

}  // namespace dynamodel
