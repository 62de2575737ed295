// The rule catalogue: design rules from rules(), plus the metadata of the rules that have no
// Rule object (the loader's structural rules, and rules not implemented yet).
#include "rules/catalogue.hpp"

#include <algorithm>
#include <map>

#include "diff/diff.hpp"
#include "model/fields.hpp"

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
       "The design is incomplete: a table needs its partition key, an access pattern its entity and operation.",
       "", "table:\n  name: Orders\n  # no partition_key", "table:\n  name: Orders\n  partition_key: {name: PK, type: S}",
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

/// Rules of the catalogue that are not implemented yet: id, default severity, summary.
/// An implemented rule's own metadata (rules()) takes precedence over its line here.
const std::vector<RuleInfo>& planned_rules() {
  static const std::vector<RuleInfo> list = {
      {"naming/table-name", Severity::error, "table name not 3..255 chars of `[A-Za-z0-9_.-]`", "", ""},
      {"naming/index-name", Severity::error, "index name not 3..255 chars of `[A-Za-z0-9_.-]`", "", ""},
      {"naming/attribute-name", Severity::error,
       "attribute name empty or too long (255 bytes for key attributes, 65535 otherwise)", "", ""},
      {"naming/duplicate-index", Severity::error, "two indexes share a name", "", ""},
      {"naming/reserved-word", Severity::info,
       "an attribute name is a DynamoDB reserved word (expressions must alias it)", "", ""},
      {"table/key-type", Severity::error, "a key attribute type is not S, N or B", "", ""},
      {"table/attribute-type-conflict", Severity::error, "one key attribute name declared with two types", "", ""},
      {"table/billing-capacity", Severity::error, "PROVISIONED without capacity, or capacity with PAY_PER_REQUEST", "", ""},
      {"table/ttl-attribute", Severity::error, "the TTL attribute is not a top-level N attribute", "", ""},
      {"table/replica-stream", Severity::error, "replicas declared with a stream view other than NEW_AND_OLD_IMAGES", "", ""},
      {"table/tags", Severity::error, "more than 50 tags, or a tag key/value too long", "", ""},
      {"table/pitr-disabled", Severity::warning, "point-in-time recovery off", "", ""},
      {"table/deletion-protection-disabled", Severity::warning, "deletion protection off", "", ""},
      {"table/autoscaling-missing", Severity::warning, "PROVISIONED without autoscaling", "", ""},
      {"table/encryption-cmk", Severity::info, "no customer-managed KMS key", "", ""},
      {"index/gsi-limit", Severity::error, "more GSIs than the quota (default 20, `lint.quota` raises it)", "", ""},
      {"index/lsi-limit", Severity::error, "more than 5 LSIs", "", ""},
      {"index/lsi-requires-sort-key", Severity::error, "an LSI on a table without a sort key", "", ""},
      {"index/projection-limit", Severity::error, "more than 100 INCLUDE non-key attributes across all indexes", "", ""},
      {"index/unused", Severity::warning, "no access pattern reads the index (it still costs writes)", "", ""},
      {"index/lsi-collection-size", Severity::warning, "an item collection may pass 10 GB on a table with an LSI", "", ""},
      {"index/key-schema", Severity::error, "an index's sort key is the same attribute as its partition key", "", ""},
      {"keys/missing", Severity::error, "an entity has no template for the table's partition key or sort key", "", ""},
      {"keys/unknown-attribute", Severity::error, "a template placeholder names no attribute of the entity", "", ""},
      {"keys/optional-attribute", Severity::error,
       "a primary-key template uses a non-required attribute (on an index key: info, sparse index)", "", ""},
      {"keys/not-a-key", Severity::error, "an entity maps a name that is no key attribute of the table or an index", "", ""},
      {"keys/type-mismatch", Severity::error,
       "an N or B key template with literal text, or a placeholder of a non-scalar attribute (or of a B "
       "attribute in an S key)", "", ""},
      {"keys/collision", Severity::error, "two entities' primary-key templates can produce the same (PK, SK)", "", ""},
      {"keys/ambiguous-prefix", Severity::warning,
       "in a shared partition, one entity's sort-key prefix is a prefix of another's", "", ""},
      {"keys/size", Severity::error,
       "the longest possible partition key passes 2048 bytes or sort key 1024 bytes", "", ""},
      {"keys/partial-derived-key", Severity::error,
       "an UpdateItem changes an attribute that feeds an index key without all other inputs of that key", "", ""},
      {"access/unknown-entity", Severity::error, "an access pattern names no declared entity", "", ""},
      {"access/unknown-index", Severity::error, "an access pattern names no declared index", "", ""},
      {"access/unknown-parameter", Severity::error,
       "a placeholder in an access pattern's key is neither an entity attribute nor a range parameter", "", ""},
      {"access/not-served", Severity::error,
       "the key condition does not match the entity's key templates on that index", "", ""},
      {"access/requires-full-key", Severity::error,
       "GetItem/PutItem/UpdateItem/DeleteItem without the full primary key, or GetItem on an index", "", ""},
      {"access/sort-condition", Severity::error,
       "a sort-key condition that cannot match the entity's sort-key template, or begins_with on an N key", "", ""},
      {"access/mixed-entities", Severity::warning,
       "a Query also returns items of entities the pattern did not list", "", ""},
      {"access/index-projection", Severity::warning, "the pattern reads attributes that the index does not project", "", ""},
      {"access/consistent-read-gsi", Severity::error, "consistent_read on a GSI", "", ""},
      {"access/scan", Severity::warning, "a Scan", "", ""},
      {"access/batch-limit", Severity::error,
       "a batch or transaction bigger than DynamoDB allows (100 get, 25 write, 100 transact)", "", ""},
      {"access/unreachable-entity", Severity::warning, "no access pattern reads the entity", "", ""},
      {"access/page-size", Severity::info, "a call may read more than 1 MB, so it must paginate", "", ""},
      {"access/duplicate-pattern", Severity::error, "two access patterns share an id or a name", "", ""},
      {"size/item-limit", Severity::error,
       "the largest possible item passes 400 KB (409,600 bytes), LSI projections included", "", ""},
      {"size/item-large", Severity::warning,
       "the largest possible item passes a threshold (default 100 KB): consider S3 for the blob", "", ""},
      {"size/unbounded", Severity::info, "an attribute has no size bound; the estimate uses the documented default", "", ""},
      {"hot/constant-partition-key", Severity::warning,
       "a written entity's table or GSI partition key has no placeholder", "", ""},
      {"hot/low-cardinality-partition-key", Severity::warning,
       "a partition key built only from low-cardinality attributes (enum, boolean, < 100 values)", "", ""},
      {"hot/time-bucket-partition-key", Severity::warning,
       "a partition key whose variable part is a date or time bucket", "", ""},
      {"hot/partition-throughput", Severity::error,
       "the hottest key value of the table or a GSI needs more than 1,000 WCU or 3,000 RCU (warning from 50%)", "", ""},
      {"hot/single-item", Severity::error,
       "one item is written more than the per-item ceiling allows (counters, aggregates)", "", ""},
      {"capacity/provisioned-below-demand", Severity::warning,
       "provisioned RCU/WCU below what the access patterns need", "", ""},
      {"capacity/table-quota", Severity::warning, "the demand passes the 40,000 RCU/WCU table quota", "", ""},
  };
  return list;
}

