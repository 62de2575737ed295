// operations/unknown-entity: a stream consumer names only entities of the model.
#include "model/text.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kOperationsUnknownEntity = {
    {"operations/unknown-entity", Severity::error, "a stream consumer names an entity that does not exist",
     "A consumer's filter is derived from its entities' key templates; a name that matches no entity would "
     "leave the consumer without the changes it was written for.",
     "https://docs.aws.amazon.com/lambda/latest/dg/with-ddb-filtering.html",
     R"(operations:
  stream_consumers:
    order-events: {function: process-orders, entities: [Ordr]})",
     R"(operations:
  stream_consumers:
    order-events: {function: process-orders, entities: [Order]})",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      std::vector<std::string_view> names;
      for (const auto& e : m.entities) names.push_back(e.name);
      for (const auto& c : m.operations.stream_consumers) {
        for (std::size_t i = 0; i < c.entities.size(); ++i) {
          const std::string& name = c.entities[i];
          if (m.entity(name)) continue;
          std::string message = "stream consumer '" + c.name + "' names entity '" + name + "', which does not exist";
          if (auto best = closest_match(name, names)) message += "; did you mean '" + *best + "'?";
          f.report(i < c.entity_locations.size() ? c.entity_locations[i] : c.source.at("entities"),
                   c.source.path_of("entities") + "[" + std::to_string(i) + "]", message);
        }
      }
    }};
}  // namespace dynamodel
