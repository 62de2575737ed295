// Hot partition-key values and hot items (analysis/hot_keys.hpp).
#include "analysis/hot_keys.hpp"
#include "analysis/sizes.hpp"
#include "model/key_split.hpp"
#include "model/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

namespace dynamodel {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// `createdDay` -> {created, day}; `hour_bucket` -> {hour, bucket}; `yyyyMMdd` -> {yyyy, mmdd}.
std::vector<std::string> name_words(std::string_view name) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) words.push_back(lower(word));
    word.clear();
  };
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (!std::isalpha(c)) {
      flush();
      continue;
    }
    if (std::isupper(c) && i > 0 && std::islower(static_cast<unsigned char>(name[i - 1]))) flush();
    word.push_back(static_cast<char>(c));
  }
  flush();
  return words;
}

bool bucket_word(const std::string& w) {
  static const std::set<std::string> kWords = {"day",    "date",   "hour",  "minute", "week",   "month",  "year",
                                               "bucket", "period", "daily", "hourly", "weekly", "monthly"};
  return kWords.count(w) > 0;
}

bool is_write(Operation op) {
  return op == Operation::PutItem || op == Operation::UpdateItem || op == Operation::DeleteItem ||
         op == Operation::BatchWriteItem;
}

/// Pattern analyses by id, built once per compute_hot_keys call (lookups in loops stay O(log n)).
using PatternIndex = std::map<std::string, const PatternAnalysis*, std::less<>>;

const PatternAnalysis* pattern_of(const PatternIndex& index, const std::string& id) {
  auto it = index.find(id);
  return it == index.end() ? nullptr : it->second;
}

/// One kind of write to an entity: its rate in items per second and what it touches.
struct WriteRef {
  std::string pattern;
  Operation operation = Operation::PutItem;
  bool transaction = false;
  double items_per_second = 0;
  std::set<std::string> touched;  ///< attributes an UpdateItem sets or adds; empty: unknown (a put)
};

std::vector<WriteRef> writes_of(const Model& m, const PatternIndex& a, const Entity& e,
                                const std::vector<std::size_t>& relevant, double assumed) {
  std::vector<WriteRef> out;
  auto touched = [&](const std::vector<std::string>& set, const std::vector<std::string>& add, bool lock) {
    std::set<std::string> t(set.begin(), set.end());
    t.insert(add.begin(), add.end());
    if (lock)
      for (const auto& attr : e.attributes)
        if (attr.role == AttributeRole::version) t.insert(attr.name);
    return t;
  };
  for (std::size_t i : relevant) {
    const auto& ap = m.access_patterns[i];
    const double rate = ap.rate_per_second.value_or(assumed);
    if (ap.operation == Operation::TransactWriteItems) {
      for (const auto& act : ap.actions)
        if (act.entity == e.name && is_write(act.operation))
          out.push_back({ap.id, act.operation, true, rate, touched(act.set, act.add, act.optimistic_lock)});
      continue;
    }
    if (!is_write(ap.operation) || std::find(ap.entities.begin(), ap.entities.end(), e.name) == ap.entities.end())
      continue;
    double items = 1;
    if (ap.operation == Operation::BatchWriteItem) {
      const auto* pa = pattern_of(a, ap.id);
      if (pa && pa->items_per_call > 0)
        items = pa->items_per_call;
      else if (ap.returns)
        items = static_cast<double>(std::max<std::int64_t>(1, *ap.returns));
    }
    out.push_back({ap.id, ap.operation, false, rate * items, touched(ap.set, ap.add, ap.optimistic_lock)});
  }
  return out;
}

