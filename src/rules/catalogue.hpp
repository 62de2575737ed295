// The rule catalogue as data: every id of known_rule_ids() with its metadata, whether it is a
// design rule (rules()), a structural rule of the loader (yaml/syntax, schema/*) or not yet
// implemented. The change/* rules come from `dynamodel diff` (diff/diff.hpp change_rules()). `dynamodel rules`, the SARIF rule list
// and docs/rules.md read it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rules/rule.hpp"

namespace dynamodel {

/// One catalogue entry. `implemented` is false for a planned rule, whose metadata holds only
/// the id, the default severity and the summary.
struct CatalogueEntry {
  RuleInfo info;
  bool implemented = true;
  bool structural = false;  ///< reported by the loader, not by a Rule
};

/// Every rule id of the catalogue, in catalogue order (known_rule_ids()).
const std::vector<CatalogueEntry>& catalogue();

/// The entry of `id`, or nullopt for an id outside the catalogue.
std::optional<CatalogueEntry> catalogue_entry(std::string_view id);

/// The rules page, docs/rules.md: the catalogue table, then one section per implemented rule.
/// Regenerate the file with `dynamodel rules --format md > docs/rules.md`.
std::string rules_markdown();

/// One rule's section of the rules page (`## \`id\``, what, why, severity, examples, source).
std::string rule_markdown(const CatalogueEntry& entry);

}  // namespace dynamodel
