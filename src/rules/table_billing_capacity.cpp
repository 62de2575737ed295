// table/billing-capacity: capacity goes with PROVISIONED, and only with it.
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kTableBillingCapacity = {
    {"table/billing-capacity", Severity::error, "PROVISIONED without capacity, or capacity with PAY_PER_REQUEST",
     "A PROVISIONED table needs read and write capacity (cfn-lint E3639); PAY_PER_REQUEST rejects it (E3638).",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/capacity-mode.html",
     R"(table:
  billing_mode: PROVISIONED   # but no capacity)",
     R"(table:
  billing_mode: PROVISIONED
  capacity:
    read: 100    # RCU
    write: 50    # WCU
    autoscaling: {min_read: 5, max_read: 500, min_write: 5, max_write: 200})",
     "cfn-lint E3638, E3639"},
    [](const Model& m, const Analysis&, Findings& f) {
      const Table& t = m.table;
      if (t.billing_mode == BillingMode::PROVISIONED) {
        if (!t.capacity)
          f.report(t.source.at("billing_mode"), "table.billing_mode",
                   "billing_mode PROVISIONED needs table.capacity with read (RCU) and write (WCU)");
        return;
      }
      if (t.capacity)
        f.report(t.source.at("capacity"), "table.capacity",
                 "capacity is only for billing_mode PROVISIONED; PAY_PER_REQUEST tables have none");
      for (const auto& g : t.global_secondary_indexes)
        if (g.capacity)
          f.report(g.source.at("capacity"), g.source.path_of("capacity"),
                   "GSI '" + g.name + "' has capacity, but the table is PAY_PER_REQUEST");
    }};
}  // namespace dynamodel
