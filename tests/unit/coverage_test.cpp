// Key coverage (analysis/coverage.hpp): template intersection and the per-pattern proof.
#include <catch2/catch.hpp>

#include "test_models.hpp"
#include "analysis/coverage.hpp"
#include "model/loader.hpp"
#include "model/text.hpp"

using namespace dynamodel;

namespace {

KeyTemplate tpl(const std::string& text) {
  KeyTemplate t;
  REQUIRE_FALSE(parse_key_template(text, t).has_value());
  t.text = text;
  return t;
}

Model load(const std::string& yaml) { return test::load_or_fail(yaml, "m.yaml"); }

const char* kModel = R"(dynamodel: 1
name: cov
table:
  name: Shop
  partition_key: {name: PK, type: S}
  sort_key: {name: SK, type: S}
entities:
  User:
    attributes:
      userId: {type: S, required: true}
    keys: {PK: "USER#{userId}", SK: "PROFILE"}
  Order:
    attributes:
      userId: {type: S, required: true}
      orderId: {type: S, required: true, format: ulid}
      total: {type: N}
    keys: {PK: "USER#{userId}", SK: "ORDER#{orderId}"}
access_patterns:
  - {id: AP1, name: listOrders, entity: Order, operation: Query, key: {PK: "USER#{userId}", SK: {begins_with: "ORDER#"}}}
  - {id: AP2, name: allOfUser, entity: Order, operation: Query, key: {PK: "USER#{userId}"}}
  - {id: AP3, name: getOrder, entity: Order, operation: GetItem, key: {PK: "USER#{userId}", SK: "ORDER#{orderId}"}}
  - {id: AP4, name: wrong, entity: Order, operation: GetItem, key: {PK: "USER#{orderId}", SK: "ORDER#{orderId}"}}
)";

}  // namespace

TEST_CASE("coverage: templates collide when some value fits both", "[coverage]") {
  const Model m = load(kModel);
  const Entity* user = m.entity("User");
  const Entity* order = m.entity("Order");
  CHECK(templates_can_collide(tpl("USER#{userId}"), user, tpl("USER#{userId}"), order));
  CHECK_FALSE(templates_can_collide(tpl("PROFILE"), user, tpl("ORDER#{orderId}"), order));
  CHECK(templates_can_collide(tpl("ORDER#{userId}"), user, tpl("ORDER#{orderId}"), order));
  // A ULID cannot contain '#', so "ORDER#{orderId}" never spells "ORDER#A#B".
  CHECK_FALSE(templates_can_collide(tpl("ORDER#A#B"), nullptr, tpl("ORDER#{orderId}"), order));
  // A number placeholder holds digits only.
  CHECK_FALSE(templates_can_collide(tpl("T{total}"), order, tpl("TX"), nullptr));
  CHECK(templates_can_collide(tpl("T{total}"), order, tpl("T42"), nullptr));
  // Literal braces.
  CHECK(templates_can_collide(tpl("{{x}}"), nullptr, tpl("{{x}}"), nullptr));
}

TEST_CASE("coverage: the proof per access pattern", "[coverage]") {
  const Model m = load(kModel);
  const Coverage c = compute_coverage(m);
  REQUIRE(c.patterns.size() == 4);
  CHECK(c.patterns[0].served);
  CHECK(c.patterns[0].also_returns.empty());
  REQUIRE_FALSE(c.patterns[0].proof.empty());
  CHECK(c.patterns[0].proof[0] == "PK = \"USER#{userId}\" matches Order.PK \"USER#{userId}\"");
  CHECK(c.patterns[1].served);
  REQUIRE(c.patterns[1].also_returns.size() == 1);
  CHECK(c.patterns[1].also_returns[0] == "User");
  CHECK(c.patterns[2].served);
  CHECK_FALSE(c.patterns[3].served);
  REQUIRE(c.patterns[3].problems.size() == 1);
  CHECK(c.patterns[3].problems[0].rule == "access/not-served");
  CHECK(c.collisions.empty());
  const auto json = to_json(c);
  CHECK(json["patterns"][3]["served"] == false);
}

TEST_CASE("coverage: a template with 1,000 placeholders stays fast and correct", "[coverage]") {
  std::string big;
  for (int i = 0; i < 1000; ++i) big += "{a}#";
  const KeyTemplate t = tpl(big);
  CHECK(templates_can_collide(t, nullptr, t, nullptr));
  CHECK_FALSE(templates_can_collide(t, nullptr, tpl("X"), nullptr));
}
