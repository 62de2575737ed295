// `dynamodel import --items FILE`: entities inferred from `aws dynamodb scan` output, grouped by
// the literal prefixes of their key values, and items of one key shape split by their entity-type
// attribute (`type`, `kind`, `__typename`, ...) when they hold several values of it.
#include "import/items.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <string>

#include "import/imported.hpp"
#include "model/text.hpp"

namespace dynamodel::import {
namespace {

using nlohmann::json;

/// `{` and `}` are literal in a key template only doubled.
std::string template_text(const std::string& text) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '{' || c == '}') out += c;
  }
  return out;
}

/// `userId` from the literal word `USER` (`ORDER_ITEM` -> `orderItemId`).
std::string id_name(const std::string& word) {
  std::string out;
  bool upper = false;
  for (char c : word) {
    if (c == '_') {
      upper = !out.empty();
      continue;
    }
    const auto u = static_cast<unsigned char>(c);
    out += static_cast<char>(upper ? std::toupper(u) : std::tolower(u));
    upper = false;
  }
  return out + "Id";
}

/// The placeholder that stands for a whole key value: the key attribute's name without the
/// braces a placeholder cannot hold.
std::string whole_value_placeholder(const std::string& key_name) {
  std::string out;
  for (char c : key_name)
    if (c != '{' && c != '}') out += c;
  return out.empty() ? "key" : out;
}

const std::set<std::string>& known_types() {
  static const std::set<std::string> kTypes = {"S", "N", "B", "BOOL", "NULL", "L", "M", "SS", "NS", "BS"};
  return kTypes;
}

std::vector<Sample> read_samples(const json& scan) {
  if (!scan.is_object() || !scan.contains("Items") || !scan["Items"].is_array())
    throw ImportError("not `aws dynamodb scan` output: there is no \"Items\" list");
  return read_items(scan["Items"], "Items");
}

}  // namespace

/// A scalar attribute value of DynamoDB JSON as text (S, N, or B's base64), and its type tag.
std::pair<std::string, std::string> scalar_text(const json& value) {
  if (!value.is_object() || value.size() != 1) return {"", ""};
  const auto it = value.begin();  // not `*value.items().begin()`: that proxy dies with the statement
  const std::string& type = it.key();
  const json& inner = it.value();
  if ((type == "S" || type == "N" || type == "B") && inner.is_string()) return {type, inner.get<std::string>()};
  if (type == "BOOL" && inner.is_boolean()) return {type, inner.get<bool>() ? "true" : "false"};
  return {type, ""};
}

std::vector<Sample> read_items(const json& items, const std::string& where) {
  if (!items.is_array()) throw ImportError(where + " is not a list");
  std::vector<Sample> samples;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& item = items[i];
    const auto at = where + "[" + std::to_string(i) + "]";
    if (!item.is_object()) throw ImportError(at + " is not an object");
    Sample sample;
    for (const auto& [name, value] : item.items()) {
      const auto [type, text] = scalar_text(value);
      if (!known_types().count(type))
        throw ImportError(at + "." + name + " is not DynamoDB JSON (one of S, N, B, BOOL, NULL, L, M, SS, NS, BS)");
      sample.types[name] = type;
      sample.values[name] = text;
    }
    samples.push_back(std::move(sample));
  }
  return samples;
}

std::vector<ImportedKey> key_attributes(const ImportedTable& table) {
  std::vector<ImportedKey> keys{table.partition_key};
  if (table.sort_key) keys.push_back(*table.sort_key);
  auto add = [&keys](const ImportedKey& key) {
    for (const auto& k : keys)
      if (k.name == key.name) return;
    keys.push_back(key);
  };
  for (const auto& index : table.global_secondary_indexes) {
    if (index.multi_attribute()) continue;  // the entities' own attributes, no key templates
    add(index.partition_key);
    if (index.sort_key) add(*index.sort_key);
  }
  for (const auto& index : table.local_secondary_indexes)
    if (index.sort_key) add(*index.sort_key);
  return keys;
}

namespace {

/// The entity without samples: every key attribute is its own sole placeholder.
ImportedEntity placeholder_entity(const ImportedTable& table) {
  ImportedEntity entity;
  entity.name = "Item";
  for (const auto& key : key_attributes(table)) {
    const auto name = whole_value_placeholder(key.name);
    entity.attributes[name] = key.type;
    entity.keys.emplace_back(key.name, "{" + name + "}");
  }
  // A multi-attribute GSI's key attributes are the entity's own (no key template).
  for (const auto& index : table.global_secondary_indexes) {
    if (!index.multi_attribute()) continue;
    for (const auto& key : index.more_partition_keys) entity.attributes.emplace(key.name, key.type);
    for (const auto& key : index.more_sort_keys) entity.attributes.emplace(key.name, key.type);
    entity.attributes.emplace(index.partition_key.name, index.partition_key.type);
    if (index.sort_key) entity.attributes.emplace(index.sort_key->name, index.sort_key->type);
  }
  return entity;
}

}  // namespace

