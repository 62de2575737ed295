// Loader: typed model, 1-based locations, and every structural problem in one run.
#include <catch2/catch.hpp>

#include <algorithm>

#include "model/loader.hpp"

using namespace dynamodel;

namespace {

const char* kMinimal = R"(dynamodel: 1
name: shop
table:
  name: Shop
  partition_key: {name: PK, type: S}
  sort_key: {name: SK, type: S}
entities:
  User:
    attributes:
      userId: {type: S, required: true}
    keys:
      PK: "USER#{userId}"
      SK: PROFILE
access_patterns:
  - id: AP1
    name: getUser
    entity: User
    operation: GetItem
    key: {PK: "USER#{userId}", SK: PROFILE}
)";

bool has(const LoadResult& r, const std::string& rule, int line, int column = 0) {
  return std::any_of(r.diagnostics.begin(), r.diagnostics.end(), [&](const Diagnostic& d) {
    return d.rule == rule && d.location.line == line && (column == 0 || d.location.column == column);
  });
}

std::string messages(const LoadResult& r) {
  std::string out;
  for (const auto& d : r.diagnostics)
    out += std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + " " + d.rule + " " + d.message +
           "\n";
  return out;
}

}  // namespace

TEST_CASE("a minimal model loads into a typed model with 1-based locations") {
  auto r = load_model_text(kMinimal, "m.yaml");
  INFO(messages(r));
  REQUIRE(r.diagnostics.empty());
  REQUIRE(r.model);
  const Model& m = *r.model;
  CHECK(m.name == "shop");
  CHECK(m.table.name == "Shop");
  CHECK(m.table.billing_mode == BillingMode::PAY_PER_REQUEST);
  CHECK(m.table.sort_key->name == "SK");
  CHECK(m.table.source.at("name").line == 4);
  CHECK(m.table.source.at("name").column == 9);
  REQUIRE(m.entities.size() == 1);
  const Entity& user = m.entities[0];
  CHECK(user.source.location.line == 8);
  CHECK(user.attribute("userId")->required);
  REQUIRE(user.key("PK"));
  CHECK(user.key("PK")->key_template.placeholders() == std::vector<std::string>{"userId"});
  CHECK(user.key("SK")->key_template.is_constant());
  CHECK(user.key("PK")->key_template.location.line == 12);
  REQUIRE(m.access_patterns.size() == 1);
  CHECK(m.access_patterns[0].operation == Operation::GetItem);
  CHECK(m.access_patterns[0].key.size() == 2);
  CHECK(m.file == "m.yaml");
}

TEST_CASE("every structural problem is reported in one run") {
  const char* text = R"(dynamodel: 1
name: Shop_Bad
tabel: {}
entities:
  User:
    attributes:
      userId: {type: STRING, requird: true}
    keys: {PK: "USER#{userId"}
access_patterns:
  - id: AP1
    name: getUser
    entity: User
    operation: GetItem
    key: {PK: x}
    limit: many
    limit: 3
)";
  auto r = load_model_text(text, "bad.yaml");
  INFO(messages(r));
  CHECK_FALSE(r.model);
  CHECK(has(r, "schema/invalid-value", 2, 7));    // name pattern
  CHECK(has(r, "schema/unknown-field", 3, 1));    // tabel
  CHECK(has(r, "schema/missing-field", 1, 1));    // table
  CHECK(has(r, "schema/invalid-value", 7, 22));   // STRING
  CHECK(has(r, "schema/unknown-field", 7, 30));   // requird
  CHECK(has(r, "schema/invalid-value", 8, 16));   // unclosed brace
  CHECK(has(r, "schema/invalid-value", 15, 12));  // many
  CHECK(has(r, "schema/duplicate-key", 16, 5));   // limit twice
  auto it = std::find_if(r.diagnostics.begin(), r.diagnostics.end(),
                         [](const Diagnostic& d) { return d.message.find("tabel") != std::string::npos; });
  REQUIRE(it != r.diagnostics.end());
  CHECK(it->message.find("did you mean 'table'?") != std::string::npos);
  auto req = std::find_if(r.diagnostics.begin(), r.diagnostics.end(),
                          [](const Diagnostic& d) { return d.message.find("requird") != std::string::npos; });
  REQUIRE(req != r.diagnostics.end());
  CHECK(req->message.find("did you mean 'required'?") != std::string::npos);
  CHECK(req->path == "entities.User.attributes.userId.requird");
}

