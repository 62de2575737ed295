// Reporting the key-coverage problems (analysis/coverage.hpp) of one rule: the proof is
// computed once for all patterns; each coverage rule reports the problems that carry its id.
#pragma once

#include "rules/rule.hpp"

namespace dynamodel {

inline void report_coverage_problems(const Analysis& a, std::string_view rule, Findings& f) {
  for (const auto& pc : a.coverage.patterns)
    for (const auto& p : pc.problems)
      if (p.rule == rule) f.report(p.location, p.path, p.message, p.notes);
}

}  // namespace dynamodel
