// `dynamodel diff` classification and planning (diff/diff.hpp) on small inline models.
#include <catch2/catch.hpp>

#include "diff/diff.hpp"
#include "gen/generator.hpp"
#include "model/loader.hpp"
#include "render/renderer.hpp"

using namespace dynamodel;

namespace {

const char* kBase = R"(dynamodel: 1
name: t
table:
  name: Orders
  partition_key: {name: PK, type: S}
  sort_key: {name: SK, type: S}
  global_secondary_indexes:
    - {name: GSI1, partition_key: {name: GSI1PK, type: S}}
entities:
  Order:
    attributes:
      id: {type: S, required: true}
      status: {type: S, required: true}
    keys: {PK: "ORDER#{id}", SK: "ORDER", GSI1PK: "STATUS#{status}"}
access_patterns:
  - {id: AP1, name: getOrder, entity: Order, operation: GetItem, key: {PK: "ORDER#{id}", SK: "ORDER"}}
)";

Model load(const std::string& text, const char* file) {
  auto r = load_model_text(text, file);
  REQUIRE(r.model.has_value());
  return *r.model;
}

std::string replaced(std::string s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

std::vector<std::string> rules_of(const diff::Result& r) {
  std::vector<std::string> out;
  for (const auto& c : r.changes)
    if (!c.rule.empty()) out.push_back(c.rule);
  return out;
}

}  // namespace

TEST_CASE("diff: identical models have no change and no plan", "[diff]") {
  const auto r = diff::compare(load(kBase, "old.yaml"), load(kBase, "new.yaml"));
  CHECK(r.changes.empty());
  CHECK(r.plan.empty());
  CHECK(r.one_safe_step());
}

TEST_CASE("diff: renaming a GSI is one deletion and one creation, in two deployments", "[diff]") {
  const std::string renamed = replaced(kBase, "name: GSI1,", "name: ByStatus,");
  const auto r = diff::compare(load(kBase, "old.yaml"), load(renamed, "new.yaml"));
  CHECK(rules_of(r) == std::vector<std::string>{"change/multiple-gsi", "change/multiple-gsi"});
  REQUIRE(r.plan.size() == 2);
  CHECK(r.plan[0].actions.at(0).kind == diff::Action::Kind::delete_gsi);  // deletions first
  CHECK(r.plan[1].actions.at(0).kind == diff::Action::Kind::create_gsi);
  CHECK(r.plan[1].actions.at(0).index == "ByStatus");
  CHECK_FALSE(r.one_safe_step());
}

TEST_CASE("diff: a changed index key template on an existing entity needs a backfill", "[diff]") {
  const std::string changed = replaced(kBase, "GSI1PK: \"STATUS#{status}\"", "GSI1PK: \"ST#{status}\"");
  const auto r = diff::compare(load(kBase, "old.yaml"), load(changed, "new.yaml"));
  CHECK(rules_of(r) == std::vector<std::string>{"change/backfill"});
  REQUIRE(r.plan.size() == 1);
  CHECK_FALSE(r.plan[0].deployment);
  // A changed (not new) template: the scan must not filter on attribute_not_exists.
  CHECK(r.plan[0].actions[0].command.find("attribute_not_exists") == std::string::npos);
}

TEST_CASE("diff: a new or changed index_when (conditional membership) needs a backfill", "[diff]") {
  const std::string conditional =
      replaced(kBase, "    keys: {PK:", "    index_when: {GSI1: \"status <> 'DONE'\"}\n    keys: {PK:");
  const auto added = diff::compare(load(kBase, "old.yaml"), load(conditional, "new.yaml"));
  CHECK(rules_of(added) == std::vector<std::string>{"change/backfill"});
  REQUIRE_FALSE(added.changes.empty());
  CHECK(added.changes[0].message.find("membership of GSI1 is now conditional") != std::string::npos);
  const auto same = diff::compare(load(conditional, "old.yaml"), load(conditional, "new.yaml"));
  CHECK(same.changes.empty());
  const auto removed = diff::compare(load(conditional, "old.yaml"), load(kBase, "new.yaml"));
  CHECK(rules_of(removed) == std::vector<std::string>{"change/backfill"});
}