TEST_CASE("YAML syntax errors carry the parser's line and column") {
  auto r = load_model_text("dynamodel: 1\nname: [a, b\n", "s.yaml");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].rule == "yaml/syntax");
  CHECK(r.diagnostics[0].location.line >= 1);
  CHECK(r.diagnostics[0].location.file == "s.yaml");
}

TEST_CASE("a tab in the indentation is named where it is; a missing version says what to write") {
  auto tab = load_model_text("dynamodel: 1\nname: x\ntable:\n  name: t\n\tbilling_mode: PROVISIONED\n", "t.yaml");
  REQUIRE(tab.diagnostics.size() == 1);
  CHECK(tab.diagnostics[0].rule == "yaml/syntax");
  CHECK(tab.diagnostics[0].location.line == 5);
  CHECK(tab.diagnostics[0].location.column == 1);
  CHECK(tab.diagnostics[0].message.find("a tab in the indentation") != std::string::npos);
  // A tab inside a quoted value is no indentation: no such message.
  auto value = load_model_text("dynamodel: 1\nname: \"a\tb\"\n", "v.yaml");
  for (const auto& d : value.diagnostics) CHECK(d.message.find("a tab in") == std::string::npos);
  bool said = false;
  for (const auto& d : load_model_text("name: x\n", "n.yaml").diagnostics)
    said = said || d.message.find("add `dynamodel: 1`") != std::string::npos;
  CHECK(said);
}

TEST_CASE("bad input gets a clear finding, never a crash") {
  SECTION("empty file") {
    auto r = load_model_text("", "e.yaml");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].location.line == 1);
    CHECK(r.diagnostics[0].message.find("empty") != std::string::npos);
  }
  SECTION("a list instead of a mapping") {
    auto r = load_model_text("- a\n- b\n", "l.yaml");
    REQUIRE_FALSE(r.diagnostics.empty());
    CHECK(r.diagnostics[0].rule == "schema/invalid-value");
  }
  SECTION("invalid UTF-8 is located") {
    auto r = load_model_text("dynamodel: 1\nname: caf\xC3(\n", "u.yaml");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].rule == "yaml/syntax");
    CHECK(r.diagnostics[0].location.line == 2);
    CHECK(r.diagnostics[0].location.column == 10);
    CHECK(r.diagnostics[0].message.find("UTF-8") != std::string::npos);
  }
  SECTION("deep nesting") {
    std::string deep = "a: " + std::string(5000, '[') + std::string(5000, ']');
    auto r = load_model_text(deep, "d.yaml");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message.find("nesting too deep") != std::string::npos);
  }
  SECTION("alias expansion bomb") {
    std::string text = "dynamodel: 1\nname: x\nl0: &l0 [a, a, a, a, a, a, a, a, a, a]\n";
    for (int i = 1; i < 9; ++i)
      text += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " [*l" + std::to_string(i - 1) + ", *l" +
              std::to_string(i - 1) + ", *l" + std::to_string(i - 1) + ", *l" + std::to_string(i - 1) + "]\n";
    // A field that is walked (tags of a table) referencing the huge alias.
    text += "table: {name: Tbl, partition_key: {name: PK, type: S}, replicas: *l8}\n";
    auto r = load_model_text(text, "bomb.yaml");
    CHECK_FALSE(r.model);
    CHECK_FALSE(r.diagnostics.empty());
  }
  SECTION("a NUL byte") {
    auto r = load_model_text(std::string("dynamodel: 1\n\0\n", 15), "n.yaml");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message.find("NUL") != std::string::npos);
  }
  SECTION("wrong scalar types") {
    std::string text = kMinimal;
    text.replace(text.find("  sort_key"), 0, "  point_in_time_recovery: \"yes\"\n  deletion_protection: 1\n");
    auto r = load_model_text(text, "t.yaml");
    INFO(messages(r));
    CHECK(has(r, "schema/invalid-value", 6));
    CHECK(has(r, "schema/invalid-value", 7));
  }
}

