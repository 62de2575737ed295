// `dynamodel validate INPUT...`: load each model, run the rules, print the findings.
#include <glob.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "cli/cli.hpp"
#include "diag/format.hpp"
#include "dynamodel/version.hpp"
#include "io/writer.hpp"
#include "model/loader.hpp"
#include "model/text.hpp"
#include "rules/catalogue.hpp"

namespace dynamodel::cli {
namespace {

namespace fs = std::filesystem;

struct ValidateOptions {
  std::vector<std::string> inputs;
  std::string format = "text";
  std::string fail_on = "error";
  std::vector<std::string> disable;
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  std::vector<std::string> severity;  ///< `RULE=LEVEL`
  std::string output;
  std::string stdin_filename = "<stdin>";
  std::string baseline;
  std::string write_baseline;
  bool quiet = false;
  bool statistics = false;
  TargetOptions target_options;  ///< for the target rules (target/*), as generate would use them
  ConfigOptions config;
  // Which options the command line gave: those win over the repository configuration.
  bool fail_on_given = false, terraform_style_given = false, cdk_construct_given = false;
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

/// Splits repeatable, comma-separated option values (`--select hot/*,keys/size`).
std::vector<std::string> split_ids(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    std::stringstream s(v);
    for (std::string id; std::getline(s, id, ',');)
      if (!id.empty()) out.push_back(id);
  }
  return out;
}

/// The rules switched off by --disable, --ignore and, when given, every rule --select leaves out.
std::set<std::string> rules_off(const ValidateOptions& o) {
  std::set<std::string> off = disabled_rules(o.disable);
  for (const auto& pattern : split_ids(o.ignore))
    for (auto& id : rules_matching(pattern, "--ignore")) off.insert(std::move(id));
  const auto select = split_ids(o.select);
  if (!select.empty()) {
    std::set<std::string> selected;
    for (const auto& pattern : select)
      for (auto& id : rules_matching(pattern, "--select")) selected.insert(std::move(id));
    for (std::string_view id : known_rule_ids())
      if (!selected.count(std::string(id))) off.emplace(id);
  }
  return off;
}

/// `--severity RULE=LEVEL` overrides, in the order given (a later one wins).
std::vector<std::pair<std::string, Severity>> severity_overrides(const std::vector<std::string>& values) {
  std::vector<std::pair<std::string, Severity>> out;
  for (const auto& v : values) {
    const auto eq = v.find('=');
    Severity level{};
    if (eq == std::string::npos || !parse_severity(v.substr(eq + 1), level))
      throw CLI::ValidationError("--severity: '" + v + "' is not RULE=LEVEL (LEVEL: error, warning or info)");
    rules_matching(v.substr(0, eq), "--severity");
    out.emplace_back(v.substr(0, eq), level);
  }
  return out;
}

/// True for a YAML file whose top level has `dynamodel:` (a model, not any YAML file) within
/// its first kMaxModelFileBytes bytes.
bool is_model_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::size_t read = 0;
  for (std::string line; read < kMaxModelFileBytes && std::getline(in, line); read += line.size() + 1) {
    std::string_view rest(line);
    if (rest.substr(0, 9) != "dynamodel") continue;
    rest.remove_prefix(9);
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
    if (!rest.empty() && rest.front() == ':') return true;
  }
  return false;
}

bool yaml_extension(const fs::path& p) { return p.extension() == ".yaml" || p.extension() == ".yml"; }

/// The model files an input names: a file as is; a folder, recursively, its *.yaml and *.yml
/// files that carry `dynamodel:` (sorted); a glob (`*`, `?`, `[`, and `**` for any folders)
/// that no file is named after, expanded here; `-` for standard input. Throws InputError for
/// a folder or glob without models.
void expand_input(const std::string& input, const RepoConfig& config, std::vector<std::string>& out) {
  std::error_code ec;
  if (input == "-" || fs::exists(input, ec)) {
    if (input != "-" && fs::is_directory(input, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(input, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (it->is_directory(ec) && (name == ".git" || name == "node_modules")) {
          it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(ec) && yaml_extension(it->path()) && !excluded_by(config, it->path()) &&
            is_model_file(it->path()))
          found.push_back(it->path().string());
      }
      if (found.empty()) throw InputError(input + ": no model file (*.yaml or *.yml with `dynamodel:`) in the folder");
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
      return;
    }
    out.push_back(input);
    return;
  }
  if (input.find_first_of("*?[") == std::string::npos) {
    out.push_back(input);  // reported as missing when read
    return;
  }
  // `**/` matches any number of folders: glob(3) knows only one level, so the pattern is tried
  // with 0..8 levels in its place.
  std::vector<std::string> patterns{input};
  if (const auto star = input.find("**/"); star != std::string::npos) {
    patterns.clear();
    std::string levels;
    for (int depth = 0; depth <= 8; ++depth, levels += "*/")
      patterns.push_back(input.substr(0, star) + levels + input.substr(star + 3));
  }
  std::set<std::string> found;
  for (const auto& pattern : patterns) {
    glob_t g{};
    if (::glob(pattern.c_str(), 0, nullptr, &g) == 0)
      for (std::size_t i = 0; i < g.gl_pathc; ++i)
        if (fs::is_regular_file(g.gl_pathv[i], ec) && !excluded_by(config, g.gl_pathv[i])) found.insert(g.gl_pathv[i]);
    ::globfree(&g);
  }
  if (found.empty()) throw InputError(input + ": no file matches the pattern");
  out.insert(out.end(), found.begin(), found.end());
}

/// The model text of standard input (at most kMaxModelFileBytes).
std::string read_stdin(std::istream& in) {
  std::string text;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxModelFileBytes)
      throw InputError("standard input: more than " + std::to_string(kMaxModelFileBytes) +
                       " bytes; model files are limited to that");
  }
  return text;
}

