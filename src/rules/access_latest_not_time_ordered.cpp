// access/latest-not-time-ordered: a "newest N" Query whose sort key does not sort by time.
#include <algorithm>
#include <array>
#include <cctype>

#include "rules/rule.hpp"

namespace dynamodel {
namespace {

/// Whether a number placeholder of a string key sorts as text, not by value: DynamoDB compares S
/// keys byte by byte, so "VERSION#10" sorts before "VERSION#9". Epoch seconds have 10 digits
/// (2001 to 2286), so their text order is their numeric order.
bool number_sorted_as_text(const Attribute& a, const KeyAttribute& key) {
  return a.type == AttributeType::N && key.type == AttributeType::S &&
         !(a.format && *a.format == AttributeFormat::epoch_seconds);
}

/// Whether values of `a` sort in time order: a date, a date-time, epoch seconds, a ULID (its
/// first 48 bits are the time), a number (a counter or a timestamp), or a name that says so
/// (`createdAt`, `timestamp`, `seq`, `version`).
bool time_ordered(const Attribute& a) {
  if (a.format && (*a.format == AttributeFormat::date || *a.format == AttributeFormat::date_time ||
                   *a.format == AttributeFormat::epoch_seconds || *a.format == AttributeFormat::ulid))
    return true;
  if (a.type == AttributeType::N) return true;
  std::string lower;
  for (const char c : a.name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static constexpr std::array<std::string_view, 9> kWords = {"time",    "date", "created", "updated", "seq",
                                                             "version", "ts",   "day",     "month"};
  if (std::any_of(kWords.begin(), kWords.end(), [&](std::string_view w) { return lower.find(w) != std::string::npos; }))
    return true;
  return a.name.size() > 2 && a.name.compare(a.name.size() - 2, 2, "At") == 0;  // createdAt, shippedAt
}

}  // namespace

extern const Rule kAccessLatestNotTimeOrdered = {
    {"access/latest-not-time-ordered", Severity::warning,
     "a newest-first Query with a limit reads a sort key that does not sort by time, so it returns arbitrary items",
     "A Query returns items in sort-key order (byte order for S, numeric for N); `scan_index_forward: false` "
     "with a limit returns the last N in that order. When the sort key's first varying part is a random id "
     "(a UUID), an email or a category, the last N are not the newest: the page is arbitrary, and it changes "
     "as items are added. A number inside a string key (`VERSION#{version}`) sorts as text, 10 before 9, so "
     "the last N are not the highest numbers either. Put a time-ordered value first (an ISO 8601 date-time, "
     "epoch seconds, a ULID), or give the number a fixed width.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-sort-keys.html",
     "SK: \"ORDER#{orderId}\"     # orderId: uuid\n- {name: latestOrders, operation: Query, key: {PK: "
     "\"USER#{userId}\", "
     "SK: {begins_with: \"ORDER#\"}}, scan_index_forward: false, limit: 10}\n",
     "SK: \"ORDER#{createdAt}#{orderId}\"   # createdAt: date-time\n", ""},
    [](const Model&, const Analysis& a, Findings& f) {
      for (const ResolvedPattern& rp : a.resolved->patterns()) {
        const AccessPattern& p = *rp.pattern;
        if (p.operation != Operation::Query || p.scan_index_forward || (!p.limit && !p.returns)) continue;
        if (!rp.key_space || !rp.key_space->sort_key) continue;
        const std::string& sort_key = rp.key_space->sort_key->name;
        // A sort condition of `=` selects one sort-key value: nothing to order.
        if (std::any_of(p.key.begin(), p.key.end(),
                        [&](const KeyCondition& c) { return c.attribute == sort_key && c.op == KeyCondition::Op::eq; }))
          continue;
        for (const Entity* e : rp.entities) {
          if (!e) continue;
          const EntityKey* k = e->key(sort_key);
          if (!k) continue;
          const auto first = std::find_if(k->key_template.parts.begin(), k->key_template.parts.end(),
                                          [](const auto& part) { return part.placeholder; });
          if (first == k->key_template.parts.end()) continue;  // a constant: one item per partition
          const Attribute* attr = e->attribute(first->text);
          if (!attr) continue;
          if (number_sorted_as_text(*attr, *rp.key_space->sort_key)) {
            f.report(p.source.at("scan_index_forward"), p.source.path_of("scan_index_forward"),
                     p.id + " " + p.name + " reads the first " + std::to_string(p.limit ? *p.limit : *p.returns) + " " +
                         e->name + " items in descending " + sort_key + " order, but " + sort_key + " `" +
                         k->key_template.text + "` is a string and {" + first->text +
                         "} a number in it: DynamoDB compares strings byte by byte, so 10 sorts before 9 and those "
                         "are not the highest {" +
                         first->text +
                         "} values. Give the number a fixed width (zero-padded), or put a date-time "
                         "or a ULID before it");
            continue;
          }
          if (time_ordered(*attr)) continue;
          const std::string kind = attr->format                 ? std::string(to_string(*attr->format))
                                   : !attr->enum_values.empty() ? "enum"
                                                                : std::string(to_string(attr->type));
          std::string prefix;  // the literal text before that placeholder
          for (auto it = k->key_template.parts.begin(); it != first; ++it) prefix += it->text;
          f.report(p.source.at("scan_index_forward"), p.source.path_of("scan_index_forward"),
                   p.id + " " + p.name + " reads the first " + std::to_string(p.limit ? *p.limit : *p.returns) + " " +
                       e->name + " items in descending " + sort_key + " order, but " + sort_key + " `" +
                       k->key_template.text + "` sorts by {" + first->text + "} (" + kind +
                       "), not by time: those are arbitrary items, not the newest. Put a date-time, epoch seconds "
                       "or a ULID before it (`" +
                       prefix + "{createdAt}#{" + first->text + "}...`)");
        }
      }
    }};

}  // namespace dynamodel
