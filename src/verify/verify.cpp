// `dynamodel verify`: items, patterns and capacity checked on a live engine (verify/verify.hpp).
#include "verify/verify.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <thread>
#include <unistd.h>

#include "analysis/sizes.hpp"
#include "gen/deployed.hpp"
#include "live/live.hpp"
#include "model/key_split.hpp"
#include "model/membership.hpp"
#include "report/sample.hpp"

namespace dynamodel::verify {
namespace {

using nlohmann::json;

const RuleInfo& rule(std::string_view id) {
  for (const auto& r : verify_rules())
    if (r.id == id) return r;
  throw std::logic_error("unknown verify rule " + std::string(id));
}

void add_finding(std::vector<Diagnostic>& out, std::string_view id, const PatternResult& p, std::string message) {
  const auto& r = rule(id);
  out.push_back(Diagnostic{std::string(r.id), r.severity, std::move(message), p.location, p.path, {}, {}, {}});
}

std::string units_text(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

/// The sort-key part of a KeyConditionExpression on attribute name `s` with values `a` (and `b`):
/// `#s = :a`, `#s BETWEEN :a AND :b`, ...
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html
std::string sort_expression(KeyCondition::Op op, const std::string& s, const std::string& a, const std::string& b) {
  switch (op) {
    case KeyCondition::Op::eq:
      break;
    case KeyCondition::Op::begins_with:
      return "begins_with(" + s + ", " + a + ")";
    case KeyCondition::Op::between:
      return s + " BETWEEN " + a + " AND " + b;
    case KeyCondition::Op::lt:
      return s + " < " + a;
    case KeyCondition::Op::le:
      return s + " <= " + a;
    case KeyCondition::Op::gt:
      return s + " > " + a;
    case KeyCondition::Op::ge:
      return s + " >= " + a;
  }
  return s + " = " + a;
}

/// One item written to the table: its entity, the item, and whether it is still there.
struct Written {
  std::string entity;
  json item;
  bool largest = false;
  bool present = false;
};

/// The text of a key attribute value (S, N or B), empty when absent.
std::optional<std::string> key_value(const json& item, const std::string& name) {
  if (!item.contains(name)) return std::nullopt;
  const auto& v = item[name];
  for (const char* t : {"S", "N", "B"})
    if (v.contains(t)) return v[t].get<std::string>();
  return std::nullopt;
}

/// Order of two key values of `type`: byte order for S and B, numeric for N.
bool key_less(const std::string& a, const std::string& b, AttributeType type) {
  if (type == AttributeType::N) return std::stold(a) < std::stold(b);
  return a < b;
}

/// The name verify reports a key space by: "table", or the index's name.
std::string space_name(const KeySpace& space) { return space.kind == IndexKind::table ? "table" : space.name; }

/// The item as the key space holds it (null when it is not in it: a sparse index, or a
/// multi-attribute GSI key attribute the item lacks): the table's item, or the index entry
/// (index keys, table keys and projected attributes).
json entry(const Model& model, const KeySpace& space, const json& item) {
  const auto keys = space.keys();
  for (const KeyAttribute* k : keys)
    if (!key_value(item, k->name)) return nullptr;
  if (!space.projection || space.projection->type == ProjectionType::ALL) return item;
  json out = json::object();
  std::set<std::string> keep = {model.table.partition_key.name};
  if (model.table.sort_key) keep.insert(model.table.sort_key->name);
  for (const KeyAttribute* k : keys) keep.insert(k->name);
  if (space.projection->type == ProjectionType::INCLUDE)
    keep.insert(space.projection->include.begin(), space.projection->include.end());
  for (const auto& [name, value] : item.items())
    if (keep.count(name)) out[name] = value;
  return out;
}

/// The text of an item's key in `space` (every key attribute, in key-schema order), to tell
/// whether an update moved the item in an index.
std::string index_key_text(const KeySpace& space, const json& item) {
  std::string out;
  for (const KeyAttribute* k : space.keys()) out += key_value(item, k->name).value_or("") + "\x1f";
  return out;
}

/// Order of two items by the sort-key attributes of a key space: the first attribute's value,
/// then the next one's on a tie, as DynamoDB orders a multi-attribute sort key
/// (GSI.DesignPattern.MultiAttributeKeys.html). Both items have every attribute (entry()).
bool sort_less(const std::vector<const KeyAttribute*>& attributes, const json& a, const json& b) {
  for (const KeyAttribute* k : attributes) {
    const std::string va = *key_value(a, k->name), vb = *key_value(b, k->name);
    if (key_less(va, vb, k->type)) return true;
    if (key_less(vb, va, k->type)) return false;
  }
  return false;
}

/// A primary key's text, to compare items by identity.
std::string identity(const Model& model, const json& item) {
  std::string out = key_value(item, model.table.partition_key.name).value_or("");
  if (model.table.sort_key) out += "\x1f" + key_value(item, model.table.sort_key->name).value_or("");
  return out;
}

json primary_key(const Model& model, const json& item) {
  json key = {{model.table.partition_key.name, item.at(model.table.partition_key.name)}};
  if (model.table.sort_key) key[model.table.sort_key->name] = item.at(model.table.sort_key->name);
  return key;
}

/// A value of exactly `bytes` stored bytes of `a`'s type (as attribute_value_bytes counts it).
json filler(const Attribute& a, std::int64_t bytes) {
  const auto n = static_cast<std::size_t>(std::max<std::int64_t>(bytes, 0));
  switch (a.type) {
    case AttributeType::S:
      return {{"S", std::string(n, 'x')}};
    case AttributeType::N: {
      if (bytes >= limits::kNumberMaxBytes) return {{"N", "-" + std::string(38, '9')}};
      return {{"N", std::string(static_cast<std::size_t>(std::max<std::int64_t>(1, 2 * (bytes - 1))), '9')}};
    }
    case AttributeType::B: {
      std::string text;
      for (std::size_t i = 0; i < n / 3; ++i) text += "eHh4";  // "xxx"
      if (n % 3 == 1) text += "eA==";
      if (n % 3 == 2) text += "eHg=";
      return {{"B", text.empty() ? "eA==" : text}};
    }
    case AttributeType::BOOL:
      return {{"BOOL", true}};
    case AttributeType::NULL_:
      return {{"NULL", true}};
    case AttributeType::L:  // 3 + 1 + the element
      return {{"L", json::array({{{"S", std::string(n > 4 ? n - 4 : 0, 'x')}}})}};
    case AttributeType::M:  // 3 + 1 + name "v" + the element
      return {{"M", {{"v", {{"S", std::string(n > 5 ? n - 5 : 0, 'x')}}}}}};
    case AttributeType::SS:
    case AttributeType::NS:
    case AttributeType::BS: {
      // Distinct elements of equal size adding up to `bytes`: the first one carries the rest.
      const std::size_t count = std::max<std::size_t>(1, std::min<std::size_t>(a.max_items.value_or(1), n));
      json out = json::array();
      if (a.type == AttributeType::NS) return {{"NS", json::array({"1"})}};
      for (std::size_t i = 0; i < count; ++i) {
        std::string s = std::to_string(i);
        const std::size_t size = n / count + (i == 0 ? n % count : 0);
        s.resize(std::max<std::size_t>(size, s.size()), 'x');
        out.push_back(a.type == AttributeType::SS ? s : std::string("eA=="));
      }
      return {{a.type == AttributeType::SS ? "SS" : "BS", out}};
    }
  }
  return {{"S", "x"}};
}

/// The text a value stands for inside a key template (a number's digits, a string itself).
std::string placeholder_text(const json& value) {
  for (const auto& [type, v] : value.items())
    if (v.is_string()) return v.get<std::string>();
  return "x";
}

/// The longest text of placeholder `a` inside a string key, as placeholder_size counts it: a
/// number's digits with a sign and a decimal point ("-9.9" for max_digits 2), "false", "null",
/// the value's text otherwise; an unknown placeholder the unbounded size.
std::string largest_placeholder_text(const Attribute* a, const json& value) {
  const auto bytes = static_cast<std::size_t>(placeholder_size(a).max_bytes);
  if (!a) return {std::string(bytes, 'x')};
  switch (a->type) {
    case AttributeType::N:
      return bytes >= 4 ? "-" + std::string(bytes - 3, '9') + ".9" : std::string(bytes, '9');
    case AttributeType::BOOL:
      return "false";
    case AttributeType::NULL_:
      return "null";
    default:
      return placeholder_text(value);
  }
}

}  // namespace

json largest_item(const Model& model, const Entity& entity) {
  std::map<std::string, json> values;
  for (const Attribute& a : entity.attributes) {
    if (!a.enum_values.empty() && (a.type == AttributeType::S || a.type == AttributeType::N)) {
      // The longest value the application can write, whatever max_bytes says.
      std::string longest;
      for (const auto& v : a.enum_values)
        if (v.size() > longest.size()) longest = v;
      values[a.name] = {{a.type == AttributeType::S ? "S" : "N", longest}};
    } else {
      values[a.name] = filler(a, value_size(a).max_bytes);
    }
  }
  json item = json::object();
  for (const EntityKey& k : entity.keys) {
    AttributeType type = AttributeType::S;
    for (const KeyAttribute* ka : model.key_attributes())
      if (ka->name == k.attribute) type = ka->type;
    // An N or B key holds the placeholder's value itself; a string key its longest text.
    std::string text;
    for (const TemplatePart& p : k.key_template.parts) {
      if (!p.placeholder) {
        text += p.text;
        continue;
      }
      const Attribute* a = entity.attribute(p.text);
      const json value = values.count(p.text) ? values[p.text] : json{{"S", "x"}};
      text +=
          p.transform.apply(type == AttributeType::S ? largest_placeholder_text(a, value) : placeholder_text(value));
    }
    item[k.attribute] = {{std::string(to_string(type)), text}};
  }
  for (const Attribute& a : entity.attributes)
    if (!a.key_only && !item.contains(a.name)) item[a.name] = values[a.name];
  return item;
}

std::string_view to_string(Status s) {
  switch (s) {
    case Status::verified:
      return "verified";
    case Status::mismatch:
      return "MISMATCH";
    case Status::not_verifiable:
      return "not verifiable";
  }
  return "";
}

bool is_aws_endpoint(const std::string& endpoint) {
  std::string host = endpoint;
  if (const auto scheme = host.find("://"); scheme != std::string::npos) host = host.substr(scheme + 3);
  host = host.substr(0, host.find_first_of("/?#"));
  if (const auto at = host.rfind('@'); at != std::string::npos) host = host.substr(at + 1);
  if (!host.empty() && host[0] != '[') host = host.substr(0, host.find(':'));
  std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
  while (!host.empty() && host.back() == '.') host.pop_back();
  for (const char* suffix : {"amazonaws.com", "amazonaws.com.cn", "api.aws"}) {
    const std::string s = suffix;
    if (host == s || (host.size() > s.size() && host.ends_with("." + s))) return true;
  }
  return false;
}

void compare_units(PatternResult& pattern, std::vector<Diagnostic>& findings) {
  for (const Units& u : pattern.units) {
    if (!u.not_compared.empty()) {
      pattern.notes.push_back(u.not_compared + " (estimated " + units_text(u.estimated) + " " + pattern.unit + " on " +
                              u.key_space + "): not compared");
      continue;
    }
    if (!u.measured) {
      pattern.notes.push_back("the engine reported no " + pattern.unit + " for " + u.key_space + " (estimated " +
                              units_text(u.estimated) + "): not compared");
      continue;
    }
    if (std::fabs(*u.measured - u.estimated) < 0.01) continue;
    pattern.status = Status::mismatch;
    add_finding(findings, "verify/capacity", pattern,
                pattern.id + " (" + pattern.name + ") consumed " + units_text(*u.measured) + " " + pattern.unit +
                    " on " + u.key_space + " where the analysis estimates " + units_text(u.estimated) + " " +
                    pattern.unit);
  }
}

int exit_code(const Result& result) {
  for (const auto& p : result.patterns)
    if (p.status == Status::mismatch) return 1;
  return max_severity(result.findings) == Severity::error && !result.findings.empty() ? 1 : 0;
}

namespace {

/// One verification run against one connection.
class Runner {
 public:
  Runner(const Model& model, const Analysis& analysis, const Options& options, live::Connection& db, Result& result)
      : model_(model), analysis_(analysis), options_(options), db_(db), result_(result) {}

