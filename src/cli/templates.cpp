// `dynamodel templates list|export DIR`: the built-in templates, so users can change them and
// pass the folder back with `generate --templates DIR`.
#include <iostream>

#include "cli/cli.hpp"
#include "io/writer.hpp"
#include "render/embedded.hpp"

namespace dynamodel::cli {

bool use_template_dir(TemplateSource& source, const std::string& dir, const GlobalOptions& global) {
  if (dir.empty()) return true;
  if (!std::filesystem::is_directory(dir)) {
    global.error("--templates " + dir + ": not a folder");
    return false;
  }
  source.override_dir = dir;
  return true;
}

void add_target_options(CLI::App& cmd, TargetOptions& options) {
  cmd.add_option("--terraform-style", options.terraform_style,
                 "terraform target: `resource` (an aws_dynamodb_table resource) or `module` (the registry module\n"
                 "terraform-aws-modules/dynamodb-table/aws, pinned)")
      ->check(CLI::IsMember({"resource", "module"}))
      ->capture_default_str();
  cmd.add_option("--cdk-construct", options.cdk_construct,
                 "cdk target: the aws-cdk-lib construct, `TableV2` (AWS::DynamoDB::GlobalTable) or `Table`;\n"
                 "`auto`: TableV2 when it can express the design, else Table (rule target/cdk-fixed-write-capacity)")
      ->check(CLI::IsMember({"auto", "TableV2", "Table"}))
      ->capture_default_str();
}

Command register_templates(CLI::App& app, const GlobalOptions& global) {
  struct Options {
    std::string dir;
    bool force = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd =
      app.add_subcommand("templates",
                         "List the built-in templates, or copy them into a folder to change them.\n"
                         "Use the folder with `dynamodel generate --templates DIR`: a file there replaces the\n"
                         "built-in one of the same path; `dynamodel view FILE --target T` prints the data a\n"
                         "template receives.");
  cmd->footer(
      "Exit codes: 0 listed or exported, 2 a file would be overwritten without --force, or a\nusage or output error "
      "(nothing written).");
  cmd->require_subcommand(1);
  CLI::App* list = cmd->add_subcommand("list", "Print the path of every built-in template (<target>/<file>.mustache)");
  CLI::App* exp =
      cmd->add_subcommand("export",
                          "Copy every built-in template into DIR/<target>/ (created if missing). Refuses to overwrite\n"
                          "a file that differs unless --force; nothing is written when one file is refused.");
  exp->add_option("DIR", o->dir, "Destination folder")->required();
  exp->add_flag("--force", o->force, "Overwrite existing files");
  return [o, list, &global] {
    if (list->parsed()) {
      for (const auto& f : embedded_templates()) *global.out << f.path << '\n';
      return static_cast<int>(kExitOk);
    }
    std::vector<GeneratedFile> files;
    for (const auto& f : embedded_templates()) files.push_back({std::string(f.path), std::string(f.contents)});
    // Templates are the user's to edit: an existing file that differs is theirs, so it is only
    // replaced with --force (write_files would otherwise trust the generated-file marker that
    // templates carry in their text).
    if (!o->force) {
      auto differ = differing_files(o->dir, files);
      std::vector<std::string> refused;
      for (const auto& p : differ)
        if (std::filesystem::exists(std::filesystem::path(o->dir) / p)) refused.push_back(p);
      if (!refused.empty()) {
        for (const auto& p : refused)
          global.error((std::filesystem::path(o->dir) / p).string() +
                       " exists and differs; use --force to overwrite it");
        global.error("nothing written");
        return static_cast<int>(kExitUsage);
      }
    }
    try {
      WriteResult result = write_files(o->dir, files, true);
      for (const auto& p : result.written)
        *global.out << "wrote " << (std::filesystem::path(o->dir) / p).string() << '\n';
      for (const auto& p : result.unchanged)
        *global.out << "unchanged " << (std::filesystem::path(o->dir) / p).string() << '\n';
    } catch (const OutputError& e) {
      global.error(std::string(e.what()) + " (nothing was written)");
      return static_cast<int>(kExitUsage);
    }
    return static_cast<int>(kExitOk);
  };
}

}  // namespace dynamodel::cli
