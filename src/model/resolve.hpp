// The resolved model: the loaded Model with its names linked, built once after loading
// (resolve(model)) and read by every later stage (analysis, rules, report, diff, generators).
// Each key space (the table, each GSI, each LSI) knows its kind, key schema, projection and
// capacity; each access pattern points at its entities and the key space it reads or writes.
// Key templates are parsed into pieces by the loader (KeyTemplate::parts), once.
//
// A name the model does not define resolves to nullptr (the access/unknown-* rules report
// it); a name defined twice resolves to its first definition (naming/duplicate-index,
// structure errors), GSIs before LSIs, as DynamoDB's one index namespace per table has it:
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/SecondaryIndexes.html
//
// A ResolvedModel points into its Model, which must outlive it and not change. It can be
// moved (the pointers target heap storage) but not copied.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"

namespace dynamodel {

/// Where an index's items live: the base table, a global or a local secondary index.
enum class IndexKind { table, gsi, lsi };

/// One key space: the table or a secondary index.
struct KeySpace {
  IndexKind kind = IndexKind::table;
  std::string name;                                   ///< the index's name; empty for the table
  const KeyAttribute* partition_key = nullptr;        ///< an LSI's is the table's
  const KeyAttribute* sort_key = nullptr;             ///< nullptr: no sort key
  const Projection* projection = nullptr;             ///< nullptr for the table (every attribute)
  const std::optional<Capacity>* capacity = nullptr;  ///< the GSI's own, or the table's (table, LSI)
  const Source* source = nullptr;                     ///< the index's declaration (the table's for the table)
  const GlobalSecondaryIndex* gsi = nullptr;          ///< set when kind is gsi
  const LocalSecondaryIndex* lsi = nullptr;           ///< set when kind is lsi

  /// The key schema: partition key, then sort key when there is one; for a multi-attribute
  /// GSI every partition-key attribute, then every sort-key attribute (GlobalSecondaryIndex::key_schema).
  std::vector<const KeyAttribute*> keys() const;
  /// True for a GSI whose keys are written as lists (GlobalSecondaryIndex::multi_attribute):
  /// its key attributes are the entities' own attributes, without key templates.
  bool multi_attribute() const;
  /// "the table" or "index NAME", for messages.
  std::string label() const;
  /// True when items of `e` appear in this key space: the table holds every item, a GSI only
  /// the items with a template for each of its key attributes (a sparse index), a
  /// multi-attribute GSI the entities with an attribute of each key attribute's name, an LSI
  /// the items with its sort key.
  bool holds(const Entity& e) const;
};

/// An access pattern with its names resolved.
struct ResolvedPattern {
  const AccessPattern* pattern = nullptr;
  /// pattern->entities resolved, same order; nullptr where the name is unknown.
  std::vector<const Entity*> entities;
  /// The key space the pattern reads or writes: the table, or `index:` resolved; nullptr
  /// when `index:` names no index of the table.
  const KeySpace* key_space = nullptr;
};

class ResolvedModel {
 public:
  explicit ResolvedModel(const Model& model);
  ResolvedModel(ResolvedModel&&) = default;
  ResolvedModel& operator=(ResolvedModel&&) = default;
  ResolvedModel(const ResolvedModel&) = delete;
  ResolvedModel& operator=(const ResolvedModel&) = delete;

  const Model& model() const { return *model_; }
  /// The table, then each GSI, then each LSI, in declaration order.
  const std::vector<KeySpace>& key_spaces() const { return key_spaces_; }
  const KeySpace& table() const { return key_spaces_.front(); }
  /// The key space a pattern's `index:` names: nullopt is the table; nullptr when the name
  /// is unknown or empty (`index: ""`, which access/unknown-index reports).
  const KeySpace* key_space_of(const std::optional<std::string>& index) const;
  /// The key space of a name as the analysis writes it: "" is the table; nullptr when unknown.
  const KeySpace* key_space(std::string_view index) const;
  /// Only a GSI, or only an LSI, of that name (first declared); nullptr when there is none.
  const GlobalSecondaryIndex* gsi(std::string_view name) const;
  const LocalSecondaryIndex* lsi(std::string_view name) const;
  /// The entity of that name (the first declared), nullptr when unknown.
  const Entity* entity(std::string_view name) const;
  /// Every access pattern, in model order (patterns()[i].pattern is &model().access_patterns[i]).
  const std::vector<ResolvedPattern>& patterns() const { return patterns_; }

 private:
  const Model* model_;
  std::vector<KeySpace> key_spaces_;
  std::map<std::string, std::size_t, std::less<>> by_index_name_;  // first of each name, GSIs first
  std::map<std::string, std::size_t, std::less<>> gsi_by_name_;
  std::map<std::string, std::size_t, std::less<>> lsi_by_name_;
  std::map<std::string, const Entity*, std::less<>> by_entity_name_;
  std::vector<ResolvedPattern> patterns_;
};

std::string_view to_string(IndexKind kind);

}  // namespace dynamodel
