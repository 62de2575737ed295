// The repository configuration for a command: `--config FILE`, `--no-config`, or the
// `.dynamodel.yaml` discovered from the current folder (model/config.hpp), turned into the
// settings validate and generate apply.
#include "cli/cli.hpp"
#include "model/text.hpp"
#include "rules/catalogue.hpp"

namespace dynamodel::cli {

void add_config_options(CLI::App& cmd, ConfigOptions& options) {
  cmd.add_option("--config", options.file,
                 "Read this configuration file instead of the .dynamodel.yaml found from the current\n"
                 "folder up to the repository root");
  cmd.add_flag("--no-config", options.none, "Read no configuration file");
}

std::vector<std::string> rules_matching(const std::string& pattern, const std::string& where) {
  std::vector<std::string> out;
  for (std::string_view id : known_rule_ids())
    if (rule_matches(pattern, id)) out.emplace_back(id);
  if (out.empty()) {
    std::string message = where + ": '" + pattern + "' is not a rule id or group (as `hot/*`)";
    if (auto best = closest_match(pattern, known_rule_ids())) message += "; did you mean '" + *best + "'?";
    throw CLI::ValidationError(message);
  }
  return out;
}

Settings settings_for(const ConfigOptions& options) {
  Settings s;
  if (options.none) return s;
  std::optional<std::filesystem::path> path;
  if (!options.file.empty())
    path = options.file;
  else
    path = discover_config(std::filesystem::current_path());
  if (!path) return s;
  ConfigResult loaded = load_config_file(*path);
  if (!loaded.problems.empty()) {
    sort_diagnostics(loaded.problems);
    std::string message = path->string() + " is not a valid configuration file:";
    for (const auto& d : loaded.problems)
      message += "\n  " + d.location.file.str() + ":" + std::to_string(d.location.line) + ":" +
                 std::to_string(d.location.column) + ": " + d.message + " [" + d.rule + "]";
    throw InputError(message);
  }
  s.config = std::move(loaded.config);
  const std::string where = path->string();
  for (const auto& pattern : s.config.disable)
    for (auto& id : rules_matching(pattern, where + ": disable")) s.off.insert(std::move(id));
  for (const auto& [pattern, level] : s.config.severity) {
    rules_matching(pattern, where + ": severity");
    Severity parsed{};
    parse_severity(level, parsed);
    s.severity.emplace_back(pattern, parsed);
  }
  s.defaults.gsi_quota = s.config.gsi_quota;
  s.defaults.default_rate_per_second = s.config.default_rate_per_second;
  return s;
}

void apply_severity(std::vector<Diagnostic>& findings, const std::vector<std::pair<std::string, Severity>>& overrides) {
  for (auto& d : findings)
    for (const auto& [pattern, level] : overrides)
      if (rule_matches(pattern, d.rule)) d.severity = level;
}

}  // namespace dynamodel::cli