  void write_items() {
    // Typical items (two per entity, and one more kept back for each PutItem pattern of the
    // entity: a new item to put) and the largest item of every entity. Sample values are shared
    // between entities, so partitions hold several entities as they would in the real table.
    std::map<std::string, int> puts;
    for (const auto& p : model_.access_patterns) {
      if (p.operation == Operation::PutItem && !p.entities.empty()) ++puts[p.entities[0]];
      for (const Action& a : p.actions)
        if ((a.operation == Operation::PutItem && a.condition != WriteCondition::exists) ||
            (a.operation == Operation::ConditionCheck && a.condition == WriteCondition::not_exists))
          ++puts[a.entity];
    }
    int spare_count = 1;
    for (const auto& [entity, n] : puts) spare_count = std::max(spare_count, n);
    const auto typical = sample_items(model_, 2 + spare_count, options_.seed);
    std::map<std::string, int> seen;
    for (const auto& s : typical) {
      const bool spare = ++seen[s.entity] > 2;
      Written w{s.entity, json::parse(s.item.dump()), false, false};
      (spare ? spares_ : items_).push_back(std::move(w));
    }
    for (const Entity& e : model_.entities) {
      Written w{e.name, largest_item(model_, e), true, false};
      check_size(e, w.item);
      items_.push_back(std::move(w));
    }
    for (auto& w : items_) {
      call("PutItem", {{"TableName", result_.table}, {"Item", w.item}});
      w.present = true;
      ++result_.items_written;
    }
  }

  void run_patterns() {
    // Reads first, then writes, deletes last: each pattern sees every item written above.
    std::vector<const AccessPattern*> order;
    for (const auto& p : model_.access_patterns) order.push_back(&p);
    const auto rank = [](const AccessPattern* p) {
      if (p->operation == Operation::DeleteItem) return 2;
      switch (p->operation) {
        case Operation::GetItem:
        case Operation::Query:
        case Operation::Scan:
        case Operation::BatchGetItem:
        case Operation::TransactGetItems:
          return 0;
        default:
          return 1;
      }
    };
    std::stable_sort(order.begin(), order.end(),
                     [&](const AccessPattern* a, const AccessPattern* b) { return rank(a) < rank(b); });
    std::map<std::string, PatternResult> done;
    for (const AccessPattern* p : order) done[p->id] = run_pattern(*p);
    for (const auto& p : model_.access_patterns) result_.patterns.push_back(done[p.id]);
  }

 private:
  json call(const std::string& operation, const json& request) {
    try {
      return db_.call(operation, request);
    } catch (const live::CallError& e) {
      if (e.type() == "NetworkError") throw VerifyError(options_.endpoint + " stopped answering: " + e.what());
      throw;
    }
  }

  /// verify/size-model: the largest item's size by DynamoDB's method against the analysis'.
  void check_size(const Entity& e, const json& item) {
    const EntityAnalysis* ea = analysis_.entity(e.name);
    if (!ea) return;
    const std::int64_t bytes = item_bytes(item);
    if (bytes < ea->max_item_bytes) {
      // Conservative hints (a number's sign counted in a key and not in its value): noted only.
      result_.notes.push_back("the largest " + e.name + " item written is " + std::to_string(bytes) +
                              " bytes; the analysis allows " + std::to_string(ea->max_item_bytes) +
                              " (max_item_bytes: no single value reaches every bound)");
      return;
    }
    if (bytes == ea->max_item_bytes) return;
    PatternResult where;
    where.location = e.source.location;
    where.path = e.source.path;
    add_finding(result_.findings, "verify/size-model", where,
                "the largest " + e.name + " item the model allows is " + std::to_string(bytes) +
                    " bytes by DynamoDB's method; the analysis estimates " + std::to_string(ea->max_item_bytes) +
                    " bytes (max_item_bytes)");
  }

  /// The key space a pattern's `index:` names (Analysis::resolved); the table for an unknown
  /// name (the coverage proof reports such a pattern unserved, and it is not run).
  const KeySpace& key_space(const std::optional<std::string>& index) const {
    const KeySpace* k = analysis_.resolved->key_space_of(index);
    return k ? *k : analysis_.resolved->table();
  }

