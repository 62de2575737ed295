// The AWS Backup plan of `operations.backups` in neutral names, then in each target's terms
// (gen/backups.hpp). The names: vault and plan `<environment>-<table>-backups` (the environment
// with '.' written '-', which vault names cannot hold), rule `scheduled`, selection `table`.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-backup-backupplan.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-backup-backupselection.html
// https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateBackupPlan.html
// https://docs.aws.amazon.com/aws-backup/latest/devguide/iam-service-roles.html (the managed policies)
#include "gen/backups.hpp"

#include "analysis/backups.hpp"
#include "gen/generator.hpp"
#include "render/renderer.hpp"

namespace dynamodel {

using nlohmann::json;

json backups_view(const Model& model) {
  const Backups& b = model.operations.backups;
  if (!b.enabled) return false;
  json policies = json::array();
  for (const char* name : {"AWSBackupServiceRolePolicyForBackup", "AWSBackupServiceRolePolicyForRestores"})
    policies.push_back({{"name", name}, {"last", policies.size() == 1}});
  return {{"suffix", backup_name_suffix(model)},
          {"schedule", b.schedule},
          {"retention_days", b.retention_days},
          {"cold_storage_after_days", b.cold_storage_after_days ? json(*b.cold_storage_after_days) : json(false)},
          {"vault_create", b.vault == "create"},
          {"vault_name", b.vault == "create" ? json(false) : json(b.vault)},
          {"role_create", b.role.empty()},
          {"role_arn", b.role.empty() ? json(false) : json(b.role)},
          {"rule_name", kBackupRuleName},
          {"selection_name", kBackupSelectionName},
          {"managed_policies", policies}};
}

json backups_cloudformation_view(const Model& model) {
  json v = backups_view(model);
  if (v.is_object()) v["name_sub"] = escape_yaml("${Env}-" + v["suffix"].get<std::string>());
  return v;
}

json backups_terraform_view(const Model& model, const std::string& table_arn_hcl) {
  json v = backups_view(model);
  if (v.is_object()) {
    v["name_hcl"] = R"("${replace(var.environment, ".", "-")}-)" + v["suffix"].get<std::string>() + "\"";
    v["table_arn_hcl"] = table_arn_hcl;
  }
  return v;
}

json backups_cdk_view(const Model& model) {
  json v = backups_view(model);
  if (v.is_object())
    v["name_ts"] =
        R"(props.environment.split(".").join("-") + )" + escape_typescript("-" + v["suffix"].get<std::string>());
  return v;
}

json backups_cli_view(const Model& model) {
  json v = backups_view(model);
  if (!v.is_object()) return v;
  // The rule's fields after RuleName and TargetBackupVaultName, which the script writes.
  nlohmann::ordered_json rest;
  rest["ScheduleExpression"] = v["schedule"];
  nlohmann::ordered_json lifecycle;
  lifecycle["DeleteAfterDays"] = v["retention_days"];
  if (v["cold_storage_after_days"].is_number()) lifecycle["MoveToColdStorageAfterDays"] = v["cold_storage_after_days"];
  rest["Lifecycle"] = lifecycle;
  const std::string text = rest.dump(-1, ' ', true);
  v["rule_json"] = text.substr(1, text.size() - 2);  // without the braces: spliced after the vault
  // What get-backup-plan answers for the rule, tab-separated (the CLI's text output): compared
  // with the deployed plan so that a second run changes nothing.
  v["rule_text"] =
      v["schedule"].get<std::string>() + "\t" + std::to_string(v["retention_days"].get<std::int64_t>()) + "\t" +
      (v["cold_storage_after_days"].is_number() ? std::to_string(v["cold_storage_after_days"].get<std::int64_t>())
                                                : std::string("None"));
  return v;
}

}  // namespace dynamodel
