// Key coverage (analysis/coverage.hpp): per access pattern, the proof that its key condition
// selects its entities on its key space, and the overlaps between entities' keys. The
// template algebra it uses (pieces, intersection, prefix matching) is analysis/key_pieces.hpp;
// the wording of each problem is its rule's (rules/<rule>.cpp: describe). About 500 lines: the
// proof of one request is one walk (check_request) that records each problem's facts inline.
#include "analysis/coverage.hpp"
#include "analysis/key_pieces.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <unordered_map>

namespace dynamodel {

const PatternCoverage* Coverage::pattern(std::string_view id) const {
  for (const auto& p : patterns)
    if (p.pattern == id) return &p;
  return nullptr;
}

namespace {

using namespace key_pieces;

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

bool single_item(Operation op) {
  switch (op) {
    case Operation::GetItem:
    case Operation::PutItem:
    case Operation::UpdateItem:
    case Operation::DeleteItem:
    case Operation::BatchGetItem:
    case Operation::BatchWriteItem:
    case Operation::ConditionCheck:
      return true;
    default:
      return false;
  }
}

std::string condition_text(const KeyCondition& c) {
  switch (c.op) {
    case KeyCondition::Op::eq:
      return c.attribute + " = " + quoted(c.operands.empty() ? "" : c.operands[0].text);
    case KeyCondition::Op::between:
      return c.attribute + " BETWEEN " + quoted(c.operands.size() > 0 ? c.operands[0].text : "") + " AND " +
             quoted(c.operands.size() > 1 ? c.operands[1].text : "");
    case KeyCondition::Op::begins_with:
      return "begins_with(" + c.attribute + ", " + quoted(c.operands.empty() ? "" : c.operands[0].text) + ")";
    default:
      return c.attribute + " " + std::string(to_string(c.op)) + " " +
             quoted(c.operands.empty() ? "" : c.operands[0].text);
  }
}

/// The member entities of one key space (those that have a template for every key attribute
/// of it) indexed by the literal prefix of their partition key.
struct Members {
  std::vector<std::size_t> members;  ///< entity positions, in model order
  PrefixIndex by_pk;
};

struct Checker {
  const ResolvedModel& resolved;
  const Model& model;
  Coverage& out;
  std::unordered_map<const KeyTemplate*, std::vector<Piece>> own_pieces;
  std::unordered_map<const KeyTemplate*, std::string> own_prefixes;
  std::map<std::string, Members, std::less<>> members_of;

  /// The pieces of entity `e`'s own template `t` (one of e.keys), computed once.
  const std::vector<Piece>& own(const KeyTemplate& t, const Entity* e) {
    auto it = own_pieces.find(&t);
    if (it == own_pieces.end()) it = own_pieces.emplace(&t, pieces_of(t, e)).first;
    return it->second;
  }

  /// literal_prefix of an entity's own template, computed once.
  const std::string& prefix_of(const KeyTemplate& t) {
    auto it = own_prefixes.find(&t);
    if (it == own_prefixes.end()) it = own_prefixes.emplace(&t, literal_prefix(t)).first;
    return it->second;
  }

  /// The members of the key space `index` (empty: the table) whose keys are `keys`, built once.
  const Members& members(const std::string& index, const std::vector<const KeyAttribute*>& keys) {
    auto it = members_of.find(index);
    if (it != members_of.end()) return it->second;
    Members ks;
    for (std::size_t i = 0; i < model.entities.size(); ++i) {
      const Entity& e = model.entities[i];
      bool in = true;
      for (const KeyAttribute* k : keys) in = in && e.key(k->name) != nullptr;
      if (!in) continue;
      ks.members.push_back(i);
      ks.by_pk.add(prefix_of(e.key(keys[0]->name)->key_template), i);
    }
    ks.by_pk.finish();
    return members_of.emplace(index, std::move(ks)).first->second;
  }

  const KeyAttribute* key_named(const std::vector<const KeyAttribute*>& keys, const std::string& name) {
    for (const KeyAttribute* k : keys)
      if (k->name == name) return k;
    return nullptr;
  }