  const Written* largest(const std::string& entity) const {
    for (const auto& w : items_)
      if (w.entity == entity && w.largest && w.present) return &w;
    return nullptr;
  }
  /// A typical item of `entity` not written yet (each is used once), nullopt when none is left.
  std::optional<Written> take_spare(const std::string& entity) {
    const auto it = std::find_if(spares_.begin(), spares_.end(), [&](const Written& w) { return w.entity == entity; });
    if (it == spares_.end()) return std::nullopt;
    Written w = *it;
    spares_.erase(it);
    return w;
  }

  Written* written(const std::string& id) {
    for (auto& w : items_)
      if (identity(model_, w.item) == id) return &w;
    return nullptr;
  }

  /// The bytes the analysis counts for `w` where `space` holds it: for the largest item its
  /// max_item_bytes (or the index entry's max_data_bytes), which capacity estimates use; for a
  /// typical item its own size by DynamoDB's method (item_bytes of the item or entry).
  std::int64_t bytes_in(const Written& w, const KeySpace& space) const {
    const EntityAnalysis* ea = w.largest ? analysis_.entity(w.entity) : nullptr;
    if (ea && space.kind == IndexKind::table) return ea->max_item_bytes;
    if (ea)
      for (const auto& e : ea->index_entries)
        if (e.index == space.name) return e.max_data_bytes;
    const json e = entry(model_, space, w.item);
    return e.is_null() ? 0 : item_bytes(e);
  }

  PatternResult start(const AccessPattern& p) const {
    PatternResult r;
    r.id = p.id;
    r.name = p.name;
    r.operation = std::string(dynamodel::to_string(p.operation));
    r.index = p.index.value_or("");
    r.location = p.source.location;
    r.path = p.source.path;
    return r;
  }

  void not_verifiable(PatternResult& r, const std::string& why) {
    r.status = Status::not_verifiable;
    r.notes.push_back(why);
    add_finding(result_.findings, "verify/not-verifiable", r, r.id + " (" + r.name + "): " + why);
  }

  void mismatch(PatternResult& r, std::string_view id, const std::string& message) {
    r.status = Status::mismatch;
    add_finding(result_.findings, id, r, r.id + " (" + r.name + "): " + message);
  }

  PatternResult run_pattern(const AccessPattern& p) {
    PatternResult r = start(p);
    if (const PatternCoverage* c = analysis_.coverage.pattern(p.id); c && !c->served) {
      mismatch(r, "verify/not-served", "the analysis finds the pattern unserved by the model's keys; not run");
      return r;
    }
    try {
      switch (p.operation) {
        case Operation::GetItem:
          get_item(p, r);
          break;
        case Operation::Query:
        case Operation::Scan:
          query(p, r);
          break;
        case Operation::PutItem:
        case Operation::UpdateItem:
        case Operation::DeleteItem:
          write(p, r);
          break;
        case Operation::BatchGetItem:
          batch_get(p, r);
          break;
        case Operation::BatchWriteItem:
          batch_write(p, r);
          break;
        case Operation::TransactWriteItems:
        case Operation::TransactGetItems:
          transaction(p, r);
          break;
        default:
          not_verifiable(r, std::string(dynamodel::to_string(p.operation)) + " is not run by verify");
      }
    } catch (const live::CallError& e) {
      if (e.unimplemented()) {
        not_verifiable(r, r.operation + " is not verifiable on this endpoint (" + e.what() + ")");
      } else {
        mismatch(r, "verify/call-failed", "the engine refused the call: " + std::string(e.what()));
      }
    }
    if (r.status != Status::not_verifiable && !options_.items_only) compare_units(r, result_.findings);
    if (options_.items_only && !r.units.empty())
      r.notes.emplace_back("capacity not compared (--items-only): this engine's figures are not DynamoDB's");
    return r;
  }

