// The index an access pattern's key conditions are written for: the "did you mean" of
// access/unknown-index (a wrong index name) and access/not-served (a key attribute of an index
// queried on the table: a missing `index:`) prefers it to a name that merely looks alike.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "model/model.hpp"

namespace dynamodel {

/// The one index whose key attributes include every attribute of `p`'s key conditions, with
/// its partition key among them (an LSI: the table's partition key and its sort key); empty
/// when none or more than one fits.
inline std::optional<std::string> index_by_key(const Model& m, const AccessPattern& p) {
  if (p.key.empty()) return std::nullopt;
  auto fits = [&](const std::vector<std::string>& keys, const std::string& partition) {
    bool has_partition = false;
    for (const auto& c : p.key) {
      if (std::find(keys.begin(), keys.end(), c.attribute) == keys.end()) return false;
      has_partition = has_partition || c.attribute == partition;
    }
    return has_partition;
  };
  std::vector<std::string> found;
  for (const auto& g : m.table.global_secondary_indexes) {
    std::vector<std::string> keys;
    for (const KeyAttribute* k : g.key_schema()) keys.push_back(k->name);
    if (!keys.empty() && fits(keys, keys.front())) found.push_back(g.name);
  }
  for (const auto& l : m.table.local_secondary_indexes)
    if (fits({m.table.partition_key.name, l.sort_key.name}, m.table.partition_key.name)) {
      // Only when the condition uses the LSI's sort key: the table's own key fits the table itself.
      for (const auto& c : p.key)
        if (c.attribute == l.sort_key.name) {
          found.push_back(l.name);
          break;
        }
    }
  if (found.size() != 1) return std::nullopt;
  return found.front();
}

}  // namespace dynamodel
