// The loader's YAML reader (internal to src/model): checks mappings against the field lists of
// model/fields.cpp, reads scalars and lists, and records every finding. Each field is named once:
// field() gives its value, its location and its model path together.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "diag/diagnostic.hpp"
#include "model/fields.hpp"
#include "model/loader.hpp"
#include "model/model.hpp"

namespace dynamodel::load {

/// Aliases let a small file describe a huge tree ("billion laughs"); the walk gives up
/// after this many nodes.
inline constexpr std::size_t kMaxNodesVisited = 1'000'000;

/// Thrown by Reader::visit() past kMaxNodesVisited.
struct TooManyNodes {};

/// A value to read: the node, where it is (for findings) and its model path
/// (`table.global_secondary_indexes[0].name`).
struct Field {
  YAML::Node node;
  Location at;
  std::string path;
};

/// A mapping that Reader::object() has checked, with the Source it filled (which must
/// outlive it).
struct Object {
  YAML::Node node;
  const Source* source;
  const std::vector<FieldSpec>* fields;  ///< its kind's field list
};

/// Reads YAML nodes into values, reporting what is wrong with them to `diagnostics`.
class Reader {
 public:
  Reader(const std::string& file, RuleIds known_rule_ids) : file_(file), known_rule_ids_(known_rule_ids) {}

  std::vector<Diagnostic> diagnostics;

  bool has_errors() const;
  const FileName& file() const { return file_; }
  RuleIds known_rule_ids() const { return known_rule_ids_; }

  /// The 1-based location of a node or mark (line 0 when unknown).
  Location loc(const YAML::Node& n) const { return loc(n.Mark()); }
  Location loc(const YAML::Mark& m) const;
  /// The node's own location, or `fallback` when it has none.
  Location loc_or(const YAML::Node& n, const Location& fallback) const {
    return n.Mark().line >= 0 ? loc(n) : fallback;
  }

  void report(std::string rule, const Location& where, const std::string& path, std::string message);
  void invalid(const Location& where, const std::string& path, std::string message);
  void invalid(const Field& f, std::string message) { invalid(f.at, f.path, std::move(message)); }
  /// Reports the value of field `field` of `src` (at its location and path).
  void invalid(const Source& src, std::string_view field, std::string message) {
    invalid(src.at(field), src.path_of(field), std::move(message));
  }
  /// Reports required field `field` of `kind` as missing.
  void missing(const Source& src, std::string_view field, std::string_view kind);

  /// Counts one more node read; throws TooManyNodes past kMaxNodesVisited.
  void visit() {
    if (++visited_ > kMaxNodesVisited) throw TooManyNodes{};
  }

  // ---- mappings of known fields ----------------------------------------------------

  /// Checks that `in` is a mapping of kind `kind` (model/fields.cpp): reports unknown,
  /// duplicate and missing fields, and records in `src` its location (that of `in`), its path
  /// and each field's value location. nullopt when `in` is not a mapping.
  std::optional<Object> object(const Field& in, std::string_view kind, Source& src);

  /// Field `name` of `o` (the first, when the key is repeated): its value, the location
  /// object() recorded and its path; nullopt when absent. Throws std::logic_error when `name`
  /// is not in the field list of `o`'s kind (a reader out of step with model/fields.cpp).
  std::optional<Field> field(const Object& o, std::string_view name);
  /// Whether `o` has field `name`.
  bool has(const Object& o, std::string_view name) { return field(o, name).has_value(); }

  /// "a global secondary index" for kind "gsi".
  static std::string_view kind_label(std::string_view kind);
  /// A short description of a node for messages: "a list", "'abc'", ...
  static std::string describe(const YAML::Node& n);
  /// "a, b, c".
  static std::string join(const std::vector<std::string_view>& names);

  // ---- scalars and lists -----------------------------------------------------------

