// `dynamodel import --from cloudformation`: the AWS::DynamoDB::Table (with its autoscaling) or
// AWS::DynamoDB::GlobalTable resource of a template, in JSON or YAML (source.cpp has read the
// YAML short-form tags as their `Fn::` form).
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "import/imported.hpp"

namespace dynamodel::import {
namespace {

using nlohmann::json;

/// An intrinsic function: a one-key object whose key is `Ref` or starts with `Fn::`.
bool is_intrinsic(const json& value) {
  if (!value.is_object() || value.size() != 1) return false;
  const auto& key = value.begin().key();
  return key == "Ref" || key.rfind("Fn::", 0) == 0;
}

/// Reads template values, resolving `Ref` and `Fn::Sub` of parameters to their defaults, and
/// records in `todos` each property it had to resolve or could not read.
class Reader {
 public:
  Reader(json parameters, std::vector<std::string>& todos) : parameters_(std::move(parameters)), todos_(todos) {}

  /// The text of `value` at `where`; nullopt (and a TODO) when an intrinsic cannot be resolved.
  std::optional<std::string> text(const json& value, const std::string& where) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number() || value.is_boolean()) return shown(value);
    if (auto joined = literal_join(value)) return joined;
    if (is_intrinsic(value)) {
      if (auto resolved = resolve(value)) {
        todos_.push_back(where + " is " + shown(value) + " in the source, read with the parameters' defaults as \"" +
                         *resolved + "\"");
        return resolved;
      }
      todos_.push_back(where + " is " + shown(value) + " in the source and could not be read: set it by hand");
      return std::nullopt;
    }
    throw ImportError(where + ": expected a text value, found " + shown(value));
  }

  std::optional<std::int64_t> count(const json& value, const std::string& where) {
    const auto t = text(value, where);
    if (!t) return std::nullopt;
    try {
      std::size_t used = 0;
      const auto n = std::stoll(*t, &used);
      if (used == t->size() && n >= 0) return n;
    } catch (const std::exception&) {  // not a number: reported below
    }
    throw ImportError(where + ": '" + *t + "' is not a whole number");
  }

  std::optional<bool> flag(const json& value, const std::string& where) {
    const auto t = text(value, where);
    if (!t) return std::nullopt;
    if (*t == "true" || *t == "True") return true;
    if (*t == "false" || *t == "False") return false;
    throw ImportError(where + ": '" + *t + "' is not true or false");
  }

 private:
  /// `Fn::Join` of plain strings (how templates write text holding `${`): the text itself.
  static std::optional<std::string> literal_join(const json& value) {
    if (!value.is_object() || value.size() != 1 || !value.contains("Fn::Join")) return std::nullopt;
    const auto& argument = value["Fn::Join"];
    if (!argument.is_array() || argument.size() != 2 || !argument[0].is_string() || !argument[1].is_array())
      return std::nullopt;
    std::string out;
    for (std::size_t i = 0; i < argument[1].size(); ++i) {
      if (!argument[1][i].is_string()) return std::nullopt;
      out += (i > 0 ? argument[0].get<std::string>() : std::string()) + argument[1][i].get<std::string>();
    }
    return out;
  }

  std::optional<std::string> parameter(const std::string& name) const {
    if (!parameters_.is_object() || !parameters_.contains(name)) return std::nullopt;
    const auto& p = parameters_[name];
    if (!p.is_object() || !p.contains("Default")) return std::nullopt;
    const auto& d = p["Default"];
    if (d.is_string()) return d.get<std::string>();
    if (d.is_number()) return shown(d);
    return std::nullopt;
  }

  std::optional<std::string> resolve(const json& value) const {
    // Not `*value.items().begin()`: that iteration proxy dies with the statement (ASan:
    // stack-use-after-scope).
    const auto it = value.begin();
    const std::string& key = it.key();
    const json& argument = it.value();
    if (key == "Ref" && argument.is_string()) return parameter(argument.get<std::string>());
    if (key != "Fn::Sub" || !argument.is_string()) return std::nullopt;
    const auto text = argument.get<std::string>();
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text.compare(i, 2, "${") != 0) {
        out += text[i];
        continue;
      }
      const auto end = text.find('}', i);
      if (end == std::string::npos) return std::nullopt;
      const auto name = text.substr(i + 2, end - i - 2);
      if (!name.empty() && name[0] == '!') {  // ${!Literal}
        out += "${" + name.substr(1) + "}";
      } else {
        auto resolved = parameter(name);
        if (!resolved) return std::nullopt;
        out += *resolved;
      }
      i = end;
    }
    return out;
  }

  const json parameters_;
  std::vector<std::string>& todos_;
};

