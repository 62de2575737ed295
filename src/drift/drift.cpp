// The comparisons of `dynamodel drift` (see drift.hpp).
#include "drift/drift.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

#include "import/items.hpp"

namespace dynamodel::drift {
namespace {

using nlohmann::json;

const RuleInfo& rule(std::string_view id) {
  for (const auto& r : drift_rules())
    if (r.id == id) return r;
  throw std::logic_error("unknown drift rule " + std::string(id));
}

/// Collects findings of the drift/* rules.
class Report {
 public:
  explicit Report(std::vector<Diagnostic>& out) : out_(out) {}
  void add(std::string_view id, const Location& where, std::string path, std::string message) {
    const auto& r = rule(id);
    out_.push_back(Diagnostic{std::string(r.id), r.severity, std::move(message), where, std::move(path), {}, {}, {}});
  }

 private:
  std::vector<Diagnostic>& out_;
};

std::string key_text(const std::string& name, std::string_view type) { return name + " (" + std::string(type) + ")"; }

std::string key_text(const std::optional<KeyAttribute>& key) {
  return key ? key_text(key->name, to_string(key->type)) : "none";
}

std::string key_text(const std::optional<import::ImportedKey>& key) {
  return key ? key_text(key->name, key->type) : "none";
}

bool same_key(const std::optional<KeyAttribute>& model, const std::optional<import::ImportedKey>& live) {
  if (model.has_value() != live.has_value()) return false;
  return !model || (model->name == live->name && to_string(model->type) == live->type);
}

/// A GSI's key schema as text: its partition-key attributes, " / ", its sort-key attributes
/// ("none" without); each "name (type)", several (a multi-attribute key) joined with ", ".
std::string gsi_key_text(const GlobalSecondaryIndex& index) {
  const auto schema = index.key_schema();
  std::string out;
  for (std::size_t i = 0; i < schema.size(); ++i) {
    const bool new_part = i == index.partition_key_count();
    out += (i == 0 ? "" : new_part ? " / " : ", ") + key_text(schema[i]->name, to_string(schema[i]->type));
  }
  return schema.size() == index.partition_key_count() ? out + " / none" : out;
}

std::string gsi_key_text(const import::ImportedIndex& index) {
  std::string out = key_text(index.partition_key.name, index.partition_key.type);
  for (const auto& key : index.more_partition_keys) out += ", " + key_text(key.name, key.type);
  out += " / " + key_text(index.sort_key);
  for (const auto& key : index.more_sort_keys) out += ", " + key_text(key.name, key.type);
  return out;
}

std::string projection_text(std::string_view type, std::vector<std::string> include) {
  std::string out(type);
  if (type != "INCLUDE") return out;
  std::sort(include.begin(), include.end());
  out += " [";
  for (std::size_t i = 0; i < include.size(); ++i) out += (i ? ", " : "") + include[i];
  return out + "]";
}

/// Capacity of the model vs the deployed one; not compared under autoscaling (it moves).
void compare_capacity(const std::optional<Capacity>& model, const std::optional<import::ImportedCapacity>& live,
                      const Location& where, const std::string& path, const std::string& what, Report& report) {
  if (!model || model->autoscaling || !live) return;
  if (model->read != live->read || model->write != live->write)
    report.add("drift/billing", where, path,
               what + " has " + std::to_string(live->read) + " RCU / " + std::to_string(live->write) +
                   " WCU deployed; the model says " + std::to_string(model->read) + " / " +
                   std::to_string(model->write));
}

void compare_keys(const Model& model, const import::ImportedTable& live, Report& report) {
  const auto& t = model.table;
  if (!same_key(t.partition_key, live.partition_key) || !same_key(t.sort_key, live.sort_key))
    report.add("drift/key-schema", t.partition_key.source.location, "table.partition_key",
               "the deployed key schema is " + key_text(live.partition_key) + " / " + key_text(live.sort_key) +
                   "; the model says " + key_text(t.partition_key) + " / " + key_text(t.sort_key));
}

/// The indexes of one kind (`kind` GSI or LSI, `field` their model field): each of the model's
/// missing or with another projection, each deployed one the model lacks; `same_index` compares
/// the rest (keys, capacity) of an index deployed under the model's name.
template <class ModelIndex, class SameIndex>
void compare_indexes(const std::string& kind, const std::string& field, const std::vector<ModelIndex>& wanted,
                     const std::vector<import::ImportedIndex>& deployed, const Model& model, Report& report,
                     SameIndex same_index) {
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    const auto& w = wanted[i];
    const auto path = "table." + field + "[" + std::to_string(i) + "]";
    const auto found = std::find_if(deployed.begin(), deployed.end(), [&w](const auto& d) { return d.name == w.name; });
    if (found == deployed.end()) {
      report.add("drift/index-missing", w.source.location, path, kind + " " + w.name + " is not deployed");
      continue;
    }
    same_index(w, *found, path);
    const auto want = projection_text(to_string(w.projection.type), w.projection.include);
    const auto got = projection_text(found->projection, found->non_key_attributes);
    if (want != got)
      report.add("drift/projection", w.projection.source.location, path + ".projection",
                 kind + " " + w.name + " projects " + got + "; the model says " + want);
  }
  for (const auto& d : deployed)
    if (std::none_of(wanted.begin(), wanted.end(), [&d](const auto& w) { return w.name == d.name; }))
      report.add("drift/index-unexpected", model.table.source.location, "table." + field,
                 kind + " " + d.name + " (" + key_text(d.partition_key) + " / " + key_text(d.sort_key) +
                     ") is deployed but not in the model");
}

void compare_gsis(const Model& model, const import::ImportedTable& live, Report& report) {
  const auto& t = model.table;
  compare_indexes("GSI", "global_secondary_indexes", t.global_secondary_indexes, live.global_secondary_indexes, model,
                  report,
                  [&](const GlobalSecondaryIndex& g, const import::ImportedIndex& found, const std::string& path) {
                    // Every attribute of a multi-attribute key, in order.
                    const auto deployed = gsi_key_text(found);
                    const auto wanted = gsi_key_text(g);
                    if (deployed != wanted)
                      report.add("drift/key-schema", g.source.location, path,
                                 "GSI " + g.name + " is deployed with keys " + deployed + "; the model says " + wanted);
                    if (t.billing_mode == BillingMode::PROVISIONED)
                      compare_capacity(g.capacity ? g.capacity : t.capacity, found.capacity, g.source.location, path,
                                       "GSI " + g.name, report);
                  });
}

void compare_lsis(const Model& model, const import::ImportedTable& live, Report& report) {
  compare_indexes("LSI", "local_secondary_indexes", model.table.local_secondary_indexes, live.local_secondary_indexes,
                  model, report,
                  [&](const LocalSecondaryIndex& l, const import::ImportedIndex& found, const std::string& path) {
                    if (!same_key(l.sort_key, found.sort_key))
                      report.add("drift/key-schema", l.source.location, path,
                                 "LSI " + l.name + " is deployed with sort key " + key_text(found.sort_key) +
                                     "; the model says " + key_text(l.sort_key));
                  });
}

void compare_settings(const Model& model, const import::ImportedTable& live, Report& report) {
  const auto& t = model.table;
  if (std::string(to_string(t.billing_mode)) != live.billing_mode) {
    report.add(
        "drift/billing", t.source.at("billing_mode"), "table.billing_mode",
        "the table is deployed " + live.billing_mode + "; the model says " + std::string(to_string(t.billing_mode)));
  } else if (t.billing_mode == BillingMode::PROVISIONED) {
    compare_capacity(t.capacity, live.capacity, t.source.at("capacity"), "table.capacity", "the table", report);
  }
  const std::string want_stream = t.stream ? std::string(to_string(*t.stream)) : "off";
  const std::string got_stream = live.stream.value_or("off");
  if (want_stream != got_stream)
    report.add("drift/stream", t.source.at("stream"), "table.stream",
               "the deployed stream is " + got_stream + "; the model says " + want_stream);
  if (live.states_ttl_pitr_tags) {
    if (t.ttl_attribute.value_or("") != live.ttl_attribute.value_or(""))
      report.add("drift/ttl", t.source.at("ttl_attribute"), "table.ttl_attribute",
                 "time to live is " + (live.ttl_attribute ? "on " + *live.ttl_attribute : std::string("off")) +
                     " deployed; the model says " + (t.ttl_attribute ? "on " + *t.ttl_attribute : std::string("off")));
  }
  if (live.point_in_time_recovery && *live.point_in_time_recovery != t.point_in_time_recovery)
    report.add("drift/point-in-time-recovery", t.source.at("point_in_time_recovery"), "table.point_in_time_recovery",
               std::string("point-in-time recovery is ") + (*live.point_in_time_recovery ? "on" : "off") +
                   " deployed; the model says " + (t.point_in_time_recovery ? "on" : "off"));
  if (live.deletion_protection && *live.deletion_protection != t.deletion_protection)
    report.add("drift/deletion-protection", t.source.at("deletion_protection"), "table.deletion_protection",
               std::string("deletion protection is ") + (*live.deletion_protection ? "on" : "off") +
                   " deployed; the model says " + (t.deletion_protection ? "on" : "off"));
  if (live.table_class && *live.table_class != to_string(t.table_class))
    report.add("drift/table-class", t.source.at("table_class"), "table.table_class",
               "the deployed table class is " + *live.table_class + "; the model says " +
                   std::string(to_string(t.table_class)));
}

/// The deployed key as the model's kind: AWS_OWNED, AWS_MANAGED or an ARN (DescribeTable
/// names the AWS managed key by its ARN too: an ARN passes for AWS_MANAGED).
void compare_encryption(const Model& model, const import::ImportedTable& live, Report& report) {
  const auto& e = model.table.encryption;
  std::string got = live.kms_key_arn ? "the KMS key " + *live.kms_key_arn : live.encryption.value_or("");
  if (got.empty()) return;
  bool same = false;
  switch (e.type) {
    case EncryptionType::AWS_OWNED:
      same = live.encryption == "AWS_OWNED";
      break;
    case EncryptionType::AWS_MANAGED:
      same = live.encryption == "AWS_MANAGED" || live.kms_key_arn.has_value();
      break;
    case EncryptionType::CUSTOMER_MANAGED:
      same = live.kms_key_arn == e.kms_key_arn;
      break;
  }
  if (!same)
    report.add("drift/encryption", model.table.encryption.source.location, "table.encryption",
               "the table is encrypted with " + got + " deployed; the model says " + std::string(to_string(e.type)) +
                   (e.kms_key_arn.empty() ? "" : " " + e.kms_key_arn));
}

void compare_tags(const Model& model, const import::ImportedTable& live, Report& report) {
  if (!live.states_ttl_pitr_tags) return;
  std::map<std::string, std::string> deployed(live.tags.begin(), live.tags.end());
  for (const auto& tag : model.table.tags) {
    const auto found = deployed.find(tag.key);
    if (found == deployed.end())
      report.add("drift/tags", tag.location, "table.tags." + tag.key, "tag " + tag.key + " is not deployed");
    else if (found->second != tag.value)
      report.add("drift/tags", tag.location, "table.tags." + tag.key,
                 "tag " + tag.key + " is '" + found->second + "' deployed; the model says '" + tag.value + "'");
    if (found != deployed.end()) deployed.erase(found);
  }
  for (const auto& [key, value] : deployed)
    report.add("drift/tags", model.table.source.at("tags"), "table.tags",
               "tag " + key + " = '" + value + "' is deployed but not in the model");
}

bool matches_from(const std::vector<TemplatePart>& parts, std::size_t part, const std::string& value, std::size_t at) {
  if (part == parts.size()) return at == value.size();
  const auto& p = parts[part];
  if (!p.placeholder)
    return value.compare(at, p.text.size(), p.text) == 0 && matches_from(parts, part + 1, value, at + p.text.size());
  for (std::size_t end = at + 1; end <= value.size(); ++end)
    if (matches_from(parts, part + 1, value, end)) return true;
  return false;
}

/// The key attribute of the table with its text in `item` ("" when absent).
std::string key_value(const json& item, const std::string& name) {
  return item.contains(name) ? import::scalar_text(item[name]).second : "";
}

/// Entity of `item`: the one whose table key templates match, the most literal text first.
const Entity* entity_of(const Model& model, const json& item) {
  const Entity* best = nullptr;
  std::size_t best_literal = 0;
  std::vector<std::string> key_names{model.table.partition_key.name};
  if (model.table.sort_key) key_names.push_back(model.table.sort_key->name);
  for (const auto& entity : model.entities) {
    bool all = true;
    std::size_t literal = 0;
    for (const auto& name : key_names) {
      const auto* key = entity.key(name);
      if (!key || !item.contains(name) || !matches_template(key->key_template, key_value(item, name))) {
        all = false;
        break;
      }
      for (const auto& part : key->key_template.parts)
        if (!part.placeholder) literal += part.text.size();
    }
    if (all && (!best || literal > best_literal)) {
      best = &entity;
      best_literal = literal;
    }
  }
  return best;
}

/// Findings of one kind grouped by (entity, attribute): count and the first item's key.
struct Group {
  std::size_t items = 0;
  std::string first_key;
  std::string detail;
  Location where;
  std::string path;
};

}  // namespace

