// access/mixed-entities: a Query whose key condition also selects items of unlisted entities.
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kAccessMixedEntities = {
    {"access/mixed-entities", Severity::warning, "a Query also returns items of entities the pattern did not list",
     "A Query returns every item whose keys satisfy its condition, whatever entity wrote it. If other entities "
     "share the partition and the sort-key condition does not exclude them, the code receives items it does not "
     "expect (and pays RCU for them). A range (lt, le, gt, ge, between) selects the sort keys on its side of "
     "each bound, in byte order for strings: an entity whose sort keys all lie on the other side is not "
     "selected, and not named. Narrow the sort-key condition (begins_with the entity's prefix), or list "
     "the entities with `entities:` when the item collection is read on purpose.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-sort-keys.html",
     "- name: listOrders\n  entity: Order\n  operation: Query\n  key: {PK: \"USER#{userId}\"}   # User's profile too\n",
     "- name: listOrders\n  entity: Order\n  operation: Query\n  key: {PK: \"USER#{userId}\", SK: {begins_with: "
     "\"ORDER#\"}}\n",
     ""},
    [](const Model& m, const Analysis& a, Findings& f) {
      for (const PatternCoverage& pc : a.coverage.patterns) {
        if (pc.also_returns.empty()) continue;
        const AccessPattern& ap = *pc.access_pattern;
        std::string names;
        std::vector<Note> notes;
        for (const auto& n : pc.also_returns) {
          names += (names.empty() ? "" : ", ") + n;
          if (const Entity* e = m.entity(n)) notes.push_back(Note{e->source.location, n + " is defined here"});
        }
        f.report(ap.source.at("key"), ap.source.path_of("key"),
                 ap.id + "'s key condition also selects " + names + " items" +
                     (ap.index ? " in index " + *ap.index : std::string()) +
                     ": narrow the sort-key condition to the entity's prefix, or list them in `entities:` if the "
                     "item collection is read on purpose",
                 notes);
      }
    }};
}  // namespace dynamodel
