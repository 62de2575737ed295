// index/lsi-unbounded-collection: on a table with an LSI, an entity's item collection grows
// without bound (no time bucket in the partition key, an ever-growing sort key) and no counts
// let index/lsi-collection-size estimate it: the 10 GB item-collection limit will stop writes.
#include <algorithm>
#include <cctype>
#include <string_view>

#include "analysis/hot_keys.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
namespace {

/// An identifier by its name: `id`, `order_id`, `orderId`, `orderID`.
bool id_name(const std::string& name) {
  auto ends = [&](std::string_view tail) {
    return name.size() > tail.size() && name.compare(name.size() - tail.size(), tail.size(), tail) == 0;
  };
  if (name == "id" || name == "ID" || ends("_id") || ends("_ID")) return true;
  return (ends("Id") || ends("ID")) && std::islower(static_cast<unsigned char>(name[name.size() - 3]));
}

/// Why a sort-key placeholder keeps producing new values (time-ordered or an identifier); empty
/// when it does not.
std::string growing(const Attribute& a) {
  if (!a.enum_values.empty() || a.cardinality || a.type == AttributeType::BOOL) return "";
  if (a.format) switch (*a.format) {
      case AttributeFormat::date:
      case AttributeFormat::date_time:
      case AttributeFormat::epoch_seconds:
      case AttributeFormat::ulid:
      case AttributeFormat::uuid:
        return "format " + std::string(to_string(*a.format));
      default:
        break;
    }
  return id_name(a.name) ? "an identifier" : "";
}

/// True when items of `e` carry the table's TTL attribute: old items expire, the collection is
/// bounded in time.
bool expires(const Model& m, const Entity& e) {
  return std::any_of(e.attributes.begin(), e.attributes.end(), [&](const Attribute& a) {
    return a.role == AttributeRole::ttl || (m.table.ttl_attribute && a.name == *m.table.ttl_attribute);
  });
}

}  // namespace

extern const Rule kIndexLsiUnboundedCollection = {
    {"index/lsi-unbounded-collection", Severity::warning,
     "an item collection grows without bound on a table with an LSI, and no counts bound it",
     "On a table with a local secondary index, all items sharing one partition-key value, with their LSI "
     "entries, must fit in 10 GB; past that, writes to that partition-key value fail with "
     "ItemCollectionSizeLimitExceededException, and the collection cannot be split. A partition key without a "
     "time bucket whose sort key takes ever new values (a timestamp: format date, date-time, epoch-seconds; "
     "a ulid or uuid; an identifier) makes a collection that only grows. index/lsi-collection-size estimates "
     "the largest collection from expected.items and the partition key's cardinality hints; when the model "
     "gives neither, this rule names the risk instead. Silent when the entity carries the table's TTL "
     "attribute (old items expire). Bound the collection (a time bucket in the partition "
     "key, a TTL), use a GSI instead of the LSI, or state expected.items and the partition-key attributes' "
     "cardinality so that the size is estimated.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html#LSI.ItemCollections.SizeLimit",
     "local_secondary_indexes: [{name: ByType, sort_key: {name: LSI1SK, type: S}}]\n"
     "entities:\n  Event:\n    keys:\n      PK: \"DEVICE#{deviceId}\"\n"
     "      SK: \"EVENT#{eventId}\"     # eventId: format ulid; a device's events only grow\n",
     "entities:\n  Event:\n    keys:\n      PK: \"DEVICE#{deviceId}#{day}\"   # a time bucket: one collection per day\n"
     "      SK: \"EVENT#{eventId}\"\n"
     "# or: expected: {items: 100000000} with deviceId: {cardinality: 1000000}\n"},
    [](const Model& m, const Analysis& a, Findings& f) {
      if (m.table.local_secondary_indexes.empty() || !m.table.sort_key) return;
      const auto& lsi = m.table.local_secondary_indexes.front();
      for (const auto& c : a.collections) {
        if (c.items_per_value) continue;  // index/lsi-collection-size estimates it
        const Entity* e = m.entity(c.entity);
        const EntityKey* pk = e ? e->key(m.table.partition_key.name) : nullptr;
        const EntityKey* sk = e ? e->key(m.table.sort_key->name) : nullptr;
        if (!e || !pk || !sk || expires(m, *e)) continue;
        const auto parts = key_parts(e, pk->key_template);
        if (std::any_of(parts.begin(), parts.end(), [](const KeyPart& p) { return p.time_bucket; })) continue;
        const Attribute* grows = nullptr;
        std::string why;
        for (const auto& p : sk->key_template.placeholders()) {
          const Attribute* attr = e->attribute(p);
          if (!attr || std::any_of(parts.begin(), parts.end(), [&](const KeyPart& q) { return q.name == p; })) continue;
          why = growing(*attr);
          if (!why.empty()) {
            grows = attr;
            break;
          }
        }
        if (!grows) continue;
        f.report(pk->key_template.location, e->source.path_of("keys") + "." + m.table.partition_key.name,
                 "the " + e->name + " item collection (" + m.table.partition_key.name + " `" + pk->key_template.text +
                     "`) grows without bound: its sort key " + sk->attribute + " `" + sk->key_template.text +
                     "` takes a new {" + grows->name + "} (" + why +
                     ") for each item and the partition key has no time bucket. The table has a local secondary "
                     "index, so one partition-key value with its LSI entries must stay under 10 GB, or writes to "
                     "it fail (ItemCollectionSizeLimitExceededException). Put a time bucket in the partition key "
                     "or expire old items (TTL), use a GSI instead of the LSI, or state expected.items and the "
                     "partition key's cardinality so that index/lsi-collection-size can estimate the size",
                 {{lsi.source.location, "LSI " + lsi.name + " is defined here"},
                  {grows->source.location, grows->name + " is declared here"}});
      }
    }};
}  // namespace dynamodel
