// The analysis (analysis/analysis.hpp): sizes, capacity per access pattern, write
// amplification, item collections and demand per key space. Formulas and their AWS sources:
// - capacity rounding per operation:
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
//   (GetItem and BatchGetItem round each item to 4 KB, Query rounds the summed bytes once,
//   writes round each item to 1 KB, transactions cost 2 units, eventual reads 0.5);
// - GSI reads are eventually consistent, GSI writes 1 per put, 2 when an index key changes
//   (delete + put), 1 when only projected attributes change, 0 for items not in the index:
//   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.ThroughputConsiderations.Writes;
// - LSI writes consume the table's WCU: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html;
// - index entry = keys + projected attributes + 100 bytes:
//   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.StorageConsiderations;
// - item + its LSI entries <= 400 KB, item collections <= 10 GB with an LSI:
//   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html#limits-items.
// Conventions (not AWS numbers): sizes for capacity use the largest possible item; storage
// uses the typical item; an UpdateItem that names no attribute is taken to change projected
// attributes; a ConditionCheck costs a transactional write of the item; index writes caused
// by a transaction are not doubled.
// Over 500 lines because one Analyzer pass fills every number above in order (entities, then
// patterns, then rates, collections and demand) and to_json mirrors the structs; key coverage,
// hot keys, sizes and cost are their own files.
#include "analysis/analysis.hpp"
#include "analysis/hot_keys.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "analysis/sizes.hpp"
#include "model/name_index.hpp"