/// A list property: the array, or an empty one when absent; ImportError when it is an
/// intrinsic (its elements cannot be read).
const json& list_at(const json& object, const char* key, const std::string& where) {
  static const json kEmpty = json::array();
  if (!object.contains(key)) return kEmpty;
  const auto& value = object[key];
  if (!value.is_array())
    throw ImportError(where + "." + key + " is " + shown(value) + ", not a list: dynamodel cannot read it");
  return value;
}

const json& object_at(const json& object, const char* key, const std::string& where) {
  static const json kEmpty = json::object();
  if (!object.contains(key)) return kEmpty;
  const auto& value = object[key];
  if (!value.is_object() || is_intrinsic(value))
    throw ImportError(where + "." + key + " is " + shown(value) + ", not a mapping: dynamodel cannot read it");
  return value;
}

/// Text that must be read: ImportError when it is an intrinsic that cannot be resolved.
std::string required_text(Reader& reader, const json& object, const char* key, const std::string& where) {
  if (!object.contains(key)) throw ImportError(where + ": " + key + " is missing");
  auto value = reader.text(object[key], where + "." + key);
  if (!value) throw ImportError(where + "." + key + " is " + shown(object[key]) + ": dynamodel cannot read it");
  return *value;
}

/// The (AttributeName, KeyType) pairs of `object`'s KeySchema.
std::vector<std::pair<std::string, std::string>> key_elements(Reader& reader, const json& object,
                                                              const std::string& where) {
  std::vector<std::pair<std::string, std::string>> elements;
  for (const auto& element : list_at(object, "KeySchema", where))
    elements.emplace_back(required_text(reader, element, "AttributeName", where + ".KeySchema"),
                          required_text(reader, element, "KeyType", where + ".KeySchema"));
  return elements;
}

std::optional<ImportedCapacity> throughput(Reader& reader, const json& object, const std::string& where) {
  if (!object.contains("ProvisionedThroughput")) return std::nullopt;
  const auto& p = object_at(object, "ProvisionedThroughput", where);
  const auto at = where + ".ProvisionedThroughput";
  const auto read = reader.count(value_of(p, "ReadCapacityUnits", json()), at + ".ReadCapacityUnits");
  const auto write = reader.count(value_of(p, "WriteCapacityUnits", json()), at + ".WriteCapacityUnits");
  if (!read || !write) return std::nullopt;
  return ImportedCapacity{*read, *write, std::nullopt};
}

/// A GSI (`global`: its key may have several attributes) or an LSI.
ImportedIndex read_index(Reader& reader, const json& index, const ImportedTable& table, const std::string& where,
                         bool global) {
  ImportedIndex out;
  out.name = required_text(reader, index, "IndexName", where);
  const auto at = where + "[" + out.name + "]";
  if (global) {
    set_gsi_key_schema(out, key_elements(reader, index, at), table, at);
  } else {
    std::tie(out.partition_key, out.sort_key) = typed_key_schema(key_elements(reader, index, at), table, at);
  }
  const auto& projection = object_at(index, "Projection", at);
  if (projection.contains("ProjectionType")) out.projection = required_text(reader, projection, "ProjectionType", at);
  if (out.projection != "ALL" && out.projection != "KEYS_ONLY" && out.projection != "INCLUDE")
    throw ImportError(at + ": ProjectionType '" + out.projection + "' is not ALL, KEYS_ONLY or INCLUDE");
  for (const auto& name : list_at(projection, "NonKeyAttributes", at + ".Projection"))
    if (auto text = reader.text(name, at + ".Projection.NonKeyAttributes")) out.non_key_attributes.push_back(*text);
  out.capacity = throughput(reader, index, at);
  return out;
}

