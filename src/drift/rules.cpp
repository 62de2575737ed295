// The drift/* rules: what `dynamodel drift` reports, as catalogue entries (docs/rules.md).
#include "drift/drift.hpp"

namespace dynamodel::drift {

const std::vector<RuleInfo>& drift_rules() {
  static const std::vector<RuleInfo> list = {
      {"drift/key-schema", Severity::error, "the deployed table's or an index's key schema differs from the model",
       "Key attributes and their types are fixed when a table or index is created: code built from the model "
       "writes keys the deployed table rejects or indexes differently. Only a new table (or index) fixes it.",
       "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTable.html",
       "# deployed: partition key pk (S)\ntable:\n  name: Orders\n  partition_key: {name: PK, type: S}",
       "# deployed: partition key PK (S)\ntable:\n  name: Orders\n  partition_key: {name: PK, type: S}"},
      {"drift/index-missing", Severity::error, "an index of the model is not deployed",
       "Queries on the index fail with ValidationException (\"The table does not have the specified index\").",
       "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html",
       "# deployed: no GSI1\n  global_secondary_indexes:\n    - {name: GSI1, partition_key: {name: GSI1PK, type: S}}",
       "# deployed: GSI1\n  global_secondary_indexes:\n    - {name: GSI1, partition_key: {name: GSI1PK, type: S}}"},
      {"drift/index-unexpected", Severity::warning, "the deployed table has an index the model does not have",
       "An index added by hand costs storage and write capacity for every item it projects, and the next "
       "deployment from the model deletes it.",
       "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html",
       "# deployed: GSI1 and a hand-made GSI2\n  global_secondary_indexes:\n    - {name: GSI1, partition_key: {name: "
       "GSI1PK, type: S}}",
       "# deployed: GSI1\n  global_secondary_indexes:\n    - {name: GSI1, partition_key: {name: GSI1PK, type: S}}"},
      {"drift/projection", Severity::error, "an index projects other attributes than the model says",
       "Reads through the index miss the attributes the model's access patterns expect (or pay for more); a "
       "projection cannot be changed in place: the index is deleted and created again.",
       "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.Projections",
       "# deployed: KEYS_ONLY\n    - name: GSI1\n      projection: ALL",
       "# deployed: ALL\n    - name: GSI1\n      projection: ALL"},
      {"drift/billing", Severity::warning, "billing mode or provisioned capacity differs from the model",
       "The model's cost estimate and throttling analysis assume its billing mode and capacity. Capacity under "
       "autoscaling is not compared: it moves.",
       "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/capacity-mode.html",
       "# deployed: PROVISIONED 5/5\ntable:\n  billing_mode: PAY_PER_REQUEST",
       "# deployed: PAY_PER_REQUEST\ntable:\n  billing_mode: PAY_PER_REQUEST"},
      {"drift/stream", Severity::warning, "the stream is off, on or of another view type than the model says",
       "Consumers of the stream (Lambda triggers, replication) miss changes or see other images than they expect.",
       "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html",
       "# deployed: no stream\ntable:\n  stream: NEW_AND_OLD_IMAGES",
       "# deployed: NEW_AND_OLD_IMAGES\ntable:\n  stream: NEW_AND_OLD_IMAGES"},
      {"drift/ttl", Severity::warning, "time to live is off or on another attribute than the model says",
       "Items the model expects to expire stay (and are paid for), or items expire that should not.",
       "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html",
       "# deployed: TTL disabled\ntable:\n  ttl_attribute: expiresAt",
       "# deployed: TTL on expiresAt\ntable:\n  ttl_attribute: expiresAt"},
      {"drift/point-in-time-recovery", Severity::warning, "point-in-time recovery is not as the model says",
       "With PITR off where the model has it on, a bad write cannot be undone; on where the model has it off, "
       "it is paid for.",
       "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Point-in-time-recovery.html",
       "# deployed: PITR disabled\ntable:\n  point_in_time_recovery: true",
       "# deployed: PITR enabled\ntable:\n  point_in_time_recovery: true"},
      {"drift/encryption", Severity::warning, "the table is encrypted with another kind of key than the model says",
       "Who can decrypt the data, and what KMS costs, depend on the key: AWS owned, AWS managed or a customer's.",
       "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html",
       "# deployed: AWS owned key\ntable:\n  encryption: AWS_MANAGED",
       "# deployed: the AWS managed key aws/dynamodb\ntable:\n  encryption: AWS_MANAGED"},
      {"drift/deletion-protection", Severity::warning, "deletion protection is not as the model says",
       "Without it the table can be deleted by one DeleteTable call or a stack deletion.",
       "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html"
       "#WorkingWithTables.Basics.DeletionProtection",
       "# deployed: deletion protection off\ntable:\n  deletion_protection: true",
       "# deployed: deletion protection on\ntable:\n  deletion_protection: true"},
      {"drift/table-class", Severity::warning, "the table class differs from the model",
       "STANDARD_INFREQUENT_ACCESS halves storage cost and raises request cost: the model's cost estimate "
       "assumes its class.",
       "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.TableClasses.html",
       "# deployed: STANDARD\ntable:\n  table_class: STANDARD_INFREQUENT_ACCESS",
       "# deployed: STANDARD_INFREQUENT_ACCESS\ntable:\n  table_class: STANDARD_INFREQUENT_ACCESS"},
      {"drift/tags", Severity::warning, "a tag is missing, added or has another value than in the model",
       "Cost allocation and access policies that key on tags see another table than the model describes.",
       "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Tagging.html",
       "# deployed: Owner=ops\ntable:\n  tags: {Owner: platform}",
       "# deployed: Owner=platform\ntable:\n  tags: {Owner: "
       "platform}"},
      {"drift/item-unknown-entity", Severity::warning, "a sampled item's key matches no entity of the model",
       "Items written by hand or by code outside the model: access patterns and generated code do not know "
       "them, and a Query over their partition returns what the model cannot decode.",
       "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-modeling-nosql-B.html",
       "# an item with PK = \"LEGACY#7\"\n    keys: {PK: \"USER#{userId}\"}",
       "# every item with PK = \"USER#...\"\n    keys: {PK: \"USER#{userId}\"}"},
      {"drift/item-missing-attribute", Severity::warning, "a sampled item lacks a required attribute of its entity",
       "Code generated from the model reads the attribute as always there and fails on such an item.",
       "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.CoreComponents.html",
       "# an item without email\n    attributes:\n      email: {type: S, required: true}",
       "# every item has email\n    attributes:\n      email: {type: S, required: true}"},
      {"drift/item-type", Severity::warning, "a sampled item has an attribute of another type than the model's",
       "Code generated from the model reads the attribute with its type and fails (TypeMismatch) on such an item.",
       "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValue.html",
       "# an item with total = {\"S\": \"12\"}\n    attributes:\n      total: {type: N}",
       "# every item with total = {\"N\": \"12\"}\n    attributes:\n      total: {type: N}"},
  };
  return list;
}

}  // namespace dynamodel::drift
