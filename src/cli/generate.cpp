// `dynamodel generate FILE... --target T --out DIR`: render a target's files for each model.
#include <filesystem>
#include <iostream>
#include <map>

#include "cli/cli.hpp"
#include "diag/format.hpp"
#include "gen/generator.hpp"
#include "io/writer.hpp"
#include "model/loader.hpp"

namespace dynamodel::cli {
namespace {

struct GenerateOptions {
  std::vector<std::string> files;
  std::string target;
  std::string out;
  std::string templates;
  bool force = false;
  bool check = false;
  TargetOptions target_options;
  ConfigOptions config;
  bool terraform_style_given = false, cdk_construct_given = false;
};

int run_generate(GenerateOptions o, const GlobalOptions& global) {
  // The repository configuration, as validate reads it: its disable, severity, lint defaults and
  // target options (below the flags), so that generate refuses exactly what validate reports.
  const Settings settings = settings_for(o.config);
  if (!o.terraform_style_given && settings.config.terraform_style)
    o.target_options.terraform_style = *settings.config.terraform_style;
  if (!o.cdk_construct_given && settings.config.cdk_construct)
    o.target_options.cdk_construct = *settings.config.cdk_construct;
  // `--target all` renders every target, each into its own subfolder OUT/<target>/.
  const bool all = o.target == "all";
  std::vector<const Target*> chosen;
  if (all)
    for (const auto& t : targets()) chosen.push_back(&t);
  else
    chosen.push_back(find_target(o.target));
  TemplateSource templates;
  if (!use_template_dir(templates, o.templates, global)) return kExitUsage;

  // Everything is generated in memory first; nothing is written unless all of it worked.
  std::vector<GeneratedFile> files;
  std::map<std::string, std::string> producer;  // output path -> model file
  bool errors = false;
  // The target rules (target/*) see the options of the targets that run, so that, say,
  // `--target cloudformation` is not refused for a CDK construct it does not use.
  TargetOptions rule_options = o.target_options;
  if (!all && o.target != "cdk") rule_options.cdk_construct = TargetOptions{}.cdk_construct;
  if (!all && o.target != "terraform") rule_options.terraform_style = TargetOptions{}.terraform_style;
  for (const auto& file : o.files) {
    Checked checked = check_model(file, settings.off, rule_options, settings.defaults);
    apply_severity(checked.diagnostics, settings.severity);
    const std::vector<Diagnostic> shown = errors_of(checked);
    print_text(*global.err, shown, global.use_color(true));
    if (!checked.model || !shown.empty()) {
      errors = true;
      continue;
    }
    try {
      for (const Target* target : chosen) {
        for (auto& f : generate(*target, *checked.model, templates, o.target_options)) {
          if (all) f.path = std::string(target->name) + "/" + f.path;
          auto [it, fresh] = producer.emplace(f.path, file);
          if (!fresh) {
            global.error(file + " and " + it->second + " both generate " + f.path +
                         "; give the models different names");
            return kExitUsage;
          }
          files.push_back(std::move(f));
        }
      }
    } catch (const TemplateError& e) {
      global.error(e.what());
      return kExitUsage;
    } catch (const std::exception& e) {
      // The rules passed the model, so a generator that still refuses it is a bug of dynamodel,
      // not a finding: exit 2, distinct from findings (1), and nothing is written.
      global.error("internal error: " + file + ": " + e.what() +
                   " (the rules found no error in this model; please report this) (nothing was written)");
      return kExitUsage;
    }
  }
  if (errors) {
    global.error("nothing written: fix the errors above first");
    return kExitFindings;
  }

  const std::filesystem::path out(o.out);
  if (o.check) {
    auto differ = differing_files(out, files);
    for (const auto& p : differ) *global.out << (out / p).string() << ": out of date; run dynamodel generate\n";
    auto strays = stray_temporaries(out, files);
    for (const auto& p : strays)
      *global.out << (out / p).string() << ": stray temporary of an interrupted run; run dynamodel generate\n";
    return differ.empty() && strays.empty() ? kExitOk : kExitFindings;
  }
  try {
    WriteResult result = write_files(out, files, o.force);
    for (const auto& p : result.removed) *global.out << "removed stray temporary " << (out / p).string() << '\n';
    for (const auto& p : result.written) *global.out << "wrote " << (out / p).string() << '\n';
    for (const auto& p : result.unchanged) *global.out << "unchanged " << (out / p).string() << '\n';
  } catch (const OutputError& e) {
    if (e.replaced.empty()) {
      global.error(std::string(e.what()) + " (nothing was written)");
    } else {
      std::string list;
      for (const auto& p : e.replaced) list += "\n  " + (out / p).string();
      global.error(std::string(e.what()) +
                   " (these files were already replaced, each complete; the others are unchanged:" + list + ")");
    }
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace

Command register_generate(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<GenerateOptions>();
  std::vector<std::string> names = {"all"};
  std::string list;
  for (const auto& t : targets()) {
    names.emplace_back(t.name);
    list += "\n  " + std::string(t.name) + ": " + std::string(t.summary);
  }
  CLI::App* cmd =
      app.add_subcommand("generate",
                         "Generate files from model files. Refuses (exit 1, nothing written) while a model\n"
                         "has errors. Writes atomically and never overwrites a file it did not generate\n"
                         "unless --force. Targets:" +
                             list + "\n  all: every target above, each into OUT/<target>/");
  cmd->footer(
      "Exit codes: 0 written or up to date, 1 a model has errors (nothing written) or, with --check,\nfiles are out of "
      "date, 2 usage, input or output error (nothing written).");
  cmd->add_option("FILE", o->files, "Model files (YAML)")->required();
  cmd->add_option("--target,-t", o->target, "What to generate")->required()->check(CLI::IsMember(names));
  cmd->add_option("--out,-o", o->out, "Output folder (created if missing)")->required();
  cmd->add_option("--templates", o->templates,
                  "Folder with templates that replace the built-in ones (DIR/<target>/<file>.mustache)");
  cmd->add_flag("--force", o->force, "Overwrite existing files that dynamodel did not generate");
  add_target_options(*cmd, o->target_options);
  cmd->add_flag("--check", o->check,
                "Write nothing; exit 1 and list the files whose content on disk differs from what would be generated,\n"
                "and stray temporaries (.<file>.dynamodel-XXXXXX) that a killed run left");
  add_config_options(*cmd, o->config);
  return [o, cmd, &global] {
    o->terraform_style_given = cmd->count("--terraform-style") > 0;
    o->cdk_construct_given = cmd->count("--cdk-construct") > 0;
    return run_generate(*o, global);
  };
}

}  // namespace dynamodel::cli
