// The ranking of findings by impact (report/rank.hpp): the one place that decides which
// finding the design review puts first.
#include "report/rank.hpp"

#include <algorithm>
#include <array>

namespace dynamodel {

namespace {
// Quotas and limits outside the hot/ and capacity/ groups: a request or an item that DynamoDB
// refuses, or an item collection that stops taking writes, once the data or the load grows.
constexpr std::array<std::string_view, 12> kLoad = {"access/batch-limit",
                                                    "index/gsi-limit",
                                                    "index/lsi-limit",
                                                    "index/projection-limit",
                                                    "index/lsi-collection-size",
                                                    "index/lsi-unbounded-collection",
                                                    "keys/size",
                                                    "size/item-limit",
                                                    "size/item-large",
                                                    "table/autoscaling-missing",
                                                    "table/on-demand-throughput",
                                                    "table/warm-throughput"};
// Work that succeeds but reads, writes or stores more than the patterns need.
constexpr std::array<std::string_view, 8> kCost = {
    "access/scan",  "access/index-projection", "access/mixed-entities",           "access/page-size",
    "index/unused", "index/not-sparse",        "index/all-projection-write-cost", "size/unbounded"};
}  // namespace

std::vector<std::string_view> listed_impact_rules() {
  std::vector<std::string_view> ids(kLoad.begin(), kLoad.end());
  ids.insert(ids.end(), kCost.begin(), kCost.end());
  return ids;
}

Impact impact_of(std::string_view rule) {
  if (rule.substr(0, 4) == "hot/" || rule.substr(0, 9) == "capacity/") return Impact::breaks_at_load;
  if (std::find(kLoad.begin(), kLoad.end(), rule) != kLoad.end()) return Impact::breaks_at_load;
  if (std::find(kCost.begin(), kCost.end(), rule) != kCost.end()) return Impact::cost;
  return Impact::hygiene;
}

std::vector<const Diagnostic*> rank_findings(const std::vector<Diagnostic>& findings) {
  std::vector<const Diagnostic*> ranked;
  ranked.reserve(findings.size());
  for (const auto& d : findings) ranked.push_back(&d);
  std::stable_sort(ranked.begin(), ranked.end(), [](const Diagnostic* a, const Diagnostic* b) {
    if (a->severity != b->severity) return a->severity > b->severity;
    return impact_of(a->rule) < impact_of(b->rule);
  });
  return ranked;
}

}  // namespace dynamodel
