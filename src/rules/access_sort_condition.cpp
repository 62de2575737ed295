// access/sort-condition: a sort-key condition the entity's sort-key template cannot satisfy.
#include "rules/coverage_findings.hpp"

namespace dynamodel {
namespace {

Wording describe(const CoverageProblem& p) {
  switch (p.issue) {
    case CoverageIssue::begins_with_not_string:
      return {"begins_with needs a string sort key; " + p.attribute + " is of type " + p.attribute_type +
                  " (use between, lt, le, gt or ge)",
              {}};
    case CoverageIssue::prefix_impossible:
      return {p.condition + " cannot select " + p.entity + " items: \"" + p.operand +
                  "\" is not a prefix that the template \"" + p.key_template + "\" can produce",
              {template_note(p)}};
    default:  // range_impossible
      return {p.condition + " cannot select " + p.entity + " items: every value of the template \"" + p.key_template +
                  "\" lies on the other side of the bound",
              {template_note(p)}};
  }
}
}  // namespace

extern const Rule kAccessSortCondition = {
    {"access/sort-condition", Severity::error,
     "a sort-key condition that cannot match the entity's sort-key template, or begins_with on an N key",
     "Sort-key conditions compare the stored values: a begins_with prefix or a range bound must be text the "
     "entity's sort-key template produces (`ORDER#` for `ORDER#{orderId}`), or the Query returns nothing. "
     "begins_with applies to string sort keys only; DynamoDB rejects it on a Number sort key.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html",
     "    key: {PK: \"USER#{userId}\", SK: {begins_with: \"ORDERS#\"}}   # template is ORDER#{orderId}\n",
     "    key: {PK: \"USER#{userId}\", SK: {begins_with: \"ORDER#\"}}\n", ""},
    [](const Model&, const Analysis& a, Findings& f) { report_coverage_problems(a, kAccessSortCondition, f); },
    nullptr,
    describe};
}  // namespace dynamodel
