// The cpp target's view of the self-test: deterministic samples of every entity, and for each
// access pattern the calls and checks that prove it against a real endpoint
// (templates/cpp/selftest.cpp.mustache and its selftest_* partials).
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <iomanip>
#include <locale>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "gen/cpp_view.hpp"
#include "model/expression_types.hpp"
#include "model/membership.hpp"

namespace dynamodel::cppgen {

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
      if (dec) return R"(std::set<std::string>{std::to_string(n) + ".25", "7.5"})";
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
      return p.sample + "_" + g.names(p.entity).ident;
    case R::key:
    case R::extra:
      if (own) return field_of(g, p.sample, p.entity, *a, true);
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
      return a->required ? field_of(g, p.sample, p.entity, *a, false)
                         : field_of(g, p.sample, p.entity, *a, false) + ".value_or(0)";
    case R::value:
      // The sample's own value: a comparison with it holds for =, <=, >=, BETWEEN and IN.
      if (own && p.element) return "*" + field_of(g, p.sample, p.entity, *a, true) + ".begin()";
      if (own) return field_of(g, p.sample, p.entity, *a, true);
      if (p.base == "std::int64_t") return "std::int64_t{0}";
      if (p.base == "double") return "0.0";
      if (p.base == "bool") return "false";
      if (p.base == "std::vector<std::uint8_t>") return "std::vector<std::uint8_t>{0}";
      return "std::string(\"0\")";
  }
  return "{}";
}

/// The self-test's other argument for parameter `p`: for a value parameter, the value of the
/// next sample (`t_<Entity>`), or for a set's element one that no sample holds, so that a
/// condition that holds with arg_of fails; any other parameter keeps its arg_of value.
std::string alt_arg_of(const Gen& g, const Param& p) {
  const Attribute* a = p.attribute;
  const bool own = a && !p.entity.empty() && g.names(p.entity).entity->attribute(a->name) == a;
  if (p.role != Param::Role::value || !own) return arg_of(g, p);
  if (!p.element) return field_of(g, p.sample == "t" ? "s" : "t", p.entity, *a, true);
  if (p.base == "std::int64_t") return "std::int64_t{-7}";
  if (p.base == "double") return "-7.5";
  if (p.base == "std::vector<std::uint8_t>") return "std::vector<std::uint8_t>{0xee}";
  return a->type == AttributeType::NS ? "std::string(\"-7\")" : "std::string(\"~absent~\")";
}

/// A part of the view of partial selftest_condition: one of `open`, `close`, `and`, `or`, `not`
/// (the C++ boolean operators) or `leaf` (a `satisfies` call).
json pred_part(const std::string& which, const json& leaf = false) {
  json p = {{"open", false}, {"close", false}, {"and", false}, {"or", false}, {"not", false}, {"leaf", leaf}};
  if (which != "leaf") p[which] = true;
  return p;
}

/// Appends the parts of `n` (see pred_part) to `parts`; `value(name)` gives a parameter's
/// self-test argument and `marshal` its AttributeValue function.
void pred_parts(const ExprNode& n, const std::function<std::string(const std::string&)>& value,
                const std::map<std::string, std::string>& marshal, json& parts) {
  using K = ExprNode::Kind;
  if (n.kind == K::and_ || n.kind == K::or_ || n.kind == K::not_) {
    if (n.kind == K::not_) parts.push_back(pred_part("not"));
    parts.push_back(pred_part("open"));
    pred_parts(n.children[0], value, marshal, parts);
    if (n.kind != K::not_) {
      parts.push_back(pred_part("close"));
      parts.push_back(pred_part(n.kind == K::and_ ? "and" : "or"));
      parts.push_back(pred_part("open"));
      pred_parts(n.children[1], value, marshal, parts);
    }
    parts.push_back(pred_part("close"));
    return;
  }
  json operands = json::array();
  for (const auto& o : n.operands) {
    json op = operand_view(o, marshal, value);
    op["first"] = operands.empty();
    operands.push_back(op);
  }
  const std::string what = n.kind == K::compare   ? n.op
                           : n.kind == K::between ? "BETWEEN"
                           : n.kind == K::in      ? "IN"
                                                  : std::string(to_string(n.kind));
  parts.push_back(pred_part("leaf", {{"what", what}, {"operands", operands}}));
}

