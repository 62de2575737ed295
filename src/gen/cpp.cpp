// The cpp target: typed C++ accessors (templates/cpp/). Entities, access patterns, the
// self-test's samples and checks are data (key parts, operations, parameters, update paths,
// conditions) that templates/cpp/ and its partials write as code; model text is quoted there
// with `{{x}}` (cpp::literal) and never here. The view's C++ expressions (`expr`) are made of
// identifiers (through cpp::Scope) and constants, so the templates may print them raw.
// DynamoDB API shapes:
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Operations_Amazon_DynamoDB.html Expressions:
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.html
#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include "gen/generator.hpp"
#include "model/resolve.hpp"
#include "model/update.hpp"
#include "naming/naming.hpp"

namespace dynamodel {
namespace {

using nlohmann::json;

/// The C++ type of an attribute and how its values are written and read.
struct CppType {
  std::string base;       ///< e.g. std::string
  std::string marshal;    ///< function name applied to a value: dynamodel::av::S
  std::string unmarshal;  ///< dynamodel::av::as_S
  bool is_set = false;    ///< SS/NS/BS: an empty set is not stored
};

CppType cpp_type(const Attribute& a) {
  const bool fl = a.format == AttributeFormat::float_, dec = a.format == AttributeFormat::decimal;
  switch (a.type) {
    case AttributeType::S:
      return {"std::string", "dynamodel::av::S", "dynamodel::av::as_S"};
    case AttributeType::N:
      if (fl) return {"double", "dynamodel::av::N", "dynamodel::av::as_N_double"};
      if (dec) return {"std::string", "dynamodel::av::Ndecimal", "dynamodel::av::as_N_decimal"};
      return {"std::int64_t", "dynamodel::av::N", "dynamodel::av::as_N_int"};
    case AttributeType::B:
      return {"std::vector<std::uint8_t>", "dynamodel::av::B", "dynamodel::av::as_B"};
    case AttributeType::BOOL:
      return {"bool", "dynamodel::av::BOOL", "dynamodel::av::as_BOOL"};
    case AttributeType::NULL_:
      return {"std::nullptr_t", "null_value", "null_of"};
    case AttributeType::SS:
      return {"std::set<std::string>", "dynamodel::av::SS", "dynamodel::av::as_SS", true};
    case AttributeType::NS:
      if (fl) return {"std::set<double>", "dynamodel::av::NS", "dynamodel::av::as_NS_double", true};
      if (dec) return {"std::set<std::string>", "dynamodel::av::NSdecimal", "dynamodel::av::as_NS_decimal", true};
      return {"std::set<std::int64_t>", "dynamodel::av::NS", "dynamodel::av::as_NS_int", true};
    case AttributeType::BS:
      return {"std::set<std::vector<std::uint8_t>>", "dynamodel::av::BS", "dynamodel::av::as_BS", true};
    case AttributeType::L:
      return {"nlohmann::json", "dynamodel::av::L", "dynamodel::av::as_L"};
    case AttributeType::M:
      return {"nlohmann::json", "dynamodel::av::M", "dynamodel::av::as_M"};
  }
  return {};
}

std::string full_type(const Attribute& a) {
  return a.required ? cpp_type(a).base : "std::optional<" + cpp_type(a).base + ">";
}

/// Separator characters of a key template: every non-alphanumeric literal character, plus
/// the first character of each literal that stands between two placeholders.
std::string separators(const KeyTemplate& t) {
  std::set<char> seps;
  for (std::size_t i = 0; i < t.parts.size(); ++i) {
    const auto& p = t.parts[i];
    if (p.placeholder) continue;
    for (char c : p.text)
      if (!std::isalnum(static_cast<unsigned char>(c))) seps.insert(c);
    if (i > 0 && i + 1 < t.parts.size() && !p.text.empty()) seps.insert(p.text[0]);
  }
  return std::string(seps.begin(), seps.end());
}

bool sole_placeholder(const KeyTemplate& t) { return t.parts.size() == 1 && t.parts[0].placeholder; }

/// A value a key template needs for one placeholder: a C++ expression of the attribute's base
/// type, and the attribute (nullptr for a free parameter, which is a std::string, or an
/// std::int64_t / byte vector for N / B keys).
struct Value {
  std::string expr;
  const Attribute* attribute = nullptr;
};
using Resolver = std::function<Value(const std::string& placeholder)>;

/// How placeholder value `v` is written into a string key: `as_text` (a string), `from_int`,
/// `from_float` or `from_bool`.
std::string text_conversion(const Value& v, const std::string& where) {
  if (!v.attribute) return "as_text";
  const Attribute& a = *v.attribute;
  if (a.type == AttributeType::S) return "as_text";
  if (a.type == AttributeType::N) {
    if (a.format == AttributeFormat::decimal) return "as_text";
    return a.format == AttributeFormat::float_ ? "from_float" : "from_int";
  }
  if (a.type == AttributeType::BOOL) return "from_bool";
  throw GenerateError(where + ": attribute '" + a.name + "' of type " + std::string(to_string(a.type)) +
                      " cannot be written into a string key");
}

/// The value of a key of type N or B (`type`) from template `t` (one placeholder), and in
/// `marshal` the function that makes its AttributeValue.
Value scalar_key(const KeyTemplate& t, AttributeType type, const Resolver& r, const std::string& where,
                 std::string& marshal) {
  if (!sole_placeholder(t))
    throw GenerateError(where + ": a key of type " + std::string(to_string(type)) + " takes exactly one placeholder");
  const Value v = r(t.parts[0].text);
  if (!v.attribute) {
    marshal = type == AttributeType::N ? "dynamodel::av::N" : "dynamodel::av::B";
    return v;
  }
  if (v.attribute->type != type)
    throw GenerateError(where + ": attribute '" + v.attribute->name + "' does not have the key's type " +
                        std::string(to_string(type)));
  marshal = cpp_type(*v.attribute).marshal;
  return v;
}

/// The view of partial key_placeholder: a placeholder value and how it becomes key text
/// (one flag of as_text, from_int, from_float, from_bool; see text_conversion).
json placeholder_view(const Value& v, const std::string& how) {
  json j = {{"expr", v.expr}};
  for (const char* flag : {"as_text", "from_int", "from_float", "from_bool"}) j[flag] = how == flag;
  return j;
}

/// The view of partial key_value: the AttributeValue of a key attribute (type `type`) from
/// template `t`, as `marshal(parts)`; the parts are literals, placeholder values escaped with
/// `seps` (dynamodel::escape_key_part), or one value alone.
json key_value_view(const KeyTemplate& t, AttributeType type, const std::string& seps, const Resolver& r,
                    const std::string& where) {
  json parts = json::array();
  const auto part = [&parts](const json& literal, const json& escaped, const json& value) {
    parts.push_back({{"first", parts.empty()}, {"literal", literal}, {"escaped", escaped}, {"value", value}});
  };
  std::string marshal = "dynamodel::av::S";
  if (type != AttributeType::S) {
    part(false, false, placeholder_view(scalar_key(t, type, r, where, marshal), "as_text"));
  } else if (sole_placeholder(t)) {
    const Value v = r(t.parts[0].text);
    part(false, false, placeholder_view(v, text_conversion(v, where)));
  } else {
    for (const auto& p : t.parts) {
      if (!p.placeholder) {
        part(json{{"text", p.text}}, false, false);
        continue;
      }
      const Value v = r(p.text);
      json escaped = placeholder_view(v, text_conversion(v, where));
      escaped["seps"] = seps;
      part(false, escaped, false);
    }
  }
  return {{"marshal", marshal}, {"empty", type == AttributeType::S && t.parts.empty()}, {"parts", parts}};
}

/// The key condition operator as the runtime's `holds` and the templates name it: the model's
/// name (`=`, `begins_with`, `between`), or the comparison's symbol for lt, le, gt and ge.
std::string op_name(KeyCondition::Op op) {
  static const std::map<std::string_view, std::string> kSymbols = {
      {"lt", "<"}, {"le", "<="}, {"gt", ">"}, {"ge", ">="}};
  const std::string_view name = to_string(op);
  const auto it = kSymbols.find(name);
  return it == kSymbols.end() ? std::string(name) : it->second;
}

struct KeySchema {
  const KeyAttribute* pk = nullptr;
  const KeyAttribute* sk = nullptr;
};

KeySchema index_keys(const ResolvedModel& r, const std::optional<std::string>& index) {
  const KeySpace* k = r.key_space_of(index);
  if (!k) throw GenerateError("unknown index '" + index.value_or("") + "'");
  return {k->partition_key, k->sort_key};
}

AttributeType key_type(const Model& m, const std::string& name) {
  for (const auto* k : m.key_attributes())
    if (k->name == name) return k->type;
  throw GenerateError("'" + name + "' is not a key attribute of the table or an index");
}

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
        for (char c : separators(k->key_template))
          if (out.find(c) == std::string::npos) out += c;
      }
    return found ? out : separators(fallback);
  }
};

