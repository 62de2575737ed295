// access/page-size: a Query or Scan call may read more than 1 MB, so it must paginate.
#include <cmath>

#include "rules/rule.hpp"
#include "rules/size_common.hpp"

namespace dynamodel {
namespace {

/// The fix for one pattern that may read more than a page: the limit that keeps a page under
/// 1 MB at its largest item size, and the loop.
std::string page_fix(const PatternAnalysis& pa) {
  const AccessPattern& p = *pa.pattern;
  std::string fix = "In " + p.id + ", loop while LastEvaluatedKey is set";
  if (pa.items_known && pa.items_per_call >= 1 && pa.bytes_per_call > 0) {
    const double per_item = static_cast<double>(pa.bytes_per_call) / pa.items_per_call;
    const auto limit = static_cast<std::int64_t>(std::floor(static_cast<double>(limits::kPageBytes) / per_item));
    if (limit >= 1 && (!p.limit || *p.limit > limit))
      fix += ", or set limit: " + with_commas(limit) + " (1 MB / " +
             with_commas(static_cast<std::int64_t>(std::ceil(per_item))) + " bytes per item)";
  } else if (!p.limit) {
    fix += ", and state limit: (the items one call should return) so that its size is known";
  }
  return fix + ".";
}

}  // namespace

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
      // One finding per model: the same advice for every pattern would read as noise. With
      // several patterns it stands at the first, naming them, and each pattern is a note.
      struct Hit {
        Location at;
        std::string path, text, label, fix;
      };
      std::vector<Hit> hits;
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
        const bool read =
            p.operation == Operation::Scan || p.operation == Operation::Query || p.operation == Operation::Replay;
        const std::string label = (read ? std::string(to_string(p.operation)) + " " : std::string()) + p.id +
                                  (read ? " (" + p.name + ")" : std::string());
        hits.push_back({has_limit ? p.source.at("limit") : p.source.location,
                        has_limit ? p.source.path_of("limit") : p.source.path, label + " must paginate: " + why, label,
                        page_fix(pa)});
      }
      if (hits.empty()) return;
      const std::string advice = ". Loop while LastEvaluatedKey is set, or set a limit that keeps one page under 1 MB";
      if (hits.size() == 1) {
        f.report(hits[0].at, hits[0].path, hits[0].text + advice);
        f.fix(hits[0].fix);
        return;
      }
      std::string list;
      std::vector<Note> notes;
      for (std::size_t i = 0; i < hits.size(); ++i) {
        if (i < 5) list += (i ? ", " : "") + hits[i].label;
        notes.push_back({hits[i].at, hits[i].text});
      }
      if (hits.size() > 5) list += " and " + std::to_string(hits.size() - 5) + " more";
      f.report(hits[0].at, hits[0].path,
               std::to_string(hits.size()) + " patterns may read more than one page and must paginate (" + list +
                   "; the notes say why)" + advice + " (the generated accessors' *All functions do)",
               std::move(notes));
      std::string fixes;
      for (const auto& h : hits) fixes += (fixes.empty() ? "" : " ") + h.fix;
      f.fix(fixes);
    }};
}  // namespace dynamodel
