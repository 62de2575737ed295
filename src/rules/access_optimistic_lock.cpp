// access/optimistic-lock: optimistic_lock needs a `role: version` attribute to compare.
#include "rules/rule.hpp"

namespace dynamodel {
namespace {

bool has_role(const Entity& e, AttributeRole role) {
  for (const auto& a : e.attributes)
    if (a.role == role) return true;
  return false;
}

}  // namespace

extern const Rule kAccessOptimisticLock = {
    {"access/optimistic-lock", Severity::error,
     "`optimistic_lock` on an update of an entity without an attribute of `role: version`",
     "Optimistic locking is a condition on a version number: the update succeeds only when the item's "
     "version still equals the one the caller read, and adds 1 to it. Without an attribute of role version "
     "there is nothing to compare, so the lock cannot be written (dynamodel would have to invent an "
     "attribute the item does not have).",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DynamoDBMapper.OptimisticLocking.html",
     "entities:\n  Account:\n    attributes:\n      accountId: {type: S, required: true}\n"
     "access_patterns:\n  - {id: AP1, name: rename, entity: Account, operation: UpdateItem,\n"
     "     key: {PK: \"ACCOUNT#{accountId}\"}, set: [name], optimistic_lock: true}\n",
     "entities:\n  Account:\n    attributes:\n      accountId: {type: S, required: true}\n"
     "      version: {type: N, required: true, role: version}\n",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      auto check = [&](const std::string& entity, const Source& source, const std::string& who) {
        const Entity* e = m.entity(entity);
        if (!e || has_role(*e, AttributeRole::version)) return;
        f.report(source.at("optimistic_lock"), source.path_of("optimistic_lock"),
                 who + " asks for optimistic_lock, but " + e->name +
                     " has no attribute with role: version to compare; add one (type N, required) or drop "
                     "optimistic_lock",
                 {Note{e->source.location, "entity " + e->name + " is defined here"}});
      };
      for (const auto& p : m.access_patterns) {
        if (p.operation == Operation::UpdateItem && p.optimistic_lock && p.entities.size() == 1)
          check(p.entities[0], p.source, p.id);
        for (std::size_t i = 0; i < p.actions.size(); ++i)
          if (p.actions[i].operation == Operation::UpdateItem && p.actions[i].optimistic_lock)
            check(p.actions[i].entity, p.actions[i].source, p.id + " action " + std::to_string(i + 1));
      }
    }};

}  // namespace dynamodel
