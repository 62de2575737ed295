// operations/stream-missing: a stream consumer needs the table's stream.
#include "gen/deployed.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kOperationsStreamMissing = {
    {"operations/stream-missing", Severity::error, "a stream consumer on a table without a stream",
     "A Lambda event source mapping reads the table's DynamoDB stream (its StreamArn); a table without "
     "`stream:` has none, so the mapping cannot be created and the consumer would never run.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.Lambda.html",
     R"(table:
  name: Orders
  # no stream
operations:
  stream_consumers:
    order-events: {function: process-orders, entities: [Order]})",
     R"(table:
  name: Orders
  stream: NEW_AND_OLD_IMAGES
operations:
  stream_consumers:
    order-events: {function: process-orders, entities: [Order]})",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      // A global table has a NEW_AND_OLD_IMAGES stream even when `stream` is left out.
      if (deployed_stream(m.table)) return;
      for (const auto& c : m.operations.stream_consumers)
        f.report(c.source.location, c.source.path,
                 "stream consumer '" + c.name +
                     "' reads the table's stream, but the table has none; set "
                     "table.stream (KEYS_ONLY is enough for a filter on keys)");
    }};
}  // namespace dynamodel
