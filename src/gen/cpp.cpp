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
#include <cmath>
#include <cstdlib>
#include <functional>
#include <iomanip>
#include <locale>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "gen/cpp_view.hpp"
#include "model/update.hpp"

namespace dynamodel::cppgen {

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

bool sole_placeholder(const KeyTemplate& t) { return t.parts.size() == 1 && t.parts[0].placeholder; }

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
  Value v = r(t.parts[0].text);
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
json placeholder_view(const Value& v, const std::string& how, const KeyTransform& transform = {}) {
  json j = {{"expr", v.expr}, {"transform", false}};
  if (transform.kind == KeyTransform::Kind::pad)
    j["transform"] = {{"fn", "pad_key_part"}, {"extra", ", " + std::to_string(transform.width)}};
  else if (!transform.none())
    j["transform"] = {{"fn", transform.text() + "_key_part"}, {"extra", ""}};
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
    if (sole_placeholder(t) && !t.parts[0].transform.none())
      throw GenerateError(where + ": a key of type " + std::string(to_string(type)) + " cannot transform its value (|" +
                          t.parts[0].transform.text() + ")");
    part(false, false, placeholder_view(scalar_key(t, type, r, where, marshal), "as_text"));
  } else if (sole_placeholder(t)) {
    const Value v = r(t.parts[0].text);
    part(false, false, placeholder_view(v, text_conversion(v, where), t.parts[0].transform));
  } else {
    for (const auto& p : t.parts) {
      if (!p.placeholder) {
        part(json{{"text", p.text}}, false, false);
        continue;
      }
      const Value v = r(p.text);
      json escaped = placeholder_view(v, text_conversion(v, where), p.transform);
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

namespace {

/// Appends a piece of C++ code (identifiers, operators, constants) to membership `parts`.
void code(json& parts, const std::string& text) { parts.push_back({{"raw", {{"code", text}}}, {"str", false}}); }

/// Appends a literal of a membership condition compared with a value of `kind`: a string (quoted
/// by the template), a number (a C++ constant: the model's text could read as octal) or a boolean.
void cond_literal(json& parts, const ExprOperand& o, CondValue::Kind kind, const std::string& where) {
  using CK = CondValue::Kind;
  const bool fits = o.kind == ExprOperand::Kind::string    ? kind == CK::string
                    : o.kind == ExprOperand::Kind::number  ? kind == CK::integer || kind == CK::real
                    : o.kind == ExprOperand::Kind::boolean ? kind == CK::boolean
                                                           : false;
  if (!fits) throw GenerateError(where + ": '" + o.text + "' does not fit the attribute it is compared with");
  if (o.kind == ExprOperand::Kind::string) {
    parts.push_back({{"raw", false}, {"str", {{"s", o.text}}}});
    return;
  }
  if (o.kind == ExprOperand::Kind::boolean) return code(parts, o.text == "true" ? "true" : "false");
  char* end = nullptr;
  const double d = std::strtod(o.text.c_str(), &end);
  if (end != o.text.c_str() + o.text.size() || !std::isfinite(d))
    throw GenerateError(where + ": the number " + o.text + " is out of range");
  std::ostringstream out;
  out.imbue(std::locale::classic());
  out << std::setprecision(17) << d;
  std::string text = out.str();
  // An integral value compared with an integer stays an integer.
  const bool integral = d == std::floor(d) && std::fabs(d) < 9.0e15;
  if (kind == CK::integer && integral) {
    text = std::to_string(static_cast<long long>(d)) + "LL";
  } else if (text.find_first_of(".eEn") == std::string::npos) {
    text += ".0";
  }
  code(parts, text);
}

void membership_parts(const ExprNode& node, const CondResolver& r, const std::string& where, json& parts) {
  using K = ExprNode::Kind;
  const auto attribute = [&](const ExprOperand& o) {
    if (o.kind != ExprOperand::Kind::attribute)
      throw GenerateError(where + ": a membership condition compares attributes with literals only");
    return r(o.text);
  };
  switch (node.kind) {
    case K::and_:
    case K::or_:
      code(parts, "(");
      membership_parts(node.children.at(0), r, where, parts);
      code(parts, node.kind == K::and_ ? " && " : " || ");
      membership_parts(node.children.at(1), r, where, parts);
      code(parts, ")");
      return;
    case K::not_:
      code(parts, "!(");
      membership_parts(node.children.at(0), r, where, parts);
      code(parts, ")");
      return;
    case K::attribute_exists:
    case K::attribute_not_exists: {
      const CondValue a = attribute(node.operands.at(0));
      const std::string present = a.present.empty() ? "true" : a.present;
      return code(parts, node.kind == K::attribute_exists ? present : "!" + present);
    }
    case K::contains:
      throw GenerateError(where + ": contains() is not evaluated in a membership condition");
    default:
      break;
  }
  // compare, between, in, begins_with: the attribute first, then the literals.
  std::vector<ExprOperand> ops = node.operands;
  std::string op = node.op;
  if (node.kind == K::compare && ops.size() == 2 && ops[0].kind != ExprOperand::Kind::attribute) {
    static const std::map<std::string, std::string> kFlip = {{"<", ">"}, {"<=", ">="}, {">", "<"}, {">=", "<="}};
    std::swap(ops[0], ops[1]);
    if (kFlip.count(op)) op = kFlip.at(op);
  }
  const CondValue a = attribute(ops.at(0));
  // Parentheses where a term list could mix with && or || (GCC's -Wparentheses), never around a
  // lone comparison (clang's -Wparentheses-equality on `if ((a == b))`).
  const bool several = node.kind == K::between || node.kind == K::in;
  const bool wrap = several || !a.present.empty();
  if (wrap) code(parts, "(" + (a.present.empty() ? std::string() : a.present + " && ") + (several ? "(" : ""));
  const auto term = [&](const std::string& o, const ExprOperand& lit) {
    code(parts, a.value + " " + o + " ");
    cond_literal(parts, lit, a.kind, where);
  };
  if (node.kind == K::compare) {
    term(op == "<>" ? "!=" : op == "=" ? "==" : op, ops.at(1));
  } else if (node.kind == K::between) {
    term(">=", ops.at(1));
    code(parts, " && ");
    term("<=", ops.at(2));
  } else if (node.kind == K::in) {
    for (std::size_t i = 1; i < ops.size(); ++i) {
      if (i > 1) code(parts, " || ");
      term("==", ops[i]);
    }
  } else if (node.kind == K::begins_with) {
    if (a.kind != CondValue::Kind::string) throw GenerateError(where + ": begins_with needs a string attribute");
    code(parts, a.value + ".rfind(");
    cond_literal(parts, ops.at(1), a.kind, where);
    code(parts, ", 0) == 0");
  }
  if (wrap) code(parts, several ? "))" : ")");
}

}  // namespace

CondValue::Kind cond_kind(const Attribute& a) {
  if (a.type == AttributeType::S) return CondValue::Kind::string;
  if (a.type == AttributeType::BOOL) return CondValue::Kind::boolean;
  if (a.type == AttributeType::N && a.format != AttributeFormat::decimal)
    return a.format == AttributeFormat::float_ ? CondValue::Kind::real : CondValue::Kind::integer;
  return CondValue::Kind::other;
}

json membership_view(const ExprNode& node, const CondResolver& r, const std::string& where) {
  json parts = json::array();
  membership_parts(node, r, where, parts);
  return {{"parts", parts}};
}

KeySchema index_keys(const ResolvedModel& r, const std::optional<std::string>& index) {
  const KeySpace* k = r.key_space_of(index);
  if (!k) throw GenerateError("unknown index '" + index.value_or("") + "'");
  return {k->partition_key, k->sort_key};
}

AttributeType key_type(const Model& m, const std::string& name) {
  if (const KeyAttribute* k = m.key_attribute(name)) return k->type;
  throw GenerateError("'" + name + "' is not a key attribute of the table or an index");
}

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
    fields.push_back(
        {{"type", full_type(a)},
         {"ident", en.fields.at(a.name)},
         {"comment", cpp::comment(a.name + (a.description.empty() ? "" : ": " + a.description) +
                                  (a.key_only ? " (key_only: read from the primary key, never stored)" : ""))}});
    if (a.key_only) continue;  // never stored: from_item fills it from the primary key's parser
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
    const std::string seps = t.separators();
    const Resolver from_v = [&](const std::string& p) { return Value{field_expr(en, "v", p), e.attribute(p)}; };
    const bool primary =
        k.attribute == g.m.table.partition_key.name || (g.m.table.sort_key && k.attribute == g.m.table.sort_key->name);
    // A conditional index (index_when): the key is written only when the condition holds on v.
    json when = false;
    if (const IndexMembership* w = key_membership(g.m, e, k.attribute); w && w->condition) {
      const CondResolver on_v = [&](const std::string& name) {
        const Attribute* a = e.attribute(name);
        if (!a) throw GenerateError(where + ": index_when of " + w->index + " reads '" + name + "', not an attribute");
        const std::string member = "v." + en.fields.at(name);
        return CondValue{field_expr(en, "v", name), a->required ? "" : member + ".has_value()", cond_kind(*a)};
      };
      when = membership_view(*w->condition.root, on_v, where + ", index_when of " + w->index);
    }
    json key = {{"attribute", k.attribute},
                {"guard", optionals.empty() ? json(false) : json{{"optionals", optionals}}},
                {"when", when},
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
      const KeyTransform& x = t.parts[0].transform;
      parse["sole"] = {{"assign", x.reversible_for(e.attribute(ph[0])->type)
                                      ? json{{"member", en.fields.at(ph[0])}, {"unpad", !x.none()}}
                                      : json(false)}};
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
      std::size_t i = 0;
      for (const auto& p : t.parts) {
        if (!p.placeholder) continue;
        // A case-changed value cannot be read back: from_item takes it from its stored attribute.
        if (p.transform.reversible_for(e.attribute(p.text)->type))
          members.push_back({{"index", i},
                             {"member", en.fields.at(p.text)},
                             {"first", members.empty()},
                             {"unpad", !p.transform.none()}});
        ++i;
      }
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

}  // namespace dynamodel::cppgen

namespace dynamodel {

using namespace cppgen;

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
  view["key_escaping_none"] = model.key_escaping == KeyEscaping::none;
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
  std::map<std::string, std::map<std::string, json>> membership_updates;  // entity -> index -> last update
  std::map<std::string, std::set<int>> used;
  int m = 100;  // each pattern's samples: m .. m + 99
  for (const auto& ap : model.access_patterns) {
    const auto all = fn_names.count(ap.name + "\nAll") ? fn_names.at(ap.name + "\nAll") : std::string();
    Params ps;
    patterns.push_back(pattern_view(g, ap, fn_names.at(ap.name), all, ps));
    checks.push_back(check_view(g, ap, fn_names.at(ap.name), all, ps, m, used));
    m += 100;
    // An UpdateItem that decides a conditional membership (index_when): the membership check
    // calls it to move a member out of the index and back.
    if (ap.operation == Operation::UpdateItem && ap.entities.size() == 1 && !ap.optimistic_lock &&
        !ap.condition_expression && ap.condition == WriteCondition::none)
      if (const Entity* e = model.entity(ap.entities[0]))
        for (const auto& w : update_writes(model, *e, ap.set, ap.add, false))
          if (w.membership)
            membership_updates[e->name][w.membership->index] = {
                {"pattern", ap.id}, {"fn", fn_names.at(ap.name)}, {"args", args_view(g, ps.list)}};
  }
  view["patterns"] = patterns;
  view["checks"] = checks;
  json samples = json::array();
  for (const auto& e : model.entities) {
    const EntityNames& en = g.entities.at(e.name);
    json values = json::array(), cleared = json::array(), numbers = json::array(), key_only = json::array();
    for (const auto& a : e.attributes) {
      values.push_back(sample_view(a, en.fields.at(a.name)));
      if (!a.required) cleared.push_back({{"member", en.fields.at(a.name)}});
      if (a.key_only && !e.key(a.name)) key_only.push_back({{"name", a.name}});
    }
    if (!cleared.empty()) used[e.name].insert(kSparseSample);
    json membership = membership_views(g, en, used[e.name]);
    for (auto& c : membership["checks"]) {
      json updates = json::array();
      if (membership_updates.count(e.name) && membership_updates[e.name].count(c["index"].get<std::string>()))
        updates.push_back(membership_updates[e.name][c["index"].get<std::string>()]);
      c["updates"] = updates;
    }
    for (int n : {1, 2}) numbers.push_back({{"n", n}, {"first", numbers.empty()}});
    for (int n : used[e.name]) numbers.push_back({{"n", n}, {"first", false}});
    samples.push_back(
        {{"ident", en.ident},
         {"label", e.name + " without its optional attributes"},
         {"values", values},
         {"numbers", numbers},
         {"clear_optional", cleared.empty() ? json(false) : json{{"members", cleared}}},
         {"sparse_number", kSparseSample},
         {"memberships", membership["members"]},
         {"has_memberships", !membership["members"].empty()},
         {"membership_checks", membership["checks"]},
         {"key_only", key_only.empty() ? json(false)
                                       : json{{"label", e.name + " keeps its key_only attributes in the keys"},
                                              {"names", key_only}}}});
  }
  view["any_memberships"] =
      std::any_of(model.entities.begin(), model.entities.end(), [](const Entity& e) { return !e.index_when.empty(); });
  view["samples"] = samples;
  // The principals whose policies cover the accessors (iam/policy.hpp), for Table's comment; one
  // that only runs stream consumers calls no accessor.
  json principals = json::array();
  for (const auto& who : model.principals) {
    if (who.patterns.empty() && !who.stream_consumers.empty()) continue;
    std::string patterns;
    for (const auto& name : who.patterns)
      if (const AccessPattern* p = model.pattern(name)) patterns += (patterns.empty() ? "" : ", ") + p->name;
    principals.push_back({{"name_comment", comment_safe(who.name)},
                          {"patterns_comment", comment_safe(patterns.empty() ? "none" : patterns)}});
  }
  view["has_principals"] = !principals.empty();
  view["principals"] = principals;
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
