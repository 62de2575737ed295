// naming/duplicate-index: index names are unique among all GSIs and LSIs of a table.
#include <map>

#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kNamingDuplicateIndex = {
    {"naming/duplicate-index", Severity::error, "two indexes share a name",
     "An index name must be unique among all indexes of the table, GSIs and LSIs together; "
     "CreateTable fails otherwise (moto accepts it, real DynamoDB does not).",
     "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GlobalSecondaryIndex.html",
     R"(table:
  global_secondary_indexes:
    - name: GSI1
      partition_key: {name: GSI1PK, type: S}
  local_secondary_indexes:
    - name: GSI1   # the GSI's name again
      sort_key: {name: LSI1SK, type: S})",
     R"(table:
  global_secondary_indexes:
    - name: GSI1
      partition_key: {name: GSI1PK, type: S}
  local_secondary_indexes:
    - name: LSI1
      sort_key: {name: LSI1SK, type: S})",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      std::map<std::string, const Source*> seen;
      auto check = [&](const std::string& name, const Source& s) {
        auto [it, fresh] = seen.emplace(name, &s);
        if (!fresh)
          f.report(s.at("name"), s.path_of("name"), "index name '" + name + "' is used twice",
                   {Note{it->second->at("name"), "'" + name + "' is first defined here"}});
      };
      for (const auto& g : m.table.global_secondary_indexes) check(g.name, g.source);
      for (const auto& l : m.table.local_secondary_indexes) check(l.name, l.source);
    }};
}  // namespace dynamodel
