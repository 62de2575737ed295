// access/batch-limit: BatchGetItem takes at most 100 keys, BatchWriteItem 25 requests,
// TransactWriteItems and TransactGetItems 100 actions.
#include "rules/rule.hpp"

namespace dynamodel {
namespace {
// Constraints.html#limits-api and #limits-dynamodb-transactions.
constexpr std::int64_t kBatchGetKeys = 100;
constexpr std::int64_t kBatchWriteRequests = 25;
constexpr std::int64_t kTransactionActions = 100;
}  // namespace

extern const Rule kAccessBatchLimit = {
    {"access/batch-limit", Severity::error,
     "a batch or transaction bigger than DynamoDB allows (100 get, 25 write, 100 transact)",
     "BatchGetItem takes at most 100 keys, BatchWriteItem 25 put or delete requests, and a transaction "
     "100 actions; a bigger call fails with a ValidationException, so the caller must split it.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html#limits-api",
     "- name: putReadings\n  entity: Reading\n  operation: BatchWriteItem\n  returns: 100   # items per call\n",
     "- name: putReadings\n  entity: Reading\n  operation: BatchWriteItem\n  returns: 25\n", ""},
    [](const Model& m, const Analysis&, Findings& f) {
      for (const auto& p : m.access_patterns) {
        const std::string op(to_string(p.operation));
        if (p.operation == Operation::TransactWriteItems || p.operation == Operation::TransactGetItems) {
          const auto n = static_cast<std::int64_t>(p.actions.size());
          if (n > kTransactionActions)
            f.report(p.source.at("actions"), p.source.path_of("actions"),
                     p.id + " lists " + std::to_string(n) + " actions; " + op +
                         " takes at most 100 actions in one call: split it (it is then no longer atomic)");
          continue;
        }
        std::int64_t max = 0;
        const char* what = "";
        if (p.operation == Operation::BatchGetItem) {
          max = kBatchGetKeys;
          what = "keys";
        } else if (p.operation == Operation::BatchWriteItem) {
          max = kBatchWriteRequests;
          what = "put or delete requests";
        } else {
          continue;
        }
        // The items one call handles: `returns` (items per call), or `limit` when it is larger.
        const char* field = "returns";
        std::int64_t n = p.returns.value_or(0);
        if (p.limit && *p.limit > n) {
          field = "limit";
          n = *p.limit;
        }
        if (n > max)
          f.report(p.source.at(field), p.source.path_of(field),
                   p.id + " handles " + std::to_string(n) + " items per call (" + field + ": " + std::to_string(n) +
                       "); " + op + " takes at most " + std::to_string(max) + " " + what +
                       " per call: the accessor must split the work into calls of " + std::to_string(max) +
                       " or fewer (set " + field + " to at most " + std::to_string(max) + ")");
      }
    }};
}  // namespace dynamodel
