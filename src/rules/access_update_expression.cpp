// access/update-expression: an UpdateItem whose UpdateExpression DynamoDB would refuse: it
// names a primary-key attribute, or one attribute path twice (SET, ADD, the optimistic-lock
// version and the secondary-index keys rebuilt from the set attributes, all together).
#include <map>

#include "model/update.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
namespace {

const char* field_of(UpdateWrite::Why why) {
  switch (why) {
    case UpdateWrite::Why::add:
      return "add";
    case UpdateWrite::Why::version:
      return "optimistic_lock";
    default:
      return "set";
  }
}

std::string how(const UpdateWrite& w) {
  switch (w.why) {
    case UpdateWrite::Why::set:
      return "set";
    case UpdateWrite::Why::add:
      return "add";
    case UpdateWrite::Why::rebuilt_key:
      return "the key " + w.attribute + " rebuilt from set";
    case UpdateWrite::Why::version:
      return "optimistic_lock";
  }
  return "";
}

/// Checks one UpdateItem (a pattern or a transaction action) of entity `e`.
void check_update(const Model& m, const Entity& e, const std::vector<std::string>& set,
                  const std::vector<std::string>& add, bool lock, const Source& source, const std::string& who,
                  Findings& f) {
  std::map<std::string, std::string> written;  // attribute -> how it is first written
  for (const auto& w : update_writes(m, e, set, add, lock)) {
    const char* field = field_of(w.why);
    if (is_primary_key_attribute(m, w.attribute)) {
      f.report(source.at(field), source.path_of(field),
               who + ": " + how(w) + " writes '" + w.attribute +
                   "', an attribute of the table's primary key; DynamoDB refuses to update a key attribute "
                   "(\"This attribute is part of the key\"): write a new item and delete the old one instead");
      continue;
    }
    const auto [it, fresh] = written.emplace(w.attribute, how(w));
    if (!fresh)
      f.report(source.at(field), source.path_of(field),
               who + ": " + how(w) + " writes '" + w.attribute + "', which " + it->second +
                   " writes already; DynamoDB refuses an UpdateExpression that names one path twice "
                   "(\"Two document paths overlap\")");
  }
}

}  // namespace

extern const Rule kAccessUpdateExpression = {
    {"access/update-expression", Severity::error,
     "an UpdateItem that writes a primary-key attribute, or one attribute twice",
     "An UpdateExpression may name each attribute path once across SET, REMOVE and ADD, and may not change "
     "an attribute of the table's primary key: DynamoDB rejects the request (ValidationException: \"Two "
     "document paths overlap\", \"This attribute is part of the key\"). dynamodel writes the set and add "
     "attributes, every secondary-index key rebuilt from a set attribute and the optimistic-lock version, so "
     "an attribute listed twice, in both set and add, or set while it is also a rebuilt key, cannot be "
     "generated. A new primary key is a new item: put it and delete the old one in a transaction.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html",
     "- {name: bump, entity: Counter, operation: UpdateItem,\n"
     "   key: {PK: \"COUNTER#{counterId}\"}, set: [total], add: [total]}\n",
     "- {name: bump, entity: Counter, operation: UpdateItem,\n"
     "   key: {PK: \"COUNTER#{counterId}\"}, add: [total]}\n",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      for (const auto& p : m.access_patterns) {
        if (p.operation == Operation::UpdateItem && p.entities.size() == 1)
          if (const Entity* e = m.entity(p.entities[0]))
            check_update(m, *e, p.set, p.add, p.optimistic_lock, p.source, p.id, f);
        for (std::size_t i = 0; i < p.actions.size(); ++i) {
          const Action& a = p.actions[i];
          if (a.operation != Operation::UpdateItem) continue;
          if (const Entity* e = m.entity(a.entity))
            check_update(m, *e, a.set, a.add, a.optimistic_lock, a.source, p.id + " action " + std::to_string(i + 1),
                         f);
        }
      }
    }};

}  // namespace dynamodel