std::string cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
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

}  // namespace

const std::vector<CatalogueEntry>& catalogue() {
  static const std::vector<CatalogueEntry> list = [] {
    std::map<std::string_view, CatalogueEntry> by_id;
    for (const auto& info : planned_rules()) by_id[info.id] = CatalogueEntry{info, false, false};
    for (const auto& info : structural_rules()) by_id[info.id] = CatalogueEntry{info, true, true};
    for (const auto& rule : rules()) by_id[rule.info.id] = CatalogueEntry{rule.info, true, false};
    for (const auto& info : diff::change_rules()) by_id[info.id] = CatalogueEntry{info, true, false};
    std::vector<CatalogueEntry> out;
    for (std::string_view id : known_rule_ids()) {
      auto it = by_id.find(id);
      if (it != by_id.end()) out.push_back(it->second);
      else out.push_back(CatalogueEntry{RuleInfo{id, Severity::error, "", "", ""}, false, false});
    }
    return out;
  }();
  return list;
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
  if (!r.source.empty()) out += "- AWS source: <" + std::string(r.source) + ">\n";
  else out += "- Source: the model format, [model-format.md](model-format.md)\n";
  out += "- Equivalents: " + (r.equivalents.empty() ? std::string("none known") : std::string(r.equivalents)) + "\n\n";
  if (!r.why.empty()) out += "Why: " + std::string(r.why) + "\n\n";
  if (!r.fail_example.empty())
    out += "Fails:\n\n```yaml\n" + trim_newlines(r.fail_example) + "\n```\n\n";
  if (!r.pass_example.empty())
    out += "Passes:\n\n```yaml\n" + trim_newlines(r.pass_example) + "\n```\n\n";
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
    if (!e.implemented) when = (is_change_rule(id) ? "(diff, planned) " : "(planned) ") + when;
    else if (is_change_rule(id)) when = "(`dynamodel diff`) " + when;
    out += "| " + name + " | " + std::string(to_string(e.info.severity)) + " | " + when + " |\n";
  }
  for (const auto& e : catalogue())
    if (e.implemented) out += "\n" + rule_markdown(e);
  while (out.size() > 1 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') out.pop_back();
  return out;
}

}  // namespace dynamodel