/// The view of partial selftest_condition: expression `x` of entities `ents` as a C++ boolean
/// on `item` (an AttributeValue map), with the self-test's arguments (`alt`: alt_arg_of).
json predicate_view(const Gen& g, const std::vector<std::string>& ents, const Expression& x, const Params& ps, bool alt,
                    const Action* act = nullptr) {
  const auto value = [&](const std::string& plain) {
    const std::string name = act ? act->parameter(plain) : plain;
    for (const auto& p : ps.list)
      if (p.name == name) return alt ? alt_arg_of(g, p) : arg_of(g, p);
    auto it = ps.by_name.find(name);  // a put item's field in a transaction: its sample's
    if (it != ps.by_name.end() && it->second.attribute)
      for (const auto& e : ents)
        if (g.names(e).entity->attribute(plain) == it->second.attribute)
          for (const auto& p : ps.list)
            if (p.role == Param::Role::item && p.entity == e && (!act || p.name.rfind(act->alias, 0) == 0))
              return field_of(g, p.sample, e, *it->second.attribute, true);
    throw GenerateError("self-test: parameter {" + name + "} has no value");
  };
  json parts = json::array();
  pred_parts(*x.root, value, expression_marshal(g, ents, x, ps, act), parts);
  return {{"parts", parts}};
}

