// hot/partition-throughput: the hottest partition-key value of the table or of a GSI needs more
// than 1,000 WCU/s or 3,000 RCU/s (error), or 50% of it (warning) (HK-07, HK-09, HK-10).
#include <cmath>

#include "analysis/hot_keys.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
namespace {

std::string percent(double units, double ceiling) { return format_units(std::floor(units / ceiling * 100)) + "%"; }

}  // namespace

extern const Rule kHotPartitionThroughput = {
    {"hot/partition-throughput", Severity::error,
     "the hottest key value of the table or a GSI needs more than 1,000 WCU or 3,000 RCU (warning from 50%)",
     "One partition-key value is served by one partition: at most 1,000 WCU/s and 3,000 RCU/s, on the table "
     "and on each GSI separately, whatever the table's total capacity or billing mode. The estimate divides "
     "the entity's writes (item or index-entry size in WCU, a key change counted twice) and each read "
     "pattern's RCU by the key's distinct values (enum, BOOL, cardinality hints; expected.items when "
     "unbounded; a time bucket takes all current writes). A hot GSI partition throttles the base-table "
     "writes (back-pressure). Below 50% of the ceiling there is headroom for bursts and skew; the shard "
     "count suggested keeps the hottest value under it. When no access pattern states a rate, the write load is "
     "judged at lint.default_rate_per_second (100 writes/s per write pattern unless set: a modest production "
     "load), and the finding says so.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html",
     "attributes:\n  status: {type: S, enum: [A, B, C, D, E, F, G, H, I, J]}\nkeys:\n"
     "  GSI1PK: \"STATUS#{status}\"    # 5,000 writes/s of 1 KB / 10 values = 500 WCU/s per value\n"
     "expected: {writes_per_second: 5000}\n",
     "attributes:\n  status: {type: S, enum: [A, B, C, D, E, F, G, H, I, J]}\n  shard: {type: N, cardinality: 4}\n"
     "keys:\n  GSI1PK: \"STATUS#{status}#{shard}\"  # 40 values: 125 WCU/s per value\n"
     "expected: {writes_per_second: 5000}\n"},
    [](const Model& m, const Analysis& a, Findings& f) {
      const double half_w = limits::kPartitionWcu * kHotKeyHeadroom, half_r = limits::kPartitionRcu * kHotKeyHeadroom;
      for (const auto& hk : a.hot_keys) {
        const Entity* e = m.entity(hk.entity);
        if (!e || !partition_load_reported(hk)) continue;
        const bool gsi = hk.key_space != "table";
        if (!gsi && single_item_covers(hk)) continue;  // hot/single-item says it
        const auto found = partition_parts(*e, hk);
        if (!found) continue;
        const auto& parts = *found;
        const auto shape = key_shape(parts);
        const bool hot_w = hk.wcu_per_second >= half_w, hot_r = hk.rcu_per_second >= half_r;
        const bool over = hk.wcu_per_second > limits::kPartitionWcu || hk.rcu_per_second > limits::kPartitionRcu;

        std::string values;
        if (shape == KeyShape::constant)
          values = "a constant";
        else if (hk.distinct_values)
          values = format_units(*hk.distinct_values) + (*hk.distinct_values == 1 ? " value" : " values");
        else
          values = "unbounded";
        std::string msg = "the hottest value of the " + key_space_label(hk) + " of " + e->name + " (`" +
                          hk.key_template + "`, " + values + (parts.empty() ? "" : ": " + describe_parts(parts)) +
                          ") needs ";
        if (hot_w) {
          const double n = hk.write_distinct_values.value_or(1);
          msg +=
              format_units(hk.wcu_per_second) + (gsi ? " index" : "") + " WCU/s (" +
              format_units(hk.writes_per_second) + " writes/s x " + format_units(hk.wcu_per_write) +
              (gsi ? " WCU per index entry" : " WCU") + " / " + format_units(n) +
              (shape == KeyShape::time_bucket ? " value: the current period takes every write"
               : n == 1                       ? " value"
                                              : " values") +
              "), " +
              (hk.wcu_per_second > limits::kPartitionWcu ? "over"
                                                         : percent(hk.wcu_per_second, limits::kPartitionWcu) + " of") +
              " the 1,000 WCU/s one partition-key value gets";
        }
        if (hot_r) {
          msg +=
              std::string(hot_w ? ", and " : "") + format_units(hk.rcu_per_second) + " RCU/s from its read patterns, " +
              (hk.rcu_per_second > limits::kPartitionRcu ? "over"
                                                         : percent(hk.rcu_per_second, limits::kPartitionRcu) + " of") +
              " the 3,000 RCU/s";
        }
        msg += assumption_text(hk, hot_w);
        if (gsi && hot_w)
          msg +=
              "; when the index partition cannot keep up, DynamoDB throttles the base-table writes (GSI back-pressure)";
        msg += over ? ". Split-for-heat is reactive and cannot split one value: expect throttling"
                    : ". That leaves no headroom for bursts or a popular value";
        std::string fix;  // the same advice as the message's, written as the change to make
        if (hot_w) {
          const int n = shards_for(hk.wcu_per_second, limits::kPartitionWcu);
          const KeyPart* shard = nullptr;
          for (const auto& p : parts)
            if (p.shard) shard = &p;
          if (shard && shard->values) {
            msg += ". Raise the write shards: {" + shard->name + "} from " + format_units(*shard->values) + " to " +
                   format_units(*shard->values * n) + " values";
            fix = "In " + e->name + ", set attributes." + shard->name +
                  ".cardinality: " + format_units(*shard->values * n) + ".";
          } else {
            msg += ". Write-shard the key: `" + sharded_key_text(hk) + "` with " + std::to_string(n) +
                   " values (a `cardinality: " + std::to_string(n) +
                   "` attribute, calculated from the item, e.g. hash(id) mod " + std::to_string(n) + ")";
            fix = "In " + e->name + ", add the attribute shard: {type: N, cardinality: " + std::to_string(n) +
                  "} (written as a hash of the item's id mod " + std::to_string(n) + ") and " +
                  (hk.partition_attributes.empty()
                       ? "set keys." + hk.partition_key + ": \"" + sharded_key_text(hk) + "\""
                       : "add {name: shard, type: N} to the partition key of GSI " + hk.key_space) +
                  "; the read patterns then Query the " + std::to_string(n) + " shards and merge.";
          }
          msg += " brings the hottest value to " + format_units(hk.wcu_per_second / n) +
                 " WCU/s; reads then query every shard and merge";
        }
        if (hot_r) {
          const int n = shards_for(hk.rcu_per_second, limits::kPartitionRcu);
          msg += std::string(hot_w ? "; for the reads, " : ". For the reads, ") +
                 "cache the hot value (DAX or an application cache) or "
                 "copy it over " +
                 std::to_string(n) + " key values and read one at random";
          fix += std::string(fix.empty() ? "" : " ") + "Cache the hottest " + e->name + " value of " +
                 hk.partition_key + " (DAX or an application cache) in front of the read patterns, or copy it over " +
                 std::to_string(n) + " key values.";
        }
        f.report(over ? Severity::error : Severity::warning, hk.location, e->source.path + ".keys." + hk.partition_key,
                 msg, hot_key_notes(m, hk, hot_w, hot_r));
        std::vector<std::string> driving;
        if (hot_w) driving = hk.write_patterns;
        if (hot_r) driving.insert(driving.end(), hk.read_patterns.begin(), hk.read_patterns.end());
        f.patterns(driving);
        f.fix(fix);
      }
    }};
}  // namespace dynamodel
