// The Lambda FilterCriteria of a stream consumer (model `operations.stream_consumers`), derived
// from the key templates of its entities: every stream record carries the item's primary key
// (`dynamodb.Keys`) whatever the stream view type, so a filter on the key's literal prefix (or
// its whole value, for a constant key) and on `eventName` needs no image.
// https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html
// https://docs.aws.amazon.com/lambda/latest/dg/with-ddb-filtering.html
#pragma once

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

/// How one entity of a consumer is recognised in a stream record.
struct EntityFilter {
  std::string entity;
  const Entity* model_entity = nullptr;  ///< nullptr: no entity of that name
  /// The key conditions that, together, match this entity's items and no other entity's outside
  /// the consumer (the partition key's, then the sort key's when the partition key's prefix is
  /// shared); empty when `identified` is false.
  std::vector<KeyFilter> keys;
  bool identified = false;
  /// Why not identified: the reason, and the entities (outside the consumer) whose keys the best
  /// filter would match too.
  std::string reason;
  std::vector<std::string> shared_with;
};

/// The filter of one consumer: one pattern per entity (ORed by Lambda), each with the consumer's
/// `events`; a single events-only pattern when it names no entity; none when it names neither.
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