/// The logical ids of the template's table resources, and TableName where it is plain text.
std::vector<std::pair<std::string, std::string>> tables_of(const json& resources) {
  std::vector<std::pair<std::string, std::string>> tables;
  for (const auto& [id, resource] : resources.items()) {
    if (!resource.is_object() || (value_of(resource, "Type", json()) != "AWS::DynamoDB::Table" &&
                                  value_of(resource, "Type", json()) != "AWS::DynamoDB::GlobalTable"))
      continue;
    const auto properties = value_of(resource, "Properties", json::object());
    const auto name = properties.is_object() ? value_of(properties, "TableName", json()) : json();
    tables.emplace_back(id, name.is_string() ? name.get<std::string>() : std::string());
  }
  return tables;
}

/// One read or write scalable target of the table or an index, found in the template.
struct ScalingSide {
  std::optional<std::int64_t> min, max;
  std::string target;
};

/// `70.0` -> `70`: the model's target_utilization is a percentage. ImportError for a value that
/// is not a plain decimal number.
std::string percent_text(const std::string& value, const std::string& where) {
  const auto dot = value.find('.');
  const auto digits = [](const std::string& text) {
    return !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
  };
  if (!digits(value.substr(0, dot)) || (dot != std::string::npos && !digits(value.substr(dot + 1))))
    throw ImportError(where + ": '" + value + "' is not a number");
  if (dot != std::string::npos && value.find_first_not_of('0', dot + 1) == std::string::npos)
    return value.substr(0, dot);
  return value;
}

/// The scalable targets (and their target-tracking policies) of table `id`, by index name (""
/// for the table) and `read`/`write`. A ResourceId is `table/${ID}` (Fn::Sub) or `table/NAME`,
/// with `/index/INDEX` for an index.
std::map<std::pair<std::string, std::string>, ScalingSide> scaling_of(Reader& reader, const json& resources,
                                                                      const std::string& id,
                                                                      const std::string& table_name) {
  std::map<std::string, std::pair<std::string, std::string>> targets;  // logical id -> scope
  std::map<std::pair<std::string, std::string>, ScalingSide> sides;
  for (const auto& [logical, resource] : resources.items()) {
    if (!resource.is_object() || value_of(resource, "Type", json()) != "AWS::ApplicationAutoScaling::ScalableTarget")
      continue;
    const auto properties = value_of(resource, "Properties", json::object());
    if (!properties.is_object() || value_of(properties, "ServiceNamespace", json()) != "dynamodb") continue;
    const auto rid = value_of(properties, "ResourceId", json());
    std::string text;
    if (rid.is_object() && rid.contains("Fn::Sub") && rid["Fn::Sub"].is_string()) {
      text = rid["Fn::Sub"].get<std::string>();
      const auto ref = "table/${" + id + "}";
      if (text.rfind(ref, 0) != 0) continue;
      text = text.substr(ref.size());
    } else if (rid.is_string() && rid.get<std::string>().rfind("table/" + table_name, 0) == 0) {
      text = rid.get<std::string>().substr(6 + table_name.size());
    } else {
      continue;
    }
    if (!text.empty() && text.rfind("/index/", 0) != 0) continue;
    const auto index = text.empty() ? std::string() : text.substr(7);
    const auto dimension = value_of(properties, "ScalableDimension", json()).is_string()
                               ? properties["ScalableDimension"].get<std::string>()
                               : std::string();
    const auto side = dimension.find("ReadCapacityUnits") != std::string::npos    ? "read"
                      : dimension.find("WriteCapacityUnits") != std::string::npos ? "write"
                                                                                  : "";
    if (*side == '\0') continue;
    const auto where = "Resources." + logical + ".Properties";
    auto& found = sides[{index, side}];
    found.min = reader.count(value_of(properties, "MinCapacity", json()), where + ".MinCapacity");
    found.max = reader.count(value_of(properties, "MaxCapacity", json()), where + ".MaxCapacity");
    targets[logical] = {index, side};
  }
  for (const auto& [logical, resource] : resources.items()) {
    if (!resource.is_object() || value_of(resource, "Type", json()) != "AWS::ApplicationAutoScaling::ScalingPolicy")
      continue;
    const auto properties = value_of(resource, "Properties", json::object());
    const auto target_id = properties.is_object() ? value_of(properties, "ScalingTargetId", json()) : json();
    if (!target_id.is_object() || !target_id.contains("Ref") || !target_id["Ref"].is_string()) continue;
    const auto scope = targets.find(target_id["Ref"].get<std::string>());
    if (scope == targets.end()) continue;
    const auto config = value_of(properties, "TargetTrackingScalingPolicyConfiguration", json::object());
    if (!config.is_object() || !config.contains("TargetValue")) continue;
    const auto where = "Resources." + logical + ".Properties.TargetValue";
    if (auto value = reader.text(config["TargetValue"], where))
      sides[scope->second].target = percent_text(*value, where);
  }
  return sides;
}

