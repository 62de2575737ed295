// Filter and condition expressions (model/expression.hpp): the grammar's precedence, operands,
// error positions, and the typing of parameters (model/expression_types.hpp).
#include <catch2/catch.hpp>

#include <algorithm>

#include "model/expression.hpp"
#include "model/expression_types.hpp"
#include "model/membership.hpp"

using namespace dynamodel;

namespace {

Expression parse(const std::string& text) {
  Expression e;
  const auto error = parse_expression(text, Location{"m.yaml", 3, 10}, e);
  if (error) FAIL(error->message);
  return e;
}

ExpressionError fails(const std::string& text) {
  Expression e;
  const auto error = parse_expression(text, Location{"m.yaml", 3, 10}, e);
  REQUIRE(error);
  CHECK_FALSE(e);
  return *error;
}

}  // namespace

TEST_CASE("expressions: NOT binds tighter than AND, AND tighter than OR") {
  const Expression e = parse("a = {x} OR NOT b < 3 AND c <> 'z'");
  REQUIRE(e.root->kind == ExprNode::Kind::or_);
  const ExprNode& right = e.root->children[1];
  REQUIRE(right.kind == ExprNode::Kind::and_);
  CHECK(right.children[0].kind == ExprNode::Kind::not_);
  CHECK(right.children[0].children[0].op == "<");
  CHECK(right.children[1].op == "<>");
  CHECK(e.parameters() == std::vector<std::string>{"x"});
  const auto attrs = e.attributes();
  REQUIRE(attrs.size() == 3);
  CHECK(attrs[2]->text == "c");
  CHECK(attrs[2]->location.column == 10 + 25);  // the column of `c`
}

TEST_CASE("expressions: parentheses, BETWEEN, IN, functions, literals, keywords in any case") {
  const Expression e = parse(
      "(status in ('A', {s}) or begins_with(name, {p})) and stock between 1 and {hi} and "
      "attribute_not_exists(gone) AND contains(tags, {t}) AND active = true");
  std::vector<ExprNode::Kind> kinds;
  walk(*e.root, [&](const ExprNode& n) { kinds.push_back(n.kind); });
  CHECK(std::count(kinds.begin(), kinds.end(), ExprNode::Kind::in) == 1);
  CHECK(std::count(kinds.begin(), kinds.end(), ExprNode::Kind::between) == 1);
  CHECK(std::count(kinds.begin(), kinds.end(), ExprNode::Kind::attribute_not_exists) == 1);
  CHECK(std::count(kinds.begin(), kinds.end(), ExprNode::Kind::contains) == 1);
  CHECK(e.parameters() == std::vector<std::string>{"s", "p", "hi", "t"});
  const auto ops = e.operands();
  CHECK(ops[1]->kind == ExprOperand::Kind::string);
  CHECK(ops[1]->text == "A");
  CHECK(ops.back()->kind == ExprOperand::Kind::boolean);
}

TEST_CASE("expressions: errors point at the offending token") {
  CHECK(fails("a == {x}").location.column == 12);
  CHECK(fails("a = :x").location.column == 14);
  CHECK(fails("#a = {x}").location.column == 10);
  CHECK(fails("size(a) > 3").message.find("size") != std::string::npos);
  CHECK(fails("a BETWEEN 1 2").location.column == 22);
  CHECK(fails("(a = 1").message.find("')'") != std::string::npos);
  CHECK(fails("a = 1 b").location.column == 16);
  CHECK(fails("a").message.find("comparison") != std::string::npos);
  CHECK(fails("{x} = {y}").message.find("attribute name") != std::string::npos);
  CHECK(fails("a = {}").location.column == 14);
  CHECK(fails("a = 'open").location.column == 14);
  CHECK(fails("a = 1.2.3").location.column == 14);
  CHECK(fails("a != 1").location.column == 12);
  CHECK(fails("AND = 1").message.find("keyword") != std::string::npos);
  CHECK(fails("a IN ()").location.column == 16);
  CHECK(fails("attribute_exists('a')").message.find("attribute name first") != std::string::npos);
}

TEST_CASE("expression types: parameters typed by their attribute, mismatches found") {
  Attribute stock, name, tags;
  stock.type = AttributeType::N;
  name.type = AttributeType::S;
  tags.type = AttributeType::SS;
  const ExprLookup lookup = [&](const std::string& n) -> std::optional<ExprAttribute> {
    if (n == "stock") return ExprAttribute{AttributeType::N, &stock};
    if (n == "name") return ExprAttribute{AttributeType::S, &name};
    if (n == "tags") return ExprAttribute{AttributeType::SS, &tags};
    return std::nullopt;
  };
  const ExprTyping ok = type_expression(parse("stock >= {qty} AND contains(tags, {t}) AND {n} = name"), lookup);
  CHECK(ok.problems.empty());
  REQUIRE(ok.parameters.size() == 3);
  CHECK(ok.parameters[0].type == AttributeType::N);
  CHECK(ok.parameters[1].type == AttributeType::S);  // an element of the string set
  CHECK(ok.parameters[1].attribute == &tags);
  CHECK(ok.parameters[2].type == AttributeType::S);
  CHECK(type_expression(parse("stock = 'x'"), lookup).problems.size() == 1);
  CHECK(type_expression(parse("stock = {a} OR name = {a}"), lookup).problems.size() == 1);
  CHECK(type_expression(parse("begins_with(stock, {p})"), lookup).problems.size() == 1);
  CHECK(type_expression(parse("tags > {t}"), lookup).problems.size() == 1);
  CHECK(type_expression(parse("stock = name"), lookup).problems.size() == 1);
  // An unknown attribute leaves its parameter untyped, without a type problem of its own.
  const ExprTyping unknown = type_expression(parse("nmae = {n}"), lookup);
  CHECK(unknown.problems.empty());
  CHECK(unknown.parameters.empty());
}

TEST_CASE("membership conditions: DynamoDB's value on an item, and member / non-member examples") {
  Entity e;
  e.name = "Product";
  Attribute featured;
  featured.name = "featured";
  featured.type = AttributeType::BOOL;
  Attribute status;
  status.name = "status";
  status.required = true;
  status.enum_values = {"ACTIVE", "RETIRED"};
  Attribute discount;
  discount.name = "discount";
  discount.type = AttributeType::N;
  e.attributes = {featured, status, discount};
  Expression x;
  REQUIRE_FALSE(parse_expression("featured = true AND status <> 'RETIRED' AND discount BETWEEN 5 AND 90", {}, x));
  using K = MemberValue::Kind;
  std::map<std::string, MemberValue> v = {
      {"featured", {K::b, "", 0, true}}, {"status", {K::s, "ACTIVE"}}, {"discount", {K::n, "", 5}}};
  CHECK(membership_holds(*x.root, v));
  v["discount"].n = 91;
  CHECK_FALSE(membership_holds(*x.root, v));
  v["discount"] = {};  // missing: BETWEEN is false
  CHECK_FALSE(membership_holds(*x.root, v));
  v["discount"] = {K::s, "7"};  // another type: false
  CHECK_FALSE(membership_holds(*x.root, v));
  const MembershipExamples ex = membership_examples(e, x);
  REQUIRE(ex.member);
  REQUIRE(ex.other);
  CHECK(membership_holds(*x.root, *ex.member));
  CHECK_FALSE(membership_holds(*x.root, *ex.other));
  CHECK(ex.member->size() == 3);
  Expression never;
  REQUIRE_FALSE(parse_expression("attribute_exists(status) AND attribute_not_exists(status)", {}, never));
  CHECK_FALSE(membership_examples(e, never).member);
}
