// `dynamodel analyze FILE --format text|json`: the numbers behind the rules (item and key
// sizes, capacity per access pattern, write amplification, demand per key space).
#include <iomanip>
#include <iostream>
#include <sstream>

#include "analysis/analysis.hpp"
#include "cli/cli.hpp"
#include "diag/format.hpp"
#include "model/loader.hpp"
#include "rules/catalogue.hpp"
#include "rules/rule.hpp"

namespace dynamodel::cli {
namespace {

std::string units(double v) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(v == static_cast<double>(static_cast<long long>(v)) ? 0 : 1) << v;
  return s.str();
}

/// A compact table: a header row and aligned columns (the first left-aligned, others right).
void print_table(std::ostream& out, const std::string& title, const std::vector<std::vector<std::string>>& rows) {
  out << title << '\n';
  if (rows.size() <= 1) {
    out << "  (none)\n\n";
    return;
  }
  std::vector<std::size_t> width;
  for (const auto& r : rows)
    for (std::size_t i = 0; i < r.size(); ++i) {
      if (width.size() <= i) width.push_back(0);
      width[i] = std::max(width[i], r[i].size());
    }
  for (const auto& r : rows) {
    out << ' ';
    for (std::size_t i = 0; i < r.size(); ++i) {
      out << ' ' << (i == 0 ? std::left : std::right) << std::setw(static_cast<int>(width[i])) << r[i];
    }
    out << '\n';
  }
  out << std::right << '\n';
}

/// The key-coverage proof: per pattern whether its key conditions find its entities' items,
/// each step of the proof, the problems in the reporting rule's words, then the key overlaps.
void print_coverage(std::ostream& out, const Coverage& c) {
  out << "Key coverage (how each access pattern is served)\n";
  if (c.patterns.empty()) out << "  (none)\n";
  for (const auto& p : c.patterns) {
    out << "  " << p.pattern << " on " << (p.index.empty() ? "table" : p.index) << ": "
        << (p.served ? "served" : "not served") << '\n';
    for (const auto& line : p.proof) out << "    " << line << '\n';
    for (const auto& pr : p.problems) out << "    problem: " << coverage_message(pr) << " [" << pr.rule << "]\n";
    for (const auto& e : p.also_returns) out << "    also returns " << e << " items\n";
  }
  out << '\n';
  const auto overlaps = [&](const std::string& title, const std::vector<KeyOverlap>& list) {
    out << title << '\n';
    if (list.empty()) out << "  (none)\n";
    for (const auto& o : list)
      out << "  " << o.first << " and " << o.second << " on " << (o.index.empty() ? "table" : o.index) << ": "
          << o.detail << '\n';
    out << '\n';
  };
  overlaps("Key collisions (two entities can write the same key)", c.collisions);
  overlaps("Ambiguous sort-key prefixes", c.ambiguous_prefixes);
}

void print_analysis(std::ostream& out, const Analysis& a) {
  std::vector<std::vector<std::string>> rows{{"entity", "max_item_bytes", "typical_item_bytes", "with_lsi_bytes",
                                              "wcu_per_write", "writes_per_second", "items", "storage_bytes"}};
  for (const auto& e : a.entities)
    rows.push_back({e.name, std::to_string(e.max_item_bytes), std::to_string(e.typical_item_bytes),
                    std::to_string(e.max_item_with_lsi_bytes), units(e.wcu_per_write), units(e.writes_per_second),
                    e.items ? std::to_string(*e.items) : "-", std::to_string(e.storage_bytes)});
  print_table(out, "Entities", rows);

  rows = {{"entity", "key", "max_bytes", "limit_bytes", "template"}};
  for (const auto& e : a.entities)
    for (const auto& k : e.keys)
      rows.push_back({e.name, k.attribute, std::to_string(k.max_bytes) + (k.bounded ? "" : "+"),
                      k.limit_bytes ? std::to_string(k.limit_bytes) : "-", k.key_template});
  print_table(out, "Keys (+: a placeholder has no size hint)", rows);

  rows = {{"entity", "index", "max_entry_bytes", "wcu_per_put", "wcu_per_key_change"}};
  for (const auto& e : a.entities)
    for (std::size_t i = 0; i < e.index_entries.size(); ++i)
      rows.push_back({e.name, e.index_entries[i].index + (e.index_entries[i].local ? " (LSI)" : ""),
                      std::to_string(e.index_entries[i].max_bytes), units(e.index_writes[i].wcu_per_put),
                      units(e.index_writes[i].wcu_per_key_change)});
  print_table(out, "Index entries and write amplification", rows);

  rows = {{"pattern", "operation", "index", "items", "bytes", "rcu_per_call", "wcu_per_call", "index_wcu_per_call",
           "rate_per_second", "rcu_per_second", "wcu_per_second", "paginates"}};
  for (const auto& p : a.patterns)
    rows.push_back({p.id + " " + p.name, p.operation, p.index.empty() ? "table" : p.index,
                    units(p.items_per_call) + (p.items_known ? "" : "?") +
                        (p.items_returned ? " (" + units(*p.items_returned) + " after filter)" : ""),
                    std::to_string(p.bytes_per_call), units(p.rcu_per_call), units(p.wcu_per_call),
                    units(p.index_wcu_per_call), p.rate_stated ? units(p.rate_per_second) : "-",
                    p.rate_stated ? units(p.rcu_per_second) : "-", p.rate_stated ? units(p.wcu_per_second) : "-",
                    p.may_paginate ? "yes" : "no"});
  print_table(out, "Access patterns (?: item count unknown, 1 assumed; -: no rate stated)", rows);

  rows = {{"entity", "partition_key", "items_per_value", "max_bytes"}};
  for (const auto& c : a.collections)
    rows.push_back({c.entity, c.key_template, c.items_per_value ? units(*c.items_per_value) : "unknown",
                    c.items_per_value ? std::to_string(c.max_bytes) : "-"});
  print_table(out, "Item collections", rows);

  rows = {{"key_space", "rcu_per_second", "wcu_per_second", "storage_bytes"}};
  const auto rate = [&](double v) { return a.rates_stated ? units(v) : std::string("-"); };
  for (const auto& d : a.demand)
    rows.push_back({d.name, rate(d.rcu_per_second), rate(d.wcu_per_second), std::to_string(d.storage_bytes)});
  rows.push_back({a.total.name, rate(a.total.rcu_per_second), rate(a.total.wcu_per_second),
                  std::to_string(a.total.storage_bytes)});
  print_table(out,
              a.rates_stated ? "Demand" : "Demand (capacity not estimated: no access pattern states rate_per_second)",
              rows);

  rows = {{"key_space", "entity", "partition_key", "distinct_values", "rcu_per_second", "wcu_per_second",
           "shards_suggested"}};
  for (const auto& h : a.hot_keys)
    rows.push_back({h.key_space, h.entity, h.partition_key + " = " + h.key_template,
                    h.distinct_values ? units(*h.distinct_values) : "unbounded", rate(h.rcu_per_second),
                    rate(h.wcu_per_second), a.rates_stated ? std::to_string(h.shards_suggested) : "-"});
  print_table(out,
              a.rates_stated ? "Hot keys (the hottest partition-key value of each key space and entity)"
                             : "Hot keys (loads not estimated: no access pattern states rate_per_second)",
              rows);
  print_coverage(out, a.coverage);
}

}  // namespace

Command register_analyze(CLI::App& app, const GlobalOptions& global) {
  struct Options {
    std::string file;
    std::string format = "text";
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd =
      app.add_subcommand("analyze",
                         "Print the numbers behind the rules: item and key sizes, RCU/WCU per access pattern,\n"
                         "index write amplification, item collections and demand per key space");
  cmd->footer("Exit codes: 0 printed, 1 the model does not load (its errors printed), 2 usage or input error.");
  cmd->add_option("FILE", o->file, "Model file (YAML)")->required();
  cmd->add_option("--format", o->format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  return [o, &global] {
    LoadResult loaded = load_model_file(o->file, known_rule_ids());
    if (!loaded.model) {  // structural errors: printed as validate prints them
      print_text(*global.err, loaded.diagnostics, global.use_color(true));
      return static_cast<int>(kExitFindings);
    }
    const Analysis a = analyze(*loaded.model);
    if (o->format == "json")
      *global.out << to_json(a, coverage_message).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    else
      print_analysis(*global.out, a);
    return static_cast<int>(kExitOk);
  };
}

}  // namespace dynamodel::cli
