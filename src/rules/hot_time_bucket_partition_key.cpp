// hot/time-bucket-partition-key: a partition key whose variable part is a date or time bucket,
// so all current writes go to one value, the current period's (HK-03).
#include "analysis/hot_keys.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kHotTimeBucketPartitionKey = {
    {"hot/time-bucket-partition-key", Severity::warning, "a partition key whose variable part is a date or time bucket",
     "AWS rates an item creation date rounded to a day, hour or minute as a bad partition key: on any given "
     "day every new item goes to one partition-key value, which gets at most 1,000 WCU/s. A placeholder is a "
     "time bucket when its attribute has `format: date`, or when its name says so (a word day, date, hour, "
     "minute, week, month, year, bucket, period, daily, hourly, weekly or monthly) and it has no enum and no "
     "other format; the rule fires when the rest of the key has fewer than 100 values. Put the time in the "
     "sort key under a high-cardinality partition key, or shard the bucket.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-sharding.html",
     "attributes:\n  day: {type: S, format: date}\nkeys:\n  PK: \"EVENTS#{day}\"          # today's writes share one "
     "value\n"
     "  SK: \"{eventId}\"\n",
     "attributes:\n  day: {type: S, format: date}\n  shard: {type: N, cardinality: 200}\nkeys:\n"
     "  PK: \"EVENTS#{day}#{shard}\"  # AWS's example: 200 shards per day\n  SK: \"{eventId}\"\n"},
    [](const Model& m, const Analysis& a, Findings& f) {
      for_each_written_key_of_shape(
          m, a, KeyShape::time_bucket, [&](const HotKey& hk, const Entity& entity, const std::vector<KeyPart>& parts) {
            const Entity* e = &entity;
            std::string bucket;
            for (const auto& p : parts)
              if (p.time_bucket) bucket += (bucket.empty() ? "{" : ", {") + p.name + "}";
            const bool gsi = hk.key_space != "table";
            std::string msg = "the " + key_space_label(hk) + " of " + e->name + ", `" + hk.key_template +
                              "`, is a time bucket (" + bucket +
                              "): all writes of the current period go to one partition-key value, which gets at most "
                              "1,000 WCU/s";
            if (hk.total_wcu_per_second > 0 && !hk.writes_assumed)
              msg +=
                  " (now " + format_units(hk.wcu_per_second) + (gsi ? " index" : "") + " WCU/s on the current value)";
            msg += gsi ? "; a hot GSI partition throttles the base-table writes (GSI back-pressure)" : "";
            msg += ". Put the time in the sort key under a high-cardinality partition key, or shard the bucket (`" +
                   hk.key_template + "#{shard}` with a `cardinality` hint; AWS's example uses 200 shards per day)";
            f.report(hk.location, e->source.path + ".keys." + hk.partition_key, msg, hot_key_notes(m, hk, true, false));
          });
    }};
}  // namespace dynamodel
