// The analysis: every number the rules and the report share, computed once from a Model.
// Sizes are in bytes, throughput in capacity units (RCU/WCU) per call or per second.
// Sources: item sizes and capacity rounding from
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html,
// index entry sizes from
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.StorageConsiderations, partition
// ceilings from https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/coverage.hpp"
#include "model/model.hpp"
#include "model/resolve.hpp"

namespace dynamodel {

/// DynamoDB's documented limits and the validator's conventions, in one place.
namespace limits {
inline constexpr std::int64_t kItemBytes = 409600;        ///< 400 KB item size limit (Constraints.html#limits-items)
inline constexpr std::int64_t kPartitionKeyBytes = 2048;  ///< Constraints.html#limits-partition-sort-keys
inline constexpr std::int64_t kSortKeyBytes = 1024;       ///< Constraints.html#limits-partition-sort-keys
inline constexpr std::int64_t kIndexEntryOverheadBytes = 100;  ///< GSI.html#GSI.StorageConsiderations
inline constexpr std::int64_t kReadUnitBytes = 4096;           ///< one RCU reads up to 4 KB strongly consistent
inline constexpr std::int64_t kWriteUnitBytes = 1024;          ///< one WCU writes up to 1 KB
inline constexpr double kPartitionRcu = 3000;                  ///< per partition-key value, per second
inline constexpr double kPartitionWcu = 1000;                  ///< per partition-key value, per second
inline constexpr std::int64_t kCollectionBytes = 10LL * 1024 * 1024 * 1024;  ///< 10 GB with an LSI (LSI.html)
inline constexpr std::int64_t kPageBytes = 1024 * 1024;                      ///< 1 MB per Query/Scan page
inline constexpr double kTableQuotaUnits = 40000;        ///< default per-table RCU/WCU quota (ServiceQuotas.html)
inline constexpr std::int64_t kLargeItemBytes = 102400;  ///< 100 KB: size/item-large threshold (bp-use-s3-too.html)
/// The value size assumed for an attribute with no size hint (S, B, L, M and sets): 1 KB
/// largest, half of it typical. A convention of dynamodel, not an AWS number; rule
/// size/unbounded names it.
inline constexpr std::int64_t kUnboundedValueBytes = 1024;
/// The typical size assumed for a string (S) with no size hint: 100 bytes. The strings real
/// designs leave unbounded are names, titles, e-mail addresses and ids (RFC 5321 caps an address
/// at 254 characters; most names and titles are well under 100); half of 1 KB would count every
/// such string as a 512-byte text and inflate typical item sizes and costs fivefold. Long texts
/// (descriptions, bodies) need a max_length to be counted right. A convention of dynamodel, not
/// an AWS number; rule size/unbounded names it.
inline constexpr std::int64_t kUnboundedStringTypicalBytes = 100;
inline constexpr std::int64_t kNumberMaxBytes = 21;  ///< 38 digits and a sign (CapacityUnitCalculations.html)
}  // namespace limits

/// The size of one attribute (name bytes + value bytes), largest possible and typical.
struct AttributeSize {
  std::string name;
  bool bounded = true;  ///< false when no size hint bounds it (the documented default is used)
  bool key = false;     ///< a key attribute generated from the entity's key template
  std::int64_t max_bytes = 0;
  std::int64_t typical_bytes = 0;
  std::string basis;  ///< how the value size was found ("max_length 100 x 4 bytes", "enum", ...)
};

/// One entity's entry in one index: projected attributes + table keys + index keys + 100 bytes.
struct IndexEntrySize {
  std::string index;
  const KeySpace* key_space = nullptr;  ///< the index (in Analysis::resolved)
  bool local = false;                   ///< an LSI
  std::int64_t max_bytes = 0;           ///< with the 100-byte overhead (storage)
  std::int64_t typical_bytes = 0;       ///< with the 100-byte overhead (storage)
  std::int64_t max_data_bytes = 0;      ///< keys + projected attributes: what reads, writes and the LSI
                                        ///< part of the 400 KB item limit count (Constraints.html#limits-items)
  std::int64_t typical_data_bytes = 0;
};

/// The longest value an entity's key template can produce, in UTF-8 bytes.
struct KeyLength {
  std::string attribute;  ///< key attribute (PK, GSI1SK, ...)
  std::int64_t max_bytes = 0;
  std::int64_t typical_bytes = 0;
  bool bounded = true;           ///< false when a placeholder has no size hint
  std::int64_t limit_bytes = 0;  ///< 2048 for a partition key, 1024 for a sort key; 0: no key attribute
  std::string key_template;      ///< the template as written
  Location location;             ///< where the template is written
};

/// Extra index writes one base-table write of an entity causes (write amplification).
struct IndexWrite {
  std::string index;
  double wcu_per_put = 0;         ///< index WCU for a put that creates or replaces the entry
  double wcu_per_key_change = 0;  ///< index WCU when an update changes the entry's index key (delete + put)
};

struct EntityAnalysis {
  std::string name;
  const Entity* entity = nullptr;         ///< the model's entity
  std::vector<AttributeSize> attributes;  ///< the model's attributes, then key attributes, in order
  std::int64_t max_item_bytes = 0;        ///< largest possible item, key attributes included
  std::int64_t typical_item_bytes = 0;
  std::int64_t max_item_with_lsi_bytes = 0;  ///< item + its LSI entries (the 400 KB limit applies to this)
  std::vector<IndexEntrySize> index_entries;
  std::vector<KeyLength> keys;
  std::vector<IndexWrite> index_writes;
  std::vector<std::string> indexes;   ///< the indexes the entity's items appear in (sparse: mapped keys only)
  double writes_per_second = 0;       ///< expected.writes_per_second, or the sum of write patterns
  double wcu_per_write = 0;           ///< base table WCU for one put of the largest item
  std::optional<std::int64_t> items;  ///< expected.items
  std::int64_t storage_bytes = 0;     ///< items × (typical size + 100 bytes), table only
};

/// The writes one call makes to one GSI (they consume the GSI's WCU, not the table's).
struct IndexWcu {
  std::string index;
  double wcu_per_call = 0;
};

/// One access pattern's cost. Units are per call and per second at `rate_per_second`.
/// A "call" is the logical request at the declared rate: a Query or Scan that must paginate
/// counts all its pages. Sizes use each item's largest possible size (conservative).
struct PatternAnalysis {
  std::string id;
  const AccessPattern* pattern = nullptr;  ///< the model's access pattern
  std::string name;
  std::string operation;
  std::string index;          ///< empty: the table
  std::string key_condition;  ///< as a KeyConditionExpression-like text
  double items_per_call = 0;
  std::int64_t bytes_per_call = 0;  ///< bytes read or written per call
  double rcu_per_call = 0;
  double wcu_per_call = 0;        ///< base table writes
  double index_wcu_per_call = 0;  ///< extra index writes (GSI and LSI)
  double lsi_wcu_per_call = 0;    ///< the LSI part of index_wcu_per_call (charged to the table)
  std::vector<IndexWcu> gsi_wcu;  ///< the GSI part, per GSI
  double rate_per_second = 0;     ///< calls per second; 0 when the pattern states none (see rate_stated)
  bool rate_stated = false;       ///< the pattern states rate_per_second
  double rcu_per_second = 0;
  double wcu_per_second = 0;  ///< base + LSI writes (they consume the table's WCU)
  bool may_paginate = false;  ///< may read more than 1 MB in one call
  bool items_known = true;    ///< false: a Query/Scan with neither limit, returns, reads nor item counts
  /// A Query or Scan with both `reads` and `returns`: the items left after the filter
  /// (items_per_call, what capacity counts, is then `reads`).
  std::optional<double> items_returned;
};

/// The estimated load on the hottest partition-key value of one key space for one entity.
struct HotKey {
  std::string key_space;            ///< "table" or the GSI's name
  const KeySpace* space = nullptr;  ///< that key space, in Analysis::resolved
  std::string entity;
  std::string partition_key;  ///< the key attribute
  /// A multi-attribute GSI key's partition-key attributes in order (`partition_key` is the
  /// first); empty for a key with a template.
  std::vector<std::string> partition_attributes;
  std::string key_template;                     ///< the entity's template for it
  Location location;                            ///< where that template is written
  std::optional<double> distinct_values;        ///< estimated distinct partition-key values; empty: unbounded
  double rcu_per_second = 0;                    ///< on the hottest value
  double wcu_per_second = 0;                    ///< on the hottest value
  int shards_suggested = 1;                     ///< write shards that keep the hottest value under 50% of the ceiling
  std::optional<double> write_distinct_values;  ///< values current writes spread over (a time bucket counts 1)
  double writes_per_second = 0;     ///< the entity's writes that put, move or delete an entry of this key space
  double wcu_per_write = 0;         ///< mean units per such write (GSI: index entry; key change 2x; transaction 2x)
  double total_rcu_per_second = 0;  ///< reads of the entity on this key space, all values together
  double total_wcu_per_second = 0;  ///< writes of the entity on this key space, all values together
  std::vector<std::string> write_patterns;  ///< ids of the access patterns that write the entity
  std::vector<std::string> read_patterns;   ///< ids of the patterns that read the entity on this key space
  // The hottest single item; table key space only (HK-06, HK-14).
  std::optional<double> distinct_items;         ///< items current writes spread over; empty: unknown
  double item_wcu_per_second = 0;               ///< on the hottest item
  double item_rcu_per_second = 0;               ///< on the hottest item (GetItem-like reads)
  std::vector<std::string> item_read_patterns;  ///< ids of the patterns that read single items
  /// Writes per second assumed for each write pattern when the model states no rate at all
  /// (lint.default_rate_per_second, kDefaultRatePerSecond); 0: the loads use stated rates only.
  /// The write loads above then judge the key structure only: `analyze` and the report show
  /// them as not estimated, and capacity and cost never use the assumption. Reads assume none.
  double assumed_rate = 0;
  bool writes_assumed = false;  ///< the write load uses assumed_rate (no expected.writes_per_second)
  /// The entity enters this GSI only when its index_when condition holds (a sparse marker index).
  bool conditional = false;
  /// The members' fraction (index_when share): the writes and items above count members only.
  /// Empty: no share stated (every item counted) or not conditional.
  std::optional<double> member_share;
  /// The partition key is built from an identifier many items share (its sort key tells the
  /// entity's items apart) that states no `cardinality`: distinct_values assumes
  /// kSharedIdentifierValues values (hot/unstated-cardinality asks for the real count), never
  /// one value per item.
  std::string shared_identifier;  ///< that placeholder; empty: none
};

/// The distinct values assumed for a partition key built from an identifier many items share
/// (a tenant, a customer, a device) that states no `cardinality`: 100. A convention of
/// dynamodel, not an AWS number: few enough that a busy tenant shows up as a hot key, and the
/// finding hot/unstated-cardinality asks for the real count.
inline constexpr double kSharedIdentifierValues = 100;

/// The largest item collection (all items sharing one partition-key value) of an entity.
struct Collection {
  std::string entity;
  std::string key_template;
  std::optional<double> items_per_value;  ///< empty: unknown (no cardinality hints)
  std::int64_t max_bytes = 0;             ///< items + LSI entries per partition-key value
};

/// Demand on one key space: the table or one GSI.
struct KeySpaceDemand {
  std::string name;  ///< "table" or the GSI's name
  double rcu_per_second = 0;
  double wcu_per_second = 0;
  std::int64_t storage_bytes = 0;
};

/// The item size an analysis counts every read and write at: the largest item the size hints
/// allow (the worst case: capacity, limits, hot keys) or the typical one (`expected.item_bytes`,
/// else the hints' typical sizes: a typical month's cost). Storage always counts typical items.
enum class SizeBasis { largest, typical };

struct Analysis {
  /// The item size every byte, RCU and WCU figure below is computed at. With `typical`, the
  /// `max_*` sizes hold the typical sizes.
  SizeBasis basis = SizeBasis::largest;
  /// The resolved model the analysis was computed from (shared: an Analysis can be copied).
  std::shared_ptr<const ResolvedModel> resolved;
  std::vector<EntityAnalysis> entities;   ///< in model order
  std::vector<PatternAnalysis> patterns;  ///< in model order
  std::vector<HotKey> hot_keys;
  std::vector<Collection> collections;
  std::vector<KeySpaceDemand> demand;  ///< the table first, then each GSI
  KeySpaceDemand total{"total"};       ///< the sum over the table and every GSI
  /// Some access pattern states a rate. Without any, demand, cost and hot-key loads are not
  /// estimated: `analyze` shows them as null / n/a, the report says so once.
  bool rates_stated = false;
  Coverage coverage;  ///< key coverage proof, per access pattern

  const EntityAnalysis* entity(std::string_view name) const;
};

/// Computes the analysis of a model that loaded (rules may have findings; the analysis is
/// defensive about unknown names). Never throws for any loaded model.
Analysis analyze(const Model& model);
/// The same from a model resolved by the caller (the model must outlive the analysis), at the
/// item sizes of `basis`.
Analysis analyze(std::shared_ptr<const ResolvedModel> resolved, SizeBasis basis = SizeBasis::largest);

/// The analysis as JSON (`dynamodel analyze FILE --format json`): stable key order (the
/// order of the structs above), units in key names; coverage problems worded by `wording`
/// (rules/rule.hpp: coverage_message).
nlohmann::ordered_json to_json(const Analysis& analysis, ProblemWording wording);

}  // namespace dynamodel
