#include "model/membership.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

namespace dynamodel {
namespace {

std::optional<MemberValue> literal_of(const ExprOperand& o) {
  MemberValue l;
  switch (o.kind) {
    case ExprOperand::Kind::string:
      l.kind = MemberValue::Kind::s, l.s = o.text;
      return l;
    case ExprOperand::Kind::number:
      l.kind = MemberValue::Kind::n, l.n = std::strtod(o.text.c_str(), nullptr);
      return l;
    case ExprOperand::Kind::boolean:
      l.kind = MemberValue::Kind::b, l.b = o.text == "true";
      return l;
    default:
      return std::nullopt;
  }
}

/// -1, 0, 1 as DynamoDB orders two values of one type (S by bytes, N by value; BOOL equal or
/// not); 2 when they do not compare.
int order(const MemberValue& a, const MemberValue& b) {
  using K = MemberValue::Kind;
  if (a.kind != b.kind || a.kind == K::absent || a.kind == K::other) return 2;
  if (a.kind == K::s) {
    const int c = a.s.compare(b.s);  // char_traits<char>: bytes as unsigned char
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  if (a.kind == K::n) return a.n < b.n ? -1 : a.n > b.n ? 1 : 0;
  return a.b == b.b ? 0 : 2;
}

/// The values worth trying for attribute `a` in condition `x`.
std::vector<MemberValue> candidates(const Attribute& a, const Expression& x) {
  using K = MemberValue::Kind;
  std::vector<MemberValue> out;
  const auto add = [&](const MemberValue& l) {
    if (std::none_of(out.begin(), out.end(),
                     [&](const MemberValue& o) { return o.kind == l.kind && order(o, l) == 0; }))
      out.push_back(l);
  };
  const bool integer = a.type == AttributeType::N && a.format != AttributeFormat::float_;
  if (a.type == AttributeType::S && !a.enum_values.empty()) {
    for (const auto& v : a.enum_values) add({K::s, v});
  } else if (a.type == AttributeType::BOOL) {
    add({K::b, "", 0, true});
    add({K::b, "", 0, false});
  } else {
    std::vector<MemberValue> lits;
    walk(*x.root, [&](const ExprNode& n) {
      for (const auto& [attr, other] : comparisons(n))
        if (attr->text == a.name)
          if (auto l = literal_of(*other)) lits.push_back(*l);
    });
    for (const auto& l : lits) {
      if (l.kind == K::s && a.type == AttributeType::S) {
        add(l);
        add({K::s, l.s + "~"});
      } else if (l.kind == K::n && a.type == AttributeType::N) {
        for (double d : {l.n, l.n + 1, l.n - 1}) add({K::n, "", integer ? std::floor(d) : d});
        if (integer) add({K::n, "", std::ceil(l.n)});
      }
    }
    if (a.type == AttributeType::S) add({K::s, "x"});
    if (a.type == AttributeType::N) add({K::n, "", 0});
  }
  if (!a.required) out.push_back({});
  return out;
}

}  // namespace

bool membership_holds(const ExprNode& n, const std::map<std::string, MemberValue>& values) {
  using K = ExprNode::Kind;
  const auto value = [&](const ExprOperand& o) {
    if (o.kind != ExprOperand::Kind::attribute) return literal_of(o).value_or(MemberValue{});
    const auto it = values.find(o.text);
    return it == values.end() ? MemberValue{} : it->second;
  };
  switch (n.kind) {
    case K::and_:
      return membership_holds(n.children[0], values) && membership_holds(n.children[1], values);
    case K::or_:
      return membership_holds(n.children[0], values) || membership_holds(n.children[1], values);
    case K::not_:
      return !membership_holds(n.children[0], values);
    case K::attribute_exists:
      return value(n.operands[0]).kind != MemberValue::Kind::absent;
    case K::attribute_not_exists:
      return value(n.operands[0]).kind == MemberValue::Kind::absent;
    case K::begins_with: {
      const MemberValue a = value(n.operands[0]), p = value(n.operands[1]);
      return a.kind == MemberValue::Kind::s && p.kind == MemberValue::Kind::s && a.s.rfind(p.s, 0) == 0;
    }
    case K::between: {
      const int lo = order(value(n.operands[0]), value(n.operands[1]));
      const int hi = order(value(n.operands[0]), value(n.operands[2]));
      return lo != 2 && hi != 2 && lo >= 0 && hi <= 0;
    }
    case K::in:
      for (std::size_t i = 1; i < n.operands.size(); ++i)
        if (order(value(n.operands[0]), value(n.operands[i])) == 0) return true;
      return false;
    case K::compare: {
      const int c = order(value(n.operands[0]), value(n.operands[1]));
      if (c == 2) return false;
      if (n.op == "=") return c == 0;
      if (n.op == "<>") return c != 0;
      if (n.op == "<") return c < 0;
      if (n.op == "<=") return c <= 0;
      if (n.op == ">") return c > 0;
      return c >= 0;
    }
    default:
      return false;  // contains: refused by index/membership-condition
  }
}

namespace {

/// The examples of `x`, with `absent` (when not empty) never present.
MembershipExamples examples(const Entity& e, const Expression& x, const std::string& absent) {
  MembershipExamples out;
  if (!x) return out;
  std::vector<const Attribute*> attrs;
  for (const ExprOperand* o : x.attributes()) {
    const Attribute* a = e.attribute(o->text);
    if (!a) return out;
    if (std::find(attrs.begin(), attrs.end(), a) == attrs.end()) attrs.push_back(a);
  }
  std::vector<std::vector<MemberValue>> tries;
  tries.reserve(attrs.size());
  for (const Attribute* a : attrs)
    tries.push_back(a->name == absent ? std::vector<MemberValue>{MemberValue{}} : candidates(*a, x));
  // Every combination, first to last, until both kinds are found (bounded: a handful of
  // attributes with a handful of values each).
  std::vector<std::size_t> at(attrs.size(), 0);
  for (int step = 0; step < 100000 && (!out.member || !out.other); ++step) {
    std::map<std::string, MemberValue> values;
    for (std::size_t i = 0; i < attrs.size(); ++i) values[attrs[i]->name] = tries[i][at[i]];
    if (membership_holds(*x.root, values)) {
      if (!out.member) out.member = values;
    } else if (!out.other) {
      out.other = values;
    }
    std::size_t i = 0;
    while (i < at.size() && ++at[i] == tries[i].size()) at[i++] = 0;
    if (i == at.size()) break;
  }
  return out;
}

}  // namespace

MembershipExamples membership_examples(const Entity& e, const Expression& x) { return examples(e, x, ""); }

bool membership_requires(const Entity& e, const Expression& x, const std::string& attribute) {
  if (!x) return false;
  const auto attrs = x.attributes();
  if (std::none_of(attrs.begin(), attrs.end(), [&](const ExprOperand* o) { return o->text == attribute; }))
    return false;
  return !examples(e, x, attribute).member;
}

}  // namespace dynamodel
