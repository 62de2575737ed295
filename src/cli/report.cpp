// `dynamodel report FILE` (the design review, Markdown or HTML) and `dynamodel sample FILE`
// (sample items as batch-write-item request chunks). Both read the model, its analysis and
// its findings once; output goes to stdout, or with --out atomically to a file that dynamodel
// generated before (or any file with --force).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "analysis/analysis.hpp"
#include "cli/cli.hpp"
#include "diag/format.hpp"
#include "dynamodel/version.hpp"
#include "io/writer.hpp"
#include "model/loader.hpp"
#include "report/report.hpp"
#include "report/sample.hpp"
#include "rules/catalogue.hpp"

namespace dynamodel::cli {
namespace {

/// Writes `text` to stdout, or atomically to `out` (writer.hpp: refuses a file dynamodel did
/// not generate unless `force`). Returns the exit code.
int emit(const std::string& text, const std::string& out, bool force, const GlobalOptions& global) {
  if (out.empty()) {
    *global.out << text;
    return kExitOk;
  }
  const std::filesystem::path path(out);
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  try {
    WriteResult r = write_files(dir, {GeneratedFile{path.filename().string(), text}}, force);
    *global.out << (r.written.empty() ? "unchanged " : "wrote ") << out << '\n';
  } catch (const OutputError& e) {
    global.error(std::string(e.what()) + " (nothing was written)");
    return kExitUsage;
  }
  return kExitOk;
}

struct ReportCli {
  std::string file, format = "md", out, pricing, templates, verified;
  std::uint64_t seed = 1;
  int samples = 3;
  bool force = false;
  std::vector<std::string> disable;
};

int run_report(const ReportCli& o, const GlobalOptions& global) {
  const Checked checked = check_model(o.file, disabled_rules(o.disable));
  if (!checked.model) {
    print_text(*global.err, checked.diagnostics, global.use_color(true));
    global.error("no report: the model did not load");
    return kExitFindings;
  }

  ReportOptions options;
  options.format = o.format;
  options.seed = o.seed;
  options.samples_per_entity = o.samples;
  TemplateSource templates;
  if (!use_template_dir(templates, o.templates, global)) return kExitUsage;
  std::string text;
  try {
    options.pricing = o.pricing.empty() ? default_pricing() : parse_pricing(read_text_file(o.pricing), o.pricing);
    if (!o.verified.empty()) {
      options.verified = nlohmann::json::parse(read_text_file(o.verified), nullptr, false);
      if (!options.verified.is_object() || !options.verified.contains("patterns")) {
        global.error("--verified " + o.verified + ": not the JSON of `dynamodel verify --format json`");
        return kExitUsage;
      }
    }
    text = render_report(*checked.model, *checked.analysis, checked.diagnostics, options, templates);
  } catch (const PricingError& e) {
    global.error(std::string("--pricing ") + e.what());
    return kExitUsage;
  } catch (const TemplateError& e) {
    global.error(e.what());
    return kExitUsage;
  }
  return emit(text, o.out, o.force, global);
}

struct SampleCli {
  std::string file, out, table;
  int count = 3;
  std::uint64_t seed = 1;
  bool force = false;
};

int run_sample(const SampleCli& o, const GlobalOptions& global) {
  LoadResult loaded = load_model_file(o.file, known_rule_ids());
  if (!loaded.model) {
    print_text(*global.err, loaded.diagnostics, global.use_color(true));
    return kExitFindings;
  }
  const Model& m = *loaded.model;
  const std::string table = o.table.empty() ? "dev-" + m.table.name : o.table;
  const auto items = sample_items(m, o.count, o.seed);
  nlohmann::ordered_json doc;
  doc["generated_by"] = std::string(kGeneratedMarker) + " " + kVersion + " from " +
                        std::filesystem::path(m.file).filename().string() + " (seed " + std::to_string(o.seed) + ")";
  doc["table"] = table;
  doc["items"] = items.size();
  doc["chunks"] = batch_write_chunks(items, table);
  return emit(doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n", o.out, o.force, global);
}

}  // namespace

Command register_report(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<ReportCli>();
  CLI::App* cmd = app.add_subcommand(
      "report",
      "Write the design review: summary, key design chart, single-table view with sample items,\n"
      "access-pattern matrix, capacity and cost, hot keys, item sizes and findings, as Markdown\n"
      "(for pull requests) or one self-contained HTML page. Exit 1 only when the model does not load.");
  cmd->footer(
      "Exit codes: 0 written, 1 the model does not load (its errors printed), 2 usage, input or\noutput error (nothing "
      "written).");
  cmd->add_option("FILE", o->file, "Model file (YAML)")->required();
  cmd->add_option("--format", o->format, "md (GitHub Markdown) or html")
      ->check(CLI::IsMember({"md", "html"}))
      ->capture_default_str();
  cmd->add_option("--out,-o", o->out, "Write to this file (atomically) instead of stdout");
  cmd->add_flag("--force", o->force, "With --out: overwrite a file that dynamodel did not generate");
  cmd->add_option("--pricing", o->pricing,
                  "Price table (JSON, the shape of data/pricing/us-east-1.json) instead of the built-in one");
  cmd->add_option("--templates", o->templates, "Folder with templates that replace the built-in ones (DIR/report/...)");
  cmd->add_option("--seed", o->seed, "Seed of the sample items")->capture_default_str();
  cmd->add_option("--verified", o->verified,
                  "JSON of `dynamodel verify --format json`: adds its verification table to the report");
  cmd->add_option("--samples", o->samples, "Sample items per entity")->check(CLI::Range(0, 100))->capture_default_str();
  cmd->add_option("--disable", o->disable, "Rule id to switch off (repeatable)");
  return [o, &global] { return run_report(*o, global); };
}

Command register_sample(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<SampleCli>();
  CLI::App* cmd =
      app.add_subcommand("sample",
                         "Write sample items of every entity for seeding a local table: JSON whose `chunks` are\n"
                         "batch-write-item request documents of at most 25 PutRequests each:\n"
                         "  jq -c '.chunks[]' items.json | while read -r c; do\n"
                         "    aws dynamodb batch-write-item --request-items \"$c\"; done");
  cmd->footer(
      "Exit codes: 0 written, 1 the model does not load (its errors printed), 2 usage or output\nerror (nothing "
      "written).");
  cmd->add_option("FILE", o->file, "Model file (YAML)")->required();
  cmd->add_option("--count,-n", o->count, "Items per entity")->check(CLI::Range(1, 10000))->capture_default_str();
  cmd->add_option("--seed", o->seed, "Seed (same seed, same items)")->capture_default_str();
  cmd->add_option("--table", o->table, "Table name in the requests (default dev-<table.name>)");
  cmd->add_option("--out,-o", o->out, "Write to this file (atomically) instead of stdout");
  cmd->add_flag("--force", o->force, "With --out: overwrite a file that dynamodel did not generate");
  return [o, &global] { return run_sample(*o, global); };
}

}  // namespace dynamodel::cli