// ---- entities --------------------------------------------------------------------------

/// Expression of field `attr` of entity value `var` as a base value (optional dereferenced).
std::string field_expr(const EntityNames& en, const std::string& var, const std::string& attr) {
  const Attribute* a = en.entity->attribute(attr);
  const std::string f = var + "." + en.fields.at(attr);
  return a->required ? f : "(*" + f + ")";
}

json entity_view(const Gen& g, const EntityNames& en) {
  const Entity& e = *en.entity;
  json fields = json::array(), attributes = json::array(), keys = json::array(), parsed = json::array();
  for (const auto& a : e.attributes) {
    const CppType t = cpp_type(a);
    fields.push_back({{"type", full_type(a)},
                      {"ident", en.fields.at(a.name)},
                      {"comment", cpp::comment(a.name + (a.description.empty() ? "" : ": " + a.description))}});
    attributes.push_back({{"name", a.name},
                          {"member", en.fields.at(a.name)},
                          {"marshal", t.marshal},
                          {"unmarshal", t.unmarshal},
                          {"required", a.required},
                          {"is_set", t.is_set}});
  }
  const std::string where = "entity " + e.name;
  for (const auto& k : e.keys) {
    const AttributeType kt = key_type(g.m, k.attribute);
    const KeyTemplate& t = k.key_template;
    const std::vector<std::string> ph = t.placeholders();
    std::vector<std::string> seen;
    json optionals = json::array();
    for (const auto& p : ph) {
      const Attribute* a = e.attribute(p);
      if (!a) throw GenerateError(where + ": key " + k.attribute + " uses '{" + p + "}', which is not an attribute");
      if (!a->required && std::find(seen.begin(), seen.end(), p) == seen.end())
        optionals.push_back({{"member", en.fields.at(p)}, {"first", optionals.empty()}});
      seen.push_back(p);
    }
    const std::string seps = separators(t);
    const Resolver from_v = [&](const std::string& p) { return Value{field_expr(en, "v", p), e.attribute(p)}; };
    const bool primary =
        k.attribute == g.m.table.partition_key.name || (g.m.table.sort_key && k.attribute == g.m.table.sort_key->name);
    json key = {{"attribute", k.attribute},
                {"guard", optionals.empty() ? json(false) : json{{"optionals", optionals}}},
                {"value", key_value_view(t, kt, seps, from_v, where + ", key " + k.attribute)},
                {"primary", primary},
                {"builds", false},
                {"recognizes", false}};
    if (kt != AttributeType::S) {
      parsed.insert(
          parsed.begin(),
          json{{"attribute", k.attribute},
               {"assign",
                {{"member", en.fields.at(ph.at(0))}, {"unmarshal", cpp_type(*e.attribute(ph.at(0))).unmarshal}}},
               {"parse", false}});
      keys.push_back(key);
      continue;
    }
    // Builder: the key text from its placeholder values, in order of first appearance.
    std::vector<std::string> uniq;
    for (const auto& p : ph)
      if (std::find(uniq.begin(), uniq.end(), p) == uniq.end()) uniq.push_back(p);
    json inputs = json::array();
    for (const auto& p : uniq)
      inputs.push_back(
          {{"type", cpp_type(*e.attribute(p)).base}, {"member", en.fields.at(p)}, {"first", inputs.empty()}});
    const std::string& parser = en.parsers.at(k.attribute);
    const Resolver from_params = [&](const std::string& p) { return Value{en.fields.at(p), e.attribute(p)}; };
    json parse = {{"constant", false}, {"sole", false}, {"split", false}};
    if (uniq.empty()) {
      parse["constant"] = {{"text", t.parts.empty() ? "" : t.parts[0].text}};
    } else if (sole_placeholder(t)) {
      parse["sole"] = {{"member", en.fields.at(ph[0])}};
    } else {
      // The literals between the placeholders ("" where two placeholders meet, and at either end).
      json lits = json::array(), members = json::array();
      const auto lit = [&lits](const std::string& text) { lits.push_back({{"text", text}, {"first", lits.empty()}}); };
      bool last_ph = true;
      for (const auto& p : t.parts) {
        if (p.placeholder && last_ph) lit("");
        if (!p.placeholder) lit(p.text);
        last_ph = p.placeholder;
      }
      if (last_ph) lit("");
      for (std::size_t i = 0; i < ph.size(); ++i)
        members.push_back({{"index", i}, {"member", en.fields.at(ph[i])}, {"first", i == 0}});
      parse["split"] = {{"lits", lits}, {"seps", seps}, {"fields", members}};
    }
    key["builds"] = {{"fn", en.builders.at(k.attribute)},
                     {"parser", parser},
                     {"inputs", inputs},
                     {"comment", cpp::comment(k.attribute + " = " + t.text)},
                     {"attribute_comment", cpp::comment(k.attribute)},
                     {"text", key_value_view(t, kt, seps, from_params, where)},
                     {"parse", parse}};
    if (primary) key["recognizes"] = {{"parser", parser}};
    parsed.insert(parsed.begin(), json{{"attribute", k.attribute}, {"assign", false}, {"parse", {{"parser", parser}}}});
    keys.push_back(key);
  }
  return {{"ident", en.ident}, {"comment", cpp::comment(e.name + (e.description.empty() ? "" : ": " + e.description))},
          {"fields", fields},  {"attributes", attributes},
          {"keys", keys},      {"parsed_keys", parsed}};
}