  /// Records a problem: `fill` sets the facts its issue needs.
  template <typename Fill>
  void problem(PatternCoverage& pc, const char* rule, CoverageIssue issue, const Location& at, const std::string& path,
               Fill&& fill) {
    pc.served = false;
    CoverageProblem p;
    p.rule = rule;
    p.issue = issue;
    p.location = at;
    p.path = path;
    fill(p);
    pc.problems.push_back(std::move(p));
  }

  /// The facts of entity `e`'s template for `attribute`.
  static void entity_template(CoverageProblem& p, const Entity& e, const EntityKey& ek) {
    p.entity = e.name;
    p.entity_location = e.source.location;
    p.key_template = ek.key_template.text;
    p.template_location = ek.key_template.location;
  }

  /// A request on a GSI with a multi-attribute key: a Query gives `=` on every partition-key
  /// attribute and conditions on a left-to-right prefix of the sort-key attributes, `=` on all
  /// but the last; each listed entity has each conditioned attribute as an attribute of its own
  /// (no templates: the values are the attributes' native values).
  /// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.DesignPattern.MultiAttributeKeys.html
  void check_multi_attribute(PatternCoverage& pc, Operation op, const std::vector<const Entity*>& entities,
                             const KeySpace& space, const std::vector<KeyCondition>& key, const Source& source,
                             const std::string& path) {
    const std::string op_name(to_string(op));
    const std::string where = space.label();
    if (single_item(op)) {
      problem(pc, "access/requires-full-key", CoverageIssue::single_item_on_index, source.at("index"), path + ".index",
              [&](CoverageProblem& p) {
                p.operation = op_name;
                p.key_space = where;
              });
      return;
    }
    if (op != Operation::Query && op != Operation::Replay) return;  // Scan: no key condition
    const auto keys = space.keys();
    const std::size_t n_pk = space.gsi->partition_key_count();
    auto condition_on = [&](const KeyAttribute* k) -> const KeyCondition* {
      for (const auto& c : key)
        if (c.attribute == k->name) return &c;
      return nullptr;
    };
    std::vector<std::string> schema;
    schema.reserve(keys.size());
    for (const KeyAttribute* k : keys) schema.push_back(k->name);
    bool shape_ok = true;
    std::vector<std::string> missing;
    for (std::size_t i = 0; i < n_pk; ++i) {
      const KeyCondition* c = condition_on(keys[i]);
      if (!c || c->op != KeyCondition::Op::eq) missing.push_back(keys[i]->name);
    }
    if (!missing.empty()) {
      shape_ok = false;
      problem(pc, "access/multi-attribute-key", CoverageIssue::multi_key_partition, source.at("key"), path + ".key",
              [&](CoverageProblem& p) {
                p.operation = op_name;
                p.key_space = where;
                p.key_schema = schema;
                p.names = missing;
              });
    }
    // The sort-key attributes: a prefix, each `=` but the last given.
    std::size_t last = n_pk;  // one past the last sort-key attribute with a condition
    for (std::size_t i = n_pk; i < keys.size(); ++i)
      if (condition_on(keys[i])) last = i + 1;
    for (std::size_t i = n_pk; i < last; ++i) {
      const KeyCondition* c = condition_on(keys[i]);
      if (!c) {
        shape_ok = false;
        problem(pc, "access/multi-attribute-key", CoverageIssue::multi_key_skipped_sort, source.at("key"),
                path + ".key", [&](CoverageProblem& p) {
                  p.key_space = where;
                  p.key_schema = schema;
                  p.attribute = keys[i]->name;
                  p.names = {keys[last - 1]->name};
                });
      } else if (i + 1 < last && c->op != KeyCondition::Op::eq) {
        shape_ok = false;
        problem(pc, "access/multi-attribute-key", CoverageIssue::multi_key_range_not_last, c->location,
                path + ".key." + c->attribute, [&](CoverageProblem& p) {
                  p.key_space = where;
                  p.key_schema = schema;
                  p.attribute = c->attribute;
                  p.condition = condition_text(*c);
                  p.names = {keys[last - 1]->name};
                });
      } else if (c->op == KeyCondition::Op::begins_with && keys[i]->type != AttributeType::S) {
        shape_ok = false;
        problem(pc, "access/sort-condition", CoverageIssue::begins_with_not_string, c->location,
                path + ".key." + c->attribute, [&](CoverageProblem& p) {
                  p.attribute = keys[i]->name;
                  p.attribute_type = std::string(to_string(keys[i]->type));
                });
      }
    }
    if (!shape_ok) return;
    for (const Entity* e : entities) {
      if (!e) continue;
      for (const KeyAttribute* k : keys) {
        const KeyCondition* c = condition_on(k);
        if (!c) continue;
        if (!e->attribute(k->name)) {
          problem(pc, "access/not-served", CoverageIssue::not_in_index, c->location, path + ".key." + k->name,
                  [&](CoverageProblem& p) {
                    p.entity = e->name;
                    p.entity_location = e->source.location;
                    p.attribute = k->name;
                    p.key_space = where;
                  });
          continue;
        }
        pc.proof.push_back(condition_text(*c) + (c->op == KeyCondition::Op::eq ? " matches " : " selects within ") +
                           e->name + "." + k->name + " (its own attribute, key attribute of " + where + ")");
      }
    }
  }

