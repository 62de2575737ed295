// `# dynamodel: ignore[...] -- reason` comments (rules/suppressions.hpp).
#include "rules/suppressions.hpp"

#include <algorithm>
#include <cctype>

#include "model/text.hpp"

namespace dynamodel {
namespace {

const RuleInfo kUnknownRule{
    "lint/suppression-rule",
    Severity::error,
    "a `# dynamodel: ignore[...]` comment names no rule, or a rule id or group that does not exist",
    "A misspelt id silences nothing, and the finding it was meant for still fails the build; a bare "
    "`ignore` would silence every rule on the node, including errors found later. Name the rules.",
    "",
    "access_patterns:\n  # dynamodel: ignore[acess/scan] -- nightly export\n  - {id: AP9, name: exportAll, entity: "
    "Order, operation: Scan}",
    "access_patterns:\n  # dynamodel: ignore[access/scan] -- nightly export\n  - {id: AP9, name: exportAll, entity: "
    "Order, operation: Scan}",
    "ruff RUF102 (invalid rule code in noqa)"};
const RuleInfo kNoReason{
    "lint/suppression-reason",
    Severity::warning,
    "a suppression gives no reason (`-- why` after the brackets)",
    "A reviewer reading the design months later needs to know why a finding was accepted; the reason is "
    "reported in SARIF as the suppression's justification. The suppression still applies.",
    "",
    "access_patterns:\n  # dynamodel: ignore[access/scan]\n  - {id: AP9, name: exportAll, entity: Order, operation: "
    "Scan}",
    "access_patterns:\n  # dynamodel: ignore[access/scan] -- nightly export, off-peak\n  - {id: AP9, name: exportAll, "
    "entity: Order, operation: Scan}",
    "eslint-comments/require-description"};
const RuleInfo kUnused{
    "lint/unused-suppression",
    Severity::warning,
    "a suppression silences no finding (the design changed, or the "
    "comment is on the wrong node)",
    "A stale suppression would silently swallow the next real finding of that rule on the node; remove it.",
    "",
    "access_patterns:\n  # dynamodel: ignore[access/scan] -- nightly export\n  - {id: AP1, name: getOrder, entity: "
    "Order, operation: GetItem}",
    "access_patterns:\n  - {id: AP1, name: getOrder, entity: Order, operation: GetItem}",
    "ruff RUF100 (unused noqa), eslint --report-unused-disable-directives"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool consume(std::string_view& s, std::string_view word) {
  s = trim(s);
  if (s.substr(0, word.size()) != word) return false;
  s.remove_prefix(word.size());
  return true;
}

/// The column (0-based) of the `#` that starts the line's comment, or npos. Quotes are
/// tracked so that a `#` inside a quoted scalar is not a comment.
std::size_t comment_start(std::string_view line) {
  char quote = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quote) {
      if (c == quote) quote = 0;
      if (c == '\\' && quote == '"') ++i;
    } else if (c == '"' || c == '\'') {
      if (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t' || line[i - 1] == ':' || line[i - 1] == '[' ||
          line[i - 1] == '{' || line[i - 1] == ',' || line[i - 1] == '-')
        quote = c;
    } else if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
      return i;
    }
  }
  return std::string_view::npos;
}

int indentation(std::string_view line) {
  int n = 0;
  while (n < static_cast<int>(line.size()) && line[n] == ' ') ++n;
  return n;
}

bool blank_or_comment(std::string_view line) {
  const std::string_view t = trim(line);
  return t.empty() || t.front() == '#';
}

/// The last line (1-based) of the block that starts at `lines[node]` (0-based).
int block_end(const std::vector<std::string_view>& lines, std::size_t node) {
  const int indent = indentation(lines[node]);
  std::string_view head = lines[node];
  if (const auto c = comment_start(head); c != std::string_view::npos) head = head.substr(0, c);
  const bool opens_block = !trim(head).empty() && trim(head).back() == ':';
  std::size_t last = node;
  for (std::size_t i = node + 1; i < lines.size(); ++i) {
    if (blank_or_comment(lines[i])) continue;
    const int in = indentation(lines[i]);
    const bool same_level_item = opens_block && in == indent && trim(lines[i]).front() == '-';
    if (in <= indent && !same_level_item) break;
    last = i;
  }
  return static_cast<int>(last) + 1;
}

}  // namespace

