// Key coverage (analysis/coverage.hpp).
#include "analysis/coverage.hpp"

namespace dynamodel {

const PatternCoverage* Coverage::pattern(std::string_view id) const {
  for (const auto& p : patterns)
    if (p.pattern == id) return &p;
  return nullptr;
}

std::vector<const KeyAttribute*> index_keys(const Model& model, std::string_view index) {
  std::vector<const KeyAttribute*> keys;
  const Table& t = model.table;
  if (index.empty()) {
    keys.push_back(&t.partition_key);
    if (t.sort_key) keys.push_back(&*t.sort_key);
    return keys;
  }
  for (const auto& g : t.global_secondary_indexes)
    if (g.name == index) {
      keys.push_back(&g.partition_key);
      if (g.sort_key) keys.push_back(&*g.sort_key);
      return keys;
    }
  for (const auto& l : t.local_secondary_indexes)
    if (l.name == index) {
      keys.push_back(&t.partition_key);
      keys.push_back(&l.sort_key);
      return keys;
    }
  return keys;
}

Coverage compute_coverage(const Model&) { return {}; }

bool templates_can_collide(const KeyTemplate&, const Entity*, const KeyTemplate&, const Entity*) { return true; }

}  // namespace dynamodel
