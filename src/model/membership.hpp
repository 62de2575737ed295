// Conditional membership of an index (Entity::index_when): DynamoDB's value of a membership
// condition on the attribute values of one item, and example values that make an item a member
// and a non-member. Shared by the sample items (report/sample.cpp) and the C++ self-test
// (gen/cpp_selftest.cpp), which both need members and non-members.
// Semantics: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html
#pragma once

#include <map>
#include <optional>
#include <string>

#include "model/model.hpp"

namespace dynamodel {

/// The value a membership condition sees for one attribute: none (absent), a string, a number,
/// a boolean, or a value of another type (present, but equal to no literal).
struct MemberValue {
  enum class Kind { absent, s, n, b, other };
  Kind kind = Kind::absent;
  std::string s;  ///< S: the string; N: the number as written (may be empty)
  double n = 0;
  bool b = false;
};

/// DynamoDB's value of condition `node` on an item whose attributes have `values` (absent when
/// not listed): a comparison with a missing attribute, or of two types, is false.
bool membership_holds(const ExprNode& node, const std::map<std::string, MemberValue>& values);

/// Values of the attributes condition `x` of entity `e` reads (each one listed, absent ones too)
/// under which it holds (`member`) and under which it does not (`other`); empty when no value
/// tried does: the condition's literals and their neighbours (an enum's values, for an
/// attribute with an enum), true and false, and absence for an optional attribute.
struct MembershipExamples {
  std::optional<std::map<std::string, MemberValue>> member, other;
};
MembershipExamples membership_examples(const Entity& e, const Expression& x);

/// True when condition `x` of entity `e` can hold only on an item that has `attribute` (a
/// member always carries it): no value tried for the other attributes makes it hold without.
bool membership_requires(const Entity& e, const Expression& x, const std::string& attribute);

}  // namespace dynamodel