/// Index WCU of one write to `ix` (HK-07): a put or delete writes the entry; an UpdateItem that
/// changes a key input moves it (delete + put); one that touches no projected attribute writes
/// nothing.
double index_units(const Entity& e, const EntityAnalysis* ea, const KeySpace& ix, const WriteRef& w) {
  double put = 0, change = 0;
  if (ea) {
    for (const auto& iw : ea->index_writes)
      if (iw.index == ix.name) put = iw.wcu_per_put, change = iw.wcu_per_key_change;
    if (put <= 0)
      for (const auto& entry : ea->index_entries)
        if (entry.index == ix.name)
          put = write_units(entry.max_data_bytes > 0 ? entry.max_data_bytes : entry.max_bytes, 1);
  }
  if (put <= 0) put = 1;
  if (change <= 0) change = 2 * put;
  if (w.operation != Operation::UpdateItem || w.touched.empty()) return put;
  std::set<std::string> inputs;
  for (const auto* k : {e.key(ix.partition_key->name), ix.sort_key ? e.key(ix.sort_key->name) : nullptr})
    if (k)
      for (const auto& p : k->key_template.placeholders()) inputs.insert(p);
  for (const auto& t : w.touched)
    if (inputs.count(t)) return change;
  if (!ix.projection || ix.projection->type == ProjectionType::ALL) return put;
  if (ix.projection->type == ProjectionType::INCLUDE)
    for (const auto& t : w.touched)
      if (std::find(ix.projection->include.begin(), ix.projection->include.end(), t) != ix.projection->include.end())
        return put;
  return 0;
}

/// The equality template of `attribute` in a key condition, or null.
const KeyTemplate* eq_template(const std::vector<KeyCondition>& key, const std::string& attribute) {
  for (const auto& c : key)
    if (c.attribute == attribute && c.op == KeyCondition::Op::eq && !c.operands.empty()) return &c.operands.front();
  return nullptr;
}

/// The key parts of a multi-attribute key: each attribute a whole value (`{name}`).
std::vector<KeyPart> whole_value_parts(const Entity* entity, const std::vector<std::string>& attributes) {
  std::vector<KeyPart> parts;
  for (const auto& name : attributes) {
    KeyTemplate whole;
    whole.text = "{" + name + "}";
    whole.parts.push_back(TemplatePart{true, name, {}});
    for (auto& part : key_parts(entity, whole)) parts.push_back(std::move(part));
  }
  return parts;
}

/// `{tenantId} + {region}`: how findings show a multi-attribute partition key.
std::string whole_values_text(const std::vector<std::string>& attributes) {
  std::string out;
  for (const auto& name : attributes) out += (out.empty() ? "{" : " + {") + name + "}";
  return out;
}

std::vector<KeyPart> merged(std::vector<KeyPart> a, const std::vector<KeyPart>& b) {
  for (const auto& p : b)
    if (std::none_of(a.begin(), a.end(), [&](const KeyPart& q) { return q.name == p.name; })) a.push_back(p);
  return a;
}

void add_unique(std::vector<std::string>& ids, const std::string& id) {
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

}  // namespace

std::optional<std::vector<KeyPart>> partition_parts(const Entity& e, const HotKey& hk) {
  if (!hk.partition_attributes.empty()) return whole_value_parts(&e, hk.partition_attributes);
  const EntityKey* k = e.key(hk.partition_key);
  if (!k) return std::nullopt;
  return key_parts(&e, k->key_template);
}

std::vector<KeyPart> key_parts(const Entity* entity, const KeyTemplate& key) {
  std::vector<KeyPart> parts;
  for (const auto& name : key.placeholders()) {
    if (std::any_of(parts.begin(), parts.end(), [&](const KeyPart& p) { return p.name == name; })) continue;
    KeyPart part;
    part.name = name;
    const Attribute* attr = entity ? entity->attribute(name) : nullptr;
    if (attr) {
      if (!attr->enum_values.empty()) {
        std::set<std::string> distinct(attr->enum_values.begin(), attr->enum_values.end());
        part.values = static_cast<double>(distinct.size());
        part.domain = "enum";
      } else if (attr->type == AttributeType::BOOL) {
        part.values = 2;
        part.domain = "BOOL";
      } else if (attr->cardinality) {
        part.values = static_cast<double>(std::max<std::int64_t>(1, *attr->cardinality));
        part.domain = "cardinality";
      }
      const auto words = name_words(name);
      part.shard = lower(name).find("shard") != std::string::npos && part.values.has_value();
      if (!part.shard) {
        if (attr->format == AttributeFormat::date)
          part.time_bucket = true;
        else if (!attr->format && attr->enum_values.empty() && attr->type != AttributeType::BOOL)
          part.time_bucket = std::any_of(words.begin(), words.end(), bucket_word);
      }
    }
    parts.push_back(std::move(part));
  }
  return parts;
}

