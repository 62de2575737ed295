// `dynamodel import SOURCE`: a model from an existing table's description (describe-table JSON
// or a CloudFormation template) or a design (a NoSQL Workbench data model, the DynamoDB MCP
// server's data model), with entities inferred from scanned items.
#include <filesystem>
#include <memory>

#include "cli/cli.hpp"
#include "import/imported.hpp"
#include "io/writer.hpp"
#include "render/renderer.hpp"

namespace dynamodel::cli {
namespace {

struct ImportCli {
  std::string source, from, table, items, out;
  bool force = false;
};

/// The model text for the options; throws import::ImportError or InputError.
std::string imported_model(const ImportCli& o) {
  const auto source = import::parse_source(read_text_file(o.source), o.source);
  const auto format = o.from.empty() ? import::detect_format(source) : o.from;
  if (format == "describe-table" && !o.table.empty())
    throw import::ImportError(o.source +
                              ": --table chooses among a template's tables; describe-table output holds one table");
  auto table = [&] {
    try {
      if (format == "workbench") return import::read_workbench(source, o.table);
      if (format == "mcp") return import::read_mcp(source, o.table);
      return format == "describe-table" ? import::read_describe_table(source)
                                        : import::read_cloudformation(source, o.table);
    } catch (const import::ImportError& e) {
      throw import::ImportError(o.source + ": " + e.what());
    }
  }();
  table.source_file = std::filesystem::path(o.source).filename().string();
  // A design (Workbench, MCP) states its entities: --items would replace them.
  if (!table.entities.empty() && !o.items.empty())
    throw import::ImportError(o.items +
                              ": --items infers entities for describe-table output and CloudFormation "
                              "templates; " +
                              o.source + " states its own (" + format + ")");
  if (table.entities.empty()) {
    nlohmann::json scan;
    if (!o.items.empty()) scan = import::parse_source(read_text_file(o.items), o.items);
    try {
      import::infer_entities(table, scan);
    } catch (const import::ImportError& e) {
      throw import::ImportError(o.items + ": " + e.what());
    }
  }
  const std::string name = "import/model.yaml.mustache";
  return render_template(name, TemplateSource{}.load(name), import::model_view(table), escape_yaml);
}

int run_import(const ImportCli& o, const GlobalOptions& global) {
  std::string text;
  try {
    text = imported_model(o);
  } catch (const import::ImportError& e) {
    global.error(e.what());
    return kExitUsage;
  }
  if (o.out.empty()) {
    *global.out << text;
    return kExitOk;
  }
  const std::filesystem::path path(o.out);
  std::error_code ec;
  if (std::filesystem::exists(path, ec) && !o.force) {
    global.error(o.out + " already exists; not overwriting it (use --force to replace it)");
    return kExitUsage;
  }
  const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  try {
    // Existence is checked above: the writer may replace the file whatever wrote it.
    write_files(dir, {GeneratedFile{path.filename().string(), text}}, true);
  } catch (const OutputError& e) {
    global.error(std::string(e.what()) + " (nothing was written)");
    return kExitUsage;
  }
  *global.out << "wrote " << o.out << "; next: dynamodel validate " << o.out << '\n';
  return kExitOk;
}

}  // namespace

Command register_import(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<ImportCli>();
  CLI::App* cmd = app.add_subcommand(
      "import",
      "Write a model from an existing table: `aws dynamodb describe-table` output or a CloudFormation\n"
      "template (JSON or YAML), with entities inferred from `aws dynamodb scan` output (--items); or\n"
      "from a design: a NoSQL Workbench data model (facets become entities) or the DynamoDB MCP\n"
      "server's data model (entities, GSIs and access patterns). Every guess is marked `# TODO`.");
  cmd->add_option("SOURCE", o->source,
                  "describe-table JSON, CloudFormation template, NoSQL Workbench or MCP data model")
      ->required();
  cmd->add_option("--from", o->from, "Format of SOURCE (default: told from its content)")
      ->check(CLI::IsMember({"describe-table", "cloudformation", "workbench", "mcp"}));
  cmd->add_option("--table", o->table,
                  "The table of a source with several: logical id or TableName (template), TableName "
                  "(Workbench), table_name (MCP)");
  cmd->add_option("--items", o->items, "`aws dynamodb scan` output (JSON) to infer entities and key templates from");
  cmd->add_option("--out,-o", o->out, "Write the model to this file (atomically) instead of stdout");
  cmd->add_flag("--force", o->force, "With --out: replace an existing file");
  return [o, &global] { return run_import(*o, global); };
}

}  // namespace dynamodel::cli
