// index/not-sparse: an index declared `sparse: true` that every item of every entity enters.
#include "rules/rule.hpp"

namespace dynamodel {
namespace {

/// True when every item of `e` enters an index with key attributes `keys`: the entity writes
/// each of them, from required attributes only, and no `index_when` makes it conditional.
bool always_member(const Model& m, const Entity& e, const std::string& index,
                   const std::vector<const KeyAttribute*>& keys) {
  if (e.membership(index)) return false;
  for (const KeyAttribute* k : keys) {
    const EntityKey* key = e.key(k->name);
    if (!key) return false;
    for (const auto& p : key->key_template.placeholders()) {
      const Attribute* a = e.attribute(p);
      if (!a || !a->required) return false;
    }
  }
  return !m.entities.empty();
}

}  // namespace

extern const Rule kIndexNotSparse = {
    {"index/not-sparse", Severity::warning, "an index declared sparse that every item enters",
     "`sparse: true` says only some items are meant to be in the index (a sparse index: smaller, cheaper to "
     "write and to scan). When every entity writes the index's keys from required attributes and no "
     "index_when makes its entry conditional, every item is in it: the declaration and the design disagree, "
     "and the index costs a write for every item.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-indexes-general-sparse-indexes.html",
     "  global_secondary_indexes:\n    - {name: Open, partition_key: {name: GSI1PK, type: S}, sparse: true}\n"
     "# and every entity writes GSI1PK from required attributes\n",
     "entities:\n  Ticket:\n    attributes:\n      openSince: {type: S}   # optional: closed tickets leave the "
     "index\n    keys: {PK: \"T#{id}\", GSI1PK: \"OPEN#{openSince}\"}\n",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      const auto check = [&](const std::string& name, bool sparse, const Source& s) {
        if (!sparse || m.entities.empty()) return;
        const std::vector<const KeyAttribute*> keys =
            m.index_key_attributes(name).value_or(std::vector<const KeyAttribute*>{});
        for (const auto& e : m.entities)
          if (!always_member(m, e, name, keys)) return;
        f.report(s.at("sparse"), s.path_of("sparse"),
                 name +
                     " is declared sparse, but every item of every entity enters it: each entity writes its "
                     "keys from required attributes, and none has an index_when for it; make the attribute that "
                     "decides membership optional, add index_when, or remove sparse: true");
      };
      for (const auto& g : m.table.global_secondary_indexes) check(g.name, g.sparse, g.source);
      for (const auto& l : m.table.local_secondary_indexes) check(l.name, l.sparse, l.source);
    }};
}  // namespace dynamodel
