// access/filter-key-attribute: a Query's filter names a key attribute of the key space it queries.
#include "rules/rule.hpp"

namespace dynamodel {

extern const Rule kAccessFilterKeyAttribute = {
    {"access/filter-key-attribute", Severity::error,
     "a Query's filter names the partition or sort key of the table or index it queries",
     "DynamoDB refuses such a request (\"Filter Expression can only contain non-primary key attributes\"): "
     "the key of the queried key space belongs in the key condition, which also reads fewer items. Move "
     "the condition to `key` (a sort-key condition), or query another index.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.FilterExpression.html",
     "- name: openOrders\n  entity: Order\n  operation: Query\n  index: ByStatus\n"
     "  key: {status: \"{status}\"}\n  filter: \"createdAt >= {since}\"   # createdAt is ByStatus's sort key\n",
     "- name: openOrders\n  entity: Order\n  operation: Query\n  index: ByStatus\n"
     "  key: {status: \"{status}\", createdAt: {ge: \"{since}\"}}\n",
     ""},
    [](const Model&, const Analysis& a, Findings& f) {
      for (const ResolvedPattern& rp : a.resolved->patterns()) {
        const AccessPattern& p = *rp.pattern;
        if (p.operation != Operation::Query || !p.filter || !rp.key_space) continue;
        for (const ExprOperand* o : p.filter.attributes())
          for (const KeyAttribute* k : rp.key_space->keys())
            if (k->name == o->text)
              f.report(o->location, p.source.path_of("filter"),
                       p.id + "'s filter names " + o->text + ", the " +
                           (k == rp.key_space->partition_key ? "partition" : "sort") + " key of " +
                           rp.key_space->label() +
                           " that it queries: DynamoDB refuses the request (a filter can only contain non-key "
                           "attributes); put the condition in `key`",
                       {Note{k->source.location, o->text + " is declared here"}});
      }
    }};
}  // namespace dynamodel
