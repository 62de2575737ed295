// The AWS Backup plan's names and bounds (analysis/backups.hpp): the schedule check of rule
// operations/backup-bounds, vault names, and the `<environment>-` suffix of the generated names.
#include "analysis/backups.hpp"

#include <catch2/catch.hpp>

using namespace dynamodel;

TEST_CASE("backup schedules: six-field cron, one '?' day, at most hourly", "[backups]") {
  CHECK(backup_schedule_problem("cron(0 5 ? * * *)").empty());
  CHECK(backup_schedule_problem("cron(15 * ? * * *)").empty());  // hourly at :15 (AWS's own example)
  CHECK(backup_schedule_problem("cron(0 12 * * ? *)").empty());
  CHECK(backup_schedule_problem("cron(30 2 ? * MON-FRI *)").empty());
  CHECK(backup_schedule_problem("rate(1 day)").find("is not a cron") != std::string::npos);
  CHECK(backup_schedule_problem("cron(0 5 * * *)").find("has 5 fields") != std::string::npos);
  CHECK(backup_schedule_problem("cron(0 5 * * * *)").find("exactly one") != std::string::npos);
  CHECK(backup_schedule_problem("cron(0 5 ? * ? *)").find("exactly one") != std::string::npos);
  CHECK(backup_schedule_problem("cron(*/5 * ? * * *)").find("more than once an hour") != std::string::npos);
  CHECK(backup_schedule_problem("cron(0 5 ? * * $x)").find("character") != std::string::npos);
}

TEST_CASE("backup vault names: 2 to 50 of A-Z a-z 0-9 - _", "[backups]") {
  CHECK(is_backup_vault_name("ab"));
  CHECK(is_backup_vault_name("platform_backups-1"));
  CHECK(is_backup_vault_name(std::string(50, 'v')));
  CHECK_FALSE(is_backup_vault_name("a"));
  CHECK_FALSE(is_backup_vault_name(std::string(51, 'v')));
  CHECK_FALSE(is_backup_vault_name("my vault"));
  CHECK_FALSE(is_backup_vault_name("orders.vault"));
}

TEST_CASE("backup names: the table's name with '.' written '-', then -backups", "[backups]") {
  Model m;
  m.table.name = "Odd_Names-1.0";
  CHECK(backup_name_suffix(m) == "Odd_Names-1-0-backups");
  CHECK(is_backup_vault_name("e2e-" + backup_name_suffix(m)));
}
