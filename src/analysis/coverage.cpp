// Key coverage (analysis/coverage.hpp).
//
// A key template is read as a sequence of pieces: literal bytes, and placeholders that stand
// for one or more characters of their attribute's character class. Two questions are asked:
// - "does this condition operand match that template?" (structural, by placeholder name: the
//   proof that a pattern is served), and
// - "can these two templates produce one same value?" (an NFA product over character classes:
//   collisions, shared partitions, queries that return other entities).
// Both walk (piece of one, piece of the other) pairs once: linear in the product of the two
// template lengths, which are short. A third, "can a value of this template satisfy this range
// condition?", walks the template with both bounds at once (range_selects).
//
// Cost: each entity template is cut into pieces once (Checker::own); pairs of entities are
// only compared when the literal prefixes of their templates are compatible (one a prefix of
// the other, which any shared value or shared prefix needs), found through a sorted index of
// those prefixes per key space (PrefixIndex), so a model whose entities have distinct prefixes
// is checked in O(N log N) rather than O(N^2).
//
// Character classes: a placeholder of an N attribute stands for digits, sign, point and
// exponent; `enum` for the characters of its values; BOOL for `true`/`false`; formats uuid,
// ulid, date, date-time and epoch-seconds for their alphabets; any other attribute for every
// byte except the separators of its own template (the non-alphanumeric characters of its literal
// text), because generated accessors escape separators inside values.
#include "analysis/coverage.hpp"

#include <algorithm>
#include <bitset>
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

using CharClass = std::bitset<256>;

struct Piece {
  bool placeholder = false;
  unsigned char c = 0;  ///< literal byte
  CharClass cls;        ///< placeholder: the bytes it may produce
  std::string name;     ///< placeholder name
  bool free = false;    ///< placeholder that names no attribute (a free range parameter)
};

CharClass chars_of(std::string_view s) {
  CharClass c;
  for (unsigned char ch : s) c.set(ch);
  return c;
}

CharClass separators_of(const KeyTemplate& t) {
  CharClass c;
  for (const auto& p : t.parts)
    if (!p.placeholder)
      for (unsigned char ch : p.text)
        if (!std::isalnum(ch)) c.set(ch);
  return c;
}

CharClass class_of(const Attribute* a, const KeyTemplate& t) {
  CharClass any;
  any.set();
  if (!a) return any;
  if (!a->enum_values.empty()) {
    CharClass c;
    for (const auto& v : a->enum_values) c |= chars_of(v);
    return c.any() ? c : any;
  }
  if (a->type == AttributeType::N) return chars_of("0123456789-+.eE");
  if (a->type == AttributeType::BOOL) return chars_of("truefals");
  if (a->format) switch (*a->format) {
      case AttributeFormat::uuid:
        return chars_of("0123456789abcdefABCDEF-");
      case AttributeFormat::ulid:
        return chars_of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
      case AttributeFormat::date:
        return chars_of("0123456789-");
      case AttributeFormat::date_time:
        return chars_of("0123456789-:.TZ+");
      case AttributeFormat::epoch_seconds:
        return chars_of("0123456789");
      case AttributeFormat::float_:
      case AttributeFormat::decimal:
        return chars_of("0123456789-+.eE");
      default:
        break;
    }
  return any & ~separators_of(t);
}

/// The pieces of a template or condition operand: a placeholder takes the character class of the
/// first of `entities` that has the attribute; the others are free parameters (any character).
std::vector<Piece> operand_pieces(const KeyTemplate& t, const std::vector<const Entity*>& entities) {
  std::vector<Piece> out;
  for (const auto& part : t.parts) {
    if (!part.placeholder) {
      for (unsigned char ch : part.text) {
        Piece p;
        p.c = ch;
        out.push_back(p);
      }
      continue;
    }
    Piece p;
    p.placeholder = true;
    p.name = part.text;
    const Attribute* a = nullptr;
    for (const Entity* e : entities)
      if (!a && e) a = e->attribute(part.text);
    p.free = a == nullptr;
    p.cls = class_of(a, t);
    out.push_back(p);
  }
  return out;
}

