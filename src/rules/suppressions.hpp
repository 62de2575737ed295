// In-source suppressions: `# dynamodel: ignore[rule-id, group/*] -- reason` comments in a model
// file, the findings they silence, and the lint/* findings about the comments themselves
// (unknown rule, no reason, silenced nothing). The conventions of ruff's `# noqa: CODE`,
// eslint's `// eslint-disable-next-line rule -- reason` and cfn-lint's Metadata ignore list.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.hpp"
#include "rules/rule_info.hpp"

namespace dynamodel {

/// One `# dynamodel: ignore[...]` comment. It covers the YAML node of its line when it ends a
/// line, or of the next line that is neither blank nor a comment when it stands alone, together
/// with that node's block: the lines after it that are indented deeper (an entity, an access
/// pattern, an index). `first_line`..`last_line` is that range (1-based, inclusive).
struct Suppression {
  Location at;                     ///< where the comment's `#` is
  std::vector<std::string> rules;  ///< rule ids or `group/*` as written
  std::string reason;              ///< the text after ` -- ` (trimmed); empty when none
  int first_line = 0;
  int last_line = 0;
};

/// The suppression comments of `text` (a model file named `file`). A comment starts at a `#`
/// at the start of a line or after a blank, and reads `dynamodel: ignore[...]` (spaces
/// allowed around the words); anything else is an ordinary comment. A malformed one (no `]`,
/// no rule) is returned with `rules` empty, for lint/suppression-rule to report.
std::vector<Suppression> parse_suppressions(std::string_view text, const FileName& file);

/// True when `rule` is `pattern` or `pattern` is `group/*` and `rule` is in that group.
bool rule_matches(std::string_view pattern, std::string_view rule);

/// Applies the suppressions of `text` to `findings` (the design rules' findings of that model
/// file): a matching finding moves to `suppressed`. Structural findings (yaml/*, schema/*) are
/// never silenced: the model would still not load. Then adds the lint/* findings about the
/// comments: a rule id outside `known_ids` (with the closest id) or no rule at all
/// (lint/suppression-rule), no reason (lint/suppression-reason), and an id that silenced
/// nothing (lint/unused-suppression; not for a rule in `disabled`, which cannot fire).
void apply_suppressions(std::string_view text, const FileName& file, const std::vector<std::string_view>& known_ids,
                        const std::set<std::string>& disabled, std::vector<Diagnostic>& findings,
                        std::vector<SuppressedFinding>& suppressed);

/// The lint/* rules above, for the catalogue (docs/rules.md).
const std::vector<RuleInfo>& suppression_rules();

}  // namespace dynamodel
