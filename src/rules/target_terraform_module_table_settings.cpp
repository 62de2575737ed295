// target/terraform-module-table-settings: table settings the pinned registry module cannot take.
#include "gen/deployed.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kTargetTerraformModuleTableSettings = {
    {"target/terraform-module-table-settings", Severity::error,
     "`--terraform-style module` with a table setting the pinned module 4.2.0 has no input for (on-demand "
     "maximum, warm throughput, recovery period, contributor insights, resource policy, multi-Region "
     "consistency, witness, a multi-attribute GSI key)",
     "The module style calls terraform-aws-modules/dynamodb-table/aws 4.2.0, which has no inputs for these "
     "settings and takes one hash_key and one range_key per GSI; the module's later major versions take some of them "
     "but need the AWS provider 6 and another "
     "interface (https://github.com/terraform-aws-modules/terraform-aws-dynamodb-table/blob/v4.2.0/variables.tf). "
     "Rather than deploy a table without them, the module style refuses the model. A target rule: "
     "it reads `--terraform-style` of `generate` (and of `validate`); the default resource style writes every "
     "setting (aws_dynamodb_table blocks, key_schema blocks of a GSI, aws_dynamodb_contributor_insights, "
     "aws_dynamodb_resource_policy).",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html",
     "# dynamodel generate model.yaml --target terraform --terraform-style module\n"
     "table:\n  warm_throughput: {read: 12000, write: 4000}\n",
     "# dynamodel generate model.yaml --target terraform   # resource style\n"
     "table:\n  warm_throughput: {read: 12000, write: 4000}\n",
     ""},
    nullptr,
    [](const Model& m, const TargetOptions& options, Findings& f) {
      if (options.terraform_style != "module") return;
      for (const auto& r : terraform_module_refusals(m.table))
        f.report(r.where, r.path,
                 r.what +
                     ": the Terraform module terraform-aws-modules/dynamodb-table/aws 4.2.0 "
                     "(--terraform-style module) has no input for it; use --terraform-style resource");
    }};
}  // namespace dynamodel
