// `dynamodel import`: what a source (describe-table JSON, a CloudFormation template, scanned
// items) states about a table, read into one structure before the model text is rendered.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace dynamodel::import {

/// Thrown for a source that cannot be imported: not JSON or YAML, not the claimed format, no
/// table, several tables without a choice. The message says what and where.
class ImportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A key attribute: name and DynamoDB scalar type (S, N or B).
struct ImportedKey {
  std::string name;
  std::string type;
};

/// Target-tracking autoscaling of reads and writes (CloudFormation's scalable targets).
struct ImportedAutoscaling {
  std::int64_t min_read = 0, max_read = 0, min_write = 0, max_write = 0;
  std::string target_utilization;  ///< percent, as the template writes it (`70.0` -> `70`)
};

/// RCU and WCU.
struct ImportedCapacity {
  std::int64_t read = 0;
  std::int64_t write = 0;
  std::optional<ImportedAutoscaling> autoscaling;
};

/// A GSI or an LSI (an LSI's partition key is the table's).
struct ImportedIndex {
  std::string name;
  ImportedKey partition_key;
  std::optional<ImportedKey> sort_key;
  std::string projection = "ALL";               ///< ALL, KEYS_ONLY or INCLUDE
  std::vector<std::string> non_key_attributes;  ///< INCLUDE only
  std::optional<ImportedCapacity> capacity;
  /// A GSI's multi-attribute key: its second to fourth partition-key and sort-key attributes,
  /// in KeySchema order (empty for a single-attribute key and for an LSI).
  /// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.DesignPattern.MultiAttributeKeys.html
  std::vector<ImportedKey> more_partition_keys;
  std::vector<ImportedKey> more_sort_keys;
  /// More than one partition-key or sort-key attribute: the model writes the keys as lists,
  /// and the attributes are the entities' own (no key template).
  bool multi_attribute() const { return !more_partition_keys.empty() || !more_sort_keys.empty(); }
};

/// An entity inferred from sample items (items.cpp), or the one placeholder entity.
struct ImportedEntity {
  std::string name;
  /// Attribute name -> DynamoDB type, with `guessed_types` those seen in only one sample.
  std::map<std::string, std::string> attributes;
  std::map<std::string, bool> guessed_types;
  /// Attribute name -> `format` read from every sample's value ("uuid": is_uuid, items.hpp).
  std::map<std::string, std::string> formats;
  /// Attributes some samples lack (and the TTL attribute the samples never showed).
  std::map<std::string, bool> optional;
  /// Attributes no sample holds that a table primary-key template can give back (`key_only`).
  std::map<std::string, bool> key_only;
  /// Key attribute name -> key template, in the order of the table's key attributes.
  std::vector<std::pair<std::string, std::string>> keys;
  /// The attribute that names the entity in its items (`kind: product`) and that value, when
  /// the items of one key shape were told apart by it (items.cpp); written as a one-value `enum`.
  std::optional<std::pair<std::string, std::string>> discriminator;
  bool inferred = false;    ///< templates inferred from samples (true) or placeholders only
  std::size_t samples = 0;  ///< items that formed this entity
  /// The entity's `# TODO` line when the source says more than samples (Workbench facets, MCP
  /// entities); empty: the line that `inferred` and `samples` tell.
  std::string todo;
};

/// An access pattern the source states (the MCP server's data model), in the model's terms.
struct ImportedPattern {
  std::string id;  ///< AP1, AP2, ... in the source's order
  std::string name;
  std::string description;
  std::string entity;
  std::string operation;  ///< GetItem, Query, Scan, PutItem, UpdateItem or DeleteItem
  std::optional<std::string> index;
  /// Key attribute -> template (equality), in the order of the table's or index's keys.
  std::vector<std::pair<std::string, std::string>> key;
  /// A sort key condition: attribute, operator (begins_with, lt, le, gt, ge, between) and
  /// its one or two bounds.
  struct Range {
    std::string attribute, op;
    std::vector<std::string> bounds;
  };
  std::optional<Range> range;
  std::vector<std::string> todos;  ///< what of the source pattern is not carried
};

