// iam/leading-key-placeholder: each `leading_keys` entry of a principal names a placeholder of
// the partition key of at least one pattern it performs.
#include <algorithm>

#include "iam/policy.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
namespace {

/// The partition-key templates the principal's patterns use (table, index, transaction actions).
std::vector<const KeyTemplate*> partition_templates(const Model& m, const Principal& who) {
  std::vector<const KeyTemplate*> out;
  for (const auto& name : who.patterns) {
    const AccessPattern* p = m.pattern(name);
    if (!p) continue;
    if (const auto* t = iam::partition_template(m, p->key, p->index)) out.push_back(t);
    for (const auto& a : p->actions)
      if (const auto* t = iam::partition_template(m, a.key, std::nullopt)) out.push_back(t);
  }
  return out;
}

}  // namespace

extern const Rule kIamLeadingKeyPlaceholder = {
    {"iam/leading-key-placeholder", Severity::error,
     "a leading_keys entry names no placeholder of its principal's partition keys",
     "dynamodb:LeadingKeys compares the request's partition key value; the policy builds that value from the "
     "pattern's partition-key template, putting the policy variable where the placeholder is. A placeholder that "
     "no partition key of the principal's patterns has restricts nothing: a typo, or a mapping meant for another "
     "principal.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html",
     R"(principals:
  order-service:
    patterns: [getOrder]            # PK: "USER#{userId}"
    leading_keys: {customerId: "${aws:PrincipalTag/userId}"})",
     R"(principals:
  order-service:
    patterns: [getOrder]            # PK: "USER#{userId}"
    leading_keys: {userId: "${aws:PrincipalTag/userId}"})",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      for (const auto& who : m.principals) {
        const auto templates = partition_templates(m, who);
        for (const auto& lk : who.leading_keys) {
          const bool used = std::ranges::any_of(templates, [&](const KeyTemplate* t) {
            const auto names = t->placeholders();
            return std::ranges::find(names, lk.placeholder) != names.end();
          });
          if (!used)
            f.report(lk.location, who.source.path_of("leading_keys") + "." + lk.placeholder,
                     "no partition key of the patterns principal '" + who.name + "' performs has the placeholder {" +
                         lk.placeholder + "}: this leading key restricts nothing");
        }
      }
    }};
}  // namespace dynamodel
