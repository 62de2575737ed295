// table/strong-consistency: the shape and limits of a multi-Region strongly consistent (MRSC) global table.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.hpp"

namespace dynamodel {
namespace {
/// The Region sets an MRSC global table's replicas and witness must all come from
/// (API_CreateGlobalTableWitnessGroupMemberAction.html, aws-properties-dynamodb-globaltable-globaltablewitness.html).
struct RegionSet {
  std::string_view name;
  std::array<std::string_view, 4> regions;
};
constexpr std::array<RegionSet, 3> kRegionSets = {{
    {"US", {"us-east-1", "us-east-2", "us-west-2", ""}},
    {"EU", {"eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1"}},
    {"AP", {"ap-northeast-1", "ap-northeast-2", "ap-northeast-3", ""}},
}};

const RegionSet* region_set(std::string_view region) {
  for (const auto& s : kRegionSets)
    if (std::find(s.regions.begin(), s.regions.end(), region) != s.regions.end()) return &s;
  return nullptr;
}
}  // namespace

extern const Rule kTableStrongConsistency = {
    {"table/strong-consistency", Severity::error,
     "`replicas.consistency: STRONG` (MRSC) with the wrong number of Regions, Regions outside one Region set, "
     "or a feature MRSC excludes (TTL, LSIs, transactions)",
     "A multi-Region strongly consistent (MRSC) global table has exactly three Regions: three replicas (the "
     "table's own Region and two `regions`), or two replicas (the table's Region and one of `regions`) and a "
     "`witness`. All of them come from one Region set (US: us-east-1, us-east-2, us-west-2; EU: eu-west-1, "
     "eu-west-2, eu-west-3, eu-central-1; AP: ap-northeast-1, ap-northeast-2, ap-northeast-3). An MRSC table "
     "supports neither time to live, nor local secondary indexes, nor the transaction APIs "
     "(TransactWriteItems, TransactGetItems). The consistency mode is chosen when the global table is created "
     "and cannot be changed later.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html",
     "table:\n  replicas: {regions: [us-east-2], consistency: STRONG}\n",
     "table:\n  replicas: {regions: [us-east-2], consistency: STRONG, witness: us-west-2}\n", ""},
    [](const Model& m, const Analysis&, Findings& f) {
      const Table& t = m.table;
      if (t.replica_consistency != ReplicaConsistency::STRONG) return;
      const Location& at = t.source.at("replicas");
      const std::size_t replicas = t.replicas.size() + 1;  // the table's own Region is a replica
      if (t.witness ? replicas != 2 : replicas != 3)
        f.report(at, "table.replicas",
                 "a strongly consistent (MRSC) global table has three Regions: the table's Region and two "
                 "replica Regions, or the table's Region, one replica Region and a witness; this one has " +
                     std::to_string(replicas) + " replica(s)" + (t.witness ? " and a witness" : " and no witness"));
      std::vector<std::string> named = t.replicas;
      if (t.witness) named.push_back(*t.witness);
      const RegionSet* first = nullptr;
      for (const auto& region : named) {
        const RegionSet* s = region_set(region);
        if (!s) {
          f.report(at, "table.replicas",
                   "Region '" + region +
                       "' is in no Region set of multi-Region strong consistency (US: us-east-1, us-east-2, "
                       "us-west-2; EU: eu-west-1, eu-west-2, eu-west-3, eu-central-1; AP: ap-northeast-1, "
                       "ap-northeast-2, ap-northeast-3)");
          continue;
        }
        if (!first) first = s;
        if (s != first)
          f.report(at, "table.replicas",
                   "Region '" + region + "' is in the " + std::string(s->name) + " Region set, the others in the " +
                       std::string(first->name) + " set; an MRSC global table stays within one Region set");
      }
      if (t.ttl_attribute)
        f.report(t.source.at("ttl_attribute"), "table.ttl_attribute",
                 "a strongly consistent (MRSC) global table does not support time to live",
                 {Note{at, "consistency STRONG is set here"}});
      for (const auto& l : t.local_secondary_indexes)
        f.report(
            l.source.location, l.source.path,
            "a strongly consistent (MRSC) global table does not support local secondary indexes ('" + l.name + "')",
            {Note{at, "consistency STRONG is set here"}});
      for (const auto& p : m.access_patterns)
        if (p.operation == Operation::TransactWriteItems || p.operation == Operation::TransactGetItems)
          f.report(p.source.at("operation"), p.source.path_of("operation"),
                   "pattern '" + p.name + "' uses " + std::string(to_string(p.operation)) +
                       ", which a strongly consistent (MRSC) global table does not support",
                   {Note{at, "consistency STRONG is set here"}});
    }};

extern const Rule kTableReplicaWitness = {
    {"table/replica-witness", Severity::error, "`replicas.witness` without `consistency: STRONG`",
     "A witness Region takes part in the quorum of a multi-Region strongly consistent (MRSC) global table and "
     "holds no replica; an eventually consistent global table (the default) has none.",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"
     "aws-properties-dynamodb-globaltable-globaltablewitness.html",
     "table:\n  replicas: {regions: [us-east-2], witness: us-west-2}\n",
     "table:\n  replicas: {regions: [us-east-2], consistency: STRONG, witness: us-west-2}\n", ""},
    [](const Model& m, const Analysis&, Findings& f) {
      const Table& t = m.table;
      if (!t.witness || t.replica_consistency == ReplicaConsistency::STRONG) return;
      f.report(t.source.at("replicas"), "table.replicas.witness",
               "witness Region '" + *t.witness +
                   "' is only for a strongly consistent global table; add consistency: STRONG or remove the witness");
    }};
}  // namespace dynamodel