  std::optional<std::string> string_value(const YAML::Node& n, const Location& where, const std::string& path);
  std::optional<std::string> string_value(const Field& f) { return string_value(f.node, f.at, f.path); }
  std::optional<bool> bool_value(const Field& f);
  std::optional<std::int64_t> int_value(const Field& f, std::int64_t min, std::int64_t max);
  std::optional<double> number_value(const Field& f, double min, double max);
  /// A string that must be one of `choices`; reports the closest one on a typo.
  std::optional<std::string> enum_value(const Field& f, const std::vector<std::string_view>& choices);
  /// A list of strings; the location of each one read goes to `locations` when given.
  std::vector<std::string> string_list(const Field& f, bool non_empty, std::vector<Location>* locations = nullptr);
  /// An attribute type (S, N, B, ...) into `out`.
  void attribute_type(const Field& f, AttributeType& out);
  /// A key template (`USER#{userId}`); a bad one is reported.
  KeyTemplate key_template(const std::string& text, const Location& at, const std::string& path);

  /// Calls `f(item)` for each item of list `in`, each with its location and path `in[i]`.
  template <typename F>
  void each(const Field& in, F&& f) {
    if (!in.node.IsSequence()) {
      invalid(in, "expected a list, got " + describe(in.node));
      return;
    }
    std::size_t i = 0;
    for (const auto& item : in.node) {
      visit();
      f(Field{item, loc_or(item, in.at), in.path + "[" + std::to_string(i++) + "]"});
    }
  }

  /// Iterates a mapping whose keys are user-chosen names (entities, attributes, keys, tags):
  /// `f(name, value, name location)`, reporting duplicate and non-string keys.
  template <typename F>
  void each_named(const Field& in, F&& f) {
    if (!in.node.IsMap()) {
      invalid(in, "expected a mapping of names, got " + describe(in.node));
      return;
    }
    entries(in.node, in.path,
            [&](const std::string& key, const YAML::Node& value, const Location& key_loc, const std::string& p) {
              f(key, Field{value, loc_or(value, key_loc), p}, key_loc);
            });
  }

 private:
  /// Calls `f(key, value, key location, path)` for each entry of mapping `n` once per key:
  /// a non-string key is reported as an invalid value and a repeated one as a duplicate
  /// (yaml-cpp 0.7 keeps both; the first one counts).
  template <typename F>
  void entries(const YAML::Node& n, const std::string& path, F&& f) {
    std::set<std::string> seen;
    for (auto it = n.begin(); it != n.end(); ++it) {
      visit();
      const Location key_loc = loc(it->first);
      if (!it->first.IsScalar()) {
        invalid(key_loc, path, "a key must be a plain string, got " + describe(it->first));
        continue;
      }
      const std::string key = it->first.Scalar();
      const std::string key_path = path.empty() ? key : path + "." + key;
      if (!seen.insert(key).second) {
        report("schema/duplicate-key", key_loc, key_path,
               "'" + key + "' appears twice in this mapping; the first one counts, remove the other");
        continue;
      }
      f(key, it->second, key_loc, key_path);
    }
  }

  /// The value of field `key` of mapping `n` (the first, when the key is repeated), or an
  /// undefined node (false in a boolean context) when `n` has no such field or is no mapping:
  /// what `n[key]` gives on a const node. For a mapping object() has checked, from the fields
  /// it recorded: yaml-cpp 0.7 builds a std::stringstream for every lookup of an absent key
  /// (`key_to_string`, for an error message), and most optional fields are absent.
  YAML::Node value_of(const YAML::Node& n, std::string_view key);

  /// A mapping's identity: where it starts (two mappings never start at one place; an alias
  /// is the node it names).
  static std::uint64_t position(const YAML::Node& n);

  FileName file_;
  RuleIds known_rule_ids_;
  std::size_t visited_ = 0;
  /// The fields object() found in each mapping (by position), for value_of().
  std::unordered_map<std::uint64_t, std::vector<std::pair<std::string, YAML::Node>>> fields_;
};

}  // namespace dynamodel::load
