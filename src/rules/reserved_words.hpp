// DynamoDB's reserved words: a bare attribute name in an expression must not be one of them.
// Source: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ReservedWords.html
// The list lives in data/reserved-words.txt; reserved_words.cpp is generated from it by
// data/gen_reserved_words.py (tests/unit/reserved_words_test.cpp checks that they agree).
#pragma once

#include <string_view>
#include <vector>

namespace dynamodel {

/// The reserved words, upper-case ASCII, sorted.
const std::vector<std::string_view>& reserved_words();

/// True when `name` is a reserved word, compared case-insensitively (`status`, `Name`).
bool is_reserved_word(std::string_view name);

}  // namespace dynamodel
