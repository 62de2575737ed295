// `dynamodel drift` comparisons (drift/drift.hpp) on a small inline model and hand-made
// descriptions of the deployed table.
#include <catch2/catch.hpp>

#include "drift/drift.hpp"
#include "model/loader.hpp"

using namespace dynamodel;

namespace {

const char* kModel = R"(dynamodel: 1
name: t
table:
  name: Orders
  partition_key: {name: PK, type: S}
  sort_key: {name: SK, type: S}
  point_in_time_recovery: true
  tags: {Owner: shop}
  global_secondary_indexes:
    - {name: GSI1, partition_key: {name: GSI1PK, type: S}, projection: KEYS_ONLY}
entities:
  Order:
    attributes:
      id: {type: S, required: true}
      total: {type: N, required: true}
      note: {type: S}
    keys: {PK: "ORDER#{id}", SK: "ORDER", GSI1PK: "STATUS#{id}"}
access_patterns:
  - {id: AP1, name: getOrder, entity: Order, operation: GetItem, key: {PK: "ORDER#{id}", SK: "ORDER"}}
)";

Model model() {
  auto r = load_model_text(kModel, "drift.yaml");
  REQUIRE(r.model.has_value());
  return *r.model;
}

/// The deployed table exactly as the model says.
import::ImportedTable deployed(){import::ImportedTable t;
t.name = "dev-Orders";
t.partition_key = {"PK", "S"};
t.sort_key = import::ImportedKey{"SK", "S"};
t.encryption = "AWS_OWNED";
t.point_in_time_recovery = true;
t.deletion_protection = false;
t.tags = {{"Owner", "shop"}};
import::ImportedIndex gsi;
gsi.name = "GSI1";
gsi.partition_key = {"GSI1PK", "S"};
gsi.projection = "KEYS_ONLY";
t.global_secondary_indexes.push_back(gsi);
return t;
}  // namespace

std::vector<std::string> rules_of(const std::vector<Diagnostic>& findings) {
  std::vector<std::string> out;
  for (const auto& d : findings) out.push_back(d.rule);
  return out;
}

KeyTemplate key_template(const std::string& text) {
  const auto m = model();
  return m.entities.at(0).key(text)->key_template;
}

}  // namespace

TEST_CASE("drift: a table as the model says has no finding", "[drift]") {
  CHECK(drift::compare_table(model(), deployed()).empty());
}

TEST_CASE("drift: each setting that differs is its rule", "[drift]") {
  const auto m = model();
  auto t = deployed();
  t.global_secondary_indexes[0].projection = "ALL";
  CHECK(rules_of(drift::compare_table(m, t)) == std::vector<std::string>{"drift/projection"});
  t = deployed();
  t.global_secondary_indexes.clear();
  CHECK(rules_of(drift::compare_table(m, t)) == std::vector<std::string>{"drift/index-missing"});
  t = deployed();
  t.global_secondary_indexes.push_back(t.global_secondary_indexes[0]);
  t.global_secondary_indexes[1].name = "ByHand";
  CHECK(rules_of(drift::compare_table(m, t)) == std::vector<std::string>{"drift/index-unexpected"});
  t = deployed();
  t.point_in_time_recovery = false;
  CHECK(rules_of(drift::compare_table(m, t)) == std::vector<std::string>{"drift/point-in-time-recovery"});
  t.point_in_time_recovery.reset();  // not read (an emulator without the operation): not compared
  CHECK(drift::compare_table(m, t).empty());
  t = deployed();
  t.tags = {{"Owner", "ops"}, {"Extra", "1"}};
  CHECK(rules_of(drift::compare_table(m, t)) == std::vector<std::string>{"drift/tags", "drift/tags"});
  t = deployed();
  t.sort_key.reset();
  CHECK(rules_of(drift::compare_table(m, t)) == std::vector<std::string>{"drift/key-schema"});
  t = deployed();
  t.billing_mode = "PROVISIONED";
  CHECK(rules_of(drift::compare_table(m, t)) == std::vector<std::string>{"drift/billing"});
  t = deployed();
  t.ttl_attribute = "expiresAt";
  CHECK(rules_of(drift::compare_table(m, t)) == std::vector<std::string>{"drift/ttl"});
  t.states_ttl_pitr_tags = false;  // TTL and tags not read: not compared
  CHECK(drift::compare_table(m, t).empty());
}

TEST_CASE("drift: key templates match values", "[drift]") {
  CHECK(drift::matches_template(key_template("PK"), "ORDER#1"));
  CHECK(drift::matches_template(key_template("PK"), "ORDER#a#b"));
  CHECK_FALSE(drift::matches_template(key_template("PK"), "ORDER#"));
  CHECK_FALSE(drift::matches_template(key_template("PK"), "USER#1"));
  CHECK(drift::matches_template(key_template("SK"), "ORDER"));
  CHECK_FALSE(drift::matches_template(key_template("SK"), "ORDERS"));
}

TEST_CASE("drift: sampled items against the entities", "[drift]") {
  const auto m = model();
  const auto item = [](const char* pk, nlohmann::json extra) {
    nlohmann::json i = {{"PK", {{"S", pk}}}, {"SK", {{"S", "ORDER"}}}};
    i.update(extra);
    return i;
  };
  const nlohmann::json ok = item("ORDER#1", {{"id", {{"S", "1"}}}, {"total", {{"N", "5"}}}});
  CHECK(drift::check_items(m, {{"Items", {ok}}}).empty());
  CHECK(rules_of(drift::check_items(m, {{"Items", {ok, item("LEGACY#1", nlohmann::json::object())}}})) ==
        std::vector<std::string>{"drift/item-unknown-entity"});
  CHECK(rules_of(drift::check_items(m, {{"Items", {item("ORDER#2", {{"id", {{"S", "2"}}}})}}})) ==
        std::vector<std::string>{"drift/item-missing-attribute"});
  const auto wrong = drift::check_items(m, {{"Items",
                                             {item("ORDER#3", {{"id", {{"S", "3"}}}, {"total", {{"S", "5"}}}}),
                                              item("ORDER#4", {{"id", {{"S", "4"}}}, {"total", {{"S", "6"}}}})}}});
  REQUIRE(rules_of(wrong) == std::vector<std::string>{"drift/item-type"});
  CHECK(wrong[0].message.find("2 sampled items") != std::string::npos);
  CHECK(wrong[0].message.find("PK=ORDER#3") != std::string::npos);
}

TEST_CASE("drift: a key_only attribute is not looked for in the items", "[drift]") {
  std::string text = kModel;
  const std::string from = "id: {type: S, required: true}";
  text.replace(text.find(from), from.size(), "id: {type: S, required: true, key_only: true}");
  auto r = load_model_text(text, "drift.yaml");
  REQUIRE(r.model.has_value());
  const nlohmann::json item = {{"PK", {{"S", "ORDER#1"}}}, {"SK", {{"S", "ORDER"}}}, {"total", {{"N", "5"}}}};
  CHECK(drift::check_items(*r.model, {{"Items", {item}}}).empty());
  CHECK(rules_of(drift::check_items(model(), {{"Items", {item}}})) ==
        std::vector<std::string>{"drift/item-missing-attribute"});
}
