// The types of a filter or condition expression's values (model/expression.hpp): each
// `{parameter}` takes the type of the attribute it is compared with, and each literal must fit
// that attribute. Shared by the rule that judges them (access/expression-type) and the C++
// generator that makes parameters of them.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/model.hpp"

namespace dynamodel {

/// An attribute an expression names: its type, and the entity's declaration when it is one
/// (nullptr for a key attribute that no entity declares).
struct ExprAttribute {
  AttributeType type = AttributeType::S;
  const Attribute* attribute = nullptr;
};
/// Looks up an attribute name; nullopt when the name is unknown (access/unknown-attribute).
using ExprLookup = std::function<std::optional<ExprAttribute>(const std::string& name)>;

/// One parameter and the type of its value.
struct ExprParameter {
  std::string name;
  AttributeType type = AttributeType::S;
  /// The attribute compared with (its format), when an entity declares it; for an element of a
  /// set (contains), the set, whose `type` differs from this one's.
  const Attribute* attribute = nullptr;
  Location location;  ///< its first use
};

struct ExprTyping {
  std::vector<ExprParameter> parameters;  ///< typed parameters, in order of first appearance
  std::vector<ExpressionError> problems;  ///< type mismatches and untypable parameters
};

/// Types the values of `e` with `lookup`. A parameter compared with attributes of two types is a
/// problem, as is a literal that does not fit its attribute, begins_with on anything but a string
/// or binary, contains on anything but a string, binary or set, an ordering of a set or boolean,
/// and a value compared with a list, map or null attribute. A parameter compared only with
/// unknown attributes or such problems is left out of `parameters`.
ExprTyping type_expression(const Expression& e, const ExprLookup& lookup);

/// The lookup of the attributes of `entities` and the model's key attributes.
ExprLookup entity_lookup(const Model& m, const std::vector<const Entity*>& entities);

/// Calls `f(entities, expression, path, who)` for each filter and value condition of `m` that is
/// set: a pattern's filter and condition with its entities, an action's condition with the
/// action's entity (an unknown entity is nullptr); `path` is the field's model path and `who`
/// names it for messages ("AP3's filter", "AP7 action 2's condition").
void for_each_expression(const Model& m,
                         const std::function<void(const std::vector<const Entity*>& entities, const Expression& x,
                                                  const std::string& path, const std::string& who)>& f);

}  // namespace dynamodel
