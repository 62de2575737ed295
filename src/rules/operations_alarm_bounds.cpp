// operations/alarm-bounds: an alarm override's period, evaluation periods and datapoints are what
// PutMetricAlarm accepts, and the alarms' names fit CloudWatch's 255 characters.
#include <algorithm>

#include "analysis/alarms.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
namespace {

/// PutMetricAlarm: Period is 10, 30 or a multiple of 60 seconds; EvaluationPeriods >= 1, and
/// Period x EvaluationPeriods at most one day (86,400 s); DatapointsToAlarm 1..EvaluationPeriods;
/// AlarmName 1..255 characters.
/// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
constexpr std::int64_t kMaxEvaluationSeconds = 86400;
constexpr std::size_t kMaxAlarmName = 255;

}  // namespace

extern const Rule kOperationsAlarmBounds = {
    {"operations/alarm-bounds", Severity::error,
     "an alarm's period, evaluation periods, datapoints or name are outside what CloudWatch accepts",
     "PutMetricAlarm accepts a period of 10, 30 or a multiple of 60 seconds, at least one evaluation period, at "
     "most a day of them (period x evaluation periods <= 86,400 s), 1 to evaluation-periods datapoints, and "
     "alarm names of at most 255 characters; anything else fails when the alarm is created. DynamoDB publishes "
     "its metrics every minute, so a period under 60 s sees no data.",
     "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html",
     R"(operations:
  alarms:
    overrides:
      system-errors: {period: 90, evaluation_periods: 2, datapoints: 3})",
     R"(operations:
  alarms:
    overrides:
      system-errors: {period: 120, evaluation_periods: 3, datapoints: 3})",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      for (const auto& o : m.operations.alarms.overrides) {
        const AlarmKind* kind = overridden_kind(m, o.id);
        if (!kind) continue;  // operations/unknown-alarm's
        const std::string who = "alarm '" + o.id + "': ";
        // An override of one alarm refines its kind's override: the numbers it leaves out are those.
        const AlarmOverride* of_kind = nullptr;
        if (kind->id != o.id)
          for (const auto& k : m.operations.alarms.overrides)
            if (k.id == kind->id) of_kind = &k;
        auto inherited = [&](const std::optional<std::int64_t> AlarmOverride::*field, std::int64_t fallback) {
          if (o.*field) return *(o.*field);
          if (of_kind && of_kind->*field) return *(of_kind->*field);
          return fallback;
        };
        const std::int64_t period = inherited(&AlarmOverride::period, kind->period);
        const std::int64_t evaluations = inherited(&AlarmOverride::evaluation_periods, kind->evaluation_periods);
        const std::int64_t datapoints = inherited(&AlarmOverride::datapoints, std::min(kind->datapoints, evaluations));
        if (o.period && !(period == 10 || period == 30 || (period >= 60 && period % 60 == 0)))
          f.report(o.source.at("period"), o.source.path_of("period"),
                   who + "period " + std::to_string(period) + " s is not 10, 30 or a multiple of 60");
        else if (o.period && period < 60)
          f.report(o.source.at("period"), o.source.path_of("period"),
                   who + "period " + std::to_string(period) +
                       " s is shorter than the minute DynamoDB publishes its metrics at: the alarm sees no data");
        if (o.evaluation_periods && evaluations < 1)
          f.report(o.source.at("evaluation_periods"), o.source.path_of("evaluation_periods"),
                   who + "evaluation_periods must be at least 1");
        else if ((o.period || o.evaluation_periods) && period > 0 && evaluations * period > kMaxEvaluationSeconds)
          f.report(o.source.at(o.evaluation_periods ? "evaluation_periods" : "period"),
                   o.source.path_of(o.evaluation_periods ? "evaluation_periods" : "period"),
                   who + std::to_string(evaluations) + " periods of " + std::to_string(period) +
                       " s are more than a day (86,400 s), what CloudWatch evaluates at most");
        if (o.datapoints && (datapoints < 1 || datapoints > evaluations))
          f.report(o.source.at("datapoints"), o.source.path_of("datapoints"),
                   who + "datapoints " + std::to_string(datapoints) + " is outside 1.." + std::to_string(evaluations) +
                       " (its evaluation periods)");
      }
      // `<environment>-<table>-<suffix>`, with an environment of at least one character.
      const std::size_t longest = longest_alarm_suffix(m);
      if (longest > 0 && 2 + m.table.name.size() + longest > kMaxAlarmName)
        f.report(m.table.source.at("name"), m.table.source.path_of("name"),
                 "the alarms' names (<environment>-<table>-<alarm>, the alarm naming a GSI, operation or "
                 "Region) would be longer than CloudWatch's 255 characters: " +
                     std::to_string(2 + m.table.name.size() + longest) +
                     " with a one-character environment; shorten the table or index names, or set "
                     "operations.alarms.enabled: false");
    }};
}  // namespace dynamodel
