// The access patterns that drive a key space's demand, for the capacity rules
// (capacity/table-quota, capacity/provisioned-below-demand): they name them in the message and
// in Diagnostic::patterns, which the design review highlights in its access-pattern matrix.
#pragma once

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "analysis/analysis.hpp"

namespace dynamodel {

/// One pattern's share of a key space's demand, in RCU/s or WCU/s.
struct PatternDemand {
  const PatternAnalysis* pattern = nullptr;
  double units_per_second = 0;
};

/// The patterns with demand on key space `index` (empty: the table), most first (at most
/// `limit`): reads are the patterns that read through it, writes the base-table writes
/// (`index` empty) or the index writes the patterns cause on that GSI.
inline std::vector<PatternDemand> driving_patterns(const Analysis& a, const std::string& index, bool reads,
                                                   std::size_t limit = 3) {
  std::vector<PatternDemand> v;
  for (const auto& p : a.patterns) {
    double d = 0;
    if (reads)
      d = p.index == index ? p.rcu_per_second : 0;
    else if (index.empty())
      d = p.wcu_per_second;
    else
      for (const auto& w : p.gsi_wcu)
        if (w.index == index) d += w.wcu_per_call * p.rate_per_second;
    if (d > 0) v.push_back({&p, d});
  }
  std::stable_sort(v.begin(), v.end(),
                   [](const auto& x, const auto& y) { return x.units_per_second > y.units_per_second; });
  if (v.size() > limit) v.resize(limit);
  return v;
}

/// The ids of `driving`, in order.
inline std::vector<std::string> pattern_ids(const std::vector<PatternDemand>& driving) {
  std::vector<std::string> ids;
  for (const auto& d : driving) ids.push_back(d.pattern->id);
  return ids;
}

/// Whether any of `driving` reads strongly consistently (so eventually consistent reads would
/// halve its RCU); false when all already read eventually consistently.
inline bool any_strongly_consistent(const std::vector<PatternDemand>& driving) {
  return std::any_of(driving.begin(), driving.end(),
                     [](const PatternDemand& d) { return d.pattern->pattern && d.pattern->pattern->consistent_read; });
}

}  // namespace dynamodel
