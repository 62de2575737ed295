// Key coverage: the static proof, per access pattern, that an entity's key templates on the
// chosen index serve the pattern's key condition; and the key-space overlaps between entities
// (collisions, ambiguous sort-key prefixes, queries that return other entities).
// Key condition semantics:
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "diag/diagnostic.hpp"
#include "model/model.hpp"
#include "model/resolve.hpp"

namespace dynamodel {

/// One reason a pattern is not served, or a related problem, as the rule that reports it
/// would word it. `rule` is a catalogue id (access/not-served, access/sort-condition, ...).
struct CoverageProblem {
  std::string rule;
  std::string message;
  Location location;
  std::string path;
  std::vector<Note> notes;
};

/// The proof for one access pattern (or one action of a transaction).
struct PatternCoverage {
  std::string pattern;                            ///< access pattern id
  const AccessPattern* access_pattern = nullptr;  ///< the model's access pattern
  std::string index;                              ///< empty: the table
  bool served = true;                             ///< every key condition matches every listed entity
  std::vector<std::string> proof;                 ///< one line per step ("PK = USER#{userId} matches User.PK")
  std::vector<CoverageProblem> problems;
  std::vector<std::string> also_returns;  ///< entities a Query/Scan also returns but does not list
};

/// Two entities whose keys share values.
struct KeyOverlap {
  std::string first, second;  ///< entity names, in model order
  std::string index;          ///< empty: the table
  Location location;          ///< the second entity's key template
  Location other;             ///< the first entity's key template
  std::string detail;         ///< e.g. the two templates
};

struct Coverage {
  std::vector<PatternCoverage> patterns;       ///< one per access pattern, in model order
  std::vector<KeyOverlap> collisions;          ///< same (PK, SK) possible on the table
  std::vector<KeyOverlap> ambiguous_prefixes;  ///< shared partition, one SK prefix a prefix of another's

  const PatternCoverage* pattern(std::string_view id) const;
};

/// Computes key coverage. Defensive about unknown entities, indexes and attributes (other
/// rules report those); never throws for a loaded model.
Coverage compute_coverage(const ResolvedModel& resolved);

/// The coverage as JSON: per pattern `served`, the proof lines, the problems (rule, message,
/// line, column) and `also_returns`; then the collisions and ambiguous prefixes.
nlohmann::ordered_json to_json(const Coverage& coverage);

/// True when the two templates can produce one same string, given the attribute types and
/// hints of the entities they belong to (a placeholder matches the characters its attribute
/// can hold: digits for N, the enum's values' characters, hex for uuid, ...).
bool templates_can_collide(const KeyTemplate& a, const Entity* ea, const KeyTemplate& b, const Entity* eb);

}  // namespace dynamodel
