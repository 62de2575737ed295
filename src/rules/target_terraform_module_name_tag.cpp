// target/terraform-module-name-tag: the registry module overwrites a tag named `Name`.
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kTargetTerraformModuleNameTag = {
    {"target/terraform-module-name-tag", Severity::error,
     "`--terraform-style module` with a tag named `Name`; info with the default `resource` style",
     "The registry module terraform-aws-modules/dynamodb-table/aws merges its own `Name` tag (the table "
     "name) over the caller's tags, so a model tag `Name` would be deployed with another value and the "
     "Terraform output would disagree with the other targets. A target rule: it reads the options of "
     "`generate` (and of `validate`, which takes the same). With `--terraform-style module` it is an error and "
     "generate refuses the model; with the default `resource` style, which keeps the tag, it is info.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Tagging.html",
     "# dynamodel generate model.yaml --target terraform --terraform-style module\n"
     "table:\n  tags: {Name: orders, team: checkout}\n",
     "# dynamodel generate model.yaml --target terraform --terraform-style module\n"
     "table:\n  tags: {Service: orders, team: checkout}\n",
     ""},
    nullptr,
    [](const Model& m, const TargetOptions& options, Findings& f) {
      const bool module = options.terraform_style == "module";
      for (const auto& tag : m.table.tags) {
        if (tag.key != "Name") continue;
        if (module)
          f.report(tag.location, "table.tags.Name",
                   "the Terraform module terraform-aws-modules/dynamodb-table/aws (--terraform-style module) "
                   "replaces a tag named 'Name' with the table name; rename the tag or use --terraform-style "
                   "resource");
        else
          f.report(Severity::info, tag.location, "table.tags.Name",
                   "a tag named 'Name': with --terraform-style module the registry module would replace it with "
                   "the table name (the default resource style keeps it)");
      }
    }};
}  // namespace dynamodel
