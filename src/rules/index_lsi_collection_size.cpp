// index/lsi-collection-size: an item collection may pass 10 GB on a table with an LSI.
#include <cmath>

#include "rules/rule.hpp"
#include "rules/size_common.hpp"

namespace dynamodel {
extern const Rule kIndexLsiCollectionSize = {
    {"index/lsi-collection-size", Severity::warning, "an item collection may pass 10 GB on a table with an LSI",
     "On a table with a local secondary index, all items sharing one partition-key value, with their LSI "
     "entries, must fit in 10 GB; past that writes fail with ItemCollectionSizeLimitExceededException and the "
     "collection cannot be split. The estimate is expected.items divided by the distinct partition-key values "
     "(from enum, cardinality and BOOL hints), times the largest item with its LSI entries.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html#LSI.ItemCollections.SizeLimit",
     "local_secondary_indexes: [{name: ByDate, sort_key: {name: LSI1SK, type: S}, projection: ALL}]\n"
     "# Event: PK \"TENANT#{tenantId}\", tenantId cardinality 10, 50,000,000 items of 4 KB: 20 GB per tenant\n",
     "# the same with a GSI instead of the LSI (no 10 GB limit), or a partition key with more values:\n"
     "# PK \"TENANT#{tenantId}#{day}\"\n",
     ""},
    [](const Model& m, const Analysis& a, Findings& f) {
      if (m.table.local_secondary_indexes.empty()) return;
      for (const auto& c : a.collections) {
        if (!c.items_per_value || c.max_bytes <= limits::kCollectionBytes) continue;
        const Entity* e = m.entity(c.entity);
        const EntityKey* pk = e ? e->key(m.table.partition_key.name) : nullptr;
        if (!e || !pk) continue;
        const double gb = static_cast<double>(c.max_bytes) / (1024.0 * 1024 * 1024);
        f.report(pk->key_template.location, e->source.path_of("keys") + "." + m.table.partition_key.name,
                 "one " + c.entity + " item collection (\"" + c.key_template + "\") may hold " +
                     with_commas(static_cast<std::int64_t>(std::llround(*c.items_per_value))) + " items, up to " +
                     with_commas(static_cast<std::int64_t>(std::ceil(gb))) +
                     " GB with their LSI entries, over the 10 GB item-collection limit of a table with a local "
                     "secondary index: writes to it would fail. Add a high-cardinality part to the partition key, "
                     "or use a GSI instead of the LSI",
                 {{m.table.local_secondary_indexes[0].source.location,
                   "LSI " + m.table.local_secondary_indexes[0].name + " is defined here"}});
      }
    }};
}  // namespace dynamodel
