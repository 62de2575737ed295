// A key space's key schema split at the key types: the partition-key attributes (HASH) and the
// sort-key attributes (RANGE), for the stages that build or show a key condition per attribute
// (verify, the report's single-table view, hot keys). One of each but for a multi-attribute
// GSI key, whose partition key has 1..4 attributes and sort key 0..4:
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.DesignPattern.MultiAttributeKeys.html
#pragma once

#include <algorithm>
#include <vector>

#include "model/resolve.hpp"

namespace dynamodel {

/// The partition-key attributes of `space`, in key-schema order (KeySpace::keys()).
inline std::vector<const KeyAttribute*> partition_keys(const KeySpace& space) {
  auto all = space.keys();
  all.resize(space.gsi ? std::min(space.gsi->partition_key_count(), all.size()) : 1);
  return all;
}

/// The sort-key attributes of `space`, in key-schema order; empty when it has no sort key.
inline std::vector<const KeyAttribute*> sort_keys(const KeySpace& space) {
  const auto all = space.keys();
  const std::size_t n = space.gsi ? std::min(space.gsi->partition_key_count(), all.size()) : 1;
  return {all.begin() + static_cast<std::ptrdiff_t>(n), all.end()};
}

}  // namespace dynamodel
