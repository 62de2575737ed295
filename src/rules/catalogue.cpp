// The rule catalogue: the loader's structural rules (yaml/syntax, schema/*), then the design
// rules of rules() in registry order, then the change rules of `dynamodel diff`.
#include "rules/catalogue.hpp"

#include <algorithm>
#include <map>

#include "diff/diff.hpp"
#include "drift/drift.hpp"
#include "rules/suppressions.hpp"
#include "verify/verify.hpp"

namespace dynamodel {
namespace {

/// The loader's structural rules (src/model/loader.cpp reports them).
const std::vector<RuleInfo>& structural_rules() {
  static const std::vector<RuleInfo> list = {
      {"yaml/syntax", Severity::error, "the file is not valid YAML (line:column of the parser error)",
       "Nothing else can be checked until the file parses; the position is the parser's.", "",
       "table: {name: Orders, partition_key: {name: PK, type: S}\n# the flow mapping is never closed",
       "table: {name: Orders, partition_key: {name: PK, type: S}}", "cfn-lint E0000 (template not parseable)"},
      {"schema/unknown-field", Severity::error, "a field the format does not define (suggest the closest name)",
       "A misspelt optional field would otherwise be ignored silently, and its setting lost.", "",
       "table:\n  name: Orders\n  partition_key: {name: PK, type: S}\n  billingmode: PROVISIONED   # billing_mode",
       "table:\n  name: Orders\n  partition_key: {name: PK, type: S}\n  billing_mode: PAY_PER_REQUEST",
       "cfn-lint E3002 (invalid property)"},
      {"schema/missing-field", Severity::error, "a required field is absent",
       "The design is incomplete: a table needs its partition key, an access pattern its entity and operation.", "",
       "table:\n  name: Orders\n  # no partition_key", "table:\n  name: Orders\n  partition_key: {name: PK, type: S}",
       "cfn-lint E3003 (required property missing)"},
      {"schema/invalid-value", Severity::error, "wrong type, or a value outside its enum or range",
       "DynamoDB accepts only its own enum values (billing modes, projection types, stream views) and "
       "positive capacities; anything else fails at deployment.",
       "", "table:\n  name: Orders\n  partition_key: {name: PK, type: S}\n  billing_mode: FREE",
       "table:\n  name: Orders\n  partition_key: {name: PK, type: S}\n  billing_mode: PAY_PER_REQUEST",
       "cfn-lint E3030 (value not in enum)"},
      {"schema/duplicate-key", Severity::error, "the same mapping key twice in one YAML mapping",
       "YAML parsers keep one of the two values without a word; which one depends on the tool.", "",
       "table:\n  name: Orders\n  name: OrdersV2", "table:\n  name: OrdersV2", ""},
  };
  return list;
}

std::string cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out;
}

/// GitHub's heading anchor for `## \`id\``: lower case, punctuation other than '-' and '_' dropped.
std::string anchor(std::string_view id) {
  std::string out;
  for (char c : id)
    if (c == '-' || c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  return out;
}

std::string trim_newlines(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  while (!text.empty() && text.front() == '\n') text.remove_prefix(1);
  return std::string(text);
}

bool is_change_rule(std::string_view id) { return id.rfind("change/", 0) == 0; }
bool is_drift_rule(std::string_view id) { return id.rfind("drift/", 0) == 0; }
bool is_verify_rule(std::string_view id) { return id.rfind("verify/", 0) == 0; }

}  // namespace

const std::vector<CatalogueEntry>& catalogue() {
  static const std::vector<CatalogueEntry> list = [] {
    std::vector<CatalogueEntry> out;
    for (const auto& info : structural_rules()) out.push_back(CatalogueEntry{info, true, true});
    for (const auto& rule : rules()) out.push_back(CatalogueEntry{rule.info, true, false});
    for (const auto& info : diff::change_rules()) out.push_back(CatalogueEntry{info, true, false});
    for (const auto& info : drift::drift_rules()) out.push_back(CatalogueEntry{info, true, false});
    for (const auto& info : verify::verify_rules()) out.push_back(CatalogueEntry{info, true, false});
    for (const auto& info : suppression_rules()) out.push_back(CatalogueEntry{info, true, false});
    return out;
  }();
  return list;
}

const std::vector<std::string_view>& known_rule_ids() {
  static const std::vector<std::string_view> ids = [] {
    std::vector<std::string_view> out;
    for (const auto& e : catalogue()) out.push_back(e.info.id);
    return out;
  }();
  return ids;
}

std::optional<CatalogueEntry> catalogue_entry(std::string_view id) {
  for (const auto& e : catalogue())
    if (e.info.id == id) return e;
  return std::nullopt;
}

std::string rule_markdown(const CatalogueEntry& e) {
  const RuleInfo& r = e.info;
  std::string out = "## `" + std::string(r.id) + "`\n\n";
  out += "- Fires when: " + std::string(r.summary) + "\n";
  out += "- Default severity: **" + std::string(to_string(r.severity)) + "**\n";
  if (e.structural) out += "- Reported by: the loader, before the design rules run\n";
  if (!r.source.empty())
    out += "- AWS source: <" + std::string(r.source) + ">\n";
  else
    out += "- Source: the model format, [model-format.md](model-format.md)\n";
  out += "- Equivalents: " + (r.equivalents.empty() ? std::string("none known") : std::string(r.equivalents)) + "\n\n";
  if (!r.why.empty()) out += "Why: " + std::string(r.why) + "\n\n";
  if (!r.fail_example.empty()) out += "Fails:\n\n```yaml\n" + trim_newlines(r.fail_example) + "\n```\n\n";
  if (!r.pass_example.empty()) out += "Passes:\n\n```yaml\n" + trim_newlines(r.pass_example) + "\n```\n\n";
  return out;
}

std::string rules_markdown() {
  std::string out =
      "# The rule catalogue\n\n"
      "<!-- Generated from the rule metadata by `dynamodel rules --format md > docs/rules.md`;\n"
      "     edit src/rules/*.cpp (or src/rules/catalogue.cpp), not this file. -->\n\n"
      "Every finding dynamodel reports carries a stable rule id from this list, a\n"
      "severity, a message, and the file, line and column of the YAML node that caused\n"
      "it. Users switch rules off by id (`lint.disable` in the model, `--disable` on\n"
      "the command line), and CI systems match on ids, so the ids below are fixed\n"
      "once shipped. Add rules freely; never rename one.\n\n"
      "Each implemented rule has a section below: what it checks, why, the default\n"
      "severity, a failing and a passing example, the AWS source, and where one exists\n"
      "the matching id of cfn-lint, checkov, trivy or cdk-nag. `dynamodel rules` lists\n"
      "the catalogue and `dynamodel rules RULE-ID` explains one rule.\n\n"
      "| id | default | fires when |\n|---|---|---|\n";
  for (const auto& e : catalogue()) {
    const std::string id(e.info.id);
    std::string name = "`" + id + "`";
    if (e.implemented) name = "[" + name + "](#" + anchor(id) + ")";
    std::string when = cell(e.info.summary);
    if (!e.implemented)
      when = (is_change_rule(id) ? "(diff, planned) " : "(planned) ") + when;
    else if (is_change_rule(id))
      when = "(`dynamodel diff`) " + when;
    else if (is_drift_rule(id))
      when = "(`dynamodel drift`) " + when;
    else if (is_verify_rule(id))
      when = "(`dynamodel verify`) " + when;
    out += "| " + name + " | " + std::string(to_string(e.info.severity)) + " | " + when + " |\n";
  }
  for (const auto& e : catalogue())
    if (e.implemented) out += "\n" + rule_markdown(e);
  while (out.size() > 1 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') out.pop_back();
  return out;
}

}  // namespace dynamodel
