// The cpp target's view, in parts (internal to src/gen): what gen/cpp.cpp (entities, the view's
// entry point), gen/cpp_patterns.cpp (access patterns) and gen/cpp_selftest.cpp (the self-test's
// samples and checks) share. See gen/cpp.cpp for how the view maps to templates/cpp/.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "gen/generator.hpp"
#include "model/resolve.hpp"
#include "naming/naming.hpp"

namespace dynamodel::cppgen {

using nlohmann::json;

/// The C++ type of an attribute and how its values are written and read.
struct CppType {
  std::string base;       ///< e.g. std::string
  std::string marshal;    ///< function name applied to a value: dynamodel::av::S
  std::string unmarshal;  ///< dynamodel::av::as_S
  bool is_set = false;    ///< SS/NS/BS: an empty set is not stored
};

/// A value a key template needs for one placeholder: a C++ expression of the attribute's base
/// type, and the attribute (nullptr for a free parameter, which is a std::string, or an
/// std::int64_t / byte vector for N / B keys).
struct Value {
  std::string expr;
  const Attribute* attribute = nullptr;
};
using Resolver = std::function<Value(const std::string& placeholder)>;

struct KeySchema {
  const KeyAttribute* pk = nullptr;
  const KeyAttribute* sk = nullptr;
};

/// Names and identifiers of one entity in the generated code.
struct EntityNames {
  const Entity* entity = nullptr;
  std::string ident;                                     ///< struct name
  std::map<std::string, std::string> fields;             ///< attribute name -> member name
  std::map<std::string, std::string> builders, parsers;  ///< key attribute -> function name
};

/// Everything shared while building one model's view.
struct Gen {
  const Model& m;
  std::map<std::string, EntityNames> entities;
  std::string ns;
  ResolvedModel resolved{m};

  const EntityNames& names(const std::string& entity) const {
    auto it = entities.find(entity);
    if (it == entities.end()) throw GenerateError("unknown entity '" + entity + "'");
    return it->second;
  }
  /// Separators for key attribute `key` of the given entities (their templates' union).
  std::string seps(const std::vector<std::string>& ents, const std::string& key, const KeyTemplate& fallback) const {
    std::string out;
    bool found = false;
    for (const auto& e : ents)
      if (const EntityKey* k = names(e).entity->key(key)) {
        found = true;
        for (char c : k->key_template.separators())
          if (out.find(c) == std::string::npos) out += c;
      }
    return found ? out : fallback.separators();
  }
};

/// One parameter of a generated function.
struct Param {
  enum class Role { key, set, add, lock, item, extra, value };  ///< value: of a filter or value condition
  std::string ident, type;  ///< type as written in the signature (`const std::string&`)
  std::string name;         ///< placeholder or attribute name; entity name for `item`
  Role role = Role::key;
  std::string entity;  ///< the entity whose sample supplies the value
  const Attribute* attribute = nullptr;
  char bound = 0;        ///< free parameter: 'l' lower bound, 'h' upper bound, 'p' end of a begins_with prefix
  std::string base;      ///< the value type (`std::string`)
  bool element = false;  ///< value: an element of the set `attribute` (contains)
  /// The self-test's sample that supplies the value: `s` (s_<Entity>), or `t` for a second
  /// action on the same entity (an action's alias).
  std::string sample = "s";
};

/// Parameters of a function, named by the model's placeholder or attribute names.
struct Params {
  cpp::Scope scope{{"e", "u", "req", "key", "raw", "page", "item", "out", "cursor", "limit", "it", "n", "r", "requests",
                    "keys", "items", "x"}};
  std::vector<Param> list;
  std::map<std::string, Value> by_name;  ///< placeholder -> how to reach it

