// access/unknown-parameter: a placeholder in an access pattern's key names an attribute of its
// entity, or is a free parameter of a range condition (between, lt, le, gt, ge, begins_with).
#include "model/text.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
namespace {

void check_key(const Model& m, const std::vector<std::string>& entity_names, const std::vector<KeyCondition>& key,
               const std::string& who, const std::string& path, Findings& f) {
  std::vector<const Entity*> entities;
  for (const auto& name : entity_names) {
    const Entity* e = m.entity(name);
    if (!e) return;  // access/unknown-entity reports it; its attributes are unknown
    entities.push_back(e);
  }
  if (entities.empty()) return;
  std::string names;
  for (const Entity* e : entities) names += (names.empty() ? "" : " or ") + e->name;
  for (const auto& c : key) {
    if (c.op != KeyCondition::Op::eq) continue;  // range operands may be free parameters
    for (const auto& t : c.operands) {
      for (const auto& p : t.placeholders()) {
        bool known = false;
        std::vector<std::string_view> candidates;
        for (const Entity* e : entities)
          for (const auto& a : e->attributes) {
            known = known || a.name == p;
            candidates.push_back(a.name);
          }
        if (known) continue;
        std::string message = "{" + p + "} in " + who + "'s equality condition on " + c.attribute +
                              " names no attribute of " + names +
                              ": an equality condition (partition key, or sort key =) must be built from the "
                              "item's attributes; free parameters are allowed only in range conditions "
                              "(between, lt, le, gt, ge, begins_with)";
        if (auto best = closest_match(p, candidates)) message += "; did you mean {" + *best + "}?";
        f.report(t.location, path + "." + c.attribute, message);
      }
    }
  }
}

}  // namespace

extern const Rule kAccessUnknownParameter = {
    {"access/unknown-parameter", Severity::error,
     "a placeholder in an access pattern's key is neither an entity attribute nor a range parameter",
     "A key condition is filled from the accessor's arguments. An equality value must be built from the "
     "entity's attributes, exactly as its key template is, or the pattern cannot find the items; only a "
     "range condition (between, lt, le, gt, ge, begins_with) may take free bounds such as {from}.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html",
     "- name: getUser\n  entity: User\n  operation: GetItem\n  key: {PK: \"USER#{id}\", SK: \"PROFILE\"}   # no "
     "attribute id\n",
     "- name: getUser\n  entity: User\n  operation: GetItem\n  key: {PK: \"USER#{userId}\", SK: \"PROFILE\"}\n", ""},
    [](const Model& m, const Analysis&, Findings& f) {
      for (const auto& p : m.access_patterns) {
        check_key(m, p.entities, p.key, p.id, p.source.path_of("key"), f);
        for (const auto& a : p.actions)
          check_key(m, {a.entity}, a.key, p.id + "'s " + std::string(to_string(a.operation)) + " action",
                    a.source.path_of("key"), f);
      }
    }};
}  // namespace dynamodel