/// Everything dynamodel read about one table. An unset optional is "the source does not say".
struct ImportedTable {
  std::string source_file;  ///< as given on the command line
  std::string format;       ///< describe-table, cloudformation, workbench or mcp
  std::string name;
  ImportedKey partition_key;
  std::optional<ImportedKey> sort_key;
  std::string billing_mode = "PAY_PER_REQUEST";
  std::optional<ImportedCapacity> capacity;
  std::optional<std::string> table_class;
  std::optional<std::string> stream;
  std::optional<std::string> encryption;  ///< AWS_OWNED or AWS_MANAGED
  std::optional<std::string> kms_key_arn;
  std::optional<bool> deletion_protection;
  std::optional<bool> point_in_time_recovery;
  std::optional<std::string> ttl_attribute;
  std::vector<std::pair<std::string, std::string>> tags;  ///< in the source's order
  std::vector<std::string> replicas;                      ///< Regions of a global table's other replicas
  std::vector<ImportedIndex> global_secondary_indexes;
  std::vector<ImportedIndex> local_secondary_indexes;
  /// Attribute types from the source's AttributeDefinitions.
  std::map<std::string, std::string> attribute_types;
  /// Whether the source can state TTL, PITR and tags at all (describe-table cannot).
  bool states_ttl_pitr_tags = true;
  /// What could not be read, one sentence each: rendered as `# TODO` lines of the header.
  std::vector<std::string> todos;
  std::vector<ImportedEntity> entities;
  /// The source's access patterns; empty: the template writes one placeholder pattern.
  std::vector<ImportedPattern> access_patterns;
};

/// `object[key]` when `object` is a mapping that has `key`, else `fallback`: source JSON may
/// hold any type anywhere, and this never throws.
nlohmann::json value_of(const nlohmann::json& object, const char* key, nlohmann::json fallback);

/// `value` as JSON text for a message (invalid UTF-8 replaced, never throws).
std::string shown(const nlohmann::json& value);

/// The text at `key` of `object`, `fallback` when absent; ImportError naming `where` when the
/// value is not a string.
std::string text_or(const nlohmann::json& object, const char* key, const std::string& fallback,
                    const std::string& where);

/// A KeySchema's HASH and RANGE attributes, typed from `table.attribute_types`: `elements` are
/// its (AttributeName, KeyType) pairs. ImportError naming `where` for an unknown attribute or
/// key type, or a schema without its one HASH key.
std::pair<ImportedKey, std::optional<ImportedKey>> typed_key_schema(
    const std::vector<std::pair<std::string, std::string>>& elements, const ImportedTable& table,
    const std::string& where);

/// A GSI's KeySchema into `index`: one HASH and at most one RANGE attribute, or a
/// multi-attribute key of up to 4 HASH and 4 RANGE attributes (each kind in order), typed from
/// `table.attribute_types`; errors as typed_key_schema. An LSI's is typed_key_schema's.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.DesignPattern.MultiAttributeKeys.html
void set_gsi_key_schema(ImportedIndex& index, const std::vector<std::pair<std::string, std::string>>& elements,
                        const ImportedTable& table, const std::string& where);

/// The one of `names` (the source's tables) that `choice` names, or the only one when `choice`
/// is empty. ImportError listing them when there are several and no choice, or no such table;
/// `source` names the source in the message ("model", "template").
std::size_t choose_table(const std::vector<std::string>& names, const std::string& choice, const std::string& source);

/// Reads `aws dynamodb describe-table` output. Throws ImportError.
ImportedTable read_describe_table(const nlohmann::json& source);

/// Reads the AWS::DynamoDB::Table resource of a CloudFormation template (as JSON; YAML short
/// tags already turned into their `Fn::` form by parse_source). `table` picks one of several
/// tables by logical id or TableName. Throws ImportError.
ImportedTable read_cloudformation(const nlohmann::json& source, const std::string& table);

/// Reads one table of a NoSQL Workbench data model (ModelMetadata Version 1.0 to 3.0): keys,
/// indexes, capacity, and its facets as entities with key templates from their key aliases
/// and sample items (TableData); without facets, entities inferred from the table's items.
/// `table` picks one of several tables by TableName. Throws ImportError.
ImportedTable read_workbench(const nlohmann::json& source, const std::string& table);

/// Reads one table of the awslabs DynamoDB MCP server's data model (schema.json: `tables` with
/// `table_config`, `gsi_list` and `entities` with key templates, GSI mappings and access
/// patterns). `table` picks one of several tables by table_name. Throws ImportError.
ImportedTable read_mcp(const nlohmann::json& source, const std::string& table);

/// Parses `text` as JSON, or else as YAML (short-form tags such as `!Sub` become `{"Fn::Sub":
/// ...}`, `!Ref` becomes `{"Ref": ...}`). Throws ImportError naming `file` when neither parses.
nlohmann::json parse_source(const std::string& text, const std::string& file);

/// `describe-table`, `cloudformation`, `workbench` or `mcp` from the content; throws
/// ImportError when none fits.
std::string detect_format(const nlohmann::json& source);

/// Fills `table.entities` from `aws dynamodb scan` output (items.cpp); without items (null
/// json), one entity whose keys are the key attributes' sole placeholders. Throws ImportError.
void infer_entities(ImportedTable& table, const nlohmann::json& scan);

/// The view of the model template `import/model.yaml.mustache`.
nlohmann::json model_view(const ImportedTable& table);

}  // namespace dynamodel::import
