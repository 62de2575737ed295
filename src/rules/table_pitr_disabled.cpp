// table/pitr-disabled: point-in-time recovery should be on.
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kTablePitrDisabled = {
    {"table/pitr-disabled", Severity::warning, "point-in-time recovery off",
     "Without PITR a bad deployment or a buggy job that overwrites items cannot be undone; "
     "PITR restores to any second of the last 35 days.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Point-in-time-recovery.html",
     R"(table:
  name: Orders
  partition_key: {name: PK, type: S}
  # point_in_time_recovery defaults to false)",
     R"(table:
  name: Orders
  partition_key: {name: PK, type: S}
  point_in_time_recovery: true)",
     "checkov CKV_AWS_28, trivy AVD-AWS-0024, cdk-nag AwsSolutions-DDB3, AWS Security Hub DynamoDB.2"},
    [](const Model& m, const Analysis&, Findings& f) {
      if (!m.table.point_in_time_recovery)
        f.report(m.table.source.at("point_in_time_recovery"), "table.point_in_time_recovery",
                 "point-in-time recovery is off; set table.point_in_time_recovery: true");
      if (!m.table.point_in_time_recovery)
        f.fix("Set table.point_in_time_recovery: true for " + m.table.name +
              " (and, if 35 days is too long, "
              "table.recovery_period_days).");
    }};
}  // namespace dynamodel
