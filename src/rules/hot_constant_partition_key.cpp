// hot/constant-partition-key: a written entity's table or GSI partition-key template has no
// placeholder, so every item of the entity shares one partition-key value (HK-01, HK-11).
#include "analysis/hot_keys.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kHotConstantPartitionKey = {
    {"hot/constant-partition-key", Severity::warning,
     "a written entity's table or GSI partition key has no placeholder",
     "A partition-key value lives in one partition, which serves at most 1,000 WCU/s and 3,000 RCU/s. "
     "A constant template (`ORDERS`, `TYPE#ORDER`) sends every write of the entity to that one value; "
     "on a GSI the hot index partition also throttles the base-table writes (GSI back-pressure). "
     "Add a high-cardinality attribute, or write-shard the key and read the shards in parallel. A constant marker "
     "key on an index the entity enters only conditionally (`index_when` with a `share`: `GSI2PK = \"FEATURED\"` "
     "on featured products only, a sparse index) carries the members' writes only: that load, the entity's rate "
     "times the share, is judged by hot/partition-throughput and this rule stays silent; without a share the "
     "entity's full rate is assumed and the key is reported.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-uniform-load.html",
     "entities:\n  Order:\n    keys:\n      PK: \"USER#{userId}\"\n      SK: \"ORDER#{orderId}\"\n"
     "      GSI1PK: \"ORDER\"            # every order in one GSI1 partition\n      GSI1SK: \"{createdAt}\"\n",
     "entities:\n  Order:\n    keys:\n      PK: \"USER#{userId}\"\n      SK: \"ORDER#{orderId}\"\n"
     "      GSI1PK: \"ORDER#{shard}\"    # shard: {type: N, cardinality: 20}; read 20 shards in parallel\n"
     "      GSI1SK: \"{createdAt}\"\n"},
    [](const Model& m, const Analysis& a, Findings& f) {
      for_each_written_key_of_shape(
          m, a, KeyShape::constant, [&](const HotKey& hk, const Entity& entity, const std::vector<KeyPart>& /*parts*/) {
            const Entity* e = &entity;
            const bool gsi = hk.key_space != "table";
            // A marker key of a conditional index (index_when) with a stated share: the members'
            // load is what reaches the value, and hot/partition-throughput judges it.
            if (hk.conditional && hk.member_share) return;
            std::string msg = "the " + key_space_label(hk) + " of " + e->name + " is the constant `" + hk.key_template +
                              "`: every " + e->name + (gsi ? " index entry" : " item") +
                              " shares one partition-key value, one partition that serves at most 1,000 WCU/s and "
                              "3,000 RCU/s";
            if (hk.total_wcu_per_second > 0 && !hk.writes_assumed)
              msg += " (now " + format_units(hk.writes_per_second) + " writes/s, " +
                     format_units(hk.total_wcu_per_second) + (gsi ? " index" : "") + " WCU/s, all on that value)";
            msg += gsi ? "; when it throttles, DynamoDB throttles the base-table writes too (GSI back-pressure). "
                         "Shard the index key (`" +
                             hk.key_template +
                             "#{shard}` with a `cardinality` hint, read with one "
                             "Query per shard), key it on a high-cardinality attribute, or make the index sparse"
                       : ". Add a high-cardinality attribute to the key, or write-shard it (`" + hk.key_template +
                             "#{shard}` with a `cardinality` hint) and read the shards in parallel";
            if (hk.conditional)
              msg +=
                  " (its entry is conditional, index_when: state the members' `share` so that their rate, not "
                  "the entity's, is judged)";
            f.report(hk.location, e->source.path + ".keys." + hk.partition_key, msg, hot_key_notes(m, hk, true, true));
          });
    }};
}  // namespace dynamodel
