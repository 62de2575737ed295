// index/membership-condition: an entity's `index_when` condition that cannot decide, on the item
// the accessors write, whether the item enters the index: an unknown index, an index the entity
// has no key for, a key the entity stores anyway, a condition the accessors cannot evaluate, or
// an UpdateItem that changes the membership without setting what decides it.
#include <algorithm>
#include <set>

#include "model/expression_types.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
namespace {

/// True when `attribute` is a key attribute of the table or of any index.
bool is_key_attribute(const Model& m, const std::string& attribute) { return m.key_attribute(attribute) != nullptr; }

/// The problems of the condition itself: what the accessors cannot evaluate on the item.
void check_condition(const Model& m, const Entity& e, const IndexMembership& w, Findings& f) {
  const std::string who = e.name + "'s index_when of " + w.index;
  const std::string path = w.source.path;
  for (const ExprOperand* o : w.condition.operands()) {
    if (o->kind == ExprOperand::Kind::parameter) {
      f.report(o->location, path,
               who + " uses the parameter {" + o->text +
                   "}: membership is decided on the item written, so the condition compares the item's attributes "
                   "with literals only");
      continue;
    }
    if (o->kind != ExprOperand::Kind::attribute) continue;
    const Attribute* a = e.attribute(o->text);
    if (!a) {
      f.report(
          o->location, path,
          who + " reads '" + o->text + "', which is not an attribute of " + e.name +
              (is_key_attribute(m, o->text) ? " (a key attribute: the accessors derive it from the templates)" : ""));
      continue;
    }
    if (a->key_only) {
      f.report(o->location, path,
               who + " reads '" + o->text +
                   "', a key_only attribute that the item never stores: decide on a stored "
                   "attribute");
      continue;
    }
    const bool scalar = a->type == AttributeType::S || a->type == AttributeType::BOOL ||
                        (a->type == AttributeType::N && a->format != AttributeFormat::decimal);
    if (!scalar)
      f.report(o->location, path,
               who + " reads '" + o->text + "' of type " + std::string(to_string(a->type)) +
                   (a->format == AttributeFormat::decimal ? " (format: decimal)" : "") +
                   ": the accessors evaluate conditions on S, N (integer or float) and BOOL attributes only",
               {{a->source.location, o->text + " is declared here"}});
  }
  const auto& root = *w.condition.root;
  walk(root, [&](const ExprNode& n) {
    if (n.kind == ExprNode::Kind::contains)
      f.report(n.location, path, who + " uses contains(), which the accessors do not evaluate");
    if (n.kind == ExprNode::Kind::compare && n.operands.size() == 2 &&
        (n.operands[0].kind == ExprOperand::Kind::attribute) == (n.operands[1].kind == ExprOperand::Kind::attribute))
      f.report(n.location, path,
               who + " compares " + n.operands[0].text + " with " + n.operands[1].text +
                   ": compare one attribute with a literal");
  });
  const ExprLookup lookup = [&](const std::string& name) -> std::optional<ExprAttribute> {
    const Attribute* a = e.attribute(name);
    if (!a) return std::nullopt;
    return ExprAttribute{a->type, a};
  };
  for (const auto& problem : type_expression(w.condition, lookup).problems)
    f.report(problem.location, path, who + ": " + problem.message);
}

/// The attributes whose new value an UpdateItem with `set` and `add` must know to decide membership
/// `w`, reported when it changes the membership's inputs without setting them all.
void check_update(const Model& m, const Entity& e, const IndexMembership& w, const std::vector<std::string>& set,
                  const std::vector<std::string>& add, const Source& where, const std::string& who, Findings& f) {
  std::set<std::string> inputs;
  for (const ExprOperand* o : w.condition.attributes()) inputs.insert(o->text);
  std::set<std::string> placeholders;
  for (const auto& k : e.keys)
    if (const IndexMembership* x = key_membership(m, e, k.attribute); x == &w)
      for (const auto& p : k.key_template.placeholders()) placeholders.insert(p);
  std::vector<std::string> touched;
  for (const auto* list : {&set, &add})
    for (const auto& s : *list)
      if (inputs.count(s) || placeholders.count(s)) touched.push_back(s);
  if (touched.empty()) return;
  std::vector<std::string> unknown;
  for (const auto& i : inputs)
    if (std::find(set.begin(), set.end(), i) == set.end()) unknown.push_back(i);
  if (unknown.empty()) return;
  std::string t, u;
  for (const auto& s : touched) t += (t.empty() ? "" : ", ") + s;
  for (const auto& s : unknown) u += (u.empty() ? "" : ", ") + s;
  f.report(where.location, where.path,
           who + " changes " + t + ", which " + e.name + "'s entry in " + w.index + " depends on, but does not SET " +
               u + " (an ADD's result is unknown too): the accessors cannot tell whether the item is in " + w.index +
               " after the update. SET " + u +
               " in the same update (the accessors then SET or REMOVE the index keys), "
               "or write the item whole with PutItem",
           {{w.source.location, "index_when of " + w.index + " is here"}});
}

}  // namespace

