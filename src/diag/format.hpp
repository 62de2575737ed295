// Formatters for findings: compiler-style text (optionally coloured), JSON, SARIF 2.1.0 and
// GitHub Actions workflow commands.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.hpp"

namespace dynamodel {

/// Writes `file:line:col: severity: message [rule-id]`, one line per finding, then one
/// `file:line:col: note: ...` line per note. With `color`, ANSI colours as compilers use them.
void print_text(std::ostream& out, const std::vector<Diagnostic>& diagnostics, bool color);

/// The findings as a JSON array of objects
/// `{rule, severity, message, file, line, column, path, notes: [{file, line, column, message}]}`.
nlohmann::json to_json(const std::vector<Diagnostic>& diagnostics);

/// `2 errors, 3 warnings, 1 info in 4 files`: the counts by severity and the number of files.
std::string summary_line(const std::vector<Diagnostic>& diagnostics, std::size_t files);

/// A rule as SARIF's `tool.driver.rules[]` describes it (a reportingDescriptor).
struct SarifRule {
  std::string_view id;
  Severity severity;          ///< defaultConfiguration.level
  std::string_view summary;   ///< shortDescription
  std::string_view why;       ///< fullDescription
  std::string_view help_uri;  ///< helpUri, left out when empty
};

/// The findings as one SARIF 2.1.0 log (https://docs.oasis-open.org/sarif/sarif/v2.1.0/):
/// one run of the tool `dynamodel` `version` with `rules`, one result per finding (ruleId,
/// ruleIndex, level error/warning/note, message, the location as a URI relative to
/// `%SRCROOT%` with startLine and startColumn, and each note as a related location).
/// `information_uri` (the tool's home page) is left out when empty.
nlohmann::json to_sarif(const std::vector<Diagnostic>& diagnostics, const std::vector<SarifRule>& rules,
                        std::string_view version, std::string_view information_uri = {});

/// One GitHub Actions workflow command per finding
/// (`::error file=F,line=L,col=C,title=RULE::message`; `::warning`, `::notice` for info), the
/// notes appended to the message, escaped as GitHub's toolkit does
/// (https://docs.github.com/en/actions/using-workflows/workflow-commands-for-github-actions).
void print_github(std::ostream& out, const std::vector<Diagnostic>& diagnostics);

}  // namespace dynamodel
