// hot/low-cardinality-partition-key: a table or GSI partition key built only from attributes
// with few values (enum, BOOL, a cardinality hint), fewer than 100 together (HK-02, HK-07, HK-15).
#include <algorithm>

#include "analysis/hot_keys.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kHotLowCardinalityPartitionKey = {
    {"hot/low-cardinality-partition-key", Severity::warning,
     "a partition key built only from low-cardinality attributes (enum, boolean, < 100 values)",
     "AWS rates a status code with a few possible values as a bad partition key: traffic concentrates "
     "on the most common value (every new order is PENDING), and one partition-key value gets at most "
     "1,000 WCU/s and 3,000 RCU/s. On a GSI the hot index partition throttles the base-table writes. "
     "Combine the attribute with a high-cardinality one, add a write shard, or index only the rare states "
     "(a sparse index).",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-uniform-load.html",
     "attributes:\n  status: {type: S, enum: [PENDING, PAID, SHIPPED]}\nkeys:\n"
     "  GSI1PK: \"STATUS#{status}\"               # 3 values\n",
     "attributes:\n  status: {type: S, enum: [PENDING, PAID, SHIPPED]}\n"
     "  statusShard: {type: N, cardinality: 40}  # crc32(orderId) mod 40\nkeys:\n"
     "  GSI1PK: \"STATUS#{status}#{statusShard}\"  # 120 values, read with 40 Queries\n"},
    [](const Model& m, const Analysis& a, Findings& f) {
      for_each_written_key_of_shape(
          m, a, KeyShape::low_cardinality,
          [&](const HotKey& hk, const Entity& entity, const std::vector<KeyPart>& parts) {
            const Entity* e = &entity;
            const double values = distinct_values(parts, std::nullopt, false).value_or(1);
            const bool gsi = hk.key_space != "table";
            std::string msg = "the " + key_space_label(hk) + " of " + e->name + ", `" + hk.key_template +
                              "`, has only " + format_units(values) + " values (" + describe_parts(parts) +
                              "): the most common value takes most of the traffic, and one value gets at most "
                              "1,000 WCU/s and 3,000 RCU/s";
            if (hk.total_wcu_per_second > 0 && !hk.writes_assumed)
              msg += " (now " + format_units(hk.total_wcu_per_second) + (gsi ? " index" : "") + " WCU/s in all, " +
                     format_units(hk.wcu_per_second) + " on each value at an even spread, more on a popular one)";
            msg += gsi ? "; a hot GSI partition throttles the base-table writes (GSI back-pressure). " : ". ";
            msg += "Add a high-cardinality component (`{tenantId}#...`) or a write shard (`" + sharded_key_text(hk) +
                   "` with a `cardinality` hint, read with one Query per shard)";
            if (gsi) msg += ", or make the index sparse so that it holds only the rare values";
            f.report(hk.location, e->source.path + ".keys." + hk.partition_key, msg, hot_key_notes(m, hk, true, true));
            std::vector<std::string> driving = hk.write_patterns;
            driving.insert(driving.end(), hk.read_patterns.begin(), hk.read_patterns.end());
            f.patterns(driving);
            // The shards that keep the most common value under half a partition's write ceiling
            // at the current load, at least 10 (a common value takes far more than an even share).
            const int shards = std::max(10, shards_for(hk.total_wcu_per_second, limits::kPartitionWcu));
            // The shard attribute is named after the key's last part: {status} -> statusShard.
            const std::string shard = (parts.empty() ? hk.partition_key : parts.back().name) + "Shard";
            std::string fix = "In " + e->name + ", add the attribute " + shard +
                              ": {type: N, cardinality: " + std::to_string(shards) + "} (a hash of the item's id mod " +
                              std::to_string(shards) + ") and set keys." + hk.partition_key + ": \"" + hk.key_template +
                              "#{" + shard + "}\", read with one Query per shard";
            if (gsi && !e->membership(hk.key_space))  // an index_when index is sparse already
              fix += "; or, when only rare values are looked up, add index_when: {" + hk.key_space +
                     ": \"<a condition true only for the rare values>\"} so that " + hk.key_space +
                     " holds only those items";
            f.fix(fix + ".");
          });
    }};
}  // namespace dynamodel
