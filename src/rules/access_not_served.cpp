// access/not-served: the pattern's key condition does not match its entity's key templates.
#include "rules/coverage_findings.hpp"

namespace dynamodel {
extern const Rule kAccessNotServed = {
    {"access/not-served", Severity::error, "the key condition does not match the entity's key templates on that index",
     "A key condition finds items only when it builds exactly the key values the entity's items were written "
     "with: the partition key by equality with the same template, on an index the entity takes part in (a sparse "
     "index holds only items that have all its key attributes). Otherwise the request succeeds and returns "
     "nothing, the kind of bug no test against an empty table catches.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html",
     "entities:\n  Order:\n    keys: {PK: \"USER#{userId}\", SK: \"ORDER#{orderId}\"}\n"
     "access_patterns:\n  - name: listOrders\n    entity: Order\n    operation: Query\n"
     "    key: {PK: \"CUSTOMER#{userId}\"}\n",
     "access_patterns:\n  - name: listOrders\n    entity: Order\n    operation: Query\n"
     "    key: {PK: \"USER#{userId}\", SK: {begins_with: \"ORDER#\"}}\n",
     ""},
    [](const Model&, const Analysis& a, Findings& f) { report_coverage_problems(a, "access/not-served", f); }};
}  // namespace dynamodel
