// C++ spelling helpers of the cpp target: string literals, comments and identifiers.
#pragma once

#include <set>
#include <string>

namespace dynamodel::cpp {

/// A C++ string literal (with its quotes) whose value is exactly `text`: `\\`, `\"`, `\n`,
/// `\t`, `\r`, octal `\ooo` for other control characters and DEL (octal stops after three
/// digits, unlike `\x`), and `?` after `?` as `\?` (no trigraph can form). UTF-8 bytes stay
/// as they are. Example: `a"b` -> `"a\"b"`.
std::string literal(const std::string& text);

/// Model text made safe for the inside of a `//` comment line: control characters become
/// spaces, `\` becomes `/` (no line splice), `??` becomes `? ?`.
std::string comment(const std::string& text);

/// True for C++20 keywords and alternative tokens (`and`, `or`, ...).
bool is_keyword(const std::string& word);

/// The deterministic C++ spelling of a model name: every character outside [A-Za-z0-9_]
/// becomes `_` (runs collapse to one `_`); a name that starts with a digit or `_` or is empty
/// gets the prefix `x`; a keyword gets a trailing `_`. Example: `pk: odd #1` -> `pk_odd_1`,
/// `delete` -> `delete_`.
std::string identifier(const std::string& name);

/// Identifiers of one C++ scope: `take(name)` returns identifier(name), with `_2`, `_3`, ...
/// appended when that spelling is already taken in the scope.
class Scope {
 public:
  explicit Scope(std::set<std::string> reserved = {}) : used_(std::move(reserved)) {}
  std::string take(const std::string& name);

 private:
  std::set<std::string> used_;
};

}  // namespace dynamodel::cpp