/// The pieces of an entity's own key template.
std::vector<Piece> pieces_of(const KeyTemplate& t, const Entity* entity) { return operand_pieces(t, {entity}); }

/// Can `a` and `b` produce a common string? With `prefix`, can `a` be a prefix of a value of `b`?
bool intersect(const std::vector<Piece>& a, const std::vector<Piece>& b, bool prefix) {
  // State: position in each, and whether inside a placeholder (>= 1 character consumed).
  const std::size_t n = a.size(), m = b.size();
  auto id = [&](std::size_t i, bool ia, std::size_t j, bool jb) {
    return ((i * 2 + (ia ? 1 : 0)) * (m + 1) + j) * 2 + (jb ? 1 : 0);
  };
  std::vector<char> seen((n + 1) * 2 * (m + 1) * 2, 0);
  struct S {
    std::size_t i;
    bool ia;
    std::size_t j;
    bool jb;
  };
  std::vector<S> stack{{0, false, 0, false}};
  seen[id(0, false, 0, false)] = 1;
  auto push = [&](std::size_t i, bool ia, std::size_t j, bool jb) {
    auto k = id(i, ia, j, jb);
    if (!seen[k]) {
      seen[k] = 1;
      stack.push_back({i, ia, j, jb});
    }
  };
  CharClass all;
  all.set();
  while (!stack.empty()) {
    S s = stack.back();
    stack.pop_back();
    const bool a_done = s.i == n && !s.ia;
    const bool b_done = s.j == m && !s.jb;
    if (a_done && (b_done || prefix)) return true;
    // Leave a placeholder after at least one character.
    if (s.ia) push(s.i + 1, false, s.j, s.jb);
    if (s.jb) push(s.i, s.ia, s.j + 1, false);
    if (a_done || b_done) continue;
    if (s.i >= n || s.j >= m) continue;
    const Piece& pa = a[s.i];
    const Piece& pb = b[s.j];
    CharClass ca = pa.placeholder ? pa.cls : CharClass().set(pa.c);
    CharClass cb = pb.placeholder ? pb.cls : CharClass().set(pb.c);
    if ((ca & cb).none()) continue;
    push(pa.placeholder ? s.i : s.i + 1, pa.placeholder, pb.placeholder ? s.j : s.j + 1, pb.placeholder);
  }
  return false;
}

/// The bytes piece `p` may produce.
CharClass class_of_piece(const Piece& p) { return p.placeholder ? p.cls : CharClass().set(p.c); }

