// The meta-test of the rule catalogue: every registered rule carries its metadata (summary,
// why, AWS source, failing and passing example), has its section in docs/rules.md, a failing
// fixture tests/rules/<id>.yaml that fires and a passing variant that does not. A failure
// names the rule and lists exactly what is missing.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "rules/catalogue.hpp"
#include "model/loader.hpp"
#include "rules/catalogue.hpp"
#include "rules/rule.hpp"

namespace fs = std::filesystem;
using namespace dynamodel;

namespace {

const fs::path kRoot = fs::path(DYNAMODEL_SOURCE_DIR);

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}

/// `table/pitr-disabled` -> `table__pitr-disabled`.
std::string fixture_stem(std::string_view id) {
  std::string s(id);
  const auto slash = s.find('/');
  if (slash != std::string::npos) s.replace(slash, 1, "__");
  return s;
}

/// True when some line of `text` carries an `# expect:` marker naming `id`.
bool has_marker(const std::string& text, std::string_view id) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const auto at = line.find("# expect:");
    if (at == std::string::npos) continue;
    std::istringstream words(line.substr(at + 9));
    for (std::string w; words >> w;)
      if (w == id) return true;
  }
  return false;
}

/// The rule ids of the findings of one fixture (loader and rules); empty on a load failure.
/// The flavours a fixture's `# target-options:` line names (rule_fixtures_test.cpp reads it too).
TargetOptions target_options(const fs::path& file) {
  TargetOptions options;
  std::ifstream in(file);
  const std::string marker = "# target-options:";
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(marker, 0) != 0) continue;
    std::istringstream words(line.substr(marker.size()));
    for (std::string option, value; words >> option >> value;) {
      if (option == "--terraform-style") options.terraform_style = value;
      if (option == "--cdk-construct") options.cdk_construct = value;
    }
  }
  return options;
}

std::vector<std::string> finding_rules(const fs::path& file) {
  std::vector<std::string> out;
  try {
    LoadResult loaded = load_model_file(file, known_rule_ids());
    for (const auto& d : loaded.diagnostics) out.push_back(d.rule);
    if (loaded.model)
      for (const auto& d : run_rules(*loaded.model, {}, target_options(file))) out.push_back(d.rule);
  } catch (const std::exception&) {
  }
  return out;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : "; ") + i;
  return out;
}

}  // namespace

TEST_CASE("rule meta: every registered rule has metadata, docs and fixtures", "[rules][meta]") {
  const std::string docs = read_file(kRoot / "docs" / "rules.md");
  const fs::path fixtures = kRoot / "tests" / "rules";
  REQUIRE_FALSE(rules().empty());
  for (const auto& rule : rules()) {
    const RuleInfo& r = rule.info;
    const std::string id(r.id);
    std::vector<std::string> missing;
    if (blank(r.summary)) missing.emplace_back("summary is empty");
    if (blank(r.why)) missing.emplace_back("why is empty");
    if (std::string(r.source).rfind("https://docs.aws.amazon.com/", 0) != 0 ||
        r.source.size() <= std::string("https://docs.aws.amazon.com/").size())
      missing.emplace_back("source is not an AWS documentation URL (https://docs.aws.amazon.com/...)");
    if (blank(r.fail_example)) missing.emplace_back("fail_example is empty");
    if (blank(r.pass_example)) missing.emplace_back("pass_example is empty");
    if (docs.find("\n## `" + id + "`\n") == std::string::npos)
      missing.emplace_back("no section '## `" + id +
                           "`' in docs/rules.md (regenerate: dynamodel rules --format md > docs/rules.md)");

    const std::string stem = fixture_stem(id);
    const fs::path failing = fixtures / (stem + ".yaml");
    if (!fs::exists(failing)) {
      missing.push_back("no failing fixture tests/rules/" + stem + ".yaml");
    } else {
      const auto found = finding_rules(failing);
      if (std::find(found.begin(), found.end(), id) == found.end())
        missing.push_back("tests/rules/" + stem + ".yaml does not make " + id + " fire");
    }
    bool passing = false;
    for (const auto& entry : fs::directory_iterator(fixtures)) {
      const std::string name = entry.path().filename().string();
      if (name.rfind(stem + ".", 0) != 0 || name == stem + ".yaml" || entry.path().extension() != ".yaml") continue;
      if (has_marker(read_file(entry.path()), id)) continue;
      const auto found = finding_rules(entry.path());
      if (std::find(found.begin(), found.end(), id) == found.end()) passing = true;
    }
    if (!passing)
      missing.push_back("no passing variant tests/rules/" + stem + ".<variant>.yaml (a file without an '# expect: " +
                        id + "' marker on which the rule stays silent)");
    INFO("rule " << id);
    if (!missing.empty()) FAIL_CHECK(id + ": " + join(missing));
  }
}

TEST_CASE("rule meta: the catalogue covers every known rule id once, in order", "[rules][meta]") {
  const auto& ids = known_rule_ids();
  const auto& entries = catalogue();
  REQUIRE(entries.size() == ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    INFO("rule " << ids[i]);
    CHECK(entries[i].info.id == ids[i]);
    CHECK_FALSE(blank(entries[i].info.summary));
  }
  for (const auto& rule : rules()) {
    const auto entry = catalogue_entry(rule.info.id);
    REQUIRE(entry.has_value());
    CHECK(entry->implemented);
    CHECK(entry->info.severity == rule.info.severity);
  }
  for (const char* id : {"yaml/syntax", "schema/unknown-field", "schema/missing-field", "schema/invalid-value",
                         "schema/duplicate-key"}) {
    const auto entry = catalogue_entry(id);
    REQUIRE(entry.has_value());
    CHECK(entry->structural);
    CHECK_FALSE(blank(entry->info.why));
    CHECK_FALSE(blank(entry->info.fail_example));
    CHECK_FALSE(blank(entry->info.pass_example));
  }
  CHECK_FALSE(catalogue_entry("table/no-such-rule").has_value());
}

TEST_CASE("rule meta: the rules page has the table and one section per implemented rule", "[rules][meta]") {
  const std::string page = rules_markdown();
  CHECK(page.rfind("# The rule catalogue\n", 0) == 0);
  CHECK(page.find("| id | default | fires when |") != std::string::npos);
  for (const auto& e : catalogue()) {
    const std::string id(e.info.id);
    INFO("rule " << id);
    CHECK(page.find("`" + id + "`") != std::string::npos);
    CHECK((page.find("\n## `" + id + "`\n") != std::string::npos) == e.implemented);
  }
  CHECK(page.find("(`dynamodel diff`)") != std::string::npos);  // the change/* rules
  CHECK(page.back() == '\n');
  CHECK(page.substr(page.size() - 2) != "\n\n");
}
