// table/tags: at most 50 tags; keys 1..128 and values 0..256 Unicode characters; `aws:` is reserved.
#include <cctype>

#include "rules/rule.hpp"
#include "rules/rule_text.hpp"

namespace dynamodel {
namespace {

// TaggingRestrictions.html and the API's Tag shape (Key 1..128, Value 0..256).
constexpr std::size_t kMaxTags = 50;
constexpr std::size_t kMaxKeyChars = 128;
constexpr std::size_t kMaxValueChars = 256;

bool has_aws_prefix(std::string_view key) {
  if (key.size() < 4) return false;
  return std::tolower(static_cast<unsigned char>(key[0])) == 'a' &&
         std::tolower(static_cast<unsigned char>(key[1])) == 'w' &&
         std::tolower(static_cast<unsigned char>(key[2])) == 's' && key[3] == ':';
}

}  // namespace

extern const Rule kTableTags = {
    {"table/tags", Severity::error, "more than 50 tags, or a tag key/value too long",
     "DynamoDB refuses the table's tags (and CloudFormation the stack) when there are more than 50, when "
     "a key passes 128 or a value 256 Unicode characters, or when a key starts with the reserved 'aws:' "
     "prefix.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TaggingRestrictions.html",
     "table:\n  tags:\n    aws:createdBy: me          # the aws: prefix is reserved\n",
     "table:\n  tags:\n    CreatedBy: me\n",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      const auto& tags = m.table.tags;
      const std::string path = "table.tags";
      if (tags.size() > kMaxTags)
        f.report(tags[kMaxTags].location, path,
                 "the table has " + std::to_string(tags.size()) + " tags; DynamoDB allows at most 50 per table "
                 "(this is the 51st); remove " + std::to_string(tags.size() - kMaxTags) +
                 " or combine related tags into one");
      for (const auto& t : tags) {
        const std::string where = path + "." + t.key;
        if (t.key.empty())
          f.report(t.location, path, "a tag key is empty; tag keys are 1 to 128 characters");
        const std::size_t key_chars = utf8_length(t.key);
        if (key_chars > kMaxKeyChars)
          f.report(t.location, where,
                   "tag key " + quote_name(t.key) + " is " + std::to_string(key_chars) +
                       " characters long; DynamoDB allows 128: shorten it");
        if (has_aws_prefix(t.key))
          f.report(t.location, where,
                   "tag key " + quote_name(t.key) + " starts with 'aws:', a prefix reserved for tags that AWS "
                   "assigns; choose another key (e.g. without the 'aws:' prefix)");
        const std::size_t value_chars = utf8_length(t.value);
        if (value_chars > kMaxValueChars)
          f.report(t.location, where,
                   "the value of tag " + quote_name(t.key) + " is " + std::to_string(value_chars) +
                       " characters long; DynamoDB allows 256: shorten it");
      }
    }};
}  // namespace dynamodel
