// capacity/provisioned-below-demand: provisioned RCU/WCU (autoscaling's maximum when set) below
// what the access patterns need at their declared peak rates.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "rules/demand.hpp"
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

/// "AP1 120, AP5 80": the patterns of `driving` with their demand.
std::string top_patterns(const std::vector<PatternDemand>& driving) {
  std::string out;
  for (const auto& d : driving) out += (out.empty() ? "" : ", ") + d.pattern->id + " " + units(d.units_per_second);
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
    const auto driving = driving_patterns(a, index, reads);
    const std::string top = top_patterns(driving);
    f.report(s.at(field), s.path_of(field),
             what + " is provisioned with " + (c.autoscaling ? "at most " : "") + std::to_string(have) + " " + unit +
                 " (" + field + ") but the access patterns need " + units(need) + " " + unit +
                 "/s at their peak rates" + (top.empty() ? std::string() : " (" + top + ")") +
                 "; requests beyond it are throttled" +
                 (index.empty() || reads ? "" : ", and GSI write throttling throttles the table's writes too") +
                 ". Raise " + field + " to at least " + units(std::ceil(need)) + ", or switch to PAY_PER_REQUEST");
    f.patterns(pattern_ids(driving));
    const std::string at_least = units(std::ceil(need));
    std::string fix = "Set " + s.path_of(field) + ": " + at_least + " (" + what + ")";
    if (c.autoscaling) fix += ", and keep " + std::string(reads ? "min_read" : "min_write") + " at or below it";
    fix += "; or set table.billing_mode: PAY_PER_REQUEST and drop the capacity block.";
    if (reads && any_strongly_consistent(driving))
      fix += " Reading eventually consistently (consistent_read: false) where the pattern allows halves the RCU of " +
             top + ".";
    f.fix(fix);
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