std::optional<double> distinct_values(const std::vector<KeyPart>& parts, std::optional<std::int64_t> items,
                                      bool for_writes) {
  double product = 1;
  bool unbounded = false;
  for (const auto& p : parts) {
    if (for_writes && p.time_bucket) continue;
    if (p.values)
      product *= *p.values;
    else
      unbounded = true;
  }
  if (!items) return unbounded ? std::nullopt : std::optional<double>(product);
  const double cap = static_cast<double>(std::max<std::int64_t>(1, *items));
  return unbounded ? cap : std::min(product, cap);
}

namespace {

/// An identifier's name: ends in `Id`, `ID`, `_id` or `-id` (tenantId, customer_id, deviceID).
bool identifier_name(const std::string& name) {
  if (name.size() < 3) return false;
  const std::string tail = name.substr(name.size() - 2);
  const char before = name[name.size() - 3];
  return tail == "Id" || tail == "ID" || (tail == "id" && (before == '_' || before == '-'));
}

}  // namespace

std::string shared_identifier(const Entity& e, const std::vector<KeyPart>& parts,
                              const std::optional<std::vector<KeyPart>>& sort_parts) {
  if (!sort_parts) return "";
  const KeyPart* shared = nullptr;
  for (const auto& p : parts) {
    if (p.values || p.time_bucket) continue;
    if (!e.attribute(p.name)) return "";  // not an attribute: nothing to state a cardinality on
    if (shared) return "";                // two unbounded parts: a compound identifier, left as it is
    shared = &p;
  }
  if (!shared || !identifier_name(shared->name)) return "";
  // The sort key must tell items apart by an unbounded attribute of its own.
  for (const auto& p : *sort_parts)
    if (!p.values && !p.time_bucket && p.name != shared->name &&
        std::none_of(parts.begin(), parts.end(), [&](const KeyPart& q) { return q.name == p.name; }))
      return shared->name;
  return "";
}

int shards_for(double units, double ceiling) {
  const double budget = ceiling * kHotKeyHeadroom;
  if (units < budget || budget <= 0) return 1;
  return static_cast<int>(std::floor(units / budget)) + 1;
}

/// `value` with `precision` digits in format `f`, as printf's %.*f / %.*g write it (exactly
/// rounded; std::to_chars needs no locale and no formatting library).
std::string print_double(double value, std::chars_format f, int precision) {
  std::array<char, 512> buffer{};  // a fixed-format double is at most 309 digits before the point
  const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, f, precision);
  if (ec != std::errc()) return std::to_string(value);
  return {buffer.data(), end};
}

std::string format_units(double value) {
  if (value >= 100) return with_commas(print_double(value, std::chars_format::fixed, 0));
  std::string s = value >= 1 || value == 0 ? print_double(value, std::chars_format::fixed, 1)
                                           : print_double(value, std::chars_format::general, 2);
  if (s.find('.') != std::string::npos && s.find('e') == std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  return s;
}

KeyShape key_shape(const std::vector<KeyPart>& parts) {
  if (parts.empty()) return KeyShape::constant;
  if (std::any_of(parts.begin(), parts.end(), [](const KeyPart& p) { return p.shard; })) return KeyShape::sharded;
  bool bucket = false;
  double product = 1;
  for (const auto& p : parts) {
    if (p.time_bucket) {
      bucket = true;
      continue;
    }
    if (!p.values) return KeyShape::spread;
    product *= *p.values;
  }
  if (product >= kLowCardinality) return KeyShape::spread;
  return bucket ? KeyShape::time_bucket : KeyShape::low_cardinality;
}

std::string describe_parts(const std::vector<KeyPart>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += ", ";
    out += "{" + p.name + "}: ";
    if (p.time_bucket)
      out += "a time bucket";
    else if (!p.values)
      out += "unbounded";
    else if (p.domain == "enum")
      out += "enum of " + format_units(*p.values);
    else if (p.domain == "BOOL")
      out += "BOOL, 2 values";
    else
      out += "cardinality " + format_units(*p.values);
  }
  return out;
}

