// Sample items generated from a model: realistic values from attribute types, formats, enums
// and size hints, the key attributes built from the entities' key templates. Deterministic:
// the same model, count and seed give the same items on every machine (own PRNG, no
// std::*_distribution). Used by the report's single-table view and by `dynamodel sample`.
// Item format: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValue.html
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/model.hpp"

namespace dynamodel {

/// One generated item: its entity, the item as DynamoDB AttributeValues
/// ({"PK": {"S": "USER#01J..."}, "total": {"N": "12"}}, key attributes first, then the
/// entity's attributes in model order) and a plain-text rendering of each value for display.
struct SampleItem {
  std::string entity;
  nlohmann::ordered_json item;
  std::vector<std::pair<std::string, std::string>> display;  ///< (attribute, value as text)
};

/// `per_entity` items of every entity, in model order. Attributes of the same name share
/// values across entities (an Order's userId is one of the generated Users' userId), so item
/// collections and index partitions form as they would in the real table. Items whose
/// primary key would repeat an earlier item's are regenerated or left out.
std::vector<SampleItem> sample_items(const Model& model, int per_entity, std::uint64_t seed);

/// The items as `aws dynamodb batch-write-item --request-items` documents: a JSON array of
/// chunks of at most 25 PutRequests each, `[{"<table>": [{"PutRequest": {"Item": {...}}}]}]`.
nlohmann::ordered_json batch_write_chunks(const std::vector<SampleItem>& items, const std::string& table_name);

}  // namespace dynamodel
