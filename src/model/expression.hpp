// Filter and condition expressions of access patterns (`filter:`, a `condition:` that is not
// one of the keywords): DynamoDB's condition-expression syntax with attribute names written
// plainly and parameters written `{param}` as in key templates.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diag/diagnostic.hpp"

namespace dynamodel {

/// One operand: an attribute name, a `{parameter}`, or a literal ('text', 12.5, true, false).
struct ExprOperand {
  enum class Kind { attribute, parameter, string, number, boolean };
  Kind kind = Kind::attribute;
  std::string text;  ///< the name, the parameter's name, or the literal's value (unquoted)
  Location location;
};

/// A node of a condition: a comparison, BETWEEN, IN, a function, or AND / OR / NOT of others.
struct ExprNode {
  enum class Kind {
    compare,               ///< operands[0] op operands[1]
    between,               ///< operands[0] BETWEEN operands[1] AND operands[2]
    in,                    ///< operands[0] IN (operands[1], ...)
    attribute_exists,      ///< operands[0] is the path
    attribute_not_exists,  ///< operands[0] is the path
    begins_with,           ///< (path, operand)
    contains,              ///< (path, operand)
    and_,                  ///< children[0] AND children[1]
    or_,                   ///< children[0] OR children[1]
    not_                   ///< NOT children[0]
  };
  Kind kind = Kind::compare;
  std::string op;  ///< compare: = <> < <= > >=
  std::vector<ExprOperand> operands;
  std::vector<ExprNode> children;
  Location location;
};

/// A parsed expression as written in the model; `root` is empty when there is none.
struct Expression {
  std::string text;
  std::optional<ExprNode> root;
  Location location;

  explicit operator bool() const { return root.has_value(); }
  /// Every operand of the expression, in order of appearance.
  std::vector<const ExprOperand*> operands() const;
  /// The attribute operands (paths), in order of appearance.
  std::vector<const ExprOperand*> attributes() const;
  /// The parameter names, each once, in order of first appearance.
  std::vector<std::string> parameters() const;
};

/// An expression's error: the message and where the offending token is.
struct ExpressionError {
  std::string message;
  Location location;
};

/// Parses `text`, read at `at` (the location of its first character); the operands' locations
/// are `at` moved by their offsets (a single-line value). Fills `out` and returns nullopt, or
/// returns the first error.
std::optional<ExpressionError> parse_expression(std::string_view text, const Location& at, Expression& out);

/// `=`, `BETWEEN`, `begins_with`, ... as written in DynamoDB's syntax, for messages.
std::string_view to_string(ExprNode::Kind kind);

/// The operands an attribute is compared with in `node` (a compare, between or in node's
/// operands other than the attribute, the second argument of begins_with and contains), as
/// pairs (attribute operand, other operand). A comparison gives one pair: its left side when it
/// is an attribute, else its right side (the parser puts an attribute on one side).
std::vector<std::pair<const ExprOperand*, const ExprOperand*>> comparisons(const ExprNode& node);

/// Calls `f(node)` for `node` and each node under it.
template <typename F>
void walk(const ExprNode& node, F&& f) {
  f(node);
  for (const auto& c : node.children) walk(c, f);
}

}  // namespace dynamodel
