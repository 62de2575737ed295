// Per-rule fixtures in the style of clang-tidy's check_clang_tidy.py: every file
// tests/rules/<rule id with '/' as '__'>[.<variant>].yaml is a model whose offending lines
// carry an end-of-line comment `# expect: <rule-id> [<rule-id>...]`, or that comment alone on
// the line above them. Loading the model and running every rule must produce exactly those
// findings (as a multiset of line and rule id) for the rules in scope: a missing finding and an
// extra one both fail. In scope are the fixture's own rule, every rule a marker names, every
// rule of `# check-also:`, and every error (a fixture is a valid design but for its errors).
// Severity is compared too: a marked finding must have its rule's catalogue severity
// (docs/rules.md), unless the marker states another with `=`: `# expect: hot/single-item=warning`
// (also in `# expect-at: 3:1 keys/size=error`); the suffix is one of error, warning, info. A
// marker without it means the catalogue severity, so a rule that starts reporting another
// severity (a limit moved by one, an escalation that fires early) fails its fixture.
// Forms for the top of a fixture:
//   # expect-at: LINE:COL <rule-id>     a finding where no marker can go (yaml/syntax)
//   # expect-message: <substring>       some finding's message contains the substring
//   # check-also: <rule-id>...          more rules whose findings must match exactly
//   # target-options: --terraform-style module | --cdk-construct Table|TableV2|auto
//                                       the target/* rules read these flavours (default: as
//                                       `validate` without options)
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "rules/catalogue.hpp"
#include "model/loader.hpp"
#include "rules/catalogue.hpp"
#include "rules/rule.hpp"
#include "rules/suppressions.hpp"

namespace fs = std::filesystem;
using namespace dynamodel;

