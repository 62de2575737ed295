// Lookup by name in a vector of named elements (entities, their analyses) without scanning it:
// find_named(items, name) is O(log N) after an O(N log N) index of the vector, built once per
// vector and thread (four vectors kept) and rebuilt when the vector changes (data or size). The index only
// accelerates: each hit is checked against the vector, and a miss or a stale hit is answered by
// a scan (which rebuilds the index when it finds the name), so answers are those of a linear
// search for the first element of that name (unless an element is renamed in place, after the
// index was built, to the name of a later one).
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace dynamodel {

template <typename T>
const T* find_named(const std::vector<T>& items, std::string_view name) {
  auto scan = [&]() -> const T* {
    for (const auto& item : items)
      if (item.name == name) return &item;
    return nullptr;
  };
  if (items.size() < 16) return scan();  // as fast as the index
  struct Index {
    const T* data = nullptr;
    std::size_t size = 0;
    std::map<std::string, std::size_t, std::less<>> positions;  // the first of each name
    void rebuild(const std::vector<T>& v) {
      data = v.data();
      size = v.size();
      positions.clear();
      for (std::size_t i = 0; i < v.size(); ++i) positions.emplace(v[i].name, i);
    }
  };
  // A few vectors at a time (`diff` looks up names in two models in turn).
  thread_local Index indexes[4];
  thread_local std::size_t next = 0;
  Index* slot = nullptr;
  for (auto& ix : indexes)
    if (ix.data == items.data() && ix.size == items.size()) slot = &ix;
  if (!slot) {
    slot = &indexes[next++ % 4];
    slot->rebuild(items);
  }
  Index& index = *slot;
  auto it = index.positions.find(name);
  if (it != index.positions.end() && it->second < items.size() && items[it->second].name == name)
    return &items[it->second];
  const T* found = scan();
  if (found || it != index.positions.end()) index.rebuild(items);
  return found;
}

}  // namespace dynamodel