bool partition_load_reported(const HotKey& hk) {
  return hk.wcu_per_second >= limits::kPartitionWcu * kHotKeyHeadroom ||
         hk.rcu_per_second >= limits::kPartitionRcu * kHotKeyHeadroom;
}

bool item_load_reported(const HotKey& hk) {
  return hk.item_wcu_per_second >= limits::kPartitionWcu * kHotKeyHeadroom ||
         hk.item_rcu_per_second >= limits::kPartitionRcu * kHotKeyHeadroom;
}

bool single_item_covers(const HotKey& hk) {
  if (!item_load_reported(hk)) return false;
  const bool w = hk.wcu_per_second >= limits::kPartitionWcu * kHotKeyHeadroom;
  const bool r = hk.rcu_per_second >= limits::kPartitionRcu * kHotKeyHeadroom;
  return (!w || hk.item_wcu_per_second >= hk.wcu_per_second * 0.999) &&
         (!r || hk.item_rcu_per_second >= hk.rcu_per_second * 0.999);
}

std::vector<Note> hot_key_notes(const Model& m, const HotKey& hk, bool writes, bool reads, bool items) {
  std::vector<Note> notes;
  if (hk.space && hk.space->kind == IndexKind::gsi && hk.space->source)
    notes.push_back({hk.space->source->location, hk.space->name + " is defined here"});
  auto add = [&](const std::vector<std::string>& ids, const char* verb) {
    for (const auto& id : ids)
      for (const auto& ap : m.access_patterns)
        if (ap.id == id) {
          std::string text = id + (ap.name.empty() ? "" : " " + ap.name) + " " + verb + " " + hk.entity;
          if (ap.rate_per_second)
            text += " at " + format_units(*ap.rate_per_second) + (*ap.rate_per_second == 1 ? " call/s" : " calls/s");
          notes.push_back({ap.source.location, text});
        }
  };
  if (writes) add(hk.write_patterns, "writes");
  if (reads) add(items ? hk.item_read_patterns : hk.read_patterns, "reads");
  return notes;
}

std::string assumption_text(const HotKey& hk, bool writes) {
  if (!writes || !hk.writes_assumed) return "";
  return "; assuming " + format_units(hk.assumed_rate) + " writes/s per write pattern: no rate stated";
}

std::string key_space_label(const HotKey& hk) {
  std::string key = hk.partition_key;
  for (std::size_t i = 1; i < hk.partition_attributes.size(); ++i) key += " + " + hk.partition_attributes[i];
  return hk.key_space == "table" ? "table partition key " + key : "GSI " + hk.key_space + " partition key " + key;
}

std::string sharded_key_text(const HotKey& hk) {
  return hk.key_template + (hk.partition_attributes.empty() ? "#{shard}" : " + {shard}");
}

std::vector<const AccessPattern*> counter_patterns(const Model& m, const Entity& e) {
  std::vector<const AccessPattern*> out;
  for (const auto& ap : m.access_patterns) {
    const bool direct = ap.operation == Operation::UpdateItem && !ap.add.empty() &&
                        std::find(ap.entities.begin(), ap.entities.end(), e.name) != ap.entities.end();
    const bool action = ap.operation == Operation::TransactWriteItems &&
                        std::any_of(ap.actions.begin(), ap.actions.end(), [&](const Action& act) {
                          return act.entity == e.name && act.operation == Operation::UpdateItem && !act.add.empty();
                        });
    if (direct || action) out.push_back(&ap);
  }
  return out;
}

