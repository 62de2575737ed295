// The key-template algebra of key coverage (analysis/coverage.hpp).
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
#pragma once

#include <algorithm>
#include <bitset>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/model.hpp"

namespace dynamodel::key_pieces {

using CharClass = std::bitset<256>;

/// One piece of a template: a literal byte, or a placeholder with the bytes it may produce.
struct Piece {
  bool placeholder = false;
  unsigned char c = 0;  ///< literal byte
  CharClass cls;        ///< placeholder: the bytes it may produce
  std::string name;     ///< placeholder name
  bool free = false;    ///< placeholder that names no attribute (a free range parameter)
};

/// The pieces of a template or condition operand: a placeholder takes the character class of the
/// first of `entities` that has the attribute; the others are free parameters (any character).
std::vector<Piece> operand_pieces(const KeyTemplate& t, const std::vector<const Entity*>& entities);
/// The pieces of an entity's own key template.
std::vector<Piece> pieces_of(const KeyTemplate& t, const Entity* entity);
/// Can `a` and `b` produce a common string? With `prefix`, can `a` be a prefix of a value of `b`?
bool intersect(const std::vector<Piece>& a, const std::vector<Piece>& b, bool prefix);
/// Can a value of `v` satisfy a range condition on a string sort key (`lower` <(=) value <(=)
/// `upper`, a null bound being no bound), for some values of the bounds? Byte order, unsigned
/// (Query.KeyConditionExpressions.html).
bool range_selects(const std::vector<Piece>& v, const std::vector<Piece>* lower, bool lower_strict,
                   const std::vector<Piece>* upper, bool upper_strict);

enum class Match { yes, no, unknown_parameter };

/// Does the operand `p` match the template `t` by structure (see key_pieces.cpp)? `prefix`: `p`
/// may end early (begins_with, range bounds).
Match match(const std::vector<Piece>& p, const std::vector<Piece>& t, bool prefix);

/// The literal text before the first placeholder.
std::string literal_prefix(const KeyTemplate& t);
/// A template of literal text only.
KeyTemplate literal_template(const std::string& text);
/// True when one of `a`, `b` is a prefix of the other.
bool compatible(std::string_view a, std::string_view b);

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

}  // namespace dynamodel::key_pieces
