// keys/collision: two entities whose primary-key templates can produce the same (PK, SK).
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kKeysCollision = {
    {"keys/collision", Severity::error, "two entities' primary-key templates can produce the same (PK, SK)",
     "In a single-table design the primary key alone tells items apart. If two entities' templates can build "
     "the same partition key and sort key, a PutItem of one silently overwrites an item of the other. Give each "
     "entity a distinct literal prefix (`USER#`, `ORDER#`) in its sort key or partition key.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-modeling-nosql-B.html",
     "  User:  {keys: {PK: \"ACCOUNT#{id}\", SK: \"META\"}}\n  Admin: {keys: {PK: \"ACCOUNT#{id}\", SK: \"META\"}}\n",
     "  User:  {keys: {PK: \"ACCOUNT#{id}\", SK: \"USER\"}}\n  Admin: {keys: {PK: \"ACCOUNT#{id}\", SK: \"ADMIN\"}}\n",
     ""},
    [](const Model&, const Analysis& a, Findings& f) {
      for (const auto& c : a.coverage.collisions)
        f.report(c.location, "entities." + c.second + ".keys",
                 "the primary keys of " + c.detail +
                     " can be equal: writing one would overwrite the other; "
                     "give one of them a distinct literal prefix",
                 {Note{c.other, c.first + "'s key is defined here"}});
    }};
}  // namespace dynamodel