namespace dynamodel {

const EntityAnalysis* Analysis::entity(std::string_view name) const { return find_named(entities, name); }

namespace {

/// The type and size limit of each key attribute name (table, GSIs, LSIs).
struct KeyInfo {
  AttributeType type = AttributeType::S;
  std::int64_t limit = 0;
};

std::map<std::string, KeyInfo, std::less<>> key_infos(const ResolvedModel& r) {
  std::map<std::string, KeyInfo, std::less<>> out;
  auto note = [&](const KeyAttribute& k, std::int64_t limit) {
    auto [it, fresh] = out.try_emplace(k.name, KeyInfo{k.type, limit});
    if (!fresh) it->second.limit = std::min(it->second.limit, limit);
  };
  for (const KeySpace& k : r.key_spaces()) {
    note(*k.partition_key, limits::kPartitionKeyBytes);
    if (k.sort_key) note(*k.sort_key, limits::kSortKeyBytes);
  }
  return out;
}

/// The key attribute names of an index: table keys first, then the index's own.
std::vector<std::string> entry_key_names(const std::string& table_pk, const std::string& table_sk,
                                         const std::vector<std::string>& own) {
  std::vector<std::string> names;
  auto add = [&](const std::string& n) {
    if (!n.empty() && std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  };
  add(table_pk);
  add(table_sk);
  for (const auto& n : own) add(n);
  return names;
}

EntityAnalysis analyze_entity(const ResolvedModel& r, const Entity& e,
                              const std::map<std::string, KeyInfo, std::less<>>& keys, SizeBasis basis) {
  EntityAnalysis ea;
  ea.name = e.name;
  ea.entity = &e;
  ea.attributes.reserve(e.attributes.size() + e.keys.size());
  ea.keys.reserve(e.keys.size());
  for (const auto& a : e.attributes) {
    if (a.key_only) {  // stored inside the key templates only: the keys below count it
      ea.attributes.push_back({a.name, true, false, 0, 0, "key_only: stored inside the keys"});
      continue;
    }
    const ValueSize v = value_size(a);
    const auto name = static_cast<std::int64_t>(a.name.size());
    ea.attributes.push_back(
        {a.name, v.bounded, false, sat_add(name, v.max_bytes), sat_add(name, v.typical_bytes), v.basis});
  }
  for (const auto& k : e.keys) {
    const auto info = keys.find(k.attribute);
    KeyLength kl = key_length(e, k.key_template, info == keys.end() ? AttributeType::S : info->second.type);
    kl.attribute = k.attribute;
    kl.limit_bytes = info == keys.end() ? 0 : info->second.limit;
    if (!e.attribute(k.attribute)) {
      const auto name = static_cast<std::int64_t>(k.attribute.size());
      ea.attributes.push_back({k.attribute, kl.bounded, true, sat_add(name, kl.max_bytes),
                               sat_add(name, kl.typical_bytes), "key template " + k.key_template.text});
    }
    ea.keys.push_back(std::move(kl));
  }
  std::unordered_map<std::string, const AttributeSize*> by_name;
  std::int64_t bounded_max = 0;
  bool all_bounded = true;
  for (auto& a : ea.attributes) {
    if (basis == SizeBasis::typical) a.max_bytes = a.typical_bytes;  // every size is the typical one
    by_name.emplace(a.name, &a);
    ea.max_item_bytes = sat_add(ea.max_item_bytes, a.max_bytes);
    ea.typical_item_bytes = sat_add(ea.typical_item_bytes, a.typical_bytes);
    if (a.bounded) bounded_max = sat_add(bounded_max, a.max_bytes);
    all_bounded = all_bounded && a.bounded;
  }
  if (e.expected.item_bytes) {
    // A stated typical size replaces the estimate. The largest size stays the hints' bound when
    // every attribute has one; otherwise the unbounded attributes' 1 KB default gives way to the
    // statement (the larger of it and the bounded attributes).
    ea.typical_item_bytes = *e.expected.item_bytes;
    if (!all_bounded) ea.max_item_bytes = std::max(*e.expected.item_bytes, bounded_max);
  }
  if (basis == SizeBasis::typical) ea.max_item_bytes = ea.typical_item_bytes;

  const KeySpace& table = r.table();
  const std::string table_pk = table.partition_key->name, table_sk = table.sort_key ? table.sort_key->name : "";
  for (const KeySpace& k : r.key_spaces()) {
    if (k.kind == IndexKind::table || !k.holds(e)) continue;  // a sparse index: mapped keys only
    std::vector<std::string> own;
    for (const KeyAttribute* key : k.keys())
      if (k.kind == IndexKind::gsi || key != table.partition_key) own.push_back(key->name);
    const Projection& p = *k.projection;
    IndexEntrySize s;
    s.index = k.name;
    s.local = k.kind == IndexKind::lsi;
    s.key_space = &k;
    if (p.type == ProjectionType::ALL) {
      s.max_data_bytes = ea.max_item_bytes;
      s.typical_data_bytes = ea.typical_item_bytes;
    } else {
      std::vector<std::string> names = entry_key_names(table_pk, table_sk, own);
      if (p.type == ProjectionType::INCLUDE)
        for (const auto& n : p.include)
          if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
      for (const auto& n : names) {
        auto it = by_name.find(n);
        if (it == by_name.end()) continue;
        s.max_data_bytes = sat_add(s.max_data_bytes, it->second->max_bytes);
        s.typical_data_bytes = sat_add(s.typical_data_bytes, it->second->typical_bytes);
      }
    }
    s.max_bytes = sat_add(s.max_data_bytes, limits::kIndexEntryOverheadBytes);
    s.typical_bytes = sat_add(s.typical_data_bytes, limits::kIndexEntryOverheadBytes);
    ea.index_entries.push_back(s);
    ea.indexes.push_back(k.name);
  }

  ea.max_item_with_lsi_bytes = ea.max_item_bytes;
  for (const auto& s : ea.index_entries)
    if (s.local) ea.max_item_with_lsi_bytes = sat_add(ea.max_item_with_lsi_bytes, s.max_data_bytes);
  ea.wcu_per_write = write_units(ea.max_item_bytes, 1);
  for (const auto& s : ea.index_entries) {
    const double put = write_units(s.max_data_bytes, 1);
    ea.index_writes.push_back({s.index, put, 2 * put});
  }
  ea.items = e.expected.items;
  if (ea.items) ea.storage_bytes = sat_mul(*ea.items, sat_add(ea.typical_item_bytes, limits::kIndexEntryOverheadBytes));
  return ea;
}

std::string condition_text(const KeyCondition& c) {
  auto q = [](const KeyTemplate& t) { return "\"" + t.text + "\""; };
  const std::string first = c.operands.empty() ? "\"\"" : q(c.operands[0]);
  switch (c.op) {
    case KeyCondition::Op::eq:
      return c.attribute + " = " + first;
    case KeyCondition::Op::begins_with:
      return "begins_with(" + c.attribute + ", " + first + ")";
    case KeyCondition::Op::between:
      return c.attribute + " BETWEEN " + first + " AND " + (c.operands.size() > 1 ? q(c.operands[1]) : "\"\"");
    case KeyCondition::Op::lt:
      return c.attribute + " < " + first;
    case KeyCondition::Op::le:
      return c.attribute + " <= " + first;
    case KeyCondition::Op::gt:
      return c.attribute + " > " + first;
    case KeyCondition::Op::ge:
      return c.attribute + " >= " + first;
  }
  return c.attribute;
}

std::string conditions_text(const std::vector<KeyCondition>& key) {
  std::string out;
  for (const auto& c : key) out += (out.empty() ? "" : " AND ") + condition_text(c);
  return out;
}

/// Writes per second attributed to one entity by the access patterns.
struct EntityLoad {
  double writes_per_second = 0;
  double table_wcu_per_second = 0;  ///< base + LSI
  std::map<std::string, double> gsi_wcu_per_second;
};

class Analyzer {
 public:
  Analyzer(std::shared_ptr<const ResolvedModel> r, SizeBasis basis) : r_(*r), m_(r->model()), basis_(basis) {
    a_.resolved = std::move(r);
    a_.basis = basis;
  }

  Analysis run() {
    const auto keys = key_infos(r_);
    for (std::size_t i = 0; i < m_.entities.size(); ++i) {
      a_.entities.push_back(analyze_entity(r_, m_.entities[i], keys, basis_));
      by_name_.emplace(m_.entities[i].name, i);
    }
    for (const auto& p : r_.patterns()) a_.patterns.push_back(pattern(p));
    a_.rates_stated =
        std::any_of(a_.patterns.begin(), a_.patterns.end(), [](const PatternAnalysis& p) { return p.rate_stated; });
    entity_rates();
    collections();
    demand();
    return std::move(a_);
  }

 private:
  const Entity* model_entity(const std::string& name) const { return r_.entity(name); }
  const EntityAnalysis* entity(const std::string& name) const {
    auto it = by_name_.find(name);
    return it == by_name_.end() ? nullptr : &a_.entities[it->second];
  }
  EntityLoad& load(const std::string& name) { return loads_[name]; }

  /// Bytes one item of `entity` occupies where `index` reads it: the item, or its index entry.
  std::int64_t read_size(const std::string& name, const std::optional<std::string>& index) const {
    const EntityAnalysis* ea = entity(name);
    if (!ea) return 0;
    if (index)
      for (const auto& s : ea->index_entries)
        if (s.index == *index) return s.max_data_bytes;
    return ea->max_item_bytes;
  }

  /// One write of one item of `name`, `count` times per call; adds to `pa` and to the entity's load.
  void write(PatternAnalysis& pa, const std::string& name, Operation op, const std::vector<std::string>& set,
             const std::vector<std::string>& add, bool lock, double count, bool transactional, double rate) {
    const EntityAnalysis* ea = entity(name);
    const Entity* e = model_entity(name);
    const double tx = transactional ? 2 : 1;
    const std::int64_t bytes = ea ? ea->max_item_bytes : 0;
    pa.bytes_per_call = sat_add(pa.bytes_per_call, to_bytes(static_cast<double>(bytes) * count));
    const double base = count * write_units(bytes, tx);
    pa.wcu_per_call += base;
    EntityLoad& l = load(name);
    l.writes_per_second += count * rate;
    l.table_wcu_per_second += base * rate;
    if (!ea || !e || op == Operation::ConditionCheck) return;

    // Attributes the write changes (UpdateItem, Replay): set, add, the version or revision.
    std::set<std::string> touched(set.begin(), set.end());
    touched.insert(add.begin(), add.end());
    for (const auto& a : e->attributes)
      if ((lock && a.role == AttributeRole::version) || (op == Operation::Replay && a.role == AttributeRole::revision))
        touched.insert(a.name);
    const bool update = op == Operation::UpdateItem || op == Operation::Replay;
    for (const auto& s : ea->index_entries) {
      double writes = 1;  // put or delete: one index entry
      if (update) {
        const Projection* proj = s.key_space->projection;
        std::set<std::string> inputs;  // the index key attributes and their templates' placeholders
        for (const auto* k : s.key_space->keys()) {
          if (k->name == m_.table.partition_key.name && s.local) continue;
          inputs.insert(k->name);
          if (const EntityKey* ek = e->key(k->name))
            for (const auto& ph : ek->key_template.placeholders()) inputs.insert(ph);
        }
        bool key_change = false, projected = false;
        for (const auto& t : touched) {
          key_change = key_change || inputs.count(t) > 0;
          if (proj && proj->type == ProjectionType::ALL) projected = true;
          if (proj && proj->type == ProjectionType::INCLUDE &&
              std::find(proj->include.begin(), proj->include.end(), t) != proj->include.end())
            projected = true;
        }
        if (touched.empty()) projected = proj && proj->type != ProjectionType::KEYS_ONLY;
        writes = key_change ? 2 : projected ? 1 : 0;
      }
      if (writes == 0) continue;
      const double wcu = count * writes * write_units(s.max_data_bytes, 1);
      pa.index_wcu_per_call += wcu;
      if (s.local) {
        pa.lsi_wcu_per_call += wcu;
        l.table_wcu_per_second += wcu * rate;
      } else {
        auto it =
            std::find_if(pa.gsi_wcu.begin(), pa.gsi_wcu.end(), [&](const IndexWcu& w) { return w.index == s.index; });
        if (it == pa.gsi_wcu.end())
          pa.gsi_wcu.push_back({s.index, wcu});
        else
          it->wcu_per_call += wcu;
        l.gsi_wcu_per_second[s.index] += wcu * rate;
      }
    }
  }

  /// The items a Query, Scan or Replay reads per call; nullopt when unknown.
  std::optional<double> items_read(const AccessPattern& p, const KeySpace* space) const {
    std::optional<double> n;
    // `reads` is what the key condition reads before the filter (what capacity counts).
    if (p.reads)
      n = static_cast<double>(*p.reads);
    else if (p.returns)
      n = static_cast<double>(*p.returns);
    if (p.limit) n = std::min(n.value_or(static_cast<double>(*p.limit)), static_cast<double>(*p.limit));
    // A Query of the table whose key condition sets the whole primary key with `=` reads at
    // most one item (the primary key is unique; an index's keys are not).
    if (p.operation == Operation::Query && space && space->kind == IndexKind::table) {
      const auto keys = space->keys();
      if (std::all_of(keys.begin(), keys.end(), [&](const KeyAttribute* k) {
            return std::any_of(p.key.begin(), p.key.end(), [&](const KeyCondition& c) {
              return c.attribute == k->name && c.op == KeyCondition::Op::eq;
            });
          }))
        n = std::min(n.value_or(1.0), 1.0);
    }
    if (p.operation != Operation::Scan) return n;
    // A Scan reads every item of its key space (before any filter).
    double total = 0;
    for (const auto& ea : a_.entities) {
      const bool in = !space || space->kind == IndexKind::table ||
                      std::find(ea.indexes.begin(), ea.indexes.end(), *p.index) != ea.indexes.end();
      if (!in) continue;
      if (!ea.items) return n;
      total += static_cast<double>(*ea.items);
    }
    return n ? std::min(*n, total) : total;
  }

  PatternAnalysis pattern(const ResolvedPattern& rp) {
    const AccessPattern& p = *rp.pattern;
    PatternAnalysis pa;
    pa.pattern = &p;
    pa.id = p.id;
    pa.name = p.name;
    pa.operation = std::string(to_string(p.operation));
    pa.index = p.index.value_or("");
    pa.rate_per_second = p.rate_per_second.value_or(0);
    pa.rate_stated = p.rate_per_second.has_value();
    const double rate = pa.rate_per_second;
    const KeySpace* space = rp.key_space;
    const double read_factor = space && space->kind == IndexKind::gsi ? 0.5 : p.consistent_read ? 1 : 0.5;
    const std::string first = p.entities.empty() ? "" : p.entities[0];
    pa.key_condition = conditions_text(p.key);
    if (!p.actions.empty()) {
      std::string text;
      for (const auto& act : p.actions)
        text += (text.empty() ? "" : "; ") + act.entity + " " + std::string(to_string(act.operation)) + "(" +
                conditions_text(act.key) + ")" +
                (act.condition_expression ? " IF " + act.condition_expression.text : "");
      pa.key_condition = text;
    }
    // The report shows a pattern's filter and value condition with its key condition.
    const auto clause = [&](const std::string& text) {
      pa.key_condition += (pa.key_condition.empty() ? "" : " ") + text;
    };
    if (p.filter) clause("FILTER " + p.filter.text);
    if (p.condition_expression) clause("IF " + p.condition_expression.text);

    switch (p.operation) {
      case Operation::GetItem:
        pa.items_per_call = 1;
        pa.bytes_per_call = read_size(first, p.index);
        pa.rcu_per_call = read_units(pa.bytes_per_call, read_factor);
        break;
      case Operation::Query:
      case Operation::Scan:
      case Operation::Replay: {
        std::int64_t size = 0;
        for (const auto& name : p.entities) size = std::max(size, read_size(name, p.index));
        const auto n = items_read(p, space);
        pa.items_known = n.has_value();
        pa.items_per_call = n.value_or(1);
        if (p.operation == Operation::Scan && n && !p.limit && !p.returns && !p.reads) {
          // Known item counts: sum each entity's own size.
          double bytes = 0;
          for (const auto& ea : a_.entities)
            if (ea.items && (!space || space->kind == IndexKind::table ||
                             std::find(ea.indexes.begin(), ea.indexes.end(), pa.index) != ea.indexes.end()))
              bytes += static_cast<double>(*ea.items) * static_cast<double>(read_size(ea.name, p.index));
          pa.bytes_per_call = to_bytes(bytes);
        } else {
          pa.bytes_per_call = to_bytes(pa.items_per_call * static_cast<double>(size));
        }
        pa.rcu_per_call = read_units(pa.bytes_per_call, read_factor);
        pa.may_paginate = !pa.items_known || pa.bytes_per_call > limits::kPageBytes;
        // With `reads`, the items counted above are those read before the filter.
        if (p.reads && p.returns) pa.items_returned = std::min(pa.items_per_call, static_cast<double>(*p.returns));
        if (p.operation == Operation::Replay) {
          const std::int64_t read_bytes = pa.bytes_per_call;
          for (const auto& name : p.entities)
            write(pa, name, Operation::Replay, p.set, p.add, p.optimistic_lock, pa.items_per_call, false, rate);
          pa.bytes_per_call = read_bytes;
        }
        break;
      }
      case Operation::BatchGetItem:
      case Operation::TransactGetItems: {
        const double factor = p.operation == Operation::TransactGetItems ? 2 : read_factor;
        if (!p.actions.empty()) {
          for (const auto& act : p.actions) {
            const std::int64_t b = read_size(act.entity, std::nullopt);
            pa.bytes_per_call = sat_add(pa.bytes_per_call, b);
            pa.rcu_per_call += read_units(b, factor);  // each item rounded up separately
          }
          pa.items_per_call = static_cast<double>(p.actions.size());
        } else if (!p.returns) {  // one item of each listed entity
          for (const auto& name : p.entities) {
            const std::int64_t b = read_size(name, std::nullopt);
            pa.bytes_per_call = sat_add(pa.bytes_per_call, b);
            pa.rcu_per_call += read_units(b, factor);  // each item rounded up separately
          }
          pa.items_per_call = static_cast<double>(p.entities.size());
        } else {  // `returns` items of the largest listed entity
          pa.items_per_call = static_cast<double>(*p.returns);
          std::int64_t b = 0;
          for (const auto& name : p.entities) b = std::max(b, read_size(name, std::nullopt));
          pa.bytes_per_call = to_bytes(pa.items_per_call * static_cast<double>(b));
          pa.rcu_per_call = pa.items_per_call * read_units(b, factor);
        }
        break;
      }
      case Operation::PutItem:
      case Operation::UpdateItem:
      case Operation::DeleteItem:
        pa.items_per_call = 1;
        write(pa, first, p.operation, p.set, p.add, p.optimistic_lock, 1, false, rate);
        break;
      case Operation::BatchWriteItem:
      case Operation::TransactWriteItems: {
        const bool tx = p.operation == Operation::TransactWriteItems;
        if (!p.actions.empty()) {
          for (const auto& act : p.actions)
            write(pa, act.entity, act.operation, act.set, act.add, act.optimistic_lock, 1, tx, rate);
          pa.items_per_call = static_cast<double>(p.actions.size());
        } else if (!p.returns) {  // one put of each listed entity
          for (const auto& name : p.entities) write(pa, name, Operation::PutItem, {}, {}, false, 1, tx, rate);
          pa.items_per_call = static_cast<double>(p.entities.size());
        } else {
          pa.items_per_call = static_cast<double>(*p.returns);
          const double share = pa.items_per_call / static_cast<double>(std::max<std::size_t>(1, p.entities.size()));
          for (const auto& name : p.entities) write(pa, name, Operation::PutItem, {}, {}, false, share, tx, rate);
        }
        break;
      }
      case Operation::ConditionCheck:
        pa.items_per_call = 1;
        write(pa, first, Operation::ConditionCheck, {}, {}, false, 1, true, rate);
        break;
    }
    pa.rcu_per_second = pa.rcu_per_call * rate;
    pa.wcu_per_second = (pa.wcu_per_call + pa.lsi_wcu_per_call) * rate;
    return pa;
  }

  void entity_rates() {
    for (std::size_t i = 0; i < a_.entities.size(); ++i) {
      EntityAnalysis& ea = a_.entities[i];
      const auto& expected = m_.entities[i].expected.writes_per_second;
      auto it = loads_.find(ea.name);
      ea.writes_per_second = expected ? *expected : it == loads_.end() ? 0 : it->second.writes_per_second;
    }
  }

  void collections() {
    const Table& t = m_.table;
    for (std::size_t i = 0; i < a_.entities.size(); ++i) {
      const Entity& e = m_.entities[i];
      const EntityKey* pk = e.key(t.partition_key.name);
      if (!pk) continue;
      Collection c;
      c.entity = e.name;
      c.key_template = pk->key_template.text;
      std::optional<double> distinct = 1.0;
      for (const auto& ph : pk->key_template.placeholders()) {
        const Attribute* a = e.attribute(ph);
        double n = 0;
        if (a && a->cardinality)
          n = static_cast<double>(*a->cardinality);
        else if (a && !a->enum_values.empty())
          n = static_cast<double>(a->enum_values.size());
        else if (a && a->type == AttributeType::BOOL)
          n = 2;
        if (n <= 0) {
          distinct.reset();
          break;
        }
        *distinct = std::min(*distinct * n, 1e300);
      }
      const EntityAnalysis& ea = a_.entities[i];
      if (!t.sort_key)
        c.items_per_value = 1;
      else if (distinct && ea.items)
        c.items_per_value = std::max(1.0, static_cast<double>(*ea.items) / *distinct);
      if (c.items_per_value)
        c.max_bytes = to_bytes(*c.items_per_value * static_cast<double>(ea.max_item_with_lsi_bytes));
      a_.collections.push_back(std::move(c));
    }
  }

  void demand() {
    const Table& t = m_.table;
    KeySpaceDemand table{"table"};
    std::vector<KeySpaceDemand> gsis;
    for (const auto& g : t.global_secondary_indexes) gsis.push_back({g.name});
    auto gsi = [&](const std::string& name) -> KeySpaceDemand* {
      for (auto& d : gsis)
        if (d.name == name) return &d;
      return nullptr;
    };
    for (const auto& pa : a_.patterns) {
      KeySpaceDemand* d = gsi(pa.index);
      (d ? d : &table)->rcu_per_second += pa.rcu_per_second;
    }
    // Writes per entity: the patterns', or the expected peak if that is higher.
    std::set<std::string> seen;
    for (std::size_t i = 0; i < a_.entities.size(); ++i) {
      const EntityAnalysis& ea = a_.entities[i];
      seen.insert(ea.name);
      const auto& expected = m_.entities[i].expected.writes_per_second;
      const EntityLoad l = loads_.count(ea.name) ? loads_.at(ea.name) : EntityLoad{};
      double lsi_per_write = 0;
      const Entity& entity = m_.entities[i];
      // A conditional index (index_when) with a stated share holds that fraction of the items.
      const auto share = [&entity](const std::string& index) {
        const IndexMembership* w = entity.membership(index);
        return w && w->share ? *w->share : 1.0;
      };
      for (const auto& w : ea.index_writes)
        for (const auto& s : ea.index_entries)
          if (s.index == w.index && s.local) lsi_per_write += w.wcu_per_put * share(w.index);
      const double peak = expected.value_or(0);
      table.wcu_per_second += std::max(l.table_wcu_per_second, peak * (ea.wcu_per_write + lsi_per_write));
      for (const auto& w : ea.index_writes) {
        KeySpaceDemand* d = gsi(w.index);
        if (!d) continue;
        const auto it = l.gsi_wcu_per_second.find(w.index);
        d->wcu_per_second +=
            std::max(it == l.gsi_wcu_per_second.end() ? 0 : it->second, peak * w.wcu_per_put) * share(w.index);
      }
      // Storage: items (typical + 100) on the table, with LSI entries; each GSI its entries.
      table.storage_bytes = sat_add(table.storage_bytes, ea.storage_bytes);
      if (!ea.items) continue;
      for (const auto& s : ea.index_entries) {
        const auto members = static_cast<std::int64_t>(std::ceil(static_cast<double>(*ea.items) * share(s.index)));
        const std::int64_t bytes = sat_mul(members, s.typical_bytes);
        if (s.local)
          table.storage_bytes = sat_add(table.storage_bytes, bytes);
        else if (KeySpaceDemand* d = gsi(s.index))
          d->storage_bytes = sat_add(d->storage_bytes, bytes);
      }
    }
    for (const auto& [name, l] : loads_) {  // writes naming no declared entity
      if (seen.count(name)) continue;
      table.wcu_per_second += l.table_wcu_per_second;
    }
    a_.demand.push_back(table);
    for (auto& d : gsis) a_.demand.push_back(d);
    for (const auto& d : a_.demand) {
      a_.total.rcu_per_second += d.rcu_per_second;
      a_.total.wcu_per_second += d.wcu_per_second;
      a_.total.storage_bytes = sat_add(a_.total.storage_bytes, d.storage_bytes);
    }
  }

  const ResolvedModel& r_;
  const Model& m_;
  SizeBasis basis_;
  Analysis a_;
  std::unordered_map<std::string, std::size_t> by_name_;
  std::map<std::string, EntityLoad> loads_;
};

nlohmann::ordered_json location_json(const Location& l) {
  return {{"file", l.file}, {"line", l.line}, {"column", l.column}};
}

}  // namespace

Analysis analyze(const Model& model) { return analyze(std::make_shared<const ResolvedModel>(model)); }

Analysis analyze(std::shared_ptr<const ResolvedModel> resolved, SizeBasis basis) {
  Analysis a = Analyzer(std::move(resolved), basis).run();
  a.coverage = compute_coverage(*a.resolved);
  a.hot_keys = compute_hot_keys(*a.resolved, a);
  return a;
}

nlohmann::ordered_json to_json(const Analysis& a, ProblemWording wording) {
  using J = nlohmann::ordered_json;
  J out = J::object();
  J entities = J::array();
  for (const auto& e : a.entities) {
    J attrs = J::array();
    for (const auto& s : e.attributes)
      attrs.push_back({{"name", s.name},
                       {"key", s.key},
                       {"bounded", s.bounded},
                       {"max_bytes", s.max_bytes},
                       {"typical_bytes", s.typical_bytes},
                       {"basis", s.basis}});
    J entries = J::array();
    for (const auto& s : e.index_entries)
      entries.push_back({{"index", s.index},
                         {"local", s.local},
                         {"max_bytes", s.max_bytes},
                         {"typical_bytes", s.typical_bytes},
                         {"max_data_bytes", s.max_data_bytes},
                         {"typical_data_bytes", s.typical_data_bytes}});
    J keys = J::array();
    for (const auto& k : e.keys)
      keys.push_back({{"attribute", k.attribute},
                      {"template", k.key_template},
                      {"max_bytes", k.max_bytes},
                      {"typical_bytes", k.typical_bytes},
                      {"bounded", k.bounded},
                      {"limit_bytes", k.limit_bytes},
                      {"location", location_json(k.location)}});
    J writes = J::array();
    for (const auto& w : e.index_writes)
      writes.push_back(
          {{"index", w.index}, {"wcu_per_put", w.wcu_per_put}, {"wcu_per_key_change", w.wcu_per_key_change}});
    entities.push_back({{"name", e.name},
                        {"max_item_bytes", e.max_item_bytes},
                        {"typical_item_bytes", e.typical_item_bytes},
                        {"max_item_with_lsi_bytes", e.max_item_with_lsi_bytes},
                        {"items", e.items ? J(*e.items) : J(nullptr)},
                        {"storage_bytes", e.storage_bytes},
                        {"writes_per_second", e.writes_per_second},
                        {"wcu_per_write", e.wcu_per_write},
                        {"attributes", attrs},
                        {"keys", keys},
                        {"index_entries", entries},
                        {"index_writes", writes}});
  }
  out["entities"] = entities;
  J patterns = J::array();
  for (const auto& p : a.patterns) {
    J gsi = J::array();
    for (const auto& w : p.gsi_wcu) gsi.push_back({{"index", w.index}, {"wcu_per_call", w.wcu_per_call}});
    patterns.push_back({{"id", p.id},
                        {"name", p.name},
                        {"operation", p.operation},
                        {"index", p.index.empty() ? J(nullptr) : J(p.index)},
                        {"key_condition", p.key_condition},
                        {"items_per_call", p.items_per_call},
                        {"items_known", p.items_known},
                        {"items_returned", p.items_returned ? J(*p.items_returned) : J(nullptr)},
                        {"filter", p.pattern && p.pattern->filter ? J(p.pattern->filter.text) : J(nullptr)},
                        {"bytes_per_call", p.bytes_per_call},
                        {"rcu_per_call", p.rcu_per_call},
                        {"wcu_per_call", p.wcu_per_call},
                        {"index_wcu_per_call", p.index_wcu_per_call},
                        {"lsi_wcu_per_call", p.lsi_wcu_per_call},
                        {"gsi_wcu_per_call", gsi},
                        {"rate_per_second", p.rate_stated ? J(p.rate_per_second) : J(nullptr)},
                        {"rcu_per_second", p.rate_stated ? J(p.rcu_per_second) : J(nullptr)},
                        {"wcu_per_second", p.rate_stated ? J(p.wcu_per_second) : J(nullptr)},
                        {"may_paginate", p.may_paginate}});
  }
  out["patterns"] = patterns;
  J hot = J::array();
  for (const auto& h : a.hot_keys) {
    J entry = {{"key_space", h.key_space},
               {"entity", h.entity},
               {"partition_key", h.partition_key},
               {"key_template", h.key_template},
               {"distinct_values", h.distinct_values ? J(*h.distinct_values) : J(nullptr)},
               {"rcu_per_second", a.rates_stated ? J(h.rcu_per_second) : J(nullptr)},
               {"wcu_per_second", a.rates_stated ? J(h.wcu_per_second) : J(nullptr)},
               {"shards_suggested", a.rates_stated ? J(h.shards_suggested) : J(nullptr)},
               {"location", location_json(h.location)}};
    // Only on a conditional index (index_when): the members' share the loads count (null: all).
    if (h.conditional) entry["member_share"] = h.member_share ? J(*h.member_share) : J(nullptr);
    hot.push_back(entry);
  }
  out["hot_keys"] = hot;
  J cols = J::array();
  for (const auto& c : a.collections)
    cols.push_back({{"entity", c.entity},
                    {"key_template", c.key_template},
                    {"items_per_value", c.items_per_value ? J(*c.items_per_value) : J(nullptr)},
                    {"max_bytes", c.max_bytes}});
  out["collections"] = cols;
  const bool rated = a.rates_stated;
  auto demand = [rated](const KeySpaceDemand& d) {
    return J{{"name", d.name},
             {"rcu_per_second", rated ? J(d.rcu_per_second) : J(nullptr)},
             {"wcu_per_second", rated ? J(d.wcu_per_second) : J(nullptr)},
             {"storage_bytes", d.storage_bytes}};
  };
  J dem = J::array();
  for (const auto& d : a.demand) dem.push_back(demand(d));
  out["demand"] = dem;
  out["total"] = demand(a.total);
  out["rates_stated"] = a.rates_stated;
  out["coverage"] = to_json(a.coverage, wording);
  return out;
}

}  // namespace dynamodel
