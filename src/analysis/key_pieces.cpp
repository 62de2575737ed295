// The key-template algebra (analysis/key_pieces.hpp).
#include "analysis/key_pieces.hpp"

#include <algorithm>
#include <cctype>

namespace dynamodel::key_pieces {

namespace {

CharClass chars_of(std::string_view s) {
  CharClass c;
  for (unsigned char ch : s) c.set(ch);
  return c;
}

CharClass separators_of(const KeyTemplate& t) { return chars_of(t.separators()); }

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

/// The characters a placeholder can hold once `transform` is applied to a value of class `c`:
/// a case change maps the letters, a pad adds '0'.
CharClass transformed(CharClass c, const KeyTransform& transform) {
  switch (transform.kind) {
    case KeyTransform::Kind::none:
      break;
    case KeyTransform::Kind::pad:
      c.set('0');
      break;
    case KeyTransform::Kind::lower:
    case KeyTransform::Kind::upper: {
      const bool lower = transform.kind == KeyTransform::Kind::lower;
      for (int ch = 'A'; ch <= 'Z'; ++ch) {
        const int from = lower ? ch : ch - 'A' + 'a', to = lower ? ch - 'A' + 'a' : ch;
        if (c.test(static_cast<std::size_t>(from))) {
          c.reset(static_cast<std::size_t>(from));
          c.set(static_cast<std::size_t>(to));
        }
      }
      break;
    }
  }
  return c;
}

}  // namespace

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
    p.cls = transformed(class_of(a, t), part.transform);
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

namespace {
/// The bytes piece `p` may produce.
CharClass class_of_piece(const Piece& p) { return p.placeholder ? p.cls : CharClass().set(p.c); }

}  // namespace

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
  if (!text.empty()) t.parts.push_back(TemplatePart{false, text, {}});
  return t;
}

/// True when one of `a`, `b` is a prefix of the other.
bool compatible(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  return a.compare(0, n, b, 0, n) == 0;
}

}  // namespace dynamodel::key_pieces
