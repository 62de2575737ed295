// `dynamodel verify MODEL --endpoint URL`: the model's table created afresh, sample items written
// and every access pattern run on the engine, its items and capacity compared with the analysis
// (verify/verify.hpp). Exit 0 clean, 1 any mismatch, 2 on errors.
#include "cli/cli.hpp"
#include "model/loader.hpp"
#include "rules/catalogue.hpp"
#include "verify/verify.hpp"

namespace dynamodel::cli {
namespace {

struct VerifyOptions {
  std::string model, format = "text";
  verify::Options run;
};

int run_verify(const VerifyOptions& o, const GlobalOptions& global) {
  auto loaded = load_model_file(o.model, known_rule_ids());
  if (!loaded.model) {
    global.error(load_failure_message(o.model, loaded.diagnostics));
    return kExitUsage;
  }
  const Model& model = *loaded.model;
  const Analysis analysis = analyze(model);
  verify::Result result;
  try {
    result = verify::run(model, analysis, o.model, o.run);
  } catch (const verify::VerifyError& e) {
    global.error(e.what());
    return kExitUsage;
  }
  if (o.format == "json") {
    *global.out << verify::to_json(result).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  } else if (o.format == "md") {
    *global.out << verify::to_markdown(result);
  } else {
    *global.out << verify::to_text(result);
  }
  return verify::exit_code(result) == 0 ? kExitOk : kExitFindings;
}

}  // namespace

Command register_verify(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<VerifyOptions>();
  CLI::App* cmd = app.add_subcommand(
      "verify",
      "Create a fresh table from the model on an endpoint, write typical and largest sample items of every\n"
      "entity, run every access pattern with ReturnConsumedCapacity INDEXES and check the items each returns\n"
      "and the RCU/WCU each consumes against the analysis (verify/* rules). The table is deleted afterwards\n"
      "unless --keep; an existing table is never written to. Exit 0: clean, 1: mismatch, 2: error.");
  cmd->footer(
      "Exit codes: 0 every pattern verified, 1 a mismatch, 2 usage error, a model that does not\nload, an endpoint "
      "that cannot be reached or an existing table.");
  cmd->add_option("MODEL", o->model, "Model file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--endpoint", o->run.endpoint, "DynamoDB endpoint (http://localhost:8000)")->required();
  cmd->add_option("--table", o->run.table,
                  "Name of the table to create (default: dynamodel-verify-<model>-<time>-<pid>); it must not exist");
  cmd->add_flag("--keep", o->run.keep, "Keep the table and its items afterwards");
  cmd->add_flag("--allow-aws", o->run.allow_aws,
                "Accept an endpoint on amazonaws.com, amazonaws.com.cn or api.aws (creates a table there)");
  cmd->add_flag("--items-only", o->run.items_only,
                "Compare items only, not capacity (for engines whose capacity figures are not DynamoDB's: moto)");
  cmd->add_option("--seed", o->run.seed, "Seed of the typical sample items");
  cmd->add_option("--format", o->format, "Output format: text, json or md")
      ->check(CLI::IsMember({"text", "json", "md"}));
  return [o, &global] { return run_verify(*o, global); };
}

}  // namespace dynamodel::cli