  std::string add(const std::string& name, const std::string& base_type, const Attribute* a, bool optional = false,
                  Param::Role role = Param::Role::key, const std::string& entity = "", char bound = 0) {
    const std::string id = scope.take(name);
    const bool scalar = base_type == "std::int64_t" || base_type == "double" || base_type == "bool";
    list.push_back({id,
                    optional ? "const std::optional<" + base_type + ">&"
                    : scalar ? base_type
                             : "const " + base_type + "&",
                    name, role, entity, a, bound, base_type, false, "s"});
    if (!optional) by_name[name] = Value{id, a};
    return id;
  }
};

/// The view of partial `expression`: filter or value condition `x` of entities `ents` as C++
/// string pieces joined by `+` (names through `<e>.n`, values through `<e>.v`, `e` the Expr
/// variable), parenthesised. Adds its parameters (Role::value) to `ps`; one that a key
/// placeholder already provides is that argument; a transaction action's (`act`) are named by its
/// alias. `false` when `x` is empty.
json expression_view(const Gen& g, const std::vector<std::string>& ents, const Expression& x, const std::string& e,
                     Params& ps, const std::string& where, const Action* act = nullptr);

/// The view of one operand of a filter or value condition (partials expression and
/// selftest_condition): `name` (an attribute: `{n}`), `value` (a parameter: `{marshal, arg}`, its
/// argument from `arg(name)`), `string` (a string or number literal: `{marshal, s}`) or `word`
/// (true, false: `{marshal, w}`), each `false` but one.
json operand_view(const ExprOperand& o, const std::map<std::string, std::string>& marshal,
                  const std::function<std::string(const std::string&)>& arg);

/// The self-test's sample for transaction action `i` of `ap`: `s` (s_<Entity>) for the first
/// action on its entity, `t` for a later one (an aliased action on the same entity addresses
/// another item).
inline std::string action_sample(const AccessPattern& ap, std::size_t i) {
  for (std::size_t j = 0; j < i; ++j)
    if (ap.actions[j].entity == ap.actions[i].entity) return "t";
  return "s";
}

/// The marshal function of each parameter of `x` (its value's AttributeValue), once `ps` holds
/// them (expression_view).
std::map<std::string, std::string> expression_marshal(const Gen& g, const std::vector<std::string>& ents,
                                                      const Expression& x, const Params& ps,
                                                      const Action* act = nullptr);

/// How a membership condition (index_when) reads one attribute of the item written: its value
/// (dereferenced) and, for an optional one, the C++ test that it is there (empty: always).
struct CondValue {
  enum class Kind { string, integer, real, boolean, other };
  std::string value;
  std::string present;
  Kind kind = Kind::other;  ///< the C++ type of `value` (std::string, std::int64_t, double, bool)
};
/// The CondValue kind of attribute `a`'s C++ type.
CondValue::Kind cond_kind(const Attribute& a);
using CondResolver = std::function<CondValue(const std::string& attribute)>;
/// The view of partial membership: condition `node` as a C++ boolean expression on the values
/// `r` gives (DynamoDB's semantics: a comparison with a missing attribute is false). Throws
/// GenerateError on what rule index/membership-condition refuses (parameters, sets, ...).
json membership_view(const ExprNode& node, const CondResolver& r, const std::string& where);

/// The self-test's arguments of a call with parameters `list` (samples' fields and constants).
json args_view(const Gen& g, const std::vector<Param>& list);

/// The self-test's views of entity `en`'s conditional memberships (index_when): `members`, the
/// assignments that make each sample a member of each index (applied when the condition does
/// not hold already), and `checks`, one per index: a member and a non-member are written, the
/// stored items are judged with DynamoDB's semantics and the index is queried. Adds the sample
/// numbers it uses to `used`.
json membership_views(const Gen& g, const EntityNames& en, std::set<int>& used);

/// The view of one `check(...)` of the self-test for access pattern `ap`, using sample numbers
/// m, m+1, ...: its `name`, the functions `fn` and `fn_all`, the arguments `args`, `full`
/// (items are read whole), and one object for its operation.
json check_view(const Gen& g, const AccessPattern& ap, const std::string& fn, const std::string& fn_all,
                const Params& ps, int m, std::map<std::string, std::set<int>>& used);

/// The C++ type of attribute `a` (a set type is a std::set, an optional attribute a
/// std::optional in full_type) and its marshal/unmarshal functions.
CppType cpp_type(const Attribute& a);

/// Expression of field `attr` of entity value `var` as a base value (optional dereferenced).
std::string field_expr(const EntityNames& en, const std::string& var, const std::string& attr);

/// The key attributes of the key space `index` names (the table when empty). Throws
/// GenerateError for an unknown index (the rules refuse such a model first).
KeySchema index_keys(const ResolvedModel& r, const std::optional<std::string>& index);

/// The sample number the self-test writes once without its optional attributes (each entity
/// that has some): no attribute, and no secondary-index key built from one, may be written
/// for them (DynamoDB refuses an empty or NULL index key value), and the item reads back as
/// written. Below the first pattern's numbers (100).
inline constexpr int kSparseSample = 99;
/// The self-test's samples of conditional membership (index_when): one member, one not.
inline constexpr int kMemberSample = 97;
inline constexpr int kOtherSample = 98;

/// The type of key attribute `name` (of the table or an index). Throws GenerateError when
/// `name` is no key attribute.
AttributeType key_type(const Model& m, const std::string& name);

/// The view of partial key_value: the AttributeValue of a key attribute (type `type`) from
/// template `t`, as `marshal(parts)`; the parts are literals, placeholder values escaped with
/// `seps` (dynamodel::escape_key_part), or one value alone.
json key_value_view(const KeyTemplate& t, AttributeType type, const std::string& seps, const Resolver& r,
                    const std::string& where);

/// The key condition operator as the runtime's `holds` and the templates name it: the model's
/// name (`=`, `begins_with`, `between`), or the comparison's symbol for lt, le, gt and ge.
std::string op_name(KeyCondition::Op op);

/// Key conditions with the partition key first.
std::vector<const KeyCondition*> ordered(const std::vector<KeyCondition>& key, const KeySchema& ks);

/// The view of one access pattern: the names of its member functions (`fn`, and `fn_all` for a
/// Query or Scan), its doc line, its parameters, and one object for its operation
/// (templates/cpp/partials/<operation>.mustache prints the definitions, model.hpp the
/// declarations). Adds the parameters to `ps`.
json pattern_view(const Gen& g, const AccessPattern& ap, const std::string& fn, const std::string& fn_all, Params& ps);

/// The view of partial sample_value: member `member` of the sample, set to `expr`, or for a string
/// with an enum to one of its values (`pick`, by sample number).
json sample_view(const Attribute& a, const std::string& member);

/// Whether template `t` is one placeholder and nothing else (`{userId}`).
bool sole_placeholder(const KeyTemplate& t);

/// How placeholder value `v` is written into a string key: `as_text` (a string), `from_int`,
/// `from_float` or `from_bool`.
std::string text_conversion(const Value& v, const std::string& where);

}  // namespace dynamodel::cppgen
