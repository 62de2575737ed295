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

/// What keeps a request from being served, as facts. The rule that reports it words the
/// message (its `describe`, in rules/<rule>.cpp); the report and `analyze` ask the catalogue
/// for that wording (rules/catalogue.hpp: coverage_message).
enum class CoverageIssue {
  not_a_key,                   ///< access/not-served: a condition on an attribute that is not a key of the key space
  single_item_on_index,        ///< access/requires-full-key: GetItem-like on an index
  partial_primary_key,         ///< access/requires-full-key: `names` lack an equality
  partition_key_not_equality,  ///< access/not-served: Query without `attribute` = ...
  not_in_index,                ///< access/not-served: `entity` has no template for `attribute` (sparse)
  template_mismatch,           ///< access/not-served: `condition` cannot equal `entity`'s `key_template`
  begins_with_not_string,      ///< access/sort-condition: begins_with on a key of `attribute_type`
  prefix_impossible,           ///< access/sort-condition: `operand` is no prefix of `key_template`
  range_impossible,            ///< access/sort-condition: every value of `key_template` is beyond the bound
  partial_derived_key,         ///< keys/partial-derived-key: `names` change, `other_names` unknown
  multi_key_partition,         ///< access/multi-attribute-key: `names`, partition-key attributes without `=`
  multi_key_skipped_sort,      ///< access/multi-attribute-key: `attribute` skipped before `names[0]`
  multi_key_range_not_last,    ///< access/multi-attribute-key: `condition` on `attribute` before `names[0]`
};

/// One reason a pattern is not served, or a related problem: the rule id, where, and the facts
/// its issue needs (the others stay empty).
struct CoverageProblem {
  std::string rule;  ///< catalogue id (access/not-served, access/sort-condition, ...)
  CoverageIssue issue = CoverageIssue::not_a_key;
  Location location;
  std::string path;
  std::string operation;                 ///< GetItem, Query, ...
  std::string key_space;                 ///< "the table" or "index NAME"
  std::vector<std::string> key_schema;   ///< the key space's partition key, then sort key
  std::string attribute;                 ///< the key attribute concerned
  std::string attribute_type;            ///< its type (S, N, B)
  std::string entity;                    ///< the entity concerned
  Location entity_location;              ///< where it is defined
  std::string key_template;              ///< its template for `attribute`, as written
  Location template_location;            ///< where that template is written
  std::string condition;                 ///< the key condition, as text
  std::string operand;                   ///< the operand concerned, as written
  std::vector<std::string> names;        ///< missing keys, or the changed inputs
  std::vector<std::string> other_names;  ///< the inputs the update does not know
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

/// The wording of a problem (the reporting rule's); see rules/catalogue.hpp: coverage_message.
using ProblemWording = std::string (*)(const CoverageProblem& problem);

/// The coverage as JSON: per pattern `served`, the proof lines, the problems (rule, message as
/// `wording` gives it, line, column) and `also_returns`; then the collisions and ambiguous prefixes.
nlohmann::ordered_json to_json(const Coverage& coverage, ProblemWording wording);

/// True when the two templates can produce one same string, given the attribute types and
/// hints of the entities they belong to (a placeholder matches the characters its attribute
/// can hold: digits for N, the enum's values' characters, hex for uuid, ...).
bool templates_can_collide(const KeyTemplate& a, const Entity* ea, const KeyTemplate& b, const Entity* eb);

}  // namespace dynamodel