std::vector<Suppression> parse_suppressions(std::string_view text, const FileName& file) {
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  std::vector<Suppression> out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::size_t hash = comment_start(lines[i]);
    if (hash == std::string_view::npos) continue;
    std::string_view rest = lines[i].substr(hash + 1);
    if (!consume(rest, "dynamodel:") || !consume(rest, "ignore")) continue;
    Suppression s;
    s.at = Location{file, static_cast<int>(i) + 1, static_cast<int>(hash) + 1};
    rest = trim(rest);
    if (!rest.empty() && rest.front() == '[') {
      const std::size_t close = rest.find(']');
      if (close != std::string_view::npos) {
        std::string_view list = rest.substr(1, close - 1);
        while (!list.empty()) {
          const std::size_t comma = list.find(',');
          const std::string_view id = trim(list.substr(0, comma));
          if (!id.empty()) s.rules.emplace_back(id);
          if (comma == std::string_view::npos) break;
          list.remove_prefix(comma + 1);
        }
        rest.remove_prefix(close + 1);
        if (consume(rest, "--")) s.reason = std::string(trim(rest));
      }
    }
    // The node: this line when code precedes the comment, else the next line with code.
    std::size_t node = i;
    if (trim(lines[i].substr(0, hash)).empty()) {
      node = i + 1;
      while (node < lines.size() && blank_or_comment(lines[node])) ++node;
    }
    if (node < lines.size()) {
      s.first_line = static_cast<int>(node) + 1;
      s.last_line = block_end(lines, node);
    }
    out.push_back(std::move(s));
  }
  return out;
}

bool rule_matches(std::string_view pattern, std::string_view rule) {
  if (pattern.size() >= 2 && pattern.substr(pattern.size() - 2) == "/*")
    return rule.substr(0, pattern.size() - 1) == pattern.substr(0, pattern.size() - 1);
  return pattern == rule;
}

void apply_suppressions(std::string_view text, const FileName& file, const std::vector<std::string_view>& known_ids,
                        const std::set<std::string>& disabled, std::vector<Diagnostic>& findings,
                        std::vector<SuppressedFinding>& suppressed) {
  if (text.find("dynamodel") == std::string_view::npos) return;
  const std::vector<Suppression> list = parse_suppressions(text, file);
  if (list.empty()) return;
  const auto is_structural = [](std::string_view rule) {
    return rule.rfind("yaml/", 0) == 0 || rule.rfind("schema/", 0) == 0 || rule.rfind("lint/", 0) == 0;
  };
  std::vector<std::vector<bool>> used(list.size());
  for (std::size_t k = 0; k < list.size(); ++k) used[k].assign(list[k].rules.size(), false);
  std::vector<Diagnostic> kept;
  for (auto& d : findings) {
    bool silenced = false;
    if (!is_structural(d.rule) && d.location.file == file)
      for (std::size_t k = 0; k < list.size() && !silenced; ++k) {
        const Suppression& s = list[k];
        if (d.location.line < s.first_line || d.location.line > s.last_line) continue;
        for (std::size_t r = 0; r < s.rules.size(); ++r)
          if (rule_matches(s.rules[r], d.rule)) {
            used[k][r] = true;
            silenced = true;
            suppressed.push_back(SuppressedFinding{d, "inSource", s.reason});
            break;
          }
      }
    if (!silenced) kept.push_back(std::move(d));
  }
  findings = std::move(kept);

  const auto finding = [&](const RuleInfo& rule, const Suppression& s, std::string message) {
    findings.push_back(Diagnostic{std::string(rule.id), rule.severity, std::move(message), s.at, "", {}, {}, {}});
  };
  for (std::size_t k = 0; k < list.size(); ++k) {
    const Suppression& s = list[k];
    if (s.rules.empty()) {
      finding(kUnknownRule, s,
              "the suppression names no rule: write `# dynamodel: ignore[RULE-ID] -- reason` (a group as `hot/*`)");
      continue;
    }
    if (s.reason.empty())
      finding(kNoReason, s, "the suppression of " + s.rules.front() + " gives no reason: add ` -- why` after ']'");
    for (std::size_t r = 0; r < s.rules.size(); ++r) {
      const std::string& id = s.rules[r];
      const bool known =
          std::any_of(known_ids.begin(), known_ids.end(), [&](std::string_view k) { return rule_matches(id, k); });
      if (!known) {
        std::string message = "the suppression names '" + id + "', which is not a rule id or group";
        if (auto best = closest_match(id, known_ids)) message += "; did you mean '" + *best + "'?";
        finding(kUnknownRule, s, message);
      } else if (!used[k][r] && !std::any_of(disabled.begin(), disabled.end(),
                                             [&](const std::string& off) { return rule_matches(id, off); })) {
        finding(kUnused, s,
                s.first_line ? "the suppression of " + id + " silences no finding on lines " +
                                   std::to_string(s.first_line) + "-" + std::to_string(s.last_line) + ": remove it"
                             : "the suppression of " + id + " is not followed by any node: remove it");
      }
    }
  }
  sort_diagnostics(findings);
}

const std::vector<RuleInfo>& suppression_rules() {
  static const std::vector<RuleInfo> list = {kUnknownRule, kNoReason, kUnused};
  return list;
}

}  // namespace dynamodel
