#include "model/expression_types.hpp"

#include <algorithm>

namespace dynamodel {
namespace {

std::optional<AttributeType> element_type(AttributeType t) {
  switch (t) {
    case AttributeType::SS:
    case AttributeType::S:
      return AttributeType::S;
    case AttributeType::NS:
      return AttributeType::N;
    case AttributeType::BS:
    case AttributeType::B:
      return AttributeType::B;
    default:
      return std::nullopt;
  }
}

std::string_view literal_name(ExprOperand::Kind k) {
  switch (k) {
    case ExprOperand::Kind::string:
      return "a string";
    case ExprOperand::Kind::number:
      return "a number";
    case ExprOperand::Kind::boolean:
      return "a boolean";
    default:
      return "a value";
  }
}

bool fits(ExprOperand::Kind k, AttributeType t) {
  switch (k) {
    case ExprOperand::Kind::string:
      return t == AttributeType::S;
    case ExprOperand::Kind::number:
      return t == AttributeType::N;
    case ExprOperand::Kind::boolean:
      return t == AttributeType::BOOL;
    default:
      return true;
  }
}

}  // namespace

ExprTyping type_expression(const Expression& e, const ExprLookup& lookup) {
  ExprTyping out;
  if (!e) return out;
  std::vector<std::pair<ExprParameter, bool>> seen;  // parameter, typed
  auto param = [&](const ExprOperand& o) -> std::pair<ExprParameter, bool>& {
    for (auto& p : seen)
      if (p.first.name == o.text) return p;
    seen.emplace_back(ExprParameter{o.text, AttributeType::S, nullptr, o.location}, false);
    return seen.back();
  };
  walk(*e.root, [&](const ExprNode& n) {
    for (const auto& o : n.operands)
      if (o.kind == ExprOperand::Kind::parameter) param(o);
    if (n.kind == ExprNode::Kind::begins_with) {
      const auto a = lookup(n.operands[0].text);
      if (a && a->type != AttributeType::S && a->type != AttributeType::B)
        out.problems.push_back({"begins_with needs a string or binary attribute; " + n.operands[0].text + " is " +
                                    std::string(to_string(a->type)),
                                n.operands[0].location});
    }
    for (const auto& [attr, other] : comparisons(n)) {
      const auto a = lookup(attr->text);
      if (!a) continue;
      std::optional<AttributeType> want = a->type;
      if (n.kind == ExprNode::Kind::contains) {
        want = element_type(a->type);
        if (!want) {
          out.problems.push_back({"contains needs a string, binary or set attribute; " + attr->text + " is " +
                                      std::string(to_string(a->type)),
                                  attr->location});
          continue;
        }
      } else if (a->type == AttributeType::L || a->type == AttributeType::M || a->type == AttributeType::NULL_) {
        if (other->kind != ExprOperand::Kind::attribute)
          out.problems.push_back(
              {"a value cannot be compared with " + attr->text + " (type " + std::string(to_string(a->type)) + ")",
               attr->location});
        continue;
      } else if (n.kind == ExprNode::Kind::compare && n.op != "=" && n.op != "<>" &&
                 (a->type == AttributeType::SS || a->type == AttributeType::NS || a->type == AttributeType::BS ||
                  a->type == AttributeType::BOOL)) {
        out.problems.push_back({"'" + n.op + "' does not order " + attr->text + " (type " +
                                    std::string(to_string(a->type)) + "; only = and <> compare it)",
                                attr->location});
        continue;
      }
      if (other->kind == ExprOperand::Kind::attribute) {
        const auto b = lookup(other->text);
        if (b && n.kind != ExprNode::Kind::contains && b->type != *want)
          out.problems.push_back({attr->text + " (" + std::string(to_string(a->type)) + ") is compared with " +
                                      other->text + " (" + std::string(to_string(b->type)) +
                                      "): values of different types never compare equal or ordered",
                                  other->location});
      } else if (other->kind == ExprOperand::Kind::parameter) {
        auto& [p, typed] = param(*other);
        if (!typed) {
          p.type = *want;
          p.attribute = a->attribute;  // for an element (contains), its set: `type` tells
          typed = true;
        } else if (p.type != *want) {
          out.problems.push_back({"{" + p.name + "} is compared with " + attr->text + " (" +
                                      std::string(to_string(*want)) + ") and elsewhere with a " +
                                      std::string(to_string(p.type)) + " value: one parameter has one type",
                                  other->location});
        }
      } else if (!fits(other->kind, *want)) {
        out.problems.push_back({std::string(literal_name(other->kind)) + " literal (" + other->text +
                                    ") cannot match " + attr->text +
                                    (n.kind == ExprNode::Kind::contains ? "'s elements" : "") + " (type " +
                                    std::string(to_string(*want)) + ")",
                                other->location});
      }
    }
  });
  // The parser puts an attribute in every comparison, so a parameter left untyped was compared
  // with an unknown attribute or one that takes no value (reported above).
  for (auto& [p, typed] : seen)
    if (typed) out.parameters.push_back(p);
  return out;
}

ExprLookup entity_lookup(const Model& m, const std::vector<const Entity*>& entities) {
  return [&m, entities](const std::string& name) -> std::optional<ExprAttribute> {
    for (const Entity* e : entities)
      if (e)
        if (const Attribute* a = e->attribute(name)) return ExprAttribute{a->type, a};
    if (const KeyAttribute* k = m.key_attribute(name)) return ExprAttribute{k->type, nullptr};
    return std::nullopt;
  };
}

void for_each_expression(const Model& m,
                         const std::function<void(const std::vector<const Entity*>& entities, const Expression& x,
                                                  const std::string& path, const std::string& who)>& f) {
  for (const auto& p : m.access_patterns) {
    std::vector<const Entity*> ents;
    for (const auto& n : p.entities) ents.push_back(m.entity(n));
    if (p.filter) f(ents, p.filter, p.source.path_of("filter"), p.id + "'s filter");
    if (p.condition_expression) f(ents, p.condition_expression, p.source.path_of("condition"), p.id + "'s condition");
    for (std::size_t i = 0; i < p.actions.size(); ++i)
      if (p.actions[i].condition_expression)
        f({m.entity(p.actions[i].entity)}, p.actions[i].condition_expression, p.actions[i].source.path_of("condition"),
          p.id + " action " + std::to_string(i + 1) + "'s condition");
  }
}

}  // namespace dynamodel
