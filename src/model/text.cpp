// UTF-8 validation, typo suggestions and key-template parsing.
#include "model/text.hpp"

#include <algorithm>
#include <cctype>

namespace dynamodel {

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else
      return i;
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
      return i;
    i += len;
  }
  return std::nullopt;
}

char32_t next_code_point(std::string_view text, std::size_t& at) {
  const auto lead = static_cast<unsigned char>(text[at++]);
  if (lead < 0x80) return lead;
  const int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1;
  char32_t cp = lead & (0x3F >> extra);
  for (int k = 0; k < extra && at < text.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[at++]) & 0x3F);
  return cp;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment distance: insertions, deletions, substitutions and
  // transpositions of neighbours ("tabel" -> "table") each cost 1.
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

namespace {
std::string fold(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != '_' && c != '-') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string_view>& candidates) {
  const std::string folded = fold(word);
  for (auto c : candidates)
    if (fold(c) == folded) return std::string(c);
  std::optional<std::string> best;
  std::size_t best_distance = std::max<std::size_t>(1, word.size() / 3) + 1;
  for (auto c : candidates) {
    std::size_t d = edit_distance(folded, fold(c));
    if (d < best_distance) {
      best_distance = d;
      best = std::string(c);
    }
  }
  return best;
}

std::optional<std::string> parse_key_transform(std::string_view text, KeyTransform& out) {
  out = KeyTransform{};
  if (text == "lower") {
    out.kind = KeyTransform::Kind::lower;
    return std::nullopt;
  }
  if (text == "upper") {
    out.kind = KeyTransform::Kind::upper;
    return std::nullopt;
  }
  constexpr std::string_view kPad = "pad(";
  if (text.substr(0, kPad.size()) == kPad && text.size() > kPad.size() + 1 && text.back() == ')') {
    const std::string_view digits = text.substr(kPad.size(), text.size() - kPad.size() - 1);
    int width = 0;
    bool ok = digits.size() <= 4;
    for (char c : digits) {
      ok = ok && c >= '0' && c <= '9';
      if (ok) width = width * 10 + (c - '0');
    }
    if (!ok || width < 1 || width > KeyTransform::kMaxPadWidth)
      return "pad width '" + std::string(digits) + "' is not a whole number from 1 to " +
             std::to_string(KeyTransform::kMaxPadWidth);
    out.kind = KeyTransform::Kind::pad;
    out.width = width;
    return std::nullopt;
  }
  return "unknown transform '" + std::string(text) + "' (one of pad(WIDTH), lower, upper)";
}

std::optional<std::string> parse_key_template(std::string_view text, KeyTemplate& out) {
  out.text = std::string(text);
  out.parts.clear();
  std::string literal;
  auto flush = [&] {
    if (!literal.empty()) out.parts.push_back({false, literal, {}});
    literal.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '{' && i + 1 < text.size() && text[i + 1] == '{') {
      literal += '{';
      ++i;
    } else if (c == '}' && i + 1 < text.size() && text[i + 1] == '}') {
      literal += '}';
      ++i;
    } else if (c == '{') {
      auto close = text.find('}', i + 1);
      if (close == std::string_view::npos)
        return "unclosed '{' at character " + std::to_string(i + 1) + " (write '{{' for a literal brace)";
      std::string_view name = text.substr(i + 1, close - i - 1);
      if (name.empty()) return "empty placeholder '{}' at character " + std::to_string(i + 1);
      if (name.find('{') != std::string_view::npos)
        return "'{' inside a placeholder at character " + std::to_string(i + 1);
      KeyTransform transform;
      if (const auto bar = name.find('|'); bar != std::string_view::npos) {
        if (auto error = parse_key_transform(name.substr(bar + 1), transform))
          return *error + " in '{" + std::string(name) + "}' at character " + std::to_string(i + 1);
        name = name.substr(0, bar);
        if (name.empty()) return "placeholder without a name before '|' at character " + std::to_string(i + 1);
      }
      flush();
      out.parts.push_back({true, std::string(name), transform});
      i = close;
    } else if (c == '}') {
      return "unmatched '}' at character " + std::to_string(i + 1) + " (write '}}' for a literal brace)";
    } else {
      literal += c;
    }
  }
  flush();
  return std::nullopt;
}

}  // namespace dynamodel

namespace dynamodel {
bool is_valid_table_or_index_name(std::string_view name) {
  if (name.size() < 3 || name.size() > 255) return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-')) return false;
  return true;
}
}  // namespace dynamodel

namespace dynamodel {

std::string with_commas(std::string_view digits) {
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    const std::size_t left = digits.size() - i;
    if (i > 0 && left % 3 == 0 && digits[i - 1] != '-') out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string with_commas(std::int64_t value) { return with_commas(std::to_string(value)); }

}  // namespace dynamodel
