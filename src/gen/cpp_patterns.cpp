// The cpp target's view of access patterns: for each pattern its member functions' names,
// parameters and one object for its operation (key parts, the read request, the update
// expression, conditions, transaction actions), written as code by templates/cpp/partials/.
#include <algorithm>

#include "gen/cpp_view.hpp"
#include "model/expression_types.hpp"
#include "model/update.hpp"

namespace dynamodel::cppgen {

// ---- access patterns -------------------------------------------------------------------

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

/// The name of parameter `name` of transaction action `act` (its alias), or `name` itself.
std::string param_name(const Action* act, const std::string& name) { return act ? act->parameter(name) : name; }

/// Adds the parameters of `key` (placeholders in order of first appearance) to `ps`, named by
/// action `act`'s alias when given.
void key_params(const Gen& g, const std::vector<std::string>& ents, const std::vector<const KeyCondition*>& key,
                Params& ps, const Action* act = nullptr) {
  for (const auto* c : key) {
    const AttributeType kt = key_type(g.m, c->attribute);
    for (std::size_t i = 0; i < c->operands.size(); ++i)
      for (const auto& p : c->operands[i].placeholders()) {
        if (ps.by_name.count(param_name(act, p))) continue;
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
        ps.add(param_name(act, p), type, a, false, Param::Role::key, owner.empty() ? ents.at(0) : owner, bound);
      }
  }
}

Resolver resolver(const Params& ps, const Action* act = nullptr) {
  return [&ps, act](const std::string& p) {
    auto it = ps.by_name.find(param_name(act, p));
    if (it == ps.by_name.end()) throw GenerateError("placeholder '{" + p + "}' has no value");
    return it->second;
  };
}

// ---- access patterns: the view of templates/cpp/partials/ ------------------------------

/// The view of partial `key`: the primary key of an equality-only key condition.
json key_view(const Gen& g, const std::vector<std::string>& ents, const std::vector<const KeyCondition*>& key,
              const Params& ps, const std::string& where, const Action* act = nullptr) {
  json out = json::array();
  for (const auto* c : key) {
    if (c->op != KeyCondition::Op::eq)
      throw GenerateError(where + ": " + c->attribute + " needs an equality (the full key)");
    out.push_back({{"attribute", c->attribute},
                   {"value", key_value_view(c->operands[0], key_type(g.m, c->attribute),
                                            g.seps(ents, c->attribute, c->operands[0]), resolver(ps, act), where)}});
  }
  return out;
}

/// The ProjectionExpression names of `ap` (`false` when it reads whole items): its attributes,
/// every key of its entities and, on a GSI with a multi-attribute key, that index's key
/// attributes (the entities' own attributes, which no key template names), each once (a path
/// named twice is refused: "Two document paths overlap").
json projection_view(const Gen& g, const AccessPattern& ap) {
  if (ap.attributes.empty()) return false;
  std::vector<std::string> names = ap.attributes;
  for (const auto& en : ap.entities)
    for (const auto& k : g.names(en).entity->keys) names.push_back(k.attribute);
  if (const KeySpace* space = g.resolved.key_space_of(ap.index); space && space->multi_attribute())
    for (const KeyAttribute* k : space->keys()) names.push_back(k->name);
  json list = json::array();
  std::set<std::string> seen;
  for (const auto& n : names)
    if (seen.insert(n).second) list.push_back({{"name", n}, {"first", list.empty()}});
  return {{"names", list}};
}

/// The view of partial read_request: a Query (or a Scan when the key is empty).
json read_view(const Gen& g, const AccessPattern& ap, const std::vector<const KeyCondition*>& key, Params& ps) {
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
          {"projection", projection_view(g, ap)},
          {"filter", expression_view(g, ap.entities, ap.filter, "e", ps, where)}};
}

