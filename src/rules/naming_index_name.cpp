// naming/index-name: index names are 3..255 characters of [A-Za-z0-9_.-].
#include "model/text.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kNamingIndexName = {
    {"naming/index-name", Severity::error, "index name not 3..255 characters of [A-Za-z0-9_.-]",
     "CreateTable and UpdateTable reject any other index name.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html",
     R"(table:
  global_secondary_indexes:
    - name: by email   # a space is not allowed
      partition_key: {name: GSI1PK, type: S})",
     R"(table:
  global_secondary_indexes:
    - name: ByEmail
      partition_key: {name: GSI1PK, type: S})",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      auto check = [&f](const std::string& name, const Source& s) {
        if (!is_valid_table_or_index_name(name))
          f.report(s.at("name"), s.path_of("name"),
                   "index name '" + name + "' must be 3 to 255 characters of A-Z a-z 0-9 _ - .");
      };
      for (const auto& g : m.table.global_secondary_indexes) check(g.name, g.source);
      for (const auto& l : m.table.local_secondary_indexes) check(l.name, l.source);
    }};
}  // namespace dynamodel
