// Item, attribute and key sizes (analysis/sizes.hpp).
#include "analysis/sizes.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace dynamodel {

namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

std::int64_t half_up(std::int64_t v) { return v / 2 + v % 2; }

std::int64_t ceil_div(std::int64_t v, std::int64_t d) { return v / d + (v % d != 0 ? 1 : 0); }

std::string num(std::int64_t v) { return std::to_string(v); }

/// Formats whose values are ASCII, with their widest and typical text length (0: no fixed width).
struct FormatWidth {
  bool ascii = false;
  std::int64_t max = 0;
  std::int64_t typical = 0;
};

FormatWidth format_width(const Attribute& a) {
  if (!a.format) return {};
  switch (*a.format) {
    case AttributeFormat::date:
      return {true, 10, 10};  // 2026-11-22
    case AttributeFormat::date_time:
      return {true, 35, 24};  // ...T04:47:47.123456789+05:30 / ...47.123Z
    case AttributeFormat::uuid:
      return {true, 36, 36};
    case AttributeFormat::ulid:
      return {true, 26, 26};
    case AttributeFormat::epoch_seconds:
      return {true, 11, 10};
    case AttributeFormat::email:  // RFC 5321: 254 octets at most
    case AttributeFormat::float_:
    case AttributeFormat::decimal:
      return {true, 0, 0};
  }
  return {};
}

ValueSize unbounded(const std::string& why) {
  return {false, limits::kUnboundedValueBytes, limits::kUnboundedValueBytes / 2,
          why + ": " + num(limits::kUnboundedValueBytes) + " bytes assumed"};
}

/// An S value with no size hint: up to kUnboundedValueBytes, typically kUnboundedStringTypicalBytes.
ValueSize unbounded_string(const std::string& why) {
  return {false, limits::kUnboundedValueBytes, limits::kUnboundedStringTypicalBytes,
          why + ": up to " + num(limits::kUnboundedValueBytes) + " bytes, typically " +
              num(limits::kUnboundedStringTypicalBytes) + " assumed"};
}

/// A string's (or each set element's) size from enum, max_length and format; max_bytes not read.
std::optional<ValueSize> string_size(const Attribute& a) {
  if (!a.enum_values.empty()) {
    std::int64_t longest = 0, total = 0;
    for (const auto& v : a.enum_values) {
      const auto n = static_cast<std::int64_t>(v.size());
      longest = std::max(longest, n);
      total = sat_add(total, n);
    }
    const auto count = static_cast<std::int64_t>(a.enum_values.size());
    return ValueSize{true, longest, ceil_div(total, count), "enum (longest value)"};
  }
  const FormatWidth f = format_width(a);
  if (a.max_length) {
    const std::int64_t per_char = f.ascii ? 1 : 4;
    const std::int64_t chars = *a.max_length;
    const std::int64_t typical = f.typical ? std::min(chars, f.typical) : half_up(chars);
    return ValueSize{
        true, sat_mul(chars, per_char), typical,
        "max_length " + num(chars) + " x " + num(per_char) + (per_char == 1 ? " byte (ASCII)" : " bytes (UTF-8)")};
  }
  if (f.max) return ValueSize{true, f.max, f.typical, "format " + std::string(to_string(*a.format))};
  return std::nullopt;
}

ValueSize number_size(const Attribute& a) {
  if (a.max_digits) {
    const std::int64_t b = std::min(limits::kNumberMaxBytes, half_up(*a.max_digits) + 1);
    return {true, b, b, "max_digits " + num(*a.max_digits)};
  }
  if (a.format == AttributeFormat::epoch_seconds) return {true, 6, 6, "format epoch-seconds (10 digits)"};
  return {true, limits::kNumberMaxBytes, 6, "no max_digits: 38 digits and a sign"};
}

}  // namespace

std::int64_t sat_add(std::int64_t a, std::int64_t b) {
  std::int64_t r = 0;
  if (__builtin_add_overflow(a, b, &r)) return kMax;
  return r;
}

std::int64_t sat_mul(std::int64_t a, std::int64_t b) {
  std::int64_t r = 0;
  if (__builtin_mul_overflow(a, b, &r)) return kMax;
  return r;
}

std::int64_t to_bytes(double v) {
  if (!(v > 0)) return 0;
  if (v >= 9.2e18) return kMax;
  return static_cast<std::int64_t>(std::ceil(v));
}

