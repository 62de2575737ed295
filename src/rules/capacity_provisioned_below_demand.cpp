// capacity/provisioned-below-demand: provisioned RCU/WCU (autoscaling's maximum when set) below
// what the access patterns need at their declared peak rates.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "rules/rule.hpp"

namespace dynamodel {
namespace {

std::string units(double v) {
  std::ostringstream s;
  s.precision(v < 10 ? 2 : 0);
  s << std::fixed << (v < 10 ? v : std::ceil(v));
  std::string r = s.str();
  if (r.find('.') != std::string::npos) {
    while (r.back() == '0') r.pop_back();
    if (r.back() == '.') r.pop_back();
  }
  return r;
}

/// "AP1 120, AP5 80" for the patterns of key space `index` (empty: the table) with most demand.
std::string top_patterns(const Analysis& a, const std::string& index, bool reads) {
  std::vector<std::pair<double, std::string>> v;
  for (const auto& p : a.patterns) {
    double d = 0;
    if (reads)
      d = p.index == index ? p.rcu_per_second : 0;
    else if (index.empty())
      d = p.wcu_per_second;
    else
      for (const auto& w : p.gsi_wcu)
        if (w.index == index) d += w.wcu_per_call * p.rate_per_second;
    if (d > 0) v.emplace_back(d, p.id);
  }
  std::stable_sort(v.begin(), v.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  std::string out;
  for (std::size_t i = 0; i < v.size() && i < 3; ++i)
    out += (out.empty() ? "" : ", ") + v[i].second + " " + units(v[i].first);
  return out;
}

void check(const Capacity& c, const KeySpaceDemand& d, const std::string& what, const std::string& index,
           const Analysis& a, Findings& f) {
  for (bool reads : {true, false}) {
    const double need = reads ? d.rcu_per_second : d.wcu_per_second;
    const std::int64_t have =
        c.autoscaling ? (reads ? c.autoscaling->max_read : c.autoscaling->max_write) : (reads ? c.read : c.write);
    if (need <= static_cast<double>(have)) continue;
    const std::string field = c.autoscaling ? (reads ? "max_read" : "max_write") : (reads ? "read" : "write");
    const Source& s = c.autoscaling ? c.autoscaling->source : c.source;
    const std::string unit = reads ? "RCU" : "WCU";
    const std::string top = top_patterns(a, index, reads);
    f.report(s.at(field), s.path_of(field),
             what + " is provisioned with " + (c.autoscaling ? "at most " : "") + std::to_string(have) + " " + unit +
                 " (" + field + ") but the access patterns need " + units(need) + " " + unit +
                 "/s at their peak rates" + (top.empty() ? std::string() : " (" + top + ")") +
                 "; requests beyond it are throttled" +
                 (index.empty() || reads ? "" : ", and GSI write throttling throttles the table's writes too") +
                 ". Raise " + field + " to at least " + units(std::ceil(need)) + ", or switch to PAY_PER_REQUEST");
  }
}

}  // namespace

extern const Rule kCapacityProvisionedBelowDemand = {
    {"capacity/provisioned-below-demand", Severity::warning, "provisioned RCU/WCU below what the access patterns need",
     "A PROVISIONED table or GSI serves at most its provisioned capacity (with autoscaling: its maximum); "
     "beyond that requests are throttled with ProvisionedThroughputExceededException. The demand is the sum of "
     "each access pattern's RCU/WCU per call times its rate_per_second, GSI writes included.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/provisioned-capacity-mode.html",
     "billing_mode: PROVISIONED\ncapacity: {read: 5, write: 5}\n# AP1: GetItem of a 6 KB item, 100/s strongly "
     "consistent: 200 RCU/s\n",
     "billing_mode: PROVISIONED\ncapacity:\n  read: 50\n  write: 5\n  autoscaling: {min_read: 50, max_read: 400, "
     "min_write: 5, max_write: 50}\n",
     ""},
    [](const Model& m, const Analysis& a, Findings& f) {
      const Table& t = m.table;
      if (t.billing_mode != BillingMode::PROVISIONED || a.demand.empty()) return;
      if (t.capacity) check(*t.capacity, a.demand[0], "table " + t.name, "", a, f);
      for (const auto& g : t.global_secondary_indexes) {
        const std::optional<Capacity>& c = g.capacity ? g.capacity : t.capacity;  // the table's when none
        if (!c) continue;
        for (const auto& d : a.demand)
          if (d.name == g.name && g.capacity)
            check(*c, d, "GSI " + g.name, g.name, a, f);
          else if (d.name == g.name)
            check(*c, d, "GSI " + g.name + " (with the table's capacity)", g.name, a, f);
      }
    }};
}  // namespace dynamodel
