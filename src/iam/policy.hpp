// Least privilege from the model: the IAM permissions each principal (`principals:`) needs for
// the access patterns it performs, derived once here and printed by every target (iam,
// cloudformation, terraform, cdk, cli), the report and the C++ accessors' comments.
//
// The mapping of operations to IAM actions, resources and condition keys follows:
// - Actions, resources, and condition keys for Amazon DynamoDB (the service authorization
//   reference): https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html
//   (GetItem, PutItem, UpdateItem, DeleteItem, BatchGetItem, BatchWriteItem, ConditionCheckItem
//   on the `table` resource; Query and Scan on `table` or `index`,
//   `arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/index/${IndexName}`).
// - Using IAM with DynamoDB transactions: the actions of TransactWriteItems and TransactGetItems
//   are governed by the underlying PutItem, UpdateItem, DeleteItem, GetItem and
//   ConditionCheckItem permissions, narrowed with `dynamodb:EnclosingOperation`:
//   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html
// - Using IAM policy conditions for fine-grained access control (`dynamodb:LeadingKeys`,
//   `dynamodb:Attributes`, `dynamodb:Select`):
//   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html
//   and the IAM example "Allows access to specific attributes":
//   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_dynamodb_attributes.html
// - Policy variables and their escapes `${*}`, `${?}`, `${$}`:
//   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
// - A customer-managed KMS key: kms:Decrypt (reads and writes) and kms:GenerateDataKey (writes)
//   through DynamoDB only (`kms:ViaService`):
//   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.usagenotes.html
//   https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
// - A stream consumer's Lambda execution role reads the table's streams with
//   dynamodb:DescribeStream, GetRecords, GetShardIterator and ListStreams on
//   `arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/stream/*`:
//   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/iam-policy-example-lamda-process-dynamodb-streams.html
//   sends a failed batch's record to its on-failure destination (sqs:SendMessage, sns:Publish):
//   https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html
//   and decrypts a stream of a table with a customer-managed key ("DynamoDB streams are always
//   encrypted with a table-level encryption key"): encryption.usagenotes.html above.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/model.hpp"

namespace dynamodel::iam {

/// What a permission applies to: the table, one of its secondary indexes (by name), its
/// streams, the table's customer-managed KMS key, or a stream consumer's on-failure destination
/// (an SQS queue or SNS topic ARN). Each target turns it into an ARN of its own language:
/// table_suffix() for the first three, literal_arn() for the others.
struct Resource {
  enum class Kind { table, index, stream, kms_key, destination };
  Kind kind = Kind::table;
  std::string index;  ///< the index name, for Kind::index
  std::string arn;    ///< the destination's ARN, for Kind::destination

  friend bool operator==(const Resource&, const Resource&) = default;
};

/// What follows the table's ARN in the ARN of `r`: "" (the table), "/index/NAME" or
/// "/stream/*"; nullopt when `r` has an ARN of its own (literal_arn). Index names are
/// [A-Za-z0-9_.-]: nothing in a suffix needs escaping in any target's string syntax.
std::optional<std::string> table_suffix(const Resource& r);

/// The ARN of a resource that is not part of the table (its KMS key, a destination), as the
/// model gives it; empty for the table, an index or the streams.
std::string literal_arn(const Model& model, const Resource& r);

/// One permission one access pattern needs: an IAM action (`dynamodb:GetItem`) on a resource,
/// under a condition (an IAM Condition block, `{}` when none).
struct Need {
  std::string action;
  Resource resource;
  nlohmann::json condition = nlohmann::json::object();
  /// A partition-key restriction was wanted (the principal has leading_keys) but this need
  /// cannot carry one: its key has none of the mapped placeholders, or it is a Scan.
  bool unrestricted = false;
};

/// The needs of one access pattern of a principal, in a fixed order.
struct PatternNeeds {
  const AccessPattern* pattern = nullptr;
  std::vector<Need> needs;
};

/// The needs of one stream consumer whose function runs as a principal, in a fixed order.
struct ConsumerNeeds {
  const StreamConsumer* consumer = nullptr;
  std::vector<Need> needs;
};

/// One Allow statement of a policy: sorted actions on one resource under one condition, and
/// the names of the patterns and stream consumers it serves (in the principal's order).
struct Statement {
  std::string sid;  ///< [A-Za-z0-9]+, unique in the policy
  std::vector<std::string> actions;
  Resource resource;
  nlohmann::json condition = nlohmann::json::object();
  std::vector<std::string> patterns;
  std::vector<std::string> consumers;
};

/// The policy of one principal.
struct Policy {
  const Principal* principal = nullptr;
  std::vector<PatternNeeds> patterns;    ///< the patterns it performs that exist, in its order
  std::vector<ConsumerNeeds> consumers;  ///< the stream consumers it runs that exist, in its order
  /// table, then indexes (model order), then the streams, the destinations, the KMS key
  std::vector<Statement> statements;
};

/// The needs of pattern `p` performed by principal `who` (its leading keys and attributes).
PatternNeeds pattern_needs(const Model& model, const Principal& who, const AccessPattern& p);

/// The needs of stream consumer `c`'s function: the stream read actions, its on-failure
/// destination's send action, kms:Decrypt on a customer-managed key.
ConsumerNeeds consumer_needs(const Model& model, const StreamConsumer& c);

/// The policy of `who`: its patterns' and stream consumers' needs grouped into statements, one
/// per (resource, condition). Patterns and consumers that do not exist (rules
/// iam/unknown-pattern, iam/unknown-stream-consumer) are left out.
Policy derive(const Model& model, const Principal& who);

/// Every principal's policy, in model order.
std::vector<Policy> policies(const Model& model);

/// How a target writes a resource's ARN: a JSON value (a string, or a CloudFormation
/// intrinsic such as `{"Fn::Sub": ...}`).
using ArnOf = std::function<nlohmann::json(const Resource&)>;

/// The IAM policy document (`{"Version": "2012-10-17", "Statement": [...]}`) of `policy`.
nlohmann::ordered_json document(const Policy& policy, const ArnOf& arn_of);

/// The ARN of `r` for a table named `table_name` whose ARN starts `arn_prefix`
/// (`arn:aws:dynamodb:*:*:table/`): `<prefix><table>` + table_suffix(r), or literal_arn(r).
std::string arn(const Model& model, const Resource& r, const std::string& arn_prefix, const std::string& table_name);

/// The partition key of the key space `p` reads or writes with the table's or the index's key
/// (`index` empty: the table), or nullptr when `p` has no equality on it (Scan).
const KeyTemplate* partition_template(const Model& model, const std::vector<KeyCondition>& key,
                                      const std::optional<std::string>& index);

}  // namespace dynamodel::iam
