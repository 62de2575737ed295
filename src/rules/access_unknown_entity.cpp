// access/unknown-entity: access patterns and their actions name declared entities.
#include "model/text.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
namespace {
void check(const Model& m, Findings& f, const std::string& entity, const Location& at, const std::string& path) {
  if (m.entity(entity)) return;
  std::vector<std::string_view> names;
  for (const auto& e : m.entities) names.push_back(e.name);
  std::string message = "no entity is named '" + entity + "'";
  if (auto best = closest_match(entity, names)) message += "; did you mean '" + *best + "'?";
  f.report(at, path, message);
}
}  // namespace

extern const Rule kAccessUnknownEntity = {
    {"access/unknown-entity", Severity::error, "an access pattern names no declared entity",
     "An access pattern reads or writes items of a declared entity; any other name is a typo.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-modeling-nosql.html",
     R"(entities:
  Order: {...}
access_patterns:
  - {id: AP1, name: getOrder, entity: Orders, operation: GetItem, key: {...}})",
     R"(entities:
  Order: {...}
access_patterns:
  - {id: AP1, name: getOrder, entity: Order, operation: GetItem, key: {...}})",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      for (const auto& p : m.access_patterns) {
        for (std::size_t i = 0; i < p.entities.size(); ++i)
          check(
              m, f, p.entities[i], p.entity_locations[i],
              p.item_collection ? p.source.path + ".entities[" + std::to_string(i) + "]" : p.source.path_of("entity"));
        for (const auto& a : p.actions) check(m, f, a.entity, a.source.at("entity"), a.source.path_of("entity"));
      }
    }};
}  // namespace dynamodel