TEST_CASE("files that cannot be read are input errors") {
  CHECK_THROWS_AS(load_model_file("/nonexistent/model.yaml"), InputError);
  CHECK_THROWS_WITH(load_model_file(DYNAMODEL_SOURCE_DIR "/examples"), Catch::Contains("is a directory"));
}

TEST_CASE("every example loads without a structural finding") {
  for (const char* name : {"ecommerce", "auth-tokens", "merchant-catalog", "device-telemetry"}) {
    auto r = load_model_file(std::string(DYNAMODEL_SOURCE_DIR "/examples/") + name + ".yaml");
    INFO(name << "\n" << messages(r));
    CHECK(r.model);
    CHECK(r.diagnostics.empty());
  }
}

TEST_CASE("lint.disable ids are checked against the ids the caller gives (the rule catalogue's)") {
  const std::string text = std::string(kMinimal) + "lint:\n  disable: [access/scan, access/scans]\n";
  const std::vector<std::string_view> known = {"access/scan", "table/pitr-disabled"};
  auto checked = load_model_text(text, "l.yaml", known);
  REQUIRE(checked.diagnostics.size() == 1);
  CHECK(checked.diagnostics[0].rule == "schema/invalid-value");
  CHECK(checked.diagnostics[0].message == "unknown rule id 'access/scans'; did you mean 'access/scan'?");
  CHECK(checked.diagnostics[0].path == "lint.disable[1]");
  CHECK_FALSE(checked.model);
  auto unchecked = load_model_text(text, "l.yaml");  // no ids given: the loader knows none
  INFO(messages(unchecked));
  CHECK(unchecked.diagnostics.empty());
  REQUIRE(unchecked.model);
  CHECK(unchecked.model->lint.disable == std::vector<std::string>{"access/scan", "access/scans"});
}

TEST_CASE("filters and value conditions: keywords unchanged, expressions parsed, misplaced fields refused") {
  const std::string patterns = R"yaml(
  - {id: AP2, name: addUser, entity: User, operation: PutItem, key: {PK: "USER#{userId}", SK: PROFILE}, condition: not_exists}
  - {id: AP3, name: dropUser, entity: User, operation: DeleteItem, key: {PK: "USER#{userId}", SK: PROFILE}, condition: "userId = {id}"}
  - {id: AP4, name: someUsers, entity: User, operation: Scan, filter: "begins_with(userId, 'a')", reads: 100, returns: 3}
  - id: AP5
    name: checkUser
    operation: TransactWriteItems
    actions:
      - {entity: User, alias: first, operation: ConditionCheck, key: {PK: "USER#{userId}", SK: PROFILE}, condition: exists}
      - {entity: User, alias: second, operation: ConditionCheck, key: {PK: "USER#{userId}", SK: PROFILE}, condition: "attribute_exists(userId)"}
)yaml";
  auto r = load_model_text(std::string(kMinimal) + patterns, "m.yaml");
  INFO(messages(r));
  REQUIRE(r.diagnostics.empty());
  const auto& ap = r.model->access_patterns;
  CHECK(ap[1].condition == WriteCondition::not_exists);
  CHECK_FALSE(ap[1].condition_expression);
  CHECK(ap[2].condition == WriteCondition::none);
  REQUIRE(ap[2].condition_expression);
  CHECK(ap[2].condition_expression.parameters() == std::vector<std::string>{"id"});
  CHECK(ap[3].filter.root->kind == ExprNode::Kind::begins_with);
  CHECK(*ap[3].reads == 100);
  CHECK(*ap[3].returns == 3);
  CHECK(ap[4].actions[0].condition == WriteCondition::exists);
  CHECK(ap[4].actions[0].parameter("userId") == "firstUserId");
  CHECK(ap[4].actions[1].condition_expression);
  CHECK(ap[4].actions[1].parameter("userId") == "secondUserId");

  // A typo of a keyword is still a keyword's typo; an expression error is at its token.
  auto typo = load_model_text(std::string(kMinimal) + R"(
  - {id: AP2, name: addUser, entity: User, operation: PutItem, key: {PK: "USER#{userId}", SK: PROFILE}, condition: not_exist}
  - {id: AP3, name: someUsers, entity: User, operation: Scan, filter: "userId = = {x}"}
  - {id: AP4, name: getUser2, entity: User, operation: GetItem, key: {PK: "USER#{userId}", SK: PROFILE}, filter: "userId = 'a'", reads: 2}
  - {id: AP5, name: listUsers, entity: User, operation: Scan, condition: "userId = 'a'"}
  - id: AP6
    name: checkUser
    operation: TransactWriteItems
    actions:
      - {entity: User, alias: Bad-Alias, operation: ConditionCheck, key: {PK: "USER#{userId}", SK: PROFILE}}
)",
                              "m.yaml");
  INFO(messages(typo));
  CHECK(messages(typo).find("did you mean 'not_exists'") != std::string::npos);
  CHECK(has(typo, "schema/invalid-value", 22, 81));  // the second '='
  CHECK(has(typo, "schema/invalid-value", 23));      // filter on a GetItem
  CHECK(messages(typo).find("'reads'") != std::string::npos);
  CHECK(messages(typo).find("a value condition belongs to") != std::string::npos);
  CHECK(messages(typo).find("alias 'Bad-Alias'") != std::string::npos);
}

