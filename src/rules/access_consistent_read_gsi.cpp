// access/consistent-read-gsi: GSIs serve only eventually consistent reads.
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kAccessConsistentReadGsi = {
    {"access/consistent-read-gsi", Severity::error, "consistent_read on a GSI",
     "A GSI is updated asynchronously and supports only eventually consistent reads; a Query or Scan "
     "with ConsistentRead=true on a GSI fails with a ValidationException.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.Reading",
     "- name: listOrdersByStatus\n  operation: Query\n  index: GSI1\n  consistent_read: true\n",
     "- name: listOrdersByStatus\n  operation: Query\n  index: GSI1\n  consistent_read: false\n", ""},
    [](const Model&, const Analysis& a, Findings& f) {
      for (const ResolvedPattern& rp : a.resolved->patterns()) {
        const AccessPattern& p = *rp.pattern;
        if (!p.consistent_read || !rp.key_space || rp.key_space->kind != IndexKind::gsi) continue;
        const GlobalSecondaryIndex& g = *rp.key_space->gsi;
        f.report(p.source.at("consistent_read"), p.source.path_of("consistent_read"),
                 p.id + " asks for a strongly consistent read on GSI '" + g.name +
                     "', which only serves eventually consistent reads (DynamoDB rejects the request); "
                     "drop consistent_read, or read the table (or an LSI) when the read must see the latest "
                     "write",
                 {Note{g.source.location, "GSI '" + g.name + "' is defined here"}});
      }
    }};
}  // namespace dynamodel
