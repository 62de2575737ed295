// Hot partition-key values and hot items: the estimated load on the hottest value of every
// key space (the table's partition key and each GSI's), per entity, and on the hottest single
// item. The reasoning and its sources are in docs/reference/hot-key-heuristics.md (HK-01..HK-14):
// a partition-key value gets at most 3,000 RCU/s and 1,000 WCU/s, on the table and on each GSI
// separately (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html),
// and one item never more, even after adaptive capacity isolates it
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/burst-adaptive-capacity.html).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/analysis.hpp"
#include "model/model.hpp"

namespace dynamodel {

/// The validator's headroom convention: warn from this share of a per-partition ceiling (HK-10).
inline constexpr double kHotKeyHeadroom = 0.5;
/// The writes per second the hot-key judgement assumes for every write pattern when the model
/// states no rate at all (lint.default_rate_per_second overrides it; 0 switches it off): a modest
/// production load, about 8.6 million writes a day. With 1 KB items it is a tenth of the 1,000
/// WCU/s one partition-key value gets, so the assumption reports only structures that concentrate
/// writes (large items, transactions, several patterns or index entries on one value or item),
/// never a plain key at ordinary traffic. Reads assume no rate: their volume per call and caching
/// vary too much for a default. Findings that use it say so (assumption_text); capacity and cost
/// never use it.
inline constexpr double kDefaultRatePerSecond = 100;

/// A key whose distinct values (product of its placeholders' cardinalities) stay below this is
/// low-cardinality (HK-02: "fewer than 100 distinct values").
inline constexpr double kLowCardinality = 100;

/// What one placeholder of a key template can take, as far as the model's hints tell.
struct KeyPart {
  std::string name;              ///< the placeholder (an attribute of the entity, or not)
  std::optional<double> values;  ///< distinct values (enum, BOOL, cardinality hint); empty: unbounded
  std::string domain;            ///< how `values` is known: "enum", "BOOL", "cardinality", "" (unbounded)
  /// A date or time bucket (format: date, or a name word day/date/hour/minute/week/month/year/
  /// bucket/period/daily/hourly/weekly/monthly on an attribute with no enum and no other format):
  /// all current writes go to one value, the current period's (HK-03).
  bool time_bucket = false;
  /// A write-shard suffix: the attribute's name contains "shard" and it has a value count
  /// (enum or cardinality), so its values take an even share by construction (HK-10).
  bool shard = false;
};

/// The placeholders of `key` with their domains, resolved against `entity` (may be null: every
/// placeholder is then unbounded).
std::vector<KeyPart> key_parts(const Entity* entity, const KeyTemplate& key);

/// The parts of `hk`'s partition key for entity `e`: those of the entity's template for it, or
/// for a multi-attribute GSI key each attribute as a whole value; nullopt when `e` has no
/// template for it.
std::optional<std::vector<KeyPart>> partition_parts(const Entity& e, const HotKey& hk);

/// Distinct values the parts can produce together: the product of their counts; 1 for none (a
/// constant). With `for_writes`, a time bucket counts 1 (the current period). An unbounded part
/// makes the result `items` (the entity's expected.items) or empty when that is unknown; a known
/// result is never more than `items`.
std::optional<double> distinct_values(const std::vector<KeyPart>& parts, std::optional<std::int64_t> items,
                                      bool for_writes);

/// The placeholder of a partition key built from an identifier the entity's items share: the
/// key's one unbounded part, an attribute with no enum or cardinality whose name says it is an
/// identifier (ends in Id, ID, _id or -id: tenantId, customer_id), when `sort_parts` (the parts
/// of the entity's template for the key space's sort key, or of every sort-key attribute of a
/// multi-attribute GSI key; nullopt: no sort key) has an unbounded part of its own that tells the
/// items apart (`TENANT#{tenantId}` with `TICKET#{ticketId}`; partition `{tenantId} + {region}`
/// with sort `{status} + {ticketId}`). Empty otherwise. For a multi-attribute key `parts` are
/// every partition-key attribute (each a whole value), judged as a template's placeholders are:
/// two unbounded ones are a compound identifier, left as it is.
std::string shared_identifier(const Entity& e, const std::vector<KeyPart>& parts,
                              const std::optional<std::vector<KeyPart>>& sort_parts);

/// Write shards that bring `units` (per second, on one value) under kHotKeyHeadroom of `ceiling`:
/// the smallest N with units / N < ceiling × 0.5 (HK-10; ceil(units / (ceiling × 0.5)) except at
/// exact multiples, where one more shard gets strictly under). 1 when already under.
int shards_for(double units, double ceiling);

/// What a partition-key template looks like for hot-key purposes, by precedence: constant (no
/// placeholder), sharded (a shard part: its load decides, not its shape), time bucket (a bucket
/// part, the other parts bounded to < 100 values together), low cardinality (every part bounded,
/// < 100 values together), spread (anything else).
enum class KeyShape { constant, sharded, time_bucket, low_cardinality, spread };
KeyShape key_shape(const std::vector<KeyPart>& parts);

/// "{status}: enum of 6, {shard}: cardinality 20": the parts' domains, for messages.
std::string describe_parts(const std::vector<KeyPart>& parts);

/// True when the hottest value is at 50% of a ceiling or more (hot/partition-throughput reports
/// it; the shape rules then stay silent so that one template gets one finding).
bool partition_load_reported(const HotKey& hk);

/// The access patterns that ADD to items of `e` (an UpdateItem with `add:`, alone or as an action
/// of a TransactWriteItems), in model order: counters.
std::vector<const AccessPattern*> counter_patterns(const Model& m, const Entity& e);
/// The parts of `e`'s table primary key (partition key, then sort key) when together they can
/// address fewer than kLowCardinality items: no placeholder, or only enum, BOOL, cardinality and
/// time-bucket ones (the current period counts 1); empty otherwise (an unbounded part).
std::optional<std::vector<KeyPart>> few_items_key(const Model& m, const Entity& e);
/// True when hot/counter-item reports the table hot key `hk`: its entity has counter patterns on a
/// few-items key, no stated rate judges them (expected.writes_per_second, or a rate on every
/// counter pattern) and no load at 50% of a ceiling is reported (hot/single-item,
/// hot/partition-throughput), and the model's lint.disable does not list hot/counter-item. The
/// key-shape rules then stay silent on the table key.
bool counter_item_reported(const Model& m, const HotKey& hk);

/// The written hot keys whose partition-key template has `shape` and whose load is not already
/// reported by hot/partition-throughput nor hot/counter-item: what the key-shape rules (constant,
/// low-cardinality, time-bucket) report. Calls `report(hot key, its entity, the template's parts)`.
template <typename Report>
void for_each_written_key_of_shape(const Model& m, const Analysis& a, KeyShape shape, Report report) {
  for (const auto& hk : a.hot_keys) {
    const Entity* e = m.entity(hk.entity);
    if (!e || partition_load_reported(hk) || counter_item_reported(m, hk)) continue;
    if (hk.writes_per_second <= 0 && hk.write_patterns.empty()) continue;
    const auto parts = partition_parts(*e, hk);
    if (parts && key_shape(*parts) == shape) report(hk, *e, *parts);
  }
}
/// True when the hottest single item carries the hot partition's whole load in every dimension
/// that is at 50% or more (hot/single-item reports it; hot/partition-throughput stays silent).
bool single_item_covers(const HotKey& hk);
/// True when the hottest single item is at 50% of a per-item ceiling or more.
bool item_load_reported(const HotKey& hk);

/// Notes for a hot-key finding: the GSI's definition (for a GSI key space), then the access
/// patterns that drive the load: writes when `writes`, reads when `reads` (single-item reads
/// only with `items`).
std::vector<Note> hot_key_notes(const Model& model, const HotKey& hk, bool writes, bool reads, bool items = false);

/// "; assuming 100 writes/s per write pattern: no rate stated" when the write load a finding
/// reports (`writes`) used the assumed rate; empty otherwise.
std::string assumption_text(const HotKey& hk, bool writes);

/// "GSI GSI1 partition key GSI1PK" or "table partition key PK": the key space, for messages.
std::string key_space_label(const HotKey& hk);

/// The hot key with a write shard added, for a suggestion: `STATUS#{status}#{shard}`, or for a
/// multi-attribute GSI key one more partition-key attribute, `{status} + {channel} + {shard}`
/// (up to four:
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.DesignPattern.MultiAttributeKeys.html).
std::string sharded_key_text(const HotKey& hk);

/// The hot-key estimate of every (key space, entity) pair: the table's partition key, then each
/// GSI's, for each entity that maps that key attribute, in model order. Reads `analysis`'s entity
/// sizes and write rates and its per-pattern RCU; never throws for a loaded model.
std::vector<HotKey> compute_hot_keys(const ResolvedModel& resolved, const Analysis& analysis);

/// "1,234" for 1234.4, "0.5" for 0.5: the numbers of the hot/* messages.
std::string format_units(double value);

}  // namespace dynamodel
