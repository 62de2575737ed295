// `dynamodel import SOURCE`: a model from an existing table's description (describe-table JSON
// or a CloudFormation template) or a design (a NoSQL Workbench data model, the DynamoDB MCP
// server's data model), with entities inferred from scanned items; or a live table (--endpoint).
#include <filesystem>
#include <memory>

#include "cli/cli.hpp"
#include "import/imported.hpp"
#include "io/writer.hpp"
#include "live/live.hpp"
#include "render/renderer.hpp"

namespace dynamodel::cli {
namespace {

struct ImportCli {
  std::string source, from, table, items, out;
  std::string endpoint;      ///< --endpoint: read the live table instead of SOURCE
  std::size_t sample = 200;  ///< --sample: items scanned from the live table
  bool force = false;
};

/// The model text of the live table `o.table` at `o.endpoint`; throws live::LiveError or
/// import::ImportError.
std::string live_model(const ImportCli& o) {
  if (!o.source.empty() || !o.from.empty() || !o.items.empty())
    throw import::ImportError("--endpoint reads a live table: give no SOURCE, --from or --items with it");
  if (o.table.empty()) throw import::ImportError("--endpoint needs --table NAME (the table's name as deployed)");
  auto live = live::read_live_table(live::LiveOptions{o.endpoint, o.table, o.sample});
  const auto& items = live.scan;
  import::infer_entities(live.table, items.is_object() && !items["Items"].empty() ? items : nlohmann::json());
  const std::string name = "import/model.yaml.mustache";
  return render_template(name, TemplateSource{}.load(name), import::model_view(live.table), escape_yaml);
}

/// The model text for the options; throws import::ImportError or InputError.
std::string imported_model(const ImportCli& o) {
  if (!o.endpoint.empty()) return live_model(o);
  if (o.source.empty()) throw import::ImportError("give a SOURCE file, or --endpoint URL --table NAME");
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
  } catch (const live::LiveError& e) {
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
      "server's data model (entities, GSIs and access patterns). Every guess is marked `# TODO`.\n"
      "With --endpoint URL --table NAME (and no SOURCE): read the live table instead, with DescribeTable,\n"
      "DescribeTimeToLive, DescribeContinuousBackups, ListTagsOfResource and a Scan of --sample items,\n"
      "signed with the AWS credentials and region of the environment (AWS_ACCESS_KEY_ID, ...).");
  cmd->footer(
      "Exit codes: 0 the model written, 2 a source that cannot be read or an output that exists\n(without --force) or "
      "cannot be written (nothing written).");
  cmd->add_option("SOURCE", o->source,
                  "describe-table JSON, CloudFormation template, NoSQL Workbench or MCP data model");
  cmd->add_option("--from", o->from, "Format of SOURCE (default: told from its content)")
      ->check(CLI::IsMember({"describe-table", "cloudformation", "workbench", "mcp"}));
  cmd->add_option("--table", o->table,
                  "The table of a source with several: logical id or TableName (template), TableName "
                  "(Workbench), table_name (MCP); with --endpoint: the table's deployed name");
  cmd->add_option("--endpoint", o->endpoint,
                  "Read the live table at this DynamoDB endpoint (http://localhost:8000, "
                  "https://dynamodb.eu-west-1.amazonaws.com) instead of SOURCE");
  cmd->add_option("--sample", o->sample, "With --endpoint: scan at most this many items to infer entities (0: none)")
      ->check(CLI::Range(0, 1000000));
  cmd->add_option("--items", o->items, "`aws dynamodb scan` output (JSON) to infer entities and key templates from");
  cmd->add_option("--out,-o", o->out, "Write the model to this file (atomically) instead of stdout");
  cmd->add_flag("--force", o->force, "With --out: replace an existing file");
  return [o, &global] { return run_import(*o, global); };
}

}  // namespace dynamodel::cli
