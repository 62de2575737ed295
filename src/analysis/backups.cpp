// The names and bounds of the AWS Backup plan (analysis/backups.hpp).
#include "analysis/backups.hpp"

#include <algorithm>
#include <sstream>
#include <vector>

namespace dynamodel {

bool is_backup_vault_name(const std::string& name) {
  return name.size() >= 2 && name.size() <= kMaxBackupVaultName && std::ranges::all_of(name, [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
         });
}

std::string backup_name_suffix(const Model& m) {
  std::string out = m.table.name;
  for (char& c : out)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) c = '-';
  return out + "-backups";
}

std::string backup_schedule_problem(const std::string& schedule) {
  // AWS Backup's ScheduleExpression is a cron expression in the EventBridge form: six fields
  // (minutes hours day-of-month month day-of-week year), one of day-of-month and day-of-week '?'.
  // https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRuleInput.html
  // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
  if (!schedule.starts_with("cron(") || !schedule.ends_with(")"))
    return "is not a cron(...) expression (AWS Backup schedules are cron expressions in UTC)";
  std::istringstream in(schedule.substr(5, schedule.size() - 6));
  std::vector<std::string> fields;
  for (std::string f; in >> f;) fields.push_back(f);
  if (fields.size() != 6)
    return "has " + std::to_string(fields.size()) +
           " fields; a cron expression has six: minutes hours day-of-month month day-of-week year";
  for (const auto& f : fields)
    if (!std::ranges::all_of(f, [](char c) {
          return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                 std::string_view(",-*?/LW#").find(c) != std::string_view::npos;
        }))
      return "field '" + f + "' holds a character cron does not use";
  if ((fields[2] == "?") == (fields[4] == "?"))
    return "needs '?' in exactly one of day-of-month and day-of-week (the third and fifth fields)";
  // Backups at most hourly: a minutes field of '*' or a step would run more often.
  if (fields[0].find_first_of("*/,-") != std::string::npos)
    return "runs more than once an hour (minutes field '" + fields[0] +
           "'); AWS Backup runs a rule at most once an hour";
  return "";
}

}  // namespace dynamodel