TEST_CASE("index_when: a condition or {condition, share}, errors at line:column") {
  const std::string head = R"(dynamodel: 1
name: shop
table:
  name: Shop
  partition_key: {name: PK, type: S}
  sort_key: {name: SK, type: S}
  global_secondary_indexes:
    - {name: Featured, partition_key: {name: GSI2PK, type: S}}
    - {name: OnSale, partition_key: {name: GSI3PK, type: S}}
entities:
  Product:
    attributes:
      sku: {type: S, required: true}
      featured: {type: BOOL}
      discount: {type: N}
    keys: {PK: "P#{sku}", SK: P, GSI2PK: FEATURED, GSI3PK: SALE}
    index_when:
)";
  const std::string tail = R"(access_patterns:
  - {id: AP1, name: getProduct, entity: Product, operation: GetItem, key: {PK: "P#{sku}", SK: P}}
)";
  auto ok = load_model_text(
      head + "      Featured: \"featured = true\"\n      OnSale: {condition: \"discount >= 5\", share: 0.25}\n" + tail,
      "ok.yaml");
  INFO(messages(ok));
  REQUIRE(ok.model);
  const Entity& e = ok.model->entities.at(0);
  REQUIRE(e.index_when.size() == 2);
  CHECK(e.index_when[0].index == "Featured");
  CHECK(e.index_when[0].condition.text == "featured = true");
  CHECK_FALSE(e.index_when[0].share);
  CHECK(e.index_when[0].source.location.line == 18);
  CHECK(e.index_when[1].condition.root->kind == ExprNode::Kind::compare);
  CHECK(*e.index_when[1].share == Approx(0.25));
  CHECK(e.membership("OnSale") == &e.index_when[1]);
  CHECK(e.membership("ByCategory") == nullptr);
  CHECK(key_membership(*ok.model, e, "GSI3PK") == &e.index_when[1]);
  CHECK(key_membership(*ok.model, e, "PK") == nullptr);

  auto bad = load_model_text(
      head +
          "      Featured: \"featured = = true\"\n      OnSale: {condition: \"discount >= 5\", share: 0, when: x}\n" +
          tail,
      "bad.yaml");
  INFO(messages(bad));
  CHECK_FALSE(bad.model);
  CHECK(has(bad, "schema/invalid-value", 18, 29));  // the second '=' (quoted: the text starts at column 18)
  CHECK(has(bad, "schema/invalid-value", 19, 51));  // share 0
  CHECK(has(bad, "schema/unknown-field", 19, 54));  // when
}
