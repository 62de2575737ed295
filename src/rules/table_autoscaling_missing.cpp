// table/autoscaling-missing: PROVISIONED capacity (table or GSI) should scale with the load.
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kTableAutoscalingMissing = {
    {"table/autoscaling-missing", Severity::warning, "PROVISIONED without autoscaling (checkov CKV2_AWS_16)",
     "Fixed provisioned capacity throttles requests as soon as traffic passes it, and is paid for when "
     "idle; target-tracking autoscaling follows the load between a minimum and a maximum.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/AutoScaling.html",
     "table:\n  billing_mode: PROVISIONED\n  capacity: {read: 100, write: 50}\n",
     "table:\n  billing_mode: PROVISIONED\n  capacity:\n    read: 100\n    write: 50\n"
     "    autoscaling: {min_read: 5, max_read: 500, min_write: 5, max_write: 200, target_utilization: 70}\n",
     "checkov CKV2_AWS_16"},
    [](const Model& m, const Analysis&, Findings& f) {
      const Table& t = m.table;
      if (t.billing_mode != BillingMode::PROVISIONED) return;
      if (t.capacity && !t.capacity->autoscaling) {
        std::string inherit;
        for (const auto& g : t.global_secondary_indexes)
          if (!g.capacity) inherit += (inherit.empty() ? "" : ", ") + g.name;
        f.report(t.source.at("capacity"), "table.capacity",
                 "the table's provisioned capacity (" + std::to_string(t.capacity->read) + " RCU, " +
                     std::to_string(t.capacity->write) + " WCU) has no autoscaling" +
                     (inherit.empty() ? "" : " (nor the GSIs that use it: " + inherit + ")") +
                     ": traffic above it is throttled; add capacity.autoscaling {min_read, max_read, min_write, "
                     "max_write, target_utilization}, or use billing_mode PAY_PER_REQUEST");
      }
      for (const auto& g : t.global_secondary_indexes)
        if (g.capacity && !g.capacity->autoscaling)
          f.report(g.source.at("capacity"), g.source.path_of("capacity"),
                   "GSI '" + g.name + "' has provisioned capacity (" + std::to_string(g.capacity->read) + " RCU, " +
                       std::to_string(g.capacity->write) +
                       " WCU) without autoscaling: a GSI that cannot keep up with the table's writes throttles "
                       "those writes too; add capacity.autoscaling to the GSI");
    }};
}  // namespace dynamodel
