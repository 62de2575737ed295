// Stream-consumer filters from key templates (analysis/stream_filter.hpp). Whether a filter on
// one entity's key also matches another entity's items is the question key coverage already
// answers for Query prefixes (analysis/key_pieces.hpp: can this prefix start a value of that
// template?), asked here of the literal prefix, or of the whole template when it is constant.
#include "analysis/stream_filter.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <utility>

#include "analysis/key_pieces.hpp"

namespace dynamodel {
namespace {

/// The filter an entity's template for key attribute `key` gives: its whole value when it is
/// constant, its literal prefix otherwise; nullopt when it starts with a placeholder (nothing
/// to filter on) or the key is not a string (Lambda's prefix works on strings only).
std::optional<KeyFilter> key_filter(const Entity& e, const KeyAttribute& key) {
  const EntityKey* k = e.key(key.name);
  if (!k || key.type != AttributeType::S) return std::nullopt;
  const KeyTemplate& t = k->key_template;
  if (t.is_constant()) {
    std::string value;
    for (const auto& p : t.parts) value += p.text;
    return KeyFilter{key.name, value, true};
  }
  if (t.parts.empty() || t.parts.front().placeholder || t.parts.front().text.empty()) return std::nullopt;
  return KeyFilter{key.name, t.parts.front().text, false};
}

/// Whether filter `f` matches some item of entity `other` (conservatively: yes when `other` has
/// no template for the key).
bool matches(const KeyFilter& f, const Entity& other) {
  const EntityKey* k = other.key(f.attribute);
  if (!k) return true;
  std::vector<key_pieces::Piece> literal;
  for (unsigned char c : f.value) {
    key_pieces::Piece p;
    p.c = c;
    literal.push_back(p);
  }
  return key_pieces::intersect(literal, key_pieces::pieces_of(k->key_template, &other), !f.exact);
}

/// The entities (outside the consumer) every filter of `filters` matches.
std::vector<std::string> unexcluded(const Model& m, const Entity& e, const std::vector<KeyFilter>& filters,
                                    const StreamConsumer& c) {
  std::vector<std::string> out;
  for (const auto& other : m.entities) {
    if (&other == &e || std::ranges::find(c.entities, other.name) != c.entities.end()) continue;
    if (std::ranges::all_of(filters, [&](const KeyFilter& f) { return matches(f, other); })) out.push_back(other.name);
  }
  return out;
}

EntityFilter entity_filter(const Model& m, const StreamConsumer& c, const std::string& name) {
  EntityFilter out;
  out.entity = name;
  out.model_entity = m.entity(name);
  if (!out.model_entity) {
    out.reason = "no entity is named '" + name + "'";
    return out;
  }
  const Entity& e = *out.model_entity;
  std::vector<KeyFilter> filters;
  if (auto f = key_filter(e, m.table.partition_key)) filters.push_back(*f);
  std::vector<std::string> shared = unexcluded(m, e, filters, c);
  if (!shared.empty() && m.table.sort_key) {
    if (auto f = key_filter(e, *m.table.sort_key)) {
      filters.push_back(*f);
      shared = unexcluded(m, e, filters, c);
    }
  }
  if (filters.empty()) {
    out.reason = "its primary-key templates have no literal prefix to filter on (or the keys are not strings)";
    out.shared_with = shared;
    return out;
  }
  if (!shared.empty()) {
    out.reason = "its key prefixes can start the keys of other entities too";
    out.shared_with = shared;
    return out;
  }
  out.keys = filters;
  out.identified = true;
  return out;
}

nlohmann::ordered_json events_json(const StreamConsumer& c) {
  auto list = nlohmann::ordered_json::array();
  for (StreamEvent e : c.events) list.push_back(std::string(to_string(e)));
  return list;
}

}  // namespace

ConsumerFilter stream_filter(const Model& m, const StreamConsumer& c) {
  ConsumerFilter out;
  for (const auto& name : c.entities) {
    out.entities.push_back(entity_filter(m, c, name));
    out.complete = out.complete && out.entities.back().identified;
  }
  if (!out.complete) return out;
  if (c.entities.empty()) {
    if (!c.events.empty())
      out.patterns.push_back(nlohmann::ordered_json{{"eventName", events_json(c)}}.dump(-1, ' ', true));
    return out;
  }
  for (const auto& ef : out.entities) {
    nlohmann::ordered_json pattern = nlohmann::ordered_json::object();
    if (!c.events.empty()) pattern["eventName"] = events_json(c);
    nlohmann::ordered_json keys = nlohmann::ordered_json::object();
    for (const auto& k : ef.keys) {
      nlohmann::ordered_json condition =
          k.exact ? nlohmann::ordered_json(k.value) : nlohmann::ordered_json{{"prefix", k.value}};
      keys[k.attribute] = {{"S", nlohmann::ordered_json::array({condition})}};
    }
    pattern["dynamodb"] = {{"Keys", keys}};
    // ASCII only (\uXXXX escapes): the text lands in YAML, HCL, TypeScript and shell. Entities
    // told apart from the others by one same condition (two entities of one consumer that share a
    // prefix) need the pattern once.
    std::string text = pattern.dump(-1, ' ', true);
    if (std::ranges::find(out.patterns, text) == out.patterns.end()) out.patterns.push_back(std::move(text));
  }
  return out;
}

}  // namespace dynamodel