/// A finding's identity in a baseline: rule, file, model path and message (not the line, which
/// moves when lines are added above the node).
std::string baseline_key(const Diagnostic& d) {
  return d.rule + '\n' + d.location.file.str() + '\n' + d.path + '\n' + d.message;
}

/// The baseline file: `{"dynamodel_baseline": 1, "findings": [{rule, file, path, message}]}`.
nlohmann::json baseline_json(const std::vector<Diagnostic>& findings) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& d : findings)
    list.push_back({{"rule", d.rule}, {"file", d.location.file.str()}, {"path", d.path}, {"message", d.message}});
  return {{"dynamodel_baseline", 1}, {"findings", list}};
}

/// Moves the findings the baseline at `path` lists (as a multiset) to `suppressed`.
void apply_baseline(const std::string& path, std::vector<Diagnostic>& all, std::vector<SuppressedFinding>& suppressed) {
  const std::string text = read_text_file(path);
  std::map<std::string, int> known;
  try {
    const auto json = nlohmann::json::parse(text);
    if (!json.is_object() || json.value("dynamodel_baseline", 0) != 1 || !json.contains("findings") ||
        !json["findings"].is_array())
      throw InputError(path + ": not a dynamodel baseline (written by `validate --write-baseline FILE`)");
    for (const auto& f : json["findings"]) {
      if (!f.is_object()) throw InputError(path + ": a finding of the baseline is not an object");
      ++known[f.value("rule", "") + '\n' + f.value("file", "") + '\n' + f.value("path", "") + '\n' +
              f.value("message", "")];
    }
  } catch (const nlohmann::json::exception& e) {
    throw InputError(path + ": not a dynamodel baseline: " + e.what());
  }
  std::vector<Diagnostic> kept;
  for (auto& d : all) {
    auto it = known.find(baseline_key(d));
    if (it != known.end() && it->second > 0) {
      --it->second;
      suppressed.push_back(SuppressedFinding{std::move(d), "external", "in the baseline " + path});
    } else {
      kept.push_back(std::move(d));
    }
  }
  all = std::move(kept);
}

/// `--statistics`: one line per rule, most frequent first: count, rule id, severity, summary.
std::string statistics_text(const std::vector<Diagnostic>& all) {
  std::map<std::string, std::pair<int, Severity>> counts;
  for (const auto& d : all) {
    auto& c = counts.try_emplace(d.rule, 0, d.severity).first->second;
    ++c.first;
    c.second = std::max(c.second, d.severity);
  }
  std::vector<std::pair<std::string, std::pair<int, Severity>>> rows(counts.begin(), counts.end());
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.second.first > b.second.first; });
  std::ostringstream out;
  for (const auto& [rule, c] : rows) {
    auto entry = catalogue_entry(rule);
    out << std::string(c.first < 10     ? 4
                       : c.first < 100  ? 3
                       : c.first < 1000 ? 2
                                        : 1,
                       ' ')
        << c.first << "  " << rule << "  " << to_string(c.second) << "  "
        << (entry ? std::string(entry->info.summary) : std::string()) << '\n';
  }
  return out.str();
}