  /// Checks one request (a pattern, or one action of a transaction) against its entities.
  void check_request(PatternCoverage& pc, Operation op, const std::vector<const Entity*>& entities,
                     const KeySpace* space, const std::vector<KeyCondition>& key, bool listed_many,
                     const Source& source, const std::string& path) {
    if (!space) return;  // access/unknown-index reports it
    const std::string op_name(to_string(op));
    const std::string where = space->label();
    const bool index = space->kind != IndexKind::table;
    const auto keys = space->keys();
    const KeyAttribute* pk = keys[0];
    const KeyAttribute* sk = keys.size() > 1 ? keys[1] : nullptr;

    std::vector<std::string> schema;
    schema.reserve(keys.size());
    for (const KeyAttribute* k : keys) schema.push_back(k->name);

    // Conditions on attributes that are not keys of the index.
    for (const auto& c : key)
      if (!key_named(keys, c.attribute))
        problem(pc, "access/not-served", CoverageIssue::not_a_key, c.location, path + ".key." + c.attribute,
                [&](CoverageProblem& p) {
                  p.attribute = c.attribute;
                  p.key_space = where;
                  p.key_schema = schema;
                });

    if (space->multi_attribute()) {
      check_multi_attribute(pc, op, entities, *space, key, source, path);
      return;
    }

    const KeyCondition* pk_cond = nullptr;
    const KeyCondition* sk_cond = nullptr;
    for (const auto& c : key) {
      if (c.attribute == pk->name) pk_cond = &c;
      if (sk && c.attribute == sk->name) sk_cond = &c;
    }

    if (single_item(op)) {
      if (index) {
        problem(pc, "access/requires-full-key", CoverageIssue::single_item_on_index, source.at("index"),
                path + ".index", [&](CoverageProblem& p) {
                  p.operation = op_name;
                  p.key_space = where;
                });
        return;
      }
      bool full =
          pk_cond && pk_cond->op == KeyCondition::Op::eq && (!sk || (sk_cond && sk_cond->op == KeyCondition::Op::eq));
      if (!full) {
        std::vector<std::string> missing;
        if (!pk_cond || pk_cond->op != KeyCondition::Op::eq) missing.push_back(pk->name);
        if (sk && (!sk_cond || sk_cond->op != KeyCondition::Op::eq)) missing.push_back(sk->name);
        problem(pc, "access/requires-full-key", CoverageIssue::partial_primary_key, source.at("key"), path + ".key",
                [&](CoverageProblem& p) {
                  p.operation = op_name;
                  p.names = missing;
                });
        return;
      }
    } else if (op == Operation::Query || op == Operation::Replay) {
      if (!pk_cond || pk_cond->op != KeyCondition::Op::eq) {
        problem(pc, "access/not-served", CoverageIssue::partition_key_not_equality,
                pk_cond ? pk_cond->location : source.at("key"), path + ".key", [&](CoverageProblem& p) {
                  p.operation = op_name;
                  p.key_space = where;
                  p.attribute = pk->name;
                });
        return;
      }
    } else {
      return;  // Scan: no key condition to prove
    }

    // The operands' pieces: with several listed entities, one set for all of them (their
    // placeholders take the class of the first entity that has the attribute), else per entity.
    std::map<const KeyTemplate*, std::vector<Piece>> shared_operands;
    const KeyTemplate empty_operand;
    for (const Entity* e : entities) {
      if (!e) continue;
      const std::vector<const Entity*> single{e};
      const std::vector<const Entity*>& scope = listed_many ? entities : single;
      std::map<const KeyTemplate*, std::vector<Piece>> own_operands;
      auto operand = [&](const KeyTemplate& t) -> const std::vector<Piece>& {
        auto& cache = listed_many ? shared_operands : own_operands;
        auto it = cache.find(&t);
        if (it == cache.end()) it = cache.emplace(&t, operand_pieces(t, scope)).first;
        return it->second;
      };
      for (const KeyCondition* c : {pk_cond, sk_cond}) {
        if (!c) continue;
        const EntityKey* ek = e->key(c->attribute);
        const std::string cpath = path + ".key." + c->attribute;
        if (!ek) {
          problem(pc, "access/not-served", CoverageIssue::not_in_index, c->location, cpath, [&](CoverageProblem& p) {
            p.entity = e->name;
            p.entity_location = e->source.location;
            p.attribute = c->attribute;
            p.key_space = where;
          });
          continue;
        }
        bool known = true;  // keys/unknown-attribute reports templates with unknown placeholders
        for (const auto& name : ek->key_template.placeholders()) known = known && e->attribute(name);
        if (!known) continue;
        const auto& t = own(ek->key_template, e);
        const bool is_sort = c == sk_cond;
        const KeyAttribute* attr = is_sort ? sk : pk;
        if (c->op == KeyCondition::Op::eq) {
          Match r = match(operand(c->operands.empty() ? empty_operand : c->operands[0]), t, false);
          if (r == Match::yes)
            pc.proof.push_back(condition_text(*c) + " matches " + e->name + "." + c->attribute + " \"" +
                               ek->key_template.text + "\"");
          else if (r == Match::no)
            problem(pc, "access/not-served", CoverageIssue::template_mismatch, c->location, cpath,
                    [&](CoverageProblem& p) {
                      entity_template(p, *e, *ek);
                      p.attribute = c->attribute;
                      p.condition = condition_text(*c);
                    });
          continue;
        }
        // A sort-key condition other than equality.
        if (attr->type != AttributeType::S && c->op == KeyCondition::Op::begins_with) {
          problem(pc, "access/sort-condition", CoverageIssue::begins_with_not_string, c->location, cpath,
                  [&](CoverageProblem& p) {
                    p.attribute = attr->name;
                    p.attribute_type = std::string(to_string(attr->type));
                  });
          continue;
        }
        bool ok = true;
        for (const auto& o : c->operands) {
          if (match(operand(o), t, true) != Match::yes) {
            ok = false;
            problem(pc, "access/sort-condition", CoverageIssue::prefix_impossible, c->location, cpath,
                    [&](CoverageProblem& p) {
                      entity_template(p, *e, *ek);
                      p.attribute = c->attribute;
                      p.condition = condition_text(*c);
                      p.operand = o.text;
                    });
            break;
          }
        }
        // The bound is a prefix of the template, but a range points one way: `lt "ORDER#"`
        // selects no "ORDER#{orderId}" value.
        if (ok && is_range(c->op) && !sort_selects(*c, t, attr->type, operand)) {
          ok = false;
          problem(pc, "access/sort-condition", CoverageIssue::range_impossible, c->location, cpath,
                  [&](CoverageProblem& p) {
                    entity_template(p, *e, *ek);
                    p.attribute = c->attribute;
                    p.condition = condition_text(*c);
                  });
        }
        if (ok)
          pc.proof.push_back(condition_text(*c) + " selects within " + e->name + "." + c->attribute + " \"" +
                             ek->key_template.text + "\"");
      }
    }

    // A conditional index (index_when): the Query reaches the entity's members only.
    if (!space->name.empty())
      for (const Entity* e : entities)
        if (const IndexMembership* w = e ? e->membership(space->name) : nullptr)
          pc.proof.push_back("reaches only the " + e->name + " items where " + w->condition.text + " (index_when of " +
                             space->name + ")");
    if (op == Operation::Query || op == Operation::Replay)
      also_returns(pc, entities, keys, pk_cond, sk_cond, space->name);
  }

