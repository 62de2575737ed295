// The table settings every table target deploys (on-demand maximum, warm throughput, point-in-time
// recovery period, contributor insights, resource policy, multi-Region consistency and witness),
// as one neutral view that each target's templates print in their own words.
#include "gen/generator.hpp"

namespace dynamodel {

using nlohmann::json;

namespace {
json number_or_false(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(false); }

json on_demand(const std::optional<OnDemandThroughput>& t) {
  if (!t) return false;
  return {{"max_read", number_or_false(t->max_read)}, {"max_write", number_or_false(t->max_write)}};
}

json warm(const std::optional<WarmThroughput>& t) {
  if (!t) return false;
  return {{"read", number_or_false(t->read)}, {"write", number_or_false(t->write)}};
}

json insights(const std::optional<ContributorInsightsMode>& m) {
  if (!m) return false;
  return {{"mode", std::string(to_string(*m))}};
}
}  // namespace

json gsi_settings_view(const GlobalSecondaryIndex& g) {
  return {{"on_demand", on_demand(g.on_demand_throughput)},
          {"warm", warm(g.warm_throughput)},
          {"insights", insights(g.contributor_insights)}};
}

json table_settings_view(const Table& t) {
  json view = {{"on_demand", on_demand(t.on_demand_throughput)},
               {"warm", warm(t.warm_throughput)},
               {"insights", insights(t.contributor_insights)},
               {"pitr_days", number_or_false(t.recovery_period_days)}};
  view["resource_policy"] = t.resource_policy && !t.resource_policy->document.empty()
                                ? json{{"document", t.resource_policy->document}}
                                : json(false);
  view["consistency"] =
      t.replica_consistency ? json{{"mode", std::string(to_string(*t.replica_consistency))}} : json(false);
  view["witness"] = t.witness ? json{{"region", *t.witness}} : json(false);
  return view;
}

}  // namespace dynamodel
