// `dynamodel validate FILE...`: load each model, run the rules, print the findings.
#include <iostream>

#include "cli/cli.hpp"
#include "diag/format.hpp"
#include "dynamodel/version.hpp"
#include "model/loader.hpp"
#include "rules/catalogue.hpp"

namespace dynamodel::cli {
namespace {

struct ValidateOptions {
  std::vector<std::string> files;
  std::string format = "text";
  std::string fail_on = "error";
  std::vector<std::string> disable;
  TargetOptions target_options;  ///< for the target rules (target/*), as generate would use them
};

/// The rules a validate run can report, for SARIF: the implemented rules of the catalogue
/// (structural ones included) and `internal-error`, the finding of a rule that threw.
std::vector<SarifRule> sarif_rules() {
  std::vector<SarifRule> out;
  for (const auto& e : catalogue())
    if (e.implemented) out.push_back(SarifRule{e.info.id, e.info.severity, e.info.summary, e.info.why, e.info.source});
  out.push_back(SarifRule{"internal-error", Severity::error, "a rule could not run (a bug in dynamodel)",
                          "The other rules still ran; please report the message.", ""});
  return out;
}

int run_validate(const ValidateOptions& o, const GlobalOptions& global) {
  const bool never_fail = o.fail_on == "none";
  Severity fail_on = Severity::error;
  if (!never_fail) parse_severity(o.fail_on, fail_on);
  const std::set<std::string> disabled = disabled_rules(o.disable);
  std::vector<Diagnostic> all;
  bool input_error = false;
  for (const auto& file : o.files) {
    try {
      Checked checked = check_model(file, disabled, o.target_options);
      all.insert(all.end(), checked.diagnostics.begin(), checked.diagnostics.end());
    } catch (const InputError& e) {
      global.error(e.what());
      input_error = true;
    }
  }
  if (o.format == "json") {
    *global.out << to_json(all).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  } else if (o.format == "sarif") {
    *global.out << to_sarif(all, sarif_rules(), kVersion).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                << '\n';
  } else if (o.format == "github") {
    print_github(*global.out, all);
    *global.out << summary_line(all, o.files.size()) << '\n';
  } else {
    print_text(*global.out, all, global.use_color(false));
    *global.out << summary_line(all, o.files.size()) << '\n';
  }
  if (input_error) return kExitUsage;
  for (const auto& d : all)
    if (!never_fail && d.severity >= fail_on) return kExitFindings;
  return kExitOk;
}

}  // namespace

Command register_validate(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<ValidateOptions>();
  CLI::App* cmd =
      app.add_subcommand("validate",
                         "Check model files: YAML structure, then the design rules. Prints\n"
                         "`file:line:col: severity: message [rule-id]` for each finding and a summary line\n"
                         "(or JSON, SARIF 2.1.0, or GitHub Actions annotations with --format).");
  cmd->add_option("FILE", o->files, "Model files (YAML)")->required();
  cmd->add_option("--format", o->format,
                  "Output format: text, json (an array of findings), sarif (SARIF 2.1.0 log) or github\n"
                  "(workflow commands that annotate the files in a GitHub Actions run)")
      ->check(CLI::IsMember({"text", "json", "sarif", "github"}))
      ->capture_default_str();
  cmd->add_option("--fail-on", o->fail_on,
                  "Lowest severity that makes the exit code 1: error, warning or info; none: findings\n"
                  "never do (exit 2 still reports unreadable input)")
      ->check(CLI::IsMember({"error", "warning", "info", "none"}))
      ->capture_default_str();
  cmd->add_option("--disable", o->disable, "Rule id to switch off (repeatable), like lint.disable in the model");
  add_target_options(*cmd, o->target_options);
  return [o, &global] { return run_validate(*o, global); };
}

}  // namespace dynamodel::cli
