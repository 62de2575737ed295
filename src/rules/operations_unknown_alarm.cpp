// operations/unknown-alarm: an alarm override names one of the alarm ids of analysis/alarms.hpp.
#include "analysis/alarms.hpp"
#include "model/text.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kOperationsUnknownAlarm = {
    {"operations/unknown-alarm", Severity::error, "an alarm override names an alarm that does not exist",
     "Overrides change CloudWatch's recommended alarms by id (read-throttle-events, successful-request-latency, "
     "...); an id that names no alarm changes nothing, so the alarm it was meant for keeps its recommended "
     "threshold.",
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
      std::vector<std::string_view> ids;
      for (const auto& k : alarm_kinds()) ids.push_back(k.id);
      for (const auto& o : m.operations.alarms.overrides) {
        if (find_alarm_kind(o.id)) continue;
        std::string message = "alarm override '" + o.id + "' names no alarm";
        if (auto best = closest_match(o.id, ids)) message += "; did you mean '" + *best + "'?";
        f.report(o.source.location, o.source.path, message);
      }
    }};
}  // namespace dynamodel
