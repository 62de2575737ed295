// access/unknown-attribute: an UpdateItem's `set` and `add` name attributes of its entity.
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

}  // namespace

extern const Rule kAccessUnknownAttribute = {
    {"access/unknown-attribute", Severity::error, "`set` or `add` of an update names no attribute of its entity",
     "An UpdateItem's SET and ADD write attributes of the item; dynamodel types each value from the entity's "
     "attribute (the generated accessors take it as a typed parameter), and a name the entity does not "
     "declare is a typo or an undeclared attribute, which the size and key checks cannot see. Key attributes "
     "are not updated: DynamoDB refuses an update of the primary key.",
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
    }};
}  // namespace dynamodel
