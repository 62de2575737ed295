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
/// `suppressed` findings are results too, each with `suppressions: [{kind, justification}]`
/// (SARIF 3.27.23: a consumer shows them as accepted, not as open problems).
nlohmann::json to_sarif(const std::vector<Diagnostic>& diagnostics, const std::vector<SarifRule>& rules,
                        std::string_view version, std::string_view information_uri = {},
                        const std::vector<SuppressedFinding>& suppressed = {});

/// `FILE:LINE:COLUMN` (`<input>` without a file; LINE and COLUMN when known), as the text
/// format prints locations.
std::string location_text(const Location& loc);

/// The finding's message, then each note on its own line: `note: LOCATION: text`.
std::string message_with_notes(const Diagnostic& d);

/// One GitHub Actions workflow command per finding
/// (`::error file=F,line=L,col=C,title=RULE::message`; `::warning`, `::notice` for info), the
/// notes appended to the message, escaped as GitHub's toolkit does
/// (https://docs.github.com/en/actions/using-workflows/workflow-commands-for-github-actions).
void print_github(std::ostream& out, const std::vector<Diagnostic>& diagnostics);

/// The findings as a GitLab code quality report (a JSON array of Code Climate issues:
/// `description`, `check_name` (the rule id), `fingerprint`, `severity` (error: major, warning:
/// minor, info: info) and `location.path` with `location.lines.begin`; the format of
/// https://docs.gitlab.com/ee/ci/testing/code_quality.html#code-quality-report-format). The
/// fingerprint is the SHA-256 of rule, file, model path and message (not the line, so that it
/// survives edits above the node), with a counter for identical findings.
nlohmann::json to_gitlab(const std::vector<Diagnostic>& diagnostics);

/// The findings as JUnit XML (the Jenkins/GitLab/Azure dialect): `<testsuites>` with one
/// `<testsuite>` per file in `files` (the files read, in order), one `<testcase>` per finding
/// (a `<failure>` when its severity is at least `fail_on`, else the message as `<system-out>`),
/// and one passing `<testcase>` for a file without findings. Characters XML 1.0 forbids are
/// dropped.
std::string to_junit(const std::vector<Diagnostic>& diagnostics, const std::vector<std::string>& files,
                     Severity fail_on, bool never_fail);

/// The findings as checkstyle XML (`<checkstyle version="4.3">`, one `<file name>` per file in
/// `files`, one `<error line column severity message source>` per finding; source is
/// `dynamodel.RULE-ID`), the format of checkstyle's XMLLogger that reviewdog and Jenkins read.
std::string to_checkstyle(const std::vector<Diagnostic>& diagnostics, const std::vector<std::string>& files);

}  // namespace dynamodel
