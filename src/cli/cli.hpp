// The command line: a thin main, one file per subcommand, and the exit-code policy.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analysis/analysis.hpp"
#include "diag/diagnostic.hpp"
#include "gen/generator.hpp"
#include "model/loader.hpp"
#include "model/model.hpp"

namespace dynamodel::cli {

/// Exit codes (README "Exit codes"): CI and pre-commit rely on them.
enum ExitCode : int {
  kExitOk = 0,        ///< no finding at or above the failing severity
  kExitFindings = 1,  ///< findings at or above the failing severity, or files out of date
  kExitUsage = 2,     ///< bad usage, or an input/output error (message on stderr, `dynamodel:` prefix)
};

/// Options shared by every subcommand.
struct GlobalOptions {
  std::string color = "auto";
  bool use_color(bool for_stderr) const;
};

/// A subcommand registers its options on `app` and returns the function that runs it.
using Command = std::function<int()>;
using Registrar = Command (*)(CLI::App& app, const GlobalOptions& global);

Command register_validate(CLI::App& app, const GlobalOptions& global);
Command register_generate(CLI::App& app, const GlobalOptions& global);
Command register_view(CLI::App& app, const GlobalOptions& global);
Command register_analyze(CLI::App& app, const GlobalOptions& global);
Command register_rules(CLI::App& app, const GlobalOptions& global);
Command register_templates(CLI::App& app, const GlobalOptions& global);
Command register_report(CLI::App& app, const GlobalOptions& global);  ///< cli/report.cpp
Command register_sample(CLI::App& app, const GlobalOptions& global);  ///< cli/report.cpp
Command register_diff(CLI::App& app, const GlobalOptions& global);
Command register_init(CLI::App& app, const GlobalOptions& global);

/// `--templates DIR` (generate, report): points `source` at DIR when DIR is not empty. Prints
/// the error and returns false when DIR is not a folder.
bool use_template_dir(TemplateSource& source, const std::string& dir);

/// Adds `--terraform-style` and `--cdk-construct` (shared by generate, view and validate).
void add_target_options(CLI::App& cmd, TargetOptions& options);

/// A model after loading and the rules: the findings, and the model and the analysis the
/// rules ran on when it loaded.
struct Checked {
  std::optional<Model> model;
  std::optional<Analysis> analysis;
  std::vector<Diagnostic> diagnostics;
};

/// Loads `path` and runs the rules not in `disabled`, the target rules with `options`. Throws
/// InputError when unreadable.
Checked check_model(const std::string& path, const std::set<std::string>& disabled,
                    const TargetOptions& options = {});
/// check_model for a model already loaded (text from memory: the fuzz harnesses, fuzz/).
Checked check_loaded(LoadResult loaded, const std::set<std::string>& disabled, const TargetOptions& options = {});

/// The error-severity findings of `checked`: what stops generation.
std::vector<Diagnostic> errors_of(const Checked& checked);

/// Validates `--disable` ids against the rule catalogue; throws CLI::ValidationError.
std::set<std::string> disabled_rules(const std::vector<std::string>& ids);

/// Prints `dynamodel: message` on stderr.
void print_error(const std::string& message);

/// Runs the program; returns the process exit code.
int run(int argc, char** argv);

}  // namespace dynamodel::cli
