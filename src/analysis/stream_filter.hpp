// The Lambda FilterCriteria of a stream consumer (model `operations.stream_consumers`), derived
// from the key templates of its entities: every stream record carries the item's primary key
// (`dynamodb.Keys`) whatever the stream view type, so a filter on the key's literal prefix (or
// its whole value, for a constant key) and on `eventName` needs no image. An entity the keys do
// not tell apart is recognised by its discriminator attribute in the record's images instead,
// which the stream view type must carry (NEW_IMAGE for INSERT and MODIFY, OLD_IMAGE for REMOVE).
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_StreamSpecification.html
// https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html
// https://docs.aws.amazon.com/lambda/latest/dg/with-ddb-filtering.html
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/model.hpp"

namespace dynamodel {

/// A condition on one primary-key attribute of a stream record: its value starts with `value`
/// (`{"prefix": value}`), or equals it (`exact`, a constant key template).
struct KeyFilter {
  std::string attribute;
  std::string value;
  bool exact = false;
};

/// A condition on the item image of a stream record: attribute `attribute` (a string) equals
/// `value`. Used for an entity its keys do not tell apart, when it has a discriminator: a
/// required string attribute whose `enum` has the one value `value`, which no other entity
/// outside the consumer can hold.
struct ImageFilter {
  std::string attribute;
  std::string value;
};

/// How one entity of a consumer is recognised in a stream record.
struct EntityFilter {
  std::string entity;
  const Entity* model_entity = nullptr;  ///< nullptr: no entity of that name
  /// The key conditions that, together, match this entity's items and no other entity's outside
  /// the consumer (the partition key's, then the sort key's when the partition key's prefix is
  /// shared); empty when `identified` is false.
  std::vector<KeyFilter> keys;
  /// Set when the keys do not tell the entity apart but its discriminator does: read from the
  /// record's NewImage for INSERT and MODIFY and its OldImage for REMOVE (`keys` is then empty).
  std::optional<ImageFilter> image;
  /// The images `image` needs for the consumer's events that the table's stream view type does
  /// not carry ("NewImage", "OldImage"); when any, the entity is not identified.
  std::vector<std::string> missing_images;
  bool identified = false;
  /// Why not identified: the reason, and the entities (outside the consumer) whose keys the best
  /// filter would match too.
  std::string reason;
  std::vector<std::string> shared_with;
};

/// The filter of one consumer: one pattern per entity (ORed by Lambda), each with the consumer's
/// `events` (two for an entity told apart by its image when the events need both images: one on
/// NewImage for INSERT/MODIFY, one on OldImage for REMOVE); a single events-only pattern when it
/// names no entity; none when it names neither.
struct ConsumerFilter {
  std::vector<EntityFilter> entities;
  /// True when every entity is identified (and known); otherwise `patterns` is empty and the
  /// targets subscribe the consumer without a filter (rule operations/consumer-filter reports it).
  bool complete = true;
  /// Each FilterCriteria pattern as compact JSON text, in entity order, each once.
  std::vector<std::string> patterns;
};

/// Lambda's default quota of filters per event source mapping.
/// https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html
inline constexpr std::size_t kMaxFiltersPerMapping = 5;

ConsumerFilter stream_filter(const Model& model, const StreamConsumer& consumer);

}  // namespace dynamodel
