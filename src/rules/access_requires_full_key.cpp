// access/requires-full-key: single-item operations need the whole primary key, on the table.
#include "rules/coverage_findings.hpp"

namespace dynamodel {
namespace {

Wording describe(const CoverageProblem& p) {
  if (p.issue == CoverageIssue::single_item_on_index)
    return {p.operation + " addresses one item by its primary key and works on the table only, not on " + p.key_space +
                ": use Query on the index (a GSI key need not be unique)",
            {}};
  return {p.operation + " needs the full primary key by equality; " + joined(p.names, " and ") +
              " is missing or not an equality (use Query for a range of items)",
          {}};
}
}  // namespace

extern const Rule kAccessRequiresFullKey = {
    {"access/requires-full-key", Severity::error,
     "GetItem/PutItem/UpdateItem/DeleteItem without the full primary key, or GetItem on an index",
     "GetItem, PutItem, UpdateItem, DeleteItem, their batch forms and transaction actions address exactly one "
     "item by its full primary key (partition key and, if the table has one, sort key, both by equality). They "
     "work on the table only: index keys need not be unique, so reading one item by an index key is a Query.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html",
     "- name: getOrder\n  entity: Order\n  operation: GetItem\n  key: {PK: \"USER#{userId}\"}\n",
     "- name: getOrder\n  entity: Order\n  operation: GetItem\n  key: {PK: \"USER#{userId}\", SK: "
     "\"ORDER#{orderId}\"}\n",
     ""},
    [](const Model&, const Analysis& a, Findings& f) { report_coverage_problems(a, kAccessRequiresFullKey, f); },
    nullptr,
    describe};
}  // namespace dynamodel