  /// Measured units per key space from a ConsumedCapacity object (or the first of an array).
  static std::optional<double> measured(const json& response, const std::string& key_space) {
    json cc = response.value("ConsumedCapacity", json());
    if (cc.is_array()) cc = cc.empty() ? json() : cc[0];
    if (!cc.is_object()) return std::nullopt;
    if (key_space == "table") {
      if (cc.contains("Table")) return cc["Table"].value("CapacityUnits", 0.0);
      return std::nullopt;
    }
    for (const char* kind : {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"})
      if (cc.contains(kind) && cc[kind].contains(key_space)) return cc[kind][key_space].value("CapacityUnits", 0.0);
    return std::nullopt;
  }

  void set_measured(PatternResult& r, const json& response) {
    for (auto& u : r.units) u.measured = measured(response, u.key_space);
  }

  /// Read factor: GSIs are eventually consistent; else the pattern's consistency.
  static double read_factor(const AccessPattern& p, const KeySpace& space) {
    return space.kind != IndexKind::gsi && p.consistent_read ? 1 : 0.5;
  }

  void get_item(const AccessPattern& p, PatternResult& r) {
    r.unit = "RCU";
    const Written* target = p.entities.empty() ? nullptr : largest(p.entities[0]);
    if (!target) return not_verifiable(r, "no item of " + (p.entities.empty() ? "?" : p.entities[0]) + " to read");
    const auto response = call("GetItem", {{"TableName", result_.table},
                                           {"Key", primary_key(model_, target->item)},
                                           {"ConsistentRead", p.consistent_read},
                                           {"ReturnConsumedCapacity", "INDEXES"}});
    r.items_expected = 1;
    r.items_returned = response.contains("Item") ? 1 : 0;
    if (r.items_returned != 1 || identity(model_, response["Item"]) != identity(model_, target->item))
      mismatch(r, "verify/items", "GetItem did not return the item written");
    r.units.push_back({"table",
                       read_units(bytes_in(*target, key_space(std::nullopt)), p.consistent_read ? 1 : 0.5),
                       std::nullopt,
                       {}});
    set_measured(r, response);
  }

  /// The sort-key condition of a Query, with its operands' values: from the target item where
  /// the operand's placeholders are its attributes; else spanning the partition (between its
  /// lowest and highest sort-key values), noted.
  struct SortCondition {
    KeyCondition::Op op = KeyCondition::Op::eq;
    std::vector<std::string> values;
  };

  std::optional<std::string> resolve(const KeyTemplate& t, const json& target) const {
    std::string text;
    for (const TemplatePart& part : t.parts) {
      if (!part.placeholder) {
        text += part.text;
        continue;
      }
      if (!target.contains(part.text)) return std::nullopt;
      text += part.transform.apply(placeholder_text(target[part.text]));
    }
    return text;
  }

  static bool matches(const SortCondition& c, const std::string& v, AttributeType type) {
    const auto lt = [&](const std::string& a, const std::string& b) { return key_less(a, b, type); };
    switch (c.op) {
      case KeyCondition::Op::eq:
        return v == c.values[0];
      case KeyCondition::Op::begins_with:
        return v.starts_with(c.values[0]);
      case KeyCondition::Op::between:
        return !lt(v, c.values[0]) && !lt(c.values[1], v);
      case KeyCondition::Op::lt:
        return lt(v, c.values[0]);
      case KeyCondition::Op::le:
        return !lt(c.values[0], v);
      case KeyCondition::Op::gt:
        return lt(c.values[0], v);
      case KeyCondition::Op::ge:
        return !lt(v, c.values[0]);
    }
    return false;
  }

  /// A Query or Scan as verify sends it: the request, the written items it selects in the order
  /// the engine returns them (before Limit), the sort condition and what was chosen (notes).
  // NOLINTNEXTLINE(bugprone-exception-escape): json's special members are not noexcept
  struct QueryPlan {
    json request;
    std::vector<const Written*> candidates;
    /// The sort-key conditions sent, each with its attribute (left to right).
    std::vector<std::pair<const KeyAttribute*, SortCondition>> sort;
    std::vector<std::string> notes;
    std::string unverifiable;         ///< non-empty: the plan cannot be run (why)
    const Written* target = nullptr;  ///< the item whose key values the request uses
  };

  /// The request of Query (or Scan) `p` on `space` for the key values of `target`, and the
  /// written items it selects.
  QueryPlan plan_query(const AccessPattern& p, const KeySpace& space, const Written& target) const {
    QueryPlan plan;
    plan.target = &target;
    const bool scan = p.operation == Operation::Scan;
    // The items of the key space, in key order.
    auto& candidates = plan.candidates;
    for (const auto& w : items_)
      if (w.present && !entry(model_, space, w.item).is_null()) candidates.push_back(&w);
    json& request = plan.request;
    request = {{"TableName", result_.table}, {"ReturnConsumedCapacity", "INDEXES"}};
    if (p.index) request["IndexName"] = *p.index;
    if (space.kind != IndexKind::gsi) request["ConsistentRead"] = p.consistent_read;
    if (p.limit) request["Limit"] = *p.limit;
    if (scan) return plan;
    request["ScanIndexForward"] = p.scan_index_forward;
    // `=` on every partition-key attribute (one, or 1..4 of a multi-attribute GSI key), with the
    // target's values: `#p = :p`, then `#p1 = :p1`, ... (GSI.DesignPattern.MultiAttributeKeys.html).
    json names = json::object(), values = json::object();
    std::string expression;
    const auto partition_attributes = partition_keys(space);
    for (std::size_t i = 0; i < partition_attributes.size(); ++i) {
      const KeyAttribute& k = *partition_attributes[i];
      const std::string suffix = i == 0 ? "" : std::to_string(i);
      const std::string value = key_value(target.item, k.name).value_or("");
      names["#p" + suffix] = k.name;
      values[":p" + suffix] = {{std::string(to_string(k.type)), value}};
      expression += (i == 0 ? "#p" : " AND #p") + suffix + " = :p" + suffix;
      std::erase_if(candidates, [&](const Written* w) { return key_value(w->item, k.name) != value; });
    }
    // The sort-key attributes the pattern gives a condition on, left to right (`=` on each but
    // the last, which may be a range; access/multi-attribute-key checks the shape): `#s` with
    // `:a`/`:b` for a single sort key, `#s0` with `:s0a`/`:s0b`, `#s1`, ... for a multi-attribute one.
    const auto sort_attributes = sort_keys(space);
    for (std::size_t j = 0; j < sort_attributes.size(); ++j) {
      const KeyAttribute& sk = *sort_attributes[j];
      const auto given =
          std::find_if(p.key.begin(), p.key.end(), [&](const KeyCondition& k) { return k.attribute == sk.name; });
      if (given == p.key.end()) continue;
      const KeyCondition& k = *given;
      SortCondition c{k.op, {}};
      for (const auto& operand : k.operands)
        if (auto v = resolve(operand, target.item)) c.values.push_back(*v);
      if (c.values.size() != k.operands.size()) {
        // Parameters that are no attribute of the item (`{from}`, `{to}`): the whole partition
        // (what the earlier sort-key conditions left of it).
        std::vector<std::string> sorts;
        sorts.reserve(candidates.size());
        for (const Written* w : candidates) sorts.push_back(*key_value(w->item, sk.name));
        std::sort(sorts.begin(), sorts.end(), [&](const auto& a, const auto& b) { return key_less(a, b, sk.type); });
        if (sorts.empty()) {
          plan.unverifiable = "no item in the queried partition";
          return plan;
        }
        c = SortCondition{KeyCondition::Op::between, {sorts.front(), sorts.back()}};
        if (k.op == KeyCondition::Op::begins_with) {
          std::string prefix;
          for (const auto& part : k.operands[0].parts) {
            if (part.placeholder) break;
            prefix += part.text;
          }
          c = SortCondition{KeyCondition::Op::begins_with, {prefix}};
        }
        plan.notes.push_back("sort-key parameters chosen to span the partition: " + k.attribute + " " +
                             std::string(dynamodel::to_string(c.op)) + " " + c.values[0] +
                             (c.values.size() > 1 ? " AND " + c.values[1] : ""));
      }
      const std::string type(to_string(sk.type));
      const bool single = sort_attributes.size() == 1;
      const std::string name = single ? "#s" : "#s" + std::to_string(j);
      const std::string a = single ? ":a" : ":s" + std::to_string(j) + "a";
      const std::string b = single ? ":b" : ":s" + std::to_string(j) + "b";
      names[name] = sk.name;
      values[a] = {{type, c.values[0]}};
      if (c.values.size() > 1) values[b] = {{type, c.values[1]}};
      expression += " AND " + sort_expression(c.op, name, a, b);
      std::erase_if(candidates, [&](const Written* w) { return !matches(c, *key_value(w->item, sk.name), sk.type); });
      plan.sort.emplace_back(&sk, std::move(c));
    }
    request["KeyConditionExpression"] = expression;
    request["ExpressionAttributeNames"] = names;
    request["ExpressionAttributeValues"] = values;
    if (!sort_attributes.empty()) {
      std::stable_sort(candidates.begin(), candidates.end(), [&](const Written* a, const Written* b) {
        return sort_less(sort_attributes, a->item, b->item);
      });
      if (!p.scan_index_forward) std::reverse(candidates.begin(), candidates.end());
    }
    return plan;
  }

  /// The plan a Query is verified with: over every written item of the pattern's first entity
  /// in the key space, the key values whose condition selects the most items (mixed entities
  /// show, and never an empty result while sample items exist); the largest item on a tie. A
  /// Scan reads the whole key space.
  std::optional<QueryPlan> choose_plan(const AccessPattern& p, const KeySpace& space) const {
    if (p.entities.empty()) return std::nullopt;
    if (p.operation == Operation::Scan) {
      const Written* w = largest(p.entities[0]);
      if (!w) return std::nullopt;
      return plan_query(p, space, *w);
    }
    std::optional<QueryPlan> best;
    bool best_largest = false;
    for (const auto& w : items_) {
      if (!w.present || w.entity != p.entities[0] || entry(model_, space, w.item).is_null()) continue;
      QueryPlan plan = plan_query(p, space, w);
      bool better = !best;
      if (best && plan.unverifiable.empty() != best->unverifiable.empty())
        better = plan.unverifiable.empty();
      else if (best && plan.candidates.size() != best->candidates.size())
        better = plan.candidates.size() > best->candidates.size();
      else if (best)
        better = w.largest && !best_largest;
      if (better) {
        best = std::move(plan);
        best_largest = w.largest;
      }
    }
    return best;
  }

  /// A FilterExpression as sent: attribute names `#f0`, `#f1`, ... and values `:f0`, ... (each
  /// parameter the value of the attribute it is compared with in the plan's target item, or in
  /// the first item read that has it; a set's first element for `contains`), and the condition
  /// with its parameters replaced by those values (for filter_holds).
  struct Filter {
    std::string expression;
    json names = json::object(), values = json::object();
    std::optional<ExprNode> root;
  };

  std::optional<Filter> filter_request(const ExprNode& node, const QueryPlan& plan,
                                       const std::vector<const Written*>& read) const {
    // The parameters' values first.
    std::map<std::string, json> parameters;
    bool missing = false;
    walk(node, [&](const ExprNode& n) {
      for (const auto& [attribute, other] : comparisons(n)) {
        if (other->kind != ExprOperand::Kind::parameter || parameters.count(other->text)) continue;
        std::vector<const Written*> from = {plan.target};
        from.insert(from.end(), read.begin(), read.end());
        json value;
        for (const Written* w : from)
          if (w && w->item.contains(attribute->text)) {
            value = w->item[attribute->text];
            break;
          }
        if (n.kind == ExprNode::Kind::contains && value.is_object()) {
          if (value.contains("SS"))
            value = {{"S", value["SS"].at(0)}};
          else if (value.contains("NS"))
            value = {{"N", value["NS"].at(0)}};
        }
        if (value.is_null()) missing = true;
        parameters[other->text] = value;
      }
    });
    if (missing) return std::nullopt;
    Filter f;
    std::map<std::string, std::string> name_of;
    int values = 0;
    const auto operand = [&](ExprOperand& o) -> std::string {
      if (o.kind == ExprOperand::Kind::attribute) {
        auto [it, fresh] = name_of.emplace(o.text, "#f" + std::to_string(name_of.size()));
        if (fresh) f.names[it->second] = o.text;
        return it->second;
      }
      json value;
      if (o.kind == ExprOperand::Kind::parameter) {
        value = parameters[o.text];
        // As a literal of its type, for filter_holds (S and N compare; others by type only).
        if (value.contains("N"))
          o = {ExprOperand::Kind::number, value["N"].get<std::string>(), o.location};
        else if (value.contains("S"))
          o = {ExprOperand::Kind::string, value["S"].get<std::string>(), o.location};
        else if (value.contains("BOOL"))
          o = {ExprOperand::Kind::boolean, value["BOOL"].get<bool>() ? "true" : "false", o.location};
      } else if (o.kind == ExprOperand::Kind::number) {
        value = {{"N", o.text}};
      } else if (o.kind == ExprOperand::Kind::boolean) {
        value = {{"BOOL", o.text == "true"}};
      } else {
        value = {{"S", o.text}};
      }
      std::string name = ":f" + std::to_string(values++);
      f.values[name] = value;
      return name;
    };
    f.root = node;
    std::function<std::string(ExprNode&)> render = [&](ExprNode& n) -> std::string {
      using K = ExprNode::Kind;
      std::vector<std::string> o;  // the operands' placeholders, numbered in the order of the text
      for (auto& x : n.operands) o.push_back(operand(x));
      switch (n.kind) {
        case K::and_:
        case K::or_: {
          // Left first: the placeholders are numbered in the order of the text.
          const std::string left = render(n.children[0]);
          return "(" + left + (n.kind == K::and_ ? " AND " : " OR ") + render(n.children[1]) + ")";
        }
        case K::not_:
          return "(NOT " + render(n.children[0]) + ")";
        case K::compare:
          return o[0] + " " + n.op + " " + o[1];
        case K::between:
          return o[0] + " BETWEEN " + o[1] + " AND " + o[2];
        case K::in: {
          std::string out = o[0] + " IN (";
          for (std::size_t i = 1; i < o.size(); ++i) out += (i > 1 ? ", " : "") + o[i];
          return out + ")";
        }
        case K::attribute_exists:
          return "attribute_exists(" + o[0] + ")";
        case K::attribute_not_exists:
          return "attribute_not_exists(" + o[0] + ")";
        case K::begins_with:
          return "begins_with(" + o[0] + ", " + o[1] + ")";
        case K::contains:
          return "contains(" + o[0] + ", " + o[1] + ")";
      }
      return "";
    };
    f.expression = render(*f.root);
    return f;
  }

  /// DynamoDB's value of a filter (its parameters replaced by literals) on a sample item:
  /// model/membership.hpp's semantics, and `contains` on a string or a set.
  static bool filter_holds(const ExprNode& n, const json& item) {
    using K = ExprNode::Kind;
    switch (n.kind) {
      case K::and_:
        return filter_holds(n.children[0], item) && filter_holds(n.children[1], item);
      case K::or_:
        return filter_holds(n.children[0], item) || filter_holds(n.children[1], item);
      case K::not_:
        return !filter_holds(n.children[0], item);
      case K::contains: {
        const std::string name = n.operands[0].text, needle = n.operands[1].text;
        if (!item.contains(name)) return false;
        const json& v = item[name];
        if (v.contains("S")) return v["S"].get<std::string>().find(needle) != std::string::npos;
        for (const char* set : {"SS", "NS"})
          if (v.contains(set))
            for (const auto& e : v[set])
              if (e.get<std::string>() == needle) return true;
        return false;
      }
      default: {
        std::map<std::string, MemberValue> values;
        for (const auto& o : n.operands) {
          if (o.kind != ExprOperand::Kind::attribute || !item.contains(o.text)) continue;
          const json& v = item[o.text];
          MemberValue m;
          m.kind = MemberValue::Kind::other;
          if (v.contains("S")) m.kind = MemberValue::Kind::s, m.s = v["S"].get<std::string>();
          if (v.contains("N")) m.kind = MemberValue::Kind::n, m.s = v["N"].get<std::string>(), m.n = std::stod(m.s);
          if (v.contains("BOOL")) m.kind = MemberValue::Kind::b, m.b = v["BOOL"].get<bool>();
          values[o.text] = m;
        }
        return membership_holds(n, values);
      }
    }
  }

  void query(const AccessPattern& p, PatternResult& r) {
    r.unit = "RCU";
    const KeySpace& space = key_space(p.index);
    const bool scan = p.operation == Operation::Scan;
    auto plan = choose_plan(p, space);
    if (!plan) return not_verifiable(r, "no item of " + (p.entities.empty() ? "?" : p.entities[0]) + " to read");
    if (!plan->unverifiable.empty()) return not_verifiable(r, plan->unverifiable);
    r.notes.insert(r.notes.end(), plan->notes.begin(), plan->notes.end());
    json& request = plan->request;
    auto& candidates = plan->candidates;
    const bool order_known = !scan && !sort_keys(space).empty();
    if (p.limit && static_cast<std::size_t>(*p.limit) < candidates.size()) {
      if (!order_known)
        return not_verifiable(r, "Limit cuts an unordered result: which items come back is the engine's choice");
      candidates.resize(static_cast<std::size_t>(*p.limit));
    }
    // The filter (sent with the sample's values for its parameters) leaves `kept` of the items
    // read; Limit counts the items read before it (Query.Other.html#Query.Limit).
    std::vector<const Written*> kept = candidates;
    if (p.filter) {
      const auto filter = filter_request(*p.filter.root, *plan, candidates);
      if (!filter) return not_verifiable(r, "no sample value for a parameter of the filter");
      request["FilterExpression"] = filter->expression;
      for (const auto& [k, v] : filter->names.items()) request["ExpressionAttributeNames"][k] = v;
      for (const auto& [k, v] : filter->values.items()) request["ExpressionAttributeValues"][k] = v;
      std::erase_if(kept, [&](const Written* w) { return !filter_holds(*filter->root, w->item); });
      r.notes.push_back("filter sent: " + filter->expression + " (" + std::to_string(kept.size()) + " of " +
                        std::to_string(candidates.size()) + " items read pass it)");
    }
    const auto response = call(scan ? "Scan" : "Query", request);
    std::multiset<std::string> expected, returned;
    std::set<std::string> other_entities;
    std::int64_t bytes = 0;
    for (const Written* w : candidates) bytes = sat_add(bytes, bytes_in(*w, space));
    for (const Written* w : kept) {
      expected.insert(identity(model_, w->item));
      if (std::find(p.entities.begin(), p.entities.end(), w->entity) == p.entities.end())
        other_entities.insert(w->entity);
    }
    if (p.filter && response.value("ScannedCount", candidates.size()) != candidates.size())
      mismatch(r, "verify/items",
               "read " + std::to_string(response.value("ScannedCount", 0)) + " items before the filter where " +
                   std::to_string(candidates.size()) + " were expected (ScannedCount)");
    for (const auto& item : response.value("Items", json::array())) returned.insert(identity(model_, item));
    r.items_expected = expected.size();
    r.items_returned = returned.size();
    if (expected != returned)
      mismatch(r, "verify/items",
               "returned " + std::to_string(returned.size()) + " items where the key condition" +
                   std::string(p.filter ? " and the filter select " : " selects ") + std::to_string(expected.size()) +
                   " (or other ones)");
    if (response.contains("LastEvaluatedKey") && !p.limit)
      r.notes.emplace_back("the result was paged: first page only");
    const PatternCoverage* c = analysis_.coverage.pattern(p.id);
    for (const auto& other : other_entities) {
      const bool known = c && std::find(c->also_returns.begin(), c->also_returns.end(), other) != c->also_returns.end();
      r.notes.push_back("also returns " + other + " items" + (known ? " (as the coverage proof says)" : ""));
      if (!known && !scan)
        mismatch(r, "verify/items", "also returns " + other + " items, which the coverage proof does not expect");
    }
    // One rounded sum of the entries read (before any filter): read-write-operations.html, Query.
    r.units.push_back({space_name(space), read_units(bytes, read_factor(p, space)), std::nullopt, {}});
    set_measured(r, response);
    // A Query that finds nothing still costs the minimum read (API_Query.html: "Queries that do
    // not return results consume the minimum number of read capacity units for that type of read
    // operation"); dynalite charges 0 for it. That difference is the engine's: noted, not compared.
    if (candidates.empty() && r.units.back().measured && *r.units.back().measured == 0)
      r.units.back().not_compared = "the engine charged 0 for a " + std::string(scan ? "Scan" : "Query") +
                                    " that read no item; DynamoDB charges the minimum read (API_Query.html)";
  }

  /// Units one write costs the table and each GSI, from the item before and after (null: none).
  void write_units_of(const std::optional<Written>& before, const std::optional<Written>& after,
                      PatternResult& r) const {
    const auto size = [&](const std::optional<Written>& w, const KeySpace& space) -> std::int64_t {
      return w ? bytes_in(*w, space) : 0;
    };
    const KeySpace& table = key_space(std::nullopt);
    r.units.push_back({"table", write_units(std::max(size(before, table), size(after, table)), 1), std::nullopt, {}});
    for (const auto& g : model_.table.global_secondary_indexes) {
      const KeySpace& space = key_space(g.name);
      const json old_entry = before ? entry(model_, space, before->item) : json();
      const json new_entry = after ? entry(model_, space, after->item) : json();
      double units = 0;
      if (!old_entry.is_null() && !new_entry.is_null() &&
          index_key_text(space, old_entry) == index_key_text(space, new_entry))
        units = write_units(std::max(size(before, space), size(after, space)), 1);
      else
        units = (old_entry.is_null() ? 0 : write_units(size(before, space), 1)) +
                (new_entry.is_null() ? 0 : write_units(size(after, space), 1));
      if (units > 0) r.units.push_back({g.name, units, std::nullopt, {}});
    }
  }

  void write(const AccessPattern& p, PatternResult& r) {
    r.unit = "WCU";
    const std::string entity = p.entities.empty() ? "" : p.entities[0];
    const Written* target = largest(entity);
    json request = {{"TableName", result_.table}, {"ReturnConsumedCapacity", "INDEXES"}};
    std::optional<Written> before, after;
    const std::string pk = model_.table.partition_key.name;
    if (p.operation == Operation::PutItem) {
      // not_exists or no condition: a new item (kept back above); exists: the largest item again.
      if (p.condition == WriteCondition::exists) {
        if (target) before = after = *target;
      } else {
        after = take_spare(entity);
      }
      if (!after) return not_verifiable(r, "no " + entity + " item to write");
      request["Item"] = after->item;
      if (p.condition != WriteCondition::none) {
        request["ConditionExpression"] =
            p.condition == WriteCondition::exists ? "attribute_exists(#k)" : "attribute_not_exists(#k)";
        request["ExpressionAttributeNames"] = {{"#k", pk}};
      }
    } else {
      if (!target) return not_verifiable(r, "no " + entity + " item to write");
      request["Key"] = primary_key(model_, target->item);
      before = *target;
      if (p.operation == Operation::UpdateItem) {
        // Each `set` and `add` attribute written again with its value (the item keeps its size),
        // but a `set` input of a secondary index's key: another value, and the index keys rebuilt
        // from it (as the accessors do), so the item moves between index partitions.
        after = *target;
        std::vector<std::string> moved_keys;
        const std::vector<std::string> moved = move_index_keys(p, after->item, moved_keys);
        std::vector<std::string> set = p.set;
        set.insert(set.end(), moved_keys.begin(), moved_keys.end());
        json names = json::object(), values = json::object();
        const std::string expression = rewrite_expression(set, p.add, after->item, names, values);
        if (expression.empty()) return not_verifiable(r, "no attribute to update");
        request["UpdateExpression"] = expression;
        request["ExpressionAttributeNames"] = names;
        request["ExpressionAttributeValues"] = values;
        if (moved.empty()) {
          r.notes.emplace_back("set/add attributes rewritten with their values (the item keeps its size)");
        } else {
          std::string list;
          for (const auto& m : moved) list += (list.empty() ? "" : ", ") + m;
          std::string keys;
          for (const auto& m : moved_keys) keys += (keys.empty() ? "" : ", ") + m;
          r.notes.push_back("index key inputs given other values (" + list + ")" +
                            (keys.empty() ? std::string() : ", " + keys + " rebuilt") +
                            ": the item moves in the index; it is put back afterwards");
        }
      }
    }
    const auto response = call(std::string(dynamodel::to_string(p.operation)), request);
    // The item the engine holds afterwards must be the one written (or gone after DeleteItem).
    const json& key_item = after ? after->item : before->item;
    const auto check = call(
        "GetItem", {{"TableName", result_.table}, {"Key", primary_key(model_, key_item)}, {"ConsistentRead", true}});
    r.items_expected = after ? 1 : 0;
    r.items_returned = check.contains("Item") ? 1 : 0;
    if (r.items_returned != r.items_expected || (after && check.contains("Item") &&
                                                 (identity(model_, check["Item"]) != identity(model_, after->item) ||
                                                  item_bytes(check["Item"]) != item_bytes(after->item))))
      mismatch(r, "verify/items", "the item read back is not the one written");
    if (Written* w = written(identity(model_, key_item))) {
      w->present = after.has_value();
    } else if (after) {
      items_.push_back(*after);
      items_.back().present = true;
    }
    write_units_of(before, after, r);
    set_measured(r, response);
    if (before && after && identity(model_, before->item) == identity(model_, after->item) &&
        before->item != after->item && p.operation == Operation::UpdateItem) {
      check_index_move(r, *before, *after);
      call("PutItem", {{"TableName", result_.table}, {"Item", before->item}});  // as it was for later patterns
    }
  }

  /// Another value of `a`'s type, as long as `value` where it can be: an enum's next value, the
  /// last character or digit changed, a boolean negated; null when there is none (B, sets, L, M).
  static json other_value(const Attribute& a, const json& value) {
    if (!a.enum_values.empty() && (value.contains("S") || value.contains("N"))) {
      const std::string type = value.contains("S") ? "S" : "N";
      const std::string now = value[type].get<std::string>();
      const auto it = std::find(a.enum_values.begin(), a.enum_values.end(), now);
      if (a.enum_values.size() < 2) return nullptr;
      const std::size_t i = it == a.enum_values.end() ? 0 : static_cast<std::size_t>(it - a.enum_values.begin());
      return {{type, a.enum_values[(i + 1) % a.enum_values.size()]}};
    }
    if (value.contains("S")) {
      std::string text = value["S"].get<std::string>();
      if (text.empty()) return {{"S", "x"}};
      text.back() = text.back() == 'x' ? 'y' : 'x';
      return {{"S", text}};
    }
    if (value.contains("N")) {
      std::string text = value["N"].get<std::string>();
      const auto last = text.find_last_of("0123456789");
      if (last == std::string::npos) return nullptr;
      text[last] = text[last] == '9' ? '8' : '9';
      return {{"N", text}};
    }
    if (value.contains("BOOL")) return {{"BOOL", !value["BOOL"].get<bool>()}};
    return nullptr;
  }

  /// The `set` attributes of UpdateItem `p` that are inputs of a secondary index's key template
  /// of its entity (not read by an `index_when` condition, whose membership would change),
  /// given another value in `item`, and the index key attributes rebuilt from them
  /// (`moved_keys`). Returns the attributes changed.
  std::vector<std::string> move_index_keys(const AccessPattern& p, json& item,
                                           std::vector<std::string>& moved_keys) const {
    std::vector<std::string> changed;
    const Entity* e = p.entities.empty() ? nullptr : model_.entity(p.entities[0]);
    if (!e) return changed;
    const auto table_key = [&](const std::string& name) {
      return name == model_.table.partition_key.name || (model_.table.sort_key && name == model_.table.sort_key->name);
    };
    for (const auto& a : p.set) {
      const Attribute* attribute = e->attribute(a);
      if (!attribute || attribute->key_only || !item.contains(a)) continue;
      bool input = false, fixed = false;  // an input of an index key; of the primary key (never moves)
      for (const EntityKey& k : e->keys) {
        const auto ph = k.key_template.placeholders();
        if (std::find(ph.begin(), ph.end(), a) == ph.end()) continue;
        (table_key(k.attribute) ? fixed : input) = true;
      }
      // A key attribute of a multi-attribute GSI is the entity's own attribute (no template).
      for (const KeySpace& space : analysis_.resolved->key_spaces())
        if (space.multi_attribute())
          for (const KeyAttribute* k : space.keys()) input = input || k->name == a;
      for (const IndexMembership& m : e->index_when)
        for (const ExprOperand* o : m.condition.attributes()) fixed = fixed || o->text == a;
      if (!input || fixed) continue;
      json other = other_value(*attribute, item[a]);
      if (other.is_null()) continue;
      item[a] = other;
      changed.push_back(a);
    }
    if (changed.empty()) return changed;
    for (const EntityKey& k : e->keys) {
      if (table_key(k.attribute)) continue;
      const auto ph = k.key_template.placeholders();
      if (std::none_of(ph.begin(), ph.end(), [&](const std::string& x) {
            return std::find(changed.begin(), changed.end(), x) != changed.end();
          }))
        continue;
      const auto text = resolve(k.key_template, item);
      if (!text || !item.contains(k.attribute)) continue;
      const std::string type = item[k.attribute].begin().key();
      item[k.attribute] = {{type, *text}};
      if (std::find(changed.begin(), changed.end(), k.attribute) == changed.end()) moved_keys.push_back(k.attribute);
    }
    return changed;
  }

  /// After an UpdateItem that moved the item in an index: every GSI and LSI whose key changed
  /// holds the item under its new key and no longer under the old one (a Query of each).
  void check_index_move(PatternResult& r, const Written& before, const Written& after) {
    for (const auto& g : model_.table.global_secondary_indexes) check_moved_in(r, key_space(g.name), before, after);
    for (const auto& l : model_.table.local_secondary_indexes) check_moved_in(r, key_space(l.name), before, after);
  }

  void check_moved_in(PatternResult& r, const KeySpace& space, const Written& before, const Written& after) {
    const bool was = !entry(model_, space, before.item).is_null(), is = !entry(model_, space, after.item).is_null();
    if (!was && !is) return;
    if (was && is && index_key_text(space, before.item) == index_key_text(space, after.item)) return;
    const std::string id = identity(model_, after.item);
    const auto holds = [&](const json& item) {
      // `=` on every key attribute (all of a multi-attribute key's): `#k0 = :k0 AND #k1 = :k1 ...`
      json names = json::object(), values = json::object();
      std::string expression;
      const auto keys = space.keys();
      for (std::size_t i = 0; i < keys.size(); ++i) {
        const std::string n = std::to_string(i);
        names["#k" + n] = keys[i]->name;
        values[":k" + n] = item[keys[i]->name];
        expression += (i == 0 ? "#k" : " AND #k") + n + " = :k" + n;
      }
      const auto response = call("Query", {{"TableName", result_.table},
                                           {"IndexName", space.name},
                                           {"KeyConditionExpression", expression},
                                           {"ExpressionAttributeNames", names},
                                           {"ExpressionAttributeValues", values}});
      for (const auto& i : response.value("Items", json::array()))
        if (identity(model_, i) == id) return true;
      return false;
    };
    const bool moved_in = !is || holds(after.item), moved_out = !was || !holds(before.item);
    if (!moved_in || !moved_out)
      mismatch(r, "verify/items",
               space.name + " does not reflect the key change: the item is " +
                   (moved_in ? "still under its old key" : "not under its new key"));
    else
      r.notes.push_back(space.name + " reflects the key change (the item moved to its new key)");
  }

  /// The items of `p`'s entity a batch reads or writes: `returns` of them (default 1), the
  /// largest first, then typical ones.
  std::vector<const Written*> batch_items(const AccessPattern& p) const {
    std::vector<const Written*> out;
    const std::string entity = p.entities.empty() ? "" : p.entities[0];
    const auto wanted = static_cast<std::size_t>(std::max<std::int64_t>(1, p.returns.value_or(1)));
    if (const Written* w = largest(entity)) out.push_back(w);
    for (const auto& w : items_)
      if (out.size() < wanted && w.present && w.entity == entity && !w.largest) out.push_back(&w);
    return out;
  }

  void batch_get(const AccessPattern& p, PatternResult& r) {
    r.unit = "RCU";
    json keys = json::array();
    double estimate = 0;
    std::set<std::string> expected;
    const KeySpace& table = key_space(std::nullopt);
    for (const Written* w : batch_items(p)) {
      expected.insert(identity(model_, w->item));
      keys.push_back(primary_key(model_, w->item));
      // Each item rounded up separately (read-write-operations.html, BatchGetItem).
      estimate += read_units(bytes_in(*w, table), p.consistent_read ? 1 : 0.5);
    }
    if (keys.empty()) return not_verifiable(r, "no item to read");
    const auto response = call(
        "BatchGetItem", {{"RequestItems", {{result_.table, {{"Keys", keys}, {"ConsistentRead", p.consistent_read}}}}},
                         {"ReturnConsumedCapacity", "INDEXES"}});
    std::set<std::string> returned;
    for (const auto& item : response.value("Responses", json::object()).value(result_.table, json::array()))
      returned.insert(identity(model_, item));
    r.items_expected = expected.size();
    r.items_returned = returned.size();
    if (expected != returned) mismatch(r, "verify/items", "BatchGetItem did not return the items asked for");
    r.units.push_back({"table", estimate, std::nullopt, {}});
    set_measured(r, response);
  }

  void batch_write(const AccessPattern& p, PatternResult& r) {
    r.unit = "WCU";
    json requests = json::array();
    for (const Written* w : batch_items(p)) {
      requests.push_back({{"PutRequest", {{"Item", w->item}}}});
      PatternResult one;
      write_units_of(*w, *w, one);  // each item its own rounded units
      for (const auto& u : one.units) {
        auto it =
            std::find_if(r.units.begin(), r.units.end(), [&](const Units& x) { return x.key_space == u.key_space; });
        if (it == r.units.end())
          r.units.push_back(u);
        else
          it->estimated += u.estimated;
      }
    }
    if (requests.empty()) return not_verifiable(r, "no item to write");
    const auto response =
        call("BatchWriteItem", {{"RequestItems", {{result_.table, requests}}}, {"ReturnConsumedCapacity", "INDEXES"}});
    const auto unprocessed = response.value("UnprocessedItems", json::object());
    r.items_expected = requests.size();
    r.items_returned = requests.size() - (unprocessed.contains(result_.table) ? unprocessed[result_.table].size() : 0);
    if (r.items_returned != r.items_expected) mismatch(r, "verify/items", "BatchWriteItem left items unprocessed");
    r.notes.emplace_back("items written put again (same size)");
    set_measured(r, response);
  }

  /// A present item of `entity` that no other action of the transaction uses: the largest
  /// first (or a typical one first with `typical_first`: a DeleteItem keeps the largest for
  /// later patterns).
  const Written* unused_item(const std::string& entity, const std::set<std::string>& used, bool typical_first) const {
    const Written* out = nullptr;
    for (const auto& w : items_) {
      if (!w.present || w.entity != entity || used.count(identity(model_, w.item))) continue;
      if (!out || (w.largest != typical_first && out->largest == typical_first)) out = &w;
    }
    return out;
  }

  /// `SET` of each `set` and `add` attribute of an update with its own value (the item keeps its
  /// size): the expression, names and values; empty when the item has none of them.
  static std::string rewrite_expression(const std::vector<std::string>& set, const std::vector<std::string>& add,
                                        const json& item, json& names, json& values) {
    std::string expression;
    int i = 0;
    std::vector<std::string> attributes = set;
    attributes.insert(attributes.end(), add.begin(), add.end());
    std::set<std::string> seen;  // each path once (DynamoDB refuses overlapping paths)
    for (const auto& a : attributes) {
      if (!item.contains(a) || !seen.insert(a).second) continue;
      const std::string n = std::to_string(i++);
      expression += (expression.empty() ? "SET " : ", ") + ("#a" + n) + " = :v" + n;
      names["#a" + n] = a;
      values[":v" + n] = item[a];
    }
    return expression;
  }

  /// Transactions: every action run on sample items of its entity (a new item for a PutItem
  /// not_exists, an existing one otherwise, each action its own item), and the items checked
  /// afterwards (read back consistently; TransactGetItems: the items returned). Keyword
  /// conditions are sent; value conditions are not (their parameters have no sample values).
  /// Capacity is not compared: the engines that run transactions (moto) do not account it as
  /// DynamoDB does, and dynalite has no transactions (UnknownOperationException: not verifiable).
  void transaction(const AccessPattern& p, PatternResult& r) {
    const bool get = p.operation == Operation::TransactGetItems;
    r.unit = get ? "RCU" : "WCU";
    const std::string op(dynamodel::to_string(p.operation));
    const std::string pk = model_.table.partition_key.name;
    struct Step {
      const Action* action = nullptr;
      std::optional<Written> before, after;
    };
    std::vector<Step> steps;
    std::set<std::string> used;
    json actions = json::array();
    bool value_conditions = false;
    for (const Action& a : p.actions) {
      Step step{&a, std::nullopt, std::nullopt};
      json body = {{"TableName", result_.table}};
      std::string condition;
      if (a.condition == WriteCondition::exists) condition = "attribute_exists(#k)";
      if (a.condition == WriteCondition::not_exists) condition = "attribute_not_exists(#k)";
      value_conditions = value_conditions || static_cast<bool>(a.condition_expression);
      const Written* target = nullptr;
      if ((a.operation == Operation::PutItem && a.condition != WriteCondition::exists) ||
          (a.operation == Operation::ConditionCheck && a.condition == WriteCondition::not_exists)) {
        step.after = take_spare(a.entity);
        if (!step.after) return not_verifiable(r, "no new " + a.entity + " item for " + op);
        if (a.operation == Operation::ConditionCheck) {
          body["Key"] = primary_key(model_, step.after->item);
          step.after.reset();
        } else {
          body["Item"] = step.after->item;
        }
      } else {
        target = unused_item(a.entity, used, a.operation == Operation::DeleteItem);
        if (!target) return not_verifiable(r, "no " + a.entity + " item for " + op);
        step.before = *target;
        if (a.operation == Operation::PutItem) {
          step.after = *target;
          body["Item"] = target->item;
        } else {
          body["Key"] = primary_key(model_, target->item);
        }
        if (a.operation == Operation::ConditionCheck || a.operation == Operation::UpdateItem) step.after = *target;
        if (a.operation == Operation::ConditionCheck && condition.empty()) condition = "attribute_exists(#k)";
        if (a.operation == Operation::UpdateItem) {
          json names = json::object(), values = json::object();
          const std::string expression = rewrite_expression(a.set, a.add, target->item, names, values);
          if (expression.empty()) return not_verifiable(r, a.entity + " UpdateItem action: no attribute to update");
          body["UpdateExpression"] = expression;
          body["ExpressionAttributeNames"] = names;
          body["ExpressionAttributeValues"] = values;
        }
      }
      const json& item = step.after ? step.after->item : step.before ? step.before->item : body["Key"];
      used.insert(identity(model_, item));
      if (!condition.empty() && a.operation != Operation::GetItem) {
        body["ConditionExpression"] = condition;
        body["ExpressionAttributeNames"]["#k"] = pk;
      }
      static const std::map<Operation, std::string> kind = {{Operation::PutItem, "Put"},
                                                            {Operation::UpdateItem, "Update"},
                                                            {Operation::DeleteItem, "Delete"},
                                                            {Operation::ConditionCheck, "ConditionCheck"},
                                                            {Operation::GetItem, "Get"}};
      const auto k = kind.find(a.operation);
      if (k == kind.end()) return not_verifiable(r, std::string(dynamodel::to_string(a.operation)) + " action");
      actions.push_back({{k->second, body}});
      steps.push_back(std::move(step));
    }
    if (steps.empty()) return not_verifiable(r, "no action");
    const auto response = call(op, {{"TransactItems", actions}, {"ReturnConsumedCapacity", "INDEXES"}});
    if (value_conditions) r.notes.emplace_back("value conditions not sent (no sample values for their parameters)");
    std::size_t expected = 0, confirmed = 0;
    if (get) {
      const auto responses = response.value("Responses", json::array());
      for (std::size_t i = 0; i < steps.size(); ++i) {
        ++expected;
        if (i < responses.size() && responses[i].contains("Item") &&
            identity(model_, responses[i]["Item"]) == identity(model_, steps[i].before->item))
          ++confirmed;
      }
    } else {
      for (const Step& step : steps) {
        if (step.action->operation == Operation::ConditionCheck) continue;  // nothing written
        ++expected;
        const json& key_item = step.after ? step.after->item : step.before->item;
        const auto check =
            call("GetItem",
                 {{"TableName", result_.table}, {"Key", primary_key(model_, key_item)}, {"ConsistentRead", true}});
        const bool ok = step.after ? check.contains("Item") &&
                                         identity(model_, check["Item"]) == identity(model_, step.after->item) &&
                                         item_bytes(check["Item"]) == item_bytes(step.after->item)
                                   : !check.contains("Item");
        confirmed += ok ? 1 : 0;
        if (Written* w = written(identity(model_, key_item))) {
          w->present = step.after.has_value();
        } else if (step.after) {
          items_.push_back(*step.after);
          items_.back().present = true;
        }
      }
    }
    r.items_expected = expected;
    r.items_returned = confirmed;
    if (confirmed != expected)
      mismatch(r, "verify/items",
               op + ": " + std::to_string(confirmed) + " of " + std::to_string(expected) +
                   " items read back as the actions wrote them");
    r.notes.push_back(op + " run with " + std::to_string(steps.size()) +
                      " actions; items checked, capacity not compared (transactions are checked for items only)");
  }

  const Model& model_;
  const Analysis& analysis_;
  const Options& options_;
  live::Connection& db_;
  Result& result_;
  std::vector<Written> items_, spares_;
};

std::string unique_table_name(const Model& model) {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now).count();
  std::string name = "dynamodel-verify-" + model.name.substr(0, 150) + "-" + std::to_string(ms) + "-" +
                     std::to_string(static_cast<long>(::getpid()));
  return name;
}

/// CreateTable of the model's keys and indexes, on demand (verify needs no capacity, stream,
/// encryption, tags or deletion protection); waits until ACTIVE.
void create_table(live::Connection& db, const Model& model, const Options& o, const std::string& name) {
  auto request = create_table_request(model);
  // The table settings of issue 16 too: an on-demand maximum could throttle the run, and warm
  // throughput is billed; neither changes what verify measures.
  for (const char* field : {"ProvisionedThroughput", "StreamSpecification", "SSESpecification", "Tags", "TableClass",
                            "DeletionProtectionEnabled", "OnDemandThroughput", "WarmThroughput"})
    request.erase(field);
  request["BillingMode"] = "PAY_PER_REQUEST";
  if (request.contains("GlobalSecondaryIndexes"))
    for (auto& g : request["GlobalSecondaryIndexes"])
      for (const char* field : {"ProvisionedThroughput", "OnDemandThroughput", "WarmThroughput"}) g.erase(field);
  request["TableName"] = name;
  try {
    db.call("CreateTable", json::parse(request.dump()));
  } catch (const live::CallError& e) {
    if (e.type() == "ResourceInUseException")
      throw VerifyError("table " + name + " exists at " + o.endpoint + ": verify never writes to an existing table");
    if (e.type() == "NetworkError") throw VerifyError(o.endpoint + " does not answer: " + e.what());
    throw VerifyError(o.endpoint + " refused CreateTable of " + name + ": " + e.what());
  }
  for (int i = 0; i < 600; ++i) {
    try {
      const auto d = db.call("DescribeTable", {{"TableName", name}});
      if (d["Table"].value("TableStatus", "") == "ACTIVE") return;
    } catch (const live::CallError&) {
      // not yet visible
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  throw VerifyError("table " + name + " did not become ACTIVE at " + o.endpoint + " within 60 s");
}

}  // namespace

Result run(const Model& model, const Analysis& analysis, const std::string& model_file, const Options& options) {
  if (is_aws_endpoint(options.endpoint) && !options.allow_aws)
    throw VerifyError(options.endpoint +
                      " is AWS itself: verify creates a table and writes items there; pass --allow-aws to do so");
  Result result;
  result.model_file = model_file;
  result.endpoint = options.endpoint;
  result.table = options.table.empty() ? unique_table_name(model) : options.table;
  result.kept = options.keep;
  result.items_only = options.items_only;
  std::unique_ptr<live::Connection> db;
  try {
    db = std::make_unique<live::Connection>(options.endpoint);
  } catch (const live::LiveError& e) {
    throw VerifyError(e.what());
  }
  create_table(*db, model, options, result.table);
  const auto drop = [&] {
    if (options.keep) return;
    try {
      db->call("DeleteTable", {{"TableName", result.table}});
    } catch (const live::CallError&) {
      // The run's outcome stands; a table left behind is named in the output.
    }
  };
  try {
    Runner runner(model, analysis, options, *db, result);
    runner.write_items();
    runner.run_patterns();
  } catch (const live::CallError& e) {
    drop();
    throw VerifyError(options.endpoint + " refused a sample item: " + e.what());
  } catch (...) {
    drop();
    throw;
  }
  drop();
  // Capacity is compared per key space the engine reports; say once why some show n/a.
  bool unreported = false;
  for (const auto& p : result.patterns)
    for (const auto& u : p.units) unreported = unreported || !u.measured;
  if (unreported)
    result.notes.emplace_back(
        "n/a: the engine reported no units for that key space in ConsumedCapacity (dynalite reports none for GSI "
        "and LSI writes); not compared");
  const auto& disabled = model.lint.disable;
  std::erase_if(result.findings, [&disabled](const Diagnostic& d) {
    return std::find(disabled.begin(), disabled.end(), d.rule) != disabled.end();
  });
  sort_diagnostics(result.findings);
  return result;
}

}  // namespace dynamodel::verify