/// The self-test's view of a filter or value condition `x` (false when there is none): the
/// predicate with the arguments that should satisfy it (`a`) and with the others (`b`), and the
/// call's other arguments (`args_b`).
json condition_check_view(const Gen& g, const std::vector<std::string>& ents, const Expression& x, const Params& ps,
                          const Action* act = nullptr) {
  if (!x) return false;
  json args = json::array();
  for (const auto& p : ps.list) args.push_back({{"expr", alt_arg_of(g, p)}, {"first", args.empty()}});
  // A condition that names no parameter (`status <> 'CLOSED'`) reads only the stored item, so
  // other arguments cannot make it fail: the self-test varies the item instead (`fixed`), taking
  // the attributes the condition reads from a sample that satisfies it and from one that does not.
  json fixed = false;
  const auto operands = x.operands();
  if (std::none_of(operands.begin(), operands.end(),
                   [](const ExprOperand* o) { return o->kind == ExprOperand::Kind::parameter; })) {
    const std::string entity = act ? act->entity : ents.at(0);
    json names = json::array();
    for (const ExprOperand* o : x.attributes())
      if (std::find(names.begin(), names.end(), o->text) == names.end()) names.push_back(o->text);
    json quoted = json::array();
    for (const auto& n : names) quoted.push_back({{"name", n}, {"first", quoted.empty()}});
    fixed = {{"ident", g.names(entity).ident}, {"names", quoted}};
  }
  return {{"a", predicate_view(g, ents, x, ps, false, act)},
          {"b", predicate_view(g, ents, x, ps, true, act)},
          {"args_b", args},
          {"fixed", fixed}};
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
  // A returned item's keys are rebuilt from its fields to check that the key condition selects
  // it; a case-changed placeholder (`{author|lower}`) comes back only from its stored attribute,
  // which a partial read may leave out: then the rebuilt key would be wrong, and the check is off.
  const KeySpace* space = g.resolved.key_space_of(ap.index);
  const auto returned = [&](const std::string& attribute) {
    if (!ap.attributes.empty())
      return std::find(ap.attributes.begin(), ap.attributes.end(), attribute) != ap.attributes.end();
    const Projection* p = space ? space->projection : nullptr;
    return !p || p->type == ProjectionType::ALL ||
           std::find(p->include.begin(), p->include.end(), attribute) != p->include.end();
  };
  bool keys_readable = true;
  for (const auto& c : ap.key)
    for (const auto& operand : c.operands)
      for (const auto& part : operand.parts)
        keys_readable = keys_readable && (!part.placeholder || part.transform.none() ||
                                          part.transform.kind == KeyTransform::Kind::pad || returned(part.text));
  json v = {{"name", ap.name},  {"fn", fn},
            {"fn_all", fn_all}, {"args", args_view(g, ps.list)},
            {"full", full},     {"keys_readable", keys_readable}};
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
                    {"page_limit", ap.limit ? json{{"items", *ap.limit}} : json(false)},
                    {"filter", condition_check_view(g, ap.entities, ap.filter, ps)},
                    {"conditional", std::any_of(ap.entities.begin(), ap.entities.end(), [&](const std::string& e) {
                       return ap.index && g.names(e).entity->membership(*ap.index) != nullptr;
                     })}};
      break;
    }
    case Operation::PutItem:
      use(m, 2);
      v["put_item"] = {{"ident", ident(ap.entities[0])},
                       {"declare", declare_view(g, ents, m, true)},
                       {"exists", ap.condition == WriteCondition::exists},
                       {"not_exists", ap.condition == WriteCondition::not_exists},
                       {"value_condition", condition_check_view(g, ap.entities, ap.condition_expression, ps)}};
      break;
    case Operation::DeleteItem:
      use(m, ap.condition_expression ? 2 : 1);
      v["delete_item"] = {{"ident", ident(ap.entities[0])},
                          {"declare", declare_view(g, ents, m, static_cast<bool>(ap.condition_expression))},
                          {"exists", ap.condition == WriteCondition::exists},
                          {"value_condition", condition_check_view(g, ap.entities, ap.condition_expression, ps)}};
      break;
    case Operation::UpdateItem: {
      use(m, 2);
      bool exact = true;
      json expect = expected_view(g, ap.entities[0], ps.list, exact);
      v["update_item"] = {{"ident", ident(ap.entities[0])},
                          {"declare", declare_view(g, ents, m, true)},
                          {"expect", expect},
                          {"exact", exact},
                          {"lock", ap.optimistic_lock},
                          {"value_condition", condition_check_view(g, ap.entities, ap.condition_expression, ps)}};
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
      json actions = json::array(), conditions = json::array();
      bool conditional = false;
      int index = 0;
      for (const auto& a : ap.actions) {
        const bool put = a.operation == Operation::PutItem;
        const std::string sample = action_sample(ap, static_cast<std::size_t>(index));
        // An update that adds to a number changes its item: the check reads it back.
        bool adds = false;
        if (a.operation == Operation::UpdateItem)
          for (const auto& name : a.add)
            if (const Attribute* at = g.names(a.entity).entity->attribute(name)) adds |= at->type == AttributeType::N;
        actions.push_back({{"ident", ident(a.entity)},
                           {"put", put},
                           {"index", index},
                           {"number", index + 1},
                           {"sample", sample},
                           {"adds", adds}});
        conditional |= put && a.condition == WriteCondition::not_exists;
        if (a.condition_expression) {
          json c = condition_check_view(g, {a.entity}, a.condition_expression, ps, &a);
          c["ident"] = ident(a.entity);
          c["put"] = put;
          // A put's condition reads the item it replaces, which the self-test does not store.
          if (put) c["fixed"] = false;
          c["number"] = index + 1;
          c["sample"] = sample;
          conditions.push_back(c);
        }
        ++index;
      }
      json value_conditions = false;
      if (!conditions.empty()) value_conditions = {{"conditions", conditions}, {"args_b", conditions[0]["args_b"]}};
      v[ap.operation == Operation::TransactGetItems ? "transact_get_items" : "transact_write_items"] = {
          {"declare", declare_view(g, ents, m, true)},
          {"actions", actions},
          {"conditional", conditional},
          {"value_conditions", value_conditions}};
      break;
    }
    case Operation::ConditionCheck:
      break;
  }
  return v;
}

// ---- conditional membership (index_when) --------------------------------------------------