/// Can a value of `v` satisfy a range condition on a string sort key: `lower` <(=) value
/// (gt, ge, between) and value <(=) `upper` (lt, le, between), a null bound being no bound,
/// for some values of the bounds? DynamoDB compares strings by their UTF-8 bytes, unsigned
/// (Query.KeyConditionExpressions.html). Walks the three templates together, one byte of the
/// value at a time: each bound is either still equal to the value read so far or already
/// decided (strictly below it, for the lower bound; strictly above, for the upper). An entity
/// whose values all lie on the other side of a bound is not selected. Beyond `kMaxStates`
/// states (templates of hundreds of pieces) it answers true, the cautious answer.
bool range_selects(const std::vector<Piece>& v, const std::vector<Piece>* lower, bool lower_strict,
                   const std::vector<Piece>* upper, bool upper_strict) {
  constexpr std::size_t kMaxStates = 1u << 22;
  // A template position is (i, inside): before piece i, or inside placeholder i after >= 1 byte.
  // Positions are numbered i * 2 + inside; for a bound, the number past the last is "decided".
  const std::size_t nv = v.size(), nl = lower ? lower->size() : 0, nu = upper ? upper->size() : 0;
  const std::size_t vs = (nv + 1) * 2, ls = (nl + 1) * 2 + 1, us = (nu + 1) * 2 + 1;
  const std::size_t l_decided = ls - 1, u_decided = us - 1;
  if (vs * ls * us > kMaxStates) return true;
  std::vector<char> seen(vs * ls * us, 0);
  struct S {
    std::size_t v, l, u;
  };
  std::vector<S> stack;
  auto push = [&](std::size_t a, std::size_t b, std::size_t c) {
    const std::size_t k = (a * ls + b) * us + c;
    if (!seen[k]) {
      seen[k] = 1;
      stack.push_back({a, b, c});
    }
  };
  push(0, lower ? 0 : l_decided, upper ? 0 : u_decided);
  auto accepting = [](std::size_t pos, std::size_t n) { return pos == n * 2; };
  while (!stack.empty()) {
    const S s = stack.back();
    stack.pop_back();
    if (s.l == l_decided && s.u == u_decided) return true;  // any completion of the value will do
    // Leave a placeholder after at least one byte (each template independently).
    if (s.v % 2) push(s.v + 1, s.l, s.u);
    if (s.l != l_decided && s.l % 2) push(s.v, s.l + 1, s.u);
    if (s.u != u_decided && s.u % 2) push(s.v, s.l, s.u + 1);
    if (accepting(s.v, nv)) {
      // The value ends here: a bound still equal must end too (equal, if not strict); the upper
      // bound may also go on (the value is then a proper prefix of it, so below it).
      const bool lower_ok = s.l == l_decided || (accepting(s.l, nl) && !lower_strict);
      const bool upper_ok = s.u == u_decided || !accepting(s.u, nu) || !upper_strict;
      if (lower_ok && upper_ok) return true;
      continue;
    }
    if (s.v / 2 >= nv) continue;
    const CharClass cv = class_of_piece(v[s.v / 2]);
    const std::size_t v_next = v[s.v / 2].placeholder ? (s.v / 2) * 2 + 1 : (s.v / 2 + 1) * 2;
    // The bounds' next bytes, when still undecided and not ended.
    const bool l_open = s.l != l_decided && s.l / 2 < nl, u_open = s.u != u_decided && s.u / 2 < nu;
    const CharClass cl = l_open ? class_of_piece((*lower)[s.l / 2]) : CharClass();
    const CharClass cu = u_open ? class_of_piece((*upper)[s.u / 2]) : CharClass();
    const std::size_t l_next = l_open ? ((*lower)[s.l / 2].placeholder ? (s.l / 2) * 2 + 1 : (s.l / 2 + 1) * 2) : 0;
    const std::size_t u_next = u_open ? ((*upper)[s.u / 2].placeholder ? (s.u / 2) * 2 + 1 : (s.u / 2 + 1) * 2) : 0;
    int l_min = -1, u_max = -1;
    for (int c = 0; c < 256 && l_min < 0; ++c)
      if (cl.test(static_cast<std::size_t>(c))) l_min = c;
    for (int c = 255; c >= 0 && u_max < 0; --c)
      if (cu.test(static_cast<std::size_t>(c))) u_max = c;
    for (int c = 0; c < 256; ++c) {
      if (!cv.test(static_cast<std::size_t>(c))) continue;
      // Where the lower bound can be after the value reads byte c.
      std::size_t l_opts[2];
      int nlo = 0;
      if (s.l == l_decided || (s.l != l_decided && accepting(s.l, nl)))
        l_opts[nlo++] = l_decided;  // ended: below
      else {
        if (l_min >= 0 && l_min < c) l_opts[nlo++] = l_decided;
        if (cl.test(static_cast<std::size_t>(c))) l_opts[nlo++] = l_next;
      }
      std::size_t u_opts[2];
      int nuo = 0;
      if (s.u == u_decided)
        u_opts[nuo++] = u_decided;
      else if (!accepting(s.u, nu)) {  // an ended upper bound is below a longer value: no option
        if (u_max > c) u_opts[nuo++] = u_decided;
        if (cu.test(static_cast<std::size_t>(c))) u_opts[nuo++] = u_next;
      }
      for (int a = 0; a < nlo; ++a)
        for (int b = 0; b < nuo; ++b) push(v_next, l_opts[a], u_opts[b]);
    }
  }
  return false;
}