/// Sets the autoscaling of `capacity` (the table's, or index `index`'s) from `sides`, or
/// records why it cannot.
void apply_scaling(const std::map<std::pair<std::string, std::string>, ScalingSide>& sides, const std::string& index,
                   std::optional<ImportedCapacity>& capacity, std::vector<std::string>& todos) {
  const auto read = sides.find({index, "read"});
  const auto write = sides.find({index, "write"});
  if (read == sides.end() && write == sides.end()) return;
  const auto scope = index.empty() ? std::string("the table") : "index " + index;
  if (!capacity || read == sides.end() || write == sides.end() || !read->second.min || !read->second.max ||
      !write->second.min || !write->second.max) {
    todos.push_back("the template scales " + scope +
                    " in one direction only or without readable bounds: add capacity.autoscaling by hand");
    return;
  }
  const auto& target = read->second.target.empty() ? write->second.target : read->second.target;
  if (read->second.target != write->second.target)
    todos.push_back("the template tracks different targets for reads and writes of " + scope +
                    "; the model has one: " + (target.empty() ? "the default" : target));
  capacity->autoscaling = ImportedAutoscaling{*read->second.min, *read->second.max, *write->second.min,
                                              *write->second.max, target.empty() ? "70" : target};
}

/// Bounds and target of a GlobalTable's `*CapacityAutoScalingSettings`, as a scaling side.
ScalingSide global_side(Reader& reader, const json& settings, const std::string& where) {
  ScalingSide side;
  side.min = reader.count(value_of(settings, "MinCapacity", json()), where + ".MinCapacity");
  side.max = reader.count(value_of(settings, "MaxCapacity", json()), where + ".MaxCapacity");
  const auto config = value_of(settings, "TargetTrackingScalingPolicyConfiguration", json::object());
  if (config.is_object() && config.contains("TargetValue"))
    if (auto value = reader.text(config["TargetValue"], where + ".TargetValue"))
      side.target = percent_text(*value, where + ".TargetValue");
  return side;
}

/// Reads one side of a GlobalTable's capacity (`WriteProvisionedThroughputSettings` or a replica's
/// `ReadProvisionedThroughputSettings`) into `sides` and returns the units the model states: the
/// fixed units, or the autoscaling minimum.
std::optional<std::int64_t> global_capacity(Reader& reader, const json& settings, const char* kind,
                                            const std::string& index, const std::string& where,
                                            std::map<std::pair<std::string, std::string>, ScalingSide>& sides) {
  const std::string side = kind;
  const auto units_key = side == "read" ? "ReadCapacityUnits" : "WriteCapacityUnits";
  const auto scaling_key = side == "read" ? "ReadCapacityAutoScalingSettings" : "WriteCapacityAutoScalingSettings";
  if (!settings.is_object()) return std::nullopt;
  if (settings.contains(scaling_key)) {
    auto found = global_side(reader, settings[scaling_key], where + "." + scaling_key);
    sides[{index, side}] = found;
    return found.min;
  }
  if (settings.contains(units_key)) return reader.count(settings[units_key], where + "." + units_key);
  return std::nullopt;
}

