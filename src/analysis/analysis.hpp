// The analysis: every number the rules and the report share, computed once from a Model.
// Sizes are in bytes, throughput in capacity units (RCU/WCU) per call or per second.
// Sources: item sizes and capacity rounding from
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html,
// index entry sizes from https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.StorageConsiderations,
// partition ceilings from https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/coverage.hpp"
#include "model/model.hpp"

namespace dynamodel {

/// DynamoDB's documented limits and the validator's conventions, in one place.
namespace limits {
inline constexpr std::int64_t kItemBytes = 409600;            ///< 400 KB item size limit (Constraints.html#limits-items)
inline constexpr std::int64_t kPartitionKeyBytes = 2048;      ///< Constraints.html#limits-partition-sort-keys
inline constexpr std::int64_t kSortKeyBytes = 1024;           ///< Constraints.html#limits-partition-sort-keys
inline constexpr std::int64_t kIndexEntryOverheadBytes = 100; ///< GSI.html#GSI.StorageConsiderations
inline constexpr std::int64_t kReadUnitBytes = 4096;          ///< one RCU reads up to 4 KB strongly consistent
inline constexpr std::int64_t kWriteUnitBytes = 1024;         ///< one WCU writes up to 1 KB
inline constexpr double kPartitionRcu = 3000;                 ///< per partition-key value, per second
inline constexpr double kPartitionWcu = 1000;                 ///< per partition-key value, per second
inline constexpr std::int64_t kCollectionBytes = 10LL * 1024 * 1024 * 1024;  ///< 10 GB with an LSI (LSI.html)
inline constexpr std::int64_t kPageBytes = 1024 * 1024;       ///< 1 MB per Query/Scan page
inline constexpr double kTableQuotaUnits = 40000;             ///< default per-table RCU/WCU quota (ServiceQuotas.html)
}  // namespace limits

/// The size of one attribute (name bytes + value bytes), largest possible and typical.
struct AttributeSize {
  std::string name;
  bool bounded = true;        ///< false when no size hint bounds it (the documented default is used)
  std::int64_t max_bytes = 0;
  std::int64_t typical_bytes = 0;
};

/// One entity's entry in one index: projected attributes + table keys + index keys + 100 bytes.
struct IndexEntrySize {
  std::string index;
  bool local = false;         ///< an LSI
  std::int64_t max_bytes = 0;
  std::int64_t typical_bytes = 0;
};

/// The longest value an entity's key template can produce, in UTF-8 bytes.
struct KeyLength {
  std::string attribute;      ///< key attribute (PK, GSI1SK, ...)
  std::int64_t max_bytes = 0;
  bool bounded = true;        ///< false when a placeholder has no size hint
};

/// Extra index writes one base-table write of an entity causes (write amplification).
struct IndexWrite {
  std::string index;
  double wcu_per_put = 0;         ///< index WCU for a put that creates or replaces the entry
  double wcu_per_key_change = 0;  ///< index WCU when an update changes the entry's index key (delete + put)
};

struct EntityAnalysis {
  std::string name;
  std::vector<AttributeSize> attributes;  ///< the model's attributes, then key attributes, in order
  std::int64_t max_item_bytes = 0;        ///< largest possible item, key attributes included
  std::int64_t typical_item_bytes = 0;
  std::int64_t max_item_with_lsi_bytes = 0;  ///< item + its LSI entries (the 400 KB limit applies to this)
  std::vector<IndexEntrySize> index_entries;
  std::vector<KeyLength> keys;
  std::vector<IndexWrite> index_writes;
  double writes_per_second = 0;           ///< expected.writes_per_second, or the sum of write patterns
  double wcu_per_write = 0;               ///< base table WCU for one put of the largest item
  std::optional<std::int64_t> items;      ///< expected.items
  std::int64_t storage_bytes = 0;         ///< items × (typical size + 100 bytes), table only
};

/// One access pattern's cost. Units are per call and per second at `rate_per_second`.
struct PatternAnalysis {
  std::string id;
  std::string name;
  std::string operation;
  std::string index;               ///< empty: the table
  std::string key_condition;       ///< as a KeyConditionExpression-like text
  double items_per_call = 0;
  std::int64_t bytes_per_call = 0; ///< bytes read or written per call
  double rcu_per_call = 0;
  double wcu_per_call = 0;         ///< base table writes
  double index_wcu_per_call = 0;   ///< extra index writes (GSI and LSI)
  double rate_per_second = 0;
  double rcu_per_second = 0;
  double wcu_per_second = 0;       ///< base + LSI writes (they consume the table's WCU)
  bool may_paginate = false;       ///< may read more than 1 MB in one call
};

/// The estimated load on the hottest partition-key value of one key space for one entity.
struct HotKey {
  std::string key_space;           ///< "table" or the GSI's name
  std::string entity;
  std::string partition_key;       ///< the key attribute
  std::string key_template;        ///< the entity's template for it
  Location location;               ///< where that template is written
  std::optional<double> distinct_values;  ///< estimated distinct partition-key values; empty: unbounded
  double rcu_per_second = 0;       ///< on the hottest value
  double wcu_per_second = 0;       ///< on the hottest value
  int shards_suggested = 1;        ///< write shards that keep the hottest value under 50% of the ceiling
};

/// The largest item collection (all items sharing one partition-key value) of an entity.
struct Collection {
  std::string entity;
  std::string key_template;
  std::optional<double> items_per_value;  ///< empty: unknown (no cardinality hints)
  std::int64_t max_bytes = 0;             ///< items + LSI entries per partition-key value
};

/// Demand on one key space: the table or one GSI.
struct KeySpaceDemand {
  std::string name;                ///< "table" or the GSI's name
  double rcu_per_second = 0;
  double wcu_per_second = 0;
  std::int64_t storage_bytes = 0;
};

struct Analysis {
  std::vector<EntityAnalysis> entities;   ///< in model order
  std::vector<PatternAnalysis> patterns;  ///< in model order
  std::vector<HotKey> hot_keys;
  std::vector<Collection> collections;
  std::vector<KeySpaceDemand> demand;     ///< the table first, then each GSI
  Coverage coverage;                      ///< key coverage proof, per access pattern

  const EntityAnalysis* entity(std::string_view name) const;
};

/// Computes the analysis of a model that loaded (rules may have findings; the analysis is
/// defensive about unknown names). Never throws for any loaded model.
Analysis analyze(const Model& model);

/// The analysis as JSON (`dynamodel analyze FILE --format json`): stable key order, units in names.
nlohmann::json to_json(const Analysis& analysis);

}  // namespace dynamodel
