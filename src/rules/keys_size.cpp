// keys/size: the longest value a key template can produce passes DynamoDB's key size limits.
#include "rules/rule.hpp"
#include "rules/size_common.hpp"

namespace dynamodel {
extern const Rule kKeysSize = {
    {"keys/size", Severity::error, "the longest possible partition key passes 2048 bytes or sort key 1024 bytes",
     "DynamoDB rejects a write whose partition key value is over 2048 bytes or sort key value over 1024 bytes "
     "(table and index keys alike; an index key too long makes the write fail once the index exists). The "
     "longest value of a template is its literal text plus each placeholder's largest size.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html#limits-partition-sort-keys",
     "attributes:\n  title: {type: S, max_length: 500}   # up to 2,000 bytes in UTF-8\nkeys:\n"
     "  SK: \"TITLE#{title}\"\n",
     "attributes:\n  titleHash: {type: S, max_length: 64}   # SHA-256 of the title, hex\nkeys:\n"
     "  SK: \"TITLE#{titleHash}\"\n",
     ""},
    [](const Model& m, const Analysis& a, Findings& f) {
      for (const auto& e : m.entities) {
        const EntityAnalysis* ea = a.entity(e.name);
        if (!ea) continue;
        for (const auto& k : ea->keys) {
          // An unbounded placeholder is size/unbounded's finding: its default size proves nothing here.
          if (!k.bounded || k.limit_bytes == 0 || k.max_bytes <= k.limit_bytes) continue;
          const bool partition = k.limit_bytes == limits::kPartitionKeyBytes;
          std::vector<Note> notes;
          const EntityKey* ek = e.key(k.attribute);
          if (ek)
            for (const auto& ph : ek->key_template.placeholders())
              if (const Attribute* at = e.attribute(ph))
                notes.push_back({at->source.location, "'" + ph + "' is declared here"});
          f.report(k.location, e.source.path_of("keys") + "." + k.attribute,
                   "the longest " + k.attribute + " value of " + e.name + " (\"" + k.key_template + "\") is " +
                       with_commas(k.max_bytes) + " bytes, over DynamoDB's " + with_commas(k.limit_bytes) + "-byte " +
                       (partition ? "partition" : "sort") +
                       " key limit: writes of such items fail. Lower the "
                       "placeholders' max_length (4 bytes per character unless ASCII by format or enum) or max_bytes, "
                       "or key on a fixed-size hash of the value",
                   notes);
        }
      }
    }};
}  // namespace dynamodel
