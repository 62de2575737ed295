// `dynamodel import --from describe-table`: the JSON that `aws dynamodb describe-table` prints.
#include <string>
#include <tuple>

#include "import/imported.hpp"

namespace dynamodel::import {
namespace {

using nlohmann::json;

/// The string at `key` of `object`; ImportError naming `where` when it is missing or not a string.
std::string text_at(const json& object, const char* key, const std::string& where) {
  if (!object.is_object() || !object.contains(key) || !object[key].is_string())
    throw ImportError(where + ": " + key + " is missing or not a string");
  return object[key].get<std::string>();
}

std::int64_t count_at(const json& object, const char* key, const std::string& where) {
  if (!object.contains(key) || !object[key].is_number_integer() || object[key].get<std::int64_t>() < 0)
    throw ImportError(where + ": " + key + " is missing or not a whole number");
  return object[key].get<std::int64_t>();
}

/// The (AttributeName, KeyType) pairs of a KeySchema.
std::vector<std::pair<std::string, std::string>> key_elements(const json& schema, const std::string& where) {
  if (!schema.is_array()) throw ImportError(where + ".KeySchema is missing or not a list");
  std::vector<std::pair<std::string, std::string>> elements;
  for (const auto& element : schema)
    elements.emplace_back(text_at(element, "AttributeName", where + ".KeySchema"),
                          text_at(element, "KeyType", where + ".KeySchema"));
  return elements;
}

/// A GSI (`global`: its key may have several attributes) or an LSI.
ImportedIndex read_index(const json& index, const ImportedTable& table, const std::string& where, bool global) {
  ImportedIndex out;
  out.name = text_at(index, "IndexName", where);
  const auto at = where + " " + out.name;
  const auto elements = key_elements(value_of(index, "KeySchema", json()), at);
  if (global) {
    set_gsi_key_schema(out, elements, table, at);
  } else {
    std::tie(out.partition_key, out.sort_key) = typed_key_schema(elements, table, at);
  }
  const auto& projection = value_of(index, "Projection", json::object());
  out.projection = text_or(projection, "ProjectionType", "ALL", at + ".Projection");
  if (out.projection != "ALL" && out.projection != "KEYS_ONLY" && out.projection != "INCLUDE")
    throw ImportError(at + ": ProjectionType '" + out.projection + "' is not ALL, KEYS_ONLY or INCLUDE");
  for (const auto& name : value_of(projection, "NonKeyAttributes", json::array()))
    if (name.is_string()) out.non_key_attributes.push_back(name.get<std::string>());
  if (index.contains("ProvisionedThroughput")) {
    const auto& p = index["ProvisionedThroughput"];
    const auto read = count_at(p, "ReadCapacityUnits", at + ".ProvisionedThroughput");
    const auto write = count_at(p, "WriteCapacityUnits", at + ".ProvisionedThroughput");
    // describe-table reports 0/0 for the indexes of an on-demand table.
    if (read > 0 || write > 0) out.capacity = ImportedCapacity{read, write, std::nullopt};
  }
  return out;
}

}  // namespace

ImportedTable read_describe_table(const json& source) {
  if (!source.is_object() || !source.contains("Table") || !source["Table"].is_object())
    throw ImportError("not describe-table output: there is no \"Table\" object at the top");
  const auto& t = source["Table"];
  ImportedTable table;
  table.format = "describe-table";
  table.states_ttl_pitr_tags = false;
  table.name = text_at(t, "TableName", "Table");
  const auto definitions = value_of(t, "AttributeDefinitions", json());
  if (!definitions.is_array()) throw ImportError("Table: AttributeDefinitions is missing or not a list");
  for (const auto& d : definitions) {
    const auto type = text_at(d, "AttributeType", "Table.AttributeDefinitions");
    if (type != "S" && type != "N" && type != "B")
      throw ImportError("Table.AttributeDefinitions: AttributeType '" + type + "' is not S, N or B");
    table.attribute_types[text_at(d, "AttributeName", "Table.AttributeDefinitions")] = type;
  }
  auto [hash, range] = typed_key_schema(key_elements(value_of(t, "KeySchema", json()), "Table"), table, "Table");
  table.partition_key = hash;
  table.sort_key = range;

  // BillingModeSummary is absent for tables created PROVISIONED that never changed mode.
  table.billing_mode = text_or(value_of(t, "BillingModeSummary", json::object()), "BillingMode", "PROVISIONED",
                               "Table.BillingModeSummary");
  if (table.billing_mode != "PROVISIONED" && table.billing_mode != "PAY_PER_REQUEST")
    throw ImportError("Table.BillingModeSummary: BillingMode '" + table.billing_mode + "' is unknown");
  if (table.billing_mode == "PROVISIONED") {
    const auto p = value_of(t, "ProvisionedThroughput", json::object());
    table.capacity = ImportedCapacity{count_at(p, "ReadCapacityUnits", "Table.ProvisionedThroughput"),
                                      count_at(p, "WriteCapacityUnits", "Table.ProvisionedThroughput"), std::nullopt};
  }
  for (const auto& index : value_of(t, "GlobalSecondaryIndexes", json::array()))
    table.global_secondary_indexes.push_back(read_index(index, table, "GlobalSecondaryIndexes", true));
  for (const auto& index : value_of(t, "LocalSecondaryIndexes", json::array()))
    table.local_secondary_indexes.push_back(read_index(index, table, "LocalSecondaryIndexes", false));
  // An on-demand table's indexes have no capacity of their own.
  if (table.billing_mode == "PAY_PER_REQUEST")
    for (auto& index : table.global_secondary_indexes) index.capacity.reset();
  for (auto& index : table.local_secondary_indexes) index.capacity.reset();

  const auto stream = value_of(t, "StreamSpecification", json::object());
  if (value_of(stream, "StreamEnabled", false) == true)
    table.stream = text_at(stream, "StreamViewType", "Table.StreamSpecification");
  if (t.contains("TableClassSummary"))
    table.table_class = text_or(t["TableClassSummary"], "TableClass", "STANDARD", "Table.TableClassSummary");
  if (t.contains("DeletionProtectionEnabled") && t["DeletionProtectionEnabled"].is_boolean())
    table.deletion_protection = t["DeletionProtectionEnabled"].get<bool>();
  // SSEDescription is absent for the default, AWS owned key.
  const auto sse = value_of(t, "SSEDescription", json::object());
  if (value_of(sse, "SSEType", nullptr) == "KMS") {
    if (sse.contains("KMSMasterKeyArn") && sse["KMSMasterKeyArn"].is_string()) {
      table.kms_key_arn = sse["KMSMasterKeyArn"].get<std::string>();
      // The AWS managed key has an ARN too: only KMS (describe-key) tells it from a customer's key.
      table.todos.emplace_back(
          "describe-table names the KMS key but not who manages it: if `aws kms describe-key --key-id "
          "ARN` says KeyManager AWS (the key aws/dynamodb), write encryption: AWS_MANAGED instead");
    } else {
      table.encryption = "AWS_MANAGED";
    }
  } else {
    table.encryption = "AWS_OWNED";
  }
  table.todos.emplace_back(
      "describe-table does not state TTL, point-in-time recovery or tags: read them with `aws dynamodb "
      "describe-time-to-live`, `describe-continuous-backups` and `list-tags-of-resource` and add them");
  return table;
}

}  // namespace dynamodel::import