// ---- access patterns -------------------------------------------------------------------

/// One parameter of a generated function.
struct Param {
  enum class Role { key, set, add, lock, item, extra };
  std::string ident, type;  ///< type as written in the signature (`const std::string&`)
  std::string name;         ///< placeholder or attribute name; entity name for `item`
  Role role = Role::key;
  std::string entity;  ///< the entity whose sample supplies the value
  const Attribute* attribute = nullptr;
  char bound = 0;    ///< free parameter: 'l' lower bound, 'h' upper bound, 'p' end of a begins_with prefix
  std::string base;  ///< the value type (`std::string`)
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
                    name, role, entity, a, bound, base_type});
    if (!optional) by_name[name] = Value{id, a};
    return id;
  }
};

const Attribute* attribute_in(const Gen& g, const std::vector<std::string>& ents, const std::string& name) {
  for (const auto& e : ents)
    if (const Attribute* a = g.names(e).entity->attribute(name)) return a;
  return nullptr;
}

/// Key conditions with the partition key first.
std::vector<const KeyCondition*> ordered(const std::vector<KeyCondition>& key, const KeySchema& ks) {
  std::vector<const KeyCondition*> out;
  for (const auto& c : key)
    if (c.attribute == ks.pk->name) out.push_back(&c);
  for (const auto& c : key)
    if (c.attribute != ks.pk->name) out.push_back(&c);
  return out;
}

/// Adds the parameters of `key` (placeholders in order of first appearance) to `ps`.
void key_params(const Gen& g, const std::vector<std::string>& ents, const std::vector<const KeyCondition*>& key,
                Params& ps) {
  for (const auto* c : key) {
    const AttributeType kt = key_type(g.m, c->attribute);
    for (std::size_t i = 0; i < c->operands.size(); ++i)
      for (const auto& p : c->operands[i].placeholders()) {
        if (ps.by_name.count(p)) continue;
        const Attribute* a = attribute_in(g, ents, p);
        std::string owner;
        for (const auto& e : ents)
          if (owner.empty() && g.names(e).entity->attribute(p)) owner = e;
        // A free parameter of begins_with after a literal prefix (`ORDER#{month}`) is the
        // empty string in the self-test: the prefix alone selects the samples (DynamoDB
        // refuses an empty operand, so a template of the parameter alone keeps the low bound).
        const bool prefix = c->op == KeyCondition::Op::begins_with && !sole_placeholder(c->operands[i]) &&
                            c->operands[i].parts.back().placeholder && c->operands[i].parts.back().text == p;
        const char bound = c->op == KeyCondition::Op::lt || c->op == KeyCondition::Op::le ||
                                   (c->op == KeyCondition::Op::between && i == 1)
                               ? 'h'
                           : prefix ? 'p'
                                    : 'l';
        const std::string type = a                        ? cpp_type(*a).base
                                 : kt == AttributeType::N ? "std::int64_t"
                                 : kt == AttributeType::B ? "std::vector<std::uint8_t>"
                                                          : "std::string";
        ps.add(p, type, a, false, Param::Role::key, owner.empty() ? ents.at(0) : owner, bound);
      }
  }
}

Resolver resolver(const Params& ps) {
  return [&ps](const std::string& p) {
    auto it = ps.by_name.find(p);
    if (it == ps.by_name.end()) throw GenerateError("placeholder '{" + p + "}' has no value");
    return it->second;
  };
}

// ---- access patterns: the view of templates/cpp/partials/ ------------------------------

/// The view of partial `key`: the primary key of an equality-only key condition.
json key_view(const Gen& g, const std::vector<std::string>& ents, const std::vector<const KeyCondition*>& key,
              const Params& ps, const std::string& where) {
  json out = json::array();
  for (const auto* c : key) {
    if (c->op != KeyCondition::Op::eq)
      throw GenerateError(where + ": " + c->attribute + " needs an equality (the full key)");
    out.push_back({{"attribute", c->attribute},
                   {"value", key_value_view(c->operands[0], key_type(g.m, c->attribute),
                                            g.seps(ents, c->attribute, c->operands[0]), resolver(ps), where)}});
  }
  return out;
}

/// The ProjectionExpression names of `ap` (`false` when it reads whole items): its attributes and
/// every key of its entities, each once (a path named twice is refused: "Two document paths
/// overlap").
json projection_view(const Gen& g, const AccessPattern& ap) {
  if (ap.attributes.empty()) return false;
  std::vector<std::string> names = ap.attributes;
  for (const auto& en : ap.entities)
    for (const auto& k : g.names(en).entity->keys) names.push_back(k.attribute);
  json list = json::array();
  std::set<std::string> seen;
  for (const auto& n : names)
    if (seen.insert(n).second) list.push_back({{"name", n}, {"first", list.empty()}});
  return {{"names", list}};
}

/// The view of partial read_request: a Query (or a Scan when the key is empty).
json read_view(const Gen& g, const AccessPattern& ap, const std::vector<const KeyCondition*>& key, const Params& ps) {
  const std::string where = "access pattern " + ap.name;
  json conditions = json::array();
  for (const auto* c : key) {
    const AttributeType kt = key_type(g.m, c->attribute);
    json vals = json::array();
    for (const auto& op : c->operands)
      vals.push_back(key_value_view(op, kt, g.seps(ap.entities, c->attribute, op), resolver(ps), where));
    json cond = {{"attribute", c->attribute}, {"compare", false}, {"begins_with", false}, {"between", false}};
    if (c->op == KeyCondition::Op::begins_with)
      cond["begins_with"] = {{"value", vals[0]}};
    else if (c->op == KeyCondition::Op::between)
      cond["between"] = {{"low", vals[0]}, {"high", vals[1]}};
    else
      cond["compare"] = {{"operator", op_name(c->op)}, {"value", vals[0]}};
    conditions.push_back(cond);
  }
  return {{"has_key", !key.empty()},
          {"conditions", conditions},
          {"index", ap.index ? json{{"name", *ap.index}} : json(false)},
          {"scan_backward", !ap.scan_index_forward && !key.empty()},
          {"consistent_read", ap.consistent_read},
          {"projection", projection_view(g, ap)}};
}

