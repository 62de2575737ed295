// operations/unknown-alarm: an alarm override names one of the alarm ids of analysis/alarms.hpp,
// or one alarm of the model by its suffix (`successful-request-latency-Query`).
#include <algorithm>

#include "analysis/alarms.hpp"
#include "model/text.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kOperationsUnknownAlarm = {
    {"operations/unknown-alarm", Severity::error, "an alarm override names an alarm that does not exist",
     "Overrides change CloudWatch's recommended alarms by id (read-throttle-events, successful-request-latency, "
     "...), or one alarm by its id and the GSI, operation or Region it watches (successful-request-latency-Query, "
     "gsi-read-throttle-events-ByStatus); an id that names no alarm of the model changes nothing, so the alarm it "
     "was meant for keeps its recommended threshold.",
     "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/"
     "Best_Practice_Recommended_Alarms_AWS_Services.html#DynamoDB",
     R"(operations:
  alarms:
    overrides:
      read-throttle: {threshold: 10})",
     R"(operations:
  alarms:
    overrides:
      read-throttle-events: {threshold: 10})",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      if (m.operations.alarms.overrides.empty()) return;
      // Kind ids, then the suffixes of the model's own alarms (`successful-request-latency-Query`).
      std::vector<std::string> names;
      for (const auto& k : alarm_kinds()) names.emplace_back(k.id);
      for (const auto& a : recommended_alarms(m))
        if (!a.dimension_value.empty()) names.push_back(a.suffix);
      const std::vector<std::string_view> ids(names.begin(), names.end());
      for (const auto& o : m.operations.alarms.overrides) {
        if (std::ranges::find(ids, std::string_view(o.id)) != ids.end()) continue;
        std::string message = "alarm override '" + o.id + "' names no alarm of this model";
        if (auto best = closest_match(o.id, ids)) message += "; did you mean '" + *best + "'?";
        f.report(o.source.location, o.source.path, message);
      }
    }};
}  // namespace dynamodel
