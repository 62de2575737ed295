// index/all-projection-write-cost: a large item projected ALL into several GSIs multiplies the
// cost of every write.
#include "analysis/sizes.hpp"
#include "rules/rule.hpp"
#include "rules/size_common.hpp"

namespace dynamodel {
namespace {

/// From this many GSIs with projection ALL holding one entity, its writes cost the table's
/// price that many times over again.
constexpr std::size_t kAllProjections = 2;
/// A typical item above this size counts as large (4 WCU and more a put).
constexpr std::int64_t kLargeTypicalBytes = 4096;

}  // namespace

extern const Rule kIndexAllProjectionWriteCost = {
    {"index/all-projection-write-cost", Severity::info,
     "an item of typically over 4 KB is projected ALL into several GSIs: each write costs its WCU again in each",
     "A GSI with projection ALL stores a copy of the whole item, so every put of an item that has the index's "
     "keys writes it again: an item of N KB costs N WCU on the table and N more on each such GSI. With two or "
     "more ALL projections of an item typically over 4 KB, most of the write bill is index copies. Project KEYS_ONLY "
     "or "
     "INCLUDE just the attributes the index's access patterns read (a GetItem on the table fetches the rest).",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-gsi-general.html"
     "#bp-gsi-general-projections",
     "  global_secondary_indexes:\n    - {name: ByStatus, partition_key: {name: status, type: S}}   # ALL\n"
     "    - {name: ByOwner, partition_key: {name: ownerId, type: S}}   # ALL, items of 6 KB\n",
     "    - name: ByStatus\n      partition_key: {name: status, type: S}\n"
     "      projection: {include: [title]}\n",
     ""},
    [](const Model&, const Analysis& a, Findings& f) {
      for (const EntityAnalysis& ea : a.entities) {
        // Large: a typical item over 4 KB (4 WCU a put). Smaller items projected ALL are common and
        // cheap enough; the worst case alone would flag most designs.
        if (!ea.entity || ea.typical_item_bytes <= kLargeTypicalBytes) continue;
        // WCU of a standard put of `bytes` (analysis/sizes.hpp: ceil(bytes / 1 KB)).
        const auto units = [](std::int64_t bytes) { return static_cast<std::int64_t>(write_units(bytes, 1)); };
        std::vector<std::string> all;
        std::vector<Note> notes;
        std::int64_t index_wcu = 0;  // a typical put's index copies, in WCU
        for (const IndexEntrySize& entry : ea.index_entries) {
          const KeySpace* k = entry.key_space;
          if (!k || k->kind != IndexKind::gsi || !k->projection || k->projection->type != ProjectionType::ALL) continue;
          all.push_back(k->name);
          index_wcu += units(entry.typical_data_bytes);
          if (k->source) notes.push_back({k->source->location, k->name + " projects ALL"});
        }
        if (all.size() < kAllProjections) continue;
        std::string list;
        for (const auto& name : all) list += (list.empty() ? "" : ", ") + name;
        const std::int64_t table_wcu = units(ea.typical_item_bytes);
        f.report(ea.entity->source.location, ea.entity->source.path,
                 ea.name + " items are typically " + with_commas(ea.typical_item_bytes) +
                     " bytes and are projected ALL into " + std::to_string(all.size()) + " GSIs (" + list +
                     "): a typical put costs " + with_commas(table_wcu) + " WCU on the table and " +
                     with_commas(index_wcu) +
                     " more in index copies. Project KEYS_ONLY or INCLUDE the attributes those indexes' patterns read",
                 std::move(notes));
      }
    }};

}  // namespace dynamodel
