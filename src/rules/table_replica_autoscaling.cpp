// table/replica-autoscaling: a PROVISIONED global table sets write capacity only by autoscaling.
#include "gen/deployed.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kTableReplicaAutoscaling = {
    {"table/replica-autoscaling", Severity::error,
     "replicas on a PROVISIONED table whose (or whose GSI's) write capacity is not autoscaled",
     "A PROVISIONED global table must autoscale its write capacity, for the table and every GSI: DynamoDB "
     "adds replicas only then, and AWS::DynamoDB::GlobalTable (CloudFormation, the CDK's TableV2) sets write "
     "capacity only through WriteCapacityAutoScalingSettings. A GSI without capacity of its own inherits the "
     "table's. No target can deploy it; add capacity.autoscaling, or use PAY_PER_REQUEST.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_reqs_bestpractices.html",
     "table:\n  replicas: [eu-west-1]\n  billing_mode: PROVISIONED\n  capacity: {read: 5, write: 5}\n",
     "table:\n  replicas: [eu-west-1]\n  billing_mode: PROVISIONED\n"
     "  capacity:\n    read: 5\n    write: 5\n"
     "    autoscaling: {min_read: 5, max_read: 50, min_write: 5, max_write: 50, target_utilization: 70}\n",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      const Table& t = m.table;
      if (t.replicas.empty()) return;
      for (const auto& r : unscaled_writes(t))
        f.report(r.where, r.path,
                 r.what +
                     " of a PROVISIONED global table has no capacity.autoscaling: global tables set write "
                     "capacity only through autoscaling; add capacity.autoscaling or use PAY_PER_REQUEST",
                 {Note{t.source.at("replicas"), "replicas are declared here"}});
    }};
}  // namespace dynamodel