ValueSize value_size(const Attribute& a) {
  if (a.max_bytes) {
    ValueSize v{true, *a.max_bytes, half_up(*a.max_bytes), "max_bytes"};
    if (a.type == AttributeType::BOOL || a.type == AttributeType::NULL_)
      v.typical_bytes = std::min<std::int64_t>(1, v.max_bytes);
    return v;
  }
  switch (a.type) {
    case AttributeType::S:
      if (auto s = string_size(a)) return *s;
      return unbounded_string("no max_length, max_bytes, enum or format");
    case AttributeType::N:
      return number_size(a);
    case AttributeType::B:
      if (a.max_length)
        return {true, *a.max_length, half_up(*a.max_length), "max_length " + num(*a.max_length) + " bytes"};
      return unbounded("no max_bytes or max_length");
    case AttributeType::BOOL:
    case AttributeType::NULL_:
      return {true, 1, 1, "1 byte"};
    case AttributeType::SS: {
      const auto elem = string_size(a);
      std::optional<std::int64_t> n = a.max_items;
      if (!n && !a.enum_values.empty()) n = static_cast<std::int64_t>(a.enum_values.size());
      if (!n || !elem) return unbounded("no max_items and element bound (max_length, enum or format)");
      return {true, sat_mul(*n, elem->max_bytes), sat_mul(half_up(*n), elem->typical_bytes),
              "max_items " + num(*n) + " x " + elem->basis};
    }
    case AttributeType::NS: {
      if (!a.max_items) return unbounded("no max_items");
      const ValueSize e = number_size(a);
      return {true, sat_mul(*a.max_items, e.max_bytes), sat_mul(half_up(*a.max_items), e.typical_bytes),
              "max_items " + num(*a.max_items) + " x " + e.basis};
    }
    case AttributeType::BS:
      if (!a.max_items || !a.max_length) return unbounded("no max_items and max_length");
      return {true, sat_mul(*a.max_items, *a.max_length), sat_mul(half_up(*a.max_items), half_up(*a.max_length)),
              "max_items " + num(*a.max_items) + " x max_length " + num(*a.max_length) + " bytes"};
    case AttributeType::L:
    case AttributeType::M: {
      const auto elem = string_size(a);
      if (!a.max_items || !elem) return unbounded("no max_bytes (or max_items and max_length)");
      // 3 bytes + per element: its size + 1 byte; a map's key names counted as long as the values.
      const std::int64_t per =
          a.type == AttributeType::M ? sat_add(sat_mul(elem->max_bytes, 2), 1) : sat_add(elem->max_bytes, 1);
      const std::int64_t per_typ =
          a.type == AttributeType::M ? sat_add(sat_mul(elem->typical_bytes, 2), 1) : sat_add(elem->typical_bytes, 1);
      return {true, sat_add(3, sat_mul(*a.max_items, per)), sat_add(3, sat_mul(half_up(*a.max_items), per_typ)),
              "3 + max_items " + num(*a.max_items) + " x (" + elem->basis + " + 1)"};
    }
  }
  return unbounded("unknown type");
}

ValueSize placeholder_size(const Attribute* a) {
  if (!a) return unbounded("unknown attribute");
  switch (a->type) {
    case AttributeType::S:
      return value_size(*a);
    case AttributeType::N: {
      // As text: the digits, a sign and a decimal point.
      const std::int64_t digits = a->max_digits.value_or(a->format == AttributeFormat::epoch_seconds ? 10 : 38);
      return {true, digits + 2, a->max_digits ? digits : 10, "number as text, " + num(digits) + " digits"};
    }
    case AttributeType::B: {
      ValueSize v = value_size(*a);  // base64 text: 4 characters per 3 bytes
      v.max_bytes = sat_mul(ceil_div(v.max_bytes, 3), 4);
      v.typical_bytes = sat_mul(ceil_div(v.typical_bytes, 3), 4);
      v.basis += ", as base64";
      return v;
    }
    case AttributeType::BOOL:
      return {true, 5, 4, "true/false"};
    case AttributeType::NULL_:
      return {true, 4, 4, "null"};
    default:
      return value_size(*a);
  }
}

