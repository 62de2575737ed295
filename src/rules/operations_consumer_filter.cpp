// operations/consumer-filter: each entity of a stream consumer is recognisable by its key prefix,
// and the consumer's filters fit Lambda's quota.
#include "analysis/stream_filter.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kOperationsConsumerFilter = {
    {"operations/consumer-filter", Severity::error,
     "a stream consumer's entity cannot be told apart by its key prefix (or too many filters)",
     "A consumer's FilterCriteria is derived from the literal prefixes of its entities' primary-key templates "
     "(every stream record carries the keys, whatever the view type). When an entity's key starts with a "
     "placeholder, or its prefixes can also start another entity's keys, the entity's discriminator is used "
     "instead (a required string attribute with one `enum` value no other entity holds, read from the record's "
     "images: rule operations/consumer-filter-image). Without either, no filter gives the consumer exactly its "
     "entities' changes: dynamodel then subscribes it without a filter and says so here, rather than emit a "
     "filter that is wrong. Lambda allows 5 filters per event source mapping by default (one per "
     "entity here); more need a quota increase (warning).",
     "https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html",
     R"(entities:
  Order:     {keys: {PK: "USER#{userId}", SK: "ORDER#{orderId}"}}
  OrderItem: {keys: {PK: "USER#{userId}", SK: "ORDER#{orderId}#ITEM#{itemId}"}}
operations:
  stream_consumers:
    order-events: {function: process-orders, entities: [Order]})",
     R"(entities:
  Order:     {keys: {PK: "USER#{userId}", SK: "ORDER#{orderId}"}}
  OrderItem: {keys: {PK: "USER#{userId}", SK: "ITEM#{orderId}#{itemId}"}}
operations:
  stream_consumers:
    order-events: {function: process-orders, entities: [Order]})",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      for (const auto& c : m.operations.stream_consumers) {
        const ConsumerFilter filter = stream_filter(m, c);
        for (std::size_t i = 0; i < filter.entities.size(); ++i) {
          const EntityFilter& e = filter.entities[i];
          // unknown: operations/unknown-entity; a discriminator the stream's images lack:
          // operations/consumer-filter-image
          if (e.identified || !e.model_entity || e.image) continue;
          std::string message =
              "stream consumer '" + c.name + "' cannot be given only entity '" + e.entity + "'s changes: " + e.reason;
          if (!e.shared_with.empty()) {
            message += " (";
            for (std::size_t j = 0; j < e.shared_with.size(); ++j) message += (j ? ", " : "") + e.shared_with[j];
            message += ")";
          }
          message +=
              "; the consumer is subscribed without a filter. Give the entity a distinct literal key prefix, or a "
              "discriminator: a required string attribute with one enum value (`kind: {type: S, required: true, enum: "
              "[" +
              e.entity + "]}`) that the other entities do not hold";
          f.report(i < c.entity_locations.size() ? c.entity_locations[i] : c.source.at("entities"),
                   c.source.path_of("entities") + "[" + std::to_string(i) + "]", message);
        }
        if (filter.patterns.size() > kMaxFiltersPerMapping)
          f.report(Severity::warning, c.source.at("entities"), c.source.path_of("entities"),
                   "stream consumer '" + c.name + "' needs " + std::to_string(filter.patterns.size()) +
                       " filters (one per entity); Lambda allows " + std::to_string(kMaxFiltersPerMapping) +
                       " per event source mapping unless the quota is raised (up to 10)");
      }
    }};
}  // namespace dynamodel
