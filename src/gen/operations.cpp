// The stream consumers of `operations:` in neutral names, shared by every table target
// (CloudFormation, Terraform, CDK, CLI scripts): each becomes one Lambda event source mapping on
// the table's stream with the FilterCriteria of analysis/stream_filter.hpp.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html
// The alarms of `operations.alarms` (analysis/alarms.hpp) likewise: one CloudWatch alarm each.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
#include <algorithm>
#include <cctype>
#include <set>

#include "analysis/alarms.hpp"
#include "analysis/stream_filter.hpp"
#include "gen/generator.hpp"

namespace dynamodel {
namespace {

/// `read-throttle-events-ByStatus` -> ReadThrottleEventsByStatus (letters and digits only).
std::string camel_case(const std::string& text) {
  std::string out;
  bool upper = true;
  for (char ch : text) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(ch))) : ch;
    upper = false;
  }
  return out;
}

/// camel_case(`text`), made unique in `used` with N2, N3, ... (a logical id or construct name).
std::string unique_id(const std::string& text, std::set<std::string>& used) {
  const std::string camel = camel_case(text);
  std::string id = camel;
  for (int n = 2; !used.insert(id).second; ++n) id = camel + "N" + std::to_string(n);
  return id;
}

}  // namespace

nlohmann::json stream_consumers_view(const Model& model) {
  using nlohmann::json;
  json out = json::array();
  std::set<std::string> used;
  for (const auto& c : model.operations.stream_consumers) {
    // Consumer names are [a-z0-9-] (the loader checks): `order-events` -> OrderEvents, order_events.
    std::string snake = c.name;
    std::ranges::replace(snake, '-', '_');
    const std::string id = unique_id(c.name, used);
    const ConsumerFilter filter = stream_filter(model, c);
    json patterns = json::array();
    for (std::size_t i = 0; i < filter.patterns.size(); ++i)
      patterns.push_back({{"pattern", filter.patterns[i]}, {"last", i + 1 == filter.patterns.size()}});
    json entities = json::array();
    for (const auto& e : c.entities) entities.push_back(e);
    json events = json::array();
    for (StreamEvent e : c.events) events.push_back(std::string(to_string(e)));
    // The CLI's --filter-criteria and --destination-config values (JSON, ASCII only).
    json criteria = json::object();
    criteria["Filters"] = json::array();
    for (const auto& p : filter.patterns) criteria["Filters"].push_back({{"Pattern", p}});
    const std::string destination =
        c.on_failure.empty() ? "" : json{{"OnFailure", {{"Destination", c.on_failure}}}}.dump(-1, ' ', true);
    auto number = [](const std::optional<std::int64_t>& v) { return v ? json(*v) : json(false); };
    out.push_back({{"name", c.name},
                   {"id", id},
                   {"snake", snake},
                   {"function", c.function},
                   {"entities", entities},
                   {"events", events},
                   {"starting_position", std::string(to_string(c.starting_position))},
                   {"batch_size", number(c.batch_size)},
                   {"batching_window", number(c.batching_window_seconds)},
                   {"retries", number(c.maximum_retry_attempts)},
                   {"bisect", c.bisect_batch_on_error ? "true" : "false"},
                   {"bisect_flag", c.bisect_batch_on_error ? "--bisect-batch-on-function-error"
                                                           : "--no-bisect-batch-on-function-error"},
                   {"on_failure", c.on_failure.empty() ? json(false) : json{{"arn", c.on_failure}}},
                   {"has_filters", !patterns.empty()},
                   {"filters", patterns},
                   {"unfiltered", !filter.complete},
                   {"filter_criteria", criteria.dump(-1, ' ', true)},
                   {"destination_config", destination}});
  }
  return out;
}

nlohmann::json alarms_view(const Model& model) {
  using nlohmann::json;
  json out = json::array();
  std::set<std::string> used;
  for (const Alarm& a : table_alarms(model)) {
    const std::string id = unique_id(a.suffix, used);
    std::string snake;
    for (char ch : id) {
      if (std::isupper(static_cast<unsigned char>(ch)) && !snake.empty()) snake += '_';
      snake += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
    const std::string statistic(a.kind->statistic);
    const bool percentile = statistic.starts_with("p");
    json dimension =
        a.dimension_name.empty() ? json(false) : json{{"name", a.dimension_name}, {"value", a.dimension_value}};
    // The CLI's --dimensions value: JSON with the table's name left to the script ($table).
    out.push_back({{"alarm_id", std::string(a.kind->id)},
                   {"id", id},
                   {"snake", snake},
                   {"suffix", a.suffix},
                   {"metric", std::string(a.kind->metric)},
                   {"statistic", percentile ? json(false) : json(statistic)},
                   {"extended_statistic", percentile ? json(statistic) : json(false)},
                   {"statistic_text", statistic},
                   {"table_dimension", a.table_dimension},
                   {"dimension", dimension},
                   {"threshold", alarm_threshold_text(a.threshold)},
                   {"threshold_why", a.threshold_why},
                   {"period", a.period},
                   {"evaluation_periods", a.evaluation_periods},
                   {"datapoints", a.datapoints},
                   {"comparison", std::string(a.kind->comparison)},
                   {"why", std::string(a.kind->why)},
                   {"description", a.description}});
  }
  return out;
}

nlohmann::json alarm_notify_view(const Model& model) {
  using nlohmann::json;
  const std::string& notify = model.operations.alarms.notify;
  if (notify.empty() || table_alarms(model).empty()) return false;
  if (notify == "create") return {{"create", true}, {"arn", false}};
  return {{"create", false}, {"arn", notify}};
}

}  // namespace dynamodel