std::vector<std::string> split_segments(const std::string& value) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t at = value.find('#'); at != std::string::npos; at = value.find('#', start)) {
    out.push_back(value.substr(start, at - start));
    start = at + 1;
  }
  out.push_back(value.substr(start));
  return out;
}

bool is_literal_segment(const std::string& segment) {
  if (segment.empty() || !std::isupper(static_cast<unsigned char>(segment[0]))) return false;
  for (char c : segment) {
    const auto u = static_cast<unsigned char>(c);
    if (!std::isupper(u) && !std::isdigit(u) && c != '_') return false;
  }
  return true;
}

std::string literal_prefix(const std::string& value) {
  const auto segments = split_segments(value);
  std::string prefix;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (!is_literal_segment(segments[i])) break;
    prefix += segments[i];
    if (i + 1 < segments.size()) prefix += '#';
  }
  return prefix;
}

std::string identifier(const std::string& text, bool upper_first, bool lower_rest) {
  std::string out;
  bool start = true;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (!std::isalnum(u)) {
      start = true;
      continue;
    }
    if (out.empty() && std::isdigit(u)) continue;
    if (out.empty()) {
      out += static_cast<char>(upper_first ? std::toupper(u) : std::tolower(u));
    } else {
      out += static_cast<char>(start ? std::toupper(u) : lower_rest ? std::tolower(u) : c);
    }
    start = false;
  }
  return out;
}

std::string entity_name(const std::string& prefix) {
  auto out = identifier(prefix, true, true);
  return out.empty() ? "Item" : out;
}

std::vector<std::string> placeholders(const std::string& key_template) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < key_template.size(); ++i) {
    if (key_template.compare(i, 2, "{{") == 0 || key_template.compare(i, 2, "}}") == 0) {
      ++i;
    } else if (key_template[i] == '{') {
      const auto end = key_template.find('}', i);
      if (end == std::string::npos) break;
      out.push_back(key_template.substr(i + 1, end - i - 1));
      i = end;
    }
  }
  return out;
}

std::string infer_template(const std::string& key_name, const std::vector<std::string>& values,
                           const std::vector<std::map<std::string, std::string>>& samples, bool& guessed) {
  std::vector<std::vector<std::string>> split;
  std::size_t count = 0;
  bool same_count = true;
  for (const auto& v : values) {
    split.push_back(split_segments(v));
    if (split.size() == 1) count = split.back().size();
    same_count = same_count && split.back().size() == count;
  }
  if (values.empty()) return "{" + whole_value_placeholder(key_name) + "}";
  // Segments of varying number: the common literal prefix, then one placeholder for the rest.
  if (!same_count) {
    const auto prefix = literal_prefix(values.front());
    guessed = true;
    const auto words = split_segments(prefix);
    const auto word = words.size() > 1 ? words[words.size() - 2] : std::string();
    return template_text(prefix) + "{" + (word.empty() ? whole_value_placeholder(key_name) : id_name(word)) + "}";
  }
  std::string out;
  std::set<std::string> used;
  for (std::size_t s = 0; s < count; ++s) {
    if (s > 0) out += '#';
    bool same = true;
    for (const auto& segments : split) same = same && segments[s] == split.front()[s];
    if (same && is_literal_segment(split.front()[s])) {
      out += template_text(split.front()[s]);
      continue;
    }
    // A non-key attribute equal to this segment in every sample names the placeholder.
    std::string name;
    for (const auto& [attribute, value] : samples.front()) {
      if (attribute == key_name || value != split.front()[s] || used.count(attribute) ||
          attribute.find_first_of("{}") != std::string::npos)
        continue;
      bool everywhere = true;
      for (std::size_t i = 0; i < samples.size() && everywhere; ++i) {
        const auto found = samples[i].find(attribute);
        everywhere = found != samples[i].end() && found->second == split[i][s];
      }
      if (everywhere) {
        name = attribute;
        break;
      }
    }
    if (name.empty()) {
      guessed = true;
      if (count == 1) {
        name = whole_value_placeholder(key_name);
      } else {
        // After the nearest literal word before it: `ORDER#{orderId}#{orderId2}`.
        std::size_t word = s;
        while (word > 0 && !is_literal_segment(split.front()[word - 1])) --word;
        const auto base = word > 0 ? id_name(split.front()[word - 1]) : whole_value_placeholder(key_name);
        name = word == s ? base : base + std::to_string(s - word + 1);
      }
    }
    while (used.count(name)) name += "_";
    used.insert(name);
    out += "{" + name + "}";
  }
  return out;
}

