// Entity inference from scanned items: the pieces `dynamodel import --items` builds on,
// exposed for the unit tests (tests/unit/test_import_items.cpp).
#pragma once

#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "import/imported.hpp"

namespace dynamodel::import {

/// One item of DynamoDB JSON: its attributes' types and scalar values as text (S, N, B's
/// base64, BOOL's true/false; empty for the other types).
struct Sample {
  std::map<std::string, std::string> types;
  std::map<std::string, std::string> values;
};

/// An AttributeValue of DynamoDB JSON (`{"S": "x"}`) as its type tag and its scalar value as
/// text (S, N, B's base64, BOOL's true/false; empty for the other types); both empty for
/// anything that is not an object of one member. Never throws.
std::pair<std::string, std::string> scalar_text(const nlohmann::json& value);

/// Reads a list of items in DynamoDB JSON (scan output's Items, a Workbench TableData).
/// ImportError naming `where` and the item for anything else.
std::vector<Sample> read_items(const nlohmann::json& items, const std::string& where);

/// Key attributes of the table and its indexes, table keys first, each once.
std::vector<ImportedKey> key_attributes(const ImportedTable& table);

/// An entity (without its name) from the sample items of one kind: each key attribute that
/// every member has gets a template inferred by infer_template; attribute types from the
/// members, optional when some lack them.
ImportedEntity entity_from_samples(const ImportedTable& table, const std::vector<const Sample*>& members);

/// Whether `text` is a UUID: 36 characters, hexadecimal digits in groups of 8-4-4-4-12 joined by
/// `-` (either case; RFC 9562's text form).
bool is_uuid(const std::string& text);

/// The `#`-separated segments of a key value (`USER#1` -> {USER, 1}; no `#` -> the value).
std::vector<std::string> split_segments(const std::string& value);

/// True for a key segment dynamodel reads as literal text: upper-case letters, digits after
/// the first letter, and `_` (`USER`, `ORDER_ITEM`, `V2`), as single-table designs write them.
bool is_literal_segment(const std::string& segment);

/// The literal prefix of a key value: its leading literal `#`-separated segments, with the
/// `#` that follows them (`USER#123` -> `USER#`, `ORDER#2024-01-01#9` -> `ORDER#`, `PROFILE`
/// -> `PROFILE`, `123` -> ``).
std::string literal_prefix(const std::string& value);

/// The letters and digits of `text` as one identifier (leading digits dropped): each word
/// after a separator capitalized, the first letter upper-case when `upper_first` else lower,
/// the others lower-case when `lower_rest` else as written (`get_user_by_id`, false, false ->
/// `getUserById`). Empty when `text` has no letters.
std::string identifier(const std::string& text, bool upper_first, bool lower_rest);

/// An entity name from a prefix: its words in PascalCase (`USER#` -> `User`, `ORDER_ITEM#` ->
/// `OrderItem`); `Item` when the prefix has no letters.
std::string entity_name(const std::string& prefix);

/// The key template of one key attribute from its values in samples of one entity (same
/// order as `samples`, each sample's attributes as text): `#`-separated segments equal in
/// every sample and literal stay text; the others become placeholders named after a
/// non-key attribute equal to that segment in every sample, else the literal word before
/// them + `Id` (`USER#{userId}`), else `key_name` when the whole value is one placeholder.
/// `guessed` is set when a placeholder name was made up rather than found.
std::string infer_template(const std::string& key_name, const std::vector<std::string>& values,
                           const std::vector<std::map<std::string, std::string>>& samples, bool& guessed);

/// Marks `key_only` each attribute of `entity` that no member of `stored` names but that a
/// placeholder of the table's partition- or sort-key template holds, where that template can
/// be split (no two placeholders meet): an identifier that lives only inside the keys.
void mark_key_only(const ImportedTable& table, ImportedEntity& entity, const std::set<std::string>& stored);

/// The placeholder names of a key template (`USER#{userId}` -> {userId}).
std::vector<std::string> placeholders(const std::string& key_template);

}  // namespace dynamodel::import
