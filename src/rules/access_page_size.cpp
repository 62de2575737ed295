// access/page-size: a Query or Scan call may read more than 1 MB, so it must paginate.
#include <cmath>

#include "rules/rule.hpp"
#include "rules/size_common.hpp"

namespace dynamodel {
extern const Rule kAccessPageSize = {
    {"access/page-size", Severity::info, "a call may read more than 1 MB, so it must paginate",
     "A Query or Scan reads at most 1 MB per call (before any filter) and returns LastEvaluatedKey when there is "
     "more; code that reads one page silently misses items. A pattern that may read more than 1 MB, or gives no "
     "limit or expected item count, must loop with ExclusiveStartKey. A Query of the table that sets the whole "
     "primary key with `=` reads one item at most and is not reported.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html",
     "- {id: AP1, name: listOrders, entity: Order, operation: Query, key: {PK: \"USER#{userId}\"}}\n",
     "- {id: AP1, name: listOrders, entity: Order, operation: Query, key: {PK: \"USER#{userId}\"}, limit: 20}\n", ""},
    [](const Model&, const Analysis& a, Findings& f) {
      for (const PatternAnalysis& pa : a.patterns) {
        if (!pa.may_paginate) continue;
        const AccessPattern& p = *pa.pattern;
        std::string why;
        if (!pa.items_known)
          why = "it gives neither limit nor returns, so the number of items it reads is unknown";
        else
          why = "it may read " + with_commas(static_cast<std::int64_t>(std::llround(pa.items_per_call))) +
                " items, up to " + with_commas(pa.bytes_per_call) +
                " bytes, over the 1 MB (1,048,576 bytes) a call reads";
        const bool has_limit = p.limit.has_value();
        f.report(has_limit ? p.source.at("limit") : p.source.location,
                 has_limit ? p.source.path_of("limit") : p.source.path,
                 p.operation == Operation::Scan || p.operation == Operation::Query || p.operation == Operation::Replay
                     ? std::string(to_string(p.operation)) + " " + p.id + " (" + p.name + ") must paginate: " + why +
                           ". Loop while LastEvaluatedKey is set, or set a limit that keeps one page under 1 MB"
                     : p.id + " must paginate: " + why);
      }
    }};
}  // namespace dynamodel
