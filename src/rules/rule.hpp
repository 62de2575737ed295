// Design rules: each rule is one small file under rules/, listed once in rules/registry.cpp.
// A rule reads the immutable Model and reports findings; it never changes anything.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.hpp"
#include "model/model.hpp"

namespace dynamodel {

/// A rule's metadata: its stable id (docs/rules.md), default severity, a one-line summary,
/// why it matters, and the AWS documentation page behind it.
struct RuleInfo {
  std::string_view id;
  Severity severity;
  std::string_view summary;
  std::string_view why;
  std::string_view source;  ///< AWS documentation URL
};

/// Collects one rule's findings with its id and severity.
class Findings {
 public:
  Findings(const RuleInfo& info, std::vector<Diagnostic>& out) : info_(info), out_(out) {}
  void report(const Location& where, const std::string& path, std::string message, std::vector<Note> notes = {}) {
    out_.push_back(Diagnostic{std::string(info_.id), info_.severity, std::move(message), where, path, std::move(notes)});
  }

 private:
  const RuleInfo& info_;
  std::vector<Diagnostic>& out_;
};

struct Rule {
  RuleInfo info;
  void (*check)(const Model& model, Findings& findings);
};

/// Every implemented rule, in catalogue order.
const std::vector<Rule>& rules();

/// Runs every rule not in `disabled` (ids) nor in the model's `lint.disable`. A rule that
/// throws becomes one `internal-error` finding and the others still run.
std::vector<Diagnostic> run_rules(const Model& model, const std::set<std::string>& disabled);

}  // namespace dynamodel
