// The loader's YAML reader: mappings checked against model/fields.cpp, scalars, lists.
#include "model/reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "model/text.hpp"

namespace dynamodel::load {

bool Reader::has_errors() const {
  return std::ranges::any_of(diagnostics, [](const Diagnostic& d) { return d.severity == Severity::error; });
}

Location Reader::loc(const YAML::Mark& m) const {
  if (m.line < 0) return Location{file_, 0, 0};
  return Location{file_, m.line + 1, m.column + 1};
}

void Reader::report(std::string rule, const Location& where, const std::string& path, std::string message) {
  diagnostics.push_back(Diagnostic{std::move(rule), Severity::error, std::move(message), where, path, {}, {}, {}});
}

void Reader::invalid(const Location& where, const std::string& path, std::string message) {
  report("schema/invalid-value", where, path, std::move(message));
}

void Reader::missing(const Source& src, std::string_view field, std::string_view kind) {
  std::string message = "missing required field '" + std::string(field) + "' in " + std::string(kind_label(kind));
  if (field == "dynamodel" && kind == "model") message += ": add `dynamodel: 1` (the model format version) at the top";
  report("schema/missing-field", src.location, src.path_of(field), std::move(message));
}

// ---- mappings of known fields ---------------------------------------------------------

std::optional<Object> Reader::object(const Field& in, std::string_view kind, Source& src) {
  const YAML::Node& n = in.node;
  src.path = in.path;
  src.location = loc_or(n, in.at);
  if (!n.IsMap()) {
    invalid(src.location, in.path, "expected a mapping (" + std::string(kind_label(kind)) + "), got " + describe(n));
    return std::nullopt;
  }
  const auto& specs = known_fields().at(kind);
  std::vector<bool> seen(specs.size());
  auto* recorded = n.Mark().line >= 0 ? &fields_[position(n)] : nullptr;
  entries(n, in.path,
          [&](const std::string& key, const YAML::Node& value, const Location& key_loc, const std::string& field_path) {
            const auto spec = std::ranges::find(specs, key, &FieldSpec::name);
            if (spec == specs.end()) {
              std::vector<std::string_view> names;
              std::ranges::transform(specs, std::back_inserter(names), &FieldSpec::name);
              std::string message = "unknown field '" + key + "' in " + std::string(kind_label(kind));
              if (auto best = closest_match(key, names))
                message += "; did you mean '" + *best + "'?";
              else
                message += " (known fields: " + join(names) + ")";
              report("schema/unknown-field", key_loc, field_path, message);
              return;
            }
            seen[static_cast<std::size_t>(spec - specs.begin())] = true;
            src.fields[key] = loc_or(value, key_loc);
            if (recorded) recorded->emplace_back(key, value);
          });
  for (std::size_t i = 0; i < specs.size(); ++i)
    if (specs[i].required && !seen[i]) missing(src, specs[i].name, kind);
  return Object{n, &src, &specs};
}

std::optional<Field> Reader::field(const Object& o, std::string_view name) {
  YAML::Node v = value_of(o.node, name);
  if (!v) {
    if (std::ranges::find(*o.fields, name, &FieldSpec::name) == o.fields->end())
      throw std::logic_error("the loader reads field '" + std::string(name) +
                             "', which model/fields.cpp does not list");
    return std::nullopt;
  }
  return Field{v, o.source->at(name), o.source->path_of(name)};
}

YAML::Node Reader::value_of(const YAML::Node& n, std::string_view key) {
  if (n.Mark().line >= 0)
    if (const auto it = fields_.find(position(n)); it != fields_.end()) {
      for (const auto& [name, value] : it->second)
        if (name == key) return value;
      return YAML::Node(YAML::NodeType::Undefined);
    }
  if (!n.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  return n[std::string(key)];
}

std::uint64_t Reader::position(const YAML::Node& n) {
  const YAML::Mark m = n.Mark();
  return static_cast<std::uint64_t>(static_cast<std::uint32_t>(m.line)) << 32 | static_cast<std::uint32_t>(m.column);
}

std::string_view Reader::kind_label(std::string_view kind) {
  if (kind == "model") return "the model";
  if (kind == "key_attribute") return "a key attribute";
  if (kind == "gsi") return "a global secondary index";
  if (kind == "lsi") return "a local secondary index";
  if (kind == "projection_include") return "a projection";
  if (kind == "encryption_kms") return "encryption";
  if (kind == "access_pattern") return "an access pattern";
  if (kind == "action") return "a transaction action";
  if (kind == "sort_condition") return "a sort-key condition";
  if (kind == "index_membership") return "an index membership (index_when)";
  if (kind == "attribute") return "an attribute";
  if (kind == "entity") return "an entity";
  if (kind == "principal") return "a principal";
  if (kind == "stream_consumer") return "a stream consumer";
  if (kind == "alarm_override") return "an alarm override";
  if (kind == "dax") return "operations.dax";
  if (kind == "point_in_time_recovery_settings") return "point_in_time_recovery";
  if (kind == "replica_settings") return "replicas";
  return kind;
}

std::string Reader::describe(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Null:
      return "nothing (null)";
    case YAML::NodeType::Scalar:
      return (n.Tag() == "!" ? "the quoted string '" : "'") + n.Scalar() + "'";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    default:
      return "an undefined value";
  }
}

std::string Reader::join(const std::vector<std::string_view>& names) {
  std::string out;
  for (auto n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

// ---- scalars and lists ----------------------------------------------------------------

namespace {

/// A quoted scalar ("100") has the non-specific tag "!"; a plain one (100) has "?".
bool is_plain(const YAML::Node& n) { return n.Tag() != "!"; }

bool is_null_scalar(const YAML::Node& n) {
  if (n.IsNull()) return true;
  if (!n.IsScalar() || !is_plain(n)) return false;
  const auto& s = n.Scalar();
  return s == "~" || s == "null" || s == "Null" || s == "NULL";
}

std::string range(std::int64_t min, std::int64_t max) {
  if (max == INT64_MAX) return "(at least " + std::to_string(min) + ")";
  return std::to_string(min) + ".." + std::to_string(max);
}

}  // namespace

std::optional<std::string> Reader::string_value(const YAML::Node& n, const Location& where, const std::string& path) {
  visit();
  if (!n.IsScalar() || is_null_scalar(n)) {
    invalid(where, path, "expected a string, got " + describe(n));
    return std::nullopt;
  }
  return n.Scalar();
}

std::optional<bool> Reader::bool_value(const Field& f) {
  visit();
  if (f.node.IsScalar() && is_plain(f.node)) {
    const auto& s = f.node.Scalar();
    if (s == "true" || s == "True" || s == "TRUE") return true;
    if (s == "false" || s == "False" || s == "FALSE") return false;
  }
  invalid(f, "expected true or false, got " + describe(f.node));
  return std::nullopt;
}

std::optional<std::int64_t> Reader::int_value(const Field& f, std::int64_t min, std::int64_t max) {
  visit();
  if (f.node.IsScalar() && is_plain(f.node)) {
    std::string s = f.node.Scalar();
    std::erase(s, '_');
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec == std::errc() && end == s.data() + s.size() && !s.empty()) {
      if (v < min || v > max) {
        invalid(f, "value " + std::to_string(v) + " is out of range " + range(min, max));
        return std::nullopt;
      }
      return v;
    }
    if (ec == std::errc::result_out_of_range) {
      invalid(f, "value " + f.node.Scalar() + " is out of range " + range(min, max));
      return std::nullopt;
    }
  }
  invalid(f, "expected a whole number, got " + describe(f.node));
  return std::nullopt;
}

std::optional<double> Reader::number_value(const Field& f, double min, double max) {
  visit();
  if (f.node.IsScalar() && is_plain(f.node)) {
    const std::string& s = f.node.Scalar();
    double v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec == std::errc() && end == s.data() + s.size() && !s.empty() && std::isfinite(v)) {
      if (v < min || v > max) {
        std::ostringstream m;
        m << "value " << s << " is out of range " << min << ".." << max;
        invalid(f, m.str());
        return std::nullopt;
      }
      return v;
    }
  }
  invalid(f, "expected a number, got " + describe(f.node));
  return std::nullopt;
}

std::optional<std::string> Reader::enum_value(const Field& f, const std::vector<std::string_view>& choices) {
  auto s = string_value(f);
  if (!s) return std::nullopt;
  if (std::ranges::find(choices, *s) != choices.end()) return s;
  std::string message = "'" + *s + "' is not one of " + join(choices);
  if (auto best = closest_match(*s, choices)) message += "; did you mean '" + *best + "'?";
  invalid(f, message);
  return std::nullopt;
}

std::vector<std::string> Reader::string_list(const Field& f, bool non_empty, std::vector<Location>* locations) {
  std::vector<std::string> out;
  if (!f.node.IsSequence()) {
    invalid(f, "expected a list of strings, got " + describe(f.node));
    return out;
  }
  if (non_empty && f.node.size() == 0) invalid(f, "the list must not be empty");
  std::size_t i = 0;
  for (const auto& item : f.node) {
    std::string item_path = f.path + "[" + std::to_string(i++) + "]";
    const Location at = loc_or(item, f.at);
    if (auto s = string_value(item, at, item_path)) {
      out.push_back(*s);
      if (locations) locations->push_back(at);
    }
  }
  return out;
}

void Reader::attribute_type(const Field& f, AttributeType& out) {
  static const std::vector<std::string_view> kTypes = {"S", "N", "B", "BOOL", "NULL", "L", "M", "SS", "NS", "BS"};
  if (auto s = enum_value(f, kTypes)) parse_attribute_type(*s, out);
}

KeyTemplate Reader::key_template(const std::string& text, const Location& at, const std::string& path) {
  KeyTemplate t;
  t.location = at;
  if (auto error = parse_key_template(text, t)) invalid(at, path, "bad key template '" + text + "': " + *error);
  return t;
}

}  // namespace dynamodel::load
