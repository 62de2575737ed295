// capacity/table-quota: the demand passes the default 40,000 RCU / 40,000 WCU per-table quota.
#include <cmath>

#include "rules/demand.hpp"
#include "rules/rule.hpp"
#include "rules/size_common.hpp"

namespace dynamodel {
extern const Rule kCapacityTableQuota = {
    {"capacity/table-quota", Severity::warning, "the demand passes the 40,000 RCU/WCU table quota",
     "By default a table (and, on demand, each GSI) serves at most 40,000 read and 40,000 write units per "
     "second. The quota is adjustable, but only by a Service Quotas request made before launch; without it "
     "the peak is throttled.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html",
     "# AP1: 50,000 GetItem/s of 6 KB items, strongly consistent: 100,000 RCU/s\n",
     "# AP1: eventually consistent reads of 3 KB items: 25,000 RCU/s\n", ""},
    [](const Model& m, const Analysis& a, Findings& f) {
      for (const auto& d : a.demand) {
        const bool table = d.name == "table";
        const GlobalSecondaryIndex* g = nullptr;
        for (const auto& x : m.table.global_secondary_indexes)
          if (x.name == d.name) g = &x;
        if (!table && !g) continue;
        const Location& where = table ? m.table.source.at("name") : g->source.location;
        const std::string path = table ? m.table.source.path_of("name") : g->source.path;
        const std::string what = table ? "table " + m.table.name : "GSI " + d.name;
        for (bool reads : {true, false}) {
          const double need = reads ? d.rcu_per_second : d.wcu_per_second;
          if (need <= limits::kTableQuotaUnits) continue;
          const std::string unit = reads ? "RCU" : "WCU";
          const auto driving = driving_patterns(a, table ? "" : d.name, reads);
          std::string top;
          for (const auto& p : driving)
            top += (top.empty() ? "" : ", ") + p.pattern->id + " " +
                   with_commas(static_cast<std::int64_t>(std::ceil(p.units_per_second)));
          // Eventually consistent reads halve the RCU only of patterns that read strongly consistently.
          const bool suggest_eventual = reads && any_strongly_consistent(driving);
          f.report(where, path,
                   what + " needs " + with_commas(static_cast<std::int64_t>(std::ceil(need))) + " " + unit +
                       "/s at the patterns' peak rates" + (top.empty() ? "" : " (most from " + top + ")") +
                       ", over the default quota of 40,000 " + unit +
                       " per table: request a quota increase (Service Quotas) before launch, or cut the demand (" +
                       (suggest_eventual ? "eventually consistent reads, " : "") + "smaller items, a cache)");
          f.patterns(pattern_ids(driving));
          std::string fix =
              "Request a quota increase above " + with_commas(static_cast<std::int64_t>(std::ceil(need))) + " " + unit +
              " (Service Quotas, DynamoDB: table-level " + (reads ? "read" : "write") + " throughput) before launch";
          if (!driving.empty())
            fix += ", or lower the demand of " + top + " " + unit +
                   "/s: " + (suggest_eventual ? "read eventually consistently (consistent_read: false), " : "") +
                   (reads ? "cache the hottest reads, " : "") + "keep the items they " + (reads ? "read" : "write") +
                   " small";
          f.fix(fix + ".");
        }
      }
    }};
}  // namespace dynamodel