namespace {

/// Whether `name` is a conventional name of an entity-type attribute: `type`, `kind`,
/// `entityType`, ElectroDB's `__edb_e__`, AWS Amplify's `__typename`, and the like.
bool discriminator_name(const std::string& name) {
  static const std::set<std::string> kNames = {"type",       "kind",        "entity",   "entitytype", "entity_type",
                                               "_type",      "__typename",  "typename", "_et",        "__edb_e__",
                                               "recordtype", "record_type", "itemtype", "item_type",  "_entity"};
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return kNames.count(lower) > 0;
}

/// The discriminator of items that share one key shape: a string attribute of a conventional
/// name (discriminator_name) that every member holds, with two values or more; nullopt if none.
std::optional<std::string> group_discriminator(const std::vector<const Sample*>& members) {
  for (const auto& [name, type] : members.front()->types) {
    if (type != "S" || !discriminator_name(name)) continue;
    std::set<std::string> values;
    bool everywhere = true;
    for (const auto* m : members) {
      const auto t = m->types.find(name);
      everywhere = everywhere && t != m->types.end() && t->second == "S";
      if (!everywhere) break;
      values.insert(m->values.at(name));
    }
    if (everywhere && values.size() >= 2) return name;
  }
  return std::nullopt;
}

void infer_from_samples(ImportedTable& table, const std::vector<Sample>& samples) {
  if (samples.empty()) throw ImportError("the scan output holds no items to infer entities from");

  // Group by the literal prefixes of the table's key values, in order of first appearance.
  std::vector<std::pair<std::vector<std::string>, std::vector<const Sample*>>> groups;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    std::vector<std::string> prefixes;
    for (const auto* key : {&table.partition_key, table.sort_key ? &*table.sort_key : nullptr}) {
      if (!key) continue;
      const auto found = samples[i].values.find(key->name);
      if (found == samples[i].values.end())
        throw ImportError("Items[" + std::to_string(i) + "] has no key attribute " + key->name);
      prefixes.push_back(key->type == "S" ? literal_prefix(found->second) : std::string());
    }
    auto group = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == prefixes; });
    if (group == groups.end()) group = groups.insert(groups.end(), {prefixes, {}});
    group->second.push_back(&samples[i]);
  }

  // Items of one key shape that a discriminator tells apart (`kind: product`, `kind: review`)
  // are one entity per value, named after it, in order of first appearance.
  struct Group {
    std::vector<std::string> prefixes;
    std::vector<const Sample*> members;
    std::optional<std::pair<std::string, std::string>> discriminator;
  };
  std::vector<Group> split;
  for (auto& [prefixes, members] : groups) {
    const auto attribute = group_discriminator(members);
    if (!attribute) {
      split.push_back({prefixes, members, std::nullopt});
      continue;
    }
    std::vector<Group> parts;
    for (const auto* m : members) {
      const std::string& value = m->values.at(*attribute);
      auto g =
          std::find_if(parts.begin(), parts.end(), [&](const Group& x) { return x.discriminator->second == value; });
      if (g == parts.end()) g = parts.insert(parts.end(), {prefixes, {}, std::pair{*attribute, value}});
      g->members.push_back(m);
    }
    // Entities of one key prefix differ in the shape of their keys (a product's `{productId}`, a
    // review's `{productId}#{reviewId}`); values of an ordinary attribute that happens to be
    // called `type` (a payment's `type: card`) leave the key templates the same, and so do
    // entities of one key shape: those stay one entity (said by the import's TODO lines).
    const auto first = entity_from_samples(table, parts.front().members).keys;
    if (std::ranges::all_of(parts,
                            [&](const Group& g) { return entity_from_samples(table, g.members).keys == first; })) {
      split.push_back({prefixes, members, std::nullopt});
      continue;
    }
    for (auto& g : parts) split.push_back(std::move(g));
  }

  std::set<std::string> names;
  for (const auto& [prefixes, members, discriminator] : split) {
    if (discriminator) {
      auto name = entity_name(discriminator->second);
      for (int n = 2; names.count(name); ++n) name = entity_name(discriminator->second) + std::to_string(n);
      names.insert(name);
      auto entity = entity_from_samples(table, members);
      entity.name = name;
      entity.discriminator = discriminator;
      table.entities.push_back(std::move(entity));
      continue;
    }
    // The sort key's prefix names the entity when it is followed by a variable part
    // (`ORDER#{orderId}`); a constant sort key (`PROFILE`) leaves the name to the partition key.
    const auto& chosen =
        prefixes.size() > 1 && !prefixes[1].empty() && prefixes[1].back() == '#' ? prefixes[1] : prefixes[0];
    auto name = entity_name(chosen.empty() && prefixes.size() > 1 ? prefixes[1] : chosen);
    // Two entities in one partition (`PRODUCT#` with `PRODUCT` and `INVENTORY`): the sort key's
    // word tells the second apart, else a number.
    if (names.count(name) && prefixes.size() > 1) name = entity_name(prefixes[1]);
    for (int n = 2; names.count(name); ++n) name = entity_name(chosen) + std::to_string(n);
    names.insert(name);
    auto entity = entity_from_samples(table, members);
    entity.name = name;
    table.entities.push_back(std::move(entity));
  }
}

}  // namespace

