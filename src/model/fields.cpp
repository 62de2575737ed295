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

}  // namespace dynamodel