KeyLength key_length(const Entity& entity, const KeyTemplate& key_template, AttributeType key_type) {
  KeyLength k;
  k.key_template = key_template.text;
  k.location = key_template.location;
  const bool stored =
      key_type != AttributeType::S && key_template.parts.size() == 1 && key_template.parts[0].placeholder;
  for (const auto& part : key_template.parts) {
    if (!part.placeholder) {
      const auto n = static_cast<std::int64_t>(part.text.size());
      k.max_bytes = sat_add(k.max_bytes, n);
      k.typical_bytes = sat_add(k.typical_bytes, n);
      continue;
    }
    const Attribute* a = entity.attribute(part.text);
    ValueSize v = stored && a ? value_size(*a) : placeholder_size(a);
    if (part.transform.kind == KeyTransform::Kind::pad) {  // zeros up to the width, never fewer characters
      v.max_bytes = std::max<std::int64_t>(v.max_bytes, part.transform.width);
      v.typical_bytes = std::max<std::int64_t>(v.typical_bytes, part.transform.width);
    }
    k.bounded = k.bounded && v.bounded;
    k.max_bytes = sat_add(k.max_bytes, v.max_bytes);
    k.typical_bytes = sat_add(k.typical_bytes, v.typical_bytes);
  }
  return k;
}

double read_units(std::int64_t bytes, double units_per_4kb) {
  const std::int64_t units = bytes <= 0 ? 1 : ceil_div(bytes, limits::kReadUnitBytes);
  return static_cast<double>(units) * units_per_4kb;
}

double write_units(std::int64_t bytes, double units_per_kb) {
  const std::int64_t units = bytes <= 0 ? 1 : ceil_div(bytes, limits::kWriteUnitBytes);
  return static_cast<double>(units) * units_per_kb;
}

namespace {

/// Significant digits of a number's text: leading and trailing zeros (and the point, sign and
/// exponent) do not count.
std::int64_t significant_digits(const std::string& text) {
  std::string digits;
  for (char c : text) {
    if (c == 'e' || c == 'E') break;
    if (c >= '0' && c <= '9') digits += c;
  }
  const auto first = digits.find_first_not_of('0');
  if (first == std::string::npos) return 0;
  const auto last = digits.find_last_not_of('0');
  return static_cast<std::int64_t>(last - first + 1);
}

std::int64_t number_bytes(const std::string& text) {
  const std::int64_t digits = significant_digits(text);
  if (digits == 0) return 1;
  return half_up(digits) + 1 + (!text.empty() && text[0] == '-' ? 1 : 0);
}

std::int64_t base64_bytes(const std::string& text) {
  std::int64_t padding = 0;
  for (auto it = text.rbegin(); it != text.rend() && *it == '='; ++it) ++padding;
  return static_cast<std::int64_t>(text.size()) / 4 * 3 - padding;
}

}  // namespace

std::int64_t attribute_value_bytes(const nlohmann::json& value) {
  if (!value.is_object() || value.empty()) return 0;
  // (Not `*value.items().begin()`: that proxy's operator* returns a reference to a temporary.)
  const auto first = value.begin();
  const std::string& type = first.key();
  const nlohmann::json& v = first.value();
  std::int64_t total = 0;
  if (type == "S" && v.is_string()) return static_cast<std::int64_t>(v.get_ref<const std::string&>().size());
  if (type == "N" && v.is_string()) return number_bytes(v.get<std::string>());
  if (type == "B" && v.is_string()) return base64_bytes(v.get<std::string>());
  if (type == "BOOL" || type == "NULL") return 1;
  if ((type == "SS" || type == "NS" || type == "BS") && v.is_array()) {
    const std::string element = type.substr(0, 1);
    for (const auto& e : v) total = sat_add(total, attribute_value_bytes(nlohmann::json{{element, e}}));
    return total;
  }
  if (type == "L" && v.is_array()) {
    total = 3;
    for (const auto& e : v) total = sat_add(total, sat_add(1, attribute_value_bytes(e)));
    return total;
  }
  if (type == "M" && v.is_object()) return sat_add(3 + static_cast<std::int64_t>(v.size()), item_bytes(v));
  return 0;
}

std::int64_t item_bytes(const nlohmann::json& item) {
  std::int64_t total = 0;
  if (!item.is_object()) return 0;
  for (const auto& [name, value] : item.items())
    total = sat_add(total, sat_add(static_cast<std::int64_t>(name.size()), attribute_value_bytes(value)));
  return total;
}

}  // namespace dynamodel
