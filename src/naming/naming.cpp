// C++ and shell spelling of model names (see naming.hpp).
#include "naming/naming.hpp"

#include <cctype>

#include "model/model.hpp"

namespace dynamodel {
namespace cpp {

std::string literal(const std::string& text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      case '?':
        out += (i > 0 && text[i - 1] == '?') ? "\\?" : "?";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          const char digits[] = {'\\', static_cast<char>('0' + (c >> 6)), static_cast<char>('0' + ((c >> 3) & 7)),
                                 static_cast<char>('0' + (c & 7)), 0};
          out += digits;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string comment(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f)
      out += ' ';
    else if (c == '\\')
      out += '/';
    else if (c == '?' && !out.empty() && out.back() == '?')
      out += " ?";
    else
      out += static_cast<char>(c);
  }
  return out;
}

bool is_keyword(const std::string& word) {
  static const std::set<std::string> words = {
      "alignas",     "alignof",   "and",        "and_eq",    "asm",      "auto",         "bitand",
      "bitor",       "bool",      "break",      "case",      "catch",    "char",         "char8_t",
      "char16_t",    "char32_t",  "class",      "compl",     "concept",  "const",        "consteval",
      "constexpr",   "constinit", "const_cast", "continue",  "co_await", "co_return",    "co_yield",
      "decltype",    "default",   "delete",     "do",        "double",   "dynamic_cast", "else",
      "enum",        "explicit",  "export",     "extern",    "false",    "float",        "for",
      "friend",      "goto",      "if",         "inline",    "int",      "long",         "mutable",
      "namespace",   "new",       "noexcept",   "not",       "not_eq",   "nullptr",      "operator",
      "or",          "or_eq",     "private",    "protected", "public",   "register",     "reinterpret_cast",
      "requires",    "return",    "short",      "signed",    "sizeof",   "static",       "static_assert",
      "static_cast", "struct",    "switch",     "template",  "this",     "thread_local", "throw",
      "true",        "try",       "typedef",    "typeid",    "typename", "union",        "unsigned",
      "using",       "virtual",   "void",       "volatile",  "wchar_t",  "while",        "xor",
      "xor_eq",      "final",     "override",   "import",    "module",   "std",          "nlohmann",
      "dynamodel"};
  return words.count(word) > 0;
}

std::string identifier(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    if (std::isalnum(c) || c == '_')
      out += static_cast<char>(c);
    else if (out.empty() || out.back() != '_')
      out += '_';
  }
  while (out.find("__") != std::string::npos) out.erase(out.find("__"), 1);  // `__` is reserved
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0])) || out[0] == '_') out = "x" + out;
  if (is_keyword(out)) out += '_';
  return out;
}

std::string Scope::take(const std::string& name) {
  const std::string base = identifier(name);
  std::string candidate = base;
  // `class_` + 2 is `class_2`, never `class__2` (`__` is reserved).
  const std::string joint = base.back() == '_' ? "" : "_";
  for (int n = 2; used_.count(candidate); ++n) candidate = base + joint + std::to_string(n);
  used_.insert(candidate);
  return candidate;
}

std::string model_namespace(const std::string& model_name) { return identifier(model_name); }

Scope namespace_scope(const std::string& ns) {
  return Scope({"Table",          "keys",
                "to_item",        "from_item",
                "key_of",         "kDefaultTableName",
                "kTableBaseName", "default_table_name",
                "Expr",           "Update",
                "fetch",          "walk",
                "batch_get",      "batch_write",
                "table_key",      "from_text",
                "null_value",     "null_of",
                "json",           ns});
}

std::vector<std::string> entity_types(const Model& model) {
  Scope scope = namespace_scope(model_namespace(model.name));
  std::vector<std::string> out;
  out.reserve(model.entities.size());
  for (const auto& e : model.entities) out.push_back(scope.take(e.name));
  return out;
}

}  // namespace cpp

namespace shell {

std::string quote_body(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out;
}

std::string quote(const std::string& text) { return "'" + quote_body(text) + "'"; }

}  // namespace shell
}  // namespace dynamodel
