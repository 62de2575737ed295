// table/deletion-protection-disabled: deletion protection should be on.
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kTableDeletionProtectionDisabled = {
    {"table/deletion-protection-disabled", Severity::warning, "deletion protection off",
     "Deletion protection makes DeleteTable fail until it is switched off, so a stray "
     "`terraform destroy` or console click cannot drop the data.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/"
     "WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection",
     R"(table:
  name: Orders
  partition_key: {name: PK, type: S}
  deletion_protection: false)",
     R"(table:
  name: Orders
  partition_key: {name: PK, type: S}
  deletion_protection: true)",
     "AWS Security Hub DynamoDB.6"},
    [](const Model& m, const Analysis&, Findings& f) {
      if (!m.table.deletion_protection)
        f.report(m.table.source.at("deletion_protection"), "table.deletion_protection",
                 "deletion protection is off; set table.deletion_protection: true");
      if (!m.table.deletion_protection) f.fix("Set table.deletion_protection: true for " + m.table.name + ".");
    }};
}  // namespace dynamodel
