// access/multi-attribute-key: a Query on a GSI with a multi-attribute key whose key condition
// DynamoDB rejects: a partition-key attribute without `=`, a sort-key attribute skipped, or a
// range condition before the last sort-key attribute given.
#include "rules/coverage_findings.hpp"

namespace dynamodel {
namespace {

Wording describe(const CoverageProblem& p) {
  const std::string schema = "the key schema of " + p.key_space + " is " + joined(p.key_schema, ", ");
  switch (p.issue) {
    case CoverageIssue::multi_key_partition:
      return {p.operation + " on " + p.key_space + " needs = on every partition-key attribute; " + joined(p.names) +
                  (p.names.size() == 1 ? " has" : " have") + " no equality",
              {Note{p.location, schema}}};
    case CoverageIssue::multi_key_skipped_sort:
      return {"the key condition skips sort-key attribute " + p.attribute + " of " + p.key_space + " but gives " +
                  p.names[0] + ": sort-key attributes are given left to right",
              {Note{p.location, schema}}};
    default:  // multi_key_range_not_last
      return {p.condition + " is a range on " + p.attribute + ", but " + p.names[0] +
                  " follows it: only the last sort-key attribute given may have a range condition (=, then one of "
                  "begins_with, between, lt, le, gt, ge last)",
              {Note{p.location, schema}}};
  }
}
}  // namespace

extern const Rule kAccessMultiAttributeKey = {
    {"access/multi-attribute-key", Severity::error,
     "a key condition on a multi-attribute GSI key that DynamoDB rejects",
     "A GSI key of several attributes is queried with = on every partition-key attribute and conditions on the "
     "sort-key attributes from left to right, without skipping one: = on each but the last given, which may be "
     "a range (begins_with, between, lt, le, gt, ge). Any other shape is a ValidationException.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.DesignPattern.MultiAttributeKeys.html",
     "    index: ByTenantStatus   # keys [tenantId, region] / [status, updatedAt]\n"
     "    key: {tenantId: \"{tenantId}\", region: \"{region}\", updatedAt: {gt: \"{since}\"}}   # status skipped\n",
     "    index: ByTenantStatus\n"
     "    key: {tenantId: \"{tenantId}\", region: \"{region}\", status: \"{status}\", updatedAt: {gt: \"{since}\"}}\n",
     ""},
    [](const Model&, const Analysis& a, Findings& f) { report_coverage_problems(a, kAccessMultiAttributeKey, f); },
    nullptr,
    describe};
}  // namespace dynamodel
