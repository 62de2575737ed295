// The AWS Backup plan of `operations.backups` for every target (gen/backups.cpp): the vault
// (when `vault: create`), the plan of one rule, the selection of the table and the IAM role
// AWS Backup assumes (when `role` is not given). Every target writes the same resources.
// https://docs.aws.amazon.com/aws-backup/latest/devguide/creating-a-backup-plan.html
#pragma once

#include <nlohmann/json.hpp>

#include "model/model.hpp"

namespace dynamodel {

/// false when the model has no plan, else: `suffix` (the names' part after `<environment>-`,
/// analysis/backups.hpp), `schedule`, `retention_days`, `cold_storage_after_days` (number or
/// false), `vault_create` (bool), `vault_name` (the model's vault, or false), `role_create`
/// (bool), `role_arn` (the model's role, or false), `rule_name`, `selection_name`,
/// `managed_policies` [{name, last}] (the AWS managed policies of a generated role).
nlohmann::json backups_view(const Model& model);

/// The same, with the target's expressions added: CloudFormation `name_sub` (a YAML string for
/// `!Sub [..., {Env: ...}]`); Terraform `name_hcl` (an HCL string expression); CDK `name_ts`
/// (a TypeScript expression); CLI `rule_json` (the rule's fields after its vault, JSON text).
nlohmann::json backups_cloudformation_view(const Model& model);
nlohmann::json backups_terraform_view(const Model& model, const std::string& table_arn_hcl);
nlohmann::json backups_cdk_view(const Model& model);
nlohmann::json backups_cli_view(const Model& model);

}  // namespace dynamodel
