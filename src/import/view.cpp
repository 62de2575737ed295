// The view of `templates/import/model.yaml.mustache`: the imported table as the model
// format's fields, optional ones as lists of zero or one element (the renderer is strict).
#include <cctype>
#include <string>

#include "import/imported.hpp"

namespace dynamodel::import {
namespace {

using nlohmann::json;

/// `[{"value": v}]` when `value` is set, else `[]`.
json optional_value(const std::optional<std::string>& value) {
  return value ? json::array({json{{"value", *value}}}) : json::array();
}

/// A flag for `{{{value}}}`: the text `true` or `false`.
json optional_value(const std::optional<bool>& value) {
  return value ? json::array({json{{"value", *value ? "true" : "false"}}}) : json::array();
}

json key_view(const std::optional<ImportedKey>& key) {
  return key ? json::array({json{{"name", key->name}, {"type", key->type}}}) : json::array();
}

json capacity_view(const std::optional<ImportedCapacity>& capacity) {
  if (!capacity) return json::array();
  json autoscaling = json::array();
  if (const auto& a = capacity->autoscaling)
    autoscaling.push_back(json{{"min_read", a->min_read},
                               {"max_read", a->max_read},
                               {"min_write", a->min_write},
                               {"max_write", a->max_write},
                               {"target_utilization", a->target_utilization}});
  return json::array({json{{"read", capacity->read}, {"write", capacity->write}, {"autoscaling", autoscaling}}});
}

/// `[{"name", "type", "first"}...]`: the attributes of one part of a multi-attribute key.
json key_list_view(const ImportedKey* first, const std::vector<ImportedKey>& more) {
  json out = json::array();
  if (first == nullptr) return out;
  out.push_back(json{{"name", first->name}, {"type", first->type}, {"first", true}});
  for (const auto& key : more) out.push_back(json{{"name", key.name}, {"type", key.type}, {"first", false}});
  return out;
}

json index_view(const ImportedIndex& index) {
  json names = json::array();
  for (const auto& name : index.non_key_attributes) names.push_back(json{{"value", name}});
  const bool include = index.projection == "INCLUDE";
  json multi = json::array();
  if (index.multi_attribute()) {
    const auto sort = key_list_view(index.sort_key ? &*index.sort_key : nullptr, index.more_sort_keys);
    multi.push_back(json{{"partition_keys", key_list_view(&index.partition_key, index.more_partition_keys)},
                         {"sort_key_list", sort.empty() ? json::array() : json::array({json{{"keys", sort}}})}});
  }
  return json{{"name", index.name},
              {"single_key", index.multi_attribute() ? json::array() : json::array({json::object()})},
              {"multi_key", multi},
              {"pk_name", index.partition_key.name},
              {"pk_type", index.partition_key.type},
              {"sort_key", key_view(index.sort_key)},
              {"projection_keyword", include ? json::array() : json::array({json{{"value", index.projection}}})},
              {"projection_include", include ? json::array({json{{"names", names}}}) : json::array()},
              {"capacity", capacity_view(index.capacity)}};
}

/// The model's `name` ([a-z0-9-]+) from the table name.
std::string model_name(const std::string& table_name) {
  std::string out;
  for (char c : table_name) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      out += static_cast<char>(std::tolower(u));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "imported" : out;
}

json entity_view(const ImportedEntity& entity) {
  json attributes = json::array();
  for (const auto& [name, type] : entity.attributes) {
    const auto guessed = entity.guessed_types.find(name);
    const bool one_sample = guessed != entity.guessed_types.end() && guessed->second && entity.samples > 1;
    attributes.push_back(
        json{{"name", name},
             {"type", type},
             {"required", entity.optional.count(name) && entity.optional.at(name) ? "false" : "true"},
             {"key_only", entity.key_only.count(name) > 0 && entity.key_only.at(name)},
             {"format",
              entity.formats.count(name) ? json::array({json{{"value", entity.formats.at(name)}}}) : json::array()},
             {"enum", entity.discriminator && entity.discriminator->first == name
                          ? json::array({json{{"value", entity.discriminator->second}}})
                          : json::array()},
             {"one_sample", one_sample ? json::array({json::object()}) : json::array()}});
  }
  json keys = json::array();
  for (const auto& [name, key_template] : entity.keys) keys.push_back(json{{"name", name}, {"template", key_template}});
  std::string todo = entity.todo;
  if (!todo.empty()) {
  } else if (entity.inferred) {
    todo = "key templates and types inferred from " + std::to_string(entity.samples) +
           (entity.samples == 1 ? " sample item" : " sample items") +
           "; check the placeholder names, add size hints (max_length) and mark optional attributes";
  } else {
    todo =
        "no sample items (--items): each key attribute is its own placeholder; replace this entity with the "
        "table's real entities and their key templates";
  }
  return json{
      {"name", entity.name}, {"attributes", attributes}, {"keys", keys}, {"todo", json::array({json{{"text", todo}}})}};
}

/// `[{"text": t}, ...]` for `# TODO` lines.
json todo_lines(const std::vector<std::string>& texts) {
  json out = json::array();
  for (const auto& text : texts) out.push_back(json{{"text", text}});
  return out;
}

json pattern_view(const ImportedPattern& pattern) {
  json key = json::array();
  for (const auto& [name, key_template] : pattern.key) key.push_back(json{{"name", name}, {"template", key_template}});
  json range = json::array();
  if (const auto& r = pattern.range) {
    json bounds = json::array();
    for (const auto& bound : r->bounds) bounds.push_back(json{{"value", bound}});
    const bool two = r->op == "between";
    range.push_back(json{{"name", r->attribute},
                         {"one", two ? json::array() : json::array({json{{"op", r->op}, {"value", r->bounds.at(0)}}})},
                         {"two", two ? json::array({json{{"op", r->op}, {"bounds", bounds}}}) : json::array()}});
  }
  const bool has_key = !key.empty() || !range.empty();
  return json{{"todos", todo_lines(pattern.todos)},
              {"id", pattern.id},
              {"name", pattern.name},
              {"description",
               pattern.description.empty() ? json::array() : json::array({json{{"value", pattern.description}}})},
              {"entity", pattern.entity},
              {"operation", pattern.operation},
              {"index", pattern.index ? json::array({json{{"value", *pattern.index}}}) : json::array()},
              {"has_key", has_key ? json::array({json::object()}) : json::array()},
              {"key", key},
              {"range", range}};
}

}  // namespace

json model_view(const ImportedTable& table) {
  const json todos = todo_lines(table.todos);
  json patterns = json::array();
  for (const auto& pattern : table.access_patterns) patterns.push_back(pattern_view(pattern));
  json tags = json::array();
  for (const auto& [key, value] : table.tags) tags.push_back(json{{"key", key}, {"value", value}});
  json replicas = json::array();
  for (const auto& region : table.replicas) replicas.push_back(json{{"value", region}});
  json gsis = json::array();
  for (const auto& index : table.global_secondary_indexes) gsis.push_back(index_view(index));
  json lsis = json::array();
  for (const auto& index : table.local_secondary_indexes) lsis.push_back(index_view(index));
  json entities = json::array();
  for (const auto& entity : table.entities) entities.push_back(entity_view(entity));

  // The placeholder access pattern reads the first entity by its table key.
  const auto& first = table.entities.at(0);
  json pattern_key = json::array();
  for (const auto& [name, key_template] : first.keys)
    if (name == table.partition_key.name || (table.sort_key && name == table.sort_key->name))
      pattern_key.push_back(json{{"name", name}, {"template", key_template}});

  return json{{"source", table.source_file},
              {"format", table.format},
              {"todos", todos},
              {"model_name", model_name(table.name)},
              {"description", "Imported from " + table.source_file},
              {"table_name", table.name},
              {"pk_name", table.partition_key.name},
              {"pk_type", table.partition_key.type},
              {"sort_key", key_view(table.sort_key)},
              {"billing_mode", table.billing_mode},
              {"capacity", capacity_view(table.capacity)},
              {"table_class", optional_value(table.table_class)},
              {"ttl_attribute", optional_value(table.ttl_attribute)},
              {"stream", optional_value(table.stream)},
              {"point_in_time_recovery", optional_value(table.point_in_time_recovery)},
              {"deletion_protection", optional_value(table.deletion_protection)},
              {"encryption", optional_value(table.encryption)},
              {"kms_key_arn", optional_value(table.kms_key_arn)},
              {"has_replicas", replicas.empty() ? json::array() : json::array({json::object()})},
              {"replicas", replicas},
              {"has_tags", tags.empty() ? json::array() : json::array({json::object()})},
              {"tags", tags},
              {"has_gsis", gsis.empty() ? json::array() : json::array({json::object()})},
              {"gsis", gsis},
              {"has_lsis", lsis.empty() ? json::array() : json::array({json::object()})},
              {"lsis", lsis},
              {"entities", entities},
              {"patterns", patterns},
              {"placeholder_pattern", patterns.empty() ? json::array({json::object()}) : json::array()},
              {"pattern_name", "get" + first.name},
              {"pattern_entity", first.name},
              {"pattern_key", pattern_key}};
}

}  // namespace dynamodel::import