/// The view of partial update_expression: an UpdateItem on entity `en` (its `set`, `add`, the
/// keys rebuilt from set attributes, the optimistic `lock`). Adds the parameters to `ps`.
json update_view(const Gen& g, const EntityNames& en, const std::vector<const KeyCondition*>& key,
                 const std::vector<std::string>& set, const std::vector<std::string>& add, bool lock,
                 const Expression& condition, Params& ps, const std::string& where, std::string& lock_param,
                 const Action* act = nullptr) {
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
    const std::string id = ps.add(param_name(act, s), t.base, a, !a->required, Param::Role::set, e.name);
    given.insert(s);
    if (!a->required) ps.by_name[param_name(act, s)] = Value{"(*" + id + ")", a};
    sets.push_back(
        {{"attribute", s}, {"marshal", t.marshal}, {"param", id}, {"required", a->required}, {"is_set", t.is_set}});
  }
  for (const auto& s : add) {
    const Attribute* a = e.attribute(s);
    if (!a) throw GenerateError(where + ": add names '" + s + "', not an attribute of " + e.name);
    const CppType t = cpp_type(*a);
    adds.push_back({{"attribute", s},
                    {"marshal", t.marshal},
                    {"param", ps.add(param_name(act, s), t.base, a, false, Param::Role::add, e.name)}});
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
      const std::string name = param_name(act, p);
      if (!ps.by_name.count(name))
        ps.add(name, cpp_type(*a).base, a, false, Param::Role::extra, e.name);  // the caller's
      if (given.count(p) && a && !a->required) {
        const std::string& expr = ps.by_name[name].expr;  // `(*id)`
        optionals.push_back({{"ident", expr.substr(2, expr.size() - 3)}, {"first", optionals.empty()}});
      }
    }
    // A conditional index (index_when): SET the key when the condition holds on the new values,
    // else REMOVE it. Rule index/membership-condition makes sure the update sets every attribute
    // the condition reads.
    json when = false;
    if (w.membership && w.membership->condition) {
      const std::string who = where + ", index_when of " + w.membership->index;
      const CondResolver on_params = [&](const std::string& name) {
        const Attribute* a = e.attribute(name);
        if (!a || !given.count(name))
          throw GenerateError(who + ": the update does not set '" + name +
                              "', which decides the membership (rule index/membership-condition)");
        const std::string& expr = ps.by_name.at(param_name(act, name)).expr;
        if (a->required) return CondValue{expr, "", cond_kind(*a)};
        return CondValue{expr, expr.substr(2, expr.size() - 3) + ".has_value()", cond_kind(*a)};
      };
      when = membership_view(*w.membership->condition.root, on_params, who);
    }
    keys.push_back({{"attribute", k.attribute},
                    {"value", key_value_view(k.key_template, key_type(g.m, k.attribute), k.key_template.separators(),
                                             resolver(ps, act), where)},
                    {"guard", optionals.empty() ? json(false) : json{{"optionals", optionals}}},
                    {"when", when}});
  }
  json locked = false;
  if (lock) {
    if (!version) throw GenerateError(where + ": optimistic_lock needs an attribute with role: version in " + e.name);
    lock_param =
        ps.add(param_name(act, "expected_" + version->name), "std::int64_t", version, false, Param::Role::lock, e.name);
    locked = {{"attribute", version->name}, {"param", lock_param}};
  }
  return {{"set", sets},
          {"add", adds},
          {"rebuilt_keys", keys},
          {"lock", locked},
          {"value_condition", expression_view(g, {e.name}, condition, "u.e", ps, where, act)}};
}

/// The entities of names `ents` (which must exist).
std::vector<const Entity*> entities_of(const Gen& g, const std::vector<std::string>& ents) {
  std::vector<const Entity*> out;
  out.reserve(ents.size());
  for (const auto& name : ents) out.push_back(g.names(name).entity);
  return out;
}

json operand_view(const ExprOperand& o, const std::map<std::string, std::string>& marshal,
                  const std::function<std::string(const std::string&)>& arg) {
  json part = {{"name", false}, {"value", false}, {"string", false}, {"word", false}};
  switch (o.kind) {
    case ExprOperand::Kind::attribute:
      part["name"] = {{"n", o.text}};
      break;
    case ExprOperand::Kind::parameter:
      part["value"] = {{"marshal", marshal.at(o.text)}, {"arg", arg(o.text)}};
      break;
    case ExprOperand::Kind::string:
      part["string"] = {{"marshal", "dynamodel::av::S"}, {"s", o.text}};
      break;
    case ExprOperand::Kind::number:
      part["string"] = {{"marshal", "dynamodel::av::Ndecimal"}, {"s", o.text}};
      break;
    case ExprOperand::Kind::boolean:
      part["word"] = {{"marshal", "dynamodel::av::BOOL"}, {"w", o.text == "true" ? "true" : "false"}};
      break;
  }
  return part;
}

