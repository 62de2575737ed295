// `dynamodel completion bash|zsh|fish` and `dynamodel manpage`: the shell completion scripts and
// the man page, generated from the command line definition itself (every subcommand, option,
// choice list and help text registered with CLI11), through templates/shell/*.mustache.
// CMakeLists.txt runs both at build time and installs the results.
#include <algorithm>
#include <iostream>

#include "cli/cli.hpp"
#include "dynamodel/version.hpp"
#include "naming/naming.hpp"
#include "render/renderer.hpp"

namespace dynamodel::cli {
namespace {

/// roff text for a man page line: backslashes doubled as `\e`, `-` as `\-` (a real minus, so
/// that options can be searched and copied), and a line that would start with `.` or `'`
/// (a roff request) protected with `\&`.
std::string escape_roff(const std::string& value) {
  std::string out;
  bool line_start = true;
  for (char c : value) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\')
      out += "\\e";
    else if (c == '-')
      out += "\\-";
    else
      out += c;
    line_start = c == '\n';
  }
  return out;
}

/// The text of a completion script: `{{x}}` inside single quotes of bash, zsh and fish, where
/// only `'` needs care (shell::quote_body), and a newline becomes a space. The values are the
/// tool's own option names and help texts.
std::string escape_single_quoted(const std::string& value) {
  std::string one_line = value;
  std::replace(one_line.begin(), one_line.end(), '\n', ' ');
  return shell::quote_body(one_line);
}

/// The choices of an option whose validator is CLI::IsMember: its description reads
/// `{a,b,c}` (CLI11 2.x), parsed back into the list.
std::vector<std::string> choices_of(CLI::Option* option) {
  std::vector<std::string> out;
  std::string text;
  try {
    text = option->get_validator()->get_description();
  } catch (const CLI::OptionNotFound&) {
    return out;  // no validator
  }
  const auto open = text.find('{');
  const auto close = text.find('}', open == std::string::npos ? 0 : open);
  if (open == std::string::npos || close == std::string::npos) return out;
  std::string item;
  for (std::size_t i = open + 1; i < close; ++i) {
    if (text[i] == ',') {
      if (!item.empty()) out.push_back(item);
      item.clear();
    } else if (text[i] != ' ') {
      item += text[i];
    }
  }
  if (!item.empty()) out.push_back(item);
  return out;
}

/// The first line of a help text, with `[` and `]` as `(` and `)` (zsh reads brackets in
/// `_arguments` specs as the description's end).
std::string summary(const std::string& text) {
  std::string out = text.substr(0, text.find('\n'));
  for (char& c : out) {
    if (c == '[') c = '(';
    if (c == ']') c = ')';
  }
  return out;
}

std::string join(const nlohmann::json& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item.get<std::string>();
  return out;
}

nlohmann::json option_view(CLI::Option* option) {
  nlohmann::json names = nlohmann::json::array();
  std::string long_name, short_name;
  for (const auto& n : option->get_lnames()) {
    names.push_back("--" + n);
    if (long_name.empty()) long_name = n;
  }
  for (const auto& n : option->get_snames()) {
    names.push_back("-" + n);
    if (short_name.empty()) short_name = n;
  }
  nlohmann::json choices = nlohmann::json::array();
  for (const auto& c : choices_of(option)) choices.push_back(c);
  std::string words;
  for (const auto& c : choices) words += (words.empty() ? "" : " ") + c.get<std::string>();
  // `auto|always|never` for a choice; else CLI11's type name without its validator (`TEXT`).
  std::string value_name = choices.empty() ? option->get_type_name() : join(choices, "|");
  value_name = value_name.substr(0, value_name.find(':'));
  if (value_name.empty()) value_name = "VALUE";
  return {{"names", names},
          {"names_text",
           [&] {
             std::string t;
             for (const auto& n : names) t += (t.empty() ? "" : "|") + n.get<std::string>();
             return t;
           }()},
          {"long", long_name},
          {"has_long", !long_name.empty()},
          {"short", short_name},
          {"has_short", !short_name.empty()},
          {"takes_value", option->get_items_expected_max() > 0},
          {"value_name", value_name},
          {"choices", choices},
          {"has_choices", !choices.empty()},
          {"choices_text", words},
          {"description", option->get_description()},
          {"summary", summary(option->get_description())},
          {"names_comma", join(names, ", ")},
          {"names_space", join(names, " ")},
          {"names_brace", names.size() > 1 ? "{" + join(names, ",") + "}" : join(names, ",")}};
}

nlohmann::json command_view(CLI::App* app, const std::string& path) {
  nlohmann::json options = nlohmann::json::array();
  nlohmann::json positionals = nlohmann::json::array();
  std::string words;
  for (CLI::Option* option : app->get_options()) {
    if (option->get_lnames().empty() && option->get_snames().empty()) {
      if (!option->get_positional()) continue;
      positionals.push_back({{"name", option->get_name()}, {"description", option->get_description()}});
      continue;
    }
    nlohmann::json view = option_view(option);
    view["command"] = app->get_name();
    for (const auto& n : view["names"]) words += (words.empty() ? "" : " ") + n.get<std::string>();
    options.push_back(std::move(view));
  }
  nlohmann::json subcommands = nlohmann::json::array();
  std::string sub_words;
  for (CLI::App* sub : app->get_subcommands({})) {
    subcommands.push_back(command_view(sub, path + " " + sub->get_name()));
    sub_words += (sub_words.empty() ? "" : " ") + sub->get_name();
  }
  std::string usage;
  for (const auto& p : positionals) usage += " " + p["name"].get<std::string>();
  return {{"name", app->get_name()},
          {"path", path},
          {"function",
           [&] {
             std::string f = path;
             for (char& c : f)
               if (c == ' ' || c == '-') c = '_';
             return f;
           }()},
          {"description", app->get_description()},
          {"summary", summary(app->get_description())},
          {"footer", app->get_footer()},
          {"has_footer", !app->get_footer().empty()},
          {"positionals", positionals},
          {"usage", usage},
          {"options", options},
          {"option_words", words},
          {"subcommands", subcommands},
          {"has_subcommands", !subcommands.empty()},
          {"subcommand_words", sub_words}};
}

/// Renders templates/shell/`name` with the view of the whole command line.
int print_from_definition(CLI::App& app, const std::string& name, const Escaper& escape, const GlobalOptions& global) {
  nlohmann::json view = command_view(&app, "dynamodel");
  view["version"] = kVersion;
  *global.out << render_template(name, TemplateSource{}.load(name), view, escape);
  return kExitOk;
}

}  // namespace