bool matches_template(const KeyTemplate& key_template, const std::string& value) {
  return matches_from(key_template.parts, 0, value, 0);
}

std::vector<Diagnostic> compare_table(const Model& model, const import::ImportedTable& live) {
  std::vector<Diagnostic> out;
  Report report(out);
  compare_keys(model, live, report);
  compare_gsis(model, live, report);
  compare_lsis(model, live, report);
  compare_settings(model, live, report);
  compare_encryption(model, live, report);
  compare_tags(model, live, report);
  return out;
}

std::vector<Diagnostic> check_items(const Model& model, const json& scan) {
  std::vector<Diagnostic> out;
  Report report(out);
  // rule id -> "entity.attribute" -> group
  std::map<std::string, std::map<std::string, Group>> groups;
  const auto& pk = model.table.partition_key.name;
  const auto key_of = [&](const json& item) {
    std::string key = pk + "=" + key_value(item, pk);
    if (model.table.sort_key)
      key += ", " + model.table.sort_key->name + "=" + key_value(item, model.table.sort_key->name);
    return key;
  };
  const auto note = [&](const std::string& id, const std::string& name, const json& item, const Location& where,
                        const std::string& path, const std::string& detail) {
    auto& g = groups[id][name];
    if (g.items++ == 0) {
      g.first_key = key_of(item);
      g.detail = detail;
      g.where = where;
      g.path = path;
    }
  };
  for (const auto& item : import::value_of(scan, "Items", json::array())) {
    if (!item.is_object()) continue;
    const Entity* entity = entity_of(model, item);
    if (!entity) {
      note("drift/item-unknown-entity", "", item, model.table.source.location, "entities",
           "match no entity's key templates");
      continue;
    }
    for (const auto& attribute : entity->attributes) {
      if (attribute.key_only) continue;  // lives inside the keys; never an attribute of its own
      const auto where = entity->name + "." + attribute.name;
      const auto path = "entities." + entity->name + ".attributes." + attribute.name;
      if (!item.contains(attribute.name)) {
        if (attribute.required)
          note("drift/item-missing-attribute", where, item, attribute.source.location, path,
               "of " + entity->name + " lack the required attribute " + attribute.name);
        continue;
      }
      const auto type = import::scalar_text(item[attribute.name]).first;
      if (type != to_string(attribute.type))
        note("drift/item-type", where, item, attribute.source.location, path,
             "of " + entity->name + " have " + attribute.name + " of type " + type + "; the model says " +
                 std::string(to_string(attribute.type)));
    }
  }
  for (const auto& [id, by_name] : groups)
    for (const auto& [name, g] : by_name)
      report.add(id, g.where, g.path,
                 std::to_string(g.items) + (g.items == 1 ? " sampled item " : " sampled items ") + g.detail +
                     " (first: " + g.first_key + ")");
  return out;
}

}  // namespace dynamodel::drift
