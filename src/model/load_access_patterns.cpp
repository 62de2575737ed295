// The loader's reader of `access_patterns:`: each pattern with its key conditions and
// transaction actions, and which fields its operation needs (docs/fields.md).
#include <algorithm>
#include <cctype>
#include <string_view>
#include <utility>
#include <vector>

#include "model/load_kinds.hpp"

namespace dynamodel::load {
namespace {

/// `{begins_with: ...}`, `{between: [low, high]}`, `{lt: ...}`, ...: exactly one operator.
void sort_condition(Reader& r, const Field& in, KeyCondition& c) {
  Source src;
  const auto o = r.object(in, "sort_condition", src);
  if (!o) return;
  static const std::vector<std::pair<std::string_view, KeyCondition::Op>> kOps = {
      {"begins_with", KeyCondition::Op::begins_with},
      {"between", KeyCondition::Op::between},
      {"lt", KeyCondition::Op::lt},
      {"le", KeyCondition::Op::le},
      {"gt", KeyCondition::Op::gt},
      {"ge", KeyCondition::Op::ge}};
  std::size_t count = 0;
  for (const auto& [name, op] : kOps) {
    const auto f = r.field(*o, name);
    if (!f) continue;
    if (++count > 1) continue;
    c.op = op;
    if (op == KeyCondition::Op::between) {
      auto bounds = r.string_list(*f, false);
      if (f->node.IsSequence() && bounds.size() != 2) r.invalid(*f, "between takes exactly two bounds: [low, high]");
      for (const auto& b : bounds) c.operands.push_back(r.key_template(b, f->at, f->path));
    } else if (auto text = r.string_value(*f)) {
      c.operands.push_back(r.key_template(*text, f->at, f->path));
    }
  }
  if (count == 0 && in.node.size() == 0)
    r.invalid(in, "a sort-key condition needs one of begins_with, between, lt, le, gt, ge");
  if (count > 1) r.invalid(in, "a sort-key condition takes exactly one operator; found " + std::to_string(count));
}

std::vector<KeyCondition> key_conditions(Reader& r, const Field& in) {
  std::vector<KeyCondition> out;
  r.each_named(in, [&](const std::string& attr, const Field& value, const Location&) {
    KeyCondition c;
    c.attribute = attr;
    c.location = value.at;
    if (value.node.IsMap()) {
      sort_condition(r, value, c);
    } else if (auto text = r.string_value(value)) {
      c.operands.push_back(r.key_template(*text, value.at, value.path));
    }
    out.push_back(std::move(c));
  });
  return out;
}

/// `condition:` is `not_exists`, `exists` (on the item's primary key), or a value condition
/// written as an expression (into `expr`). A single word is a keyword (a typo gets a suggestion).
WriteCondition write_condition(Reader& r, const Field& f, Expression& expr) {
  const bool word = f.node.IsScalar() && std::ranges::all_of(f.node.Scalar(), [](char c) {
                      return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
                    });
  if (!word) {
    expr = expression(r, f);
    return WriteCondition::none;
  }
  if (auto c = r.enum_value(f, {"not_exists", "exists"}))
    return *c == "exists" ? WriteCondition::exists : WriteCondition::not_exists;
  return WriteCondition::none;
}

Operation operation(Reader& r, const Field& f, const std::vector<std::string_view>& allowed) {
  Operation op = Operation::GetItem;
  if (auto s = r.enum_value(f, allowed)) parse_operation(*s, op);
  return op;
}

Action action(Reader& r, const Field& in) {
  Action a;
  const auto o = r.object(in, "action", a.source);
  if (!o) return a;
  if (auto f = r.field(*o, "entity")) a.entity = r.string_value(*f).value_or("");
  if (auto f = r.field(*o, "operation"))
    a.operation = operation(r, *f, {"PutItem", "UpdateItem", "DeleteItem", "ConditionCheck", "GetItem"});
  if (auto f = r.field(*o, "key")) a.key = key_conditions(r, *f);
  if (auto f = r.field(*o, "condition")) {
    a.condition = write_condition(r, *f, a.condition_expression);
    if (a.condition_expression && a.operation == Operation::GetItem)
      r.invalid(*f, "a GetItem action takes no condition");
  }
  if (auto f = r.field(*o, "set")) a.set = r.string_list(*f, false);
  if (auto f = r.field(*o, "add")) a.add = r.string_list(*f, false);
  if (auto f = r.field(*o, "optimistic_lock")) a.optimistic_lock = r.bool_value(*f).value_or(false);
  if (auto f = r.field(*o, "alias")) {
    a.alias = r.string_value(*f).value_or("");
    const bool ok =
        !a.alias.empty() && a.alias[0] >= 'a' && a.alias[0] <= 'z' &&
        std::ranges::all_of(a.alias, [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
    if (!ok)
      r.invalid(*f, "alias '" + a.alias +
                        "' must be lowerCamelCase ([a-z][A-Za-z0-9]*): it prefixes the action's parameter names");
  }
  return a;
}

/// The fields an operation needs or refuses beyond the field list's own required ones.
void check_operation_fields(Reader& r, const Object& o, const AccessPattern& a) {
  const Source& s = a.source;
  const bool transaction = a.operation == Operation::TransactWriteItems || a.operation == Operation::TransactGetItems;
  const std::string op(to_string(a.operation));
  if (transaction) {
    if (!r.has(o, "actions")) r.missing(s, "actions", "access_pattern");
    return;
  }
  if (!r.has(o, "entity") && !r.has(o, "entities"))
    r.report("schema/missing-field", s.location, s.path_of("entity"),
             "missing required field 'entity' (or 'entities') in an access pattern");
  if (a.operation != Operation::Scan && !r.has(o, "key"))
    r.report("schema/missing-field", s.location, s.path_of("key"),
             "missing required field 'key' in an access pattern with operation " + op);
  if (r.has(o, "actions"))
    r.invalid(s, "actions", "'actions' belongs to TransactWriteItems and TransactGetItems, not " + op);
  const bool read = a.operation == Operation::Query || a.operation == Operation::Scan;
  if (!read && r.has(o, "filter"))
    r.invalid(s, "filter", "'filter' belongs to Query and Scan (a FilterExpression), not " + op);
  if (!read && r.has(o, "reads"))
    r.invalid(s, "reads", "'reads' (items read before the filter) belongs to Query and Scan, not " + op);
  const bool write =
      a.operation == Operation::PutItem || a.operation == Operation::UpdateItem || a.operation == Operation::DeleteItem;
  if (!write && a.condition_expression)
    r.invalid(s, "condition", "a value condition belongs to PutItem, UpdateItem and DeleteItem, not " + op);
}

AccessPattern access_pattern(Reader& r, const Field& in) {
  AccessPattern a;
  const auto o = r.object(in, "access_pattern", a.source);
  if (!o) return a;
  if (auto f = r.field(*o, "id")) a.id = r.string_value(*f).value_or("");
  if (auto f = r.field(*o, "name")) {
    a.name = r.string_value(*f).value_or("");
    bool ok = !a.name.empty() && a.name[0] >= 'a' && a.name[0] <= 'z';
    ok = ok && std::ranges::all_of(a.name, [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
    if (!a.name.empty() && !ok)
      r.invalid(*f, "access pattern name '" + a.name +
                        "' must be lowerCamelCase ([a-z][A-Za-z0-9]*): it becomes a function name");
  }
  if (auto f = r.field(*o, "description")) a.description = r.string_value(*f).value_or("");
  if (auto f = r.field(*o, "entity")) {
    if (auto e = r.string_value(*f)) {
      a.entities.push_back(*e);
      a.entity_locations.push_back(f->at);
    }
  }
  if (auto f = r.field(*o, "entities")) {
    a.item_collection = true;
    a.entities = r.string_list(*f, true, &a.entity_locations);
  }
  bool has_operation = false;
  if (auto f = r.field(*o, "operation")) {
    a.operation = operation(r, *f,
                            {"GetItem", "Query", "Scan", "PutItem", "UpdateItem", "DeleteItem", "BatchGetItem",
                             "BatchWriteItem", "TransactWriteItems", "TransactGetItems", "Replay"});
    has_operation = true;
  }
  if (auto f = r.field(*o, "index")) a.index = r.string_value(*f);
  if (auto f = r.field(*o, "key")) a.key = key_conditions(r, *f);
  if (auto f = r.field(*o, "rate_per_second")) a.rate_per_second = r.number_value(*f, 0, 1e12);
  if (auto f = r.field(*o, "consistent_read")) a.consistent_read = r.bool_value(*f).value_or(false);
  if (auto f = r.field(*o, "scan_index_forward")) a.scan_index_forward = r.bool_value(*f).value_or(true);
  if (auto f = r.field(*o, "limit")) a.limit = r.int_value(*f, 1, INT64_MAX);
  if (auto f = r.field(*o, "returns")) a.returns = r.int_value(*f, 0, INT64_MAX);
  if (auto f = r.field(*o, "reads")) a.reads = r.int_value(*f, 0, INT64_MAX);
  if (auto f = r.field(*o, "filter")) a.filter = expression(r, *f);
  if (auto f = r.field(*o, "condition")) a.condition = write_condition(r, *f, a.condition_expression);
  if (auto f = r.field(*o, "set")) a.set = r.string_list(*f, false);
  if (auto f = r.field(*o, "add")) a.add = r.string_list(*f, false);
  if (auto f = r.field(*o, "optimistic_lock")) a.optimistic_lock = r.bool_value(*f).value_or(false);
  if (auto f = r.field(*o, "attributes")) a.attributes = r.string_list(*f, false);
  if (auto f = r.field(*o, "actions")) {
    r.each(*f, [&](const Field& item) { a.actions.push_back(action(r, item)); });
    if (f->node.IsSequence() && (f->node.size() == 0 || f->node.size() > 100))
      r.invalid(*f, "a transaction takes 1 to 100 actions");
  }
  if (r.has(*o, "entity") && r.has(*o, "entities"))
    r.invalid(a.source, "entities", "give either 'entity' or 'entities', not both");
  if (has_operation) check_operation_fields(r, *o, a);
  return a;
}

}  // namespace

// A quoted scalar's text starts one column after its mark.
Expression expression(Reader& r, const Field& f) {
  Expression e;
  const auto text = r.string_value(f);
  if (!text) return e;
  Location at = f.at;
  if (f.node.Tag() == "!" && at.line > 0) ++at.column;
  if (auto error = parse_expression(*text, at, e))
    r.invalid(error->location, f.path, error->message + " in '" + *text + "'");
  return e;
}

std::vector<AccessPattern> access_patterns(Reader& r, const Field& in) {
  std::vector<AccessPattern> out;
  r.each(in, [&](const Field& item) { out.push_back(access_pattern(r, item)); });
  if (in.node.IsSequence() && in.node.size() == 0) r.invalid(in, "a model needs at least one access pattern");
  return out;
}

}  // namespace dynamodel::load
