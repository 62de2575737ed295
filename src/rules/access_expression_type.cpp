// access/expression-type: a value in a filter or value condition cannot match the attribute it is
// compared with, or a parameter's type cannot be told.
#include "model/expression_types.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
namespace {

void check(const Model& m, const std::vector<const Entity*>& entities, const Expression& x, const std::string& path,
           const std::string& who, Findings& f) {
  if (!x || entities.empty()) return;
  for (const Entity* e : entities)
    if (!e) return;  // access/unknown-entity reports it
  for (const auto& problem : type_expression(x, entity_lookup(m, entities)).problems)
    f.report(problem.location, path, who + ": " + problem.message);
}

}  // namespace

extern const Rule kAccessExpressionType = {
    {"access/expression-type", Severity::error,
     "a filter or value condition compares an attribute with a value of another type",
     "DynamoDB compares values of one type only: a string never equals a number, and a comparison of values of "
     "two types is simply false, so the filter drops every item or the condition always fails. begins_with takes "
     "a string or binary attribute, contains a string, binary or set. A `{parameter}` becomes an accessor "
     "argument typed from the attribute it is compared with, so one parameter compared with attributes of two "
     "types cannot be typed either.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html",
     "- name: lowStock\n  entity: Product\n  operation: Scan\n  filter: \"stock < '10'\"   # stock is N\n",
     "- name: lowStock\n  entity: Product\n  operation: Scan\n  filter: \"stock < {threshold}\"\n", ""},
    [](const Model& m, const Analysis&, Findings& f) {
      for_each_expression(m, [&](const std::vector<const Entity*>& ents, const Expression& x, const std::string& path,
                                 const std::string& who) { check(m, ents, x, path, who, f); });
    }};
}  // namespace dynamodel