/// The view of partial update_expression: an UpdateItem on entity `en` (its `set`, `add`, the
/// keys rebuilt from set attributes, the optimistic `lock`). Adds the parameters to `ps`.
json update_view(const Gen& g, const EntityNames& en, const std::vector<const KeyCondition*>& key,
                 const std::vector<std::string>& set, const std::vector<std::string>& add, bool lock, Params& ps,
                 const std::string& where, std::string& lock_param) {
  const Entity& e = *en.entity;
  const std::string pk = g.m.table.partition_key.name;
  const auto primary = [&](const std::string& name) {
    return name == pk || (g.m.table.sort_key && name == g.m.table.sort_key->name);
  };
  for (const auto& c : key)
    if (!primary(c->attribute)) throw GenerateError(where + ": UpdateItem needs the table's primary key");
  // Every attribute path at most once in the whole UpdateExpression (SET, REMOVE and ADD
  // together; DynamoDB refuses "Two document paths overlap"), and never a primary-key
  // attribute ("Cannot update attribute ...: This attribute is part of the key"):
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html
  // The paths the UpdateExpression writes (model/update.hpp). access/update-expression reports
  // a primary-key attribute or a path written twice, so either is an internal error here.
  const std::vector<UpdateWrite> writes = update_writes(g.m, e, set, add, lock);
  std::set<std::string> written;
  for (const auto& w : writes)
    if (primary(w.attribute) || !written.insert(w.attribute).second)
      throw GenerateError(where + ": UpdateItem would write '" + w.attribute +
                          "' twice or as a primary-key attribute (rule access/update-expression)");
  const Attribute* version = nullptr;
  for (const auto& a : e.attributes)
    if (a.role == AttributeRole::version) version = &a;
  std::set<std::string> given;
  json sets = json::array(), adds = json::array(), keys = json::array();
  for (const auto& s : set) {
    const Attribute* a = e.attribute(s);
    if (!a) throw GenerateError(where + ": set names '" + s + "', not an attribute of " + e.name);
    const CppType t = cpp_type(*a);
    const std::string id = ps.add(s, t.base, a, !a->required, Param::Role::set, e.name);
    given.insert(s);
    if (!a->required) ps.by_name[s] = Value{"(*" + id + ")", a};
    sets.push_back(
        {{"attribute", s}, {"marshal", t.marshal}, {"param", id}, {"required", a->required}, {"is_set", t.is_set}});
  }
  for (const auto& s : add) {
    const Attribute* a = e.attribute(s);
    if (!a) throw GenerateError(where + ": add names '" + s + "', not an attribute of " + e.name);
    const CppType t = cpp_type(*a);
    adds.push_back(
        {{"attribute", s}, {"marshal", t.marshal}, {"param", ps.add(s, t.base, a, false, Param::Role::add, e.name)}});
  }
  // Rebuild every key of the entity whose template uses a set attribute (never the primary key;
  // not a plain key `status: "{status}"` that the SET of the attribute writes already). Without
  // one of its optional inputs, the key is removed.
  for (const auto& w : writes) {
    if (w.why != UpdateWrite::Why::rebuilt_key) continue;
    const EntityKey& k = *w.key;
    json optionals = json::array();
    for (const auto& p : k.key_template.placeholders()) {
      const Attribute* a = e.attribute(p);
      if (!ps.by_name.count(p)) ps.add(p, cpp_type(*a).base, a, false, Param::Role::extra, e.name);  // the caller's
      if (given.count(p) && a && !a->required) {
        const std::string& expr = ps.by_name[p].expr;  // `(*id)`
        optionals.push_back({{"ident", expr.substr(2, expr.size() - 3)}, {"first", optionals.empty()}});
      }
    }
    keys.push_back({{"attribute", k.attribute},
                    {"value", key_value_view(k.key_template, key_type(g.m, k.attribute), separators(k.key_template),
                                             resolver(ps), where)},
                    {"guard", optionals.empty() ? json(false) : json{{"optionals", optionals}}}});
  }
  json locked = false;
  if (lock) {
    if (!version) throw GenerateError(where + ": optimistic_lock needs an attribute with role: version in " + e.name);
    lock_param = ps.add("expected_" + version->name, "std::int64_t", version, false, Param::Role::lock, e.name);
    locked = {{"attribute", version->name}, {"param", lock_param}};
  }
  return {{"set", sets}, {"add", adds}, {"rebuilt_keys", keys}, {"lock", locked}};
}

/// The view of partial `condition`: the ConditionExpression of a write, or `false`.
json condition_view(WriteCondition c) {
  if (c == WriteCondition::not_exists) return {{"function", "attribute_not_exists"}};
  if (c == WriteCondition::exists) return {{"function", "attribute_exists"}};
  return false;
}

std::string variant_of(const Gen& g, const std::vector<std::string>& ents) {
  if (ents.size() == 1) return g.names(ents[0]).ident;
  std::string s = "std::variant<";
  for (std::size_t i = 0; i < ents.size(); ++i) s += (i ? ", " : "") + g.names(ents[i]).ident;
  return s + ">";
}

