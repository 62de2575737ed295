// Text helpers for rule messages: quoting names that may be huge, counting Unicode characters.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace dynamodel {

/// The number of Unicode characters (code points) of UTF-8 `text`: the bytes that do not
/// continue a multi-byte sequence. The loader has already rejected invalid UTF-8.
inline std::size_t utf8_length(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

/// `'name'` for a message; a name longer than 40 bytes is cut at a character boundary and
/// marked, so that a 100 KB name cannot flood the output.
inline std::string quote_name(std::string_view name) {
  constexpr std::size_t kShown = 40;
  if (name.size() <= kShown) return "'" + std::string(name) + "'";
  std::size_t cut = kShown;
  while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
  return "'" + std::string(name.substr(0, cut)) + "...'";
}

}  // namespace dynamodel
