// index/unused: an index that no access pattern reads.
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kIndexUnused = {
    {"index/unused", Severity::warning, "no access pattern reads the index (it still costs writes)",
     "Every write of an item that has an index's key attributes also writes the index (WCU, and storage of the "
     "projected attributes), whether or not anything reads it. An index no access pattern uses is pure cost; "
     "add the pattern that needs it, or remove the index.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-indexes-general.html",
     "  global_secondary_indexes:\n    - {name: GSI2, partition_key: {name: GSI2PK, type: S}}\n"
     "# and no access pattern has index: GSI2\n",
     "  - name: listByTag\n    entity: Item\n    operation: Query\n    index: GSI2\n    key: {GSI2PK: \"TAG#{tag}\"}\n",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      auto used = [&](const std::string& name) {
        for (const auto& ap : m.access_patterns)
          if (ap.index && *ap.index == name) return true;
        return false;
      };
      auto report = [&](const std::string& name, const Source& s, bool local) {
        if (used(name)) return;
        f.report(s.at("name"), s.path_of("name"),
                 std::string(local ? "LSI " : "GSI ") + name +
                     " is read by no access pattern, yet every write of an item with its keys also writes it" +
                     (local ? " (on the table's WCU)" : "") + ": add the access pattern that needs it (index: " + name +
                     "), or remove the index");
      };
      for (const auto& g : m.table.global_secondary_indexes) report(g.name, g.source, false);
      for (const auto& l : m.table.local_secondary_indexes) report(l.name, l.source, true);
    }};
}  // namespace dynamodel