bool is_uuid(const std::string& text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

ImportedEntity entity_from_samples(const ImportedTable& table, const std::vector<const Sample*>& members) {
  const auto keys = key_attributes(table);
  std::set<std::string> key_names;
  for (const auto& key : keys) key_names.insert(key.name);
  ImportedEntity entity;
  entity.inferred = true;
  entity.samples = members.size();
  // Placeholders are named after non-key attributes only: a key attribute is not an entity's.
  std::vector<std::map<std::string, std::string>> values;
  for (const auto* s : members) {
    values.push_back(s->values);
    for (const auto& key : keys) values.back().erase(key.name);
  }
  for (const auto& key : keys) {
    std::vector<std::string> key_values;
    for (const auto* s : members) {
      const auto found = s->values.find(key.name);
      if (found == s->values.end()) break;
      key_values.push_back(found->second);
    }
    // A key attribute missing from some items: the entity stays out of that (sparse) index.
    if (key_values.size() != members.size()) continue;
    bool guessed = false;
    const auto whole = whole_value_placeholder(key.name);
    auto key_template = key.type == "S" ? infer_template(key.name, key_values, values, guessed) : "{" + whole + "}";
    entity.keys.emplace_back(key.name, key_template);
    for (const auto& p : placeholders(key_template))
      if (p == whole || !members.front()->types.count(p)) entity.attributes[p] = p == whole ? key.type : "S";
  }
  for (const auto* s : members)
    for (const auto& [attribute, type] : s->types)
      if (!key_names.count(attribute) && !entity.attributes.count(attribute)) entity.attributes[attribute] = type;
  // A string attribute whose every value is a UUID (8-4-4-4-12 hexadecimal digits) is
  // `format: uuid`: its size is known, and a key template made of it holds no `#`.
  for (const auto& [attribute, type] : entity.attributes) {
    if (type != "S") continue;
    std::size_t seen = 0;
    bool uuid = true;
    for (const auto* m : members) {
      const auto v = m->values.find(attribute);
      if (v == m->values.end()) continue;
      ++seen;
      uuid = uuid && is_uuid(v->second);
    }
    if (seen > 0 && uuid) entity.formats[attribute] = "uuid";
  }
  for (const auto& [attribute, type] : entity.attributes) {
    std::size_t seen = 0;
    for (const auto* s : members) seen += s->types.count(attribute);
    entity.guessed_types[attribute] = seen == 1;
    entity.optional[attribute] = seen > 0 && seen < members.size();
  }
  std::set<std::string> stored;
  for (const auto* s : members)
    for (const auto& [attribute, type] : s->types) stored.insert(attribute);
  mark_key_only(table, entity, stored);
  return entity;
}

void mark_key_only(const ImportedTable& table, ImportedEntity& entity, const std::set<std::string>& stored) {
  const auto keys = key_attributes(table);
  for (const auto& [name, key_template] : entity.keys) {
    const bool primary = name == keys.at(0).name || (table.sort_key && name == table.sort_key->name);
    KeyTemplate parsed;
    if (!primary || parse_key_template(key_template, parsed)) continue;
    bool splittable = true;
    for (std::size_t i = 1; i < parsed.parts.size(); ++i)
      splittable = splittable && !(parsed.parts[i].placeholder && parsed.parts[i - 1].placeholder);
    if (!splittable) continue;
    for (const auto& p : parsed.placeholders())
      if (!stored.count(p) && entity.attributes.count(p)) entity.key_only[p] = true;
  }
}

void infer_entities(ImportedTable& table, const json& scan) {
  if (scan.is_null()) {
    table.entities = {placeholder_entity(table)};
  } else {
    infer_from_samples(table, read_samples(scan));
  }
  // The model states TTL per entity: an entity without the attribute would never expire.
  if (table.ttl_attribute)
    for (auto& entity : table.entities)
      if (entity.attributes.emplace(*table.ttl_attribute, "N").second) entity.optional[*table.ttl_attribute] = true;
}

}  // namespace dynamodel::import
