// The one place that spells model names in generated languages: C++ identifiers, the C++
// namespace of a model and its entity structs, C++ string literals and comments (namespace
// dynamodel::cpp), and POSIX shell words (namespace dynamodel::shell). The cpp target
// (gen/cpp.cpp), the AWS CLI target (gen/cli_scripts.cpp) and `dynamodel diff` (diff/) all
// call these, so a name printed by the diff is the name in the generated code.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace dynamodel {

struct Model;

namespace cpp {

/// A C++ string literal (with its quotes) whose value is exactly `text`: `\\`, `\"`, `\n`,
/// `\t`, `\r`, octal `\ooo` for other control characters and DEL (octal stops after three
/// digits, unlike `\x`), and `?` after `?` as `\?` (no trigraph can form). UTF-8 bytes stay
/// as they are. Example: `a"b` -> `"a\"b"`.
std::string literal(const std::string& text);

/// Model text made safe for the inside of a `//` comment line: control characters become
/// spaces, `\` becomes `/` (no line splice), `??` becomes `? ?`.
std::string comment(const std::string& text);

/// True for C++20 keywords and alternative tokens (`and`, `or`, ...), `final`, `override`,
/// `import`, `module`, and the namespaces the generated code uses (`std`, `nlohmann`,
/// `dynamodel`).
bool is_keyword(const std::string& word);

/// The deterministic C++ spelling of a model name (README, "C++ accessors"): every run of
/// characters outside [A-Za-z0-9_] becomes one `_` (and `__`, reserved, becomes `_`); a name
/// that starts with a digit or `_` or is empty gets the prefix `x`; a keyword (is_keyword)
/// gets a trailing `_`. Examples: `pk: odd #1` -> `pk_odd_1`, `delete` -> `delete_`,
/// `1st` -> `x1st`.
std::string identifier(const std::string& name);

/// Identifiers of one C++ scope: `take(name)` returns identifier(name), with `_2`, `_3`, ...
/// (`2`, `3`, ... after a trailing `_`) appended when that spelling is already taken in the
/// scope. Example: with `Table` taken, `Table` -> `Table_2`; with `class_` taken, `class` -> `class_2`.
class Scope {
 public:
  explicit Scope(std::set<std::string> reserved = {}) : used_(std::move(reserved)) {}
  std::string take(const std::string& name);

 private:
  std::set<std::string> used_;
};

/// The C++ namespace of the code generated for model `model_name`: identifier(model_name).
/// Example: `delete` -> `delete_`, `my-shop` -> `my_shop`.
std::string model_namespace(const std::string& model_name);

/// The namespace-level scope of the generated code for namespace `ns`: the names the
/// generated header declares itself (`Table`, `keys`, `to_item`, `from_item`, ...) and `ns`
/// are taken, so an entity named `Table` becomes `struct Table_2`.
Scope namespace_scope(const std::string& ns);

/// The struct name of each entity of `model`, in model order, as the generated header
/// declares them: namespace_scope(model_namespace(model.name)).take(entity.name) in turn.
/// Example: entities `Table`, `line item` -> `Table_2`, `line_item`.
std::vector<std::string> entity_types(const Model& model);

}  // namespace cpp

namespace shell {

/// One POSIX shell word whose value is exactly `text`: single quotes around it, each `'`
/// written `'\''`. Nothing inside is expanded (`$`, backquotes, `\`, newlines stay as they
/// are). Examples: `it's` -> `'it'\''s'`, `` (empty) -> `''`.
std::string quote(const std::string& text);
/// The part of quote(text) between its outer single quotes: `text` with each `'` written
/// `'\''`, for a template that writes the quotes itself (`'{{x}}'`).
std::string quote_body(const std::string& text);

}  // namespace shell
}  // namespace dynamodel
