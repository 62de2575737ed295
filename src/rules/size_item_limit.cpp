// size/item-limit: the largest possible item, its LSI entries included, passes 400 KB.
#include "rules/rule.hpp"
#include "rules/size_common.hpp"

namespace dynamodel {
extern const Rule kSizeItemLimit = {
    {"size/item-limit", Severity::error,
     "the largest possible item passes 400 KB (409,600 bytes), LSI projections included",
     "DynamoDB rejects any write of an item over 400 KB (attribute names count, and on a table with local "
     "secondary indexes so do the item's LSI entries). A design that lets an item grow past it fails at run time, "
     "on the largest customer first.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html#limits-items",
     "entities:\n  Document:\n    attributes:\n      docId: {type: S, required: true, max_length: 26}\n"
     "      body: {type: S, max_length: 200000}   # 4 bytes per character at most: 800,000 bytes\n",
     "entities:\n  Document:\n    attributes:\n      docId: {type: S, required: true, max_length: 26}\n"
     "      bodyS3Key: {type: S, max_length: 200}  # the body lives in S3\n",
     ""},
    [](const Model& m, const Analysis& a, Findings& f) {
      for (const auto& e : m.entities) {
        const EntityAnalysis* ea = a.entity(e.name);
        if (!ea || ea->max_item_with_lsi_bytes <= limits::kItemBytes) continue;
        f.report(e.source.location, e.source.path,
                 "the largest possible " + e.name + " item is " + size_breakdown(*ea) +
                     ", over DynamoDB's 400 KB item limit (409,600 bytes): writes of such items fail. " +
                     "Move large values to S3 and store the object key, compress them, split the item, "
                     "or tighten the size hints (max_length counts 4 bytes per character; max_bytes wins)",
                 largest_attributes(e, *ea));
      }
    }};
}  // namespace dynamodel