/// Issue 16's table settings, which the model states (docs/model-format.md, "Table settings") but
/// this importer does not carry over yet: each one present under `where` is a TODO, never a
/// silent drop.
void settings_not_carried(const json& properties, const std::string& where, std::vector<std::string>& todos) {
  if (!properties.is_object()) return;
  static const std::pair<const char*, const char*> kSettings[] = {
      {"OnDemandThroughput", "on_demand_throughput"},
      {"WarmThroughput", "warm_throughput"},
      {"ContributorInsightsSpecification", "contributor_insights"},
      {"ResourcePolicy", "resource_policy"},
      {"MultiRegionConsistency", "replicas.consistency"},
      {"GlobalTableWitnesses", "replicas.witness"},
      {"ReadOnDemandThroughputSettings", "on_demand_throughput.max_read"},
      {"WriteOnDemandThroughputSettings", "on_demand_throughput.max_write"}};
  for (const auto& [property, field] : kSettings)
    if (properties.contains(property))
      todos.push_back(where + "." + property + " is not carried over yet: write `" + field + ":` in the model by hand");
  const auto pitr = value_of(properties, "PointInTimeRecoverySpecification", json::object());
  if (pitr.is_object() && pitr.contains("RecoveryPeriodInDays"))
    todos.push_back(where +
                    ".PointInTimeRecoverySpecification.RecoveryPeriodInDays is not carried over yet: write "
                    "`point_in_time_recovery: {enabled: true, recovery_period_days: N}` by hand");
}

/// A GlobalTable's Properties as a Table's: the replica in the stack's Region (`!Ref AWS::Region`,
/// else the first) gives the per-replica settings, the other Regions become `replicas`, and the
/// capacity settings become ProvisionedThroughput (the minimum where autoscaled) plus `sides`.
json table_properties_of_global(Reader& reader, const json& global, const std::string& where, ImportedTable& table,
                                std::map<std::pair<std::string, std::string>, ScalingSide>& sides) {
  json properties = global;
  const auto& replicas = list_at(global, "Replicas", where);
  if (replicas.empty()) throw ImportError(where + ".Replicas is empty: a global table has at least one replica");
  std::size_t home = 0;
  for (std::size_t i = 0; i < replicas.size(); ++i)
    if (replicas[i].is_object() && value_of(replicas[i], "Region", json()) == json{{"Ref", "AWS::Region"}}) home = i;
  if (value_of(replicas[home], "Region", json()) != json{{"Ref", "AWS::Region"}})
    table.todos.emplace_back(
        "no replica is in the stack's Region (!Ref AWS::Region): the first replica's Region is "
        "taken as the table's own, the others as replicas");
  for (std::size_t i = 0; i < replicas.size(); ++i) {
    if (i == home) continue;
    if (auto region = reader.text(value_of(replicas[i], "Region", json()), where + ".Replicas.Region"))
      table.replicas.push_back(*region);
  }
  const auto& replica = replicas[home];
  if (!replica.is_object()) throw ImportError(where + ".Replicas: a replica is not a mapping");
  json replica_settings = replica;
  replica_settings.erase("PointInTimeRecoverySpecification");  // becomes the table's: reported there
  settings_not_carried(replica_settings, where + ".Replicas[" + std::to_string(home) + "]", table.todos);
  for (const auto& index : value_of(replica, "GlobalSecondaryIndexes", json::array()))
    settings_not_carried(index, where + ".Replicas[" + std::to_string(home) + "].GlobalSecondaryIndexes", table.todos);
  for (const char* key : {"TableClass", "PointInTimeRecoverySpecification", "DeletionProtectionEnabled", "Tags"})
    if (replica.contains(key)) properties[key] = replica[key];
  const auto replica_sse = value_of(replica, "SSESpecification", json::object());
  if (replica_sse.is_object() && replica_sse.contains("KMSMasterKeyId") && properties.contains("SSESpecification") &&
      properties["SSESpecification"].is_object())
    properties["SSESpecification"]["KMSMasterKeyId"] = replica_sse["KMSMasterKeyId"];
  properties.erase("Replicas");
  if (value_of(properties, "BillingMode", json("PROVISIONED")) != "PROVISIONED") return properties;

  const auto capacity = [&](const json& write_settings, const json& read_settings, const std::string& index,
                            const std::string& at) {
    const auto write =
        global_capacity(reader, write_settings, "write", index, at + ".WriteProvisionedThroughputSettings", sides);
    const auto read =
        global_capacity(reader, read_settings, "read", index, at + ".ReadProvisionedThroughputSettings", sides);
    if (!read || !write) throw ImportError(at + ": a PROVISIONED global table needs read and write capacity settings");
    return json{{"ReadCapacityUnits", *read}, {"WriteCapacityUnits", *write}};
  };
  properties["ProvisionedThroughput"] =
      capacity(value_of(global, "WriteProvisionedThroughputSettings", json()),
               value_of(replica, "ReadProvisionedThroughputSettings", json()), "", where);
  auto& indexes = properties["GlobalSecondaryIndexes"];
  if (!indexes.is_array()) indexes = json::array();
  for (auto& index : indexes) {
    if (!index.is_object() || !index.contains("IndexName") || !index["IndexName"].is_string()) continue;
    const auto name = index["IndexName"].get<std::string>();
    json read_settings;
    for (const auto& replica_index : value_of(replica, "GlobalSecondaryIndexes", json::array()))
      if (replica_index.is_object() && value_of(replica_index, "IndexName", json()) == name)
        read_settings = value_of(replica_index, "ReadProvisionedThroughputSettings", json());
    index["ProvisionedThroughput"] = capacity(value_of(index, "WriteProvisionedThroughputSettings", json()),
                                              read_settings, name, where + ".GlobalSecondaryIndexes[" + name + "]");
  }
  table.todos.emplace_back(
      "a global table states only its autoscaling bounds: the model's read and write capacity are their minimums");
  return properties;
}

}  // namespace

