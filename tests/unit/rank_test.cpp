// The design review's ranking of findings (report/rank.hpp): severity first, then impact.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "report/rank.hpp"
#include "rules/catalogue.hpp"

using namespace dynamodel;

namespace {
Diagnostic finding(std::string rule, Severity s) {
  return Diagnostic{std::move(rule), s, "m", Location{"f.yaml", 1, 1}, "", {}, {}, {}};
}
std::vector<std::string> rules_of(const std::vector<const Diagnostic*>& ranked) {
  std::vector<std::string> out;
  for (const auto* d : ranked) out.push_back(d->rule + ":" + std::string(to_string(d->severity)));
  return out;
}
}  // namespace

TEST_CASE("impact_of sorts rules into load, cost and hygiene") {
  CHECK(impact_of("hot/partition-throughput") == Impact::breaks_at_load);
  CHECK(impact_of("hot/low-cardinality-partition-key") == Impact::breaks_at_load);
  CHECK(impact_of("capacity/table-quota") == Impact::breaks_at_load);
  CHECK(impact_of("index/lsi-collection-size") == Impact::breaks_at_load);
  CHECK(impact_of("access/scan") == Impact::cost);
  CHECK(impact_of("index/all-projection-write-cost") == Impact::cost);
  CHECK(impact_of("naming/reserved-word") == Impact::hygiene);
  CHECK(impact_of("table/pitr-disabled") == Impact::hygiene);
  CHECK(impact_of("no/such-rule") == Impact::hygiene);
  CHECK(impact_of("hotel/x") == Impact::hygiene);
}

TEST_CASE("every rule impact_of names is a rule of the catalogue") {
  const auto& known = known_rule_ids();
  for (auto id : listed_impact_rules()) {
    INFO(id);
    CHECK(std::find(known.begin(), known.end(), id) != known.end());
  }
}

TEST_CASE("rank_findings: by severity, then load, cost, hygiene; never an info above a warning") {
  const std::vector<Diagnostic> findings{
      finding("naming/reserved-word", Severity::info),
      finding("table/pitr-disabled", Severity::warning),
      finding("access/scan", Severity::warning),
      finding("hot/counter-item", Severity::info),
      finding("hot/low-cardinality-partition-key", Severity::warning),
      finding("keys/missing", Severity::error),
      finding("index/all-projection-write-cost", Severity::info),
      finding("hot/single-item", Severity::error),
  };
  CHECK(rules_of(rank_findings(findings)) == std::vector<std::string>{
                                                 "hot/single-item:error",
                                                 "keys/missing:error",
                                                 "hot/low-cardinality-partition-key:warning",
                                                 "access/scan:warning",
                                                 "table/pitr-disabled:warning",
                                                 "hot/counter-item:info",
                                                 "index/all-projection-write-cost:info",
                                                 "naming/reserved-word:info",
                                             });
}

TEST_CASE("rank_findings keeps the given order among equals and points into the input") {
  const std::vector<Diagnostic> findings{finding("table/pitr-disabled", Severity::warning),
                                         finding("table/deletion-protection-disabled", Severity::warning)};
  const auto ranked = rank_findings(findings);
  REQUIRE(ranked.size() == 2);
  CHECK(ranked[0] == &findings[0]);
  CHECK(ranked[1] == &findings[1]);
  CHECK(rank_findings({}).empty());
}