/// The view of a transaction's actions (partial transact_actions) and of its results
/// (TransactGetItems: one per Get action).
json transact_view(const Gen& g, const AccessPattern& ap, Params& ps) {
  const std::string where = "access pattern " + ap.name;
  std::vector<std::pair<const Action*, std::string>> puts;  // put action -> parameter
  for (const auto& a : ap.actions)
    if (a.operation == Operation::PutItem) {
      const EntityNames& en = g.names(a.entity);
      std::string base = en.ident;
      base[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(base[0])));
      puts.push_back({&a, ps.add(base, en.ident, nullptr, false, Param::Role::item, a.entity)});
    }
  // Placeholders the put items provide.
  for (const auto& [a, id] : puts) {
    const EntityNames& en = g.names(a->entity);
    for (const auto& at : en.entity->attributes)
      if (!ps.by_name.count(at.name)) ps.by_name[at.name] = Value{field_expr(en, id, at.name), &at};
  }
  json actions = json::array(), results = json::array();
  int index = 0;
  for (const auto& a : ap.actions) {
    const EntityNames& en = g.names(a.entity);
    const std::string aw = where + ", action " + std::to_string(index + 1);
    const std::vector<std::string> ents = {a.entity};
    const auto akey = ordered(a.key, index_keys(g.resolved, std::nullopt));
    json action = {{"index", index},  {"entity", en.ident}, {"put", false},         {"get", false},
                   {"update", false}, {"check", false},     {"key", json::array()}, {"condition", false}};
    if (a.operation == Operation::PutItem) {
      for (const auto& [pa, pid] : puts)
        if (pa == &a) action["put"] = {{"param", pid}};
      action["condition"] = condition_view(a.condition);
    } else {
      key_params(g, ents, akey, ps);
      action["key"] = key_view(g, ents, akey, ps, aw);
      if (a.operation == Operation::GetItem) {
        action["get"] = true;
        results.push_back({{"entity", en.ident}, {"first", results.empty()}});
      } else if (a.operation == Operation::UpdateItem) {
        std::string lock;
        action["update"] = update_view(g, en, akey, a.set, a.add, a.optimistic_lock, ps, aw, lock);
      } else if (a.operation == Operation::DeleteItem || a.operation == Operation::ConditionCheck) {
        const bool check = a.operation == Operation::ConditionCheck;
        action["check"] = {{"request", check ? "ConditionCheck" : "Delete"}};
        action["condition"] =
            condition_view(check && a.condition == WriteCondition::none ? WriteCondition::exists : a.condition);
      } else {
        throw GenerateError(aw + ": " + std::string(to_string(a.operation)) + " cannot be a transaction action");
      }
    }
    actions.push_back(action);
    ++index;
  }
  return {{"actions", actions}, {"results", results}};
}

/// The operations of an access pattern's view: each `false`, but the pattern's own.
constexpr const char* kOperationViews[] = {
    "get_item",         "query",  "put_item",           "delete_item",         "update_item", "batch_get_item",
    "batch_write_item", "replay", "transact_get_items", "transact_write_items"};

/// The view of one access pattern: the names of its member functions (`fn`, and `fn_all` for a
/// Query or Scan), its doc line, its parameters, and one object for its operation
/// (templates/cpp/partials/<operation>.mustache prints the definitions, model.hpp the
/// declarations). Adds the parameters to `ps`.
json pattern_view(const Gen& g, const AccessPattern& ap, const std::string& fn, const std::string& fn_all, Params& ps) {
  const std::string where = "access pattern " + ap.name;
  json v = {{"fn", fn},
            {"fn_all", fn_all},
            {"doc", cpp::comment(ap.id + " " + std::string(to_string(ap.operation)) +
                                 (ap.description.empty() ? "" : ": " + ap.description))}};
  for (const char* op : kOperationViews) v[op] = false;
  const KeySchema ks = index_keys(g.resolved, ap.index);
  const auto key = ordered(ap.key, ks);
  auto single = [&]() -> const EntityNames& {
    if (ap.entities.size() != 1)
      throw GenerateError(where + ": " + std::string(to_string(ap.operation)) + " takes one entity");
    return g.names(ap.entities[0]);
  };
  switch (ap.operation) {
    case Operation::GetItem: {
      const EntityNames& en = single();
      key_params(g, ap.entities, key, ps);
      v["get_item"] = {{"entity", en.ident},
                       {"key", key_view(g, ap.entities, key, ps, where)},
                       {"consistent_read", ap.consistent_read},
                       {"projection", projection_view(g, ap)}};
      break;
    }
    case Operation::Query:
    case Operation::Scan: {
      json decode = json::array();
      for (const auto& e : ap.entities) decode.push_back({{"ident", g.names(e).ident}, {"first", decode.empty()}});
      key_params(g, ap.entities, key, ps);
      v["query"] = {{"item", variant_of(g, ap.entities)},
                    {"page_limit", ap.limit ? json{{"items", *ap.limit}} : json(false)},
                    {"request", ap.operation == Operation::Query && !key.empty() ? "Query" : "Scan"},
                    {"read", read_view(g, ap, key, ps)},
                    {"decode", decode}};
      break;
    }
    case Operation::PutItem:
      v["put_item"] = {{"entity", single().ident}, {"condition", condition_view(ap.condition)}};
      break;
    case Operation::DeleteItem:
      single();
      key_params(g, ap.entities, key, ps);
      v["delete_item"] = {{"key", key_view(g, ap.entities, key, ps, where)},
                          {"condition", condition_view(ap.condition)}};
      break;
    case Operation::UpdateItem: {
      const EntityNames& en = single();
      key_params(g, ap.entities, key, ps);
      json k = key_view(g, ap.entities, key, ps, where);
      std::string lock;
      json u = update_view(g, en, key, ap.set, ap.add, ap.optimistic_lock, ps, where, lock);
      v["update_item"] = {{"entity", en.ident}, {"key", k}, {"update", u}};
      break;
    }
    case Operation::BatchGetItem: {
      const EntityNames& en = single();
      key_params(g, ap.entities, key, ps);
      v["batch_get_item"] = {{"entity", en.ident},
                             {"tuple", ps.list.size() != 1},
                             {"key", key_view(g, ap.entities, key, ps, where)},
                             {"consistent_read", ap.consistent_read}};
      break;
    }
    case Operation::BatchWriteItem:
      v["batch_write_item"] = {{"entity", single().ident}};
      break;
    case Operation::Replay: {
      const EntityNames& en = single();
      const Attribute* rev = nullptr;
      for (const auto& a : en.entity->attributes)
        if (a.role == AttributeRole::revision) rev = &a;
      if (!rev) throw GenerateError(where + ": Replay needs an attribute with role: revision in " + en.entity->name);
      key_params(g, ap.entities, key, ps);
      v["replay"] = {{"entity", en.ident},
                     {"revision", rev->name},
                     {"revision_comment", cpp::comment(rev->name)},
                     {"request", key.empty() ? "Scan" : "Query"},
                     {"read", read_view(g, ap, key, ps)}};
      break;
    }
    case Operation::TransactWriteItems:
      v["transact_write_items"] = transact_view(g, ap, ps);
      break;
    case Operation::TransactGetItems:
      v["transact_get_items"] = transact_view(g, ap, ps);
      break;
    case Operation::ConditionCheck:
      throw GenerateError(where + ": ConditionCheck is only an action of a transaction");
  }
  json params = json::array();
  for (const auto& p : ps.list)
    params.push_back({{"ident", p.ident}, {"type", p.type}, {"base", p.base}, {"first", params.empty()}});
  v["params"] = params;
  v["has_params"] = !ps.list.empty();
  return v;
}

// ---- self-test -------------------------------------------------------------------------

