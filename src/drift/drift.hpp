// `dynamodel drift MODEL --endpoint URL`: the deployed table (read by live/live.hpp) compared
// with the model's table, and a sample of its items checked against the model's entities.
// Each difference is one finding with a drift/* rule id (drift_rules(), in the catalogue).
#pragma once

#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "import/imported.hpp"
#include "model/model.hpp"
#include "rules/rule_info.hpp"

namespace dynamodel::drift {

/// The metadata of the drift/* rules, for the rule catalogue (rules/catalogue.cpp).
const std::vector<RuleInfo>& drift_rules();

/// The findings of the table settings: keys and attribute types, GSIs and LSIs (missing,
/// unexpected, key schema, projection), billing mode and provisioned capacity (not with
/// autoscaling, which moves it), stream, TTL, PITR, encryption, deletion protection, table
/// class and tags. A setting `live` does not state (an optional left unset: the endpoint did
/// not implement its operation) is not compared. Each finding points at the model's field.
std::vector<Diagnostic> compare_table(const Model& model, const import::ImportedTable& live);

/// The findings of sampled items (`scan`: `{"Items": [...]}` in DynamoDB JSON, as
/// live::LiveTable::scan): an item whose table key values match no entity's key templates
/// (drift/item-unknown-entity), an item of an entity without one of its required attributes
/// (drift/item-missing-attribute) or with an attribute of another type than the model's
/// (drift/item-type). One finding per entity and attribute (or one for all unknown items),
/// with the number of items and the first item's key.
std::vector<Diagnostic> check_items(const Model& model, const nlohmann::json& scan);

/// True when `value` can be built from `key_template`: its literal parts in order, each
/// placeholder standing for one or more characters (`USER#{id}` matches `USER#42`, not
/// `ORDER#42` nor `USER#`).
bool matches_template(const KeyTemplate& key_template, const std::string& value);

}  // namespace dynamodel::drift
