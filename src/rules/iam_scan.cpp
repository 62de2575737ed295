// iam/scan: a principal that Scans reads every item of the table or index.
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kIamScan = {
    {"iam/scan", Severity::warning, "a principal needs Scan on a whole table or index",
     "dynamodb:Scan cannot be narrowed to some items: a Scan request has no partition key, so "
     "dynamodb:LeadingKeys cannot restrict it (with ForAllValues an absent key even passes). A principal that "
     "Scans can read every item of the key space; keep Scans to back-office principals, or query by key.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html",
     R"(principals:
  storefront:
    patterns: [allProducts]     # operation: Scan)",
     R"(principals:
  storefront:
    patterns: [listProductsByCategory]   # operation: Query)",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      for (const auto& who : m.principals)
        for (std::size_t i = 0; i < who.patterns.size(); ++i) {
          const AccessPattern* p = m.pattern(who.patterns[i]);
          if (!p) continue;
          const bool scans = p->operation == Operation::Scan || (p->operation == Operation::Replay && p->key.empty());
          if (!scans) continue;
          f.report(i < who.pattern_locations.size() ? who.pattern_locations[i] : who.source.at("patterns"),
                   who.source.path_of("patterns") + "[" + std::to_string(i) + "]",
                   "principal '" + who.name + "' needs dynamodb:Scan on " +
                       (p->index ? "index " + *p->index : "table " + m.table.name) + " for '" + p->name +
                       "': it can read every item there");
        }
    }};
}  // namespace dynamodel
