// The loader's reader of `entities:`: each entity, its attributes (types, bounds, formats,
// roles), its key templates and its expected size and write rate.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "model/load_kinds.hpp"

namespace dynamodel::load {
namespace {

Attribute attribute(Reader& r, const std::string& name, const Field& in, const Location& name_loc) {
  Attribute a;
  a.name = name;
  const auto o = r.object(in, "attribute", a.source);
  if (!o) return a;
  a.source.location = name_loc;
  if (auto f = r.field(*o, "type")) r.attribute_type(*f, a.type);
  if (auto f = r.field(*o, "description")) a.description = r.string_value(*f).value_or("");
  if (auto f = r.field(*o, "required")) a.required = r.bool_value(*f).value_or(false);
  if (auto f = r.field(*o, "key_only")) a.key_only = r.bool_value(*f).value_or(false);
  auto bound = [&](std::string_view field, std::optional<std::int64_t>& out, std::int64_t min, std::int64_t max) {
    if (auto f = r.field(*o, field)) out = r.int_value(*f, min, max);
  };
  bound("max_length", a.max_length, 0, INT64_MAX);
  bound("max_bytes", a.max_bytes, 0, INT64_MAX);
  bound("max_items", a.max_items, 0, INT64_MAX);
  bound("max_digits", a.max_digits, 1, 38);
  bound("cardinality", a.cardinality, 1, INT64_MAX);
  if (auto f = r.field(*o, "enum")) {
    if (!f->node.IsSequence() || f->node.size() == 0) {
      r.invalid(*f, "expected a non-empty list of values, got " + Reader::describe(f->node));
    } else {
      std::size_t i = 0;
      for (const auto& item : f->node) {
        std::string p = f->path + "[" + std::to_string(i++) + "]";
        if (auto value = r.string_value(item, r.loc_or(item, f->at), p)) a.enum_values.push_back(*value);
      }
    }
  }
  if (auto f = r.field(*o, "format")) {
    static const std::vector<std::string_view> kFormats = {"date", "date-time", "epoch-seconds", "uuid",
                                                           "ulid", "email",     "float",         "decimal"};
    if (auto format = r.enum_value(*f, kFormats)) {
      for (AttributeFormat x :
           {AttributeFormat::date, AttributeFormat::date_time, AttributeFormat::epoch_seconds, AttributeFormat::uuid,
            AttributeFormat::ulid, AttributeFormat::email, AttributeFormat::float_, AttributeFormat::decimal})
        if (to_string(x) == *format) a.format = x;
    }
  }
  if (auto f = r.field(*o, "role")) {
    if (auto role = r.enum_value(*f, {"version", "revision", "ttl"})) {
      for (AttributeRole x : {AttributeRole::version, AttributeRole::revision, AttributeRole::ttl})
        if (to_string(x) == *role) a.role = x;
    }
  }
  return a;
}

/// One entry of `index_when:`: a condition, or `{condition: ..., share: ...}`.
IndexMembership membership(Reader& r, const std::string& index, const Field& in, const Location& name_loc) {
  IndexMembership w;
  w.index = index;
  if (!in.node.IsMap()) {
    w.source.path = in.path;
    w.source.location = name_loc;
    w.source.fields["condition"] = in.at;
    w.condition = expression(r, in);
    return w;
  }
  const auto o = r.object(in, "index_membership", w.source);
  w.source.location = name_loc;
  if (!o) return w;
  if (auto f = r.field(*o, "condition")) w.condition = expression(r, *f);
  if (auto f = r.field(*o, "share")) {
    w.share = r.number_value(*f, 0, 1);
    if (w.share && *w.share <= 0) {
      r.invalid(*f, "a share of 0 means no item enters the index: give the members' fraction (0 < share <= 1)");
      w.share.reset();
    }
  }
  return w;
}

Entity entity(Reader& r, const std::string& name, const Field& in, const Location& name_loc) {
  Entity e;
  e.name = name;
  const auto o = r.object(in, "entity", e.source);
  if (!o) return e;
  e.source.location = name_loc;  // findings about the entity point at its name
  if (auto f = r.field(*o, "description")) e.description = r.string_value(*f).value_or("");
  if (auto f = r.field(*o, "attributes")) {
    r.each_named(*f, [&](const std::string& attr_name, const Field& value, const Location& attr_loc) {
      e.attributes.push_back(attribute(r, attr_name, value, attr_loc));
    });
    if (f->node.IsMap() && f->node.size() == 0) r.invalid(*f, "an entity needs at least one attribute");
  }
  if (auto f = r.field(*o, "keys")) {
    r.each_named(*f, [&](const std::string& key_attr, const Field& value, const Location&) {
      EntityKey k;
      k.attribute = key_attr;
      if (auto text = r.string_value(value)) {
        k.key_template = r.key_template(*text, value.at, value.path);
        e.keys.push_back(std::move(k));
      }
    });
  }
  if (auto f = r.field(*o, "index_when")) {
    r.each_named(*f, [&](const std::string& index, const Field& value, const Location& index_loc) {
      e.index_when.push_back(membership(r, index, value, index_loc));
    });
  }
  if (auto f = r.field(*o, "expected")) {
    if (const auto x = r.object(*f, "expected", e.expected.source)) {
      if (auto g = r.field(*x, "items")) e.expected.items = r.int_value(*g, 0, INT64_MAX);
      if (auto g = r.field(*x, "writes_per_second")) e.expected.writes_per_second = r.number_value(*g, 0, 1e12);
      if (auto g = r.field(*x, "item_bytes")) e.expected.item_bytes = r.int_value(*g, 1, 400 * 1024);
    }
  }
  return e;
}

}  // namespace

std::vector<Entity> entities(Reader& r, const Field& in) {
  std::vector<Entity> out;
  r.each_named(in, [&](const std::string& name, const Field& value, const Location& name_loc) {
    out.push_back(entity(r, name, value, name_loc));
  });
  if (in.node.IsMap() && in.node.size() == 0) r.invalid(in, "a model needs at least one entity");
  return out;
}

}  // namespace dynamodel::load