Command register_completion(CLI::App& app, const GlobalOptions& global) {
  auto shell = std::make_shared<std::string>();
  CLI::App* cmd =
      app.add_subcommand("completion",
                         "Print the shell completion script for bash, zsh or fish, generated from this command line:\n"
                         "  bash: dynamodel completion bash > /etc/bash_completion.d/dynamodel\n"
                         "  zsh:  dynamodel completion zsh > \"${fpath[1]}/_dynamodel\"\n"
                         "  fish: dynamodel completion fish > ~/.config/fish/completions/dynamodel.fish\n"
                         "(`cmake --install` and the .deb install all three).");
  cmd->add_option("SHELL", *shell, "bash, zsh or fish")->required()->check(CLI::IsMember({"bash", "zsh", "fish"}));
  cmd->footer("Exit codes: 0 printed, 2 usage error.");
  return [shell, &app, &global] {
    return print_from_definition(app, "shell/" + *shell + ".mustache", escape_single_quoted, global);
  };
}

Command register_manpage(CLI::App& app, const GlobalOptions& global) {
  CLI::App* cmd = app.add_subcommand(
      "manpage", "Print the man page dynamodel(1) in roff, generated from this command line (`man -l -` reads it)");
  cmd->footer("Exit codes: 0 printed, 2 usage error.");
  return [&app, &global] { return print_from_definition(app, "shell/dynamodel.1.mustache", escape_roff, global); };
}

}  // namespace dynamodel::cli
