// The command line: a thin main, one file per subcommand, and the exit-code policy.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analysis/analysis.hpp"
#include "diag/diagnostic.hpp"
#include "gen/generator.hpp"
#include "model/config.hpp"
#include "model/loader.hpp"
#include "model/model.hpp"
#include "rules/suppressions.hpp"

namespace dynamodel::cli {

/// Exit codes (README "Exit codes"): CI and pre-commit rely on them.
enum ExitCode : int {
  kExitOk = 0,        ///< no finding at or above the failing severity
  kExitFindings = 1,  ///< findings at or above the failing severity, or files out of date
  kExitUsage = 2,     ///< bad usage, or an input/output error (message on stderr, `dynamodel:` prefix)
};

/// Options shared by every subcommand, and where it writes: its output (`out`, standard
/// output in the program) and its messages and findings (`err`, standard error).
struct GlobalOptions {
  std::string color = "auto";
  std::istream* in = &std::cin;  ///< standard input (`validate -`)
  std::ostream* out = &std::cout;
  std::ostream* err = &std::cerr;
  /// Colour for `err` (for_stderr) or `out`: --color always, or auto on a terminal (the real
  /// standard output or error only) unless NO_COLOR is set or TERM is dumb; with auto,
  /// FORCE_COLOR or CLICOLOR_FORCE set to anything but `0` (or empty) turn it on anywhere
  /// (https://force-color.org, https://bixense.com/clicolors/).
  bool use_color(bool for_stderr) const;
  /// Prints `dynamodel: message` on `err`.
  void error(const std::string& message) const;
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
Command register_import(CLI::App& app, const GlobalOptions& global);
/// `dynamodel completion bash|zsh|fish` and `dynamodel manpage` (cli/completion.cpp): generated
/// from the command line definition of `app` through templates/shell/.
Command register_completion(CLI::App& app, const GlobalOptions& global);
Command register_manpage(CLI::App& app, const GlobalOptions& global);
/// The message for a model that did not load (drift, verify): `FILE does not load: LINE:COL:
/// message [rule]` of its first error.
std::string load_failure_message(const std::string& file, const std::vector<Diagnostic>& diagnostics);
/// `dynamodel drift MODEL --endpoint URL`: the deployed table compared with the model (cli/drift.cpp).
Command register_drift(CLI::App& app, const GlobalOptions& global);
/// `dynamodel verify MODEL --endpoint URL`: the model's patterns run on a fresh table (cli/verify.cpp).
Command register_verify(CLI::App& app, const GlobalOptions& global);

/// `--templates DIR` (generate, report): points `source` at DIR when DIR is not empty. Prints
/// the error and returns false when DIR is not a folder.
bool use_template_dir(TemplateSource& source, const std::string& dir, const GlobalOptions& global);

/// The whole content of the file at `path`; throws InputError when it is not a readable file.
std::string read_text_file(const std::string& path);

/// Adds `--terraform-style` and `--cdk-construct` (shared by generate, view and validate).
void add_target_options(CLI::App& cmd, TargetOptions& options);

/// A model after loading and the rules: the findings, and the model and the analysis the
/// rules ran on when it loaded.
struct Checked {
  std::optional<Model> model;
  std::optional<Analysis> analysis;
  std::vector<Diagnostic> diagnostics;
  /// The findings `# dynamodel: ignore[...]` comments silenced (SARIF reports them as
  /// suppressed); never counted for the exit code.
  std::vector<SuppressedFinding> suppressed;
};

/// Defaults for a model's `lint:` settings it does not state itself (the repository
/// configuration's `quota` and `default_rate_per_second`).
struct LintDefaults {
  std::optional<std::int64_t> gsi_quota;
  std::optional<double> default_rate_per_second;
};

/// Loads `path` and runs the rules not in `disabled`, the target rules with `options`, then
/// applies the file's suppression comments (rules/suppressions.hpp). Throws InputError when
/// unreadable.
Checked check_model(const std::string& path, const std::set<std::string>& disabled, const TargetOptions& options = {},
                    const LintDefaults& defaults = {});
/// check_model for a model already loaded from `text` (standard input, the fuzz harnesses).
Checked check_loaded(LoadResult loaded, const std::set<std::string>& disabled, const TargetOptions& options = {},
                     std::string_view text = {}, const LintDefaults& defaults = {});

/// `--config FILE` and `--no-config` (validate, generate).
struct ConfigOptions {
  std::string file;
  bool none = false;
};
void add_config_options(CLI::App& cmd, ConfigOptions& options);

/// The repository configuration in effect (cli/config.cpp): `config.file` empty when none.
struct Settings {
  RepoConfig config;
  std::set<std::string> off;                               ///< `disable`, groups expanded
  std::vector<std::pair<std::string, Severity>> severity;  ///< `severity`, in file order
  LintDefaults defaults;                                   ///< `quota`, `default_rate_per_second`
};
/// Reads `--config FILE`, or with neither option the discovered `.dynamodel.yaml`. Throws
/// InputError listing every problem (file:line:col) of a file that does not read, and
/// CLI::ValidationError for a rule id or group that matches no rule.
Settings settings_for(const ConfigOptions& options);
/// The catalogue ids `pattern` (an id or `group/*`) names; a CLI::ValidationError naming
/// `where` (with the closest id) when it names none.
std::vector<std::string> rules_matching(const std::string& pattern, const std::string& where);
/// Sets the severity of each finding whose rule matches an override (a later one wins).
void apply_severity(std::vector<Diagnostic>& findings, const std::vector<std::pair<std::string, Severity>>& overrides);

/// The error-severity findings of `checked`: what stops generation.
std::vector<Diagnostic> errors_of(const Checked& checked);

/// Validates `--disable` ids against the rule catalogue; throws CLI::ValidationError.
std::set<std::string> disabled_rules(const std::vector<std::string>& ids);

/// Runs the program with arguments `args` (without the program name), writing to `out` and
/// `err`; returns the process exit code. Nothing else is written to the standard streams, so
/// the CLI runs in-process in tests.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// run() with the process's arguments and standard streams.
int run(int argc, char** argv);

}  // namespace dynamodel::cli
