// What both source readers share: safe field access and the key schema typed from the
// attribute definitions.
#include "import/imported.hpp"

namespace dynamodel::import {

nlohmann::json value_of(const nlohmann::json& object, const char* key, nlohmann::json fallback) {
  if (!object.is_object()) return fallback;
  const auto found = object.find(key);
  return found == object.end() ? fallback : *found;
}

std::string shown(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string text_or(const nlohmann::json& object, const char* key, const std::string& fallback,
                    const std::string& where) {
  const auto value = value_of(object, key, nullptr);
  if (value.is_null()) return fallback;
  if (!value.is_string()) throw ImportError(where + ": " + key + " is not a string");
  return value.get<std::string>();
}

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

std::size_t choose_table(const std::vector<std::string>& names, const std::string& choice, const std::string& source) {
  if (names.empty()) throw ImportError("the " + source + " has no table");
  std::string listed;
  for (std::size_t i = 0; i < names.size(); ++i) {
    listed += (listed.empty() ? "" : ", ") + names[i];
    if (!choice.empty() && names[i] == choice) return i;
  }
  if (choice.empty() && names.size() == 1) return 0;
  throw ImportError(
      (choice.empty() ? "the " + source + " has " + std::to_string(names.size()) + " tables: choose one with --table: "
                      : "no table '" + choice + "' in the " + source + "; its tables: ") +
      listed);
}

}  // namespace dynamodel::import
