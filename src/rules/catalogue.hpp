// The rule catalogue as data, the one list of rule ids: the loader's structural rules
// (yaml/syntax, schema/*), the design rules (rules()) and the change rules of `dynamodel diff`
// (diff/diff.hpp change_rules()), each with its metadata. `dynamodel rules`, the SARIF rule
// list, docs/rules.md, `--disable` and the loader's check of `lint.disable` read it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rules/rule.hpp"

namespace dynamodel {

/// One catalogue entry (every entry is implemented; the field stays for the rules page).
struct CatalogueEntry {
  RuleInfo info;
  bool implemented = true;
  bool structural = false;  ///< reported by the loader, not by a Rule
};

/// Every rule of the catalogue, in catalogue order.
const std::vector<CatalogueEntry>& catalogue();

/// The ids of catalogue(), in its order: what `lint.disable` and `--disable` accept.
const std::vector<std::string_view>& known_rule_ids();

/// The entry of `id`, or nullopt for an id outside the catalogue.
std::optional<CatalogueEntry> catalogue_entry(std::string_view id);

/// The rules page, docs/rules.md: the catalogue table, then one section per implemented rule.
/// Regenerate the file with `dynamodel rules --format md > docs/rules.md`.
std::string rules_markdown();

/// One rule's section of the rules page (`## \`id\``, what, why, severity, examples, source).
std::string rule_markdown(const CatalogueEntry& entry);

}  // namespace dynamodel