  static bool is_range(KeyCondition::Op op) {
    return op != KeyCondition::Op::eq && op != KeyCondition::Op::begins_with;
  }

  /// Can a value of `values` (a sort key's template) satisfy the sort-key condition `c`, whose
  /// operands' pieces `operand` gives? eq and begins_with by intersection; on a string sort
  /// key, the ranges by range_selects in the direction each points. Numbers (and binary)
  /// compare by value, not by their text: a range may then select any value.
  template <typename Operand>
  static bool sort_selects(const KeyCondition& c, const std::vector<Piece>& values, AttributeType type,
                           Operand&& operand) {
    if (c.operands.empty()) return true;
    const auto& first = operand(c.operands[0]);
    if (c.op == KeyCondition::Op::eq) return intersect(first, values, false);
    if (c.op == KeyCondition::Op::begins_with) return intersect(first, values, true);
    if (type != AttributeType::S) return true;
    switch (c.op) {
      case KeyCondition::Op::between:
        return range_selects(values, &first, false, c.operands.size() > 1 ? &operand(c.operands[1]) : &first, false);
      case KeyCondition::Op::gt:
        return range_selects(values, &first, true, nullptr, false);
      case KeyCondition::Op::ge:
        return range_selects(values, &first, false, nullptr, false);
      case KeyCondition::Op::lt:
        return range_selects(values, nullptr, false, &first, true);
      case KeyCondition::Op::le:
        return range_selects(values, nullptr, false, &first, false);
      default:
        return true;
    }
  }