/// Writes `text` to the file the user named (--output, --write-baseline) atomically, replacing
/// it: naming it is the request. Prints the error and returns false when it cannot be written.
bool write_named_file(const std::string& name, const std::string& text, const GlobalOptions& global) {
  const fs::path path(name);
  try {
    write_files(path.has_parent_path() ? path.parent_path() : fs::path("."),
                {GeneratedFile{path.filename().string(), text}}, true);
  } catch (const OutputError& e) {
    global.error(std::string(e.what()) + " (nothing was written)");
    return false;
  }
  return true;
}

int run_validate(ValidateOptions o, const GlobalOptions& global) {
  // Precedence: flags > the model's lint: (check_loaded) > the configuration > defaults.
  const Settings settings = settings_for(o.config);
  const RepoConfig& config = settings.config;
  if (!o.fail_on_given && config.fail_on) o.fail_on = *config.fail_on;
  if (!o.terraform_style_given && config.terraform_style) o.target_options.terraform_style = *config.terraform_style;
  if (!o.cdk_construct_given && config.cdk_construct) o.target_options.cdk_construct = *config.cdk_construct;
  const bool never_fail = o.fail_on == "none";
  Severity fail_on = Severity::error;
  if (!never_fail) parse_severity(o.fail_on, fail_on);
  std::set<std::string> off = rules_off(o);
  off.insert(settings.off.begin(), settings.off.end());
  auto overrides = settings.severity;
  for (auto& flag : severity_overrides(o.severity)) overrides.push_back(std::move(flag));
  if (o.statistics && o.format != "text") throw CLI::ValidationError("--statistics: only with --format text");
  if (!o.baseline.empty() && !o.write_baseline.empty())
    throw CLI::ValidationError("--baseline and --write-baseline: give one of them");

  std::vector<std::string> files;
  for (const auto& input : o.inputs) expand_input(input, config, files);
  if (std::count(files.begin(), files.end(), "-") > 1)
    throw CLI::ValidationError("standard input (-) can be read once only");

  std::vector<Diagnostic> all;
  std::vector<SuppressedFinding> suppressed;
  std::vector<std::string> read;  // the files that were read, for the summary and the XML formats
  bool input_error = false;
  bool accept_all = false;  // --write-baseline: every finding is in the new baseline
  for (const auto& file : files) {
    try {
      Checked checked;
      if (file == "-") {
        const std::string text = read_stdin(*global.in);
        checked = check_loaded(load_model_text(text, o.stdin_filename, known_rule_ids()), off, o.target_options, text,
                               settings.defaults);
        read.push_back(o.stdin_filename);
      } else {
        checked = check_model(file, off, o.target_options, settings.defaults);
        read.push_back(file);
      }
      all.insert(all.end(), checked.diagnostics.begin(), checked.diagnostics.end());
      suppressed.insert(suppressed.end(), checked.suppressed.begin(), checked.suppressed.end());
    } catch (const InputError& e) {
      global.error(e.what());
      input_error = true;
    }
  }
  apply_severity(all, overrides);
  if (!o.write_baseline.empty()) {
    if (!write_named_file(o.write_baseline, baseline_json(all).dump(2) + "\n", global)) return kExitUsage;
    *global.err << "dynamodel: wrote " << all.size() << " findings to the baseline " << o.write_baseline << '\n';
    accept_all = true;
  } else if (!o.baseline.empty()) {
    apply_baseline(o.baseline, all, suppressed);
  }
  sort_diagnostics(all);
  if (o.quiet)
    all.erase(std::remove_if(all.begin(), all.end(), [](const Diagnostic& d) { return d.severity != Severity::error; }),
              all.end());

  std::ostringstream text;
  const bool to_terminal = o.output.empty();
  if (o.format == "json") {
    text << to_json(all).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  } else if (o.format == "sarif") {
    text << to_sarif(all, sarif_rules(), kVersion, {}, suppressed)
                .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
         << '\n';
  } else if (o.format == "gitlab") {
    text << to_gitlab(all).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  } else if (o.format == "junit") {
    text << to_junit(all, read, fail_on, never_fail);
  } else if (o.format == "checkstyle") {
    text << to_checkstyle(all, read);
  } else if (o.format == "github") {
    print_github(text, all);
    if (!o.quiet) text << summary_line(all, read.size()) << '\n';
  } else {
    if (o.statistics)
      text << statistics_text(all);
    else
      print_text(text, all, to_terminal && global.use_color(false));
    if (!o.quiet) text << summary_line(all, read.size()) << '\n';
  }
  if (to_terminal) {
    *global.out << text.str();
  } else if (!write_named_file(o.output, text.str(), global)) {
    return kExitUsage;
  }
  if (input_error) return kExitUsage;
  if (accept_all) return kExitOk;
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
                         "(or JSON, SARIF 2.1.0, GitHub Actions annotations, GitLab code quality, JUnit XML or\n"
                         "checkstyle XML with --format). A finding is silenced next to its node with\n"
                         "`# dynamodel: ignore[RULE-ID] -- reason` (README, \"Suppressions\").");
  cmd->add_option("INPUT", o->inputs,
                  "Model files; a folder (its *.yaml/*.yml files with `dynamodel:`, recursively); a\n"
                  "quoted glob ('models/**/*.yaml'); - for standard input")
      ->required();
  cmd->add_option("--format", o->format,
                  "Output format: text, json (an array of findings), sarif (SARIF 2.1.0 log), github\n"
                  "(workflow commands that annotate the files in a GitHub Actions run), gitlab (code\n"
                  "quality report), junit (JUnit XML) or checkstyle (checkstyle XML)")
      ->check(CLI::IsMember({"text", "json", "sarif", "github", "gitlab", "junit", "checkstyle"}))
      ->capture_default_str();
  cmd->add_option("--output,-o", o->output, "Write the findings to this file (atomically) instead of stdout");
  cmd->add_option("--fail-on", o->fail_on,
                  "Lowest severity that makes the exit code 1: error, warning or info; none: findings\n"
                  "never do (exit 2 still reports unreadable input)")
      ->check(CLI::IsMember({"error", "warning", "info", "none"}))
      ->capture_default_str();
  cmd->add_option("--disable", o->disable, "Rule id to switch off (repeatable), like lint.disable in the model");
  cmd->add_option("--select", o->select,
                  "Run only these rules: ids or groups (`hot/*`), repeatable or comma-separated");
  cmd->add_option("--ignore", o->ignore, "Switch off these rules: ids or groups (`naming/*`), repeatable");
  cmd->add_option("--severity", o->severity,
                  "RULE=LEVEL: report a rule (or group, `size/*=error`) at another severity (repeatable)");
  cmd->add_flag("--quiet,-q", o->quiet, "Print errors only, and no summary line");
  cmd->add_flag("--statistics", o->statistics,
                "Instead of the findings, print how many each rule reported (most frequent first)");
  cmd->add_option("--stdin-filename", o->stdin_filename, "The file name to report for standard input (-)")
      ->capture_default_str();
  cmd->add_option("--baseline", o->baseline,
                  "Report only findings not in this baseline file (written by --write-baseline): adopt\n"
                  "the tool on an old design and fail on new findings only");
  cmd->add_option("--write-baseline", o->write_baseline,
                  "Write every current finding to this baseline file; the exit code is then 0 unless an\n"
                  "input could not be read (every finding is accepted)");
  add_target_options(*cmd, o->target_options);
  add_config_options(*cmd, o->config);
  cmd->footer(
      "Exit codes: 0 no finding at or above --fail-on, 1 such findings, 2 usage error or an input\n"
      "that could not be read (the other inputs are still checked).");
  return [o, cmd, &global] {
    o->fail_on_given = cmd->count("--fail-on") > 0;
    o->terraform_style_given = cmd->count("--terraform-style") > 0;
    o->cdk_construct_given = cmd->count("--cdk-construct") > 0;
    return run_validate(*o, global);
  };
}

}  // namespace dynamodel::cli
