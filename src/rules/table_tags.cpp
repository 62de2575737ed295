// table/tags: at most 50 tags; keys 1..128 and values 0..256 Unicode characters of the allowed
// set; `aws:` is reserved.
#include <locale.h>
#include <wctype.h>

#include <cctype>

#include "model/text.hpp"
#include "rules/rule.hpp"
#include "rules/rule_text.hpp"

#include <cstdio>
#include <optional>

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

/// The first character DynamoDB does not allow in a tag key or value, or nullopt. Allowed:
/// Unicode letters and numbers, whitespace separators and `+ - = . _ : /` (TaggingRestrictions.html).
/// Letters and numbers outside ASCII are classified by the C library's C.UTF-8 locale.
std::optional<std::string> disallowed_character(std::string_view text) {
  static const locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t code = next_code_point(text, i);
    const bool allowed =
        code < 0x80
            ? std::isalnum(static_cast<int>(code)) ||
                  std::string_view(" +-=._:/").find(static_cast<char>(code)) != std::string_view::npos
            : !utf8 || iswalnum_l(static_cast<wint_t>(code), utf8) || iswspace_l(static_cast<wint_t>(code), utf8);
    if (!allowed) return std::string(text.substr(start, i - start));
  }
  return std::nullopt;
}

/// How a character is shown in a message: printable as itself, otherwise as U+XXXX.
std::string show_character(const std::string& c) {
  if (c.size() == 1 && !std::isprint(static_cast<unsigned char>(c[0]))) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(static_cast<unsigned char>(c[0])));
    return buf;
  }
  return "'" + c + "'";
}

}  // namespace

extern const Rule kTableTags = {
    {"table/tags", Severity::error, "more than 50 tags, a tag key/value too long, or a character tags cannot hold",
     "DynamoDB refuses the table's tags (and CloudFormation the stack) when there are more than 50, when "
     "a key passes 128 or a value 256 Unicode characters, when a key or value holds a character other than "
     "letters, numbers, spaces and + - = . _ : /, or when a key starts with the reserved 'aws:' prefix.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TaggingRestrictions.html",
     "table:\n  tags:\n    aws:createdBy: me          # the aws: prefix is reserved\n",
     "table:\n  tags:\n    CreatedBy: me\n", ""},
    [](const Model& m, const Analysis&, Findings& f) {
      const auto& tags = m.table.tags;
      const std::string path = "table.tags";
      if (tags.size() > kMaxTags)
        f.report(tags[kMaxTags].location, path,
                 "the table has " + std::to_string(tags.size()) +
                     " tags; DynamoDB allows at most 50 per table "
                     "(this is the 51st); remove " +
                     std::to_string(tags.size() - kMaxTags) + " or combine related tags into one");
      for (const auto& t : tags) {
        const std::string where = path + "." + t.key;
        if (t.key.empty()) f.report(t.location, path, "a tag key is empty; tag keys are 1 to 128 characters");
        const std::size_t key_chars = utf8_length(t.key);
        if (key_chars > kMaxKeyChars)
          f.report(t.location, where,
                   "tag key " + quote_name(t.key) + " is " + std::to_string(key_chars) +
                       " characters long; DynamoDB allows 128: shorten it");
        if (has_aws_prefix(t.key))
          f.report(t.location, where,
                   "tag key " + quote_name(t.key) +
                       " starts with 'aws:', a prefix reserved for tags that AWS "
                       "assigns; choose another key (e.g. without the 'aws:' prefix)");
        for (const auto& [what, text] : {std::pair{"key", &t.key}, std::pair{"value", &t.value}})
          if (auto bad = disallowed_character(*text))
            f.report(t.location, where,
                     std::string("the ") + what + " of tag " + quote_name(t.key) + " holds " + show_character(*bad) +
                         "; DynamoDB tag keys and values allow only letters, numbers, spaces and + - = . _ : /"
                         " (replace or drop the character)");
        const std::size_t value_chars = utf8_length(t.value);
        if (value_chars > kMaxValueChars)
          f.report(t.location, where,
                   "the value of tag " + quote_name(t.key) + " is " + std::to_string(value_chars) +
                       " characters long; DynamoDB allows 256: shorten it");
      }
    }};
}  // namespace dynamodel
