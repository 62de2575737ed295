// What both source readers share: the key schema typed from the attribute definitions.
#include "import/imported.hpp"

namespace dynamodel::import {

std::pair<ImportedKey, std::optional<ImportedKey>> typed_key_schema(
    const std::vector<std::pair<std::string, std::string>>& elements, const ImportedTable& table,
    const std::string& where) {
  if (elements.empty() || elements.size() > 2)
    throw ImportError(where + ".KeySchema must list one or two key attributes");
  std::optional<ImportedKey> hash;
  std::optional<ImportedKey> range;
  for (const auto& [name, kind] : elements) {
    const auto type = table.attribute_types.find(name);
    if (type == table.attribute_types.end())
      throw ImportError(where + ": key attribute '" + name + "' is not in AttributeDefinitions");
    if (kind == "HASH") {
      hash = ImportedKey{name, type->second};
    } else if (kind == "RANGE") {
      range = ImportedKey{name, type->second};
    } else {
      throw ImportError(where + ": KeyType '" + kind + "' is neither HASH nor RANGE");
    }
  }
  if (!hash) throw ImportError(where + ".KeySchema has no HASH key");
  return {*hash, range};
}

}  // namespace dynamodel::import
