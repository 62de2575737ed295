// operations/dax-write-heavy: the model's declared write calls per second exceed the reads DAX
// can cache. DAX only takes cached reads off the table; every write still goes to DynamoDB, and
// through DAX a write costs the cluster's primary node about 25 times a cache hit.
#include <cstdio>

#include "analysis/dax.hpp"
#include "rules/demand.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
namespace {
std::string rate_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}
}  // namespace

extern const Rule kOperationsDaxWriteHeavy = {
    {"operations/dax-write-heavy", Severity::warning,
     "the table is written more often than its cacheable reads: DAX gains little",
     "DAX accelerates eventually consistent reads only; writes go through to DynamoDB (write-through) and, on the "
     "cluster, a write costs about 25 times a cache hit on the primary node. When the access patterns' stated "
     "rate_per_second of writes exceeds that of the reads DAX can cache, the cluster mostly adds cost and a hop.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/dax-cluster-sizing.html",
     R"(operations:
  dax: {node_type: dax.r5.large, subnets: [subnet-0a1b2c3d]}
access_patterns:
  - {id: AP1, name: getUser, operation: GetItem, rate_per_second: 10, ...}
  - {id: AP2, name: putEvent, operation: PutItem, rate_per_second: 500, ...})",
     R"(access_patterns:
  - {id: AP1, name: getUser, operation: GetItem, rate_per_second: 2000, ...}
  - {id: AP2, name: putEvent, operation: PutItem, rate_per_second: 500, ...})",
     ""},
    [](const Model& m, const Analysis& a, Findings& f) {
      const auto& dax = m.operations.dax;
      if (!dax.enabled) return;
      double cached = 0, writes = 0;
      std::vector<PatternDemand> writers;
      bool stated = false;
      for (const auto& d : dax_patterns(m)) {
        const PatternAnalysis* pa = nullptr;
        for (const auto& x : a.patterns)
          if (x.pattern == d.pattern) pa = &x;
        if (!pa || !pa->rate_stated) continue;
        stated = true;
        if (d.path == DaxPath::item_cache || d.path == DaxPath::query_cache) cached += pa->rate_per_second;
        if (d.path == DaxPath::write_through) {
          writes += pa->rate_per_second;
          writers.push_back({pa, pa->rate_per_second});
        }
      }
      if (!stated || writes <= cached) return;
      std::stable_sort(writers.begin(), writers.end(),
                       [](const auto& x, const auto& y) { return x.units_per_second > y.units_per_second; });
      if (writers.size() > 3) writers.resize(3);
      std::string names;
      for (const auto& w : writers) names += (names.empty() ? "" : ", ") + w.pattern->id;
      f.report(dax.source.location, dax.source.path,
               "the access patterns write " + rate_text(writes) + " times per second (most: " + names +
                   ") but read only " + rate_text(cached) +
                   " times per second in ways DAX caches: a write-heavy table gains little from operations.dax");
      f.patterns(pattern_ids(writers));
    }};
}  // namespace dynamodel
