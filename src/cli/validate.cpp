// `dynamodel validate FILE...`: load each model, run the rules, print the findings.
#include <iostream>

#include "cli/cli.hpp"
#include "diag/format.hpp"
#include "model/loader.hpp"

namespace dynamodel::cli {
namespace {

struct ValidateOptions {
  std::vector<std::string> files;
  std::string format = "text";
  std::string fail_on = "error";
  std::vector<std::string> disable;
};

int run_validate(const ValidateOptions& o, const GlobalOptions& global) {
  Severity fail_on = Severity::error;
  parse_severity(o.fail_on, fail_on);
  const std::set<std::string> disabled = disabled_rules(o.disable);
  std::vector<Diagnostic> all;
  bool input_error = false;
  for (const auto& file : o.files) {
    try {
      Checked checked = check_model(file, disabled);
      all.insert(all.end(), checked.diagnostics.begin(), checked.diagnostics.end());
    } catch (const InputError& e) {
      print_error(e.what());
      input_error = true;
    }
  }
  if (o.format == "json") {
    std::cout << to_json(all).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  } else {
    print_text(std::cout, all, global.use_color(false));
    std::size_t counts[3] = {0, 0, 0};
    for (const auto& d : all) ++counts[static_cast<int>(d.severity)];
    if (!all.empty() || o.files.size() > 1)
      std::cerr << o.files.size() << (o.files.size() == 1 ? " file" : " files") << " checked: " << counts[2]
                << " error(s), " << counts[1] << " warning(s), " << counts[0] << " info\n";
  }
  if (input_error) return kExitUsage;
  for (const auto& d : all)
    if (d.severity >= fail_on) return kExitFindings;
  return kExitOk;
}

}  // namespace

Command register_validate(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "validate", "Check model files: YAML structure, then the design rules. Prints\n"
                  "`file:line:col: severity: message [rule-id]` for each finding.");
  cmd->add_option("FILE", o->files, "Model files (YAML)")->required();
  cmd->add_option("--format", o->format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->add_option("--fail-on", o->fail_on, "Lowest severity that makes the exit code 1: error, warning or info")
      ->check(CLI::IsMember({"error", "warning", "info"}))
      ->capture_default_str();
  cmd->add_option("--disable", o->disable, "Rule id to switch off (repeatable), like lint.disable in the model");
  return [o, &global] { return run_validate(*o, global); };
}

}  // namespace dynamodel::cli