std::optional<std::vector<KeyPart>> few_items_key(const Model& m, const Entity& e) {
  const EntityKey* pk = e.key(m.table.partition_key.name);
  if (!pk) return std::nullopt;
  auto parts = key_parts(&e, pk->key_template);
  if (m.table.sort_key) {
    const EntityKey* sk = e.key(m.table.sort_key->name);
    if (!sk) return std::nullopt;
    parts = merged(parts, key_parts(&e, sk->key_template));
  }
  const auto items = distinct_values(parts, std::nullopt, true);
  if (!items || *items >= kLowCardinality) return std::nullopt;
  return parts;
}

bool counter_item_reported(const Model& m, const HotKey& hk) {
  if (hk.key_space != "table" || item_load_reported(hk) || partition_load_reported(hk)) return false;
  const Entity* e = m.entity(hk.entity);
  if (!e || e->expected.writes_per_second) return false;
  // switched off in the model: the key-shape rules report the key again
  if (std::find(m.lint.disable.begin(), m.lint.disable.end(), "hot/counter-item") != m.lint.disable.end()) return false;
  const auto patterns = counter_patterns(m, *e);
  if (patterns.empty() ||
      std::all_of(patterns.begin(), patterns.end(), [](const AccessPattern* ap) { return ap->rate_per_second; }))
    return false;
  return few_items_key(m, *e).has_value();
}

