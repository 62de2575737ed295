// `dynamodel import --from mcp`: the data model (schema.json) of the awslabs DynamoDB MCP server:
// tables with their entities' key templates, GSI mappings and access patterns.
#include <algorithm>
#include <cctype>
#include <set>
#include <string>

#include "import/imported.hpp"
#include "import/items.hpp"

namespace dynamodel::import {
namespace {

using nlohmann::json;

std::string required_text(const json& object, const char* key, const std::string& where) {
  const auto value = value_of(object, key, nullptr);
  if (!value.is_string()) throw ImportError(where + ": " + key + " is missing or not a string");
  return value.get<std::string>();
}

/// The MCP field type as a DynamoDB type; empty for one dynamodel does not know.
std::string field_type(const std::string& type) {
  static const std::map<std::string, std::string> kTypes = {{"string", "S"}, {"integer", "N"}, {"decimal", "N"},
                                                            {"number", "N"}, {"float", "N"},   {"boolean", "BOOL"},
                                                            {"array", "L"},  {"object", "M"},  {"binary", "B"}};
  const auto found = kTypes.find(type);
  return found == kTypes.end() ? std::string() : found->second;
}

/// `get_user_by_id` -> `getUserById`.
std::string camel_name(const std::string& name) {
  auto out = identifier(name, false, false);
  return out.empty() ? "pattern" : out;
}

/// A GSI of gsi_list; `unreadable` when its keys are lists (multi-attribute keys).
struct Gsi {
  std::string name, partition_key, sort_key;
  std::string projection = "ALL";
  std::vector<std::string> included;
  bool unreadable = false;
};

Gsi read_gsi(const json& gsi, const std::string& where) {
  Gsi out;
  out.name = required_text(gsi, "name", where);
  const auto at = where + " " + out.name;
  const auto pk = value_of(gsi, "partition_key", nullptr);
  const auto sk = value_of(gsi, "sort_key", nullptr);
  if (pk.is_array() || sk.is_array()) {
    out.unreadable = true;
    return out;
  }
  out.partition_key = required_text(gsi, "partition_key", at);
  if (!sk.is_null()) out.sort_key = required_text(gsi, "sort_key", at);
  out.projection = text_or(gsi, "projection", "ALL", at);
  if (out.projection != "ALL" && out.projection != "KEYS_ONLY" && out.projection != "INCLUDE")
    throw ImportError(at + ": projection '" + out.projection + "' is not ALL, KEYS_ONLY or INCLUDE");
  const auto included = value_of(gsi, "included_attributes", json::array());
  if (!included.is_array()) throw ImportError(at + ": included_attributes is not a list");
  for (const auto& name : included) {
    if (!name.is_string()) throw ImportError(at + ": included_attributes holds " + shown(name));
    out.included.push_back(name.get<std::string>());
  }
  return out;
}

/// An entity as the source states it: fields and key templates per key attribute.
struct Entity {
  std::string name;
  const json* source = nullptr;
  std::map<std::string, std::string> types;  ///< field -> DynamoDB type
  std::map<std::string, bool> required;
  std::string pk, sk;                                              ///< table key templates
  std::map<std::string, std::pair<std::string, std::string>> gsi;  ///< index -> (pk, sk) templates
};

/// A key attribute's type: N when some entity's template for it is one number field, else S.
std::string key_type(const std::vector<Entity>& entities, const std::string& index, bool sort) {
  for (const auto& e : entities) {
    std::string key_template = index.empty() ? (sort ? e.sk : e.pk) : "";
    if (!index.empty() && e.gsi.count(index)) key_template = sort ? e.gsi.at(index).second : e.gsi.at(index).first;
    const auto names = placeholders(key_template);
    if (names.size() == 1 && key_template == "{" + names[0] + "}" && e.types.count(names[0]) &&
        e.types.at(names[0]) == "N")
      return "N";
  }
  return "S";
}

Entity read_entity(const std::string& name, const json& e, const std::set<std::string>& gsi_names,
                   const std::string& where, std::vector<std::string>& todos) {
  Entity out;
  out.name = name;
  out.source = &e;
  const auto at = where + ".entities." + name;
  if (!e.is_object()) throw ImportError(at + " is not an object");
  const auto fields = value_of(e, "fields", json::array());
  if (!fields.is_array()) throw ImportError(at + ".fields is not a list");
  for (const auto& field : fields) {
    const auto field_name = required_text(field, "name", at + ".fields");
    const auto type_name = required_text(field, "type", at + ".fields " + field_name);
    auto type = field_type(type_name);
    if (type.empty()) {
      todos.push_back("entity " + name + ": field " + field_name + " has type '" + type_name +
                      "', which dynamodel does not know: written as S");
      type = "S";
    }
    out.types[field_name] = type;
    out.required[field_name] = value_of(field, "required", false) == true;
  }
  out.pk = required_text(e, "pk_template", at);
  if (out.pk.empty()) throw ImportError(at + ": pk_template is empty");
  const auto sk = value_of(e, "sk_template", nullptr);
  if (sk.is_array())
    throw ImportError(at + ": sk_template is a list (a multi-attribute key): dynamodel cannot read it");
  if (!sk.is_null()) out.sk = required_text(e, "sk_template", at);
  const auto mappings = value_of(e, "gsi_mappings", json::array());
  if (!mappings.is_array()) throw ImportError(at + ".gsi_mappings is not a list");
  for (const auto& mapping : mappings) {
    const auto index = required_text(mapping, "name", at + ".gsi_mappings");
    if (!gsi_names.count(index)) continue;
    const auto gsk = value_of(mapping, "sk_template", nullptr);
    out.gsi[index] = {
        required_text(mapping, "pk_template", at + ".gsi_mappings " + index),
        gsk.is_null() ? std::string() : required_text(mapping, "sk_template", at + ".gsi_mappings " + index)};
  }
  return out;
}

const std::set<std::string>& carried_operations() {
  static const std::set<std::string> kOperations = {"GetItem", "Query", "Scan", "PutItem", "UpdateItem", "DeleteItem"};
  return kOperations;
}

/// A range_condition as the model's sort key condition operator; empty when there is none.
std::string range_operator(const std::string& condition) {
  static const std::map<std::string, std::string> kOperators = {
      {"begins_with", "begins_with"}, {"between", "between"}, {">=", "ge"}, {">", "gt"}, {"<=", "le"}, {"<", "lt"}};
  const auto found = kOperators.find(condition);
  return found == kOperators.end() ? std::string() : found->second;
}

struct PatternContext {
  const ImportedTable& table;
  const std::map<std::string, const ImportedIndex*>& indexes;
  std::set<std::string>& names;
  std::vector<std::string>& todos;
};

/// One access pattern of `entity`, or nothing (and a TODO) when the model cannot state it.
std::optional<ImportedPattern> read_pattern(const json& p, const Entity& entity, PatternContext& context,
                                            const std::string& where) {
  const auto source_name = required_text(p, "name", where);
  const auto operation = required_text(p, "operation", where + " " + source_name);
  const auto at = "access pattern " + source_name + " of " + entity.name;
  if (!carried_operations().count(operation)) {
    context.todos.push_back(at + " (" + operation +
                            ") is not carried: write it as the model's operation with its actions or keys");
    return std::nullopt;
  }
  ImportedPattern out;
  out.name = camel_name(source_name);
  for (int n = 2; context.names.count(out.name); ++n) out.name = camel_name(source_name) + std::to_string(n);
  context.names.insert(out.name);
  out.description = text_or(p, "description", "", where + " " + source_name);
  out.entity = entity.name;
  out.operation = operation;
  const auto index = text_or(p, "index_name", "", where + " " + source_name);
  std::string pk_name = context.table.partition_key.name;
  std::string sk_name = context.table.sort_key ? context.table.sort_key->name : "";
  std::string pk = entity.pk;
  std::string sk = entity.sk;
  if (!index.empty()) {
    const auto found = context.indexes.find(index);
    if (found == context.indexes.end() || !entity.gsi.count(index)) {
      context.todos.push_back(at + " reads index " + index +
                              ", which the model does not have or the entity is not mapped to: not carried");
      return std::nullopt;
    }
    out.index = index;
    pk_name = found->second->partition_key.name;
    sk_name = found->second->sort_key ? found->second->sort_key->name : "";
    pk = entity.gsi.at(index).first;
    sk = entity.gsi.at(index).second;
  }
  if (operation == "Scan") return out;
  out.key.emplace_back(pk_name, pk);
  const auto condition = text_or(p, "range_condition", "", where + " " + source_name);
  if (operation != "Query") {
    if (!sk_name.empty()) out.key.emplace_back(sk_name, sk);
  } else if (!condition.empty()) {
    const auto op = range_operator(condition);
    // The condition's bounds: the parameters that are not the partition key's.
    std::vector<std::string> bounds;
    const auto in_pk = placeholders(pk);
    for (const auto& parameter : value_of(p, "parameters", json::array())) {
      const auto name = value_of(parameter, "name", nullptr);
      if (name.is_string() && std::find(in_pk.begin(), in_pk.end(), name.get<std::string>()) == in_pk.end() &&
          value_of(parameter, "type", "") != "entity")
        bounds.push_back("{" + name.get<std::string>() + "}");
    }
    const std::size_t wanted = op == "between" ? 2 : 1;
    if (op.empty() || sk_name.empty() || bounds.size() < wanted) {
      out.todos.push_back("range_condition '" + condition +
                          "' on the sort key is not carried: add the sort key condition");
    } else {
      bounds.resize(wanted);
      out.range = ImportedPattern::Range{sk_name, op, bounds};
    }
  }
  return out;
}

/// Adds a key template to the entity; a key attribute it already has (an index that shares the
/// table's key attribute) keeps its first template, and a different one is a TODO.
void add_key(ImportedEntity& entity, const std::string& name, const std::string& key_template,
             std::vector<std::string>& todos) {
  for (const auto& [have, existing] : entity.keys) {
    if (have != name) continue;
    if (existing != key_template)
      todos.push_back("entity " + entity.name + " gives key attribute " + name + " two templates, '" + existing +
                      "' and '" + key_template + "': the first is written");
    return;
  }
  entity.keys.emplace_back(name, key_template);
}

}  // namespace

ImportedTable read_mcp(const json& source, const std::string& choice) {
  if (!source.is_object() || !source.contains("tables") || !source["tables"].is_array())
    throw ImportError("not an MCP server data model: there is no \"tables\" list");
  const auto& tables = source["tables"];
  std::vector<std::string> names;
  for (std::size_t i = 0; i < tables.size(); ++i)
    names.push_back(required_text(value_of(tables[i], "table_config", nullptr), "table_name",
                                  "tables[" + std::to_string(i) + "].table_config"));
  const auto chosen = choose_table(names, choice, "data model");
  const auto& t = tables[chosen];
  const auto where = "tables[" + std::to_string(chosen) + "] (" + names[chosen] + ")";
  const auto& config = t["table_config"];

  ImportedTable table;
  table.format = "mcp";
  table.name = names[chosen];
  table.states_ttl_pitr_tags = false;
  const auto pk_name = required_text(config, "partition_key", where + ".table_config");
  const auto sk_value = value_of(config, "sort_key", nullptr);
  if (sk_value.is_array() || value_of(config, "partition_key", nullptr).is_array())
    throw ImportError(where + ".table_config: a multi-attribute table key: dynamodel cannot read it");
  const auto sk_name = sk_value.is_null() ? std::string() : required_text(config, "sort_key", where + ".table_config");

  std::vector<Gsi> gsis;
  const auto gsi_list = value_of(t, "gsi_list", json::array());
  if (!gsi_list.is_array()) throw ImportError(where + ".gsi_list is not a list");
  std::set<std::string> gsi_names;
  for (const auto& gsi : gsi_list) {
    gsis.push_back(read_gsi(gsi, where + ".gsi_list"));
    if (gsis.back().unreadable) {
      table.todos.push_back("GSI " + gsis.back().name +
                            " has a multi-attribute key, which the model cannot state: left out, with its mappings "
                            "and access patterns");
      gsis.pop_back();
    } else {
      gsi_names.insert(gsis.back().name);
    }
  }

  const auto listed = value_of(t, "entities", json::object());
  if (!listed.is_object()) throw ImportError(where + ".entities is not an object");
  std::vector<Entity> entities;
  for (const auto& [name, e] : listed.items()) entities.push_back(read_entity(name, e, gsi_names, where, table.todos));

  table.partition_key = ImportedKey{pk_name, key_type(entities, "", false)};
  if (!sk_name.empty()) table.sort_key = ImportedKey{sk_name, key_type(entities, "", true)};
  for (const auto& gsi : gsis) {
    ImportedIndex index;
    index.name = gsi.name;
    index.partition_key = ImportedKey{gsi.partition_key, key_type(entities, gsi.name, false)};
    if (!gsi.sort_key.empty()) index.sort_key = ImportedKey{gsi.sort_key, key_type(entities, gsi.name, true)};
    index.projection = gsi.projection;
    if (gsi.projection == "INCLUDE") index.non_key_attributes = gsi.included;
    table.global_secondary_indexes.push_back(index);
  }

  for (const auto& e : entities) {
    ImportedEntity entity;
    entity.name = e.name;
    entity.keys.emplace_back(pk_name, e.pk);
    if (!sk_name.empty()) {
      if (e.sk.empty())
        table.todos.push_back("entity " + e.name + " has no sk_template: its sort key is a placeholder");
      entity.keys.emplace_back(sk_name, e.sk.empty() ? "{" + sk_name + "}" : e.sk);
    }
    for (const auto& index : table.global_secondary_indexes) {
      const auto found = e.gsi.find(index.name);
      if (found == e.gsi.end()) continue;
      add_key(entity, index.partition_key.name, found->second.first, table.todos);
      if (index.sort_key) {
        if (found->second.second.empty())
          table.todos.push_back("entity " + e.name + " maps GSI " + index.name +
                                " without sk_template: its sort key is a placeholder");
        add_key(entity, index.sort_key->name,
                found->second.second.empty() ? "{" + index.sort_key->name + "}" : found->second.second, table.todos);
      }
    }
    for (const auto& [field, type] : e.types) {
      entity.attributes[field] = type;
      entity.optional[field] = !e.required.at(field);
    }
    // Placeholders that are no field: S, or the key's type when they are the whole key.
    for (const auto& [key_name, key_template] : entity.keys)
      for (const auto& p : placeholders(key_template)) {
        if (entity.attributes.count(p)) continue;
        std::string type = "S";
        for (const auto* key : {&table.partition_key, table.sort_key ? &*table.sort_key : nullptr})
          if (key && key->name == key_name && key_template == "{" + p + "}") type = key->type;
        entity.attributes[p] = type;
        entity.optional[p] = false;
      }
    const auto entity_type = value_of(*e.source, "entity_type", nullptr);
    entity.todo = "entity " + e.name +
                  (entity_type.is_string() ? " (entity_type " + entity_type.get<std::string>() + ")" : std::string()) +
                  " from the MCP data model: add size hints (max_length) and check the key templates";
    table.entities.push_back(std::move(entity));
  }
  if (table.entities.empty()) {
    table.todos.emplace_back("the table has no entities: one placeholder entity is written");
    infer_entities(table, nullptr);
  }

  std::map<std::string, const ImportedIndex*> indexes;
  for (const auto& index : table.global_secondary_indexes) indexes[index.name] = &index;
  std::set<std::string> pattern_names;
  PatternContext context{table, indexes, pattern_names, table.todos};
  std::vector<ImportedPattern> patterns;
  for (const auto& e : entities) {
    const auto listed_patterns = value_of(*e.source, "access_patterns", json::array());
    if (!listed_patterns.is_array())
      throw ImportError(where + ".entities." + e.name + ".access_patterns is not a list");
    for (const auto& p : listed_patterns)
      if (auto pattern = read_pattern(p, e, context, where + ".entities." + e.name + ".access_patterns"))
        patterns.push_back(std::move(*pattern));
  }
  for (std::size_t i = 0; i < patterns.size(); ++i) patterns[i].id = "AP" + std::to_string(i + 1);
  table.access_patterns = std::move(patterns);
  table.todos.emplace_back(
      "the MCP data model states no billing mode, capacity, TTL, stream, encryption, point-in-time recovery or tags: "
      "on-demand is written; add what the table has");
  return table;
}

}  // namespace dynamodel::import
