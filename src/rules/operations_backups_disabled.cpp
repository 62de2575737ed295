// operations/backups-disabled: a table with neither an AWS Backup plan (operations.backups) nor
// deletion protection has nothing between a stray delete and the loss of its data but
// point-in-time recovery, which goes with the table.
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kOperationsBackupsDisabled = {
    {"operations/backups-disabled", Severity::warning, "no AWS Backup plan and deletion protection off",
     "Deleting a table deletes its point-in-time recovery too (DynamoDB keeps one system backup of a deleted "
     "PITR table for 35 days), and the on-demand backups of a table are the only copies left. A backup plan "
     "(operations.backups) keeps scheduled recovery points in an AWS Backup vault apart from the table; "
     "deletion protection makes DeleteTable fail. A table with neither is one delete away from losing its data. "
     "Write `backups: none` and turn deletion protection on to say the table needs no plan.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/backuprestore_HowItWorksAWS.html",
     R"y(table: {name: Orders, deletion_protection: false}
operations:
  backups: none)y",
     R"y(table: {name: Orders, deletion_protection: false}
operations:
  backups: {schedule: "cron(0 3 ? * * *)", retention_days: 35, vault: create})y",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      const Backups& b = m.operations.backups;
      if (b.enabled || m.table.deletion_protection) return;
      std::string pitr = m.table.point_in_time_recovery
                             ? "point-in-time recovery is on (" +
                                   std::to_string(m.table.recovery_period_days.value_or(35)) +
                                   " days), but it is deleted with the table"
                             : "point-in-time recovery is off too";
      const std::string what =
          b.stated ? "operations.backups turns AWS Backup off" : "the model has no operations.backups";
      if (b.stated)
        f.report(b.source.location, b.source.path,
                 what + " and table " + m.table.name + " has deletion protection off; " + pitr);
      else
        f.report(m.table.source.location, m.table.source.path,
                 what + " (no AWS Backup plan) and table " + m.table.name + " has deletion protection off; " + pitr);
      f.fix("Add operations.backups: {schedule: \"cron(0 5 ? * * *)\", retention_days: 35, vault: create} for " +
            m.table.name + ", or set table.deletion_protection: true.");
    }};
}  // namespace dynamodel
