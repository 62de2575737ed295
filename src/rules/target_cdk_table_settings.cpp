// target/cdk-table-settings: table settings one of aws-cdk-lib's constructs (Table, TableV2) cannot express.
#include "gen/deployed.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kTargetCdkTableSettings = {
    {"target/cdk-table-settings", Severity::error,
     "a table setting the chosen CDK construct cannot express: `replicas.consistency`/`witness` with Table, "
     "a GSI's `contributor_insights` other than the table's with TableV2",
     "aws-cdk-lib's Table (AWS::DynamoDB::Table with a replica custom resource) has no multi-Region consistency "
     "and no witness Region; TableV2 (AWS::DynamoDB::GlobalTable) gives every GSI in the stack's Region the "
     "table's contributor insights (a GSI's own are set only on replicas in other Regions, "
     "ReplicaGlobalSecondaryIndexOptions), so a GSI whose `contributor_insights` differs from the table's has no "
     "TableV2 form. A target rule: it reads `--cdk-construct` of `generate` (and of `validate`). With the "
     "default `auto`, such a table without replicas becomes a Table (reported as info); otherwise the setting "
     "is an error and generate refuses the model.",
     "https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_dynamodb.TableV2.html",
     "# dynamodel generate model.yaml --target cdk --cdk-construct Table\n"
     "table:\n  replicas: {regions: [us-east-2, us-west-2], consistency: STRONG}\n",
     "# dynamodel generate model.yaml --target cdk\n"
     "table:\n  replicas: {regions: [us-east-2, us-west-2], consistency: STRONG}\n",
     ""},
    nullptr,
    [](const Model& m, const TargetOptions& options, Findings& f) {
      const Table& t = m.table;
      std::string why;
      const std::string construct = cdk_construct_for(t, options, why);
      if (construct == "Table" && (t.replica_consistency || t.witness))
        f.report(t.source.at("replicas"), "table.replicas",
                 "the CDK construct Table cannot set multi-Region consistency or a witness Region; use "
                 "--cdk-construct TableV2 (or auto)");
      for (const auto& g : t.global_secondary_indexes) {
        if (g.contributor_insights == t.contributor_insights) continue;
        const Location& at = g.contributor_insights ? g.source.at("contributor_insights") : g.source.location;
        const std::string path = g.source.path_of("contributor_insights");
        if (construct == "TableV2")
          f.report(at, path,
                   "GSI '" + g.name +
                       "' has other contributor insights than the table: the CDK construct TableV2 gives every GSI "
                       "in the stack's Region the table's; use --cdk-construct Table" +
                       (t.replicas.empty() ? std::string(" (or auto)") : std::string()) +
                       ", or the table's setting on the GSI");
        else if (options.cdk_construct == "auto")
          f.report(Severity::info, at, path,
                   "the cdk target generates a Table, not a TableV2: GSI '" + g.name +
                       "' has other contributor insights than the table, and TableV2 gives every GSI the table's");
      }
    }};
}  // namespace dynamodel
