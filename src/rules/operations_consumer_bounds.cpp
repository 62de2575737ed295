// operations/consumer-bounds: a stream consumer's batch size, batching window and retries are
// within what Lambda accepts for a DynamoDB event source mapping.
#include "rules/rule.hpp"

namespace dynamodel {
namespace {

/// Lambda's bounds for a DynamoDB stream event source mapping
/// (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html and
/// https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html):
/// BatchSize 1..10000, MaximumBatchingWindowInSeconds 0..300, MaximumRetryAttempts -1..10000
/// (-1: retry until the record expires).
struct Bound {
  const char* field;
  std::int64_t min;
  std::int64_t max;
};
constexpr Bound kBatchSize{"batch_size", 1, 10000};
constexpr Bound kWindow{"batching_window_seconds", 0, 300};
constexpr Bound kRetries{"maximum_retry_attempts", -1, 10000};

}  // namespace

extern const Rule kOperationsConsumerBounds = {
    {"operations/consumer-bounds", Severity::error,
     "a stream consumer's batch size, batching window or retries are outside Lambda's bounds",
     "For a DynamoDB stream, Lambda accepts a batch size of 1 to 10,000 records, a batching window of 0 to 300 "
     "seconds and 0 to 10,000 retries (-1: until the record expires); any other value fails when the event "
     "source mapping is created.",
     "https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html",
     R"(operations:
  stream_consumers:
    order-events: {function: process-orders, batch_size: 20000, batching_window_seconds: 600})",
     R"(operations:
  stream_consumers:
    order-events: {function: process-orders, batch_size: 10000, batching_window_seconds: 300})",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      for (const auto& c : m.operations.stream_consumers) {
        auto check = [&](const Bound& b, const std::optional<std::int64_t>& v) {
          if (!v || (*v >= b.min && *v <= b.max)) return;
          f.report(c.source.at(b.field), c.source.path_of(b.field),
                   "stream consumer '" + c.name + "': " + b.field + " " + std::to_string(*v) + " is outside " +
                       std::to_string(b.min) + ".." + std::to_string(b.max) +
                       ", what Lambda accepts for a DynamoDB stream");
        };
        check(kBatchSize, c.batch_size);
        check(kWindow, c.batching_window_seconds);
        check(kRetries, c.maximum_retry_attempts);
      }
    }};
}  // namespace dynamodel