  /// Entities the Query's key condition also selects (same index, keys that can share values):
  /// only those whose partition-key prefix is compatible with the condition's are compared.
  void also_returns(PatternCoverage& pc, const std::vector<const Entity*>& entities,
                    const std::vector<const KeyAttribute*>& keys, const KeyCondition* pk_cond,
                    const KeyCondition* sk_cond, const std::string& index) {
    const std::set<const Entity*> listed(entities.begin(), entities.end());
    const KeyTemplate empty_operand;
    const KeyTemplate& pk_operand = pk_cond->operands.empty() ? empty_operand : pk_cond->operands[0];
    const auto pk_p = operand_pieces(pk_operand, entities);
    std::map<const KeyTemplate*, std::vector<Piece>> operands;
    auto operand = [&](const KeyTemplate& t) -> const std::vector<Piece>& {
      auto it = operands.find(&t);
      if (it == operands.end()) it = operands.emplace(&t, operand_pieces(t, entities)).first;
      return it->second;
    };
    const Members& ks = members(index, keys);
    std::vector<std::size_t> candidates;
    ks.by_pk.collect(literal_prefix(pk_operand), candidates);
    std::sort(candidates.begin(), candidates.end());
    for (std::size_t i : candidates) {
      const Entity& other = model.entities[i];
      if (listed.count(&other)) continue;
      if (!intersect(pk_p, own(other.key(pk_cond->attribute)->key_template, &other), false)) continue;
      const bool returned =
          !sk_cond || keys.size() < 2 ||
          sort_selects(*sk_cond, own(other.key(sk_cond->attribute)->key_template, &other), keys[1]->type, operand);
      if (returned) pc.also_returns.push_back(other.name);
    }
  }

  void check_pattern(const ResolvedPattern& rp, std::size_t number) {
    const AccessPattern& ap = *rp.pattern;
    PatternCoverage pc;
    pc.access_pattern = &ap;
    pc.pattern = ap.id;
    pc.index = ap.index.value_or("");
    const std::string path = "access_patterns[" + std::to_string(number) + "]";
    if (!ap.actions.empty()) {
      for (std::size_t i = 0; i < ap.actions.size(); ++i) {
        const Action& act = ap.actions[i];
        const Entity* e = resolved.entity(act.entity);
        if (!e) continue;
        check_request(pc, act.operation, {e}, &resolved.table(), act.key, false, act.source,
                      path + ".actions[" + std::to_string(i) + "]");
        partial_keys(pc, *e, act.operation, act.key, act.set, act.add, act.source,
                     path + ".actions[" + std::to_string(i) + "]");
      }
    } else {
      const std::vector<const Entity*>& entities = rp.entities;
      bool any = false;
      for (const Entity* e : entities) any = any || e;
      if (any) {
        check_request(pc, ap.operation, entities, rp.key_space, ap.key, ap.item_collection, ap.source, path);
        if (entities.size() == 1 && entities[0])
          partial_keys(pc, *entities[0], ap.operation, ap.key, ap.set, ap.add, ap.source, path);
      }
    }
    out.patterns.push_back(std::move(pc));
  }

