// `dynamodel diff`: compares two versions of a model, classifies each change by how it can be
// deployed to a table that already holds data, and plans the rollout (the change/* rules).
//
// Sources: CloudFormation AWS::DynamoDB::Table update behaviours (one GSI created or deleted
// per stack update; KeySchema and TableName replace the table)
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html
// and UpdateTable (GlobalSecondaryIndexUpdates: one Create or Delete per call; LSIs are
// create-time only) https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/model.hpp"
#include "rules/rule_info.hpp"

namespace dynamodel::diff {

/// How a change reaches a table that holds data.
enum class ChangeClass {
  in_place,     ///< one UpdateTable / stack update, no data loss
  multi_step,   ///< several deployments in order (GSI creations/deletions, delete + create)
  replacement,  ///< a new table: the old one and its data are gone unless migrated
  backfill,     ///< deployable, but existing items must be rewritten to carry new key values
};
std::string_view to_string(ChangeClass c);

/// One difference between the old and the new model. `rule` is a change/* id, empty for an
/// in-place change without a rule. `location` points into the new model (the old one when the
/// element was removed).
struct Change {
  ChangeClass change_class = ChangeClass::in_place;
  std::string rule;
  Severity severity = Severity::info;
  std::string message;
  std::string path;
  Location location;
};

/// One action of a deployment: a GSI created or deleted, or table settings changed.
struct Action {
  enum class Kind { create_gsi, delete_gsi, update_table, create_table, replace_table, backfill };
  Kind kind = Kind::update_table;
  std::string index;                    ///< the GSI of create_gsi / delete_gsi
  std::string entity;                   ///< the entity of a backfill
  std::vector<std::string> attributes;  ///< the key attributes a backfill writes
  std::string description;              ///< one line for people
  std::string command;                  ///< how to perform it (backfill, replacement): accessor or CLI
};
std::string_view to_string(Action::Kind k);

/// One step of the rollout: a deployment (stack update / UpdateTable) or a data job.
struct Step {
  bool deployment = true;  ///< false: a backfill or migration job between/after deployments
  std::vector<Action> actions;
};

/// The comparison: the changes in model order, the ordered rollout steps, and whether the
/// whole change is one safe deployment (no replacement, no backfill, at most one step).
struct Result {
  std::string old_file, new_file;
  std::string table;         ///< the new model's table name
  bool old_missing = false;  ///< the old version does not exist (a new model): create the table
  std::vector<Change> changes;
  std::vector<Step> plan;
  bool one_safe_step() const;
};

/// Compares `old_model` (nullopt: the file is new) with `new_model`.
Result compare(const std::optional<Model>& old_model, const Model& new_model);

/// The metadata of the change/* rules, for the rule catalogue (rules/catalogue.cpp).
const std::vector<RuleInfo>& change_rules();

/// Renderings of a result: plain text (a terminal), JSON (an object with changes and plan) and
/// Markdown (a pull-request comment).
std::string to_text(const Result& r);
std::string to_json_text(const Result& r);
std::string to_markdown(const Result& r);

}  // namespace dynamodel::diff
