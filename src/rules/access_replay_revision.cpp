// access/replay-revision: a Replay adds 1 to a `role: revision` attribute.
#include <algorithm>

#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kAccessReplayRevision = {
    {"access/replay-revision", Severity::error, "a Replay of an entity without an attribute of `role: revision`",
     "A Replay rewrites every selected item so that DynamoDB Streams emits a fresh record of it (to rebuild a "
     "projection or re-drive a consumer). An update that changes nothing writes no stream record, so the "
     "replay adds 1 to the attribute of role revision; without one it cannot make the write visible.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html",
     "entities:\n  Order:\n    attributes:\n      orderId: {type: S, required: true}\n"
     "access_patterns:\n  - {id: AP9, name: replayOrders, entity: Order, operation: Replay, key: {PK: \"ORDERS\"}}\n",
     "entities:\n  Order:\n    attributes:\n      orderId: {type: S, required: true}\n"
     "      revision: {type: N, role: revision}\n",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      for (const auto& p : m.access_patterns) {
        if (p.operation != Operation::Replay || p.entities.size() != 1) continue;
        const Entity* e = m.entity(p.entities[0]);
        if (!e || std::any_of(e->attributes.begin(), e->attributes.end(),
                              [](const Attribute& a) { return a.role == AttributeRole::revision; }))
          continue;
        f.report(p.source.at("operation"), p.source.path_of("operation"),
                 p.id + " replays " + e->name +
                     ", which has no attribute with role: revision to add 1 to (an "
                     "update that changes nothing writes no stream record); add one (type N)",
                 {Note{e->source.location, "entity " + e->name + " is defined here"}});
      }
    }};
}  // namespace dynamodel
