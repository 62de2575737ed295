// `dynamodel verify`: items, patterns and capacity checked on a live engine (verify/verify.hpp).
#include "verify/verify.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <map>
#include <set>
#include <sstream>
#include <thread>
#include <unistd.h>

#include "analysis/sizes.hpp"
#include "gen/deployed.hpp"
#include "live/live.hpp"
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
  out.push_back(Diagnostic{std::string(r.id), r.severity, std::move(message), p.location, p.path, {}});
}

std::string units_text(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

/// The sort-key part of a KeyConditionExpression on `#s` with values `:a` (and `:b`).
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html
std::string sort_expression(KeyCondition::Op op) {
  switch (op) {
    case KeyCondition::Op::eq:
      return "#s = :a";
    case KeyCondition::Op::begins_with:
      return "begins_with(#s, :a)";
    case KeyCondition::Op::between:
      return "#s BETWEEN :a AND :b";
    case KeyCondition::Op::lt:
      return "#s < :a";
    case KeyCondition::Op::le:
      return "#s <= :a";
    case KeyCondition::Op::gt:
      return "#s > :a";
    case KeyCondition::Op::ge:
      return "#s >= :a";
  }
  return "#s = :a";
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

/// The key schema of the table, a GSI or an LSI.
struct KeySpaceInfo {
  std::string name;  ///< "table" or the index
  bool gsi = false, lsi = false;
  KeyAttribute partition;
  std::optional<KeyAttribute> sort;
  const Projection* projection = nullptr;
};

KeySpaceInfo key_space(const Model& model, const std::optional<std::string>& index) {
  const Table& t = model.table;
  KeySpaceInfo k{"table", false, false, t.partition_key, t.sort_key, nullptr};
  if (!index) return k;
  for (const auto& g : t.global_secondary_indexes)
    if (g.name == *index) return {g.name, true, false, g.partition_key, g.sort_key, &g.projection};
  for (const auto& l : t.local_secondary_indexes)
    if (l.name == *index) return {l.name, false, true, t.partition_key, l.sort_key, &l.projection};
  return k;
}

/// The item as the key space holds it (null when it is not in it: a sparse index): the table's
/// item, or the index entry (index keys, table keys and projected attributes).
json entry(const Model& model, const KeySpaceInfo& space, const json& item) {
  if (!key_value(item, space.partition.name) || (space.sort && !key_value(item, space.sort->name))) return nullptr;
  if (!space.projection || space.projection->type == ProjectionType::ALL) return item;
  json out = json::object();
  std::set<std::string> keep = {model.table.partition_key.name, space.partition.name};
  if (model.table.sort_key) keep.insert(model.table.sort_key->name);
  if (space.sort) keep.insert(space.sort->name);
  if (space.projection->type == ProjectionType::INCLUDE)
    keep.insert(space.projection->include.begin(), space.projection->include.end());
  for (const auto& [name, value] : item.items())
    if (keep.count(name)) out[name] = value;
  return out;
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
    for (const auto& p : model_.access_patterns)
      if (p.operation == Operation::PutItem && !p.entities.empty()) ++puts[p.entities[0]];
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

  /// The item a read pattern targets: of the pattern's first entity, in the key space, whose
  /// partition there holds the most items (mixed entities show); the largest item on a tie.
  const Written* read_target(const AccessPattern& p, const KeySpaceInfo& space) const {
    if (p.entities.empty()) return nullptr;
    const Written* best = nullptr;
    std::size_t best_count = 0;
    for (const auto& w : items_) {
      if (!w.present || w.entity != p.entities[0] || entry(model_, space, w.item).is_null()) continue;
      const auto partition = key_value(w.item, space.partition.name);
      std::size_t count = 0;
      for (const auto& other : items_)
        if (other.present && !entry(model_, space, other.item).is_null() &&
            key_value(other.item, space.partition.name) == partition)
          ++count;
      if (!best || count > best_count || (count == best_count && w.largest)) best = &w, best_count = count;
    }
    return best;
  }
  Written* written(const std::string& id) {
    for (auto& w : items_)
      if (identity(model_, w.item) == id) return &w;
    return nullptr;
  }

  /// The bytes the analysis counts for `w` where `space` holds it: for the largest item its
  /// max_item_bytes (or the index entry's max_data_bytes), which capacity estimates use; for a
  /// typical item its own size by DynamoDB's method (item_bytes of the item or entry).
  std::int64_t bytes_in(const Written& w, const KeySpaceInfo& space) const {
    const EntityAnalysis* ea = w.largest ? analysis_.entity(w.entity) : nullptr;
    if (ea && space.name == "table") return ea->max_item_bytes;
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
  static double read_factor(const AccessPattern& p, const KeySpaceInfo& space) {
    return !space.gsi && p.consistent_read ? 1 : 0.5;
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
                       read_units(bytes_in(*target, key_space(model_, std::nullopt)), p.consistent_read ? 1 : 0.5),
                       std::nullopt});
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

  void query(const AccessPattern& p, PatternResult& r) {
    r.unit = "RCU";
    const KeySpaceInfo space = key_space(model_, p.index);
    const bool scan = p.operation == Operation::Scan;
    const Written* target = scan ? (p.entities.empty() ? nullptr : largest(p.entities[0])) : read_target(p, space);
    if (!target) return not_verifiable(r, "no item of " + (p.entities.empty() ? "?" : p.entities[0]) + " to read");
    // The items of the key space, in key order.
    std::vector<const Written*> candidates;
    for (const auto& w : items_)
      if (w.present && !entry(model_, space, w.item).is_null()) candidates.push_back(&w);
    json request = {{"TableName", result_.table}, {"ReturnConsumedCapacity", "INDEXES"}};
    if (p.index) request["IndexName"] = *p.index;
    if (!space.gsi) request["ConsistentRead"] = p.consistent_read;
    if (p.limit) request["Limit"] = *p.limit;
    std::optional<SortCondition> sort;
    if (!scan) {
      const std::string partition = key_value(target->item, space.partition.name).value_or("");
      request["ScanIndexForward"] = p.scan_index_forward;
      json names = {{"#p", space.partition.name}};
      json values = {{":p", {{std::string(to_string(space.partition.type)), partition}}}};
      std::string expression = "#p = :p";
      std::erase_if(candidates,
                    [&](const Written* w) { return key_value(w->item, space.partition.name) != partition; });
      for (const KeyCondition& k : p.key) {
        if (!space.sort || k.attribute != space.sort->name) continue;
        SortCondition c{k.op, {}};
        for (const auto& operand : k.operands)
          if (auto v = resolve(operand, target->item)) c.values.push_back(*v);
        if (c.values.size() != k.operands.size()) {
          // Parameters that are no attribute of the item (`{from}`, `{to}`): the whole partition.
          std::vector<std::string> sorts;
          sorts.reserve(candidates.size());
          for (const Written* w : candidates) sorts.push_back(*key_value(w->item, space.sort->name));
          std::sort(sorts.begin(), sorts.end(),
                    [&](const auto& a, const auto& b) { return key_less(a, b, space.sort->type); });
          if (sorts.empty()) return not_verifiable(r, "no item in the queried partition");
          c = SortCondition{KeyCondition::Op::between, {sorts.front(), sorts.back()}};
          if (k.op == KeyCondition::Op::begins_with) {
            std::string prefix;
            for (const auto& part : k.operands[0].parts) {
              if (part.placeholder) break;
              prefix += part.text;
            }
            c = SortCondition{KeyCondition::Op::begins_with, {prefix}};
          }
          r.notes.push_back("sort-key parameters chosen to span the partition: " + k.attribute + " " +
                            std::string(dynamodel::to_string(c.op)) + " " + c.values[0] +
                            (c.values.size() > 1 ? " AND " + c.values[1] : ""));
        }
        const std::string type(to_string(space.sort->type));
        names["#s"] = space.sort->name;
        values[":a"] = {{type, c.values[0]}};
        if (c.values.size() > 1) values[":b"] = {{type, c.values[1]}};
        expression += " AND " + sort_expression(c.op);
        sort = c;
      }
      request["KeyConditionExpression"] = expression;
      request["ExpressionAttributeNames"] = names;
      request["ExpressionAttributeValues"] = values;
      if (sort)
        std::erase_if(candidates, [&](const Written* w) {
          return !matches(*sort, *key_value(w->item, space.sort->name), space.sort->type);
        });
      if (space.sort) {
        std::stable_sort(candidates.begin(), candidates.end(), [&](const Written* a, const Written* b) {
          return key_less(*key_value(a->item, space.sort->name), *key_value(b->item, space.sort->name),
                          space.sort->type);
        });
        if (!p.scan_index_forward) std::reverse(candidates.begin(), candidates.end());
      }
    }
    if (p.filter)
      r.notes.emplace_back("the filter is not sent: the items compared are those the key condition selects");
    const bool order_known = !scan && space.sort;
    if (p.limit && static_cast<std::size_t>(*p.limit) < candidates.size()) {
      if (!order_known)
        return not_verifiable(r, "Limit cuts an unordered result: which items come back is the engine's choice");
      candidates.resize(static_cast<std::size_t>(*p.limit));
    }
    const auto response = call(scan ? "Scan" : "Query", request);
    std::multiset<std::string> expected, returned;
    std::set<std::string> other_entities;
    std::int64_t bytes = 0;
    for (const Written* w : candidates) {
      expected.insert(identity(model_, w->item));
      bytes = sat_add(bytes, bytes_in(*w, space));
      if (std::find(p.entities.begin(), p.entities.end(), w->entity) == p.entities.end())
        other_entities.insert(w->entity);
    }
    for (const auto& item : response.value("Items", json::array())) returned.insert(identity(model_, item));
    r.items_expected = expected.size();
    r.items_returned = returned.size();
    if (expected != returned)
      mismatch(r, "verify/items",
               "returned " + std::to_string(returned.size()) + " items where the key condition selects " +
                   std::to_string(expected.size()) + " (or other ones)");
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
    r.units.push_back({space.name, read_units(bytes, read_factor(p, space)), std::nullopt});
    set_measured(r, response);
  }

  /// Units one write costs the table and each GSI, from the item before and after (null: none).
  void write_units_of(const std::optional<Written>& before, const std::optional<Written>& after,
                      PatternResult& r) const {
    const auto size = [&](const std::optional<Written>& w, const KeySpaceInfo& space) -> std::int64_t {
      return w ? bytes_in(*w, space) : 0;
    };
    const KeySpaceInfo table = key_space(model_, std::nullopt);
    r.units.push_back({"table", write_units(std::max(size(before, table), size(after, table)), 1), std::nullopt});
    for (const auto& g : model_.table.global_secondary_indexes) {
      const KeySpaceInfo space = key_space(model_, g.name);
      const json old_entry = before ? entry(model_, space, before->item) : json();
      const json new_entry = after ? entry(model_, space, after->item) : json();
      const auto key_of = [&](const json& e) {
        return key_value(e, space.partition.name).value_or("") + "\x1f" +
               (space.sort ? key_value(e, space.sort->name).value_or("") : "");
      };
      double units = 0;
      if (!old_entry.is_null() && !new_entry.is_null() && key_of(old_entry) == key_of(new_entry))
        units = write_units(std::max(size(before, space), size(after, space)), 1);
      else
        units = (old_entry.is_null() ? 0 : write_units(size(before, space), 1)) +
                (new_entry.is_null() ? 0 : write_units(size(after, space), 1));
      if (units > 0) r.units.push_back({g.name, units, std::nullopt});
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
        // Each `set` and `add` attribute written again with its value: the item keeps its size.
        std::string expression;
        json names = json::object(), values = json::object();
        int i = 0;
        std::vector<std::string> attributes = p.set;
        attributes.insert(attributes.end(), p.add.begin(), p.add.end());
        for (const auto& a : attributes) {
          if (!target->item.contains(a)) continue;
          const std::string n = std::to_string(i++);
          expression += (expression.empty() ? "SET " : ", ") + ("#a" + n) + " = :v" + n;
          names["#a" + n] = a;
          values[":v" + n] = target->item[a];
        }
        if (expression.empty()) return not_verifiable(r, "no attribute to update");
        request["UpdateExpression"] = expression;
        request["ExpressionAttributeNames"] = names;
        request["ExpressionAttributeValues"] = values;
        after = *target;
        r.notes.emplace_back("set/add attributes rewritten with their values (the item keeps its size)");
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
    const KeySpaceInfo table = key_space(model_, std::nullopt);
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
    r.units.push_back({"table", estimate, std::nullopt});
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

  /// Transactions: the endpoint is asked whether it implements the operation (an empty request
  /// DynamoDB answers with ValidationException); verify does not run their actions yet.
  void transaction(const AccessPattern& p, PatternResult& r) {
    r.unit = p.operation == Operation::TransactGetItems ? "RCU" : "WCU";
    const std::string op(dynamodel::to_string(p.operation));
    try {
      db_.call(op, {{"TransactItems", json::array()}});
    } catch (const live::CallError& e) {
      if (e.unimplemented()) return not_verifiable(r, op + " is not verifiable on this endpoint (" + e.what() + ")");
    }
    not_verifiable(r, op + " actions are not run by verify yet");
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
