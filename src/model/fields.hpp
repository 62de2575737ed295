// The fields of every object kind of the model format: the single list the loader checks
// against, and that a test compares with the JSON Schema's `$defs` (docs/fields.md).
#pragma once

#include <map>
#include <string_view>
#include <vector>

namespace dynamodel {

struct FieldSpec {
  std::string_view name;
  bool required = false;  ///< required in every case (conditional ones are checked by the loader)
};

/// Object kind (`model`, `table`, `gsi`, ... as in docs/fields.md and the schema's `$defs`)
/// to its fields, in documentation order.
const std::map<std::string_view, std::vector<FieldSpec>>& known_fields();

}  // namespace dynamodel
