// The AWS Backup plan of `operations.backups` (model.hpp Backups): the names it gives its
// resources and the bounds AWS Backup puts on them, shared by rule operations/backup-bounds, the
// targets (gen/backups.cpp) and the report.
// https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateBackupVault.html
// https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRuleInput.html
// https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Lifecycle.html
#pragma once

#include <cstdint>
#include <string>

#include "model/model.hpp"

namespace dynamodel {

/// Backup vault names: 2 to 50 of A-Z a-z 0-9 - _ (CreateBackupVault's ^[a-zA-Z0-9\-\_]{2,50}$).
constexpr std::size_t kMaxBackupVaultName = 50;
/// Backup plan names set through the API or CloudFormation: 1 to 200 of A-Z a-z 0-9 - _ .
/// (the console allows 50). https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupPlan.html
constexpr std::size_t kMaxBackupPlanName = 200;
/// Recovery points in cold storage stay there at least 90 days: DeleteAfterDays >=
/// MoveToColdStorageAfterDays + 90 (Lifecycle).
constexpr std::int64_t kMinColdStorageDays = 90;

/// True when `name` is a valid backup vault name.
bool is_backup_vault_name(const std::string& name);

/// The table name with every character a vault name cannot hold ('.') written '-', then
/// "-backups": what follows `<environment>-` in the generated vault's and plan's names. It holds
/// only A-Z a-z 0-9 - _, so every target writes it as it is.
std::string backup_name_suffix(const Model& m);

/// The rule's and the selection's names inside the plan (unique there, [A-Za-z0-9_.-]{1,50}).
inline constexpr const char* kBackupRuleName = "scheduled";
inline constexpr const char* kBackupSelectionName = "table";

/// "" when `schedule` is an AWS Backup schedule expression dynamodel accepts (cron with six
/// fields, UTC), else why not.
std::string backup_schedule_problem(const std::string& schedule);

}  // namespace dynamodel
