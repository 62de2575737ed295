// Field lists of the model format, version 1. Keep in step with docs/fields.md and
// schemas/dynamodel.schema.json (tests/unit/schema_agreement_test.cpp checks it).
#include "model/fields.hpp"

namespace dynamodel {

const std::map<std::string_view, std::vector<FieldSpec>>& known_fields() {
  static const std::map<std::string_view, std::vector<FieldSpec>> fields = {
      {"model", {{"dynamodel", true}, {"name", true}, {"description"}, {"table", true},
                 {"entities", true}, {"access_patterns", true}, {"lint"}}},
      {"lint", {{"disable"}, {"quota"}}},
      {"quota", {{"global_secondary_indexes"}}},
      {"table", {{"name", true}, {"partition_key", true}, {"sort_key"}, {"billing_mode"},
                 {"capacity"}, {"table_class"}, {"ttl_attribute"}, {"stream"},
                 {"point_in_time_recovery"}, {"deletion_protection"}, {"encryption"},
                 {"replicas"}, {"tags"}, {"global_secondary_indexes"},
                 {"local_secondary_indexes"}}},
      {"key_attribute", {{"name", true}, {"type", true}}},
      {"capacity", {{"read", true}, {"write", true}, {"autoscaling"}}},
      {"autoscaling", {{"min_read", true}, {"max_read", true}, {"min_write", true},
                       {"max_write", true}, {"target_utilization"}}},
      {"encryption_kms", {{"kms_key_arn", true}}},
      {"gsi", {{"name", true}, {"partition_key", true}, {"sort_key"}, {"projection"}, {"capacity"}}},
      {"lsi", {{"name", true}, {"sort_key", true}, {"projection"}}},
      {"projection_include", {{"include", true}}},
      {"entity", {{"description"}, {"attributes", true}, {"keys", true}, {"expected"}}},
      {"attribute", {{"type", true}, {"description"}, {"required"}, {"max_length"}, {"max_bytes"},
                     {"max_items"}, {"max_digits"}, {"enum"}, {"cardinality"}, {"format"},
                     {"role"}}},
      {"expected", {{"items"}, {"writes_per_second"}}},
      {"access_pattern", {{"id", true}, {"name", true}, {"description"}, {"entity"}, {"entities"},
                          {"operation", true}, {"index"}, {"key"}, {"rate_per_second"},
                          {"consistent_read"}, {"scan_index_forward"}, {"limit"}, {"returns"},
                          {"condition"}, {"set"}, {"add"}, {"optimistic_lock"}, {"actions"}, {"attributes"}}},
      {"action", {{"entity", true}, {"operation", true}, {"key", true}, {"condition"}, {"set"},
                  {"add"}, {"optimistic_lock"}}},
      {"sort_condition", {{"begins_with"}, {"between"}, {"lt"}, {"le"}, {"gt"}, {"ge"}}},
  };
  return fields;
}

const std::vector<std::string_view>& known_rule_ids() {
  static const std::vector<std::string_view> ids = {
      "yaml/syntax", "schema/unknown-field", "schema/missing-field", "schema/invalid-value",
      "schema/duplicate-key", "naming/table-name", "naming/deployed-table-name", "naming/index-name", "naming/attribute-name",
      "naming/duplicate-index", "naming/reserved-word", "table/key-type",
      "table/attribute-type-conflict", "table/billing-capacity", "table/ttl-attribute",
      "table/replica-stream", "table/tags", "table/pitr-disabled",
      "table/deletion-protection-disabled", "table/autoscaling-missing", "table/encryption-cmk",
      "table/replica-encryption", "table/replica-autoscaling", "table/kms-key-arn",
      "index/gsi-limit", "index/lsi-limit", "index/lsi-requires-sort-key",
      "index/projection-limit", "index/unused", "index/lsi-collection-size", "index/key-schema", "keys/missing",
      "keys/unknown-attribute", "keys/optional-attribute", "keys/not-a-key", "keys/type-mismatch",
      "keys/collision", "keys/ambiguous-prefix", "keys/size", "keys/partial-derived-key",
      "access/unknown-entity", "access/unknown-index", "access/unknown-parameter",
      "access/not-served", "access/requires-full-key", "access/sort-condition",
      "access/mixed-entities", "access/index-projection", "access/consistent-read-gsi",
      "access/scan", "access/batch-limit", "access/unreachable-entity", "access/page-size", "access/duplicate-pattern",
      "access/unknown-attribute", "access/optimistic-lock", "access/replay-revision", "access/single-entity",
      "access/transaction-action", "access/update-expression",
      "size/item-limit", "size/item-large", "size/unbounded", "hot/constant-partition-key",
      "hot/low-cardinality-partition-key", "hot/time-bucket-partition-key",
      "hot/partition-throughput", "hot/single-item", "capacity/provisioned-below-demand",
      "capacity/table-quota", "target/cdk-fixed-write-capacity", "target/terraform-module-name-tag", "change/replacement", "change/multiple-gsi",
      "change/gsi-key-change", "change/backfill",
  };
  return ids;
}

}  // namespace dynamodel
