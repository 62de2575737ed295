// The model loader. Walks the YAML tree once, kind by kind (model/fields.cpp), and
// reports every structural problem it meets instead of stopping at the first.
#include "model/loader.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "model/fields.hpp"
#include "model/text.hpp"

namespace dynamodel {
namespace {

/// Aliases let a small file describe a huge tree ("billion laughs"); the walk gives up
/// after this many nodes.
constexpr std::size_t kMaxNodesVisited = 1'000'000;

struct TooManyNodes {};

class Loader {
 public:
  Loader(const std::string& file, RuleIds known_rule_ids) : file_(file), known_rule_ids_(known_rule_ids) {}

  std::vector<Diagnostic> diagnostics;

  bool has_errors() const {
    for (const auto& d : diagnostics)
      if (d.severity == Severity::error) return true;
    return false;
  }

  Location loc(const YAML::Node& n) const { return loc(n.Mark()); }
  Location loc(const YAML::Mark& m) const {
    if (m.line < 0) return Location{file_, 0, 0};
    return Location{file_, m.line + 1, m.column + 1};
  }

  void report(std::string rule, const Location& where, const std::string& path, std::string message) {
    diagnostics.push_back(Diagnostic{std::move(rule), Severity::error, std::move(message), where, path, {}});
  }
  void invalid(const Location& where, const std::string& path, std::string message) {
    report("schema/invalid-value", where, path, std::move(message));
  }

  void visit() {
    if (++visited_ > kMaxNodesVisited) throw TooManyNodes{};
  }

