// The stream consumers of `operations:` in neutral names, shared by every table target
// (CloudFormation, Terraform, CDK, CLI scripts): each becomes one Lambda event source mapping on
// the table's stream with the FilterCriteria of analysis/stream_filter.hpp.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html
#include <cctype>
#include <set>

#include "analysis/stream_filter.hpp"
#include "gen/generator.hpp"

namespace dynamodel {

nlohmann::json stream_consumers_view(const Model& model) {
  using nlohmann::json;
  json out = json::array();
  std::set<std::string> used;
  for (const auto& c : model.operations.stream_consumers) {
    // Consumer names are [a-z0-9-] (the loader checks): `order-events` -> OrderEvents, order_events.
    std::string camel, snake;
    bool upper = true;
    for (char ch : c.name) {
      snake += ch == '-' ? '_' : ch;
      if (ch == '-') {
        upper = true;
        continue;
      }
      camel += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(ch))) : ch;
      upper = false;
    }
    std::string id = camel;
    for (int n = 2; !used.insert(id).second; ++n) id = camel + "N" + std::to_string(n);
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

}  // namespace dynamodel
