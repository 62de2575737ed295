// index/optional-key-pattern: a Query on a secondary index whose entry for the queried
// entity depends on a non-required attribute the pattern does not pin: items without the
// attribute are not in the index and the pattern silently misses them (a sparse index by
// accident).
#include <algorithm>

#include "model/membership.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
namespace {

bool uses(const KeyTemplate& t, const std::string& name) {
  const auto ps = t.placeholders();
  return std::find(ps.begin(), ps.end(), name) != ps.end();
}

/// True when the pattern's key condition shows that it wants only items with `attribute`: a
/// condition (equality or range, a literal value or a parameter) on a key attribute whose
/// template uses it, or an equality whose template names it.
bool pinned(const AccessPattern& ap, const Entity& e, const std::string& attribute) {
  for (const auto& c : ap.key) {
    const EntityKey* k = e.key(c.attribute);
    if (k && uses(k->key_template, attribute)) return true;
    if (c.op == KeyCondition::Op::eq &&
        std::any_of(c.operands.begin(), c.operands.end(), [&](const KeyTemplate& t) { return uses(t, attribute); }))
      return true;
  }
  return false;
}

}  // namespace

extern const Rule kIndexOptionalKeyPattern = {
    {"index/optional-key-pattern", Severity::warning,
     "a Query on an index misses the items whose index key uses a missing optional attribute",
     "DynamoDB writes an item into a secondary index only when the item has every key attribute of that "
     "index, so an index key built from a non-required attribute makes the index sparse: items without the "
     "attribute are not in it. That is the point of a sparse index when the pattern wants only those items, "
     "and a silent bug when it wants them all (\"list an organisation's users\" on an index sorted by "
     "lastLoginAt misses the users who never logged in). Reported on a Query on a GSI or LSI, per entity, "
     "when the entity's template for one of the index's keys uses an attribute that is not required and the "
     "pattern does not pin it: no condition (equality or range) on a key built from it and no equality whose "
     "template names it. A Scan of a sparse index is its documented use (read only the items that carry the "
     "attribute) and is not reported, nor is an attribute that the entity's `index_when` condition for the index "
     "requires (`discountPercent >= 5`: the items without it are no members anyway). keys/optional-attribute notes the "
     "sparse index itself (info); this rule the "
     "pattern that would miss items.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-indexes-general-sparse-indexes.html",
     "entities:\n  User:\n    attributes:\n      orgId: {type: S, required: true}\n"
     "      lastLoginAt: {type: S, format: date-time}   # not required\n"
     "    keys: {PK: \"USER#{userId}\", GSI1PK: \"ORG#{orgId}\", GSI1SK: \"{lastLoginAt}\"}\n"
     "access_patterns:\n  - {id: AP1, name: orgUsers, entity: User, operation: Query, index: GSI1, key: {GSI1PK: "
     "\"ORG#{orgId}\"}}   # misses users who never logged in\n",
     "entities:\n  User:\n    attributes:\n      orgId: {type: S, required: true}\n"
     "      createdAt: {type: S, format: date-time, required: true}\n"
     "    keys: {PK: \"USER#{userId}\", GSI1PK: \"ORG#{orgId}\", GSI1SK: \"{createdAt}\"}   # every user\n"},
    [](const Model& /*model*/, const Analysis& a, Findings& f) {
      if (!a.resolved) return;
      const auto& patterns = a.resolved->patterns();
      for (const auto& rp : patterns) {
        const AccessPattern* ap = rp.pattern;
        const KeySpace* ks = rp.key_space;
        if (!ap || !ks || ks->kind == IndexKind::table || !ap->index) continue;
        if (ap->operation != Operation::Query) continue;  // a Scan of a sparse index is its documented use
        for (const Entity* e : rp.entities) {
          if (!e || !ks->holds(*e)) continue;
          std::vector<std::string> missing;
          std::vector<Note> notes;
          std::string keys;
          for (const KeyAttribute* key : ks->keys()) {
            const EntityKey* k = e->key(key->name);
            if (!k) continue;
            for (const auto& p : k->key_template.placeholders()) {
              const Attribute* attr = e->attribute(p);
              if (!attr || attr->required || pinned(*ap, *e, p)) continue;
              // A conditional index (index_when) whose condition holds only with the attribute:
              // the items without it are not members anyway (a sparse index by design).
              if (const IndexMembership* w = e->membership(ks->name); w && membership_requires(*e, w->condition, p))
                continue;
              if (std::find(missing.begin(), missing.end(), p) != missing.end()) continue;
              missing.push_back(p);
              keys += (keys.empty() ? "" : ", ") + k->attribute + " `" + k->key_template.text + "`";
              notes.push_back({attr->source.location, p + " is declared here without required: true"});
            }
          }
          if (missing.empty()) continue;
          std::string names;
          for (const auto& p : missing) names += (names.empty() ? "" : " or ") + p;
          std::string list;
          for (const auto& p : missing) list += (list.empty() ? "" : ", ") + p;
          f.report(ap->source.location, ap->source.path,
                   ap->id + (ap->name.empty() ? "" : " " + ap->name) + " " + "queries " + ks->label() + " for " +
                       e->name + ", whose entry there is keyed on " + keys + ": " + e->name + " items without " +
                       names + " are not in " + *ap->index + " and the Query silently misses them. Mark " + list +
                       " required: true (or write a default), key the index on attributes every item has, or, "
                       "if only items with " +
                       names + " are wanted (a sparse index by design), say so in the key condition",
                   std::move(notes));
        }
      }
    }};
}  // namespace dynamodel
