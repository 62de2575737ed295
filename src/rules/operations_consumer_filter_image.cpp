// operations/consumer-filter-image: a stream consumer's entity recognised by its discriminator
// attribute needs the item images in the stream records, which the stream view type must carry.
#include <string>

#include "analysis/stream_filter.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kOperationsConsumerFilterImage = {
    {"operations/consumer-filter-image", Severity::error,
     "a stream consumer's filter reads an item image the table's stream does not carry",
     "An entity whose keys do not tell it apart from the others (no literal prefix, or one shared with "
     "another entity) is recognised in a stream record by its discriminator: a required string attribute "
     "with one `enum` value that no other entity holds. Lambda filters on it in the record's `NewImage` "
     "(INSERT and MODIFY) and `OldImage` (REMOVE). A stream record carries `NewImage` only with the "
     "NEW_IMAGE or NEW_AND_OLD_IMAGES view type and `OldImage` only with OLD_IMAGE or NEW_AND_OLD_IMAGES; "
     "without the image, the filter would drop every change. dynamodel then subscribes the consumer without "
     "a filter and reports it here: change the table's stream view type, or the consumer's events.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_StreamSpecification.html",
     R"(table:
  partition_key: {name: id, type: S}
  stream: KEYS_ONLY
entities:
  Product: {attributes: {kind: {type: S, required: true, enum: [product]}}, keys: {id: "{productId}"}}
  Review:  {attributes: {kind: {type: S, required: true, enum: [review]}},  keys: {id: "{reviewId}"}}
operations:
  stream_consumers:
    search-index: {function: index-products, entities: [Product]})",
     R"(table:
  partition_key: {name: id, type: S}
  stream: NEW_AND_OLD_IMAGES
entities:
  Product: {attributes: {kind: {type: S, required: true, enum: [product]}}, keys: {id: "{productId}"}}
  Review:  {attributes: {kind: {type: S, required: true, enum: [review]}},  keys: {id: "{reviewId}"}}
operations:
  stream_consumers:
    search-index: {function: index-products, entities: [Product]})",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      for (const auto& c : m.operations.stream_consumers) {
        const ConsumerFilter filter = stream_filter(m, c);
        for (std::size_t i = 0; i < filter.entities.size(); ++i) {
          const EntityFilter& e = filter.entities[i];
          if (!e.image || e.missing_images.empty()) continue;
          std::string images;
          for (const auto& image : e.missing_images) images += (images.empty() ? "" : " and ") + image;
          const std::string view = m.table.stream ? std::string(to_string(*m.table.stream)) : "none";
          f.report(i < c.entity_locations.size() ? c.entity_locations[i] : c.source.at("entities"),
                   c.source.path_of("entities") + "[" + std::to_string(i) + "]",
                   "stream consumer '" + c.name + "' recognises entity '" + e.entity + "' by " + e.image->attribute +
                       " = \"" + e.image->value +
                       "\" in the item images (its keys do not tell it apart), so it "
                       "needs the records' " +
                       images + ", which the table's stream view type " + view +
                       " does not carry; the consumer is subscribed without a filter. Set the table's `stream: "
                       "NEW_AND_OLD_IMAGES`");
        }
      }
    }};
}  // namespace dynamodel