namespace {

/// The C++ view of an attribute value type: attribute `a` itself, or (element) a copy with the
/// type of its set's elements, or for a key attribute no entity declares a plain S/N/B.
Attribute value_attribute(const ExprParameter& p) {
  Attribute out;
  if (p.attribute) out = *p.attribute;
  out.type = p.type;
  out.required = true;
  return out;
}

/// Appends the pieces of `n` to `parts`: text between names and values is merged.
void expression_parts(const ExprNode& n, const std::map<std::string, std::string>& marshal, const Params& ps,
                      const Action* act, json& parts) {
  const auto text = [&](const std::string& t) {
    if (!parts.empty() && parts.back()["text"].is_object()) {
      parts.back()["text"]["t"] = parts.back()["text"]["t"].get<std::string>() + t;
      return;
    }
    parts.push_back({{"text", {{"t", t}}}, {"name", false}, {"value", false}, {"string", false}, {"word", false}});
  };
  const auto operand = [&](const ExprOperand& o) {
    json part =
        operand_view(o, marshal, [&](const std::string& name) { return ps.by_name.at(param_name(act, name)).expr; });
    part["text"] = false;
    parts.push_back(part);
  };
  const auto& ops = n.operands;
  const auto list = [&](std::size_t from) {  // `(a, b, ...)` of the operands from `from` on
    text("(");
    for (std::size_t i = from; i < ops.size(); ++i) {
      if (i > from) text(", ");
      operand(ops[i]);
    }
    text(")");
  };
  switch (n.kind) {
    case ExprNode::Kind::compare:
      operand(ops[0]);
      text(" " + n.op + " ");
      operand(ops[1]);
      break;
    case ExprNode::Kind::between:
      operand(ops[0]);
      text(" BETWEEN ");
      operand(ops[1]);
      text(" AND ");
      operand(ops[2]);
      break;
    case ExprNode::Kind::in:
      operand(ops[0]);
      text(" IN ");
      list(1);
      break;
    case ExprNode::Kind::attribute_exists:
    case ExprNode::Kind::attribute_not_exists:
    case ExprNode::Kind::begins_with:
    case ExprNode::Kind::contains:
      text(std::string(to_string(n.kind)));
      list(0);
      break;
    case ExprNode::Kind::and_:
    case ExprNode::Kind::or_:
      text("(");
      expression_parts(n.children[0], marshal, ps, act, parts);
      text(n.kind == ExprNode::Kind::and_ ? ") AND (" : ") OR (");
      expression_parts(n.children[1], marshal, ps, act, parts);
      text(")");
      break;
    case ExprNode::Kind::not_:
      text("NOT (");
      expression_parts(n.children[0], marshal, ps, act, parts);
      text(")");
      break;
  }
}

}  // namespace

std::map<std::string, std::string> expression_marshal(const Gen& g, const std::vector<std::string>& ents,
                                                      const Expression& x, const Params& ps, const Action* act) {
  const std::vector<const Entity*> entities = entities_of(g, ents);
  std::map<std::string, std::string> out;
  for (const auto& p : type_expression(x, entity_lookup(g.m, entities)).parameters) {
    out[p.name] = cpp_type(value_attribute(p)).marshal;
    const std::string name = param_name(act, p.name);
    const auto own = std::find_if(ps.list.begin(), ps.list.end(), [&](const Param& q) { return q.name == name; });
    const bool value = own != ps.list.end() && own->role == Param::Role::value;
    auto it = ps.by_name.find(name);
    if (!value && it != ps.by_name.end() && it->second.attribute) {
      // A key placeholder or a put item's field: marshalled as its own attribute.
      Attribute copy = *it->second.attribute;
      copy.required = true;
      out[p.name] = cpp_type(copy).marshal;
    }
  }
  return out;
}

