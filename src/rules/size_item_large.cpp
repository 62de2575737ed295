// size/item-large: the largest possible item passes 100 KB: consider S3 for the large values.
#include "rules/rule.hpp"
#include "rules/size_common.hpp"

namespace dynamodel {
extern const Rule kSizeItemLarge = {
    {"size/item-large", Severity::warning,
     "the largest possible item passes a threshold (default 100 KB): consider S3 for the blob",
     "Every read of an item costs 1 RCU per 4 KB and every write 1 WCU per 1 KB of the whole item, however "
     "little of it changes. Items of 100 KB and more make each call expensive and slow; AWS recommends keeping "
     "large values in Amazon S3 and storing the object key in the item.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-use-s3-too.html",
     "entities:\n  Listing:\n    attributes:\n      listingId: {type: S, required: true, max_length: 26}\n"
     "      photo: {type: B, max_bytes: 200000}\n",
     "entities:\n  Listing:\n    attributes:\n      listingId: {type: S, required: true, max_length: 26}\n"
     "      photoS3Key: {type: S, max_length: 200}\n",
     ""},
    [](const Model& m, const Analysis& a, Findings& f) {
      for (const auto& e : m.entities) {
        const EntityAnalysis* ea = a.entity(e.name);
        if (!ea || ea->max_item_with_lsi_bytes <= limits::kLargeItemBytes ||
            ea->max_item_with_lsi_bytes > limits::kItemBytes)  // size/item-limit reports those
          continue;
        const std::int64_t per_read = ea->max_item_bytes / limits::kReadUnitBytes + 1;
        std::string message = "the largest possible ";
        message += e.name;
        message += " item is ";
        message += size_breakdown(*ea);
        message += ", over 100 KB (102,400 bytes): each strongly consistent read of it costs up to ";
        message += with_commas(per_read);
        message += " RCU and each write ";
        message += with_commas(static_cast<std::int64_t>(ea->wcu_per_write));
        message += " WCU. Consider keeping the large values in S3 (store the object key) or splitting the item";
        f.report(e.source.location, e.source.path, std::move(message), largest_attributes(e, *ea));
      }
    }};
}  // namespace dynamodel
