// access/not-served: the pattern's key condition does not match its entity's key templates.
#include "rules/coverage_findings.hpp"
#include "rules/index_by_key.hpp"

namespace dynamodel {
namespace {

Wording describe(const CoverageProblem& p) {
  switch (p.issue) {
    case CoverageIssue::not_a_key:
      return {p.attribute + " is not a key attribute of " + p.key_space + " (its keys: " + joined(p.key_schema) + ")",
              {}};
    case CoverageIssue::partition_key_not_equality:
      return {p.operation + " on " + p.key_space + " needs its partition key " + p.attribute +
                  " by equality (a Query reads one item collection)",
              {}};
    case CoverageIssue::not_in_index:
      return {p.entity + " has no template for " + p.attribute + ", so its items are not in " + p.key_space +
                  " (a sparse index holds only items with all its key attributes); add " + p.attribute + " to " +
                  p.entity + ".keys",
              {Note{p.entity_location, p.entity + " is defined here"}}};
    default:  // template_mismatch
      return {p.condition + " does not match " + p.entity + "'s template \"" + p.key_template + "\" for " +
                  p.attribute + ": the request would never find " + p.entity + " items",
              {template_note(p)}};
  }
}
}  // namespace

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
    [](const Model& m, const Analysis& a, Findings& f) {
      for (const auto& pc : a.coverage.patterns)
        for (const auto& p : pc.problems) {
          if (p.rule != kAccessNotServed.info.id) continue;
          Wording w = describe(p);
          // A key attribute of an index queried on the table (or another index): the index the
          // key conditions are written for is the likely fix.
          std::optional<std::string> index;
          if (p.issue == CoverageIssue::not_a_key && pc.access_pattern) index = index_by_key(m, *pc.access_pattern);
          if (index && pc.index != *index) w.message += "; did you mean index: " + *index + "?";
          f.report(p.location, p.path, std::move(w.message), std::move(w.notes));
          if (index && pc.index != *index)
            f.fix("In " + pc.pattern + ", set index: " + *index + " (its keys are the ones the key conditions use).");
          else if (p.issue == CoverageIssue::template_mismatch)
            f.fix("In " + pc.pattern + ", write the condition on " + p.attribute + " with " + p.entity +
                  "'s template \"" + p.key_template + "\" (a prefix of it for begins_with).");
        }
    },
    nullptr,
    describe};
}  // namespace dynamodel