  /// keys/partial-derived-key: an UpdateItem that changes an input of an index key must know
  /// every other input of that key (set by the same update, or a parameter of its key).
  void partial_keys(PatternCoverage& pc, const Entity& e, Operation op, const std::vector<KeyCondition>& key,
                    const std::vector<std::string>& set, const std::vector<std::string>& add, const Source& source,
                    const std::string& path) {
    if (op != Operation::UpdateItem) return;
    std::set<std::string> changed(set.begin(), set.end());
    changed.insert(add.begin(), add.end());
    std::set<std::string> known = changed;
    for (const auto& c : key)
      for (const auto& operand : c.operands)
        for (const auto& name : operand.placeholders()) known.insert(name);
    std::set<std::string> table_keys{model.table.partition_key.name};
    if (model.table.sort_key) table_keys.insert(model.table.sort_key->name);
    for (const auto& ek : e.keys) {
      if (table_keys.count(ek.attribute)) continue;  // the primary key cannot change in an update
      const auto inputs = ek.key_template.placeholders();
      std::vector<std::string> touched, unknown;
      for (const auto& in : inputs) {
        if (changed.count(in))
          touched.push_back(in);
        else if (!known.count(in))
          unknown.push_back(in);
      }
      if (touched.empty() || unknown.empty()) continue;
      const bool at_set = !set.empty() && changed.count(touched[0]) && std::count(set.begin(), set.end(), touched[0]);
      problem(pc, "keys/partial-derived-key", CoverageIssue::partial_derived_key, source.at(at_set ? "set" : "add"),
              path + (at_set ? ".set" : ".add"), [&](CoverageProblem& p) {
                entity_template(p, e, ek);
                p.attribute = ek.attribute;
                p.names = touched;
                p.other_names = unknown;
              });
    }
  }

