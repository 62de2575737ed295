// naming/table-name: table names are 3..255 characters of [A-Za-z0-9_.-].
#include "model/text.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kNamingTableName = {
    {"naming/table-name", Severity::error, "table name not 3..255 characters of [A-Za-z0-9_.-]",
     "CreateTable rejects any other name, so the deployment would fail.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html",
     R"(table:
  name: ab   # 2 characters; 3 to 255 of A-Z a-z 0-9 _ - .
  partition_key: {name: PK, type: S})",
     R"(table:
  name: Orders
  partition_key: {name: PK, type: S})",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      if (!is_valid_table_or_index_name(m.table.name))
        f.report(m.table.source.at("name"), "table.name",
                 "table name '" + m.table.name + "' must be 3 to 255 characters of A-Z a-z 0-9 _ - .");
    }};
}  // namespace dynamodel
