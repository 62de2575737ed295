// `dynamodel drift MODEL --endpoint URL`: the deployed table and a sample of its items compared
// with the model (drift/drift.hpp), reported like validate's findings.
#include <algorithm>
#include <cstdlib>

#include "cli/cli.hpp"
#include "diag/format.hpp"
#include "drift/drift.hpp"
#include "dynamodel/version.hpp"
#include "live/live.hpp"
#include "model/loader.hpp"
#include "rules/catalogue.hpp"

namespace dynamodel::cli {
namespace {

struct DriftOptions {
  std::string model, endpoint, table, format = "text";
  std::size_t sample = 200;
};

/// The deployed name by the rule every target shares: $DYNAMODB_TABLE_NAME when set and not
/// empty, else `${DYNAMODEL_ENVIRONMENT:-dev}-<table.name>` (an empty environment means dev).
std::string deployed_table_name(const Model& model) {
  const char* name = std::getenv("DYNAMODB_TABLE_NAME");
  if (name && *name) return name;
  const char* environment = std::getenv("DYNAMODEL_ENVIRONMENT");
  return std::string(environment && *environment ? environment : "dev") + "-" + model.table.name;
}

/// The drift rules for SARIF's rule list.
std::vector<SarifRule> drift_sarif_rules() {
  std::vector<SarifRule> out;
  for (const auto& r : drift::drift_rules()) out.push_back(SarifRule{r.id, r.severity, r.summary, r.why, r.source});
  return out;
}

int run_drift(const DriftOptions& o, const GlobalOptions& global) {
  auto loaded = load_model_file(o.model, known_rule_ids());
  if (!loaded.model) {
    global.error(load_failure_message(o.model, loaded.diagnostics));
    return kExitUsage;
  }
  const Model& model = *loaded.model;
  const auto table = o.table.empty() ? deployed_table_name(model) : o.table;
  live::LiveTable deployed;
  try {
    deployed = live::read_live_table(live::LiveOptions{o.endpoint, table, o.sample});
  } catch (const live::LiveError& e) {
    global.error(e.what());
    return kExitUsage;
  } catch (const import::ImportError& e) {
    global.error(o.endpoint + ": DescribeTable of " + table + ": " + e.what());
    return kExitUsage;
  }
  auto findings = drift::compare_table(model, deployed.table);
  const auto items = drift::check_items(model, deployed.scan);
  findings.insert(findings.end(), items.begin(), items.end());
  // The model's `lint.disable` switches drift rules off as it does design rules.
  const auto& disabled = model.lint.disable;
  std::erase_if(findings, [&disabled](const Diagnostic& d) {
    return std::find(disabled.begin(), disabled.end(), d.rule) != disabled.end();
  });
  sort_diagnostics(findings);
  // What could not be read (an operation the endpoint lacks, a scan cut short): on stderr.
  for (const auto& todo : deployed.table.todos)
    if (todo.find("KeyManager") == std::string::npos) global.error("note: " + todo);
  if (o.format == "json") {
    *global.out << to_json(findings).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  } else if (o.format == "sarif") {
    *global.out << to_sarif(findings, drift_sarif_rules(), kVersion)
                       .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                << '\n';
  } else {
    print_text(*global.out, findings, global.use_color(false));
    *global.out << (findings.empty() ? "no drift: " : std::to_string(findings.size()) + " drift finding(s): ") << table
                << " at " << o.endpoint << " against " << o.model << '\n';
  }
  return findings.empty() ? kExitOk : kExitFindings;
}

}  // namespace

Command register_drift(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<DriftOptions>();
  CLI::App* cmd = app.add_subcommand(
      "drift",
      "Compare a deployed table with its model: keys, attribute types, GSIs/LSIs and projections, billing and\n"
      "capacity, stream, TTL, point-in-time recovery, encryption, deletion protection, table class, tags; and\n"
      "check a sample of items against the entities (unknown key, missing required attribute, wrong type).\n"
      "Reads with the AWS credentials and region of the environment; the model's lint.disable switches drift/*\n"
      "rules off. Exit 0: no drift, 1: drift, 2: error.");
  cmd->footer(
      "Exit codes: 0 no drift, 1 drift, 2 usage error, a model that does not load, or an endpoint or\ntable that "
      "cannot be read.");
  cmd->add_option("MODEL", o->model, "Model file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--endpoint", o->endpoint,
                  "DynamoDB endpoint (http://localhost:8000, https://dynamodb.eu-west-1.amazonaws.com)")
      ->required();
  cmd->add_option(
      "--table", o->table,
      "Deployed table name (default: $DYNAMODB_TABLE_NAME, else ${DYNAMODEL_ENVIRONMENT:-dev}-<table.name>)");
  cmd->add_option("--sample", o->sample, "Items scanned and checked against the entities (0: none)")
      ->check(CLI::Range(0, 1000000));
  cmd->add_option("--format", o->format, "Output format: text, json (an array of findings) or sarif (SARIF 2.1.0)")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  return [o, &global] { return run_drift(*o, global); };
}

}  // namespace dynamodel::cli