/// A deterministic sample value of attribute `a` for sample number `n` (an int variable), as a C++
/// expression (a string attribute with an enum: see sample_view): the same attribute name and n
/// give the same value in every entity, so items of one sample number share their partitions.
std::string sample_value(const Attribute& a) {
  const bool fl = a.format == AttributeFormat::float_, dec = a.format == AttributeFormat::decimal;
  switch (a.type) {
    case AttributeType::S:
      if (a.format == AttributeFormat::date) return "date_of(n)";
      if (a.format == AttributeFormat::date_time) return "datetime_of(n)";
      if (a.format == AttributeFormat::uuid) return "uuid_of(n)";
      if (a.format == AttributeFormat::ulid) return "ulid_of(n)";
      if (a.format == AttributeFormat::email) return "email_of(n)";
      return "text_of(n)";
    case AttributeType::N:
      if (fl) return "n + 0.5";
      if (dec) return "std::to_string(n) + \".25\"";
      if (a.role == AttributeRole::ttl || a.format == AttributeFormat::epoch_seconds)
        return "std::int64_t{1900000000} + n";
      return "std::int64_t{n}";
    case AttributeType::B:
      return "bytes_of(n)";
    case AttributeType::BOOL:
      return "n % 2 == 1";
    case AttributeType::NULL_:
      return "nullptr";
    case AttributeType::SS:
      return "std::set<std::string>{text_of(n), \"b\"}";
    case AttributeType::NS:
      if (fl) return "std::set<double>{n + 0.5, 2.5}";
      if (dec) return "std::set<std::string>{std::to_string(n) + \".25\", \"7.5\"}";
      return "std::set<std::int64_t>{n, n + 100}";
    case AttributeType::BS:
      return "std::set<std::vector<std::uint8_t>>{bytes_of(n)}";
    case AttributeType::L:
      return "nlohmann::json::array({dynamodel::av::S(text_of(n))})";
    case AttributeType::M:
      return "nlohmann::json::object({{\"k\", dynamodel::av::N(std::int64_t{n})}})";
  }
  return "{}";
}

/// The view of partial sample_value: member `member` of the sample, set to `expr`, or for a string
/// with an enum to one of its values (`pick`, by sample number).
json sample_view(const Attribute& a, const std::string& member) {
  if (a.type != AttributeType::S || a.enum_values.empty())
    return {{"member", member}, {"expr", sample_value(a)}, {"pick", false}};
  json choices = json::array();
  for (const auto& v : a.enum_values) choices.push_back({{"text", v}, {"first", choices.empty()}});
  return {{"member", member}, {"expr", ""}, {"pick", {{"choices", choices}}}};
}

std::string field_of(const Gen& g, const std::string& var, const std::string& entity, const Attribute& a, bool deref) {
  const EntityNames& en = g.names(entity);
  return var + "_" + en.ident + "." + en.fields.at(a.name) + (deref && !a.required ? ".value()" : "");
}

/// The self-test's argument for parameter `p`: samples `s_<Entity>` (the item) and
/// `t_<Entity>` (new values for updates).
std::string arg_of(const Gen& g, const Param& p) {
  using R = Param::Role;
  const Attribute* a = p.attribute;
  const bool own = a && !p.entity.empty() && g.names(p.entity).entity->attribute(a->name) == a;
  switch (p.role) {
    case R::item:
      return "s_" + g.names(p.entity).ident;
    case R::key:
    case R::extra:
      if (own) return field_of(g, "s", p.entity, *a, true);
      if (p.type.find("int64") != std::string::npos)
        return p.bound == 'h' ? "std::int64_t{4000000000}" : "std::int64_t{-4000000000}";
      if (p.type.find("uint8") != std::string::npos)
        return p.bound == 'h'   ? "std::vector<std::uint8_t>(8, 0xff)"
               : p.bound == 'p' ? "std::vector<std::uint8_t>{}"
                                : "std::vector<std::uint8_t>{0}";
      return p.bound == 'h' ? "std::string(\"~\")" : p.bound == 'p' ? "std::string()" : "std::string(\" \")";
    case R::set:
      return field_of(g, "t", p.entity, *a, false);
    case R::add:
      if (a->type == AttributeType::N && a->format == AttributeFormat::decimal) return "std::string(\"1\")";
      if (a->type == AttributeType::N && a->format == AttributeFormat::float_) return "1.0";
      if (a->type == AttributeType::N) return "std::int64_t{1}";
      return field_of(g, "t", p.entity, *a, true);
    case R::lock:
      return a->required ? field_of(g, "s", p.entity, *a, false)
                         : field_of(g, "s", p.entity, *a, false) + ".value_or(0)";
  }
  return "{}";
}

/// The self-test's arguments of a call with parameters `list` (arg_of: C++ expressions of the
/// samples' fields and of constants).
json args_view(const Gen& g, const std::vector<Param>& list) {
  json args = json::array();
  for (const auto& p : list) args.push_back({{"expr", arg_of(g, p)}, {"first", args.empty()}});
  return args;
}

/// The fields of `expect_<Entity>` (the sample `s_<Entity>` after an update with parameters
/// `list` on entity `e`): `{field, value, plus_one}`; `exact` false when only the keys can be
/// predicted.
json expected_view(const Gen& g, const std::string& e, const std::vector<Param>& list, bool& exact) {
  const EntityNames& en = g.names(e);
  json fields = json::array();
  for (const auto& p : list) {
    if (p.entity != e || !p.attribute) continue;
    const std::string f = en.fields.at(p.attribute->name);
    const std::string cur = field_of(g, "s", e, *p.attribute, false);
    if (p.role == Param::Role::set)
      fields.push_back({{"field", f}, {"value", field_of(g, "t", e, *p.attribute, false)}, {"plus_one", false}});
    if (p.role == Param::Role::add) {
      if (p.attribute->type == AttributeType::N && cpp_type(*p.attribute).base == "std::int64_t")
        fields.push_back(
            {{"field", f}, {"value", p.attribute->required ? cur : cur + ".value_or(0)"}, {"plus_one", true}});
      else
        exact = false;
    }
    if (p.role == Param::Role::lock) fields.push_back({{"field", f}, {"value", arg_of(g, p)}, {"plus_one", true}});
  }
  return fields;
}

/// The view of partial selftest_declare: the samples `s_<Entity>` (number m) and, `with_t`,
/// `t_<Entity>` (m + 1) of entities `ents`.
json declare_view(const Gen& g, const std::set<std::string>& ents, int m, bool with_t) {
  json list = json::array();
  for (const auto& e : ents)
    list.push_back({{"ident", g.names(e).ident}, {"s", m}, {"t", with_t ? json{{"n", m + 1}} : json(false)}});
  return list;
}

/// The sample number the self-test writes once without its optional attributes (each entity
/// that has some): no attribute, and no secondary-index key built from one, may be written
/// for them (DynamoDB refuses an empty or NULL index key value), and the item reads back as
/// written. Below the first pattern's numbers (100).
constexpr int kSparseSample = 99;

