// table/on-demand-throughput: a maximum on-demand throughput needs PAY_PER_REQUEST billing.
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kTableOnDemandThroughput = {
    {"table/on-demand-throughput", Severity::error,
     "`on_demand_throughput` (maximum request units per second) on a PROVISIONED table or its GSI",
     "A maximum throughput caps the request units per second an on-demand table or GSI may consume; it is a "
     "setting of on-demand (PAY_PER_REQUEST) capacity only, and DynamoDB refuses it on a PROVISIONED table, whose "
     "capacity is its own limit.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode-max-throughput.html",
     "table:\n  billing_mode: PROVISIONED\n  capacity: {read: 5, write: 5}\n"
     "  on_demand_throughput: {max_read: 4000, max_write: 1000}\n",
     "table:\n  billing_mode: PAY_PER_REQUEST\n  on_demand_throughput: {max_read: 4000, max_write: 1000}\n", ""},
    [](const Model& m, const Analysis&, Findings& f) {
      const Table& t = m.table;
      if (t.billing_mode == BillingMode::PAY_PER_REQUEST) return;
      const Note billing{t.source.at("billing_mode"), "billing_mode PROVISIONED is set here"};
      if (t.on_demand_throughput)
        f.report(t.on_demand_throughput->source.location, "table.on_demand_throughput",
                 "on_demand_throughput is a maximum of on-demand (PAY_PER_REQUEST) capacity; this table is "
                 "PROVISIONED",
                 {billing});
      for (const auto& g : t.global_secondary_indexes)
        if (g.on_demand_throughput)
          f.report(g.on_demand_throughput->source.location, g.source.path_of("on_demand_throughput"),
                   "GSI '" + g.name +
                       "': on_demand_throughput is a maximum of on-demand (PAY_PER_REQUEST) capacity; this table is "
                       "PROVISIONED",
                   {billing});
    }};
}  // namespace dynamodel
