// `# dynamodel: ignore[...] -- reason` comments (rules/suppressions.hpp): what a comment covers,
// what is not a suppression, and how findings are silenced or reported.
#include <catch2/catch.hpp>

#include "rules/suppressions.hpp"

using namespace dynamodel;

namespace {

Diagnostic finding(const std::string& rule, int line, const FileName& file) {
  return Diagnostic{rule, Severity::warning, "m", Location{file, line, 3}, "", {}, {}, {}};
}

}  // namespace

TEST_CASE("suppressions: a comment alone covers the next node and its block", "[suppressions]") {
  const std::string text =
      "access_patterns:\n"                                     // 1
      "  # dynamodel: ignore[access/scan, hot/*] -- export\n"  // 2
      "\n"                                                     // 3
      "  - id: AP2\n"                                          // 4
      "    name: x\n"                                          // 5
      "    # a comment inside\n"                               // 6
      "    operation: Scan\n"                                  // 7
      "  - id: AP3\n";                                         // 8
  const auto list = parse_suppressions(text, "m.yaml");
  REQUIRE(list.size() == 1);
  CHECK(list[0].at.line == 2);
  CHECK(list[0].at.column == 3);
  CHECK(list[0].rules == std::vector<std::string>{"access/scan", "hot/*"});
  CHECK(list[0].reason == "export");
  CHECK(list[0].first_line == 4);
  CHECK(list[0].last_line == 7);
}

TEST_CASE("suppressions: at the end of a line, that line's node; same-level list items of a key", "[suppressions]") {
  const std::string text =
      "entities:  # dynamodel: ignore[size/unbounded] -- ids only\n"          // 1
      "- Order\n"                                                             // 2
      "- Line\n"                                                              // 3
      "table: {name: T}  # dynamodel: ignore[table/pitr-disabled] -- dev\n";  // 4
  const auto list = parse_suppressions(text, "m.yaml");
  REQUIRE(list.size() == 2);
  CHECK(list[0].first_line == 1);
  CHECK(list[0].last_line == 3);
  CHECK(list[1].first_line == 4);
  CHECK(list[1].last_line == 4);
}

TEST_CASE("suppressions: a # inside a quoted scalar is not a comment", "[suppressions]") {
  const std::string text =
      "name: \"a # dynamodel: ignore[access/scan] -- no\"\n"
      "other: 'b # dynamodel: ignore[access/scan]'\n"
      "x: 1 # not dynamodel: ignore[access/scan]\n"
      "y: 2 #dynamodel:ignore[keys/size]--tight\n";
  const auto list = parse_suppressions(text, "m.yaml");
  REQUIRE(list.size() == 1);
  CHECK(list[0].rules == std::vector<std::string>{"keys/size"});
  CHECK(list[0].reason == "tight");
}

TEST_CASE("suppressions: silence matching findings, report unknown, reasonless and unused ones", "[suppressions]") {
  const FileName file("m.yaml");
  const std::string text =
      "a: 1  # dynamodel: ignore[access/scan] -- ok\n"      // 1
      "b: 2  # dynamodel: ignore[access/scna] -- typo\n"    // 2
      "c: 3  # dynamodel: ignore[keys/size]\n"              // 3
      "d: 4  # dynamodel: ignore[hot/*] -- unused\n"        // 4
      "e: 5  # dynamodel: ignore[naming/*] -- disabled\n";  // 5
  const std::vector<std::string_view> known{"access/scan", "keys/size", "hot/single-item", "naming/reserved-word",
                                            "schema/invalid-value"};
  std::vector<Diagnostic> findings{finding("access/scan", 1, file), finding("access/scan", 2, file),
                                   finding("keys/size", 3, file), finding("schema/invalid-value", 1, file)};
  std::vector<SuppressedFinding> suppressed;
  apply_suppressions(text, file, known, {"naming/reserved-word"}, findings, suppressed);
  REQUIRE(suppressed.size() == 2);
  CHECK(suppressed[0].finding.location.line == 1);
  CHECK(suppressed[0].justification == "ok");
  CHECK(suppressed[0].kind == "inSource");
  CHECK(suppressed[1].finding.rule == "keys/size");
  std::vector<std::string> rules;
  for (const auto& d : findings) rules.push_back(d.rule + "@" + std::to_string(d.location.line));
  // A structural finding is never silenced; the typo is reported with the closest id; the
  // reasonless one still applies; hot/* silenced nothing; naming/* names a disabled rule.
  CHECK(rules == std::vector<std::string>{"schema/invalid-value@1", "access/scan@2", "lint/suppression-rule@2",
                                          "lint/suppression-reason@3", "lint/unused-suppression@4"});
  CHECK(findings[2].message.find("did you mean 'access/scan'") != std::string::npos);
}