/// How many sample numbers a read check tries (from its first number m) to find samples that
/// the pattern's key condition selects.
constexpr int kSearch = 64;

/// A resolver of key placeholders to the self-test's arguments (arg_of) for parameters `ps`.
Resolver arg_resolver(const Gen& g, const Params& ps) {
  auto args = std::make_shared<std::map<std::string, Value>>();
  for (const auto& p : ps.list)
    if (p.role == Param::Role::key || p.role == Param::Role::extra) (*args)[p.name] = Value{arg_of(g, p), p.attribute};
  return [args](const std::string& name) {
    auto it = args->find(name);
    if (it == args->end()) throw GenerateError("placeholder '{" + name + "}' has no self-test value");
    return it->second;
  };
}

/// The view of partial selftest_fit: the statements that make the mutable samples `s_<Entity>`
/// of `ents` fit the equalities of `key` whose operand differs from the entity's own key
/// template (a literal such as `status: "OPEN"`, or a value of another entity): the operand's
/// value, computed from the arguments, is parsed back into the sample's fields with the
/// entity's key parser (`parse`), or unmarshalled into the field of a non-string key (`assign`).
json fit_view(const Gen& g, const std::vector<std::string>& ents, const std::vector<const KeyCondition*>& key,
              const Resolver& r, const std::string& where) {
  json out = json::array();
  for (const auto* c : key) {
    if (c->op != KeyCondition::Op::eq) continue;
    const AttributeType kt = key_type(g.m, c->attribute);
    const json value = key_value_view(c->operands[0], kt, g.seps(ents, c->attribute, c->operands[0]), r, where);
    for (const auto& e : ents) {
      const EntityNames& en = g.names(e);
      const EntityKey* k = en.entity->key(c->attribute);
      if (!k || k->key_template.text == c->operands[0].text) continue;
      if (kt == AttributeType::S) {
        out.push_back({{"parse", {{"ident", en.ident}, {"parser", en.parsers.at(c->attribute)}, {"value", value}}},
                       {"assign", false}});
      } else if (sole_placeholder(k->key_template)) {
        const Attribute* a = en.entity->attribute(k->key_template.parts[0].text);
        if (a)
          out.push_back({{"parse", false},
                         {"assign",
                          {{"ident", en.ident},
                           {"field", en.fields.at(a->name)},
                           {"unmarshal", cpp_type(*a).unmarshal},
                           {"value", value}}}});
      }
    }
  }
  return out;
}

/// The view of partial selftest_selects: the key condition `key` as `holds(item, ...)` checks,
/// with the operand values computed from the arguments.
json selects_view(const Gen& g, const std::vector<std::string>& ents, const std::vector<const KeyCondition*>& key,
                  const Resolver& r, const std::string& where) {
  json conditions = json::array();
  for (const auto* c : key) {
    const AttributeType kt = key_type(g.m, c->attribute);
    json operands = json::array();
    for (const auto& operand : c->operands)
      operands.push_back(key_value_view(operand, kt, g.seps(ents, c->attribute, operand), r, where));
    conditions.push_back(
        {{"attribute", c->attribute}, {"op", op_name(c->op)}, {"operands", operands}, {"first", conditions.empty()}});
  }
  return {{"has_key", !key.empty()}, {"conditions", conditions}};
}

/// The self-test checks of templates/cpp/partials/selftest_<operation>.mustache: each `false`,
/// but the pattern's own.
constexpr const char* kCheckViews[] = {
    "get_item",         "query",  "put_item",           "delete_item",         "update_item", "batch_get_item",
    "batch_write_item", "replay", "transact_get_items", "transact_write_items"};

/// The view of one `check(...)` of the self-test for access pattern `ap`, using sample numbers
/// m, m+1, ...: its `name`, the functions `fn` and `fn_all`, the arguments `args`, `full`
/// (items are read whole), and one object for its operation.
json check_view(const Gen& g, const AccessPattern& ap, const std::string& fn, const std::string& fn_all,
                const Params& ps, int m, std::map<std::string, std::set<int>>& used) {
  std::set<std::string> ents(ap.entities.begin(), ap.entities.end());
  for (const auto& a : ap.actions) ents.insert(a.entity);
  auto use = [&](int from, int count) {
    for (const auto& e : ents)
      for (int i = 0; i < count; ++i) used[e].insert(from + i);
  };
  bool full = ap.attributes.empty();
  if (ap.index)
    for (const auto& gsi : g.m.table.global_secondary_indexes)
      if (gsi.name == *ap.index && gsi.projection.type != ProjectionType::ALL) full = false;
  if (ap.index)
    for (const auto& lsi : g.m.table.local_secondary_indexes)
      if (lsi.name == *ap.index && lsi.projection.type != ProjectionType::ALL) full = false;
  json v = {{"name", ap.name}, {"fn", fn}, {"fn_all", fn_all}, {"args", args_view(g, ps.list)}, {"full", full}};
  for (const char* op : kCheckViews) v[op] = false;
  const std::string where = "self-test of access pattern " + ap.name;
  const auto key = ordered(ap.key, index_keys(g.resolved, ap.index));
  const Resolver r = arg_resolver(g, ps);
  const auto ident = [&](const std::string& e) { return g.names(e).ident; };
  switch (ap.operation) {
    case Operation::GetItem:
      use(m, 1);
      v["get_item"] = {{"ident", ident(ap.entities[0])}, {"n", m}, {"fit", fit_view(g, ap.entities, key, r, where)}};
      break;
    case Operation::Query:
    case Operation::Scan: {
      // Samples that the key condition selects: the first sample number from m whose samples,
      // with the equalities fitted, satisfy every condition (literal prefixes, ranges, bounds).
      json all = json::array(), selected = json::array();
      for (const auto& e : ents) all.push_back({{"ident", ident(e)}});
      for (const auto& e : ap.entities) selected.push_back({{"ident", ident(e)}, {"first", selected.empty()}});
      v["query"] = {{"from", m},
                    {"to", m + kSearch},
                    {"last", m + kSearch - 1},
                    {"candidates", all},
                    {"selected", selected},
                    {"fit", fit_view(g, ap.entities, key, r, where)},
                    {"selects", selects_view(g, ap.entities, key, r, where)},
                    {"page_limit", ap.limit ? json{{"items", *ap.limit}} : json(false)}};
      break;
    }
    case Operation::PutItem:
      use(m, 2);
      v["put_item"] = {{"ident", ident(ap.entities[0])},
                       {"declare", declare_view(g, ents, m, true)},
                       {"exists", ap.condition == WriteCondition::exists},
                       {"not_exists", ap.condition == WriteCondition::not_exists}};
      break;
    case Operation::DeleteItem:
      use(m, 1);
      v["delete_item"] = {{"ident", ident(ap.entities[0])},
                          {"declare", declare_view(g, ents, m, false)},
                          {"exists", ap.condition == WriteCondition::exists}};
      break;
    case Operation::UpdateItem: {
      use(m, 2);
      bool exact = true;
      json expect = expected_view(g, ap.entities[0], ps.list, exact);
      v["update_item"] = {{"ident", ident(ap.entities[0])},
                          {"declare", declare_view(g, ents, m, true)},
                          {"expect", expect},
                          {"exact", exact},
                          {"lock", ap.optimistic_lock}};
      break;
    }
    case Operation::BatchGetItem: {
      use(m, 3);
      json batches = json::array();
      for (int i = 0; i < 3; ++i) batches.push_back({{"declare", declare_view(g, ents, m + i, false)}});
      v["batch_get_item"] = {{"ident", ident(ap.entities[0])}, {"batches", batches}, {"tuple", ps.list.size() != 1}};
      break;
    }
    case Operation::BatchWriteItem:
      use(m, 30);
      v["batch_write_item"] = {{"ident", ident(ap.entities[0])}, {"n", m}};
      break;
    case Operation::Replay: {
      use(m, 1);
      const EntityNames& en = g.names(ap.entities[0]);
      const Attribute* rev = nullptr;
      for (const auto& a : en.entity->attributes)
        if (a.role == AttributeRole::revision) rev = &a;
      const std::string cur = field_of(g, "s", ap.entities[0], *rev, false);
      v["replay"] = {{"ident", en.ident},
                     {"declare", declare_view(g, ents, m, false)},
                     {"field", en.fields.at(rev->name)},
                     {"current", rev->required ? cur : cur + ".value_or(0)"}};
      break;
    }
    case Operation::TransactWriteItems:
    case Operation::TransactGetItems: {
      use(m, 2);
      json actions = json::array();
      bool conditional = false;
      int index = 0;
      for (const auto& a : ap.actions) {
        const bool put = a.operation == Operation::PutItem;
        actions.push_back({{"ident", ident(a.entity)}, {"put", put}, {"index", index}, {"number", index + 1}});
        conditional |= put && a.condition == WriteCondition::not_exists;
        ++index;
      }
      v[ap.operation == Operation::TransactGetItems ? "transact_get_items" : "transact_write_items"] = {
          {"declare", declare_view(g, ents, m, true)}, {"actions", actions}, {"conditional", conditional}};
      break;
    }
    case Operation::ConditionCheck:
      break;
  }
  return v;
}

}  // namespace

