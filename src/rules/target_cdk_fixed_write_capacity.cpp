// target/cdk-fixed-write-capacity: the CDK's TableV2 cannot express fixed PROVISIONED write capacity.
#include "gen/deployed.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kTargetCdkFixedWriteCapacity = {
    {"target/cdk-fixed-write-capacity", Severity::error,
     "`--cdk-construct TableV2` with PROVISIONED write capacity that is not autoscaled (table or GSI); "
     "info when the cdk target chooses Table instead",
     "aws-cdk-lib's TableV2 synthesizes AWS::DynamoDB::GlobalTable, which sets write capacity only through "
     "autoscaling (Capacity.fixed() refuses writeCapacity), so a PROVISIONED table or GSI with fixed write "
     "capacity has no TableV2 form. A target rule: it reads the options of `generate` (and of `validate`, "
     "which takes the same). With the default `--cdk-construct auto` the cdk target then generates a Table "
     "(AWS::DynamoDB::Table) and says why in the stack, and this rule reports that choice as info; with "
     "`--cdk-construct TableV2` it is an error and generate refuses the model. Replicas are "
     "table/replica-autoscaling's case, for every target.",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"
     "aws-properties-dynamodb-globaltable-writeprovisionedthroughputsettings.html",
     "# dynamodel generate model.yaml --target cdk --cdk-construct TableV2\n"
     "table:\n  billing_mode: PROVISIONED\n  capacity: {read: 5, write: 5}\n",
     "# dynamodel generate model.yaml --target cdk --cdk-construct TableV2\n"
     "table:\n  billing_mode: PROVISIONED\n  capacity:\n    read: 5\n    write: 5\n"
     "    autoscaling: {min_read: 5, max_read: 50, min_write: 5, max_write: 50, target_utilization: 70}\n",
     ""},
    nullptr,
    [](const Model& m, const TargetOptions& options, Findings& f) {
      if (!m.table.replicas.empty() || options.cdk_construct == "Table") return;
      const auto unscaled = unscaled_writes(m.table);
      if (options.cdk_construct == "TableV2") {
        for (const auto& r : unscaled)
          f.report(r.where, r.path,
                   r.what +
                       " has PROVISIONED write capacity without autoscaling, which the CDK construct TableV2 "
                       "(--cdk-construct TableV2) cannot express; add capacity.autoscaling, or use "
                       "--cdk-construct Table (or auto)");
      } else if (!unscaled.empty()) {
        const Refusal& r = unscaled.front();
        f.report(Severity::info, r.where, r.path,
                 "the cdk target generates a Table, not a TableV2: " + r.what +
                     " has PROVISIONED write capacity without autoscaling, which TableV2 cannot express");
      }
    }};
}  // namespace dynamodel
