// Output formats of findings: the summary line, SARIF 2.1.0 and GitHub workflow commands.
// (The SARIF log is also validated against the official schema in tests/e2e/test_cli.py.)
#include <catch2/catch.hpp>
#include <sstream>

#include "diag/format.hpp"

using namespace dynamodel;

namespace {

Diagnostic finding(Severity s, std::string file, int line, int column, std::string rule, std::string message) {
  return Diagnostic{std::move(rule), s, std::move(message), Location{std::move(file), line, column}, "", {}, {}, {}};
}

}  // namespace

TEST_CASE("format: the summary line counts findings by severity and files", "[format]") {
  CHECK(summary_line({}, 1) == "0 errors, 0 warnings, 0 info in 1 file");
  std::vector<Diagnostic> ds = {
      finding(Severity::error, "a.yaml", 1, 1, "x/y", "m"), finding(Severity::error, "a.yaml", 2, 1, "x/y", "m"),
      finding(Severity::warning, "b.yaml", 1, 1, "x/y", "m"), finding(Severity::info, "b.yaml", 1, 1, "x/y", "m")};
  CHECK(summary_line(ds, 4) == "2 errors, 1 warning, 1 info in 4 files");
}

TEST_CASE("format: GitHub workflow commands are escaped as GitHub's toolkit does", "[format]") {
  Diagnostic d = finding(Severity::error, "dir/we,ird:name.yaml", 3, 7, "keys/collision", "50% of keys\r\nclash");
  d.notes.push_back(Note{Location{"dir/we,ird:name.yaml", 9, 5}, "Order is defined here"});
  std::ostringstream out;
  print_github(out, {d, finding(Severity::warning, "m.yaml", 2, 0, "table/pitr-disabled", "a, b: c"),
                     finding(Severity::info, "m.yaml", 0, 0, "size/unbounded", "x")});
  CHECK(out.str() ==
        "::error file=dir/we%2Cird%3Aname.yaml,line=3,col=7,title=keys/collision::50%25 of keys%0D%0Aclash"
        "%0Anote: dir/we,ird:name.yaml:9:5: Order is defined here\n"
        "::warning file=m.yaml,line=2,title=table/pitr-disabled::a, b: c\n"
        "::notice file=m.yaml,title=size/unbounded::x\n");
}

