// iam/no-pattern: a principal performs at least one access pattern or runs a stream consumer.
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kIamNoPattern = {
    {"iam/no-pattern", Severity::error, "a principal performs no access pattern",
     "Its policy would have no statement, which IAM refuses (a policy document needs at least one), and a caller "
     "without patterns (and without stream_consumers) is usually one whose patterns were forgotten: give it its "
     "patterns or remove it.",
     "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html",
     R"(principals:
  reporting:
    patterns: [])",
     R"(principals:
  reporting:
    patterns: [listOrdersByStatus])",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      for (const auto& who : m.principals)
        if (who.patterns.empty() && who.stream_consumers.empty())
          f.report(who.source.at("patterns"), who.source.path_of("patterns"),
                   "principal '" + who.name +
                       "' performs no access pattern and runs no stream consumer: its policy allows nothing");
    }};
}  // namespace dynamodel
