// hot/counter-item: an UpdateItem that ADDs to an item whose table primary key has no
// placeholder, or only low-cardinality ones, with no rate that judges it: every writer
// increments one item (or a handful), capped at 1,000 WCU/s (HK-06). Rate-free: with a stated
// rate hot/single-item judges the item instead.
#include "analysis/hot_keys.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kHotCounterItem = {
    {"hot/counter-item", Severity::warning,
     "a counter (UpdateItem with ADD) on an item whose primary key has few values, with no rate stated",
     "An UpdateItem that ADDs to an item whose partition and sort key templates have no placeholder, or only "
     "low-cardinality ones (enum, BOOL, cardinality under 100 values together; a time bucket is the current "
     "period's one item), makes every writer increment the same item or a handful of them: a global counter, "
     "a per-status tally, today's aggregate. One item never gets more than 1,000 WCU/s, even after adaptive "
     "capacity isolates it on its own partition, and transactional increments cost twice. The design states "
     "no rate for these writes, so hot/single-item cannot judge the load: this rule flags the shape. Shard "
     "the counter (N items summed on read) or buffer the increments (DynamoDB Streams, SQS) and write "
     "aggregates. Silent when expected.writes_per_second or a rate on every counter pattern states the load "
     "(hot/single-item judges it) and when a hot/* load finding already reports the item.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/burst-adaptive-capacity.html",
     "entities:\n  Counter:\n    keys:\n      PK: \"COUNTER\"\n      SK: \"PAGE_VIEWS\"   # one item\n"
     "access_patterns:\n  - {id: AP1, entity: Counter, operation: UpdateItem, key: {PK: \"COUNTER\", SK: "
     "\"PAGE_VIEWS\"}, add: [views]}\n",
     "entities:\n  Counter:\n    attributes:\n      shard: {type: N, required: true, cardinality: 10}\n"
     "    keys:\n      PK: \"COUNTER#{shard}\"   # 10 items, summed on read (bp-partition-key-sharding.html)\n"
     "      SK: \"PAGE_VIEWS\"\n"},
    [](const Model& m, const Analysis& a, Findings& f) {
      for (const auto& hk : a.hot_keys) {
        if (!counter_item_reported(m, hk)) continue;
        const Entity* e = m.entity(hk.entity);
        if (!e) continue;
        const auto parts = few_items_key(m, *e);
        if (!parts) continue;
        std::string key = hk.partition_key + " `" + hk.key_template + "`";
        if (m.table.sort_key)
          if (const EntityKey* sk = e->key(m.table.sort_key->name))
            key += ", " + sk->attribute + " `" + sk->key_template.text + "`";
        const auto items = distinct_values(*parts, std::nullopt, true).value_or(1);
        std::string shape = items == 1
                                ? "one item takes every increment"
                                : format_units(items) + " items share the increments (" + describe_parts(*parts) + ")";
        const auto patterns = counter_patterns(m, *e);
        std::string ids;
        std::vector<Note> notes;
        for (const AccessPattern* ap : patterns) {
          ids += (ids.empty() ? "" : ", ") + ap->id;
          std::vector<std::string> added = ap->add;
          for (const auto& act : ap->actions)
            if (act.entity == e->name && act.operation == Operation::UpdateItem)
              added.insert(added.end(), act.add.begin(), act.add.end());
          std::string what;
          for (const auto& attr : added) what += (what.empty() ? "" : ", ") + attr;
          notes.push_back({ap->source.location, ap->id + (ap->name.empty() ? "" : " " + ap->name) + " adds to " + what +
                                                    " of " + e->name +
                                                    (ap->rate_per_second ? "" : " (no rate stated)")});
        }
        f.report(hk.location, e->source.path + ".keys." + hk.partition_key,
                 e->name + " is a counter item (" + key + "; " + shape + "): every writer of " + ids + " increments " +
                     (items == 1 ? std::string("the same item") : "one of the same " + format_units(items) + " items") +
                     ", and one item gets at most 1,000 WCU/s even after adaptive "
                     "capacity isolates it on its own partition. No rate is stated to show the increments stay "
                     "under it: state one (rate_per_second or expected.writes_per_second), shard the counter (`" +
                     hk.key_template +
                     "#{shard}` with a `cardinality` hint, "
                     "the items summed on read) or buffer the increments (DynamoDB Streams, SQS) and write "
                     "aggregates",
                 std::move(notes));
      }
    }};
}  // namespace dynamodel
