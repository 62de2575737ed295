// Small text utilities shared by the loader, the rules and the CLI.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"

namespace dynamodel {

/// The byte offset of the first invalid UTF-8 sequence in `text` (overlong forms,
/// surrogates and code points above U+10FFFF are invalid), or nullopt when it is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

/// The code point that starts at byte `at` of `text`, which must be valid UTF-8 (the loader
/// checks every string with find_invalid_utf8); advances `at` past it.
char32_t next_code_point(std::string_view text, std::size_t& at);

/// Edit distance in bytes, counting a swap of two neighbours as one edit.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` when it is close enough to be a likely typo
/// (same name but for case, `_` and `-`, or at most a third of its letters edited).
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string_view>& candidates);

/// Groups the digits of a decimal integer string in threes: "-1234567" -> "-1,234,567".
std::string with_commas(std::string_view digits);
/// 1234567 -> "1,234,567".
std::string with_commas(std::int64_t value);

/// Parses a placeholder transform, the text after `|` in `{name|pad(10)}`: `pad(WIDTH)`
/// (WIDTH 1..1024 characters), `lower` or `upper`. Returns an error message, or nullopt.
std::optional<std::string> parse_key_transform(std::string_view text, KeyTransform& out);

/// Parses a key template (`USER#{userId}`, `{{` and `}}` literal braces, `{name|transform}`
/// placeholders: see parse_key_transform). Returns an error message, or nullopt on success.
std::optional<std::string> parse_key_template(std::string_view text, KeyTemplate& out);

}  // namespace dynamodel

namespace dynamodel {
/// True for a valid table or index name: 3..255 characters of [A-Za-z0-9_.-]
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html).
bool is_valid_table_or_index_name(std::string_view name);
}  // namespace dynamodel
