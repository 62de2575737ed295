// iam/unrestricted-pattern: when a principal enforces leading keys, each of its patterns is
// restricted by them.
#include "iam/policy.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kIamUnrestrictedPattern = {
    {"iam/unrestricted-pattern", Severity::warning,
     "a pattern of a principal with leading_keys gets no dynamodb:LeadingKeys condition",
     "A principal with leading_keys is meant to touch only its own items; a pattern whose partition key has none "
     "of the mapped placeholders (another entity's key, a GSI keyed otherwise, a Scan) is granted on every item "
     "of the table or index, which undoes the isolation, for writes above all.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html",
     R"(principals:
  customer-app:
    patterns: [getOrder, restockProduct]    # restockProduct: PK "PRODUCT#{productId}"
    leading_keys: {userId: "${aws:PrincipalTag/userId}"})",
     R"(principals:
  customer-app:
    patterns: [getOrder]                    # PK "USER#{userId}"
    leading_keys: {userId: "${aws:PrincipalTag/userId}"})",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      for (const auto& who : m.principals) {
        if (who.leading_keys.empty()) continue;
        for (std::size_t i = 0; i < who.patterns.size(); ++i) {
          const AccessPattern* p = m.pattern(who.patterns[i]);
          if (!p) continue;
          std::vector<std::string> actions;
          for (const auto& n : iam::pattern_needs(m, who, *p).needs)
            if (n.unrestricted) actions.push_back(n.action);
          if (actions.empty()) continue;
          std::string list;
          for (const auto& a : actions) list += (list.empty() ? "" : ", ") + a;
          f.report(i < who.pattern_locations.size() ? who.pattern_locations[i] : who.source.at("patterns"),
                   who.source.path_of("patterns") + "[" + std::to_string(i) + "]",
                   "principal '" + who.name + "' enforces leading keys, but '" + p->name + "' (" + list +
                       ") has no partition key with a mapped placeholder: it is allowed on every item");
        }
      }
    }};
}  // namespace dynamodel