enum class Match { yes, no, unknown_parameter };

/// Does the operand `p` match the template `t` by structure: the operand's attribute
/// placeholders sit where `t` has the same placeholder, its literal text is text `t` has or a
/// placeholder of `t` can hold. `prefix`: `p` may end early (begins_with, range bounds); a free
/// parameter then stands for the rest.
Match match(const std::vector<Piece>& p, const std::vector<Piece>& t, bool prefix) {
  const std::size_t n = p.size(), m = t.size();
  bool unknown = false;
  for (const auto& piece : p) unknown = unknown || (piece.placeholder && piece.free && !prefix);
  if (unknown) return Match::unknown_parameter;
  std::vector<char> seen((n + 1) * (m + 1) * 2, 0);
  auto id = [&](std::size_t i, std::size_t j, bool in) { return (i * (m + 1) + j) * 2 + (in ? 1 : 0); };
  struct S {
    std::size_t i, j;
    bool in;
  };
  std::vector<S> stack{{0, 0, false}};
  seen[id(0, 0, false)] = 1;
  auto push = [&](std::size_t i, std::size_t j, bool in) {
    if (!seen[id(i, j, in)]) {
      seen[id(i, j, in)] = 1;
      stack.push_back({i, j, in});
    }
  };
  while (!stack.empty()) {
    S s = stack.back();
    stack.pop_back();
    if (s.i == n) {
      if (prefix || (s.j == m && !s.in)) return Match::yes;
      if (s.in) push(s.i, s.j + 1, false);
      continue;
    }
    if (s.in) push(s.i, s.j + 1, false);
    if (s.j >= m) continue;
    const Piece& pp = p[s.i];
    const Piece& tp = t[s.j];
    if (pp.placeholder) {
      if (pp.free) return Match::yes;  // prefix mode: a free range parameter stands for the rest
      if (tp.placeholder && !s.in && tp.name == pp.name) push(s.i + 1, s.j + 1, false);
      continue;
    }
    if (!tp.placeholder) {
      if (tp.c == pp.c && !s.in) push(s.i + 1, s.j + 1, false);
      continue;
    }
    if (tp.cls.test(pp.c)) push(s.i + 1, s.j, true);
  }
  return Match::no;
}

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

/// The literal text before the first placeholder.
std::string literal_prefix(const KeyTemplate& t) {
  std::string s;
  for (const auto& p : t.parts) {
    if (p.placeholder) break;
    s += p.text;
  }
  return s;
}

KeyTemplate literal_template(const std::string& text) {
  KeyTemplate t;
  t.text = text;
  if (!text.empty()) t.parts.push_back(TemplatePart{false, text});
  return t;
}

/// The entities of one key space by the literal prefix of their template for one key
/// attribute. Two templates can share a value, or one begin a value of the other, only when
/// their literal prefixes are compatible (one is a prefix of the other); the index finds the
/// compatible entries of a string in O(|s| log N + answers).
class PrefixIndex {
 public:
  void add(std::string prefix, std::size_t id) { entries_.emplace_back(std::move(prefix), id); }
  void finish() { std::sort(entries_.begin(), entries_.end()); }

  /// How many entries are compatible with `s`.
  std::size_t count(std::string_view s) const {
    std::size_t n = 0;
    each_range(s, [&](auto b, auto e) { n += static_cast<std::size_t>(e - b); });
    return n;
  }
  /// Appends the ids of the entries compatible with `s` (unordered).
  void collect(std::string_view s, std::vector<std::size_t>& out) const {
    each_range(s, [&](auto b, auto e) {
      for (auto it = b; it != e; ++it) out.push_back(it->second);
    });
  }