namespace {

const fs::path kFixtureDir = fs::path(DYNAMODEL_SOURCE_DIR) / "tests" / "rules";

struct Expectation {
  int line = 0;
  int column = 0;  ///< 0: any column
  std::string rule;
  std::string text;                  ///< the source line, for the failure message
  std::optional<Severity> severity;  ///< stated with `rule-id=severity`; none: the catalogue severity
};

struct Fixture {
  std::vector<Expectation> expected;
  std::vector<std::string> messages;  ///< expect-message substrings
  std::vector<std::string> errors;    ///< malformed markers
  std::set<std::string> scope;        ///< rules whose findings are compared
  TargetOptions options;              ///< `# target-options:`
};

std::string trim(std::string s) {
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

std::vector<std::string> words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::vector<fs::path> fixture_files() {
  std::vector<fs::path> files;
  if (fs::is_directory(kFixtureDir))
    for (const auto& entry : fs::directory_iterator(kFixtureDir))
      if (entry.is_regular_file() && entry.path().extension() == ".yaml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

/// `naming__table-name.boundary.yaml` -> `naming/table-name`.
std::string fixture_rule_id(const fs::path& file) {
  std::string stem = file.filename().string();
  stem = stem.substr(0, stem.find('.'));
  const auto sep = stem.find("__");
  if (sep != std::string::npos) stem.replace(sep, 2, "/");
  return stem;
}

bool is_known_rule_id(const std::string& id) {
  const auto& ids = known_rule_ids();
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

/// Splits a marker word `rule-id[=severity]` into `e.rule` and `e.severity`; false when the
/// severity is not error, warning or info.
bool parse_marker_id(const std::string& word, Expectation& e) {
  const auto eq = word.find('=');
  e.rule = word.substr(0, eq);
  if (eq == std::string::npos) return true;
  Severity s{};
  if (!parse_severity(word.substr(eq + 1), s)) return false;
  e.severity = s;
  return true;
}

/// The severity a finding of `e` must have: the marker's, else the rule's catalogue severity.
std::optional<Severity> expected_severity(const Expectation& e) {
  if (e.severity) return e.severity;
  if (auto entry = catalogue_entry(e.rule)) return entry->info.severity;
  return std::nullopt;
}

Fixture read_fixture(const fs::path& file) {
  Fixture f;
  std::ifstream in(file, std::ios::binary);
  std::string line;
  int number = 0;
  const std::string kAt = "# expect-at:", kMessage = "# expect-message:", kExpect = "# expect:",
                    kAlso = "# check-also:", kOptions = "# target-options:";
  f.scope.insert(fixture_rule_id(file));
  std::vector<Expectation> pending;  ///< a marker alone on its line: it applies to the next line
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string where = file.filename().string() + ":" + std::to_string(number) + ": ";
    const std::string stripped = trim(line);
    if (stripped.rfind(kAt, 0) == 0) {
      auto w = words(stripped.substr(kAt.size()));
      Expectation e;
      char colon = 0;
      std::istringstream pos(w.empty() ? "" : w[0]);
      if (w.size() != 2 || !(pos >> e.line >> colon >> e.column) || colon != ':' || !pos.eof()) {
        f.errors.push_back(where + "malformed marker, want '# expect-at: LINE:COL rule-id'");
        continue;
      }
      if (!parse_marker_id(w[1], e))
        f.errors.push_back(where + "'" + w[1] + "': severity must be error, warning or info");
      e.text = stripped;
      f.expected.push_back(e);
      continue;
    }
    if (stripped.rfind(kAlso, 0) == 0) {
      for (const auto& id : words(stripped.substr(kAlso.size()))) {
        if (!is_known_rule_id(id)) f.errors.push_back(where + "'" + id + "' is no known rule id");
        f.scope.insert(id);
      }
      continue;
    }
    if (stripped.rfind(kOptions, 0) == 0) {
      const auto w = words(stripped.substr(kOptions.size()));
      for (std::size_t i = 0; i + 1 < w.size(); i += 2) {
        if (w[i] == "--terraform-style")
          f.options.terraform_style = w[i + 1];
        else if (w[i] == "--cdk-construct")
          f.options.cdk_construct = w[i + 1];
        else
          f.errors.push_back(where + "'" + w[i] + "' is no target option");
      }
      if (w.size() % 2 != 0) f.errors.push_back(where + "a target option without its value");
      continue;
    }
    if (stripped.rfind(kMessage, 0) == 0) {
      std::string m = trim(stripped.substr(kMessage.size()));
      if (m.empty())
        f.errors.push_back(where + "empty '# expect-message:'");
      else
        f.messages.push_back(m);
      continue;
    }
    const auto at = line.find(kExpect);
    if (at == std::string::npos) {
      if (!pending.empty() && !stripped.empty() && stripped[0] != '#') {
        for (auto e : pending) {
          e.line = number;
          e.text = stripped;
          f.expected.push_back(e);
        }
        pending.clear();
      }
      continue;
    }
    auto ids = words(line.substr(at + kExpect.size()));
    if (ids.empty()) f.errors.push_back(where + "'# expect:' names no rule id");
    const bool alone = trim(line.substr(0, at)).empty();
    for (const auto& word : ids) {
      Expectation e{number, 0, "", trim(line.substr(0, at)), std::nullopt};
      if (!parse_marker_id(word, e))
        f.errors.push_back(where + "'" + word + "': severity must be error, warning or info");
      if (!is_known_rule_id(e.rule)) f.errors.push_back(where + "'" + e.rule + "' is no known rule id");
      f.scope.insert(e.rule);
      if (alone)
        pending.push_back(e);
      else
        f.expected.push_back(e);
    }
  }
  if (!pending.empty()) f.errors.push_back(file.filename().string() + ": '# expect:' on the last line marks nothing");
  return f;
}

struct Outcome {
  std::vector<Diagnostic> findings;
  std::string problem;  ///< set when the fixture could not be run
};

Outcome run_fixture(const fs::path& file, const TargetOptions& options) {
  Outcome o;
  try {
    const std::string text = read_model_file(file);
    LoadResult loaded = load_model_text(text, file.string(), known_rule_ids());
    o.findings = loaded.diagnostics;
    if (loaded.model) {
      auto more = run_rules(*loaded.model, {}, options);
      // The model's `# dynamodel: ignore[...]` comments, as validate applies them.
      std::vector<SuppressedFinding> suppressed;
      const std::set<std::string> off(loaded.model->lint.disable.begin(), loaded.model->lint.disable.end());
      apply_suppressions(text, loaded.model->file, known_rule_ids(), off, more, suppressed);
      o.findings.insert(o.findings.end(), more.begin(), more.end());
    }
  } catch (const std::exception& e) {
    o.problem = e.what();
  }
  sort_diagnostics(o.findings);
  return o;
}

/// Compares findings with expectations as a multiset; returns one line per mismatch.
std::vector<std::string> compare(const fs::path& file, const Fixture& fixture,
                                 const std::vector<Diagnostic>& findings) {
  const std::string name = file.filename().string();
  std::vector<std::string> mismatches = fixture.errors;
  std::vector<bool> used(findings.size(), false);
  for (std::size_t i = 0; i < findings.size(); ++i)  // out of scope: neither compared nor unexpected
    used[i] = findings[i].severity != Severity::error && fixture.scope.count(findings[i].rule) == 0;
  std::vector<const Expectation*> order;
  // Expectations with a column first, so that a column-less one cannot take their finding.
  for (const auto& e : fixture.expected)
    if (e.column != 0) order.push_back(&e);
  for (const auto& e : fixture.expected)
    if (e.column == 0) order.push_back(&e);
  for (const Expectation* e : order) {
    bool found = false;
    const std::optional<Severity> severity = expected_severity(*e);
    for (std::size_t i = 0; i < findings.size() && !found; ++i) {
      const Diagnostic& d = findings[i];
      if (used[i] || d.rule != e->rule || d.location.line != e->line) continue;
      if (e->column != 0 && d.location.column != e->column) continue;
      if (severity && d.severity != *severity) continue;
      used[i] = found = true;
    }
    if (!found) {
      std::string at = std::to_string(e->line) + (e->column ? ":" + std::to_string(e->column) : "");
      const std::string sev = severity ? " (" + std::string(to_string(*severity)) + ")" : "";
      mismatches.push_back(name + ":" + at + ": expected " + e->rule + sev + ": no such finding (line: " + e->text +
                           ")");
    }
  }
  for (std::size_t i = 0; i < findings.size(); ++i) {
    if (used[i]) continue;
    const Diagnostic& d = findings[i];
    mismatches.push_back(name + ":" + std::to_string(d.location.line) + ": unexpected " + d.rule + " (" +
                         std::string(to_string(d.severity)) + "): " + d.message + " (column " +
                         std::to_string(d.location.column) + ")");
  }
  for (const auto& m : fixture.messages) {
    bool found = std::any_of(findings.begin(), findings.end(),
                             [&](const Diagnostic& d) { return d.message.find(m) != std::string::npos; });
    if (!found) mismatches.push_back(name + ": expected a finding whose message contains '" + m + "'");
  }
  return mismatches;
}

std::string fixture_for(std::string_view rule_id) {
  std::string s(rule_id);
  const auto slash = s.find('/');
  if (slash != std::string::npos) s.replace(slash, 1, "__");
  return s;
}

}  // namespace

TEST_CASE("rule fixtures: each fixture reports exactly its expect markers", "[rules][fixtures]") {
  const auto files = fixture_files();
  REQUIRE_FALSE(files.empty());
  for (const auto& file : files) {
    DYNAMIC_SECTION(file.filename().string()) {
      const std::string name = file.filename().string();
      INFO("fixture " << file.string());
      CHECK(is_known_rule_id(fixture_rule_id(file)));
      const Fixture fixture = read_fixture(file);
      const Outcome outcome = run_fixture(file, fixture.options);
      if (!outcome.problem.empty()) FAIL(name + ": cannot run: " + outcome.problem);
      const auto mismatches = compare(file, fixture, outcome.findings);
      for (const auto& m : mismatches) FAIL_CHECK(m);
      if (mismatches.empty()) SUCCEED(name + ": findings match the markers");
    }
  }
}

TEST_CASE("rule fixtures: the main fixture of a rule triggers that rule", "[rules][fixtures]") {
  for (const auto& file : fixture_files()) {
    const std::string name = file.filename().string();
    if (name.find('.') != name.rfind('.')) continue;  // a variant (`id.variant.yaml`) may be all-passing
    const Fixture fixture = read_fixture(file);
    const std::string id = fixture_rule_id(file);
    INFO(name);
    CHECK(std::any_of(fixture.expected.begin(), fixture.expected.end(),
                      [&](const Expectation& e) { return e.rule == id; }));
  }
}

TEST_CASE("rule fixtures: every rule has a fixture, metadata and a catalogue id", "[rules][fixtures]") {
  const auto files = fixture_files();
  std::set<std::string> ids_with_fixture;
  for (const auto& f : files) ids_with_fixture.insert(fixture_rule_id(f));
  const auto& known = known_rule_ids();
  std::set<std::string> seen;
  REQUIRE_FALSE(rules().empty());
  for (const auto& rule : rules()) {
    const std::string id(rule.info.id);
    INFO("rule " << id);
    CHECK(seen.insert(id).second);
    CHECK(std::find(known.begin(), known.end(), rule.info.id) != known.end());
    CHECK(ids_with_fixture.count(id) == 1);
    CHECK(fs::exists(kFixtureDir / (fixture_for(id) + ".yaml")));
    CHECK_FALSE(trim(std::string(rule.info.summary)).empty());
    CHECK_FALSE(trim(std::string(rule.info.why)).empty());
    CHECK(std::string(rule.info.source).rfind("https://docs.aws.amazon.com/", 0) == 0);
    CHECK(std::string(rule.info.source).size() > std::string("https://docs.aws.amazon.com/").size());
  }
  // The loader's structural rules have fixtures too.
  for (const char* id : {"yaml/syntax", "schema/unknown-field", "schema/missing-field", "schema/invalid-value",
                         "schema/duplicate-key"}) {
    INFO("structural rule " << id);
    CHECK(fs::exists(kFixtureDir / (fixture_for(id) + ".yaml")));
  }
}

TEST_CASE("rule fixtures: one load reports every structural problem of a file", "[rules][fixtures][loader]") {
  const fs::path file = kFixtureDir / "schema__invalid-value.several-problems.yaml";
  REQUIRE(fs::exists(file));
  const LoadResult loaded = load_model_file(file, known_rule_ids());
  CHECK_FALSE(loaded.model.has_value());
  std::set<int> lines;
  std::set<std::string> kinds;
  for (const auto& d : loaded.diagnostics) {
    lines.insert(d.location.line);
    kinds.insert(d.rule);
  }
  CHECK(loaded.diagnostics.size() >= 5);
  CHECK(lines.size() >= 5);
  CHECK(kinds.count("schema/unknown-field") == 1);
  CHECK(kinds.count("schema/missing-field") == 1);
  CHECK(kinds.count("schema/invalid-value") == 1);
  CHECK(kinds.count("schema/duplicate-key") == 1);
  // And the markers of the file match them exactly (as in the fixture test above).
  const auto mismatches = compare(file, read_fixture(file), loaded.diagnostics);
  for (const auto& m : mismatches) FAIL_CHECK(m);
}

TEST_CASE("rule fixtures: the marker checker itself catches missing and extra findings", "[rules][fixtures]") {
  Fixture f;
  f.expected.push_back(Expectation{3, 0, "naming/table-name", "name: x", std::nullopt});
  f.expected.push_back(Expectation{3, 0, "naming/table-name", "name: x", std::nullopt});
  f.messages.emplace_back("must be");
  f.scope = {"naming/table-name", "table/pitr-disabled"};
  Diagnostic d{"naming/table-name",
               Severity::error,
               "table name 'x' must be 3 to 255 characters",
               {"f.yaml", 3, 9},
               "table.name",
               {},
               {},
               {}};
  Diagnostic extra{
      "table/pitr-disabled", Severity::warning, "point-in-time recovery is off", {"f.yaml", 5, 3}, "", {}, {}, {}};
  SECTION("an exact match passes") { CHECK(compare("f.yaml", f, {d, d}).empty()); }
  SECTION("a missing duplicate fails") {
    auto m = compare("f.yaml", f, {d});
    REQUIRE(m.size() == 1);
    CHECK(m[0].rfind("f.yaml:3: expected naming/table-name", 0) == 0);
  }
  SECTION("an extra finding fails") {
    auto m = compare("f.yaml", f, {d, d, extra});
    REQUIRE(m.size() == 1);
    CHECK(m[0].rfind("f.yaml:5: unexpected table/pitr-disabled (warning): point-in-time recovery is off", 0) == 0);
  }
  SECTION("a finding of another severity than the catalogue's fails, both ways reported") {
    Diagnostic warning = d;
    warning.severity = Severity::warning;
    auto m = compare("f.yaml", f, {d, warning});
    REQUIRE(m.size() == 2);
    CHECK(m[0] == "f.yaml:3: expected naming/table-name (error): no such finding (line: name: x)");
    CHECK(m[1].rfind("f.yaml:3: unexpected naming/table-name (warning): ", 0) == 0);
  }
  SECTION("a marker's =severity replaces the catalogue severity") {
    f.expected[1].severity = Severity::warning;
    Diagnostic warning = d;
    warning.severity = Severity::warning;
    CHECK(compare("f.yaml", f, {d, warning}).empty());
    CHECK(compare("f.yaml", f, {d, d}).size() == 2);
  }
  SECTION("a warning of a rule out of scope is ignored, an error never") {
    f.scope = {"naming/table-name"};
    CHECK(compare("f.yaml", f, {d, d, extra}).empty());
    Diagnostic error_out_of_scope = extra;
    error_out_of_scope.severity = Severity::error;
    CHECK(compare("f.yaml", f, {d, d, error_out_of_scope}).size() == 1);
  }
  SECTION("a message that is not found fails") {
    f.messages = {"did you mean"};
    CHECK(compare("f.yaml", f, {d, d}).size() == 1);
  }
}

TEST_CASE("rule fixtures: markers read `rule-id=severity`, and refuse an unknown severity", "[rules][fixtures]") {
  const fs::path file = fs::temp_directory_path() / ("dynamodel-marker-" + std::to_string(::getpid()) + ".yaml");
  {
    std::ofstream out(file, std::ios::binary);
    out << "# expect-at: 1:1 yaml/syntax=warning\n"
           "a: 1  # expect: hot/single-item=warning keys/size\n"
           "# expect: table/pitr-disabled=info\n"
           "b: 2\n"
           "c: 3  # expect: keys/size=fatal\n";
  }
  const Fixture f = read_fixture(file);
  fs::remove(file);
  REQUIRE(f.expected.size() == 5);
  CHECK(f.expected[0].rule == "yaml/syntax");
  CHECK(f.expected[0].severity == Severity::warning);
  CHECK(f.expected[1].rule == "hot/single-item");
  CHECK(f.expected[1].severity == Severity::warning);
  CHECK(f.expected[2].rule == "keys/size");
  CHECK_FALSE(f.expected[2].severity.has_value());
  CHECK(expected_severity(f.expected[2]) == Severity::error);  // the catalogue's
  CHECK(f.expected[3].rule == "table/pitr-disabled");
  CHECK(f.expected[3].line == 4);
  CHECK(f.expected[3].severity == Severity::info);
  REQUIRE(f.errors.size() == 1);
  CHECK(f.errors[0].find("'keys/size=fatal': severity must be error, warning or info") != std::string::npos);
}
