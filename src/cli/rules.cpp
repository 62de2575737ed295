// `dynamodel rules [RULE-ID]`: the rule catalogue, or the explanation of one rule.
#include <iostream>
#include <sstream>

#include "cli/cli.hpp"
#include "model/text.hpp"
#include "rules/catalogue.hpp"

namespace dynamodel::cli {
namespace {

struct RulesOptions {
  std::string id;
  std::string format = "text";
};

/// `text` indented by `indent` spaces, line by line.
std::string indented(std::string_view text, std::size_t indent) {
  std::string out;
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) out += std::string(line.empty() ? 0 : indent, ' ') + line + '\n';
  return out;
}

void print_list(std::ostream& out) {
  std::size_t width = 0;
  for (const auto& e : catalogue()) width = std::max(width, e.info.id.size());
  for (const auto& e : catalogue()) {
    std::string id(e.info.id);
    std::string severity(to_string(e.info.severity));
    out << id << std::string(width + 2 - id.size(), ' ') << severity << std::string(9 - severity.size(), ' ')
        << (e.implemented ? "" : "(planned) ") << e.info.summary << '\n';
  }
}

void print_one(std::ostream& out, const CatalogueEntry& e) {
  const RuleInfo& r = e.info;
  out << r.id << " (" << to_string(r.severity) << (e.implemented ? "" : ", planned: not implemented yet") << ")\n\n";
  out << "Fires when: " << r.summary << '\n';
  if (!r.why.empty()) out << "Why: " << r.why << '\n';
  out << "Default severity: " << to_string(r.severity) << '\n';
  if (!r.fail_example.empty()) out << "\nFails:\n" << indented(r.fail_example, 4);
  if (!r.pass_example.empty()) out << "\nPasses:\n" << indented(r.pass_example, 4);
  if (e.implemented) {
    out << '\n';
    if (!r.source.empty())
      out << "AWS source: " << r.source << '\n';
    else if (e.structural)
      out << "Source: the model format (docs/model-format.md)\n";
    out << "Equivalents: " << (r.equivalents.empty() ? std::string_view("none known") : r.equivalents) << '\n';
  }
}

nlohmann::json entry_json(const CatalogueEntry& e) {
  const RuleInfo& r = e.info;
  return {{"id", r.id},
          {"severity", std::string(to_string(r.severity))},
          {"implemented", e.implemented},
          {"summary", r.summary},
          {"why", r.why},
          {"source", r.source},
          {"fail_example", r.fail_example},
          {"pass_example", r.pass_example},
          {"equivalents", r.equivalents}};
}

int run_rules_command(const RulesOptions& o, const GlobalOptions& global) {
  if (o.id.empty()) {
    if (o.format == "md") {
      *global.out << rules_markdown();
    } else if (o.format == "json") {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& e : catalogue()) list.push_back(entry_json(e));
      *global.out << list.dump(2) << '\n';
    } else {
      print_list(*global.out);
    }
    return kExitOk;
  }
  const auto entry = catalogue_entry(o.id);
  if (!entry) {
    std::string message = "unknown rule id '" + o.id + "'";
    if (auto best = closest_match(o.id, known_rule_ids())) message += "; did you mean '" + *best + "'?";
    global.error(message + " (`dynamodel rules` lists them)");
    return kExitUsage;
  }
  if (o.format == "md")
    *global.out << rule_markdown(*entry);
  else if (o.format == "json")
    *global.out << entry_json(*entry).dump(2) << '\n';
  else
    print_one(*global.out, *entry);
  return kExitOk;
}

}  // namespace

Command register_rules(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<RulesOptions>();
  CLI::App* cmd =
      app.add_subcommand("rules",
                         "List the rule catalogue (id, default severity, summary), or explain one rule: what it\n"
                         "checks, why, failing and passing examples, the AWS source and equivalent checks of\n"
                         "other tools. `--format md` prints the rules page (docs/rules.md).");
  cmd->footer("Exit codes: 0 printed, 2 an unknown rule id (with the closest one) or usage error.");
  cmd->add_option("RULE-ID", o->id, "A rule id such as table/pitr-disabled");
  cmd->add_option("--format", o->format, "Output format: text, md (Markdown) or json")
      ->check(CLI::IsMember({"text", "md", "json"}))
      ->capture_default_str();
  return [o, &global] { return run_rules_command(*o, global); };
}

}  // namespace dynamodel::cli
