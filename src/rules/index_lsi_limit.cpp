// index/lsi-limit: at most 5 LSIs per table.
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kIndexLsiLimit = {
    {"index/lsi-limit", Severity::error, "more than 5 LSIs",
     "A table has at most 5 local secondary indexes, and they can only be created with the table.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#lsi-limits",
     R"(table:
  local_secondary_indexes:   # 6 entries
    - {name: LSI1, sort_key: {name: LSI1SK, type: S}}
    # ... LSI2 to LSI5 ...
    - {name: LSI6, sort_key: {name: LSI6SK, type: S}})",
     R"(table:
  local_secondary_indexes:   # at most 5; make the others GSIs
    - {name: LSI1, sort_key: {name: LSI1SK, type: S}}
    # ... LSI2 to LSI5)",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      const auto& lsis = m.table.local_secondary_indexes;
      if (lsis.size() > 5)
        f.report(lsis[5].source.location, "table.local_secondary_indexes",
                 std::to_string(lsis.size()) + " LSIs exceed the limit of 5 per table");
    }};
}  // namespace dynamodel
