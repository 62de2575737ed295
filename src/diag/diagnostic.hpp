// Findings ("diagnostics") as data: rule id, severity, message, source location, notes.
// Formatting into text or JSON happens at the edge (diag/format.hpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dynamodel {

/// The name of a model file as the user gave it, shared by every Location in that file: a
/// loaded model holds several locations per YAML node, and copying a FileName copies a
/// pointer where a std::string of over 15 bytes would allocate (bench/scale.py: a third of
/// `validate`'s time). Names are interned for the life of the process (thread-safe).
class FileName {
 public:
  FileName();
  FileName(std::string_view name);  // NOLINT(google-explicit-constructor): a file name is a string
  FileName(const std::string& name) : FileName(std::string_view(name)) {}  // NOLINT
  FileName(const char* name) : FileName(std::string_view(name)) {}         // NOLINT

  const std::string& str() const { return *name_; }
  operator const std::string&() const { return *name_; }  // NOLINT
  bool empty() const { return name_->empty(); }

  friend bool operator==(const FileName& a, const FileName& b) { return a.name_ == b.name_; }
  friend bool operator<(const FileName& a, const FileName& b) { return *a.name_ < *b.name_; }

 private:
  const std::string* name_;
};

/// A place in a model file. `line` and `column` are 1-based; 0 means unknown
/// (for example a finding about the whole file).
struct Location {
  FileName file;
  int line = 0;
  int column = 0;
};

/// Severity of a finding, ordered: info < warning < error.
enum class Severity { info = 0, warning = 1, error = 2 };

std::string_view to_string(Severity s);
/// Parses "info", "warning" or "error"; returns false for anything else.
bool parse_severity(std::string_view text, Severity& out);

/// A secondary location attached to a finding ("GSI1 is defined here").
struct Note {
  Location location;
  std::string message;
};

/// One finding. `rule` is a stable id from the rule catalogue (`schema/unknown-field`);
/// `path` is the model path of the node at fault (`table.global_secondary_indexes[0].name`).
struct Diagnostic {
  std::string rule;
  Severity severity = Severity::error;
  std::string message;
  Location location;
  std::string path;
  std::vector<Note> notes;
  /// The fix written for this model (its entity, attribute and pattern names, the value to
  /// set), shown by the design review; empty when the rule has none. The rule catalogue's
  /// generic example stays in `dynamodel rules ID`.
  std::string fix;
  /// The access patterns (ids) whose load drives this finding (capacity and hot-key rules);
  /// the design review highlights their rows.
  std::vector<std::string> patterns;
};

/// A finding that a `# dynamodel: ignore[...]` comment or a baseline silenced, with the
/// justification to report (SARIF `result.suppressions[]`).
struct SuppressedFinding {
  Diagnostic finding;
  std::string kind;           ///< SARIF suppression kind: `inSource` (a comment) or `external` (a baseline)
  std::string justification;  ///< the comment's reason, or the baseline file
};

/// Sorts findings by file, line, column, rule id, then message, so output is deterministic.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);

/// The highest severity among `diagnostics`; `info` when the list is empty.
Severity max_severity(const std::vector<Diagnostic>& diagnostics);

}  // namespace dynamodel