  /// Collisions and ambiguous prefixes between entities, per key space. A pair is compared only
  /// when the literal prefixes of both its partition-key and its sort-key templates are
  /// compatible, which a collision and an ambiguous prefix both need: for each entity, the
  /// compatible ones are looked up (PrefixIndex) on whichever key gives fewer, then checked on
  /// the other; pairs are visited in model order, as a plain double loop would.
  void overlaps() {
    const auto& es = model.entities;
    for (const KeySpace& space : resolved.key_spaces()) {
      const std::string& name = space.name;
      const auto keys = resolved.key_space(name)->keys();  // the first index of a name (duplicates are errors)
      const std::string& pk = keys[0]->name;
      const std::string sk = keys.size() > 1 ? keys[1]->name : "";
      const Members& ks = members(name, keys);
      PrefixIndex by_sk;
      for (std::size_t i : ks.members)
        if (!sk.empty()) by_sk.add(prefix_of(es[i].key(sk)->key_template), i);
      by_sk.finish();
      std::vector<std::size_t> candidates;
      for (std::size_t i : ks.members) {
        const EntityKey* pi = es[i].key(pk);
        const EntityKey* si = sk.empty() ? nullptr : es[i].key(sk);
        const std::string& pk_prefix_i = prefix_of(pi->key_template);
        const std::string prefix_i = si ? prefix_of(si->key_template) : "";
        candidates.clear();
        const bool on_sk = si && by_sk.count(prefix_i) < ks.by_pk.count(pk_prefix_i);
        (on_sk ? by_sk : ks.by_pk).collect(on_sk ? prefix_i : pk_prefix_i, candidates);
        std::sort(candidates.begin(), candidates.end());
        const auto& ppi = own(pi->key_template, &es[i]);
        for (std::size_t j : candidates) {
          if (j <= i) continue;
          const EntityKey* pj = es[j].key(pk);
          const EntityKey* sj = sk.empty() ? nullptr : es[j].key(sk);
          if (!compatible(pk_prefix_i, prefix_of(pj->key_template))) continue;
          if (si && !compatible(prefix_i, prefix_of(sj->key_template))) continue;
          if (!intersect(ppi, own(pj->key_template, &es[j]), false)) continue;
          const bool same_sk = !si || intersect(own(si->key_template, &es[i]), own(sj->key_template, &es[j]), false);
          const Location at = sj ? sj->key_template.location : pj->key_template.location;
          const Location other = si ? si->key_template.location : pi->key_template.location;
          if (same_sk) {
            if (name.empty())  // on an index, duplicates are allowed: GSI keys need not be unique
              out.collisions.push_back(KeyOverlap{es[i].name, es[j].name, name, at, other,
                                                  describe(es[i], pi, si) + " and " + describe(es[j], pj, sj)});
            continue;
          }
          if (!si) continue;
          const std::string& prefix_j = prefix_of(sj->key_template);
          const bool i_in_j = !prefix_i.empty() && intersect(pieces_of(literal_template(prefix_i), nullptr),
                                                             own(sj->key_template, &es[j]), true);
          const bool j_in_i = !prefix_j.empty() && intersect(pieces_of(literal_template(prefix_j), nullptr),
                                                             own(si->key_template, &es[i]), true);
          if (i_in_j || j_in_i) {
            const std::string& shorter = i_in_j ? prefix_i : prefix_j;
            out.ambiguous_prefixes.push_back(KeyOverlap{es[i].name, es[j].name, name, at, other,
                                                        "begins_with(" + sk + ", \"" + shorter + "\") selects both " +
                                                            es[i].name + " \"" + si->key_template.text + "\" and " +
                                                            es[j].name + " \"" + sj->key_template.text + "\""});
          }
        }
      }
    }
  }

  static std::string describe(const Entity& e, const EntityKey* pk, const EntityKey* sk) {
    return e.name + " (" + pk->attribute + " \"" + pk->key_template.text + "\"" +
           (sk ? ", " + sk->attribute + " \"" + sk->key_template.text + "\"" : std::string()) + ")";
  }
};

}  // namespace

Coverage compute_coverage(const ResolvedModel& resolved) {
  Coverage out;
  Checker checker{resolved, resolved.model(), out, {}, {}, {}};
  const auto& patterns = resolved.patterns();
  for (std::size_t i = 0; i < patterns.size(); ++i) checker.check_pattern(patterns[i], i);
  checker.overlaps();
  return out;
}

nlohmann::ordered_json to_json(const Coverage& coverage, ProblemWording wording) {
  nlohmann::ordered_json patterns = nlohmann::ordered_json::array();
  for (const auto& p : coverage.patterns) {
    nlohmann::ordered_json problems = nlohmann::ordered_json::array();
    for (const auto& pr : p.problems)
      problems.push_back(
          {{"rule", pr.rule}, {"message", wording(pr)}, {"line", pr.location.line}, {"column", pr.location.column}});
    patterns.push_back({{"pattern", p.pattern},
                        {"index", p.index.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(p.index)},
                        {"served", p.served},
                        {"proof", p.proof},
                        {"problems", problems},
                        {"also_returns", p.also_returns}});
  }
  auto overlaps = [](const std::vector<KeyOverlap>& list) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& o : list)
      out.push_back({{"entities", {o.first, o.second}},
                     {"index", o.index.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(o.index)},
                     {"detail", o.detail},
                     {"line", o.location.line},
                     {"column", o.location.column}});
    return out;
  };
  return {{"patterns", patterns},
          {"collisions", overlaps(coverage.collisions)},
          {"ambiguous_prefixes", overlaps(coverage.ambiguous_prefixes)}};
}

bool templates_can_collide(const KeyTemplate& a, const Entity* ea, const KeyTemplate& b, const Entity* eb) {
  return intersect(pieces_of(a, ea), pieces_of(b, eb), false);
}

}  // namespace dynamodel