  /// The value of field `key` of mapping `n` (the first, when the key is repeated), or an
  /// undefined node (false in a boolean context) when `n` has no such field or is no mapping:
  /// what `n[key]` gives on a const node. For a mapping object() has checked, from the fields
  /// it recorded: yaml-cpp 0.7 builds a std::stringstream for every lookup of an absent key
  /// (`key_to_string`, for an error message), and most optional fields are absent.
  YAML::Node field(const YAML::Node& n, std::string_view key) {
    if (n.Mark().line >= 0)
      if (const auto it = fields_.find(position(n)); it != fields_.end()) {
        for (const auto& [name, value] : it->second)
          if (name == key) return value;
        return YAML::Node(YAML::NodeType::Undefined);
      }
    if (!n.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
    return n[std::string(key)];
  }

  /// A mapping's identity: where it starts (two mappings never start at one place; an alias
  /// is the node it names).
  static std::uint64_t position(const YAML::Node& n) {
    const YAML::Mark m = n.Mark();
    return static_cast<std::uint64_t>(static_cast<std::uint32_t>(m.line)) << 32 | static_cast<std::uint32_t>(m.column);
  }

  // ---- generic shapes -------------------------------------------------------------

  static std::string describe(const YAML::Node& n) {
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

  /// Checks that `n` is a mapping of kind `kind`: reports unknown, duplicate and missing
  /// fields, and records each field's value location in `src`. Returns false when `n` is
  /// not a mapping.
  bool object(const YAML::Node& n, std::string_view kind, const std::string& path, Source& src,
              const Location& fallback) {
    src.path = path;
    src.location = n.Mark().line >= 0 ? loc(n) : fallback;
    if (!n.IsMap()) {
      invalid(src.location, path, "expected a mapping (" + std::string(kind_label(kind)) + "), got " + describe(n));
      return false;
    }
    const auto& specs = known_fields().at(kind);
    std::vector<bool> seen(specs.size());
    auto* recorded = n.Mark().line >= 0 ? &fields_[position(n)] : nullptr;
    entries(
        n, path,
        [&](const std::string& key, const YAML::Node& value, const Location& key_loc, const std::string& field_path) {
          std::size_t i = 0;
          while (i < specs.size() && specs[i].name != key) ++i;
          if (i == specs.size()) {
            std::vector<std::string_view> names;
            for (const auto& s : specs) names.push_back(s.name);
            std::string message = "unknown field '" + key + "' in " + std::string(kind_label(kind));
            if (auto best = closest_match(key, names))
              message += "; did you mean '" + *best + "'?";
            else
              message += " (known fields: " + join(names) + ")";
            report("schema/unknown-field", key_loc, field_path, message);
            return;
          }
          seen[i] = true;
          src.fields[key] = value.Mark().line >= 0 ? loc(value) : key_loc;
          if (recorded) recorded->emplace_back(key, value);
        });
    for (std::size_t i = 0; i < specs.size(); ++i)
      if (specs[i].required && !seen[i]) missing(src, specs[i].name, kind);
    return true;
  }

  void missing(const Source& src, std::string_view field, std::string_view kind) {
    report("schema/missing-field", src.location, src.path_of(field),
           "missing required field '" + std::string(field) + "' in " + std::string(kind_label(kind)));
  }

  static std::string join(const std::vector<std::string_view>& names) {
    std::string out;
    for (auto n : names) out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
  }

  static std::string_view kind_label(std::string_view kind) {
    if (kind == "model") return "the model";
    if (kind == "key_attribute") return "a key attribute";
    if (kind == "gsi") return "a global secondary index";
    if (kind == "lsi") return "a local secondary index";
    if (kind == "projection_include") return "a projection";
    if (kind == "encryption_kms") return "encryption";
    if (kind == "access_pattern") return "an access pattern";
    if (kind == "action") return "a transaction action";
    if (kind == "sort_condition") return "a sort-key condition";
    if (kind == "attribute") return "an attribute";
    if (kind == "entity") return "an entity";
    return kind;
  }

  // ---- scalars --------------------------------------------------------------------

  /// A quoted scalar ("100") has the non-specific tag "!"; a plain one (100) has "?".
  static bool is_plain(const YAML::Node& n) { return n.Tag() != "!"; }
  static bool is_null_scalar(const YAML::Node& n) {
    if (n.IsNull()) return true;
    if (!n.IsScalar() || !is_plain(n)) return false;
    const auto& s = n.Scalar();
    return s == "~" || s == "null" || s == "Null" || s == "NULL";
  }

  std::optional<std::string> string_value(const YAML::Node& n, const Location& where, const std::string& path) {
    visit();
    if (!n.IsScalar() || is_null_scalar(n)) {
      invalid(where, path, "expected a string, got " + describe(n));
      return std::nullopt;
    }
    return n.Scalar();
  }

  std::optional<bool> bool_value(const YAML::Node& n, const Location& where, const std::string& path) {
    visit();
    if (n.IsScalar() && is_plain(n)) {
      const auto& s = n.Scalar();
      if (s == "true" || s == "True" || s == "TRUE") return true;
      if (s == "false" || s == "False" || s == "FALSE") return false;
    }
    invalid(where, path, "expected true or false, got " + describe(n));
    return std::nullopt;
  }

  std::optional<std::int64_t> int_value(const YAML::Node& n, const Location& where, const std::string& path,
                                        std::int64_t min, std::int64_t max) {
    visit();
    if (n.IsScalar() && is_plain(n)) {
      std::string s = n.Scalar();
      s.erase(std::remove(s.begin(), s.end(), '_'), s.end());
      std::int64_t v = 0;
      auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      if (ec == std::errc() && end == s.data() + s.size() && !s.empty()) {
        if (v < min || v > max) {
          invalid(where, path, "value " + std::to_string(v) + " is out of range " + range(min, max));
          return std::nullopt;
        }
        return v;
      }
      if (ec == std::errc::result_out_of_range) {
        invalid(where, path, "value " + n.Scalar() + " is out of range " + range(min, max));
        return std::nullopt;
      }
    }
    invalid(where, path, "expected a whole number, got " + describe(n));
    return std::nullopt;
  }

  std::optional<double> number_value(const YAML::Node& n, const Location& where, const std::string& path, double min,
                                     double max) {
    visit();
    if (n.IsScalar() && is_plain(n)) {
      const std::string& s = n.Scalar();
      double v = 0;
      auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      if (ec == std::errc() && end == s.data() + s.size() && !s.empty() && std::isfinite(v)) {
        if (v < min || v > max) {
          std::ostringstream m;
          m << "value " << s << " is out of range " << min << ".." << max;
          invalid(where, path, m.str());
          return std::nullopt;
        }
        return v;
      }
    }
    invalid(where, path, "expected a number, got " + describe(n));
    return std::nullopt;
  }

  static std::string range(std::int64_t min, std::int64_t max) {
    if (max == INT64_MAX) return "(at least " + std::to_string(min) + ")";
    return std::to_string(min) + ".." + std::to_string(max);
  }

  /// A string that must be one of `choices`; reports the closest one on a typo.
  std::optional<std::string> enum_value(const YAML::Node& n, const Location& where, const std::string& path,
                                        const std::vector<std::string_view>& choices) {
    auto s = string_value(n, where, path);
    if (!s) return std::nullopt;
    for (auto c : choices)
      if (c == *s) return s;
    std::string message = "'" + *s + "' is not one of " + join(choices);
    if (auto best = closest_match(*s, choices)) message += "; did you mean '" + *best + "'?";
    invalid(where, path, message);
    return std::nullopt;
  }

  std::vector<std::string> string_list(const YAML::Node& n, const Location& where, const std::string& path,
                                       bool non_empty, std::vector<Location>* locations = nullptr) {
    std::vector<std::string> out;
    if (!n.IsSequence()) {
      invalid(where, path, "expected a list of strings, got " + describe(n));
      return out;
    }
    if (non_empty && n.size() == 0) invalid(where, path, "the list must not be empty");
    std::size_t i = 0;
    for (const auto& item : n) {
      std::string item_path = path + "[" + std::to_string(i++) + "]";
      const Location at = item.Mark().line >= 0 ? loc(item) : where;
      if (auto s = string_value(item, at, item_path)) {
        out.push_back(*s);
        if (locations) locations->push_back(at);
      }
    }
    return out;
  }

  // ---- the model, kind by kind ------------------------------------------------------

  Model model(const YAML::Node& root) {
    Model m;
    m.file = file_;
    const Location start{file_, 1, 1};
    if (!object(root, "model", "", m.source, start)) return m;
    const Source& s = m.source;
    if (auto v = field(root, "dynamodel")) {
      if (auto n = int_value(v, s.at("dynamodel"), "dynamodel", INT64_MIN, INT64_MAX)) {
        if (*n != 1)
          invalid(s.at("dynamodel"), "dynamodel",
                  "unsupported format version " + std::to_string(*n) + "; this dynamodel reads version 1");
        m.format_version = static_cast<int>(*n);
      }
    }
    if (auto v = field(root, "name")) {
      if (auto n = string_value(v, s.at("name"), "name")) {
        m.name = *n;
        bool ok = !n->empty();
        for (char c : *n) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
        if (!ok)
          invalid(s.at("name"), "name",
                  "model name '" + *n + "' must be lowercase letters, digits and '-' (it names generated files)");
      }
    }
    if (auto v = field(root, "description"))
      if (auto d = string_value(v, s.at("description"), "description")) m.description = *d;
    if (auto v = field(root, "table")) m.table = table(v, s.at("table"));
    if (auto v = field(root, "entities")) m.entities = entities(v, s.at("entities"));
    if (auto v = field(root, "access_patterns")) m.access_patterns = access_patterns(v, s.at("access_patterns"));
    if (auto v = field(root, "lint")) m.lint = lint(v, s.at("lint"));
    return m;
  }

  Lint lint(const YAML::Node& n, const Location& where) {
    Lint l;
    if (!object(n, "lint", "lint", l.source, where)) return l;
    if (auto v = field(n, "disable")) {
      const std::vector<std::string_view> ids(known_rule_ids_.begin(), known_rule_ids_.end());
      std::size_t i = 0;
      for (const auto& id : string_list(v, l.source.at("disable"), "lint.disable", false)) {
        std::string p = "lint.disable[" + std::to_string(i) + "]";
        Location at = v[i].Mark().line >= 0 ? loc(v[i]) : l.source.at("disable");
        ++i;
        if (!ids.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) {
          std::string message = "unknown rule id '" + id + "'";
          if (auto best = closest_match(id, ids)) message += "; did you mean '" + *best + "'?";
          invalid(at, p, message);
        }
        l.disable.push_back(id);
      }
    }
    if (auto v = field(n, "quota")) {
      Source q;
      if (object(v, "quota", "lint.quota", q, l.source.at("quota"))) {
        if (auto g = field(v, "global_secondary_indexes"))
          l.gsi_quota =
              int_value(g, q.at("global_secondary_indexes"), "lint.quota.global_secondary_indexes", 1, INT64_MAX);
      }
    }
    return l;
  }

  KeyAttribute key_attribute(const YAML::Node& n, const Location& where, const std::string& path) {
    KeyAttribute k;
    if (!object(n, "key_attribute", path, k.source, where)) return k;
    if (auto v = field(n, "name")) {
      if (auto s = string_value(v, k.source.at("name"), path + ".name")) {
        k.name = *s;
        if (s->empty()) invalid(k.source.at("name"), path + ".name", "a key attribute name must not be empty");
      }
    }
    if (auto v = field(n, "type")) type_field(v, k.source.at("type"), path + ".type", k.type);
    return k;
  }

  void type_field(const YAML::Node& n, const Location& where, const std::string& path, AttributeType& out) {
    static const std::vector<std::string_view> kTypes = {"S", "N", "B", "BOOL", "NULL", "L", "M", "SS", "NS", "BS"};
    if (auto s = enum_value(n, where, path, kTypes)) parse_attribute_type(*s, out);
  }

  Capacity capacity(const YAML::Node& n, const Location& where, const std::string& path) {
    Capacity c;
    if (!object(n, "capacity", path, c.source, where)) return c;
    if (auto v = field(n, "read")) c.read = int_value(v, c.source.at("read"), path + ".read", 1, INT64_MAX).value_or(1);
    if (auto v = field(n, "write"))
      c.write = int_value(v, c.source.at("write"), path + ".write", 1, INT64_MAX).value_or(1);
    if (auto v = field(n, "autoscaling")) {
      Autoscaling a;
      const std::string p = path + ".autoscaling";
      if (object(v, "autoscaling", p, a.source, c.source.at("autoscaling"))) {
        auto get = [&](const char* f, std::int64_t& out) {
          if (auto x = v[f]) out = int_value(x, a.source.at(f), p + "." + f, 1, INT64_MAX).value_or(1);
        };
        get("min_read", a.min_read);
        get("max_read", a.max_read);
        get("min_write", a.min_write);
        get("max_write", a.max_write);
        if (auto x = field(v, "target_utilization"))
          a.target_utilization =
              number_value(x, a.source.at("target_utilization"), p + ".target_utilization", 20, 90).value_or(70);
        if (a.min_read > a.max_read)
          invalid(a.source.at("min_read"), p + ".min_read", "min_read is larger than max_read");
        if (a.min_write > a.max_write)
          invalid(a.source.at("min_write"), p + ".min_write", "min_write is larger than max_write");
      }
      c.autoscaling = a;
    }
    return c;
  }

  Projection projection(const YAML::Node& n, const Location& where, const std::string& path) {
    Projection p;
    p.source.location = where;
    p.source.path = path;
    if (n.IsScalar()) {
      if (auto s = enum_value(n, where, path, {"ALL", "KEYS_ONLY"}))
        p.type = *s == "ALL" ? ProjectionType::ALL : ProjectionType::KEYS_ONLY;
      return p;
    }
    if (!n.IsMap()) {
      invalid(where, path, "expected ALL, KEYS_ONLY or {include: [...]}, got " + describe(n));
      return p;
    }
    if (object(n, "projection_include", path, p.source, where)) {
      p.type = ProjectionType::INCLUDE;
      if (auto v = field(n, "include")) p.include = string_list(v, p.source.at("include"), path + ".include", true);
    }
    return p;
  }

  Table table(const YAML::Node& n, const Location& where) {
    Table t;
    const std::string path = "table";
    if (!object(n, "table", path, t.source, where)) return t;
    const Source& s = t.source;
    if (auto v = field(n, "name")) t.name = string_value(v, s.at("name"), "table.name").value_or("");
    if (auto v = field(n, "partition_key"))
      t.partition_key = key_attribute(v, s.at("partition_key"), "table.partition_key");
    if (auto v = field(n, "sort_key")) t.sort_key = key_attribute(v, s.at("sort_key"), "table.sort_key");
    if (auto v = field(n, "billing_mode")) {
      if (auto m = enum_value(v, s.at("billing_mode"), "table.billing_mode", {"PAY_PER_REQUEST", "PROVISIONED"}))
        t.billing_mode = *m == "PROVISIONED" ? BillingMode::PROVISIONED : BillingMode::PAY_PER_REQUEST;
    }
    if (auto v = field(n, "capacity")) t.capacity = capacity(v, s.at("capacity"), "table.capacity");
    if (auto v = field(n, "table_class")) {
      if (auto c = enum_value(v, s.at("table_class"), "table.table_class", {"STANDARD", "STANDARD_INFREQUENT_ACCESS"}))
        t.table_class = *c == "STANDARD" ? TableClass::STANDARD : TableClass::STANDARD_INFREQUENT_ACCESS;
    }
    if (auto v = field(n, "ttl_attribute"))
      t.ttl_attribute = string_value(v, s.at("ttl_attribute"), "table.ttl_attribute");
    if (auto v = field(n, "stream")) {
      static const std::vector<std::string_view> kViews = {"KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"};
      if (auto sv = enum_value(v, s.at("stream"), "table.stream", kViews)) {
        for (StreamView view :
             {StreamView::KEYS_ONLY, StreamView::NEW_IMAGE, StreamView::OLD_IMAGE, StreamView::NEW_AND_OLD_IMAGES})
          if (to_string(view) == *sv) t.stream = view;
      }
    }
    if (auto v = field(n, "point_in_time_recovery"))
      t.point_in_time_recovery =
          bool_value(v, s.at("point_in_time_recovery"), "table.point_in_time_recovery").value_or(false);
    if (auto v = field(n, "deletion_protection"))
      t.deletion_protection = bool_value(v, s.at("deletion_protection"), "table.deletion_protection").value_or(false);
    if (auto v = field(n, "encryption")) t.encryption = encryption(v, s.at("encryption"));
    if (auto v = field(n, "replicas")) t.replicas = string_list(v, s.at("replicas"), "table.replicas", false);
    if (auto v = field(n, "tags")) t.tags = tags(v, s.at("tags"));
    if (auto v = field(n, "global_secondary_indexes")) {
      each(v, s.at("global_secondary_indexes"), "table.global_secondary_indexes",
           [&](const YAML::Node& item, const Location& at, const std::string& p) {
             t.global_secondary_indexes.push_back(gsi(item, at, p));
           });
    }
    if (auto v = field(n, "local_secondary_indexes")) {
      each(v, s.at("local_secondary_indexes"), "table.local_secondary_indexes",
           [&](const YAML::Node& item, const Location& at, const std::string& p) {
             t.local_secondary_indexes.push_back(lsi(item, at, p));
           });
    }
    return t;
  }

  template <typename F>
  void each(const YAML::Node& n, const Location& where, const std::string& path, F&& f) {
    if (!n.IsSequence()) {
      invalid(where, path, "expected a list, got " + describe(n));
      return;
    }
    std::size_t i = 0;
    for (const auto& item : n) {
      visit();
      f(item, item.Mark().line >= 0 ? loc(item) : where, path + "[" + std::to_string(i++) + "]");
    }
  }

  /// Iterates a mapping whose keys are user-chosen names (entities, attributes, keys, tags),
  /// reporting duplicate and non-string keys.
  template <typename F>
  void each_named(const YAML::Node& n, const Location& where, const std::string& path, F&& f) {
    if (!n.IsMap()) {
      invalid(where, path, "expected a mapping of names, got " + describe(n));
      return;
    }
    entries(n, path,
            [&](const std::string& key, const YAML::Node& value, const Location& key_loc, const std::string& p) {
              f(key, value, value.Mark().line >= 0 ? loc(value) : key_loc, key_loc, p);
            });
  }

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

  Encryption encryption(const YAML::Node& n, const Location& where) {
    Encryption e;
    e.source.location = where;
    e.source.path = "table.encryption";
    if (n.IsScalar()) {
      if (auto s = enum_value(n, where, "table.encryption", {"AWS_OWNED", "AWS_MANAGED"}))
        e.type = *s == "AWS_OWNED" ? EncryptionType::AWS_OWNED : EncryptionType::AWS_MANAGED;
      return e;
    }
    if (!n.IsMap()) {
      invalid(where, "table.encryption", "expected AWS_OWNED, AWS_MANAGED or {kms_key_arn: ...}, got " + describe(n));
      return e;
    }
    if (object(n, "encryption_kms", "table.encryption", e.source, where)) {
      e.type = EncryptionType::CUSTOMER_MANAGED;
      if (auto v = field(n, "kms_key_arn")) {
        e.kms_key_arn = string_value(v, e.source.at("kms_key_arn"), "table.encryption.kms_key_arn").value_or("");
        if (!e.kms_key_arn.empty() && e.kms_key_arn.rfind("arn:", 0) != 0)
          invalid(e.source.at("kms_key_arn"), "table.encryption.kms_key_arn",
                  "kms_key_arn must be a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID or alias/NAME)");
      }
    }
    return e;
  }

  std::vector<Tag> tags(const YAML::Node& n, const Location& where) {
    std::vector<Tag> out;
    each_named(
        n, where, "table.tags",
        [&](const std::string& key, const YAML::Node& v, const Location& at, const Location&, const std::string& p) {
          if (auto s = string_value(v, at, p)) out.push_back(Tag{key, *s, at});
        });
    return out;
  }

  GlobalSecondaryIndex gsi(const YAML::Node& n, const Location& where, const std::string& path) {
    GlobalSecondaryIndex g;
    if (!object(n, "gsi", path, g.source, where)) return g;
    const Source& s = g.source;
    if (auto v = field(n, "name")) g.name = string_value(v, s.at("name"), path + ".name").value_or("");
    if (auto v = field(n, "partition_key"))
      g.partition_key = key_attribute(v, s.at("partition_key"), path + ".partition_key");
    if (auto v = field(n, "sort_key")) g.sort_key = key_attribute(v, s.at("sort_key"), path + ".sort_key");
    g.projection.source.location = where;
    if (auto v = field(n, "projection")) g.projection = projection(v, s.at("projection"), path + ".projection");
    if (auto v = field(n, "capacity")) g.capacity = capacity(v, s.at("capacity"), path + ".capacity");
    return g;
  }

  LocalSecondaryIndex lsi(const YAML::Node& n, const Location& where, const std::string& path) {
    LocalSecondaryIndex l;
    if (!object(n, "lsi", path, l.source, where)) return l;
    const Source& s = l.source;
    if (auto v = field(n, "name")) l.name = string_value(v, s.at("name"), path + ".name").value_or("");
    if (auto v = field(n, "sort_key")) l.sort_key = key_attribute(v, s.at("sort_key"), path + ".sort_key");
    l.projection.source.location = where;
    if (auto v = field(n, "projection")) l.projection = projection(v, s.at("projection"), path + ".projection");
    return l;
  }

  std::vector<Entity> entities(const YAML::Node& n, const Location& where) {
    std::vector<Entity> out;
    each_named(n, where, "entities",
               [&](const std::string& name, const YAML::Node& v, const Location& at, const Location& key_loc,
                   const std::string& p) { out.push_back(entity(name, v, at, key_loc, p)); });
    if (n.IsMap() && n.size() == 0) invalid(where, "entities", "a model needs at least one entity");
    return out;
  }

  Entity entity(const std::string& name, const YAML::Node& n, const Location& where, const Location& key_loc,
                const std::string& path) {
    Entity e;
    e.name = name;
    if (!object(n, "entity", path, e.source, where)) return e;
    e.source.location = key_loc;  // findings about the entity point at its name
    const Source& s = e.source;
    if (auto v = field(n, "description"))
      e.description = string_value(v, s.at("description"), path + ".description").value_or("");
    if (auto v = field(n, "attributes")) {
      each_named(v, s.at("attributes"), path + ".attributes",
                 [&](const std::string& attr_name, const YAML::Node& a, const Location& at, const Location& name_loc,
                     const std::string& p) { e.attributes.push_back(attribute(attr_name, a, at, name_loc, p)); });
      if (v.IsMap() && v.size() == 0)
        invalid(s.at("attributes"), path + ".attributes", "an entity needs at least one attribute");
    }
    if (auto v = field(n, "keys")) {
      each_named(v, s.at("keys"), path + ".keys",
                 [&](const std::string& key_attr, const YAML::Node& t, const Location& at, const Location&,
                     const std::string& p) {
                   EntityKey k;
                   k.attribute = key_attr;
                   if (auto text = string_value(t, at, p)) {
                     k.key_template = key_template(*text, at, p);
                     e.keys.push_back(std::move(k));
                   }
                 });
    }
    if (auto v = field(n, "expected")) {
      const std::string p = path + ".expected";
      if (object(v, "expected", p, e.expected.source, s.at("expected"))) {
        if (auto x = field(v, "items"))
          e.expected.items = int_value(x, e.expected.source.at("items"), p + ".items", 0, INT64_MAX);
        if (auto x = field(v, "writes_per_second"))
          e.expected.writes_per_second =
              number_value(x, e.expected.source.at("writes_per_second"), p + ".writes_per_second", 0, 1e12);
      }
    }
    return e;
  }

  KeyTemplate key_template(const std::string& text, const Location& at, const std::string& path) {
    KeyTemplate t;
    t.location = at;
    if (auto error = parse_key_template(text, t)) invalid(at, path, "bad key template '" + text + "': " + *error);
    return t;
  }

  Attribute attribute(const std::string& name, const YAML::Node& n, const Location& where, const Location& name_loc,
                      const std::string& path) {
    Attribute a;
    a.name = name;
    if (!object(n, "attribute", path, a.source, where)) return a;
    a.source.location = name_loc;
    const Source& s = a.source;
    if (auto v = field(n, "type")) type_field(v, s.at("type"), path + ".type", a.type);
    if (auto v = field(n, "description"))
      a.description = string_value(v, s.at("description"), path + ".description").value_or("");
    if (auto v = field(n, "required")) a.required = bool_value(v, s.at("required"), path + ".required").value_or(false);
    auto bound = [&](const char* f, std::optional<std::int64_t>& out, std::int64_t min, std::int64_t max) {
      if (auto v = n[f]) out = int_value(v, s.at(f), path + "." + f, min, max);
    };
    bound("max_length", a.max_length, 0, INT64_MAX);
    bound("max_bytes", a.max_bytes, 0, INT64_MAX);
    bound("max_items", a.max_items, 0, INT64_MAX);
    bound("max_digits", a.max_digits, 1, 38);
    bound("cardinality", a.cardinality, 1, INT64_MAX);
    if (auto v = field(n, "enum")) {
      if (!v.IsSequence() || v.size() == 0) {
        invalid(s.at("enum"), path + ".enum", "expected a non-empty list of values, got " + describe(v));
      } else {
        std::size_t i = 0;
        for (const auto& item : v) {
          std::string p = path + ".enum[" + std::to_string(i++) + "]";
          if (auto value = string_value(item, item.Mark().line >= 0 ? loc(item) : s.at("enum"), p))
            a.enum_values.push_back(*value);
        }
      }
    }
    if (auto v = field(n, "format")) {
      static const std::vector<std::string_view> kFormats = {"date", "date-time", "epoch-seconds", "uuid",
                                                             "ulid", "email",     "float",         "decimal"};
      if (auto f = enum_value(v, s.at("format"), path + ".format", kFormats)) {
        for (AttributeFormat x :
             {AttributeFormat::date, AttributeFormat::date_time, AttributeFormat::epoch_seconds, AttributeFormat::uuid,
              AttributeFormat::ulid, AttributeFormat::email, AttributeFormat::float_, AttributeFormat::decimal})
          if (to_string(x) == *f) a.format = x;
      }
    }
    if (auto v = field(n, "role")) {
      if (auto r = enum_value(v, s.at("role"), path + ".role", {"version", "revision", "ttl"})) {
        for (AttributeRole x : {AttributeRole::version, AttributeRole::revision, AttributeRole::ttl})
          if (to_string(x) == *r) a.role = x;
      }
    }
    return a;
  }

  std::vector<AccessPattern> access_patterns(const YAML::Node& n, const Location& where) {
    std::vector<AccessPattern> out;
    each(n, where, "access_patterns", [&](const YAML::Node& item, const Location& at, const std::string& p) {
      out.push_back(access_pattern(item, at, p));
    });
    if (n.IsSequence() && n.size() == 0) invalid(where, "access_patterns", "a model needs at least one access pattern");
    return out;
  }

  std::vector<KeyCondition> key_conditions(const YAML::Node& n, const Location& where, const std::string& path) {
    std::vector<KeyCondition> out;
    each_named(
        n, where, path,
        [&](const std::string& attr, const YAML::Node& v, const Location& at, const Location&, const std::string& p) {
          KeyCondition c;
          c.attribute = attr;
          c.location = at;
          if (v.IsMap()) {
            sort_condition(v, at, p, c);
          } else if (auto text = string_value(v, at, p)) {
            c.operands.push_back(key_template(*text, at, p));
          }
          out.push_back(std::move(c));
        });
    return out;
  }

  void sort_condition(const YAML::Node& n, const Location& where, const std::string& path, KeyCondition& c) {
    Source src;
    if (!object(n, "sort_condition", path, src, where)) return;
    static const std::vector<std::pair<std::string_view, KeyCondition::Op>> kOps = {
        {"begins_with", KeyCondition::Op::begins_with},
        {"between", KeyCondition::Op::between},
        {"lt", KeyCondition::Op::lt},
        {"le", KeyCondition::Op::le},
        {"gt", KeyCondition::Op::gt},
        {"ge", KeyCondition::Op::ge}};
    std::size_t count = 0;
    for (const auto& [name, op] : kOps) {
      auto v = n[std::string(name)];
      if (!v) continue;
      if (++count > 1) continue;
      c.op = op;
      const std::string p = path + "." + std::string(name);
      if (op == KeyCondition::Op::between) {
        auto bounds = string_list(v, src.at(name), p, false);
        if (v.IsSequence() && bounds.size() != 2)
          invalid(src.at(name), p, "between takes exactly two bounds: [low, high]");
        for (const auto& b : bounds) c.operands.push_back(key_template(b, src.at(name), p));
      } else if (auto text = string_value(v, src.at(name), p)) {
        c.operands.push_back(key_template(*text, src.at(name), p));
      }
    }
    if (count == 0 && n.size() == 0)
      invalid(where, path, "a sort-key condition needs one of begins_with, between, lt, le, gt, ge");
    if (count > 1)
      invalid(where, path, "a sort-key condition takes exactly one operator; found " + std::to_string(count));
  }

  WriteCondition write_condition(const YAML::Node& n, const Location& where, const std::string& path) {
    if (auto c = enum_value(n, where, path, {"not_exists", "exists"}))
      return *c == "exists" ? WriteCondition::exists : WriteCondition::not_exists;
    return WriteCondition::none;
  }

  Operation operation(const YAML::Node& n, const Location& where, const std::string& path,
                      const std::vector<std::string_view>& allowed) {
    Operation op = Operation::GetItem;
    if (auto s = enum_value(n, where, path, allowed)) parse_operation(*s, op);
    return op;
  }

  AccessPattern access_pattern(const YAML::Node& n, const Location& where, const std::string& path) {
    AccessPattern a;
    if (!object(n, "access_pattern", path, a.source, where)) return a;
    const Source& s = a.source;
    if (auto v = field(n, "id")) a.id = string_value(v, s.at("id"), path + ".id").value_or("");
    if (auto v = field(n, "name")) {
      a.name = string_value(v, s.at("name"), path + ".name").value_or("");
      bool ok = !a.name.empty() && a.name[0] >= 'a' && a.name[0] <= 'z';
      for (char c : a.name) ok = ok && std::isalnum(static_cast<unsigned char>(c));
      if (!a.name.empty() && !ok)
        invalid(s.at("name"), path + ".name",
                "access pattern name '" + a.name +
                    "' must be lowerCamelCase ([a-z][A-Za-z0-9]*): it becomes a function name");
    }
    if (auto v = field(n, "description"))
      a.description = string_value(v, s.at("description"), path + ".description").value_or("");
    if (auto v = field(n, "entity")) {
      if (auto e = string_value(v, s.at("entity"), path + ".entity")) {
        a.entities.push_back(*e);
        a.entity_locations.push_back(s.at("entity"));
      }
    }
    if (auto v = field(n, "entities")) {
      a.item_collection = true;
      a.entities = string_list(v, s.at("entities"), path + ".entities", true, &a.entity_locations);
    }
    bool has_operation = false;
    if (auto v = field(n, "operation")) {
      a.operation = operation(v, s.at("operation"), path + ".operation",
                              {"GetItem", "Query", "Scan", "PutItem", "UpdateItem", "DeleteItem", "BatchGetItem",
                               "BatchWriteItem", "TransactWriteItems", "TransactGetItems", "Replay"});
      has_operation = true;
    }
    if (auto v = field(n, "index")) a.index = string_value(v, s.at("index"), path + ".index");
    if (auto v = field(n, "key")) a.key = key_conditions(v, s.at("key"), path + ".key");
    if (auto v = field(n, "rate_per_second"))
      a.rate_per_second = number_value(v, s.at("rate_per_second"), path + ".rate_per_second", 0, 1e12);
    if (auto v = field(n, "consistent_read"))
      a.consistent_read = bool_value(v, s.at("consistent_read"), path + ".consistent_read").value_or(false);
    if (auto v = field(n, "scan_index_forward"))
      a.scan_index_forward = bool_value(v, s.at("scan_index_forward"), path + ".scan_index_forward").value_or(true);
    if (auto v = field(n, "limit")) a.limit = int_value(v, s.at("limit"), path + ".limit", 1, INT64_MAX);
    if (auto v = field(n, "returns")) a.returns = int_value(v, s.at("returns"), path + ".returns", 0, INT64_MAX);
    if (auto v = field(n, "condition")) a.condition = write_condition(v, s.at("condition"), path + ".condition");
    if (auto v = field(n, "set")) a.set = string_list(v, s.at("set"), path + ".set", false);
    if (auto v = field(n, "add")) a.add = string_list(v, s.at("add"), path + ".add", false);
    if (auto v = field(n, "optimistic_lock"))
      a.optimistic_lock = bool_value(v, s.at("optimistic_lock"), path + ".optimistic_lock").value_or(false);
    if (auto v = field(n, "attributes")) a.attributes = string_list(v, s.at("attributes"), path + ".attributes", false);
    if (auto v = field(n, "actions")) {
      each(v, s.at("actions"), path + ".actions",
           [&](const YAML::Node& item, const Location& at, const std::string& p) {
             a.actions.push_back(action(item, at, p));
           });
      if (v.IsSequence() && (v.size() == 0 || v.size() > 100))
        invalid(s.at("actions"), path + ".actions", "a transaction takes 1 to 100 actions");
    }

    // Which fields an operation needs (docs/fields.md).
    if (field(n, "entity") && field(n, "entities"))
      invalid(s.at("entities"), path + ".entities", "give either 'entity' or 'entities', not both");
    if (has_operation) {
      const bool transaction =
          a.operation == Operation::TransactWriteItems || a.operation == Operation::TransactGetItems;
      const std::string op(to_string(a.operation));
      if (transaction) {
        if (!field(n, "actions")) missing(s, "actions", "access_pattern");
      } else {
        if (!field(n, "entity") && !field(n, "entities"))
          report("schema/missing-field", s.location, s.path_of("entity"),
                 "missing required field 'entity' (or 'entities') in an access pattern");
        if (a.operation != Operation::Scan && !field(n, "key"))
          report("schema/missing-field", s.location, s.path_of("key"),
                 "missing required field 'key' in an access pattern with operation " + op);
        if (field(n, "actions"))
          invalid(s.at("actions"), path + ".actions",
                  "'actions' belongs to TransactWriteItems and TransactGetItems, not " + op);
      }
    }
    return a;
  }

  Action action(const YAML::Node& n, const Location& where, const std::string& path) {
    Action a;
    if (!object(n, "action", path, a.source, where)) return a;
    const Source& s = a.source;
    if (auto v = field(n, "entity")) a.entity = string_value(v, s.at("entity"), path + ".entity").value_or("");
    if (auto v = field(n, "operation"))
      a.operation = operation(v, s.at("operation"), path + ".operation",
                              {"PutItem", "UpdateItem", "DeleteItem", "ConditionCheck", "GetItem"});
    if (auto v = field(n, "key")) a.key = key_conditions(v, s.at("key"), path + ".key");
    if (auto v = field(n, "condition")) a.condition = write_condition(v, s.at("condition"), path + ".condition");
    if (auto v = field(n, "set")) a.set = string_list(v, s.at("set"), path + ".set", false);
    if (auto v = field(n, "add")) a.add = string_list(v, s.at("add"), path + ".add", false);
    if (auto v = field(n, "optimistic_lock"))
      a.optimistic_lock = bool_value(v, s.at("optimistic_lock"), path + ".optimistic_lock").value_or(false);
    return a;
  }

 private:
  FileName file_;
  RuleIds known_rule_ids_;
  std::size_t visited_ = 0;
  /// The fields object() found in each mapping (by position), for field().
  std::unordered_map<std::uint64_t, std::vector<std::pair<std::string, YAML::Node>>> fields_;
};

/// The 1-based line and column of byte `offset` in `text` (column in bytes).
std::pair<int, int> line_column(std::string_view text, std::size_t offset) {
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, static_cast<int>(offset - line_start) + 1};
}

}  // namespace

LoadResult load_model_text(std::string_view text, const std::string& file, RuleIds known_rule_ids) {
  LoadResult result;
  auto syntax = [&](int line, int column, std::string message) {
    result.diagnostics.push_back(
        Diagnostic{"yaml/syntax", Severity::error, std::move(message), Location{file, line, column}, "", {}});
  };
  if (auto bad = find_invalid_utf8(text)) {
    auto [line, column] = line_column(text, *bad);
    syntax(line, column,
           "the file is not valid UTF-8 (byte " + std::to_string(*bad) +
               "); DynamoDB names and strings must be UTF-8, so save the file as UTF-8");
    return result;
  }
  if (text.find('\0') != std::string_view::npos) {
    auto [line, column] = line_column(text, text.find('\0'));
    syntax(line, column, "the file contains a NUL byte; is it a binary file?");
    return result;
  }
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    std::string message = e.msg;
    if (message == "bad file") message = "nesting too deep (more than about 500 levels): a model is never that deep";
    syntax(e.mark.line >= 0 ? e.mark.line + 1 : 1, e.mark.column >= 0 ? e.mark.column + 1 : 1,
           "invalid YAML: " + message);
    return result;
  }
  if (!root || root.IsNull()) {
    result.diagnostics.push_back(
        Diagnostic{"schema/missing-field",
                   Severity::error,
                   "the model is empty; it needs the fields dynamodel, name, table, entities and access_patterns "
                   "(see examples/ for complete models)",
                   Location{file, 1, 1},
                   "",
                   {}});
    return result;
  }
  Loader loader(file, known_rule_ids);
  try {
    Model m = loader.model(root);
    if (!loader.has_errors()) result.model = std::move(m);
  } catch (const TooManyNodes&) {
    loader.diagnostics.push_back(Diagnostic{"yaml/syntax",
                                            Severity::error,
                                            "the document expands to more than " + std::to_string(kMaxNodesVisited) +
                                                " nodes (aliases that repeat aliases?); refusing to read it",
                                            Location{file, 1, 1},
                                            "",
                                            {}});
  } catch (const YAML::Exception& e) {
    loader.diagnostics.push_back(Diagnostic{
        "yaml/syntax", Severity::error, std::string("invalid YAML: ") + e.what(), Location{file, 1, 1}, "", {}});
  }
  result.diagnostics.insert(result.diagnostics.end(), loader.diagnostics.begin(), loader.diagnostics.end());
  sort_diagnostics(result.diagnostics);
  return result;
}

LoadResult load_model_file(const std::filesystem::path& path, RuleIds known_rule_ids) {
  std::error_code ec;
  const std::string name = path.string();
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) throw InputError(name + ": no such file");
  if (std::filesystem::is_directory(status)) throw InputError(name + ": is a directory, not a model file");
  if (!std::filesystem::is_regular_file(status)) throw InputError(name + ": not a regular file");
  auto size = std::filesystem::file_size(path, ec);
  if (ec) throw InputError(name + ": cannot read: " + ec.message());
  if (size > kMaxModelFileBytes)
    throw InputError(name + ": file is " + std::to_string(size) + " bytes; model files are limited to " +
                     std::to_string(kMaxModelFileBytes) + " bytes");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(name + ": cannot open the file for reading");
  std::string text;
  text.resize(size);
  in.read(text.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::size_t>(in.gcount()) != size) throw InputError(name + ": cannot read the whole file");
  return load_model_text(text, name, known_rule_ids);
}

}  // namespace dynamodel
