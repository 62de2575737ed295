// index/projection-limit: at most 100 INCLUDE non-key attributes summed over all indexes.
#include <set>

#include "rules/rule.hpp"

namespace dynamodel {
namespace {
/// ServiceQuotas.html#projected-secondary-index-attributes: 100 across all secondary indexes of
/// a table; an attribute projected into two indexes counts twice.
constexpr std::size_t kMaxProjected = 100;
}  // namespace

extern const Rule kIndexProjectionLimit = {
    {"index/projection-limit", Severity::error, "more than 100 INCLUDE non-key attributes across all indexes",
     "DynamoDB allows at most 100 attributes in INCLUDE projections, summed over all the table's GSIs and "
     "LSIs (an attribute in two indexes counts twice); CreateTable or UpdateTable fails beyond that.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/"
     "ServiceQuotas.html#projected-secondary-index-attributes",
     "global_secondary_indexes:\n  - name: GSI1\n    projection: {include: [a1, a2, ..., a60]}\n"
     "  - name: GSI2\n    projection: {include: [b1, b2, ..., b50]}    # 110 in all\n",
     "global_secondary_indexes:\n  - name: GSI1\n    projection: {include: [a1, a2, ..., a60]}\n"
     "  - name: GSI2\n    projection: ALL                              # 60 in all\n",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      std::size_t total = 0;
      std::string counts;
      std::vector<Note> notes;
      const Projection* crossing = nullptr;
      auto add = [&](const Projection& p, const std::string& index) {
        if (p.type != ProjectionType::INCLUDE) return;
        const std::size_t n = std::set<std::string>(p.include.begin(), p.include.end()).size();
        total += n;
        counts += (counts.empty() ? "" : ", ") + index + ": " + std::to_string(n);
        notes.push_back(Note{p.source.location, index + " projects " + std::to_string(n) + " non-key attributes"});
        if (total > kMaxProjected && !crossing) crossing = &p;
      };
      for (const auto& g : m.table.global_secondary_indexes) add(g.projection, g.name);
      for (const auto& l : m.table.local_secondary_indexes) add(l.projection, l.name);
      if (!crossing) return;
      f.report(crossing->source.location, crossing->source.path,
               std::to_string(total) + " non-key attributes are projected with INCLUDE across the indexes (" + counts +
                   "); DynamoDB allows 100 per table in all, counting an attribute once per index; project "
                   "fewer, or use projection: ALL on the index that reads most of the item",
               std::move(notes));
    }};
}  // namespace dynamodel