extern const Rule kIndexMembershipCondition = {
    {"index/membership-condition", Severity::error,
     "an entity's index_when cannot decide on the written item whether it enters the index",
     "`index_when: {INDEX: \"condition\"}` puts an entity's items into a secondary index only when the condition "
     "holds: the accessors write the index's key attributes then and leave them out otherwise, the marker of a "
     "sparse index (`GSI2PK = \"FEATURED\"` on featured products only). That works only when the condition can be "
     "decided on the item being written: it must name an index whose every key the entity has a template for, "
     "compare the entity's stored S, N or BOOL attributes with literals (attribute_exists, attribute_not_exists, "
     "comparisons, BETWEEN, IN, begins_with, AND, OR, NOT; no {parameters}, no contains), and the index's keys must "
     "not be attributes the item stores anyway or keys shared with an index the entity enters unconditionally. An "
     "UpdateItem that changes an attribute the condition reads, or an input of the index's key templates, must SET "
     "every attribute the condition reads, so that the accessors can SET or REMOVE the index keys in the same "
     "update; an ADD's result is not known to the caller.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-indexes-general-sparse-indexes.html",
     "entities:\n  Product:\n    attributes:\n      featured: {type: BOOL}\n"
     "    keys: {PK: \"PRODUCT#{sku}\", GSI2PK: \"FEATURED\", GSI2SK: \"{sku}\"}\n"
     "    index_when: {GSI2: \"featured = {wanted}\"}   # a parameter: not known when the item is written\n",
     "entities:\n  Product:\n    attributes:\n      featured: {type: BOOL}\n"
     "    keys: {PK: \"PRODUCT#{sku}\", GSI2PK: \"FEATURED\", GSI2SK: \"{sku}\"}\n"
     "    index_when: {GSI2: {condition: \"featured = true\", share: 0.02}}\n"},
    [](const Model& m, const Analysis& /*analysis*/, Findings& f) {
      for (const auto& e : m.entities) {
        for (const auto& w : e.index_when) {
          const auto keys = m.index_key_attributes(w.index);
          if (!keys) {
            f.report(w.source.location, w.source.path,
                     e.name + "'s index_when names '" + w.index +
                         "', which is no secondary index of the table (the table holds every item)");
            continue;
          }
          bool complete = true;
          for (const KeyAttribute* k : *keys) {
            if (!e.key(k->name)) {
              complete = false;
              f.report(w.source.location, w.source.path,
                       e.name + " has no template for " + w.index + "'s key " + k->name + ", so it never enters " +
                           w.index + ": index_when has nothing to decide",
                       {{k->source.location, k->name + " is declared here"}});
              continue;
            }
            if (const Attribute* a = e.attribute(k->name); a && !a->key_only)
              f.report(w.source.location, w.source.path,
                       e.name + " stores its attribute " + k->name + ", a key of " + w.index +
                           ", on every item, so every item enters " + w.index +
                           " whatever index_when says: key the index on attributes of their own",
                       {{a->source.location, k->name + " is declared here"}});
            // A key shared with another index that the entity enters on another condition (or none).
            for (const auto& g : m.table.global_secondary_indexes) {
              if (g.name == w.index) continue;
              const bool shares = g.partition_key.name == k->name || (g.sort_key && g.sort_key->name == k->name);
              const bool held = e.key(g.partition_key.name) && (!g.sort_key || e.key(g.sort_key->name));
              if (shares && held && e.membership(g.name) != key_membership(m, e, k->name))
                f.report(w.source.location, w.source.path,
                         e.name + "'s key " + k->name + " is a key of " + w.index + " and of " + g.name + ", which " +
                             e.name +
                             " enters on another condition: one written attribute cannot "
                             "follow both; give each index keys of its own",
                         {{g.source.location, g.name + " is declared here"}});
            }
          }
          if (!complete || !w.condition) continue;
          check_condition(m, e, w, f);
          for (const auto& ap : m.access_patterns) {
            if (ap.operation == Operation::UpdateItem &&
                std::find(ap.entities.begin(), ap.entities.end(), e.name) != ap.entities.end())
              check_update(m, e, w, ap.set, ap.add, ap.source, ap.id + (ap.name.empty() ? "" : " " + ap.name), f);
            for (std::size_t i = 0; i < ap.actions.size(); ++i) {
              const Action& act = ap.actions[i];
              if (act.operation == Operation::UpdateItem && act.entity == e.name)
                check_update(m, e, w, act.set, act.add, act.source, ap.id + " action " + std::to_string(i + 1), f);
            }
          }
        }
      }
    }};
}  // namespace dynamodel
