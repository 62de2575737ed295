// index/lsi-requires-sort-key: an LSI needs a table with a composite primary key.
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kIndexLsiRequiresSortKey = {
    {"index/lsi-requires-sort-key", Severity::error, "an LSI on a table without a sort key",
     "A local secondary index only exists on a table with a partition key and a sort key; "
     "CreateTable rejects it otherwise (moto accepts it, DynamoDB does not).",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html",
     R"(table:
  partition_key: {name: PK, type: S}   # no sort_key
  local_secondary_indexes:
    - {name: LSI1, sort_key: {name: createdAt, type: S}})",
     R"(table:
  partition_key: {name: PK, type: S}
  sort_key: {name: SK, type: S}
  local_secondary_indexes:
    - {name: LSI1, sort_key: {name: createdAt, type: S}})",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      if (m.table.sort_key) return;
      for (const auto& l : m.table.local_secondary_indexes)
        f.report(l.source.location, l.source.path,
                 "LSI '" + l.name + "' needs a table sort key; add table.sort_key or make it a GSI");
    }};
}  // namespace dynamodel
