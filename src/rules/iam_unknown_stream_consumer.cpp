// iam/unknown-stream-consumer: every entry of a principal's `stream_consumers` names a consumer
// of `operations.stream_consumers`.
#include <algorithm>

#include "model/text.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kIamUnknownStreamConsumer = {
    {"iam/unknown-stream-consumer", Severity::error, "a principal names a stream consumer that does not exist",
     "A principal's stream permissions are derived from the stream consumers whose functions run as it; a name "
     "that matches no consumer of operations.stream_consumers would silently grant nothing, and the function "
     "would fail to read the stream.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/iam-policy-example-lamda-process-dynamodb-"
     "streams.html",
     R"(principals:
  order-events-processor:
    stream_consumers: [order-event]
operations:
  stream_consumers:
    order-events: {function: process-orders})",
     R"(principals:
  order-events-processor:
    stream_consumers: [order-events])",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      std::vector<std::string_view> names;
      for (const auto& c : m.operations.stream_consumers) names.push_back(c.name);
      for (const auto& who : m.principals) {
        for (std::size_t i = 0; i < who.stream_consumers.size(); ++i) {
          const std::string& name = who.stream_consumers[i];
          if (std::ranges::find(names, name) != names.end()) continue;
          std::string message = "principal '" + who.name + "' runs stream consumer '" + name +
                                "', but operations.stream_consumers has no consumer of that name";
          if (auto best = closest_match(name, names)) message += "; did you mean '" + *best + "'?";
          f.report(i < who.stream_consumer_locations.size() ? who.stream_consumer_locations[i]
                                                            : who.source.at("stream_consumers"),
                   who.source.path_of("stream_consumers") + "[" + std::to_string(i) + "]", message);
        }
      }
    }};
}  // namespace dynamodel
