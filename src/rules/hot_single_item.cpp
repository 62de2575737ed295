// hot/single-item: one item written beyond the 1,000 WCU/s per-item ceiling or read beyond
// 3,000 RCU/s (error), or at 50% of it (warning): counters, aggregates, locks (HK-06, HK-14).
#include <algorithm>

#include "analysis/hot_keys.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kHotSingleItem = {
    {"hot/single-item", Severity::error,
     "one item is written more than the per-item ceiling allows (counters, aggregates)",
     "Adaptive capacity can isolate a hot item on its own partition, but one item's primary key never gets "
     "more than 1,000 WCU/s and 3,000 RCU/s. A key whose partition and sort key have no placeholder, or only "
     "low-cardinality ones, concentrates every write of the entity on one item (a global counter, a per-day "
     "aggregate, a lock). Transactional writes cost 2 WCU per KB. Warning from 50% of the ceiling. When no access "
     "pattern states "
     "a rate, the write load is judged at lint.default_rate_per_second (100 writes/s per write pattern "
     "unless set), and the finding says so.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/burst-adaptive-capacity.html",
     "keys:\n  PK: \"COUNTER\"\n  SK: \"PAGE_VIEWS\"      # one item, updated on every page view (1,500/s)\n",
     "attributes:\n  shard: {type: N, cardinality: 10}\nkeys:\n"
     "  PK: \"COUNTER#{shard}\"   # 10 counter items (150 WCU/s each), summed on read\n  SK: \"PAGE_VIEWS\"\n"},
    [](const Model& m, const Analysis& a, Findings& f) {
      const double half_w = limits::kPartitionWcu * kHotKeyHeadroom, half_r = limits::kPartitionRcu * kHotKeyHeadroom;
      for (const auto& hk : a.hot_keys) {
        const Entity* e = m.entity(hk.entity);
        if (!e || hk.key_space != "table" || !item_load_reported(hk)) continue;
        const bool hot_w = hk.item_wcu_per_second >= half_w, hot_r = hk.item_rcu_per_second >= half_r;
        const bool over =
            hk.item_wcu_per_second > limits::kPartitionWcu || hk.item_rcu_per_second > limits::kPartitionRcu;
        std::string key = hk.partition_key + " `" + hk.key_template + "`";
        if (m.table.sort_key)
          if (const EntityKey* sk = e->key(m.table.sort_key->name))
            key += ", " + sk->attribute + " `" + sk->key_template.text + "`";
        const bool transactional =
            std::any_of(m.access_patterns.begin(), m.access_patterns.end(), [&](const AccessPattern& ap) {
              return ap.operation == Operation::TransactWriteItems &&
                     std::any_of(ap.actions.begin(), ap.actions.end(), [&](const Action& act) {
                       return act.entity == e->name && act.operation != Operation::ConditionCheck;
                     });
            });
        std::string msg =
            "the hottest " + e->name + " item (" + key + "; " + format_units(hk.distinct_items.value_or(1)) +
            (hk.distinct_items.value_or(1) == 1 ? " item takes every write) " : " items share the writes) ");
        if (hot_w)
          msg += "is written at " + format_units(hk.item_wcu_per_second) + " WCU/s (" +
                 format_units(hk.writes_per_second) + " writes/s of " + e->name +
                 (transactional ? ", transactional writes counted twice" : "") + ")";
        if (hot_r)
          msg += std::string(hot_w ? " and read at " : "is read at ") + format_units(hk.item_rcu_per_second) + " RCU/s";
        msg += assumption_text(hk, hot_w);
        msg +=
            over ? ", over the 1,000 WCU/s and 3,000 RCU/s that one item can get even after adaptive capacity "
                   "isolates it on its own partition"
                 : ", at 50% or more of the 1,000 WCU/s and 3,000 RCU/s that one item can get: no headroom for bursts";
        if (hot_w) {
          const int n = shards_for(hk.item_wcu_per_second, limits::kPartitionWcu);
          msg += ". Spread the writes: a sharded counter of " + std::to_string(n) +
                 " items summed on read, or buffer the updates (DynamoDB Streams, SQS) and write aggregates; keep the "
                 "item small so that each update costs 1 WCU";
        }
        if (hot_r) msg += std::string(hot_w ? "; " : ". ") + "cache the reads (DAX or an application cache)";
        f.report(over ? Severity::error : Severity::warning, hk.location, e->source.path + ".keys." + hk.partition_key,
                 msg, hot_key_notes(m, hk, hot_w, hot_r, true));
      }
    }};
}  // namespace dynamodel
