// What both source readers share: safe field access and the key schema typed from the
// attribute definitions.
#include "import/imported.hpp"

#include "model/model.hpp"

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

namespace {

/// The HASH and the RANGE attributes of a KeySchema, each in KeySchema order, typed; at most
/// `most` of each kind.
std::pair<std::vector<ImportedKey>, std::vector<ImportedKey>> typed_elements(
    const std::vector<std::pair<std::string, std::string>>& elements, const ImportedTable& table,
    const std::string& where, std::size_t most) {
  std::vector<ImportedKey> hash;
  std::vector<ImportedKey> range;
  for (const auto& [name, kind] : elements) {
    const auto type = table.attribute_types.find(name);
    if (type == table.attribute_types.end())
      throw ImportError(where + ": key attribute '" + name + "' is not in AttributeDefinitions");
    if (kind == "HASH") {
      hash.push_back(ImportedKey{name, type->second});
    } else if (kind == "RANGE") {
      range.push_back(ImportedKey{name, type->second});
    } else {
      throw ImportError(where + ": KeyType '" + kind + "' is neither HASH nor RANGE");
    }
  }
  if (hash.empty()) throw ImportError(where + ".KeySchema has no HASH key");
  if (hash.size() > most || range.size() > most)
    throw ImportError(where + ".KeySchema must list " +
                      (most == 1 ? std::string("one HASH and at most one RANGE attribute")
                                 : "one to " + std::to_string(most) + " HASH and at most " + std::to_string(most) +
                                       " RANGE attributes"));
  return {hash, range};
}

}  // namespace

std::pair<ImportedKey, std::optional<ImportedKey>> typed_key_schema(
    const std::vector<std::pair<std::string, std::string>>& elements, const ImportedTable& table,
    const std::string& where) {
  auto [hash, range] = typed_elements(elements, table, where, 1);
  return {hash.front(), range.empty() ? std::nullopt : std::optional<ImportedKey>(range.front())};
}

void set_gsi_key_schema(ImportedIndex& index, const std::vector<std::pair<std::string, std::string>>& elements,
                        const ImportedTable& table, const std::string& where) {
  auto [hash, range] = typed_elements(elements, table, where, GlobalSecondaryIndex::kMaxKeyAttributes);
  index.partition_key = hash.front();
  index.more_partition_keys.assign(hash.begin() + 1, hash.end());
  index.sort_key = range.empty() ? std::nullopt : std::optional<ImportedKey>(range.front());
  if (!range.empty()) index.more_sort_keys.assign(range.begin() + 1, range.end());
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
