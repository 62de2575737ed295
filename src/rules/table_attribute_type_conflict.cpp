// table/attribute-type-conflict: one key attribute name, one type everywhere.
#include <map>

#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kTableAttributeTypeConflict = {
    {"table/attribute-type-conflict", Severity::error, "one key attribute name declared with two types",
     "AttributeDefinitions holds one type per attribute name; a key shared by the table and an index, "
     "or an entity attribute feeding it, must agree on it.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeDefinition.html",
     R"(table:
  partition_key: {name: PK, type: S}
  global_secondary_indexes:
    - name: GSI1
      partition_key: {name: GSI1PK, type: S}
      sort_key: {name: PK, type: N}   # PK is S on the table)",
     R"(table:
  partition_key: {name: PK, type: S}
  global_secondary_indexes:
    - name: GSI1
      partition_key: {name: GSI1PK, type: S}
      sort_key: {name: PK, type: S})",
     "cfn-lint E3002 (AttributeDefinitions name twice)"},
    [](const Model& m, const Analysis&, Findings& f) {
      std::map<std::string, const KeyAttribute*> first;
      for (const auto* k : m.key_declarations()) {
        auto [it, fresh] = first.emplace(k->name, k);
        if (!fresh && it->second->type != k->type)
          f.report(k->source.at("type"), k->source.path_of("type"),
                   "key attribute '" + k->name + "' is declared " + std::string(to_string(k->type)) + " here and " +
                       std::string(to_string(it->second->type)) + " elsewhere",
                   {Note{it->second->source.at("type"), "'" + k->name + "' is first declared here"}});
      }
      // An entity attribute with a key attribute's name must have that key's type.
      for (const auto& e : m.entities) {
        for (const auto& a : e.attributes) {
          auto it = first.find(a.name);
          if (it != first.end() && it->second->type != a.type)
            f.report(a.source.at("type"), a.source.path_of("type"),
                     "attribute '" + a.name + "' of " + e.name + " is " + std::string(to_string(a.type)) +
                         " but the key attribute of that name is " + std::string(to_string(it->second->type)),
                     {Note{it->second->source.at("type"), "the key attribute is declared here"}});
        }
      }
    }};
}  // namespace dynamodel
