// index/gsi-limit: at most 20 GSIs per table (an adjustable quota).
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kIndexGsiLimit = {
    {"index/gsi-limit", Severity::error, "more GSIs than the quota (default 20, lint.quota raises it)",
     "CreateTable fails beyond the account's GSI quota, 20 per table by default.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#gsi-limits",
     R"(table:
  global_secondary_indexes:   # 21 entries, quota 20
    - {name: GSI1, partition_key: {name: GSI1PK, type: S}}
    # ... GSI2 to GSI20 ...
    - {name: GSI21, partition_key: {name: GSI21PK, type: S}})",
     R"(lint:
  quota: {global_secondary_indexes: 25}   # the account's raised quota
table:
  global_secondary_indexes:   # 21 entries
    - {name: GSI1, partition_key: {name: GSI1PK, type: S}}
    # ...)",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      const std::int64_t quota = m.lint.gsi_quota.value_or(20);
      const auto& gsis = m.table.global_secondary_indexes;
      if (static_cast<std::int64_t>(gsis.size()) > quota)
        f.report(gsis[static_cast<std::size_t>(quota)].source.location, "table.global_secondary_indexes",
                 std::to_string(gsis.size()) + " GSIs exceed the quota of " + std::to_string(quota) +
                     " per table (raise it with lint.quota.global_secondary_indexes "
                     "if your account's quota is higher)");
    }};
}  // namespace dynamodel
