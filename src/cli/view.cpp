// `dynamodel view FILE --target T`: print the view (JSON) a target's templates receive.
#include <iostream>

#include "cli/cli.hpp"
#include "diag/format.hpp"
#include "gen/generator.hpp"

namespace dynamodel::cli {

Command register_view(CLI::App& app, const GlobalOptions& global) {
  struct Options {
    std::string file;
    std::string target;
    TargetOptions target_options;
  };
  auto o = std::make_shared<Options>();
  std::vector<std::string> names;
  for (const auto& t : targets()) names.emplace_back(t.name);
  CLI::App* cmd = app.add_subcommand(
      "view", "Print the data (JSON) that a target's templates receive, for writing your own templates");
  cmd->footer("Exit codes: 0 printed, 1 the model has errors (printed), 2 usage or input error.");
  cmd->add_option("FILE", o->file, "Model file (YAML)")->required();
  cmd->add_option("--target,-t", o->target, "Target")->required()->check(CLI::IsMember(names));
  add_target_options(*cmd, o->target_options);
  return [o, &global] {
    Checked checked = check_model(o->file, {}, o->target_options);
    const std::vector<Diagnostic> errors = errors_of(checked);
    if (!checked.model || !errors.empty()) {
      print_text(*global.err, errors, global.use_color(true));
      return static_cast<int>(kExitFindings);
    }
    try {
      auto view = build_view(*find_target(o->target), *checked.model, o->target_options);
      *global.out << view.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    } catch (const GenerateError& e) {
      // The rules passed the model: a view builder that still refuses it is a bug (as in generate).
      global.error("internal error: " + o->file + ": " + e.what() + " (please report this)");
      return static_cast<int>(kExitUsage);
    }
    return static_cast<int>(kExitOk);
  };
}

}  // namespace dynamodel::cli
