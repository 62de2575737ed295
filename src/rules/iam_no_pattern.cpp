// iam/no-pattern: a principal performs at least one access pattern.
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kIamNoPattern = {
    {"iam/no-pattern", Severity::warning, "a principal performs no access pattern",
     "Its policy would allow nothing; the iam targets still write it, so that the principal exists, but a caller "
     "without patterns is usually one whose patterns were forgotten.",
     "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
     R"(principals:
  reporting:
    patterns: [])",
     R"(principals:
  reporting:
    patterns: [listOrdersByStatus])",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      for (const auto& who : m.principals)
        if (who.patterns.empty())
          f.report(who.source.at("patterns"), who.source.path_of("patterns"),
                   "principal '" + who.name + "' performs no access pattern: its policy allows nothing");
    }};
}  // namespace dynamodel
