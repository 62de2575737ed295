// access/unknown-index: an access pattern's index is a declared GSI or LSI.
#include "model/text.hpp"
#include "rules/index_by_key.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kAccessUnknownIndex = {
    {"access/unknown-index", Severity::error, "an access pattern names no declared index",
     "Query and Scan take an IndexName of the table; any other name fails with ValidationException.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html#DDB-Query-request-IndexName",
     R"(table:
  global_secondary_indexes:
    - {name: GSI1, partition_key: {name: GSI1PK, type: S}}
access_patterns:
  - {id: AP2, name: byEmail, entity: User, operation: Query, index: GSI2, key: {GSI1PK: "EMAIL#{email}"}})",
     R"(table:
  global_secondary_indexes:
    - {name: GSI1, partition_key: {name: GSI1PK, type: S}}
access_patterns:
  - {id: AP2, name: byEmail, entity: User, operation: Query, index: GSI1, key: {GSI1PK: "EMAIL#{email}"}})",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      std::vector<std::string_view> names;
      for (const auto& g : m.table.global_secondary_indexes) names.push_back(g.name);
      for (const auto& l : m.table.local_secondary_indexes) names.push_back(l.name);
      for (const auto& p : m.access_patterns) {
        if (!p.index) continue;
        bool known = false;
        for (auto n : names) known = known || n == *p.index;
        if (known) continue;
        std::string message = "no index is named '" + *p.index + "'";
        // The index whose key the pattern's key conditions use beats a name that merely looks alike.
        std::optional<std::string> best = index_by_key(m, p);
        if (best)
          message += "; did you mean '" + *best + "'? (its key attributes are the ones the pattern's key uses)";
        else if ((best = closest_match(*p.index, names)))
          message += "; did you mean '" + *best + "'?";
        f.report(p.source.at("index"), p.source.path_of("index"), message);
        if (best) f.fix("In " + p.id + ", set index: " + *best + ".");
      }
    }};
}  // namespace dynamodel
