// iam/unowned-stream-consumer: with principals declared, every stream consumer's function runs
// as one of them.
#include <algorithm>

#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kIamUnownedStreamConsumer = {
    {"iam/unowned-stream-consumer", Severity::info, "no principal runs a stream consumer",
     "Once a model lists its principals, a stream consumer none of them runs gets no generated policy: its "
     "function's execution role needs dynamodb:DescribeStream, GetRecords, GetShardIterator and ListStreams on "
     "the table's stream (and the send action of its on-failure destination), or Lambda cannot read the stream.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/iam-policy-example-lamda-process-dynamodb-"
     "streams.html",
     R"(principals:
  order-service:
    patterns: [getOrder]
operations:
  stream_consumers:
    order-events: {function: process-orders})",
     R"(principals:
  order-service:
    patterns: [getOrder]
  order-events-processor:
    stream_consumers: [order-events])",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      if (m.principals.empty()) return;
      for (const auto& c : m.operations.stream_consumers) {
        const bool owned = std::ranges::any_of(
            m.principals, [&](const Principal& who) { return std::ranges::count(who.stream_consumers, c.name) > 0; });
        if (!owned)
          f.report(c.source.location, c.source.path,
                   "no principal runs stream consumer '" + c.name + "' (function " + c.function +
                       "): no generated policy lets it read the stream; list it under a principal's "
                       "stream_consumers");
      }
    }};
}  // namespace dynamodel
