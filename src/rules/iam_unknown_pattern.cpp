// iam/unknown-pattern: every entry of a principal's `patterns` names an access pattern.
#include "model/text.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kIamUnknownPattern = {
    {"iam/unknown-pattern", Severity::error, "a principal names an access pattern that does not exist",
     "A principal's policy is derived from the access patterns it performs; a name that matches no pattern "
     "(by name or id) would silently grant nothing for the call the service makes.",
     "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
     R"(principals:
  order-service:
    patterns: [getOrdr])",
     R"(principals:
  order-service:
    patterns: [getOrder])",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      std::vector<std::string_view> names;
      for (const auto& p : m.access_patterns) names.push_back(p.name);
      for (const auto& who : m.principals) {
        for (std::size_t i = 0; i < who.patterns.size(); ++i) {
          const std::string& name = who.patterns[i];
          if (m.pattern(name)) continue;
          std::string message =
              "principal '" + who.name + "' performs '" + name + "', but no access pattern has that name or id";
          if (auto best = closest_match(name, names)) message += "; did you mean '" + *best + "'?";
          f.report(i < who.pattern_locations.size() ? who.pattern_locations[i] : who.source.at("patterns"),
                   who.source.path_of("patterns") + "[" + std::to_string(i) + "]", message);
        }
      }
    }};
}  // namespace dynamodel
