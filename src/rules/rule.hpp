// Design rules: each rule is one small file under rules/, listed once (one line) in
// rules/registry.cpp.
// A rule reads the immutable Model and reports findings; it never changes anything.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analysis.hpp"
#include "rules/rule_info.hpp"
#include "diag/diagnostic.hpp"
#include "gen/deployed.hpp"  // TargetOptions
#include "model/model.hpp"

namespace dynamodel {

/// Collects one rule's findings with its id and severity.
class Findings {
 public:
  Findings(const RuleInfo& info, std::vector<Diagnostic>& out) : info_(info), out_(out) {}
  void report(const Location& where, const std::string& path, std::string message, std::vector<Note> notes = {}) {
    out_.push_back(
        Diagnostic{std::string(info_.id), info_.severity, std::move(message), where, path, std::move(notes), {}, {}});
  }
  /// Reports with another severity than the rule's default (a rule that escalates, such as
  /// hot/partition-throughput: a warning from 50% of the ceiling, an error past it).
  void report(Severity severity, const Location& where, const std::string& path, std::string message,
              std::vector<Note> notes = {}) {
    out_.push_back(
        Diagnostic{std::string(info_.id), severity, std::move(message), where, path, std::move(notes), {}, {}});
  }
  /// Sets the fix of the finding just reported, written for this model (Diagnostic::fix).
  void fix(std::string text) {
    if (!out_.empty()) out_.back().fix = std::move(text);
  }
  /// Sets the access patterns (ids) that drive the finding just reported (Diagnostic::patterns).
  void patterns(std::vector<std::string> ids) {
    if (!out_.empty()) out_.back().patterns = std::move(ids);
  }

 private:
  const RuleInfo& info_;
  std::vector<Diagnostic>& out_;
};

/// A message and its notes, as a rule words a problem the analysis found.
struct Wording {
  std::string message;
  std::vector<Note> notes;
};

struct Rule {
  RuleInfo info;
  /// Reads the model and the analysis computed once from it (sizes, capacity, key coverage).
  void (*check)(const Model& model, const Analysis& analysis, Findings& findings);
  /// A target rule (target/*) instead reads the model and the target options: what a target,
  /// with the options `generate` was given (`validate`: the same options, default `auto` and
  /// `resource`), cannot express. Exactly one of `check` and `check_target` is set.
  void (*check_target)(const Model& model, const TargetOptions& options, Findings& findings) = nullptr;
  /// A key-coverage rule words the problems of analysis/coverage that carry its id (the
  /// analysis records facts only); `check` reports them, the report and `analyze` show them.
  Wording (*describe)(const CoverageProblem& problem) = nullptr;
};

/// Every implemented rule, in catalogue order.
const std::vector<Rule>& rules();

/// The message of a key-coverage problem, worded by the rule of its id (`describe`); the rule
/// id itself when no rule words it.
std::string coverage_message(const CoverageProblem& problem);

/// Runs every rule not in `disabled` (ids) nor in the model's `lint.disable`, the target rules
/// with `options`. A rule that throws becomes one `internal-error` finding and the others still run.
std::vector<Diagnostic> run_rules(const Model& model, const std::set<std::string>& disabled,
                                  const TargetOptions& options = {});
/// The same with an analysis computed by the caller (`analyze` and `report` share it).
std::vector<Diagnostic> run_rules(const Model& model, const Analysis& analysis, const std::set<std::string>& disabled,
                                  const TargetOptions& options = {});

}  // namespace dynamodel
