// access/scan: a Scan reads the whole table or index.
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kAccessScan = {
    {"access/scan", Severity::warning, "a Scan",
     "A Scan reads every item of the table or index and consumes read capacity for all of them, however "
     "few it returns; its cost and latency grow with the table. Serve the access with a Query on a key, "
     "or keep Scan for rare jobs (exports, migrations) and disable the rule for them.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-query-scan.html",
     "- name: findUserByEmail\n  entity: User\n  operation: Scan\n",
     "- name: findUserByEmail\n  entity: User\n  operation: Query\n  index: GSI1\n"
     "  key: {GSI1PK: \"EMAIL#{email}\"}\n",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      for (const auto& p : m.access_patterns)
        if (p.operation == Operation::Scan)
          f.report(p.source.at("operation"), p.source.path_of("operation"),
                   p.id + " is a Scan: it reads (and pays RCU for) every item of " +
                       (p.index ? "index " + *p.index : std::string("the table")) +
                       ", 1 MB per page; give the entity a key (or a GSI) that a Query can use, or, for a rare "
                       "job such as an export, add access/scan to lint.disable");
    }};
}  // namespace dynamodel
