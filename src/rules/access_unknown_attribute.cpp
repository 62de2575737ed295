// access/unknown-attribute: an UpdateItem's `set` and `add`, and the attributes of a filter or
// value condition, name attributes of its entity.
#include <algorithm>

#include "model/expression_types.hpp"
#include "model/text.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
namespace {

/// Reports each name of `names` (field `field` of `source`) that `e` does not declare.
void check_names(const Entity& e, const std::vector<std::string>& names, const Source& source, const char* field,
                 const std::string& who, Findings& f) {
  for (const auto& name : names) {
    if (e.attribute(name)) continue;
    const bool key = e.key(name) != nullptr;
    f.report(source.at(field), source.path_of(field),
             who + " " + field + "s '" + name + "', which is not an attribute of " + e.name +
                 (key ? " (it is a key attribute: its value comes from the key template, and an update never "
                        "changes the primary key; set the attributes its template uses instead)"
                      : "; declare it under entities." + e.name + ".attributes, or fix the name"),
             {Note{e.source.location, "entity " + e.name + " is defined here"}});
  }
}

/// Reports each attribute of expression `x` that neither `entities` nor the model's keys declare.
void check_expression(const Model& m, const std::vector<const Entity*>& entities, const Expression& x,
                      const std::string& path, const std::string& who, Findings& f) {
  if (!x || entities.empty() || std::find(entities.begin(), entities.end(), nullptr) != entities.end()) return;
  const ExprLookup lookup = entity_lookup(m, entities);
  std::vector<std::string_view> candidates;
  std::string names;
  for (const Entity* e : entities) {
    names += (names.empty() ? "" : " or ") + e->name;
    for (const auto& a : e->attributes) candidates.push_back(a.name);
  }
  for (const ExprOperand* o : x.attributes()) {
    if (lookup(o->text)) continue;
    std::string message = who + " names '" + o->text + "', which is neither an attribute of " + names +
                          " nor a key attribute; declare it, or fix the name";
    if (auto best = closest_match(o->text, candidates)) message += " (did you mean '" + *best + "'?)";
    f.report(o->location, path, message);
  }
}

}  // namespace

extern const Rule kAccessUnknownAttribute = {
    {"access/unknown-attribute", Severity::error,
     "`set` or `add` of an update, or a filter or value condition, names no attribute of its entity",
     "An UpdateItem's SET and ADD write attributes of the item; dynamodel types each value from the entity's "
     "attribute (the generated accessors take it as a typed parameter), and a name the entity does not "
     "declare is a typo or an undeclared attribute, which the size and key checks cannot see. Key attributes "
     "are not updated: DynamoDB refuses an update of the primary key. A filter or a value condition on an "
     "attribute nobody writes is always false (or, under NOT, always true).",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html",
     "- name: renameUser\n  entity: User\n  operation: UpdateItem\n  key: {PK: \"USER#{userId}\"}\n"
     "  set: [displayName]   # User has no attribute displayName\n",
     "- name: renameUser\n  entity: User\n  operation: UpdateItem\n  key: {PK: \"USER#{userId}\"}\n  set: [name]\n",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      for (const auto& p : m.access_patterns) {
        if (p.operation == Operation::UpdateItem && p.entities.size() == 1)
          if (const Entity* e = m.entity(p.entities[0])) {
            check_names(*e, p.set, p.source, "set", p.id, f);
            check_names(*e, p.add, p.source, "add", p.id, f);
          }
        for (std::size_t i = 0; i < p.actions.size(); ++i) {
          const Action& a = p.actions[i];
          const Entity* e = m.entity(a.entity);
          if (a.operation != Operation::UpdateItem || !e) continue;
          const std::string who = p.id + " action " + std::to_string(i + 1);
          check_names(*e, a.set, a.source, "set", who, f);
          check_names(*e, a.add, a.source, "add", who, f);
        }
      }
      for_each_expression(m, [&](const std::vector<const Entity*>& ents, const Expression& x, const std::string& path,
                                 const std::string& who) { check_expression(m, ents, x, path, who, f); });
    }};
}  // namespace dynamodel