json cpp_view(const Model& model, const TargetOptions&) {
  Gen g{model, {}, ""};
  g.ns = cpp::model_namespace(model.name);
  // Namespace-level names the generated code uses itself.
  cpp::Scope top = cpp::namespace_scope(g.ns);
  for (const auto& e : model.entities) {
    EntityNames en;
    en.entity = &e;
    en.ident = top.take(e.name);
    cpp::Scope fs({en.ident, "operator"});
    for (const auto& a : e.attributes) en.fields[a.name] = fs.take(a.name);
    cpp::Scope ks({en.ident});
    for (const auto& k : e.keys) en.builders[k.attribute] = ks.take(k.attribute);
    for (const auto& k : e.keys) en.parsers[k.attribute] = ks.take("parse_" + k.attribute);
    g.entities[e.name] = en;
  }
  json view;
  view["namespace"] = g.ns;
  view["model_name"] = model.name;
  view["table_name"] = model.table.name;
  view["table_name_comment"] = cpp::comment(model.table.name);
  view["table_pk"] = model.table.partition_key.name;
  view["table_sk"] = model.table.sort_key ? json{{"name", model.table.sort_key->name}} : json(false);
  json entities = json::array();
  for (const auto& e : model.entities) entities.push_back(entity_view(g, g.entities.at(e.name)));
  view["entities"] = entities;

  cpp::Scope members({"Table", "table_name", "client", "client_", "table_name_"});
  std::map<std::string, std::string> fn_names;
  std::vector<std::pair<const AccessPattern*, std::string>> order;
  for (const auto& ap : model.access_patterns) fn_names[ap.name] = members.take(ap.name);
  for (const auto& ap : model.access_patterns)
    if (ap.operation == Operation::Query || ap.operation == Operation::Scan)
      fn_names[ap.name + "\nAll"] = members.take(ap.name + "All");
  json patterns = json::array();
  json checks = json::array();
  std::map<std::string, std::set<int>> used;
  int m = 100;  // each pattern's samples: m .. m + 99
  for (const auto& ap : model.access_patterns) {
    const auto all = fn_names.count(ap.name + "\nAll") ? fn_names.at(ap.name + "\nAll") : std::string();
    Params ps;
    patterns.push_back(pattern_view(g, ap, fn_names.at(ap.name), all, ps));
    checks.push_back(check_view(g, ap, fn_names.at(ap.name), all, ps, m, used));
    m += 100;
  }
  view["patterns"] = patterns;
  view["checks"] = checks;
  json samples = json::array();
  for (const auto& e : model.entities) {
    const EntityNames& en = g.entities.at(e.name);
    json values = json::array(), cleared = json::array(), numbers = json::array();
    for (const auto& a : e.attributes) {
      values.push_back(sample_view(a, en.fields.at(a.name)));
      if (!a.required) cleared.push_back({{"member", en.fields.at(a.name)}});
    }
    if (!cleared.empty()) used[e.name].insert(kSparseSample);
    for (int n : {1, 2}) numbers.push_back({{"n", n}, {"first", numbers.empty()}});
    for (int n : used[e.name]) numbers.push_back({{"n", n}, {"first", false}});
    samples.push_back({{"ident", en.ident},
                       {"label", e.name + " without its optional attributes"},
                       {"values", values},
                       {"numbers", numbers},
                       {"clear_optional", cleared.empty() ? json(false) : json{{"members", cleared}}},
                       {"sparse_number", kSparseSample}});
  }
  view["samples"] = samples;
  return view;
}

std::vector<OutputFile> cpp_outputs(const Model& model, const TargetOptions&) {
  const std::string dir = model.name + "/";
  return {{"runtime.hpp.mustache", dir + "dynamodel/runtime.hpp"},
          {"runtime.cpp.mustache", dir + "dynamodel/runtime.cpp"},
          {"model.hpp.mustache", dir + model.name + ".hpp"},
          {"model.cpp.mustache", dir + model.name + ".cpp"},
          {"selftest.cpp.mustache", dir + model.name + "_selftest.cpp"},
          {"CMakeLists.txt.mustache", dir + "CMakeLists.txt"}};
}

}  // namespace dynamodel
