// The backup and restore posture of the report (report/backup_posture.hpp).
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/BackupRestore.html
#include "report/backup_posture.hpp"

#include "analysis/backups.hpp"

namespace dynamodel {

nlohmann::json backup_posture_view(const Model& model) {
  using nlohmann::json;
  const Backups& b = model.operations.backups;
  const Table& t = model.table;
  json rows = json::array();
  auto row = [&rows](const std::string& what, const std::string& value) {
    rows.push_back({{"what", what}, {"value", value}});
  };
  if (b.enabled) {
    const std::string name = "<environment>-" + backup_name_suffix(model);
    row("AWS Backup plan", name + ", one rule (" + kBackupRuleName + ") selecting the table");
    row("Schedule", b.schedule + " (UTC)");
    row("Retention",
        std::to_string(b.retention_days) + " days" +
            (b.cold_storage_after_days ? ", in cold storage after " + std::to_string(*b.cold_storage_after_days) +
                                             " days (needs AWS Backup's advanced DynamoDB features)"
                                       : ", no cold storage"));
    row("Vault", b.vault == "create" ? name + " (generated, retained when the stack is deleted)" : b.vault);
    row("Role", b.role.empty() ? "generated, with AWSBackupServiceRolePolicyForBackup and ...ForRestores" : b.role);
  } else {
    row("AWS Backup plan", b.stated ? "none (operations.backups: none)"
                                    : "none: the model has no operations.backups (rule operations/backups-disabled)");
  }
  row("Point-in-time recovery",
      t.point_in_time_recovery
          ? "on, " + std::to_string(t.recovery_period_days.value_or(35)) + "-day recovery period (restore.sh --to-time)"
          : "off: no restore to a point in time, no export to S3");
  row("Deletion protection", t.deletion_protection ? "on" : "off");
  row("Runbook (CLI target)",
      "backup.sh: a named, dated on-demand backup; restore.sh: from a backup or a point in time to a new table, "
      "never over the source (--yes); export.sh: a full or incremental export to S3 (needs point-in-time recovery)");
  return {{"rows", rows}};
}

}  // namespace dynamodel
