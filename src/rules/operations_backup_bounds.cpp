// operations/backup-bounds: the AWS Backup plan's schedule, retention, cold storage and vault name
// are what AWS Backup accepts, and the generated names fit (vault 50 characters, plan 200).
#include "analysis/backups.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kOperationsBackupBounds = {
    {"operations/backup-bounds", Severity::error,
     "a backup plan's schedule, retention, cold storage or vault name is outside what AWS Backup accepts",
     "AWS Backup schedules are cron expressions (six fields, UTC, at most hourly); a recovery point is kept "
     "retention_days (at least 1) and, moved to cold storage, at least 90 days there (DeleteAfterDays >= "
     "MoveToColdStorageAfterDays + 90); cold storage of DynamoDB backups needs AWS Backup's advanced DynamoDB "
     "features turned on in the account. Vault names are 2 to 50 of A-Z a-z 0-9 - _, and the generated vault and "
     "plan are named <environment>-<table>-backups (a vault name holds at most 50 characters, a plan name set through "
     "the API at most 200). Anything else fails when the plan is created.",
     "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Lifecycle.html",
     R"y(operations:
  backups: {schedule: "cron(0 3 * * * *)", retention_days: 60, cold_storage_after_days: 30})y",
     R"y(operations:
  backups: {schedule: "cron(0 3 ? * * *)", retention_days: 120, cold_storage_after_days: 30})y",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      const Backups& b = m.operations.backups;
      if (!b.enabled) return;
      const Source& s = b.source;
      if (const std::string why = backup_schedule_problem(b.schedule); !why.empty())
        f.report(s.at("schedule"), s.path_of("schedule"), "schedule '" + b.schedule + "' " + why);
      if (b.retention_days < 1)
        f.report(s.at("retention_days"), s.path_of("retention_days"),
                 "retention_days must be at least 1 (days a recovery point is kept)");
      if (b.cold_storage_after_days) {
        const std::int64_t cold = *b.cold_storage_after_days;
        if (cold < 1)
          f.report(s.at("cold_storage_after_days"), s.path_of("cold_storage_after_days"),
                   "cold_storage_after_days must be at least 1");
        else if (b.retention_days < cold + kMinColdStorageDays)
          f.report(s.at("retention_days"), s.path_of("retention_days"),
                   "retention_days " + std::to_string(b.retention_days) + " is less than cold_storage_after_days " +
                       std::to_string(cold) +
                       " + 90: AWS Backup keeps a recovery point in cold storage at least 90 "
                       "days; retain it at least " +
                       std::to_string(cold + kMinColdStorageDays) + " days");
      }
      if (b.vault != "create" && !is_backup_vault_name(b.vault))
        f.report(s.at("vault"), s.path_of("vault"),
                 "vault '" + b.vault + "' is not a backup vault name: 2 to 50 of A-Z a-z 0-9 - _");
      // `<environment>-<table>-backups`, with an environment of at least one character: the
      // generated vault's name holds at most 50 characters, the plan's at most 200.
      const std::size_t generated = 2 + backup_name_suffix(m).size();
      const bool vault_generated = b.vault == "create";
      const std::size_t limit = vault_generated ? kMaxBackupVaultName : kMaxBackupPlanName;
      if (generated > limit)
        f.report(s.location, s.path,
                 std::string(vault_generated ? "the generated backup vault's name" : "the backup plan's name") +
                     " (<environment>-<table>-backups) would be " + std::to_string(generated) +
                     " characters with a one-character environment, more than AWS Backup's " + std::to_string(limit) +
                     "; shorten the table name" + (vault_generated ? " or name an existing vault (vault: NAME)" : ""));
    }};
}  // namespace dynamodel