ImportedTable read_cloudformation(const json& source, const std::string& table_choice) {
  if (!source.is_object() || !source.contains("Resources") || !source["Resources"].is_object())
    throw ImportError("not a CloudFormation template: there is no \"Resources\" mapping");
  const auto& resources = source["Resources"];
  const auto tables = tables_of(resources);
  if (tables.empty())
    throw ImportError("the template has no AWS::DynamoDB::Table or AWS::DynamoDB::GlobalTable resource");
  std::string chosen;
  std::string listed;
  for (const auto& [id, name] : tables) {
    listed += (listed.empty() ? "" : ", ") + id + (name.empty() ? "" : " (" + name + ")");
    if (!table_choice.empty() && (id == table_choice || name == table_choice)) chosen = id;
  }
  if (table_choice.empty() && tables.size() == 1) chosen = tables.front().first;
  if (chosen.empty()) {
    throw ImportError((table_choice.empty()
                           ? "the template has " + std::to_string(tables.size()) + " tables: choose one with --table: "
                           : "no table '" + table_choice + "' in the template; its tables: ") +
                      listed);
  }

  ImportedTable table;
  table.format = "cloudformation";
  const auto where = "Resources." + chosen + ".Properties";
  const auto& given = resources[chosen].contains("Properties") ? resources[chosen]["Properties"] : json::object();
  if (!given.is_object() || is_intrinsic(given))
    throw ImportError(where + " is " + shown(given) + ": dynamodel cannot read it");
  Reader reader(value_of(source, "Parameters", json::object()), table.todos);
  std::map<std::pair<std::string, std::string>, ScalingSide> global_sides;
  const bool global = value_of(resources[chosen], "Type", json()) == "AWS::DynamoDB::GlobalTable";
  const json properties = global ? table_properties_of_global(reader, given, where, table, global_sides) : given;

  settings_not_carried(properties, where, table.todos);
  for (const auto& index : value_of(properties, "GlobalSecondaryIndexes", json::array()))
    settings_not_carried(index, where + ".GlobalSecondaryIndexes", table.todos);

  table.name = chosen;
  if (properties.contains("TableName")) {
    if (auto name = reader.text(properties["TableName"], where + ".TableName")) table.name = *name;
  } else {
    table.todos.emplace_back(
        "the template gives no TableName (CloudFormation makes one up): the model uses the logical id");
  }
  for (const auto& d : list_at(properties, "AttributeDefinitions", where)) {
    const auto name = required_text(reader, d, "AttributeName", where + ".AttributeDefinitions");
    const auto type = required_text(reader, d, "AttributeType", where + ".AttributeDefinitions");
    if (type != "S" && type != "N" && type != "B")
      throw ImportError(where + ".AttributeDefinitions: AttributeType '" + type + "' is not S, N or B");
    table.attribute_types[name] = type;
  }
  auto [hash, range] = typed_key_schema(key_elements(reader, properties, where), table, where);
  table.partition_key = hash;
  table.sort_key = range;

  table.billing_mode = "PROVISIONED";  // CloudFormation's default
  if (properties.contains("BillingMode"))
    if (auto mode = reader.text(properties["BillingMode"], where + ".BillingMode")) table.billing_mode = *mode;
  if (table.billing_mode != "PROVISIONED" && table.billing_mode != "PAY_PER_REQUEST")
    throw ImportError(where + ".BillingMode '" + table.billing_mode + "' is neither PROVISIONED nor PAY_PER_REQUEST");
  table.capacity = throughput(reader, properties, where);
  if (table.billing_mode == "PROVISIONED" && !table.capacity)
    throw ImportError(where + ": a PROVISIONED table needs a ProvisionedThroughput dynamodel can read");
  if (table.billing_mode == "PAY_PER_REQUEST") table.capacity.reset();

  for (const auto& index : list_at(properties, "GlobalSecondaryIndexes", where))
    table.global_secondary_indexes.push_back(read_index(reader, index, table, where + ".GlobalSecondaryIndexes", true));
  for (const auto& index : list_at(properties, "LocalSecondaryIndexes", where))
    table.local_secondary_indexes.push_back(read_index(reader, index, table, where + ".LocalSecondaryIndexes", false));
  if (table.billing_mode == "PAY_PER_REQUEST")
    for (auto& index : table.global_secondary_indexes) index.capacity.reset();
  for (auto& index : table.local_secondary_indexes) index.capacity.reset();
  const auto scaling = global ? global_sides : scaling_of(reader, resources, chosen, table.name);
  apply_scaling(scaling, "", table.capacity, table.todos);
  for (auto& index : table.global_secondary_indexes) apply_scaling(scaling, index.name, index.capacity, table.todos);

  if (properties.contains("TableClass"))
    table.table_class = reader.text(properties["TableClass"], where + ".TableClass");
  const auto& stream = object_at(properties, "StreamSpecification", where);
  if (stream.contains("StreamViewType"))
    table.stream = reader.text(stream["StreamViewType"], where + ".StreamSpecification.StreamViewType");
  if (properties.contains("DeletionProtectionEnabled"))
    table.deletion_protection =
        reader.flag(properties["DeletionProtectionEnabled"], where + ".DeletionProtectionEnabled");
  const auto& pitr = object_at(properties, "PointInTimeRecoverySpecification", where);
  if (pitr.contains("PointInTimeRecoveryEnabled"))
    table.point_in_time_recovery =
        reader.flag(pitr["PointInTimeRecoveryEnabled"], where + ".PointInTimeRecoverySpecification");
  const auto& ttl = object_at(properties, "TimeToLiveSpecification", where);
  if (ttl.contains("AttributeName")) {
    const auto enabled = ttl.contains("Enabled")
                             ? reader.flag(ttl["Enabled"], where + ".TimeToLiveSpecification.Enabled")
                             : std::optional<bool>(true);
    if (enabled.value_or(false))
      table.ttl_attribute = reader.text(ttl["AttributeName"], where + ".TimeToLiveSpecification.AttributeName");
  }
  const auto& sse = object_at(properties, "SSESpecification", where);
  const auto sse_enabled = sse.contains("SSEEnabled") ? reader.flag(sse["SSEEnabled"], where + ".SSESpecification")
                                                      : std::optional<bool>(false);
  if (!sse_enabled.value_or(false)) {
    table.encryption = "AWS_OWNED";
  } else if (sse.contains("KMSMasterKeyId")) {
    // Unreadable (an intrinsic): left out, with the TODO the reader recorded.
    table.kms_key_arn = reader.text(sse["KMSMasterKeyId"], where + ".SSESpecification.KMSMasterKeyId");
  } else {
    table.encryption = "AWS_MANAGED";
  }
  for (const auto& tag : list_at(properties, "Tags", where)) {
    const auto key = reader.text(value_of(tag, "Key", json()), where + ".Tags.Key");
    const auto value = reader.text(value_of(tag, "Value", json()), where + ".Tags.Value");
    if (key && value) table.tags.emplace_back(*key, *value);
  }
  return table;
}

}  // namespace dynamodel::import
