// index/key-schema: an index whose sort key is its own partition key attribute.
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kIndexKeySchema = {
    {"index/key-schema", Severity::error, "an index's sort key is the same attribute as its partition key",
     "A key schema names two different attributes: the partition key (HASH) and the sort key (RANGE). An LSI "
     "takes the table's partition key, so its sort key must be another attribute; the same holds for a GSI's "
     "two keys. CreateTable rejects the index (\"Both the Hash Key and the Range Key element in the KeySchema "
     "have the same name\").",
     "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_KeySchemaElement.html",
     "  partition_key: {name: PK, type: S}\n  local_secondary_indexes:\n    - {name: ByPK, sort_key: {name: PK, type: "
     "S}}\n",
     "  partition_key: {name: PK, type: S}\n  local_secondary_indexes:\n    - {name: ByDate, sort_key: {name: "
     "createdAt, type: S}}\n",
     "cfn-lint E3002"},
    [](const Model& m, const Analysis&, Findings& f) {
      const std::string& pk = m.table.partition_key.name;
      for (const auto& l : m.table.local_secondary_indexes)
        if (l.sort_key.name == pk)
          f.report(l.sort_key.source.location, l.source.path_of("sort_key"),
                   "LSI " + l.name + "'s sort key " + pk +
                       " is the table's partition key, which every LSI already has as its partition key: choose "
                       "another attribute for the sort key",
                   {Note{m.table.partition_key.source.location, "the table's partition key is defined here"}});
      for (const auto& g : m.table.global_secondary_indexes) {
        if (g.multi_attribute) {  // each attribute of a multi-attribute key once, in either key
          const auto keys = g.key_schema();
          for (std::size_t i = 1; i < keys.size(); ++i)
            for (std::size_t j = 0; j < i; ++j)
              if (keys[i]->name == keys[j]->name) {
                f.report(keys[i]->source.location, keys[i]->source.path,
                         "GSI " + g.name + " names " + keys[i]->name +
                             " twice in its key schema: each attribute of a multi-attribute key appears once",
                         {Note{keys[j]->source.location, "first named here"}});
                break;
              }
          continue;
        }
        if (g.sort_key && g.sort_key->name == g.partition_key.name)
          f.report(g.sort_key->source.location, g.source.path_of("sort_key"),
                   "GSI " + g.name + " uses " + g.partition_key.name +
                       " as both its partition key and its sort key: choose another attribute for the sort key, or "
                       "drop the sort key");
      }
    }};
}  // namespace dynamodel