namespace {

/// The view of one assignment `v.member = value;` of the self-test (partial-free: `absent`,
/// `text` quoted by the template, or `expr`, a C++ constant).
json assignment_view(const Attribute& a, const std::string& member, const MemberValue& l) {
  json v = {{"member", member}, {"absent", false}, {"text", false}, {"expr", false}};
  if (l.kind == MemberValue::Kind::absent) {
    v["absent"] = true;
  } else if (l.kind == MemberValue::Kind::s) {
    v["text"] = {{"s", l.s}};
  } else if (l.kind == MemberValue::Kind::b) {
    v["expr"] = {{"e", l.b ? "true" : "false"}};
  } else if (a.format == AttributeFormat::float_) {
    std::ostringstream out;
    out.imbue(std::locale::classic());
    out << std::setprecision(17) << l.n;
    std::string t = out.str();
    if (t.find_first_of(".eEn") == std::string::npos) t += ".0";
    v["expr"] = {{"e", t}};
  } else {
    v["expr"] = {{"e", "std::int64_t{" + std::to_string(static_cast<long long>(l.n)) + "}"}};
  }
  return v;
}

}  // namespace

json membership_views(const Gen& g, const EntityNames& en, std::set<int>& used) {
  const Entity& e = *en.entity;
  json members = json::array(), checks = json::array();
  for (const auto& w : e.index_when) {
    if (!w.condition) continue;
    const std::string where = "entity " + e.name + ", index_when of " + w.index;
    // The attributes the condition reads, each once, with the values to try.
    std::vector<const Attribute*> attrs;
    for (const ExprOperand* o : w.condition.attributes()) {
      const Attribute* a = e.attribute(o->text);
      if (!a) throw GenerateError(where + ": '" + o->text + "' is not an attribute (rule index/membership-condition)");
      if (std::find(attrs.begin(), attrs.end(), a) == attrs.end()) attrs.push_back(a);
    }
    const MembershipExamples ex = membership_examples(e, w.condition);
    const auto& in = ex.member;
    const auto& out = ex.other;
    if (!in || !out)
      throw GenerateError(where + ": the condition " + std::string(in ? "always" : "never") +
                          " holds on the values tried, so the self-test cannot tell members from others");
    const auto assign = [&](const std::map<std::string, MemberValue>& values) {
      json list = json::array();
      for (const Attribute* a : attrs) list.push_back(assignment_view(*a, en.fields.at(a->name), values.at(a->name)));
      return list;
    };
    const CondResolver on_v = [&](const std::string& name) {
      const Attribute* a = e.attribute(name);
      const std::string member = "v." + en.fields.at(name);
      return CondValue{field_expr(en, "v", name), a->required ? "" : member + ".has_value()", cond_kind(*a)};
    };
    members.push_back({{"when", membership_view(*w.condition.root, on_v, where)}, {"assign", assign(*in)}});
    // The self-test's independent oracle: DynamoDB's semantics on the stored item (satisfies).
    json parts = json::array();
    pred_parts(
        *w.condition.root, [&](const std::string& p) -> std::string { throw GenerateError(where + ": {" + p + "}"); },
        {}, parts);
    // The index's key attributes: the member has them all, the other none of its own.
    std::vector<const KeyAttribute*> schema;
    for (const auto& gsi : g.m.table.global_secondary_indexes)
      if (gsi.name == w.index) schema = {&gsi.partition_key, gsi.sort_key ? &*gsi.sort_key : nullptr};
    for (const auto& lsi : g.m.table.local_secondary_indexes)
      if (lsi.name == w.index && schema.empty()) schema = {&g.m.table.partition_key, &lsi.sort_key};
    if (schema.empty()) throw GenerateError(where + ": no such index (rule index/membership-condition)");
    const bool local = schema[0] == &g.m.table.partition_key;
    json keys = json::array();
    for (const KeyAttribute* k : schema)
      if (k && !(local && k == schema[0])) keys.push_back({{"name", k->name}});
    used.insert(kMemberSample);
    used.insert(kOtherSample);
    checks.push_back({{"label", e.name + " enters " + w.index + " only when " + w.condition.text},
                      {"member_n", kMemberSample},
                      {"other_n", kOtherSample},
                      {"out", assign(*out)},
                      {"oracle", {{"parts", parts}}},
                      {"index", w.index},
                      {"index_pk", schema[0]->name},
                      {"keys", keys}});
  }
  return {{"members", members}, {"checks", checks}};
}

}  // namespace dynamodel::cppgen
