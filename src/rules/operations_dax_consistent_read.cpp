// operations/dax-consistent-read: a DAX cluster in front of the table while access patterns read
// strongly consistently: DAX passes those reads to DynamoDB and caches nothing of them, so they
// gain nothing from the cluster (and pay one more network hop).
#include "analysis/dax.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kOperationsDaxConsistentRead = {
    {"operations/dax-consistent-read", Severity::warning,
     "an access pattern reads strongly consistently through DAX: passed through, never cached",
     "DAX serves only eventually consistent reads from its caches. A GetItem, BatchGetItem, Query or Scan with "
     "ConsistentRead true is passed to DynamoDB, its result returned but not cached: it costs DynamoDB's read "
     "capacity as without DAX, plus a hop. Read eventually consistently where stale data (up to the item TTL) is "
     "acceptable, or call DynamoDB directly for the patterns that must be strongly consistent.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.consistency.html",
     R"(operations:
  dax: {node_type: dax.r5.large, subnets: [subnet-0a1b2c3d]}
access_patterns:
  - {id: AP1, name: getUser, entity: User, operation: GetItem, consistent_read: true, key: {...}})",
     R"(access_patterns:
  - {id: AP1, name: getUser, entity: User, operation: GetItem, key: {...}})",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      if (!m.operations.dax.enabled) return;
      for (const auto& d : dax_patterns(m)) {
        if (d.path != DaxPath::pass_through || !d.pattern->consistent_read) continue;
        const auto& p = *d.pattern;
        f.report(p.source.location, p.source.path,
                 "access pattern " + p.id + " (" + p.name + ") is " + d.why + "; it gains nothing from operations.dax");
        f.patterns({p.id});
      }
    }};
}  // namespace dynamodel