 private:
  using Entry = std::pair<std::string, std::size_t>;
  std::vector<Entry> entries_;

  /// Calls f(begin, end) for each disjoint range of compatible entries: those equal to each
  /// prefix of `s` (`s` itself included), then those that `s` is a proper prefix of.
  template <typename F>
  void each_range(std::string_view s, F&& f) const {
    auto less_key = [](const Entry& e, std::string_view k) { return std::string_view(e.first) < k; };
    auto key_less = [](std::string_view k, const Entry& e) { return k < std::string_view(e.first); };
    for (std::size_t k = 0; k <= s.size(); ++k) {
      const std::string_view p = s.substr(0, k);
      auto b = std::lower_bound(entries_.begin(), entries_.end(), p, less_key);
      auto e = std::upper_bound(b, entries_.end(), p, key_less);
      if (b != e) f(b, e);
    }
    auto b = std::upper_bound(entries_.begin(), entries_.end(), s, key_less);
    auto e = std::partition_point(b, entries_.end(), [&](const Entry& x) {
      return x.first.size() > s.size() && x.first.compare(0, s.size(), s) == 0;
    });
    f(b, e);
  }
};

/// True when one of `a`, `b` is a prefix of the other.
bool compatible(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  return a.compare(0, n, b, 0, n) == 0;
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

  void problem(PatternCoverage& pc, const char* rule, const Location& at, const std::string& path, std::string message,
               std::vector<Note> notes = {}) {
    pc.served = false;
    pc.problems.push_back(CoverageProblem{rule, std::move(message), at, path, std::move(notes)});
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

    // Conditions on attributes that are not keys of the index.
    for (const auto& c : key)
      if (!key_named(keys, c.attribute))
        problem(pc, "access/not-served", c.location, path + ".key." + c.attribute,
                c.attribute + " is not a key attribute of " + where + " (its keys: " + pk->name +
                    (sk ? ", " + sk->name : std::string()) + ")");

    const KeyCondition* pk_cond = nullptr;
    const KeyCondition* sk_cond = nullptr;
    for (const auto& c : key) {
      if (c.attribute == pk->name) pk_cond = &c;
      if (sk && c.attribute == sk->name) sk_cond = &c;
    }

    if (single_item(op)) {
      if (index) {
        problem(pc, "access/requires-full-key", source.at("index"), path + ".index",
                op_name + " addresses one item by its primary key and works on the table only, not on " + where +
                    ": use Query on the index (a GSI key need not be unique)");
        return;
      }
      bool full =
          pk_cond && pk_cond->op == KeyCondition::Op::eq && (!sk || (sk_cond && sk_cond->op == KeyCondition::Op::eq));
      if (!full) {
        std::string missing;
        if (!pk_cond || pk_cond->op != KeyCondition::Op::eq) missing = pk->name;
        if (sk && (!sk_cond || sk_cond->op != KeyCondition::Op::eq))
          missing += (missing.empty() ? "" : " and ") + sk->name;
        problem(pc, "access/requires-full-key", source.at("key"), path + ".key",
                op_name + " needs the full primary key by equality; " + missing +
                    " is missing or not an equality (use Query for a range of items)");
        return;
      }
    } else if (op == Operation::Query || op == Operation::Replay) {
      if (!pk_cond || pk_cond->op != KeyCondition::Op::eq) {
        problem(pc, "access/not-served", pk_cond ? pk_cond->location : source.at("key"), path + ".key",
                op_name + " on " + where + " needs its partition key " + pk->name +
                    " by equality (a Query reads one item collection)");
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
          problem(pc, "access/not-served", c->location, cpath,
                  e->name + " has no template for " + c->attribute + ", so its items are not in " + where +
                      " (a sparse index holds only items with all its key attributes); add " + c->attribute + " to " +
                      e->name + ".keys",
                  {Note{e->source.location, e->name + " is defined here"}});
          continue;
        }
        bool known = true;  // keys/unknown-attribute reports templates with unknown placeholders
        for (const auto& name : ek->key_template.placeholders()) known = known && e->attribute(name);
        if (!known) continue;
        const auto& t = own(ek->key_template, e);
        const bool is_sort = c == sk_cond;
        const KeyAttribute* attr = is_sort ? sk : pk;
        const Note template_note{ek->key_template.location,
                                 e->name + "." + c->attribute + " is \"" + ek->key_template.text + "\""};
        if (c->op == KeyCondition::Op::eq) {
          Match r = match(operand(c->operands.empty() ? empty_operand : c->operands[0]), t, false);
          if (r == Match::yes)
            pc.proof.push_back(condition_text(*c) + " matches " + e->name + "." + c->attribute + " \"" +
                               ek->key_template.text + "\"");
          else if (r == Match::no)
            problem(pc, "access/not-served", c->location, cpath,
                    condition_text(*c) + " does not match " + e->name + "'s template \"" + ek->key_template.text +
                        "\" for " + c->attribute + ": the request would never find " + e->name + " items",
                    {template_note});
          continue;
        }
        // A sort-key condition other than equality.
        if (attr->type != AttributeType::S && c->op == KeyCondition::Op::begins_with) {
          problem(pc, "access/sort-condition", c->location, cpath,
                  "begins_with needs a string sort key; " + attr->name + " is of type " +
                      std::string(to_string(attr->type)) + " (use between, lt, le, gt or ge)");
          continue;
        }
        bool ok = true;
        for (const auto& o : c->operands) {
          if (match(operand(o), t, true) != Match::yes) {
            ok = false;
            problem(pc, "access/sort-condition", c->location, cpath,
                    condition_text(*c) + " cannot select " + e->name + " items: \"" + o.text +
                        "\" is not a prefix that the template \"" + ek->key_template.text + "\" can produce",
                    {template_note});
            break;
          }
        }
        // The bound is a prefix of the template, but a range points one way: `lt "ORDER#"`
        // selects no "ORDER#{orderId}" value.
        if (ok && is_range(c->op) && !sort_selects(*c, t, attr->type, operand)) {
          ok = false;
          problem(pc, "access/sort-condition", c->location, cpath,
                  condition_text(*c) + " cannot select " + e->name + " items: every value of the template \"" +
                      ek->key_template.text + "\" lies on the other side of the bound",
                  {template_note});
        }
        if (ok)
          pc.proof.push_back(condition_text(*c) + " selects within " + e->name + "." + c->attribute + " \"" +
                             ek->key_template.text + "\"");
      }
    }

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
      std::string t, u;
      for (const auto& s : touched) t += (t.empty() ? "" : ", ") + s;
      for (const auto& s : unknown) u += (u.empty() ? "" : ", ") + s;
      const bool at_set = !set.empty() && changed.count(touched[0]) && std::count(set.begin(), set.end(), touched[0]);
      problem(pc, "keys/partial-derived-key", source.at(at_set ? "set" : "add"), path + (at_set ? ".set" : ".add"),
              "UpdateItem changes " + t + ", an input of " + ek.attribute + " \"" + ek.key_template.text +
                  "\", but not " + u + ": the new " + ek.attribute +
                  " cannot be built, so the index entry would go stale; add " + u +
                  " to `set` (or to the pattern's key)",
              {Note{ek.key_template.location, e.name + "." + ek.attribute + " is built here"}});
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

nlohmann::ordered_json to_json(const Coverage& coverage) {
  nlohmann::ordered_json patterns = nlohmann::ordered_json::array();
  for (const auto& p : coverage.patterns) {
    nlohmann::ordered_json problems = nlohmann::ordered_json::array();
    for (const auto& pr : p.problems)
      problems.push_back(
          {{"rule", pr.rule}, {"message", pr.message}, {"line", pr.location.line}, {"column", pr.location.column}});
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