TEST_CASE("diff: a sort-key type change replaces the table; a new file creates it", "[diff]") {
  const std::string typed = replaced(kBase, "sort_key: {name: SK, type: S}", "sort_key: {name: SK, type: N}");
  const auto r = diff::compare(load(kBase, "old.yaml"), load(typed, "new.yaml"));
  CHECK(rules_of(r) == std::vector<std::string>{"change/replacement"});
  CHECK(r.plan.size() == 3);
  const auto fresh = diff::compare(std::nullopt, load(kBase, "new.yaml"));
  CHECK(fresh.old_missing);
  CHECK(fresh.one_safe_step());
}

TEST_CASE("diff: the change rules are in the catalogue's order and severities", "[diff]") {
  const auto& r = diff::change_rules();
  REQUIRE(r.size() == 5);
  CHECK(r[0].id == "change/replacement");
  CHECK(r[3].severity == Severity::warning);
  CHECK(r[4].id == "change/warm-throughput-decrease");
  for (const auto& info : r) {
    CHECK_FALSE(info.why.empty());
    CHECK(info.source.rfind("https://docs.aws.amazon.com/", 0) == 0);
  }
}

TEST_CASE("diff: any change of an LSI (sort key, projection, name) replaces the table", "[diff]") {
  // LSIs are created with the table and cannot be modified or deleted:
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html
  const std::string with_lsi = replaced(kBase, "  global_secondary_indexes:\n",
                                        "  local_secondary_indexes:\n    - {name: L1, sort_key: {name: LSK, type: S}, "
                                        "projection: KEYS_ONLY}\n  global_secondary_indexes:\n");
  const std::string base =
      replaced(with_lsi, R"(GSI1PK: "STATUS#{status}")", R"(GSI1PK: "STATUS#{status}", LSK: "{status}")");
  for (const auto& [what, changed] : std::vector<std::pair<std::string, std::string>>{
           {"projection", replaced(base, "projection: KEYS_ONLY}", "projection: ALL}")},
           {"INCLUDE list", replaced(base, "projection: KEYS_ONLY}", "projection: {include: [status]}}")},
           {"sort key type", replaced(base, "sort_key: {name: LSK, type: S}", "sort_key: {name: LSK, type: N}")},
           {"name", replaced(base, "name: L1,", "name: L2,")}}) {
    INFO("LSI " << what << " changed");
    const auto r = diff::compare(load(base, "old.yaml"), load(changed, "new.yaml"));
    REQUIRE_FALSE(r.changes.empty());
    CHECK(r.changes[0].rule == "change/replacement");
    CHECK(r.changes[0].change_class == diff::ChangeClass::replacement);
    CHECK(r.changes[0].severity == Severity::error);
    CHECK_FALSE(r.one_safe_step());
  }
  const auto same = diff::compare(load(base, "old.yaml"), load(base, "new.yaml"));
  CHECK(same.changes.empty());
}

TEST_CASE("diff: a GSI projection change is a delete and a create in two deployments", "[diff]") {
  const std::string changed = replaced(kBase, "partition_key: {name: GSI1PK, type: S}}",
                                       "partition_key: {name: GSI1PK, type: S}, projection: KEYS_ONLY}");
  const auto r = diff::compare(load(kBase, "old.yaml"), load(changed, "new.yaml"));
  CHECK(rules_of(r) == std::vector<std::string>{"change/gsi-key-change"});
  REQUIRE(r.plan.size() == 2);
  CHECK(r.plan[0].actions.at(0).kind == diff::Action::Kind::delete_gsi);
  CHECK(r.plan[1].actions.at(0).kind == diff::Action::Kind::create_gsi);
}

TEST_CASE("diff: two new GSIs need two deployments, one new GSI one", "[diff]") {
  // CloudFormation and UpdateTable: one GSI creation or deletion per update
  // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-dynamodb-table.html).
  const std::string one = replaced(kBase, "    - {name: GSI1, partition_key: {name: GSI1PK, type: S}}\n",
                                   "    - {name: GSI1, partition_key: {name: GSI1PK, type: S}}\n"
                                   "    - {name: GSI2, partition_key: {name: GSI2PK, type: S}}\n");
  const std::string two = replaced(one, "    - {name: GSI2, partition_key: {name: GSI2PK, type: S}}\n",
                                   "    - {name: GSI2, partition_key: {name: GSI2PK, type: S}}\n"
                                   "    - {name: GSI3, partition_key: {name: GSI3PK, type: S}}\n");
  const auto single = diff::compare(load(kBase, "old.yaml"), load(one, "new.yaml"));
  CHECK(rules_of(single).empty());
  CHECK(single.plan.size() == 1);
  const auto pair = diff::compare(load(kBase, "old.yaml"), load(two, "new.yaml"));
  CHECK(rules_of(pair) == std::vector<std::string>{"change/multiple-gsi", "change/multiple-gsi"});
  CHECK(pair.plan.size() == 2);
}

TEST_CASE("diff: a backfill step names the C++ namespace and struct the generated header declares", "[diff]") {
  // A model named `delete` (a keyword: namespace `delete_`) whose entities are `Table` (the
  // generated class's name: struct `Table_2`) and `line item` (struct `line_item`).
  std::string base = replaced(kBase, "name: t\n", "name: delete\n");
  base = replaced(base, "entity: Order,", "entity: line item,");
  base = replaced(base, "  Order:\n", R"(  Table:
    attributes: {id: {type: S, required: true}}
    keys: {PK: "TABLE#{id}", SK: "TABLE"}
  line item:
)");
  const std::string changed = replaced(base, "GSI1PK: \"STATUS#{status}\"", "GSI1PK: \"ST#{status}\"");
  const Model model = load(changed, "new.yaml");
  const auto r = diff::compare(load(base, "old.yaml"), model);
  REQUIRE(r.plan.size() == 1);
  REQUIRE(r.plan[0].actions.size() == 1);
  const std::string& command = r.plan[0].actions[0].command;
  // `item = <ns>::to_item(<ns>::from_item<<ns>::<Struct>>(item))`
  const std::string marker = "#   item = ";
  const auto at = command.find(marker);
  REQUIRE(at != std::string::npos);
  const std::string call = command.substr(at + marker.size(), command.find('\n', at) - at - marker.size());
  const auto ns_end = call.find("::to_item(");
  REQUIRE(ns_end != std::string::npos);
  const std::string ns = call.substr(0, ns_end);
  const std::string type_prefix = "::from_item<" + ns + "::";
  const auto type_at = call.find(type_prefix);
  REQUIRE(type_at != std::string::npos);
  const std::string type =
      call.substr(type_at + type_prefix.size(), call.find('>', type_at) - type_at - type_prefix.size());
  CHECK(call == ns + "::to_item(" + ns + "::from_item<" + ns + "::" + type + ">(item)); then PutItem");
  CHECK(ns == "delete_");
  CHECK(type == "line_item");

  const Target* cpp = find_target("cpp");
  REQUIRE(cpp != nullptr);
  std::string header;
  for (const auto& f : generate(*cpp, model, TemplateSource{}))
    if (f.path == "delete/delete.hpp") header = f.contents;
  REQUIRE_FALSE(header.empty());
  CHECK(header.find("namespace " + ns + " {") != std::string::npos);
  CHECK(header.find("struct " + type + " {") != std::string::npos);
  CHECK(header.find("struct Table_2 {") != std::string::npos);
  CHECK(header.find(type + " from_item<" + type + ">(const nlohmann::json& item);") != std::string::npos);
}
