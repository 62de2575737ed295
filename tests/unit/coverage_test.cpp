// Key coverage (analysis/coverage.hpp): template intersection and the per-pattern proof.
#include <catch2/catch.hpp>

#include "test_models.hpp"
#include "analysis/coverage.hpp"
#include "rules/rule.hpp"
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

TEST_CASE("coverage: transformed placeholders hold the transformed characters", "[coverage]") {
  const Model m = load(kModel);
  const Entity* user = m.entity("User");
  const Entity* order = m.entity("Order");
  // A ULID holds upper-case letters; lower-cased it never spells "ORDER#ABC".
  CHECK(templates_can_collide(tpl("ORDER#ABC"), nullptr, tpl("ORDER#{orderId}"), order));
  CHECK_FALSE(templates_can_collide(tpl("ORDER#ABC"), nullptr, tpl("ORDER#{orderId|lower}"), order));
  CHECK(templates_can_collide(tpl("ORDER#abc"), nullptr, tpl("ORDER#{orderId|lower}"), order));
  CHECK_FALSE(templates_can_collide(tpl("ORDER#abc"), nullptr, tpl("ORDER#{orderId|upper}"), order));
  // A padded number may start with zeros; the unpadded one holds digits too.
  CHECK(templates_can_collide(tpl("T{total|pad(4)}"), order, tpl("T0042"), nullptr));
  CHECK_FALSE(templates_can_collide(tpl("U{userId|lower}"), user, tpl("UX"), nullptr));
}

TEST_CASE("coverage: a pattern's key takes its entity's transforms", "[coverage]") {
  const Model m = load(R"(dynamodel: 1
name: cov-transform
table:
  name: People
  partition_key: {name: PK, type: S}
entities:
  Person:
    attributes:
      email: {type: S, required: true, format: email}
    keys: {PK: "PERSON#{email|lower}"}
access_patterns:
  - {id: AP1, name: getPerson, entity: Person, operation: GetItem, key: {PK: "PERSON#{email}"}}
)");
  const auto& part = m.access_patterns[0].key[0].operands[0].parts[1];
  CHECK(part.text == "email");
  CHECK(part.transform.kind == KeyTransform::Kind::lower);
  const Coverage c = compute_coverage(ResolvedModel(m));
  CHECK(c.patterns[0].served);
}

TEST_CASE("coverage: the proof per access pattern", "[coverage]") {
  const Model m = load(kModel);
  const Coverage c = compute_coverage(ResolvedModel(m));
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
  const auto json = to_json(c, coverage_message);
  CHECK(json["patterns"][3]["served"] == false);
}

TEST_CASE("coverage: a template with 1,000 placeholders stays fast and correct", "[coverage]") {
  std::string big;
  for (int i = 0; i < 1000; ++i) big += "{a}#";
  const KeyTemplate t = tpl(big);
  CHECK(templates_can_collide(t, nullptr, t, nullptr));
  CHECK_FALSE(templates_can_collide(t, nullptr, tpl("X"), nullptr));
}

namespace {

/// Every value of `text` (literal letters, `{x}` standing for 1..`max_run` letters of `alphabet`).
std::vector<std::string> values_of(const std::string& text, const std::string& alphabet, std::size_t max_run) {
  std::vector<std::string> out{""};
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::vector<std::string> next;
    if (text[i] == '{') {
      i = text.find('}', i);
      std::vector<std::string> runs{""}, all;
      for (std::size_t n = 1; n <= max_run; ++n) {
        std::vector<std::string> longer;
        for (const auto& r : runs)
          for (char c : alphabet) longer.push_back(r + c);
        runs = longer;
        all.insert(all.end(), runs.begin(), runs.end());
      }
      for (const auto& v : out)
        for (const auto& r : all) next.push_back(v + r);
    } else {
      for (const auto& v : out) next.push_back(v + text[i]);
    }
    out = next;
  }
  return out;
}

}  // namespace

