// access/unreachable-entity: an entity that no access pattern reads.
#include <set>

#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kAccessUnreachableEntity = {
    {"access/unreachable-entity", Severity::warning, "no access pattern reads the entity",
     "DynamoDB design starts from the access patterns: data that no pattern reads is either a missing pattern "
     "(the design is not yet proven to serve it) or data that need not be stored. Add the read pattern, or "
     "remove the entity.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-general-nosql-design.html",
     "entities:\n  AuditEvent: {...}\naccess_patterns:\n  - {name: recordEvent, entity: AuditEvent, operation: "
     "PutItem, ...}\n",
     "  - {name: listEvents, entity: AuditEvent, operation: Query, key: {PK: \"AUDIT#{day}\"}}\n", ""},
    [](const Model& m, const Analysis&, Findings& f) {
      auto reads = [](Operation op) {
        return op == Operation::GetItem || op == Operation::Query || op == Operation::Scan ||
               op == Operation::BatchGetItem || op == Operation::TransactGetItems || op == Operation::Replay;
      };
      std::set<std::string> read;
      for (const auto& ap : m.access_patterns) {
        if (!ap.actions.empty()) {
          for (const auto& act : ap.actions)
            if (act.operation == Operation::GetItem) read.insert(act.entity);
          continue;
        }
        if (reads(ap.operation)) read.insert(ap.entities.begin(), ap.entities.end());
      }
      for (const auto& e : m.entities)
        if (!read.count(e.name))
          f.report(e.source.location, e.source.path,
                   "no access pattern reads " + e.name +
                       ": add the pattern that reads it (GetItem, Query, ...) so the design is proven to serve it, "
                       "or remove the entity if nothing needs it");
    }};
}  // namespace dynamodel
