// `dynamodel import --from workbench`: a NoSQL Workbench data model (the JSON its data modeler
// exports), its facets read as entities.
#include <algorithm>
#include <cctype>
#include <set>
#include <string>

#include "import/imported.hpp"
#include "import/items.hpp"

namespace dynamodel::import {
namespace {

using nlohmann::json;

const std::set<std::string>& model_versions() {
  static const std::set<std::string> kVersions = {"1.0", "2.0", "3.0"};
  return kVersions;
}

/// The string at `key`; ImportError naming `where` when it is missing or not a string.
std::string required_text(const json& object, const char* key, const std::string& where) {
  const auto value = value_of(object, key, nullptr);
  if (!value.is_string()) throw ImportError(where + ": " + key + " is missing or not a string");
  return value.get<std::string>();
}

/// A list at `key` (empty when absent); ImportError naming `where` when it is not a list.
json list_at(const json& object, const char* key, const std::string& where) {
  auto value = value_of(object, key, json::array());
  if (!value.is_array()) throw ImportError(where + ": " + key + " is not a list");
  return value;
}

ImportedKey key_at(const json& object, const std::string& where) {
  ImportedKey key{required_text(object, "AttributeName", where), required_text(object, "AttributeType", where)};
  if (key.type != "S" && key.type != "N" && key.type != "B")
    throw ImportError(where + ": AttributeType '" + key.type + "' of a key is not S, N or B");
  return key;
}

/// KeyAttributes {PartitionKey, SortKey}.
std::pair<ImportedKey, std::optional<ImportedKey>> key_attributes_at(const json& object, const std::string& where) {
  const auto keys = value_of(object, "KeyAttributes", nullptr);
  if (!keys.is_object()) throw ImportError(where + ": KeyAttributes is missing or not an object");
  auto hash = key_at(value_of(keys, "PartitionKey", nullptr), where + ".KeyAttributes.PartitionKey");
  std::optional<ImportedKey> range;
  if (!value_of(keys, "SortKey", nullptr).is_null()) range = key_at(keys["SortKey"], where + ".KeyAttributes.SortKey");
  return {hash, range};
}

std::int64_t count_at(const json& object, const char* key, const std::string& where) {
  const auto value = value_of(object, key, nullptr);
  if (!value.is_number_integer() || value.get<std::int64_t>() < 0)
    throw ImportError(where + ": " + key + " is missing or not a whole number");
  return value.get<std::int64_t>();
}

ImportedIndex read_index(const json& index, const std::string& where) {
  ImportedIndex out;
  out.name = required_text(index, "IndexName", where);
  const auto at = where + " " + out.name;
  auto [hash, range] = key_attributes_at(index, at);
  out.partition_key = hash;
  out.sort_key = range;
  const auto projection = value_of(index, "Projection", json::object());
  out.projection = text_or(projection, "ProjectionType", "ALL", at + ".Projection");
  if (out.projection != "ALL" && out.projection != "KEYS_ONLY" && out.projection != "INCLUDE")
    throw ImportError(at + ": ProjectionType '" + out.projection + "' is not ALL, KEYS_ONLY or INCLUDE");
  for (const auto& name : list_at(projection, "NonKeyAttributes", at + ".Projection")) {
    if (!name.is_string()) throw ImportError(at + ".Projection.NonKeyAttributes holds " + shown(name));
    if (out.projection == "INCLUDE") out.non_key_attributes.push_back(name.get<std::string>());
  }
  return out;
}

/// One side's autoscaling: MinCapacity, MaxCapacity and the target value, if stated.
struct Side {
  std::int64_t min = 0, max = 0;
  std::string target;
};

std::optional<Side> scaling_side(const json& settings, const char* key, const std::string& where) {
  const auto side = value_of(settings, key, nullptr);
  if (side.is_null()) return std::nullopt;
  const auto at = where + "." + key;
  const auto request = value_of(side, "ScalableTargetRequest", json::object());
  Side out{count_at(request, "MinCapacity", at + ".ScalableTargetRequest"),
           count_at(request, "MaxCapacity", at + ".ScalableTargetRequest"), ""};
  const auto target = value_of(value_of(side, "ScalingPolicyConfiguration", json::object()), "TargetValue", nullptr);
  if (!target.is_number())
    throw ImportError(at + ".ScalingPolicyConfiguration: TargetValue is missing or not a number");
  out.target = target.is_number_integer() ? std::to_string(target.get<std::int64_t>()) : shown(target);
  if (out.target.size() > 2 && out.target.compare(out.target.size() - 2, 2, ".0") == 0)
    out.target.resize(out.target.size() - 2);
  return out;
}

void read_capacity(ImportedTable& table, const json& t, const std::string& where) {
  const auto settings = value_of(t, "ProvisionedCapacitySettings", nullptr);
  table.billing_mode = text_or(t, "BillingMode", settings.is_null() ? "PAY_PER_REQUEST" : "PROVISIONED", where);
  if (table.billing_mode != "PROVISIONED" && table.billing_mode != "PAY_PER_REQUEST")
    throw ImportError(where + ": BillingMode '" + table.billing_mode + "' is neither PROVISIONED nor PAY_PER_REQUEST");
  if (table.billing_mode != "PROVISIONED") return;
  const auto at = where + ".ProvisionedCapacitySettings";
  const auto throughput = value_of(settings, "ProvisionedThroughput", json::object());
  ImportedCapacity capacity{count_at(throughput, "ReadCapacityUnits", at + ".ProvisionedThroughput"),
                            count_at(throughput, "WriteCapacityUnits", at + ".ProvisionedThroughput"), std::nullopt};
  const auto read = scaling_side(settings, "AutoScalingRead", at);
  const auto write = scaling_side(settings, "AutoScalingWrite", at);
  if (read && write) {
    capacity.autoscaling = ImportedAutoscaling{read->min, read->max, write->min, write->max, read->target};
    if (read->target != write->target)
      table.todos.push_back("the Workbench model scales reads to " + read->target + "% and writes to " + write->target +
                            "%: the model has one target_utilization (the reads' is written)");
  } else if (read || write) {
    table.todos.emplace_back(
        "the Workbench model autoscales only one of reads and writes: the model scales both or neither, so "
        "autoscaling is left out");
  }
  table.capacity = capacity;
}

/// An entity name from a FacetName: its letters and digits, each word capitalized (`user
/// profile` -> `UserProfile`); `Facet` when none.
std::string facet_entity_name(const std::string& facet) {
  auto out = identifier(facet, true, false);
  return out.empty() ? "Facet" : out;
}

/// A placeholder name from an alias word: its letters, digits and `_`.
std::string placeholder_name(const std::string& word, const std::string& fallback) {
  std::string out;
  for (char c : word)
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') out += c;
  return out.empty() ? fallback : out;
}

bool has_marks(const std::string& alias) { return alias.find_first_of("{}<>") != std::string::npos; }

/// A key template from a key alias alone: `USER#{userId}` and `USER#<userId>` as written; in
/// Workbench's own style (`SubId#SKU`) upper-case words are literal text and the others
/// placeholders (`{SubId}#SKU`).
std::string alias_template(const std::string& alias, const std::string& key_name) {
  if (alias.empty()) return "{" + placeholder_name(key_name, "key") + "}";
  std::string out;
  if (has_marks(alias)) {
    for (char c : alias) out += c == '<' ? '{' : c == '>' ? '}' : c;
    return out;
  }
  for (const auto& word : split_segments(alias)) {
    if (!out.empty()) out += '#';
    out += is_literal_segment(word) ? word : "{" + placeholder_name(word, key_name) + "}";
  }
  return out;
}

/// The words of an alias in Workbench's style that name the placeholders of an inferred
/// template, in order: all of them when they are as many as its placeholders, else those
/// that are not upper-case words; empty when neither count fits.
std::vector<std::string> alias_names(const std::string& alias, std::size_t count, const std::string& key_name) {
  if (alias.empty() || has_marks(alias) || count == 0) return {};
  std::vector<std::string> all;
  std::vector<std::string> variable;
  for (const auto& word : split_segments(alias)) {
    all.push_back(placeholder_name(word, key_name));
    if (!is_literal_segment(word)) variable.push_back(all.back());
  }
  if (all.size() == count) return all;
  if (variable.size() == count) return variable;
  return {};
}

/// `key_template` with its placeholders renamed to `names` (as many, in order).
std::string renamed(const std::string& key_template, const std::vector<std::string>& names) {
  std::string out;
  std::size_t next = 0;
  for (std::size_t i = 0; i < key_template.size(); ++i) {
    if (key_template.compare(i, 2, "{{") == 0 || key_template.compare(i, 2, "}}") == 0) {
      out += key_template.substr(i, 2);
      ++i;
    } else if (key_template[i] == '{' && key_template.find('}', i) != std::string::npos && next < names.size()) {
      out += "{" + names[next++] + "}";
      i = key_template.find('}', i);
    } else {
      out += key_template[i];
    }
  }
  return out;
}

std::vector<std::string> text_list(const json& list, const std::string& where) {
  std::vector<std::string> out;
  for (const auto& name : list) {
    if (!name.is_string()) throw ImportError(where + " holds " + shown(name) + ", not an attribute name");
    out.push_back(name.get<std::string>());
  }
  return out;
}

/// A facet as the source states it.
struct Facet {
  std::string name;
  std::string pk_alias, sk_alias;
  std::vector<std::string> attributes;
  std::vector<Sample> own_items;       ///< the facet's TableData
  std::vector<const Sample*> samples;  ///< its own items, else the table's items that fit it
};

Facet read_facet(const json& facet, const std::string& where) {
  Facet out;
  out.name = required_text(facet, "FacetName", where);
  const auto at = where + " " + out.name;
  const auto alias = value_of(facet, "KeyAttributeAlias", json::object());
  out.pk_alias = text_or(alias, "PartitionKeyAlias", "", at + ".KeyAttributeAlias");
  out.sk_alias = text_or(alias, "SortKeyAlias", "", at + ".KeyAttributeAlias");
  out.attributes = text_list(list_at(facet, "NonKeyAttributes", at), at + ".NonKeyAttributes");
  out.own_items = read_items(list_at(facet, "TableData", at), at + ".TableData");
  for (const auto& item : out.own_items) out.samples.push_back(&item);
  return out;
}

/// How many `#`-separated segments of `value` are not upper-case words.
std::size_t variable_segments(const std::string& value) {
  std::size_t count = 0;
  for (const auto& segment : split_segments(value)) count += is_literal_segment(segment) ? 0 : 1;
  return count;
}

/// Whether `text` is a value of `key_template`: its literal pieces in order, each placeholder
/// standing for any text.
bool matches(const std::string& key_template, const std::string& text) {
  std::vector<std::string> pieces(1);
  for (std::size_t i = 0; i < key_template.size(); ++i) {
    const auto end = key_template[i] == '{' ? key_template.find('}', i) : std::string::npos;
    if (end == std::string::npos) {
      pieces.back() += key_template[i];
    } else {
      pieces.emplace_back();
      i = end;
    }
  }
  if (pieces.size() == 1) return text == pieces.front();
  if (text.compare(0, pieces.front().size(), pieces.front()) != 0) return false;
  std::size_t at = pieces.front().size();
  for (std::size_t k = 1; k + 1 < pieces.size(); ++k) {
    const auto found = text.find(pieces[k], at);
    if (found == std::string::npos) return false;
    at = found + pieces[k].size();
  }
  const auto& last = pieces.back();
  return text.size() >= at + last.size() && text.compare(text.size() - last.size(), last.size(), last) == 0;
}

/// Whether a table item fits a facet's key aliases: each string key value has as many
/// variable parts as the alias has names (an alias with `{...}` must match as a pattern).
bool fits(const Sample& item, const ImportedKey& key, const std::string& alias) {
  const auto value = item.values.find(key.name);
  if (value == item.values.end()) return false;
  if (alias.empty() || key.type != "S") return true;
  if (has_marks(alias)) return matches(alias_template(alias, key.name), value->second);
  const auto words = split_segments(alias);
  const auto variable = variable_segments(value->second);
  if (variable == words.size() || variable == variable_segments(alias)) return true;
  // Words that are the value's upper-case words written otherwise (`Profile` for `PROFILE`)
  // name no variable part.
  std::set<std::string> literal;
  for (const auto& segment : split_segments(value->second))
    if (is_literal_segment(segment)) literal.insert(segment);
  std::size_t named = 0;
  for (const auto& word : words) {
    std::string upper;
    for (char c : word) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    named += literal.count(upper) ? 0 : 1;
  }
  return variable == named;
}

/// Gives each table item to the facet it fits best (most of the facet's attributes present,
/// the first on a tie); facets with items of their own take none. Returns the items left over.
std::size_t assign_items(std::vector<Facet>& facets, const std::vector<Sample>& items, const ImportedTable& table) {
  std::size_t left = 0;
  for (const auto& item : items) {
    Facet* best = nullptr;
    std::size_t best_score = 0;
    for (auto& facet : facets) {
      if (!facet.own_items.empty() || !fits(item, table.partition_key, facet.pk_alias) ||
          (table.sort_key && !fits(item, *table.sort_key, facet.sk_alias)))
        continue;
      std::size_t score = 1;
      for (const auto& attribute : facet.attributes) score += item.types.count(attribute);
      if (score > best_score) {
        best = &facet;
        best_score = score;
      }
    }
    if (best) {
      best->samples.push_back(&item);
    } else {
      ++left;
    }
  }
  return left;
}

/// The facet's entity: key templates from its samples with the aliases' names, or from the
/// aliases alone; its attributes typed from the samples and the table's declarations.
ImportedEntity facet_entity(const ImportedTable& table, const Facet& facet,
                            const std::map<std::string, std::string>& declared) {
  const std::vector<std::pair<const ImportedKey*, std::string>> table_keys = {
      {&table.partition_key, facet.pk_alias}, {table.sort_key ? &*table.sort_key : nullptr, facet.sk_alias}};
  ImportedEntity entity;
  std::set<std::string> made_up;
  if (!facet.samples.empty()) {
    entity = entity_from_samples(table, facet.samples);
    for (const auto& [name, type] : entity.attributes) {
      bool seen = false;
      for (const auto* s : facet.samples) seen = seen || s->types.count(name);
      if (!seen) made_up.insert(name);
    }
    // The aliases name the table keys' placeholders; the same inferred names in the index keys
    // follow them.
    std::map<std::string, std::string> renames;
    for (auto& [name, key_template] : entity.keys)
      for (const auto& [key, alias] : table_keys) {
        if (!key || key->name != name || alias.empty()) continue;
        const auto before = placeholders(key_template);
        if (has_marks(alias)) {
          key_template = alias_template(alias, name);
        } else {
          const auto names = alias_names(alias, before.size(), name);
          if (!names.empty()) key_template = renamed(key_template, names);
        }
        const auto after = placeholders(key_template);
        if (after.size() == before.size())
          for (std::size_t i = 0; i < before.size(); ++i) renames.emplace(before[i], after[i]);
      }
    for (auto& [name, key_template] : entity.keys) {
      const bool table_key = name == table.partition_key.name || (table.sort_key && name == table.sort_key->name);
      if (table_key) continue;
      auto names = placeholders(key_template);
      for (auto& p : names)
        if (renames.count(p)) p = renames.at(p);
      key_template = renamed(key_template, names);
    }
  } else {
    for (const auto& [key, alias] : table_keys)
      if (key) entity.keys.emplace_back(key->name, alias_template(alias, key->name));
    const auto all = key_attributes(table);
    for (std::size_t i = table.sort_key ? 2 : 1; i < all.size(); ++i)
      if (std::find(facet.attributes.begin(), facet.attributes.end(), all[i].name) != facet.attributes.end())
        entity.keys.emplace_back(all[i].name, "{" + all[i].name + "}");
  }
  // Placeholders the samples do not show become attributes; made-up names no template uses go.
  std::set<std::string> used;
  for (const auto& [name, key_template] : entity.keys)
    for (const auto& p : placeholders(key_template)) {
      used.insert(p);
      if (entity.attributes.count(p)) continue;
      std::string type = declared.count(p) ? declared.at(p) : "S";
      for (const auto& key : key_attributes(table))
        if (key.name == name && key_template == "{" + p + "}") type = key.type;
      entity.attributes[p] = type;
      entity.optional[p] = false;
    }
  for (const auto& name : made_up)
    if (!used.count(name)) entity.attributes.erase(name);
  for (const auto& name : facet.attributes)
    if (!entity.attributes.count(name) && !used.count(name)) {
      bool key = false;
      for (const auto& k : key_attributes(table)) key = key || k.name == name;
      if (key) continue;
      entity.attributes[name] = declared.count(name) ? declared.at(name) : "S";
      entity.optional[name] = true;
    }
  // Identifiers that only the keys hold (after the renames above); no samples: no evidence.
  entity.key_only.clear();
  if (!facet.samples.empty()) {
    std::set<std::string> stored;
    for (const auto* s : facet.samples)
      for (const auto& [attribute, type] : s->types) stored.insert(attribute);
    mark_key_only(table, entity, stored);
  }
  const auto count = std::to_string(facet.samples.size());
  entity.todo = facet.samples.empty()
                    ? "facet " + facet.name +
                          " has no sample items: key templates read from its key aliases alone (upper-case "
                          "words literal, the others placeholders); check them and the attribute types"
                    : "facet " + facet.name + ": key templates inferred from its key aliases and " + count +
                          (facet.samples.size() == 1 ? " sample item" : " sample items") +
                          "; check the placeholder names, add size hints (max_length) and mark optional attributes";
  return entity;
}

}  // namespace

ImportedTable read_workbench(const json& source, const std::string& choice) {
  if (!source.is_object() || !source.contains("DataModel") || !source["DataModel"].is_array())
    throw ImportError("not a NoSQL Workbench data model: there is no \"DataModel\" list");
  const auto version = value_of(value_of(source, "ModelMetadata", json::object()), "Version", nullptr);
  if (!version.is_string() || !model_versions().count(version.get<std::string>()))
    throw ImportError("ModelMetadata.Version is " + (version.is_null() ? std::string("missing") : shown(version)) +
                      ": dynamodel reads NoSQL Workbench data models of version 1.0, 2.0 and 3.0");
  const auto& model = source["DataModel"];
  std::vector<std::string> names;
  for (std::size_t i = 0; i < model.size(); ++i)
    names.push_back(required_text(model[i], "TableName", "DataModel[" + std::to_string(i) + "]"));
  const auto chosen = choose_table(names, choice, "data model");
  const auto& t = model[chosen];
  const auto where = "DataModel[" + std::to_string(chosen) + "] (" + names[chosen] + ")";

  ImportedTable table;
  table.format = "workbench";
  table.name = names[chosen];
  auto [hash, range] = key_attributes_at(t, where);
  table.partition_key = hash;
  table.sort_key = range;
  std::map<std::string, std::string> declared;
  for (const auto& attribute : list_at(t, "NonKeyAttributes", where)) {
    const auto name = required_text(attribute, "AttributeName", where + ".NonKeyAttributes");
    declared[name] = required_text(attribute, "AttributeType", where + ".NonKeyAttributes");
  }
  declared[hash.name] = hash.type;
  if (range) declared[range->name] = range->type;
  for (const auto& index : list_at(t, "GlobalSecondaryIndexes", where))
    table.global_secondary_indexes.push_back(read_index(index, where + ".GlobalSecondaryIndexes"));
  for (const auto& index : list_at(t, "LocalSecondaryIndexes", where)) {
    table.local_secondary_indexes.push_back(read_index(index, where + ".LocalSecondaryIndexes"));
    if (table.local_secondary_indexes.back().partition_key.name != hash.name)
      throw ImportError(where + ": local secondary index " + table.local_secondary_indexes.back().name +
                        " has a partition key other than the table's");
  }
  for (const auto& index : table.global_secondary_indexes) {
    declared[index.partition_key.name] = index.partition_key.type;
    if (index.sort_key) declared[index.sort_key->name] = index.sort_key->type;
  }
  read_capacity(table, t, where);
  table.states_ttl_pitr_tags = false;

  const auto items = read_items(list_at(t, "TableData", where), where + ".TableData");
  std::vector<Facet> facets;
  const auto listed = list_at(t, "TableFacets", where);
  for (std::size_t i = 0; i < listed.size(); ++i) {
    const auto at = where + ".TableFacets[" + std::to_string(i) + "]";
    facets.push_back(read_facet(listed[i], at));
    for (std::size_t n = 0; n < facets.back().own_items.size(); ++n)
      for (const auto* key : {&table.partition_key, table.sort_key ? &*table.sort_key : nullptr})
        if (key && !facets.back().own_items[n].values.count(key->name))
          throw ImportError(at + ".TableData[" + std::to_string(n) + "] has no key attribute " + key->name);
  }
  if (facets.empty()) {
    json scan = nullptr;
    if (!items.empty()) scan = json{{"Items", t["TableData"]}};
    try {
      infer_entities(table, scan);
    } catch (const ImportError& e) {
      throw ImportError(where + ".TableData: " + e.what());
    }
  } else {
    if (const auto left = assign_items(facets, items, table))
      table.todos.push_back(std::to_string(left) + " of the table's " + std::to_string(items.size()) +
                            " sample items fit no facet's key aliases: they are left out");
    std::set<std::string> taken;
    for (const auto& facet : facets) {
      auto entity = facet_entity(table, facet, declared);
      auto name = facet_entity_name(facet.name);
      for (int n = 2; taken.count(name); ++n) name = facet_entity_name(facet.name) + std::to_string(n);
      taken.insert(name);
      entity.name = name;
      table.entities.push_back(std::move(entity));
    }
  }
  const auto access = value_of(t, "DataAccess", json::object());
  if (access.is_object() && !access.empty())
    table.todos.push_back(
        "DataAccess " + shown(access) +
        " (where the Workbench's sample data comes from) is no part of a table's design: not carried");
  table.todos.emplace_back(
      "a Workbench data model states no TTL, stream, encryption, point-in-time recovery or tags: add what the "
      "table has");
  return table;
}

}  // namespace dynamodel::import
