// The table settings that a flavour of a target cannot express (target/* rules and generators).
#include "gen/deployed.hpp"

namespace dynamodel {

std::vector<Refusal> terraform_module_refusals(const Table& t) {
  std::vector<Refusal> out;
  auto add = [&out](const Source& src, std::string_view field, const std::string& what) {
    out.push_back(Refusal{src.at(field), src.path_of(field), what});
  };
  if (t.on_demand_throughput) add(t.source, "on_demand_throughput", "table.on_demand_throughput");
  if (t.warm_throughput) add(t.source, "warm_throughput", "table.warm_throughput");
  if (t.recovery_period_days) add(t.source, "point_in_time_recovery", "point_in_time_recovery.recovery_period_days");
  if (t.contributor_insights) add(t.source, "contributor_insights", "table.contributor_insights");
  if (t.resource_policy) add(t.source, "resource_policy", "table.resource_policy");
  if (t.replica_consistency || t.witness) add(t.source, "replicas", "replicas.consistency/witness");
  for (const auto& g : t.global_secondary_indexes) {
    if (g.on_demand_throughput) add(g.source, "on_demand_throughput", "GSI '" + g.name + "' on_demand_throughput");
    if (g.warm_throughput) add(g.source, "warm_throughput", "GSI '" + g.name + "' warm_throughput");
    if (g.contributor_insights) add(g.source, "contributor_insights", "GSI '" + g.name + "' contributor_insights");
    if (g.multi_attribute) add(g.source, "partition_key", "GSI '" + g.name + "' multi-attribute key");
  }
  return out;
}

}  // namespace dynamodel