TEST_CASE("format: a SARIF log has one run with rules, results and locations", "[format][sarif]") {
  const std::vector<SarifRule> rules = {
      {"table/pitr-disabled", Severity::warning, "point-in-time recovery off", "why", "https://docs.aws.amazon.com/x"},
      {"yaml/syntax", Severity::error, "not YAML", "", ""}};
  Diagnostic d = finding(Severity::warning, "./models/my model.yaml", 5, 3, "table/pitr-disabled", "off");
  d.notes.push_back(Note{Location{"models/my model.yaml", 4, 1}, "the table"});
  const auto log = to_sarif({d, finding(Severity::info, "/abs/m.yaml", 0, 0, "other/rule", "x")}, rules, "1.2.3",
                            "https://example.org/dynamodel");
  CHECK(log["version"] == "2.1.0");
  REQUIRE(log["runs"].size() == 1);
  const auto& run = log["runs"][0];
  CHECK(run["tool"]["driver"]["name"] == "dynamodel");
  CHECK(run["tool"]["driver"]["version"] == "1.2.3");
  CHECK(run["tool"]["driver"]["informationUri"] == "https://example.org/dynamodel");
  const auto& descriptors = run["tool"]["driver"]["rules"];
  REQUIRE(descriptors.size() == 2);
  CHECK(descriptors[0]["id"] == "table/pitr-disabled");
  CHECK(descriptors[0]["shortDescription"]["text"] == "point-in-time recovery off");
  CHECK(descriptors[0]["fullDescription"]["text"] == "why");
  CHECK(descriptors[0]["helpUri"] == "https://docs.aws.amazon.com/x");
  CHECK(descriptors[0]["defaultConfiguration"]["level"] == "warning");
  CHECK_FALSE(descriptors[1].contains("helpUri"));
  CHECK_FALSE(descriptors[1].contains("fullDescription"));

  REQUIRE(run["results"].size() == 2);
  const auto& r = run["results"][0];
  CHECK(r["ruleId"] == "table/pitr-disabled");
  CHECK(r["ruleIndex"] == 0);
  CHECK(r["level"] == "warning");
  CHECK(r["message"]["text"] == "off");
  const auto& physical = r["locations"][0]["physicalLocation"];
  CHECK(physical["artifactLocation"]["uri"] == "models/my%20model.yaml");
  CHECK(physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
  CHECK(physical["region"]["startLine"] == 5);
  CHECK(physical["region"]["startColumn"] == 3);
  REQUIRE(r["relatedLocations"].size() == 1);
  CHECK(r["relatedLocations"][0]["message"]["text"] == "the table");
  CHECK(r["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 4);

  const auto& other = run["results"][1];
  CHECK(other["level"] == "note");
  CHECK_FALSE(other.contains("ruleIndex"));  // a rule outside the list: no index
  const auto& abs = other["locations"][0]["physicalLocation"];
  CHECK(abs["artifactLocation"]["uri"] == "file:///abs/m.yaml");
  CHECK_FALSE(abs["artifactLocation"].contains("uriBaseId"));
  CHECK_FALSE(abs.contains("region"));  // line 0: the whole file
}

TEST_CASE("file names: one shared copy per name, compared and ordered as strings", "[format]") {
  const std::string long_name = "models/a-rather-long-folder-name/orders.yaml";  // past the short-string buffer
  const FileName a{long_name}, b{std::string_view(long_name)}, c{"models/b.yaml"};
  CHECK(&a.str() == &b.str());  // interned: copies share the characters
  const FileName copy = a;
  CHECK(&copy.str() == &a.str());
  CHECK(a == b);
  CHECK_FALSE(a == c);
  CHECK(a.str() == long_name);
  CHECK(a < c);  // "models/a..." < "models/b.yaml"
  CHECK_FALSE(c < a);
  CHECK(FileName().empty());
  CHECK(FileName("") == FileName());
  // Findings sort by file name as text, whichever name was interned first.
  std::vector<Diagnostic> d = {finding(Severity::error, "z.yaml", 1, 1, "r", "m"),
                               finding(Severity::error, "a.yaml", 9, 1, "r", "m")};
  sort_diagnostics(d);
  CHECK(d[0].location.file.str() == "a.yaml");
}

TEST_CASE("format: a finding's fix and driving patterns are in JSON and in SARIF's property bag", "[format][sarif]") {
  Diagnostic d = finding(Severity::warning, "m.yaml", 5, 3, "hot/partition-throughput", "hot");
  d.fix = "shard Order's partition key: STATUS#{status}#{shard}";
  d.patterns = {"AP2", "AP7"};
  const Diagnostic plain = finding(Severity::info, "m.yaml", 1, 1, "x/y", "m");
  const auto list = to_json({d, plain});
  CHECK(list[0]["fix"] == "shard Order's partition key: STATUS#{status}#{shard}");
  CHECK(list[0]["patterns"] == nlohmann::json::array({"AP2", "AP7"}));
  CHECK_FALSE(list[1].contains("fix"));  // present only when the rule wrote one
  CHECK_FALSE(list[1].contains("patterns"));
  const auto log = to_sarif({d, plain}, {}, "1.2.3", "");
  const auto& results = log["runs"][0]["results"];
  CHECK(results[0]["properties"]["fix"] == d.fix);
  CHECK(results[0]["properties"]["patterns"] == nlohmann::json::array({"AP2", "AP7"}));
  CHECK_FALSE(results[1].contains("properties"));
}