json expression_view(const Gen& g, const std::vector<std::string>& ents, const Expression& x, const std::string& e,
                     Params& ps, const std::string& where, const Action* act) {
  if (!x) return false;
  const std::vector<const Entity*> entities = entities_of(g, ents);
  const ExprTyping typing = type_expression(x, entity_lookup(g.m, entities));
  if (!typing.problems.empty())
    throw GenerateError(where + ": " + typing.problems.front().message + " (rule access/expression-type)");
  for (const auto& p : typing.parameters) {
    if (ps.by_name.count(param_name(act, p.name))) continue;  // a key placeholder or a put item's field
    const Attribute a = value_attribute(p);
    std::string owner = ents.at(0);
    for (const Entity* en : entities)
      if (p.attribute && en->attribute(p.attribute->name) == p.attribute) owner = en->name;
    const bool element = p.attribute && p.attribute->type != p.type;
    ps.add(param_name(act, p.name), cpp_type(a).base, p.attribute, false, Param::Role::value, owner);
    ps.list.back().element = element;
  }
  const std::map<std::string, std::string> marshal = expression_marshal(g, ents, x, ps, act);
  for (const ExprOperand* o : x.operands())
    if (o->kind == ExprOperand::Kind::parameter && !marshal.count(o->text))
      throw GenerateError(where + ": {" + o->text + "} has no type (rule access/expression-type)");
  json parts = json::array();
  parts.push_back({{"text", {{"t", "("}}}, {"name", false}, {"value", false}, {"string", false}, {"word", false}});
  expression_parts(*x.root, marshal, ps, act, parts);
  const auto close =
      json{{"text", {{"t", ")"}}}, {"name", false}, {"value", false}, {"string", false}, {"word", false}};
  if (parts.back()["text"].is_object())
    parts.back()["text"]["t"] = parts.back()["text"]["t"].get<std::string>() + ")";
  else
    parts.push_back(close);
  for (std::size_t i = 0; i < parts.size(); ++i) parts[i]["first"] = i == 0;
  return {{"e", e}, {"parts", parts}};
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
  for (std::size_t i = 0; i < ap.actions.size(); ++i)
    if (const Action& a = ap.actions[i]; a.operation == Operation::PutItem) {
      const EntityNames& en = g.names(a.entity);
      std::string base = en.ident;
      base[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(base[0])));
      puts.emplace_back(&a, ps.add(a.parameter(base), en.ident, nullptr, false, Param::Role::item, a.entity));
      ps.list.back().sample = action_sample(ap, i);
    }
  // Placeholders the put items provide.
  for (const auto& [a, id] : puts) {
    const EntityNames& en = g.names(a->entity);
    for (const auto& at : en.entity->attributes)
      if (!ps.by_name.count(a->parameter(at.name)))
        ps.by_name[a->parameter(at.name)] = Value{field_expr(en, id, at.name), &at};
  }
  json actions = json::array(), results = json::array();
  int index = 0;
  for (const auto& a : ap.actions) {
    const EntityNames& en = g.names(a.entity);
    const std::string aw = where + ", action " + std::to_string(index + 1);
    const std::vector<std::string> ents = {a.entity};
    const std::size_t first_param = ps.list.size();
    const auto akey = ordered(a.key, index_keys(g.resolved, std::nullopt));
    json action = {{"index", index},       {"entity", en.ident}, {"put", false},
                   {"get", false},         {"update", false},    {"check", false},
                   {"key", json::array()}, {"condition", false}, {"value_condition", false}};
    if (a.operation == Operation::PutItem) {
      for (const auto& [pa, pid] : puts)
        if (pa == &a) action["put"] = {{"param", pid}};
      action["condition"] = condition_view(a.condition);
      action["value_condition"] = expression_view(g, ents, a.condition_expression, "u.e", ps, aw, &a);
    } else {
      key_params(g, ents, akey, ps, &a);
      action["key"] = key_view(g, ents, akey, ps, aw, &a);
      if (a.operation == Operation::GetItem) {
        action["get"] = true;
        results.push_back({{"entity", en.ident}, {"first", results.empty()}});
      } else if (a.operation == Operation::UpdateItem) {
        std::string lock;
        action["update"] =
            update_view(g, en, akey, a.set, a.add, a.optimistic_lock, a.condition_expression, ps, aw, lock, &a);
      } else if (a.operation == Operation::DeleteItem || a.operation == Operation::ConditionCheck) {
        const bool check = a.operation == Operation::ConditionCheck;
        action["check"] = {{"request", check ? "ConditionCheck" : "Delete"}};
        // A ConditionCheck without a condition checks that the item exists; a value condition is
        // false on a missing item anyway.
        const bool bare = a.condition == WriteCondition::none && !a.condition_expression;
        action["condition"] = condition_view(check && bare ? WriteCondition::exists : a.condition);
        action["value_condition"] = expression_view(g, ents, a.condition_expression, "u.e", ps, aw, &a);
      } else {
        throw GenerateError(aw + ": " + std::string(to_string(a.operation)) + " cannot be a transaction action");
      }
    }
    for (std::size_t i = first_param; i < ps.list.size(); ++i)
      ps.list[i].sample = action_sample(ap, static_cast<std::size_t>(index));
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
      v["put_item"] = {{"entity", single().ident},
                       {"condition", condition_view(ap.condition)},
                       {"value_condition", expression_view(g, ap.entities, ap.condition_expression, "u.e", ps, where)}};
      break;
    case Operation::DeleteItem: {
      single();
      key_params(g, ap.entities, key, ps);
      json k = key_view(g, ap.entities, key, ps, where);
      v["delete_item"] = {
          {"key", k},
          {"condition", condition_view(ap.condition)},
          {"value_condition", expression_view(g, ap.entities, ap.condition_expression, "u.e", ps, where)}};
      break;
    }
    case Operation::UpdateItem: {
      const EntityNames& en = single();
      key_params(g, ap.entities, key, ps);
      json k = key_view(g, ap.entities, key, ps, where);
      std::string lock;
      json u = update_view(g, en, key, ap.set, ap.add, ap.optimistic_lock, ap.condition_expression, ps, where, lock);
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

}  // namespace dynamodel::cppgen
