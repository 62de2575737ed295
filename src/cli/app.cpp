// The top-level command: global options, subcommand registry, and the exit-code policy.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/cli.hpp"
#include "dynamodel/version.hpp"
#include "model/loader.hpp"
#include "model/text.hpp"
#include "rules/rule.hpp"
#include "rules/catalogue.hpp"

namespace dynamodel::cli {

bool GlobalOptions::use_color(bool for_stderr) const {
  if (color == "always") return true;
  if (color == "never") return false;
  if (std::getenv("NO_COLOR")) return false;
  for (const char* name : {"FORCE_COLOR", "CLICOLOR_FORCE"}) {
    const char* value = std::getenv(name);
    if (value && *value && std::string(value) != "0") return true;
  }
  const char* term = std::getenv("TERM");
  if (term && std::string(term) == "dumb") return false;
  // Only the process's own streams can be a terminal.
  if ((for_stderr ? err : out) != (for_stderr ? &std::cerr : &std::cout)) return false;
  return ::isatty(for_stderr ? STDERR_FILENO : STDOUT_FILENO) == 1;
}

void GlobalOptions::error(const std::string& message) const { *err << "dynamodel: " << message << '\n'; }

std::set<std::string> disabled_rules(const std::vector<std::string>& ids) {
  std::set<std::string> out;
  const auto& known = known_rule_ids();
  for (const auto& id : ids) {
    if (std::find(known.begin(), known.end(), id) == known.end()) {
      std::string message = "--disable: unknown rule id '" + id + "'";
      if (auto best = closest_match(id, known)) message += "; did you mean '" + *best + "'?";
      throw CLI::ValidationError(message);
    }
    out.insert(id);
  }
  return out;
}

std::string read_text_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw InputError(path + ": not a readable file");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  if (!in && !in.eof()) throw InputError(path + ": cannot read");
  return s.str();
}

std::string load_failure_message(const std::string& file, const std::vector<Diagnostic>& diagnostics) {
  std::string message = file + " does not load";
  for (const auto& d : diagnostics)
    if (d.severity == Severity::error) {
      message += ": " + std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + ": " + d.message +
                 " [" + d.rule + "]";
      break;
    }
  return message;
}

Checked check_model(const std::string& path, const std::set<std::string>& disabled, const TargetOptions& options,
                    const LintDefaults& defaults) {
  const std::string text = read_model_file(path);
  return check_loaded(load_model_text(text, path, known_rule_ids()), disabled, options, text, defaults);
}

Checked check_loaded(LoadResult loaded, const std::set<std::string>& disabled, const TargetOptions& options,
                     std::string_view text, const LintDefaults& defaults) {
  Checked checked{std::move(loaded.model), std::nullopt, std::move(loaded.diagnostics), {}};
  if (checked.model) {
    // The model's own lint: settings win over the repository configuration's.
    if (!checked.model->lint.gsi_quota) checked.model->lint.gsi_quota = defaults.gsi_quota;
    if (!checked.model->lint.default_rate_per_second)
      checked.model->lint.default_rate_per_second = defaults.default_rate_per_second;
    checked.analysis = analyze(*checked.model);
    auto findings = run_rules(*checked.model, *checked.analysis, disabled, options);
    std::set<std::string> off = disabled;
    off.insert(checked.model->lint.disable.begin(), checked.model->lint.disable.end());
    apply_suppressions(text, checked.model->file, known_rule_ids(), off, findings, checked.suppressed);
    checked.diagnostics.insert(checked.diagnostics.end(), findings.begin(), findings.end());
    sort_diagnostics(checked.diagnostics);
  }
  return checked;
}

std::vector<Diagnostic> errors_of(const Checked& checked) {
  std::vector<Diagnostic> errors;
  for (const auto& d : checked.diagnostics)
    if (d.severity == Severity::error) errors.push_back(d);
  return errors;
}

int run(int argc, char** argv) {
  std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
  return run(args, std::cout, std::cerr);
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{
      "dynamodel: review a DynamoDB table design written as a YAML model, and generate\n"
      "CloudFormation (and more) from it. See README.md for the model format.",
      "dynamodel"};
  app.set_version_flag("--version",
                       std::string("dynamodel ") + kVersion + " (model format " + std::to_string(kFormatVersion) + ")");
  GlobalOptions global;
  global.out = &out;
  global.err = &err;
  app.add_option("--color", global.color, "Colour output: auto (when a terminal), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app.require_subcommand(1);
  // Subcommands hand the options they do not know to the top level: `--color` anywhere.
  app.fallthrough();
  app.footer(
      "Exit codes: 0 no finding at or above the failing severity, 1 findings (or files out of date),\n"
      "2 usage or input/output error. Run `dynamodel COMMAND --help` for a command's options.");

  static const Registrar kCommands[] = {register_validate, register_generate,   register_view,   register_analyze,
                                        register_rules,    register_templates,  register_diff,   register_init,
                                        register_report,   register_sample,     register_import, register_drift,
                                        register_verify,   register_completion, register_manpage};
  std::vector<std::pair<CLI::App*, Command>> commands;
  for (Registrar r : kCommands) {
    const auto before = app.get_subcommands({}).size();
    Command c = r(app, global);
    commands.emplace_back(app.get_subcommands({})[before], std::move(c));
  }

  try {
    // CLI11 takes the arguments last first.
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    app.parse(reversed);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, out, err);
  } catch (const CLI::ParseError& e) {
    global.error(e.what());
    err << "Run `dynamodel --help` for usage.\n";
    return kExitUsage;
  }
  for (auto& [sub, command] : commands) {
    if (sub->parsed()) {
      try {
        return command();
      } catch (const InputError& e) {
        global.error(e.what());
        return kExitUsage;
      } catch (const CLI::ParseError& e) {  // an option's value checked after parsing (--disable)
        global.error(e.what());
        err << "Run `dynamodel " << sub->get_name() << " --help` for usage.\n";
        return kExitUsage;
      } catch (const std::exception& e) {
        global.error(std::string("internal error: ") + e.what() + " (please report this)");
        return kExitUsage;
      }
    }
  }
  return kExitUsage;
}

}  // namespace dynamodel::cli
