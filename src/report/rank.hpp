// What to fix first: the design review's ranking of findings by impact.
#pragma once

#include <string_view>
#include <vector>

#include "diag/diagnostic.hpp"

namespace dynamodel {

/// How much a finding costs the team if left alone, most first.
enum class Impact {
  breaks_at_load = 0,  ///< fails at the declared load or a DynamoDB quota: hot keys, throttling, limits
  cost = 1,            ///< works but costs more than it needs: scans, extra index writes, pagination
  hygiene = 2,         ///< everything else: naming, settings, documentation
};

/// The impact class of a rule id (`hot/partition-throughput` -> breaks_at_load). Rules of the
/// groups hot/ and capacity/ and the quota rules break at load; the rules listed as costly cost;
/// any other rule (and an unknown id) is hygiene.
Impact impact_of(std::string_view rule);

/// The rule ids impact_of names one by one (the quota rules and the costly ones), so a test
/// can check that each is a rule of the catalogue.
std::vector<std::string_view> listed_impact_rules();

/// The findings in the order the review shows them under "Most important findings": by
/// severity first (every error, then every warning, then every info note: an info note never
/// comes before a warning), then by impact (what breaks at the declared load, then cost, then
/// hygiene), then in their given order (stable). Pointers into `findings`.
std::vector<const Diagnostic*> rank_findings(const std::vector<Diagnostic>& findings);

}  // namespace dynamodel
