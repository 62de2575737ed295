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
#include "gen/deployed.hpp"

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

/// The entity's discriminator for consumer `c`: a required S attribute with one `enum` value
/// that no entity outside the consumer can hold (it lacks the attribute, or its `enum` leaves
/// the value out; an attribute with that name in another entity's keys may hold anything).
std::optional<ImageFilter> discriminator(const Model& m, const Entity& e, const StreamConsumer& c) {
  for (const auto& a : e.attributes) {
    if (a.type != AttributeType::S || !a.required || a.key_only || a.enum_values.size() != 1) continue;
    const std::string& value = a.enum_values.front();
    const bool unique = std::ranges::none_of(m.entities, [&](const Entity& other) {
      if (&other == &e || std::ranges::find(c.entities, other.name) != c.entities.end()) return false;
      if (other.key(a.name)) return true;
      const Attribute* o = other.attribute(a.name);
      return o && (o->enum_values.empty() || std::ranges::find(o->enum_values, value) != o->enum_values.end());
    });
    if (unique) return ImageFilter{a.name, value};
  }
  return std::nullopt;
}

bool wants(const StreamConsumer& c, StreamEvent e) {
  return c.events.empty() || std::ranges::find(c.events, e) != c.events.end();
}

/// The images the consumer's events need for an image filter that the stream view lacks.
std::vector<std::string> missing_images(const Model& m, const StreamConsumer& c) {
  const std::optional<StreamView> view = deployed_stream(m.table);
  const bool has_new = view == StreamView::NEW_IMAGE || view == StreamView::NEW_AND_OLD_IMAGES;
  const bool has_old = view == StreamView::OLD_IMAGE || view == StreamView::NEW_AND_OLD_IMAGES;
  std::vector<std::string> out;
  if (!has_new && (wants(c, StreamEvent::INSERT) || wants(c, StreamEvent::MODIFY))) out.emplace_back("NewImage");
  if (!has_old && wants(c, StreamEvent::REMOVE)) out.emplace_back("OldImage");
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
  if (filters.empty() || !shared.empty()) {
    out.reason = filters.empty()
                     ? "its primary-key templates have no literal prefix to filter on (or the keys are not strings)"
                     : "its key prefixes can start the keys of other entities too";
    out.shared_with = shared;
    if ((out.image = discriminator(m, e, c))) {
      out.missing_images = missing_images(m, c);
      out.identified = out.missing_images.empty();
    }
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
  auto add = [&out](const nlohmann::ordered_json& pattern) {
    // ASCII only (\uXXXX escapes): the text lands in YAML, HCL, TypeScript and shell. Entities
    // told apart from the others by one same condition (two entities of one consumer that share a
    // prefix) need the pattern once.
    std::string text = pattern.dump(-1, ' ', true);
    if (std::ranges::find(out.patterns, text) == out.patterns.end()) out.patterns.push_back(std::move(text));
  };
  for (const auto& ef : out.entities) {
    if (ef.image) {  // NewImage for INSERT and MODIFY, OldImage for REMOVE: one pattern each
      nlohmann::ordered_json condition = nlohmann::ordered_json::object();
      condition[ef.image->attribute] = {{"S", nlohmann::ordered_json::array({ef.image->value})}};
      for (const bool old_image : {false, true}) {
        nlohmann::ordered_json events = nlohmann::ordered_json::array();
        for (StreamEvent e : {StreamEvent::INSERT, StreamEvent::MODIFY, StreamEvent::REMOVE})
          if ((e == StreamEvent::REMOVE) == old_image && wants(c, e)) events.push_back(std::string(to_string(e)));
        if (events.empty()) continue;
        add({{"eventName", events}, {"dynamodb", {{old_image ? "OldImage" : "NewImage", condition}}}});
      }
      continue;
    }
    nlohmann::ordered_json pattern = nlohmann::ordered_json::object();
    if (!c.events.empty()) pattern["eventName"] = events_json(c);
    nlohmann::ordered_json keys = nlohmann::ordered_json::object();
    for (const auto& k : ef.keys) {
      nlohmann::ordered_json condition =
          k.exact ? nlohmann::ordered_json(k.value) : nlohmann::ordered_json{{"prefix", k.value}};
      keys[k.attribute] = {{"S", nlohmann::ordered_json::array({condition})}};
    }
    pattern["dynamodb"] = {{"Keys", keys}};
    add(pattern);
  }
  return out;
}

}  // namespace dynamodel