TEST_CASE("coverage: a range selects an entity exactly when one of its values lies within it", "[coverage]") {
  // Brute force against the analysis: the other entity's sort key takes every value of its
  // template (its placeholder holds runs of the enum's letters a and b); the Query on Target
  // "also returns" it exactly when some value satisfies the condition in byte order.
  const std::vector<std::string> templates = {"{x}", "a{x}", "{x}b", "ab{x}a", "b", "ab", "ba{x}"};
  const std::vector<std::string> bounds = {"a", "ab", "aab", "b", "ba", "bb", "abab"};
  const std::vector<std::string> ops = {"lt", "le", "gt", "ge", "between"};
  int checked = 0;
  for (const auto& other : templates) {
    const auto values = values_of(other, "ab", 4);
    for (const auto& op : ops)
      for (const auto& lo : bounds)
        for (const auto& hi : op == "between" ? bounds : std::vector<std::string>{lo}) {
          if (op == "between" && hi < lo) continue;
          const std::string condition =
              op == "between" ? "{between: [\"" + lo + "\", \"" + hi + "\"]}" : "{" + op + ": \"" + lo + "\"}";
          const std::string yaml = std::string(R"(dynamodel: 1
name: ranges
table:
  name: T
  partition_key: {name: PK, type: S}
  sort_key: {name: SK, type: S}
entities:
  Target:
    attributes:
      p: {type: S, required: true}
    keys: {PK: "P#{p}", SK: "Z"}
  Other:
    attributes:
      p: {type: S, required: true}
      x: {type: S, required: true, enum: [a, b]}
    keys: {PK: "P#{p}", SK: ")") + other +
                                   R"("}
access_patterns:
  - {id: AP1, name: q, entity: Target, operation: Query, key: {PK: "P#{p}", SK: )" +
                                   condition + "}}\n";
          const Model m = load(yaml);
          const Coverage c = compute_coverage(ResolvedModel(m));
          REQUIRE(c.patterns.size() == 1);
          bool expected = false;
          for (const auto& v : values) {
            const bool ok = op == "lt"   ? v < lo
                            : op == "le" ? v <= lo
                            : op == "gt" ? v > lo
                            : op == "ge" ? v >= lo
                                         : lo <= v && v <= hi;
            expected = expected || ok;
          }
          INFO("Other.SK \"" << other << "\", SK " << condition);
          CHECK((c.patterns[0].also_returns == std::vector<std::string>{"Other"}) == expected);
          CHECK(c.patterns[0].also_returns.size() <= 1);
          ++checked;
        }
  }
  CHECK(checked > 300);
}

TEST_CASE("coverage: a Query of a conditional index (index_when) reaches only the members", "[coverage]") {
  const Model m = load(R"(dynamodel: 1
name: catalogue
table:
  name: Catalogue
  partition_key: {name: PK, type: S}
  sort_key: {name: SK, type: S}
  global_secondary_indexes:
    - {name: Featured, partition_key: {name: GSI2PK, type: S}, sort_key: {name: GSI2SK, type: S}}
entities:
  Product:
    attributes:
      sku: {type: S, required: true}
      featured: {type: BOOL}
    keys: {PK: "PRODUCT#{sku}", SK: PRODUCT, GSI2PK: FEATURED, GSI2SK: "{sku}"}
    index_when: {Featured: "featured = true"}
access_patterns:
  - {id: AP1, name: featured, entity: Product, operation: Query, index: Featured, key: {GSI2PK: FEATURED}}
  - {id: AP2, name: getProduct, entity: Product, operation: GetItem, key: {PK: "PRODUCT#{sku}", SK: PRODUCT}}
)");
  const Coverage c = compute_coverage(ResolvedModel(m));
  REQUIRE(c.patterns.size() == 2);
  CHECK(c.patterns[0].served);
  INFO(c.patterns[0].proof.at(0));
  REQUIRE(c.patterns[0].proof.size() == 2);
  CHECK(c.patterns[0].proof[1] == "reaches only the Product items where featured = true (index_when of Featured)");
  for (const auto& line : c.patterns[1].proof) CHECK(line.find("index_when") == std::string::npos);
}