std::vector<HotKey> compute_hot_keys(const ResolvedModel& r, const Analysis& a) {
  const Model& m = r.model();
  std::vector<HotKey> out;
  // No pattern states a rate: judge the key structure at an assumed modest write load (never for
  // cost).
  const double assumed = a.rates_stated ? 0 : m.lint.default_rate_per_second.value_or(kDefaultRatePerSecond);
  PatternIndex patterns;
  for (const auto& p : a.patterns) patterns.emplace(p.id, &p);
  std::map<std::string, const EntityAnalysis*, std::less<>> entity_analyses;
  for (const auto& e : a.entities) entity_analyses.emplace(e.name, &e);
  // The patterns that name each entity (directly or in an action), in model order.
  std::map<std::string, std::vector<std::size_t>, std::less<>> relevant;
  for (std::size_t i = 0; i < m.access_patterns.size(); ++i) {
    std::set<std::string> names(m.access_patterns[i].entities.begin(), m.access_patterns[i].entities.end());
    for (const auto& act : m.access_patterns[i].actions) names.insert(act.entity);
    for (const auto& n : names) relevant[n].push_back(i);
  }
  static const std::vector<std::size_t> kNone;
  std::vector<const KeySpace*> lsis;
  for (const KeySpace& k : r.key_spaces())
    if (k.kind == IndexKind::lsi) lsis.push_back(&k);

  for (const KeySpace& space : r.key_spaces()) {  // the table, then each GSI (an LSI is the table's)
    if (space.kind == IndexKind::lsi) continue;
    const bool table = space.kind == IndexKind::table;
    const std::string& partition_key = space.partition_key->name;
    // A multi-attribute GSI key: its partition-key attributes are the entity's own, each a whole
    // value, and a partition is one combination of their values.
    const bool multi = space.multi_attribute();
    std::vector<std::string> partition_attributes;
    if (multi) {
      const auto schema = space.gsi->key_schema();
      for (std::size_t k = 0; k < space.gsi->partition_key_count(); ++k)
        partition_attributes.push_back(schema[k]->name);
    }
    for (const auto& e : m.entities) {
      const EntityKey* pk = multi ? nullptr : e.key(partition_key);
      if ((!multi && !pk) || !space.holds(e)) continue;
      const auto found = entity_analyses.find(e.name);
      const EntityAnalysis* ea = found == entity_analyses.end() ? nullptr : found->second;
      // A conditional index (index_when) holds the members only: their share of items and writes.
      const IndexMembership* member = table ? nullptr : e.membership(space.name);
      const double share = member && member->share ? *member->share : 1.0;
      auto items = e.expected.items;
      if (items && share < 1) items = static_cast<std::int64_t>(std::ceil(static_cast<double>(*items) * share));

      HotKey hk;
      hk.conditional = member != nullptr;
      if (member) hk.member_share = member->share;
      hk.key_space = table ? "table" : space.name;
      hk.space = &space;
      hk.entity = e.name;
      hk.partition_key = partition_key;
      hk.partition_attributes = partition_attributes;
      hk.key_template = multi ? whole_values_text(partition_attributes) : pk->key_template.text;
      hk.location = multi ? space.source->location : pk->key_template.location;
      const auto parts = multi ? whole_value_parts(&e, partition_attributes) : key_parts(&e, pk->key_template);
      // A partition key from an identifier the entity's items share (the sort key tells them
      // apart) with no stated cardinality: kSharedIdentifierValues values, not one per item.
      // The sort key's parts: the entity's template for it, or every sort-key attribute of a
      // multi-attribute key (each a whole value). They only tell items apart: a sort-key
      // attribute never adds partitions (bp-partition-key-design.html: the partition key value
      // alone picks the partition), so none counts in distinct_values.
      std::optional<std::vector<KeyPart>> sort_parts;
      if (multi && !sort_keys(space).empty()) {
        std::vector<std::string> sort_attributes;
        for (const KeyAttribute* k : sort_keys(space)) sort_attributes.push_back(k->name);
        sort_parts = whole_value_parts(&e, sort_attributes);
      } else if (!multi && space.sort_key) {
        if (const EntityKey* sk = e.key(space.sort_key->name)) sort_parts = key_parts(&e, sk->key_template);
      }
      hk.shared_identifier = shared_identifier(e, parts, sort_parts);
      const auto assumed_parts = [&](std::vector<KeyPart> ps) {
        if (!hk.shared_identifier.empty())
          for (auto& p : ps)
            if (!p.values && !p.time_bucket && p.name == hk.shared_identifier) p.values = kSharedIdentifierValues;
        return ps;
      };
      hk.distinct_values = distinct_values(assumed_parts(parts), items, false);
      hk.write_distinct_values = distinct_values(assumed_parts(parts), items, true);

      // Writes: the entity's rate, weighted by the cost of each kind of write.
      const auto rel = relevant.find(e.name);
      const std::vector<std::size_t>& mine = rel == relevant.end() ? kNone : rel->second;
      const auto writes = writes_of(m, patterns, e, mine, assumed);
      double base_unit = ea && ea->wcu_per_write > 0 ? ea->wcu_per_write : write_units(ea ? ea->max_item_bytes : 0, 1);
      double rate_sum = 0, cost_sum = 0, base_sum = 0;
      auto cost_of = [&](const WriteRef& w, double& base) {
        base = 0;
        if (!table) return index_units(e, ea, space, w);
        base = base_unit * (w.transaction ? 2 : 1);
        double lsi = 0;
        for (const KeySpace* l : lsis) {
          const IndexMembership* lm = l->holds(e) ? e.membership(l->name) : nullptr;
          if (l->holds(e)) lsi += index_units(e, ea, *l, w) * (lm && lm->share ? *lm->share : 1.0);
        }
        return base + lsi;
      };
      for (const auto& w : writes) {
        add_unique(hk.write_patterns, w.pattern);
        double base = 0;
        const double c = cost_of(w, base);
        rate_sum += w.items_per_second;
        cost_sum += w.items_per_second * c;
        base_sum += w.items_per_second * base;
      }
      double base_per_write = base_unit;
      if (rate_sum > 0) {
        hk.wcu_per_write = cost_sum / rate_sum;
        base_per_write = base_sum / rate_sum;
      } else {
        WriteRef put;
        hk.wcu_per_write = cost_of(put, base_per_write);
      }
      hk.writes_per_second =
          ea && ea->writes_per_second > 0 ? ea->writes_per_second : e.expected.writes_per_second.value_or(rate_sum);
      hk.writes_per_second *= share;                        // only members write index entries
      if (hk.wcu_per_write <= 0) hk.writes_per_second = 0;  // no write of the entity touches this index
      hk.total_wcu_per_second = hk.writes_per_second * hk.wcu_per_write;
      if (hk.write_distinct_values) hk.wcu_per_second = hk.total_wcu_per_second / *hk.write_distinct_values;

      // The hottest single item: base writes only (index entries are not the item).
      std::vector<KeyPart> item_parts = parts;
      const EntityKey* sk = table && space.sort_key ? e.key(space.sort_key->name) : nullptr;
      if (table) {
        if (sk) item_parts = merged(item_parts, key_parts(&e, sk->key_template));
        hk.distinct_items = distinct_values(item_parts, items, true);
        if (hk.distinct_items) hk.item_wcu_per_second = hk.writes_per_second * base_per_write / *hk.distinct_items;
      }

      // Reads: every read pattern of the entity on this key space (an LSI shares the table's).
      for (std::size_t i : mine) {
        const auto& ap = m.access_patterns[i];
        const double rate = ap.rate_per_second.value_or(0);  // reads assume no rate
        const auto* pa = pattern_of(patterns, ap.id);
        const double rcu = pa ? pa->rcu_per_call : 0;
        auto account = [&](const std::vector<KeyCondition>& key, double units, bool single_item) {
          std::vector<KeyPart> read_parts;
          for (const auto& attribute : multi ? partition_attributes : std::vector<std::string>{partition_key}) {
            const KeyTemplate* t = eq_template(key, attribute);
            if (!t) return;
            read_parts = merged(read_parts, key_parts(&e, *t));
          }
          add_unique(hk.read_patterns, ap.id);
          if (auto n = distinct_values(assumed_parts(read_parts), items, false)) {
            hk.total_rcu_per_second += rate * units;
            hk.rcu_per_second += rate * units / *n;
          }
          if (!table || !single_item) return;
          std::vector<KeyPart> one = read_parts;
          if (space.sort_key) {
            const KeyTemplate* st = eq_template(key, space.sort_key->name);
            if (!st) return;
            one = merged(one, key_parts(&e, *st));
          }
          add_unique(hk.item_read_patterns, ap.id);
          if (auto n = distinct_values(one, items, false)) hk.item_rcu_per_second += rate * units / *n;
        };
        if (ap.operation == Operation::TransactGetItems) {
          if (!table || ap.actions.empty()) continue;
          for (const auto& act : ap.actions)
            if (act.entity == e.name) account(act.key, rcu / static_cast<double>(ap.actions.size()), true);
          continue;
        }
        if (ap.operation != Operation::GetItem && ap.operation != Operation::Query &&
            ap.operation != Operation::BatchGetItem)
          continue;
        if (std::find(ap.entities.begin(), ap.entities.end(), e.name) == ap.entities.end()) continue;
        const KeySpace* target = r.patterns()[i].key_space;  // null: `index:` names no index
        const bool on_table = !ap.index || (target && target->kind == IndexKind::lsi);
        if (table ? !on_table : target != &space) continue;
        account(ap.key, rcu, ap.operation != Operation::Query || !ap.index);
      }

      if (assumed > 0) {
        hk.assumed_rate = assumed;
        hk.writes_assumed = hk.total_wcu_per_second > 0 && !e.expected.writes_per_second;
      }
      hk.shards_suggested = std::max(shards_for(hk.wcu_per_second, limits::kPartitionWcu),
                                     shards_for(hk.rcu_per_second, limits::kPartitionRcu));
      out.push_back(std::move(hk));
    }
  }
  return out;
}

}  // namespace dynamodel
