// keys/optional-attribute: a primary-key template may use only required attributes; an index key
// template with an optional one makes a sparse index (info).
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kKeysOptionalAttribute = {
    {"keys/optional-attribute", Severity::error,
     "a primary-key template uses a non-required attribute (on an index key: info, sparse index)",
     "An item cannot be written without its primary key, so an attribute that feeds the partition or sort "
     "key must always be present (required: true). On an index key an optional attribute is legitimate: "
     "items without it stay out of the index (a sparse index), which is worth knowing, unless the index "
     "says `sparse: true` or the entity's index_when decides membership.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-indexes-general-sparse-indexes.html",
     "entities:\n  User:\n    attributes:\n      userId: {type: S}          # not required\n"
     "    keys:\n      PK: \"USER#{userId}\"\n",
     "entities:\n  User:\n    attributes:\n      userId: {type: S, required: true}\n"
     "    keys:\n      PK: \"USER#{userId}\"\n",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      // An index key attribute of only indexes declared `sparse: true` is meant to be optional.
      const auto declared_sparse = [&](const std::string& attribute) {
        bool any = false;
        for (const auto& g : m.table.global_secondary_indexes)
          if (g.partition_key.name == attribute || (g.sort_key && g.sort_key->name == attribute)) {
            if (!g.sparse) return false;
            any = true;
          }
        for (const auto& l : m.table.local_secondary_indexes)
          if (l.sort_key.name == attribute) {
            if (!l.sparse) return false;
            any = true;
          }
        return any;
      };
      const std::string& pk = m.table.partition_key.name;
      const std::string sk = m.table.sort_key ? m.table.sort_key->name : std::string();
      for (const auto& e : m.entities) {
        for (const auto& k : e.keys) {
          const bool primary = k.attribute == pk || (!sk.empty() && k.attribute == sk);
          // Intended sparseness: the index says `sparse: true`, or the entity's index_when decides
          // its membership (index/membership-condition checks that condition).
          if (!primary && (declared_sparse(k.attribute) || key_membership(m, e, k.attribute))) continue;
          for (const auto& p : k.key_template.placeholders()) {
            const Attribute* a = e.attribute(p);
            if (!a || a->required) continue;  // unknown names: keys/unknown-attribute
            const std::string path = e.source.path_of("keys") + "." + k.attribute;
            std::vector<Note> notes = {Note{a->source.location, p + " is declared here without required: true"}};
            if (primary)
              f.report(k.key_template.location, path,
                       k.attribute + " of " + e.name + " uses {" + p + "}, which is not required: an item without " +
                           p + " has no primary key and cannot be written; mark " + p + " required: true",
                       std::move(notes));
            else
              f.report(Severity::info, k.key_template.location, path,
                       k.attribute + " of " + e.name + " uses {" + p + "}, which is not required: " + e.name +
                           " items without " + p +
                           " stay out of the index (a sparse index); mark it required: "
                           "true if every item must be in the index",
                       std::move(notes));
          }
        }
      }
    }};
}  // namespace dynamodel
