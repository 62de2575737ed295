// access/index-projection: a read on an index needs attributes the index does not project (to
// return them, or for its filter).
#include <set>

#include "rules/rule.hpp"

namespace dynamodel {
namespace {

bool is_read(Operation op) { return op == Operation::Query || op == Operation::Scan || op == Operation::Replay; }

/// The attributes of `e` that a read on `index` returns: projected attributes, key attributes,
/// and the placeholders of the entity's templates for those keys (the accessor parses them back).
std::set<std::string> available(const Model& m, const Entity& e, const Projection& proj,
                                const std::vector<std::string>& index_keys) {
  std::set<std::string> out;
  std::vector<std::string> keys = index_keys;
  keys.push_back(m.table.partition_key.name);
  if (m.table.sort_key) keys.push_back(m.table.sort_key->name);
  for (const auto& k : keys) {
    out.insert(k);
    if (const EntityKey* ek = e.key(k))
      for (const auto& p : ek->key_template.placeholders()) out.insert(p);
  }
  if (proj.type == ProjectionType::INCLUDE) out.insert(proj.include.begin(), proj.include.end());
  return out;
}

}  // namespace

extern const Rule kAccessIndexProjection = {
    {"access/index-projection", Severity::warning, "the pattern reads attributes that the index does not project",
     "A GSI returns only the attributes it projects (KEYS_ONLY, or INCLUDE's list); it cannot fetch the rest "
     "from the table, so the caller would need a second GetItem per item. An LSI fetches them, but each fetch "
     "costs a full read of the base item. A read needs the whole item unless the pattern lists `attributes`. "
     "A filter, too, sees only projected attributes. Project what the pattern needs (INCLUDE or ALL), or "
     "narrow `attributes`.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.Projections",
     "  global_secondary_indexes:\n    - {name: GSI1, partition_key: {name: GSI1PK, type: S}, projection: KEYS_ONLY}\n"
     "  - {name: ordersByStatus, entity: Order, operation: Query, index: GSI1, key: {GSI1PK: \"S#{status}\"}}\n",
     "  - {name: ordersByStatus, entity: Order, operation: Query, index: GSI1, key: {GSI1PK: \"S#{status}\"},\n"
     "     attributes: [orderId, status]}\n",
     ""},
    [](const Model& m, const Analysis& a, Findings& f) {
      for (const ResolvedPattern& rp : a.resolved->patterns()) {
        const AccessPattern& ap = *rp.pattern;
        const KeySpace* space = rp.key_space;
        if (!ap.index || !space || !is_read(ap.operation)) continue;
        const Projection* proj = space->projection;
        const bool local = space->kind == IndexKind::lsi;
        std::vector<std::string> keys;  // the index's own keys (an LSI's partition key is the table's)
        for (const KeyAttribute* k : space->keys())
          if (!local || k != space->partition_key) keys.push_back(k->name);
        if (!proj || proj->type == ProjectionType::ALL) continue;
        for (std::size_t i = 0; i < rp.entities.size(); ++i) {
          const Entity* e = rp.entities[i];
          if (!e) continue;
          const std::string& name = ap.entities[i];
          const auto have = available(m, *e, *proj, keys);
          std::vector<std::string> need = ap.attributes;
          if (need.empty())
            for (const auto& a : e->attributes) need.push_back(a.name);
          std::string missing;
          for (const auto& n : need)
            if (!have.count(n)) missing += (missing.empty() ? "" : ", ") + n;
          // A filter sees only what the index holds: on an attribute the index does not project,
          // it is evaluated as if the attribute were missing.
          std::set<std::string> filtered;
          for (const ExprOperand* o : ap.filter.attributes()) {
            if (!have.count(o->text) && e->attribute(o->text) && filtered.insert(o->text).second) {
              f.report(o->location, ap.source.path_of("filter"),
                       ap.id + "'s filter reads " + o->text + ", which " + *ap.index + " (" +
                           std::string(to_string(proj->type)) +
                           ") does not project: the filter sees the attribute as missing in every item (a "
                           "comparison is false); project it",
                       {Note{proj->source.location, *ap.index + "'s projection is defined here"}});
              f.fix(proj->type == ProjectionType::INCLUDE
                        ? "Add " + o->text + " to " + *ap.index + "'s projection.include."
                        : "Set " + *ap.index + "'s projection to {type: INCLUDE, include: [" + o->text + "]}.");
            }
          }
          if (missing.empty()) continue;
          const std::string what =
              ap.attributes.empty() ? "reads whole " + e->name + " items" : "reads " + name + " attributes";
          f.report(ap.source.at("index"), ap.source.path_of("index"),
                   ap.id + " " + what + ", but " + *ap.index + " (" + std::string(to_string(proj->type)) +
                       ") does not project " + missing +
                       (local ? ": DynamoDB fetches them from the table, one full item read each"
                              : ": a GSI cannot fetch them, so each item needs another GetItem") +
                       "; add them to the projection, or list only what the pattern needs in `attributes`",
                   {Note{proj->source.location, *ap.index + "'s projection is defined here"}});
          f.fix(proj->type == ProjectionType::INCLUDE
                    ? "Add " + missing + " to " + *ap.index + "'s projection.include, or set " + ap.id +
                          ".attributes to the attributes it uses."
                    : "Set " + *ap.index + "'s projection to {type: INCLUDE, include: [" + missing + "]}, or set " +
                          ap.id + ".attributes to the attributes it uses.");
        }
      }
    }};
}  // namespace dynamodel
