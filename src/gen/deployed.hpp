// What every target deploys for a model, decided once so that all targets describe the same
// table (the parity test checks it): a GSI's capacity, the stream, the CDK construct, and what
// a target cannot express. The rules table/replica-*, table/kms-key-arn and target/* report
// those refusals (with a location) before any generator runs; the generators only re-check them.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/model.hpp"

namespace dynamodel {

/// Choices that shape a target's output (`generate --terraform-style`, `--cdk-construct`).
/// Each target reads only its own fields; the target/* rules read them too.
struct TargetOptions {
  /// `resource`: an aws_dynamodb_table resource; `module`: a call of the registry module
  /// terraform-aws-modules/dynamodb-table/aws.
  std::string terraform_style = "resource";
  /// `auto` (TableV2 when it can express the design, else Table: cdk_construct_for), or one
  /// forced: `TableV2` (aws-cdk-lib's recommended construct) or `Table`.
  std::string cdk_construct = "auto";
};

/// One part of the model that a target cannot express: where it is written, its model path,
/// and what it is (`GSI 'ByStatus'`).
struct Refusal {
  Location where;
  std::string path;
  std::string what;
};

/// The capacity a GSI is deployed with: its own, or, when it has none, the table's (capacity
/// and autoscaling together). PROVISIONED tables only; nullopt when neither has capacity.
const std::optional<Capacity>& gsi_capacity(const GlobalSecondaryIndex& g, const Table& t);

/// The CreateTable request of the model's table without TableName (create-table.sh adds
/// `--table-name`, which holds the environment prefix chosen at run time; `dynamodel verify`
/// names its own table). Request fields:
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
nlohmann::ordered_json create_table_request(const Model& model);

/// The stream the table is deployed with: the model's, or NEW_AND_OLD_IMAGES for a global table,
/// which replicates through it (rule table/replica-stream; GlobalTables.html).
std::optional<StreamView> deployed_stream(const Table& t);

/// The table and GSIs of a PROVISIONED table whose write capacity is not autoscaled, in model
/// order (a GSI without capacity of its own inherits the table's, and is reported at the
/// table's capacity). AWS::DynamoDB::GlobalTable, which global tables and the CDK's TableV2
/// synthesize, sets write capacity only through autoscaling. Empty for PAY_PER_REQUEST.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-globaltable-writeprovisionedthroughputsettings.html
std::vector<Refusal> unscaled_writes(const Table& t);

/// True when `arn` is a KMS key ARN that every target can use (aws-cdk-lib's Key.fromKeyArn
/// splits it): `arn:PARTITION:kms:REGION:ACCOUNT:key/ID` or `.../alias/NAME`, no part empty.
/// https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id-key-ARN
bool is_kms_key_arn(const std::string& arn);

/// Throws GenerateError for a global table (table.replicas) that no target can deploy: a
/// customer-managed KMS key (a key belongs to one Region; rule table/replica-encryption), or a
/// PROVISIONED table or GSI whose write capacity is not autoscaled (rule
/// table/replica-autoscaling). A model without error findings never throws here.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/globaltables_reqs_bestpractices.html
void check_global_table(const Table& t);

/// The table settings that `--terraform-style module` cannot pass to the registry module at the
/// version it pins (4.2.0: no inputs for on-demand maximum, warm throughput, recovery period,
/// contributor insights, resource policy, multi-Region consistency or witness; its 5.x and later
/// lines have some of them but need provider 6 and another interface), in model order
/// (gen/settings_refusals.cpp; rule target/terraform-module-table-settings).
std::vector<Refusal> terraform_module_refusals(const Table& t);

/// The CDK construct that the cdk target renders: the forced one (`TableV2` or `Table`), or for
/// `auto` TableV2 unless the design has unscaled_writes (then Table). `why` receives one
/// sentence for the generated stack's comment.
std::string cdk_construct_for(const Table& t, const TargetOptions& options, std::string& why);

}  // namespace dynamodel
