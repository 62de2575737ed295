// iam/unused-pattern: with principals declared, every access pattern is performed by one.
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kIamUnusedPattern = {
    {"iam/unused-pattern", Severity::info, "no principal performs an access pattern",
     "Once a model lists its principals, a pattern none of them performs is granted to nobody: its accessor "
     "would get AccessDenied. Either a principal is missing it, or the pattern is no longer needed.",
     "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
     R"(principals:
  order-service:
    patterns: [getOrder]
access_patterns:
  - {id: AP1, name: getOrder, ...}
  - {id: AP2, name: cancelOrder, ...})",
     R"(principals:
  order-service:
    patterns: [getOrder, cancelOrder])",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      if (m.principals.empty()) return;
      for (const auto& p : m.access_patterns) {
        bool used = false;
        for (const auto& who : m.principals)
          for (const auto& name : who.patterns) used = used || m.pattern(name) == &p;
        if (!used)
          f.report(p.source.at("name"), p.source.path_of("name"),
                   "no principal performs '" + p.name + "': no generated policy allows it");
      }
    }};
}  // namespace dynamodel
