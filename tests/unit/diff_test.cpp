// `dynamodel diff` classification and planning (diff/diff.hpp) on small inline models.
#include <catch2/catch.hpp>

#include "diff/diff.hpp"
#include "model/loader.hpp"

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
  REQUIRE(r.size() == 4);
  CHECK(r[0].id == "change/replacement");
  CHECK(r[3].severity == Severity::warning);
  for (const auto& info : r) {
    CHECK_FALSE(info.why.empty());
    CHECK(info.source.rfind("https://docs.aws.amazon.com/", 0) == 0);
  }
}
