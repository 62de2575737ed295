// Item, attribute and key sizes by DynamoDB's documented method, and the capacity-unit
// rounding. Source: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
// ("Item sizes and formats"): an item's size is the sum of its attribute names' UTF-8 bytes
// and their values' sizes; S is its UTF-8 bytes, N about 1 byte per two significant digits
// plus 1, B its raw bytes, BOOL and NULL 1 byte, L and M 3 bytes plus their elements plus 1
// byte per element; sets (not documented) the sum of their elements.
//
// From the model's size hints:
// - A string counts 4 bytes per character at most (the longest UTF-8 sequence), 1 byte when
//   its format or enum makes it ASCII (date, date-time, uuid, ulid, email, float, decimal,
//   epoch-seconds; an enum counts its longest value). Typical: half the characters as ASCII,
//   the full width of fixed-width formats, the average enum value.
// - `max_bytes` wins over every other hint (the value's stored size, element overhead included).
// - N: ceil(max_digits / 2) + 1 bytes; without max_digits 21 bytes (38 digits and a sign).
// - Without a usable hint an S, B, L, M or set value is unbounded and counts
//   limits::kUnboundedValueBytes (1 KB) largest, half of it typical; a string (S) typically
//   limits::kUnboundedStringTypicalBytes (100 bytes: a name, title, e-mail address or id).
// All arithmetic saturates at INT64_MAX: a model may declare terabytes.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "analysis/analysis.hpp"
#include "model/model.hpp"

namespace dynamodel {

/// a + b, both >= 0, saturating at INT64_MAX.
std::int64_t sat_add(std::int64_t a, std::int64_t b);
/// a * b, both >= 0, saturating at INT64_MAX.
std::int64_t sat_mul(std::int64_t a, std::int64_t b);
/// A non-negative double as bytes, saturating at INT64_MAX (NaN -> 0).
std::int64_t to_bytes(double v);

/// The size of one value, largest and typical, and how it was found.
struct ValueSize {
  bool bounded = true;
  std::int64_t max_bytes = 0;
  std::int64_t typical_bytes = 0;
  std::string basis;
};

/// The stored size of attribute `a`'s value.
ValueSize value_size(const Attribute& a);

/// The size of `a`'s value written as text inside a key template (a number's digits,
/// "true"/"false"); `a` null: an unknown attribute (unbounded).
ValueSize placeholder_size(const Attribute* a);

/// The longest and typical value of a key template in bytes: literal UTF-8 bytes plus each
/// placeholder's size. `key_type` is the key attribute's type: an N or B key holds the
/// placeholder's value itself (its stored size), an S key its text.
KeyLength key_length(const Entity& entity, const KeyTemplate& key_template, AttributeType key_type);

/// The stored size of one concrete value in DynamoDB JSON (`{"S": "abc"}`, `{"N": "12"}`,
/// `{"M": {...}}`) by the method above: S its UTF-8 bytes, B its decoded bytes, N 1 byte per two
/// significant digits plus 1 (plus 1 for a minus sign), BOOL and NULL 1, L and M 3 plus 1 per
/// element plus the elements (M: names too), sets the sum of their elements. In bytes.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
std::int64_t attribute_value_bytes(const nlohmann::json& value);
/// The size of one concrete item (`{"PK": {"S": ...}, ...}`): each attribute name's UTF-8
/// bytes plus its value's attribute_value_bytes. In bytes.
std::int64_t item_bytes(const nlohmann::json& item);

/// RCU for reading `bytes` in one rounded unit: ceil(bytes / 4 KB) x `units_per_4kb` (1
/// strongly consistent, 0.5 eventually consistent, 2 transactional). A read of 0 bytes
/// (item not found) still costs one unit (ProvisionedThroughput.html).
double read_units(std::int64_t bytes, double units_per_4kb);
/// WCU for writing `bytes`: ceil(bytes / 1 KB) x `units_per_kb` (1, or 2 transactional).
double write_units(std::int64_t bytes, double units_per_kb);

}  // namespace dynamodel
