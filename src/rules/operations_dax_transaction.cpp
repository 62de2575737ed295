// operations/dax-transaction: a TransactGetItems pattern with a DAX cluster. DAX does support
// TransactGetItems and TransactWriteItems (since December 2018, in the DAX SDKs), but a
// transactional read is passed to DynamoDB and its result is not cached: the pattern is not
// accelerated. (TransactWriteItems is written through like the other writes; no finding.)
#include "analysis/dax.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kOperationsDaxTransaction = {
    {"operations/dax-transaction", Severity::info, "a TransactGetItems through DAX is passed through, never cached",
     "DAX accepts TransactWriteItems and TransactGetItems, so an application need not route them around the "
     "cluster, but a transactional read is sent to DynamoDB and its result is not cached (like a strongly "
     "consistent read): it costs the same read capacity as without DAX. Nothing to fix if the transaction is "
     "needed; do not count it among the reads DAX takes off the table.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.consistency.html",
     R"(operations:
  dax: {node_type: dax.r5.large, subnets: [subnet-0a1b2c3d]}
access_patterns:
  - {id: AP5, name: getOrderAndUser, operation: TransactGetItems, actions: [...]})",
     R"(access_patterns:
  - {id: AP5, name: getOrder, entity: Order, operation: GetItem, key: {...}})",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      if (!m.operations.dax.enabled) return;
      for (const auto& d : dax_patterns(m)) {
        if (d.pattern->operation != Operation::TransactGetItems) continue;
        const auto& p = *d.pattern;
        f.report(p.source.location, p.source.path, "access pattern " + p.id + " (" + p.name + ") is " + d.why);
        f.patterns({p.id});
      }
    }};
}  // namespace dynamodel
