// Reporting the key-coverage problems (analysis/coverage.hpp) of one rule: the proof is
// computed once for all patterns; each coverage rule reports the problems that carry its id,
// in its own words (its `describe`).
#pragma once

#include <string>
#include <vector>

#include "rules/rule.hpp"

namespace dynamodel {

inline void report_coverage_problems(const Analysis& a, const Rule& rule, Findings& f) {
  for (const auto& pc : a.coverage.patterns)
    for (const auto& p : pc.problems)
      if (p.rule == rule.info.id) {
        Wording w = rule.describe(p);
        f.report(p.location, p.path, std::move(w.message), std::move(w.notes));
      }
}

/// "a, b, c": names for a message.
inline std::string joined(const std::vector<std::string>& names, const char* separator = ", ") {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : separator) + n;
  return out;
}

/// The note that shows an entity's template: `Order.SK is "ORDER#{orderId}"`.
inline Note template_note(const CoverageProblem& p) {
  return Note{p.template_location, p.entity + "." + p.attribute + " is \"" + p.key_template + "\""};
}

}  // namespace dynamodel
