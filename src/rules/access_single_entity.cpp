// access/single-entity: operations other than Query, Scan and transactions address one entity.
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kAccessSingleEntity = {
    {"access/single-entity", Severity::error,
     "a GetItem, PutItem, UpdateItem, DeleteItem, BatchGetItem, BatchWriteItem or Replay lists several entities",
     "These operations address items by their full primary key (or, for Replay, rewrite the items of one "
     "type), so each works on one entity: its key templates build the key, and its attributes type the item "
     "that is read or written. Only a Query or Scan reads an item collection of several entities "
     "(`entities: [...]`); a transaction lists one entity per action.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html",
     "- name: getUserOrOrder\n  entities: [User, Order]\n  operation: GetItem\n",
     "- name: getUser\n  entity: User\n  operation: GetItem\n", ""},
    [](const Model& m, const Analysis&, Findings& f) {
      for (const auto& p : m.access_patterns) {
        if (p.entities.size() < 2) continue;
        switch (p.operation) {
          case Operation::Query:
          case Operation::Scan:
          case Operation::TransactWriteItems:
          case Operation::TransactGetItems:
          case Operation::ConditionCheck:
            continue;
          default:
            break;
        }
        f.report(p.source.at("entities"), p.source.path_of("entities"),
                 p.id + " is a " + std::string(to_string(p.operation)) + " of " + std::to_string(p.entities.size()) +
                     " entities; it addresses items of one entity: write one access pattern per entity, or a "
                     "Query for an item collection");
      }
    }};
}  // namespace dynamodel
