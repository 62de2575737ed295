// The design review report: the view builder of each section and the two escapers.
// Over 500 lines because the report is one view: its eight section builders share the number
// formatting helpers at the top and nothing else; each is a function of its own. The cost
// model is analysis/cost.cpp, the sample items report/sample.cpp.
#include "report/report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "dynamodel/version.hpp"
#include "analysis/alarms.hpp"
#include "report/backup_posture.hpp"
#include "analysis/dax.hpp"
#include "analysis/stream_filter.hpp"
#include "gen/generator.hpp"
#include "iam/policy.hpp"
#include "model/key_split.hpp"
#include "report/rank.hpp"
#include "report/sample.hpp"
#include "rules/catalogue.hpp"
#include "verify/verify.hpp"

namespace dynamodel {
namespace {

using json = nlohmann::json;

// ---------------------------------------------------------------------------------------------
// Number formatting: thousands separators, at most `decimals` decimals, trailing zeros dropped.

std::string group(const std::string& digits) {
  std::string out;
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[i];
    if ((n - i - 1) % 3 == 0 && i + 1 < n) out += ',';
  }
  return out;
}

std::string num(double v, int decimals = 2) {
  if (!std::isfinite(v)) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(v));
  std::string s = buf;
  std::string frac;
  if (auto dot = s.find('.'); dot != std::string::npos) {
    frac = s.substr(dot + 1);
    s = s.substr(0, dot);
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
  }
  std::string out = (v < 0 && (s != "0" || !frac.empty()) ? "-" : "") + group(s);
  return frac.empty() ? out : out + "." + frac;
}

std::string num(std::int64_t v) { return (v < 0 ? "-" : "") + group(std::to_string(v < 0 ? -v : v)); }

std::string money(double v) {
  if (v > 0 && v < 0.005) return "< $0.01";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  const auto dot = s.find('.');
  return "$" + group(s.substr(0, dot)) + s.substr(dot);
}

std::string percent(double v) { return num(v, 1) + "%"; }

/// Bytes in the largest unit that keeps the number at least 1 (KB = 1,024 bytes).
std::string human_bytes(std::int64_t bytes) {
  static constexpr const char* kUnits[] = {"B", "KB", "MB", "GB", "TB"};
  auto v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  return num(v, u == 0 ? 0 : 1) + " " + kUnits[u];
}

/// A unit price: at least two decimals ($0.10, $0.00065).
std::string price(double v) {
  std::string s = num(v, 6);
  const auto dot = s.find('.');
  if (dot == std::string::npos) return "$" + s + ".00";
  if (s.size() - dot - 1 < 2) s += std::string(2 - (s.size() - dot - 1), '0');
  return "$" + s;
}

std::string location_text(const Location& l) {
  std::string s = std::filesystem::path(l.file.str()).filename().string();
  if (l.line > 0) s += ":" + std::to_string(l.line) + (l.column > 0 ? ":" + std::to_string(l.column) : "");
  return s;
}

// ---------------------------------------------------------------------------------------------
// Sections.

/// How many findings "Most important findings" lists, ranked by rank_findings.
constexpr std::size_t kTopFindings = 5;

std::string_view impact_name(Impact i) {
  switch (i) {
    case Impact::breaks_at_load:
      return "breaks at the declared load";
    case Impact::cost:
      return "cost";
    case Impact::hygiene:
      break;
  }
  return "hygiene";
}

json severity_counts(const std::vector<Diagnostic>& findings) {
  int e = 0, w = 0, i = 0;
  for (const auto& d : findings) (d.severity == Severity::error ? e : d.severity == Severity::warning ? w : i)++;
  const char* verdict = e ? "fails review" : w ? "passes with warnings" : "passes";
  const char* verdict_class = e ? "error" : w ? "warning" : "ok";
  return {{"errors", e}, {"warnings", w}, {"info", i}, {"verdict", verdict}, {"verdict_class", verdict_class}};
}

json finding_view(const Diagnostic& d) {
  json f{{"rule", d.rule},
         {"severity", std::string(to_string(d.severity))},
         {"location", location_text(d.location)},
         {"path", d.path},
         {"message", d.message},
         {"why", ""},
         {"source", ""},
         {"has_source", false},
         {"equivalents", ""},
         {"has_equivalents", false},
         {"fix", ""},
         {"has_fix", false},
         {"notes", json::array()}};
  if (auto entry = catalogue_entry(d.rule)) {
    f["why"] = std::string(entry->info.why);
    f["source"] = std::string(entry->info.source);
    f["has_source"] = !entry->info.source.empty();
    f["equivalents"] = std::string(entry->info.equivalents);
    f["has_equivalents"] = !entry->info.equivalents.empty();
  }
  // The fix written for this model by the rule; the catalogue's generic example stays in
  // `dynamodel rules ID`.
  f["fix"] = d.fix;
  f["has_fix"] = !d.fix.empty();
  f["impact"] = std::string(impact_name(impact_of(d.rule)));
  json patterns = json::array();
  for (const auto& id : d.patterns) patterns.push_back({{"id", id}});
  f["patterns"] = patterns;
  f["has_patterns"] = !d.patterns.empty();
  // Pre-escaped for HTML blocks of the Markdown report (<summary>), where backslash escapes do not apply.
  f["message_html"] = escape_html(d.message);
  f["location_html"] = escape_html(location_text(d.location));
  for (const auto& n : d.notes) f["notes"].push_back({{"location", location_text(n.location)}, {"message", n.message}});
  f["has_notes"] = !d.notes.empty();
  return f;
}

json settings_view(const Model& model) {
  const Table& t = model.table;
  auto key = [](const KeyAttribute& k) { return k.name + " (" + std::string(to_string(k.type)) + ")"; };
  json rows = json::array();
  auto add = [&](const std::string& name, const std::string& value) {
    rows.push_back({{"name", name}, {"value", value}});
  };
  add("Table", t.name);
  add("Partition key", key(t.partition_key));
  add("Sort key", t.sort_key ? key(*t.sort_key) : "none");
  std::string billing(to_string(t.billing_mode));
  if (t.capacity) {
    billing += ": " + num(t.capacity->read) + " RCU, " + num(t.capacity->write) + " WCU";
    if (t.capacity->autoscaling)
      billing += ", autoscaling to " + num(t.capacity->autoscaling->target_utilization, 1) + "%";
  }
  add("Billing", billing);
  add("Table class", std::string(to_string(t.table_class)));
  add("Stream", t.stream ? std::string(to_string(*t.stream)) : "off");
  add("TTL attribute", t.ttl_attribute ? *t.ttl_attribute : "none");
  add("Point-in-time recovery",
      std::string(t.point_in_time_recovery ? "on" : "off") +
          (t.recovery_period_days ? ", " + num(*t.recovery_period_days) + " days" : std::string()));
  add("Deletion protection", t.deletion_protection ? "on" : "off");
  std::string enc(to_string(t.encryption.type));
  if (t.encryption.type == EncryptionType::CUSTOMER_MANAGED) enc += ": " + t.encryption.kms_key_arn;
  add("Encryption", enc);
  std::string replicas;
  for (const auto& r : t.replicas) replicas += (replicas.empty() ? "" : ", ") + r;
  if (t.replica_consistency) replicas += "; consistency " + std::string(to_string(*t.replica_consistency));
  if (t.witness) replicas += "; witness " + *t.witness;
  add("Replicas", replicas.empty() ? "none" : replicas);
  // The newer settings appear only when the model sets them (table, then each GSI).
  const auto on_demand = [&](const OnDemandThroughput& o) {
    return "at most " + (o.max_read ? num(*o.max_read) : std::string("unlimited")) + " read, " +
           (o.max_write ? num(*o.max_write) : std::string("unlimited")) + " write request units/s";
  };
  const auto warm = [&](const WarmThroughput& w) {
    return (w.read ? num(*w.read) : std::string("default")) + " read, " +
           (w.write ? num(*w.write) : std::string("default")) + " write units/s";
  };
  if (t.on_demand_throughput) add("On-demand maximum", on_demand(*t.on_demand_throughput));
  if (t.warm_throughput) add("Warm throughput", warm(*t.warm_throughput));
  if (t.contributor_insights) add("Contributor insights", std::string(to_string(*t.contributor_insights)));
  if (t.resource_policy) add("Resource policy", t.resource_policy->file.empty() ? "inline" : t.resource_policy->file);
  for (const auto& g : t.global_secondary_indexes) {
    if (g.on_demand_throughput) add("GSI " + g.name + " on-demand maximum", on_demand(*g.on_demand_throughput));
    if (g.warm_throughput) add("GSI " + g.name + " warm throughput", warm(*g.warm_throughput));
    if (g.contributor_insights)
      add("GSI " + g.name + " contributor insights", std::string(to_string(*g.contributor_insights)));
  }
  std::string tags;
  for (const auto& tag : t.tags) tags += (tags.empty() ? "" : ", ") + tag.key + "=" + tag.value;
  add("Tags", tags.empty() ? "none" : tags);
  return rows;
}

/// The key spaces as columns: table PK/SK, then each GSI's and each LSI's keys.
/// A multi-attribute GSI key (the entities' own attributes) has one column per attribute, its
/// role numbered in key-schema order (PK1, PK2, SK1, ...).
struct KeyColumn {
  std::string attribute, index, role;  // index: "table" or the index name; role: "PK"/"SK"
  bool own = false;                    // a multi-attribute key: the entity's own attribute
};

std::vector<KeyColumn> key_columns(const ResolvedModel& resolved) {
  std::vector<KeyColumn> cols;
  for (const KeySpace& k : resolved.key_spaces()) {
    const std::string index = k.kind == IndexKind::table ? "table" : k.name;
    if (k.multi_attribute()) {
      const auto keys = k.keys();
      const std::size_t n_pk = k.gsi->partition_key_count();
      for (std::size_t i = 0; i < keys.size(); ++i)
        cols.push_back({keys[i]->name, index,
                        (i < n_pk ? "PK" + std::to_string(i + 1) : "SK" + std::to_string(i - n_pk + 1)), true});
      continue;
    }
    if (k.kind != IndexKind::lsi) cols.push_back({k.partition_key->name, index, "PK"});  // an LSI's is the table's
    if (k.sort_key) cols.push_back({k.sort_key->name, index, "SK"});
  }
  return cols;
}

json key_chart_view(const ResolvedModel& resolved) {
  const Model& model = resolved.model();
  json columns = json::array();
  const auto cols = key_columns(resolved);
  std::map<std::string, int> ordinal;  // colour per key space: the table 0, each index the next of 1..5
  for (const auto& c : cols)
    if (!ordinal.count(c.index))
      ordinal[c.index] = c.index == "table" ? 0 : 1 + static_cast<int>((ordinal.size() - 1) % 5);
  for (const auto& col : cols)
    columns.push_back(
        {{"attribute", col.attribute}, {"index", col.index}, {"role", col.role}, {"space", ordinal[col.index]}});
  json rows = json::array();
  for (const auto& e : model.entities) {
    json cells = json::array();
    for (std::size_t i = 0; i < cols.size(); ++i) {
      const EntityKey* k = cols[i].own ? nullptr : e.key(cols[i].attribute);
      const bool own = cols[i].own && e.attribute(cols[i].attribute) != nullptr;
      // A conditional index (index_when): the entity's items enter it only when its condition holds.
      const IndexMembership* w = cols[i].index == "table" ? nullptr : e.membership(cols[i].index);
      json when = false;
      if (w && (k || own))
        when = {{"condition", w->condition.text},
                {"share", w->share ? json(num(*w->share * 100, *w->share < 0.01 ? 2 : 0) + "%") : json(false)}};
      cells.push_back({{"value", k     ? k->key_template.text
                                 : own ? "{" + cols[i].attribute + "}"
                                       : ""},
                       {"present", k != nullptr || own},
                       {"when", when},
                       {"space", columns[i]["space"]}});
    }
    rows.push_back({{"entity", e.name}, {"description", e.description}, {"cells", cells}});
  }
  const bool conditional =
      std::any_of(model.entities.begin(), model.entities.end(), [](const Entity& e) { return !e.index_when.empty(); });
  return {{"columns", columns}, {"rows", rows}, {"column_count", cols.size() + 1}, {"conditional", conditional}};
}

std::string key_text(const SampleItem& s, const std::string& attribute) {
  for (const auto& [name, value] : s.display)
    if (name == attribute) return value;
  return "";
}
bool has_attribute(const SampleItem& s, const std::string& attribute) {
  for (const auto& [name, value] : s.display)
    if (name == attribute) return true;
  return false;
}

/// The text of a key made of `attributes` (all of a multi-attribute key's): the one value, or
/// the values joined as ` + ` (`acme + eu-west`), as the key's name is (`{tenantId} + {region}`).
std::string key_text(const SampleItem& s, const std::vector<std::string>& attributes) {
  std::string out;
  for (std::size_t i = 0; i < attributes.size(); ++i) out += (i == 0 ? "" : " + ") + key_text(s, attributes[i]);
  return out;
}

/// A key's name in the view: the attribute, or for a multi-attribute key every attribute as
/// the hot-key findings show it, `{tenantId} + {region}`.
std::string key_name(const std::vector<std::string>& attributes) {
  if (attributes.size() == 1) return attributes.front();
  std::string out;
  for (const auto& a : attributes) out += (out.empty() ? "{" : " + {") + a + "}";
  return out;
}

/// One key space of the single-table view: items grouped by partition-key value (the values of
/// every partition-key attribute together, for a multi-attribute GSI key: one partition is one
/// combination of them), each group ordered by its sort key (every sort-key attribute, left to
/// right). `pk` has 1..4 attributes, `sk` 0..4.
json collection_view(const std::vector<SampleItem>& items, const std::string& title, const std::string& kind,
                     const std::vector<std::string>& pk, const std::vector<std::string>& sk,
                     const std::set<std::string>& shown_keys, const Projection* projection, std::size_t total) {
  std::vector<const SampleItem*> in;
  const auto has_all = [](const SampleItem& s, const std::vector<std::string>& names) {
    return std::all_of(names.begin(), names.end(), [&](const std::string& n) { return has_attribute(s, n); });
  };
  for (const auto& s : items)
    if (has_all(s, pk) && has_all(s, sk)) in.push_back(&s);
  const auto values = [](const SampleItem& s, const std::vector<std::string>& names) {
    std::vector<std::string> out;
    out.reserve(names.size());
    for (const auto& n : names) out.push_back(key_text(s, n));
    return out;
  };
  std::stable_sort(in.begin(), in.end(), [&](const SampleItem* a, const SampleItem* b) {
    const auto ka = values(*a, pk), kb = values(*b, pk);
    if (ka != kb) return ka < kb;
    return values(*a, sk) < values(*b, sk);
  });
  const std::set<std::string> in_key = [&] {
    std::set<std::string> out(pk.begin(), pk.end());
    out.insert(sk.begin(), sk.end());
    return out;
  }();
  json groups = json::array();
  for (std::size_t i = 0; i < in.size();) {
    std::size_t j = i;
    json rows = json::array();
    while (j < in.size() && values(*in[j], pk) == values(*in[i], pk)) {
      const SampleItem& s = *in[j];
      json attrs = json::array();
      for (const auto& [name, value] : s.display) {
        if (in_key.count(name)) continue;
        const bool key = shown_keys.count(name) > 0;
        bool projected = true;
        if (projection && !key) {
          projected =
              projection->type == ProjectionType::ALL ||
              (projection->type == ProjectionType::INCLUDE &&
               std::find(projection->include.begin(), projection->include.end(), name) != projection->include.end());
        }
        if (projected) attrs.push_back({{"name", name}, {"value", value}, {"last", false}});
      }
      if (!attrs.empty()) attrs.back()["last"] = true;
      rows.push_back({{"first", j == i},
                      {"pk", key_text(s, pk)},
                      {"sk", sk.empty() ? "" : key_text(s, sk)},
                      {"entity", s.entity},
                      {"attributes", attrs},
                      {"has_attributes", !attrs.empty()}});
      ++j;
    }
    for (auto& r : rows) r["rowspan"] = rows.size();
    groups.push_back({{"pk", key_text(*in[i], pk)}, {"rows", rows}, {"size", rows.size()}});
    i = j;
  }
  return {{"title", title},
          {"kind", kind},
          {"partition_key", key_name(pk)},
          {"sort_key", sk.empty() ? "" : key_name(sk)},
          {"has_sort_key", !sk.empty()},
          {"groups", groups},
          {"item_count", in.size()},
          {"partition_count", groups.size()},
          {"sparse", in.size() < total},
          {"total_items", total},
          {"projection", projection ? std::string(to_string(projection->type)) : "table"}};
}

json single_table_view(const ResolvedModel& resolved, const ReportOptions& options) {
  const Model& model = resolved.model();
  const auto items = sample_items(model, options.samples_per_entity, options.seed);
  std::set<std::string> keys;
  for (const auto* k : model.key_attributes()) keys.insert(k->name);
  json spaces = json::array();
  for (const KeySpace& k : resolved.key_spaces()) {
    const char* kind = k.kind == IndexKind::table ? "table" : k.kind == IndexKind::gsi ? "GSI" : "LSI";
    const std::string title = k.kind == IndexKind::table ? "Table " + model.table.name : kind + (" " + k.name);
    std::vector<std::string> pk, sk;
    for (const KeyAttribute* a : partition_keys(k)) pk.push_back(a->name);
    for (const KeyAttribute* a : sort_keys(k)) sk.push_back(a->name);
    spaces.push_back(collection_view(items, title, kind, pk, sk, keys, k.projection, items.size()));
  }
  for (std::size_t i = 0; i < spaces.size(); ++i) {
    spaces[i]["first"] = i == 0;
    spaces[i]["title_html"] = escape_html(spaces[i]["title"].get<std::string>());
    spaces[i]["projection_html"] = escape_html(spaces[i]["projection"].get<std::string>());
  }
  return {{"seed", std::to_string(options.seed)},
          {"per_entity", options.samples_per_entity},
          {"item_count", items.size()},
          {"key_spaces", spaces}};
}

json patterns_view(const Analysis& a, const std::vector<Diagnostic>& findings) {
  // The patterns a capacity, quota or hot-key finding names as its drivers: highlighted rows.
  std::map<std::string, std::vector<std::string>> drives;
  for (const auto& d : findings)
    for (const auto& id : d.patterns) {
      auto& rules = drives[id];
      if (std::find(rules.begin(), rules.end(), d.rule) == rules.end()) rules.push_back(d.rule);
    }
  json rows = json::array();
  for (const auto& p : a.patterns) {
    const PatternCoverage* c = a.coverage.pattern(p.id);
    const bool served = !c || c->served;
    json proof = json::array();
    if (c) {
      for (const auto& line : c->proof) proof.push_back({{"line", line}});
      for (const auto& pr : c->problems) proof.push_back({{"line", coverage_message(pr) + " [" + pr.rule + "]"}});
      for (const auto& e : c->also_returns) proof.push_back({{"line", "also returns " + e + " items"}});
    }
    const std::string& description = p.pattern->description;
    const double wcu = p.wcu_per_call + p.index_wcu_per_call;
    rows.push_back({{"id", p.id},
                    {"name", p.name},
                    {"description", description},
                    {"operation", p.operation},
                    {"index", p.index.empty() ? "table" : p.index},
                    {"key_condition", p.key_condition.empty() ? "-" : p.key_condition},
                    {"served", served},
                    {"served_text", served ? "served" : "not served"},
                    {"proof", proof},
                    {"has_proof", !proof.empty()},
                    {"items_per_call", num(p.items_per_call) + (p.items_known ? "" : "?") +
                                           (p.items_returned ? " read, " + num(*p.items_returned) + " returned" : "")},
                    {"bytes_per_call", num(p.bytes_per_call)},
                    {"rcu_per_call", num(p.rcu_per_call)},
                    {"wcu_per_call", num(wcu)},
                    {"rate_per_second", num(p.rate_per_second)},
                    {"rcu_per_second", num(p.rcu_per_second)},
                    {"wcu_per_second", num(p.wcu_per_second +
                                           [&] {
                                             double g = 0;
                                             for (const auto& w : p.gsi_wcu) g += w.wcu_per_call * p.rate_per_second;
                                             return g;
                                           }())},
                    {"paginates", p.may_paginate}});
    std::string rules;
    if (auto it = drives.find(p.id); it != drives.end())
      for (const auto& r : it->second) rules += (rules.empty() ? "" : ", ") + r;
    rows.back()["drives"] = !rules.empty();
    rows.back()["drives_rules"] = rules;
  }
  int served = 0;
  for (const auto& r : rows) served += r["served"].get<bool>() ? 1 : 0;
  return {{"rows", rows}, {"served", served}, {"total", rows.size()}, {"has_drivers", !drives.empty()}};
}

/// The share of the peak load a typical day averages: the declared (peak) rates for 8 hours,
/// a third of them for the other 16 ((8 + 16 / 3) / 24 = 55.6%). A convention of dynamodel for
/// the typical case next to the worst case (the peak around the clock), not an AWS number.
constexpr double kTypicalDayShare = (8.0 + 16.0 / 3.0) / 24.0;

json cost_view(const Model& model, const Analysis& a, const Pricing& pricing) {
  const CostEstimate c = estimate_cost(model, a, pricing);
  auto row = [&](const KeySpaceCost& k, bool total) {
    return json{{"name", k.name},
                {"total", total},
                {"rcu_per_second", num(k.rcu_per_second)},
                {"wcu_per_second", num(k.wcu_per_second)},
                {"storage", human_bytes(k.storage_bytes)},
                {"storage_gb", num(static_cast<double>(k.storage_bytes) / (1024.0 * 1024 * 1024), 2)},
                {"on_demand", money(k.on_demand)},
                {"rcu", num(k.rcu)},
                {"wcu", num(k.wcu)},
                {"provisioned", money(k.provisioned)},
                {"target", num(k.target_utilization, 1)},
                {"rcu_headroom", num(k.rcu_headroom)},
                {"wcu_headroom", num(k.wcu_headroom)},
                {"provisioned_headroom", money(k.provisioned_headroom)},
                {"storage_cost", money(k.storage)},
                {"storage_other_cost", money(k.storage_other_class)}};
  };
  json rows = json::array();
  for (const auto& k : c.key_spaces) rows.push_back(row(k, false));
  const KeySpaceCost& t = c.total;
  const double od = t.on_demand + t.storage, pv = t.provisioned + t.storage, ph = t.provisioned_headroom + t.storage;
  const bool on_demand_now = model.table.billing_mode == BillingMode::PAY_PER_REQUEST;
  std::string cheaper = od <= ph ? "on-demand" : "provisioned with autoscaling headroom";
  // The typical case: typical items (not the largest), and request capacity (on-demand, or
  // autoscaled provisioned) following the load through a typical day; storage does not.
  const KeySpaceCost typical = estimate_cost(model, analyze(a.resolved, SizeBasis::typical), pricing).total;
  const double typical_od = typical.on_demand * kTypicalDayShare + t.storage,
               typical_ph = typical.provisioned_headroom * kTypicalDayShare + t.storage;
  json prices = json::array();
  for (const auto& [cls, p] : pricing.classes)
    prices.push_back({{"class", cls},
                      {"current", cls == c.table_class},
                      {"write", price(p.on_demand_write_per_million)},
                      {"read", price(p.on_demand_read_per_million)},
                      {"wcu_hour", price(p.provisioned_wcu_hour)},
                      {"rcu_hour", price(p.provisioned_rcu_hour)},
                      {"storage", price(p.storage_gb_month)}});
  return {{"rows", rows},
          {"rates", a.rates_stated},
          {"total", row(t, true)},
          {"table_class", c.table_class},
          {"other_class", c.other_class},
          {"monthly_on_demand", money(od)},
          {"monthly_provisioned", money(pv)},
          {"monthly_provisioned_headroom", money(ph)},
          {"typical_on_demand", money(typical_od)},
          {"typical_provisioned_headroom", money(typical_ph)},
          {"typical_day_percent", percent(kTypicalDayShare * 100)},
          {"storage_monthly", money(t.storage)},
          {"storage_other_monthly", money(t.storage_other_class)},
          {"billing_mode", std::string(to_string(model.table.billing_mode))},
          {"on_demand_now", on_demand_now},
          {"cheaper", cheaper},
          {"break_even_read", percent(c.break_even_read_percent)},
          {"break_even_write", percent(c.break_even_write_percent)},
          {"region", pricing.region},
          {"currency", pricing.currency},
          {"as_of", pricing.as_of},
          {"source", pricing.source},
          {"source_href", pricing.source.rfind("https://", 0) == 0 ? pricing.source : std::string("#")},
          {"note", pricing.note},
          {"hours_per_month", num(pricing.hours_per_month, 1)},
          {"prices", prices}};
}

/// A text bar for Markdown: 20 cells for 0-100% of the ceiling, `▏` marks past 100%.
std::string text_bar(double pct) {
  const int filled = static_cast<int>(std::lround(std::clamp(pct, 0.0, 100.0) / 5.0));
  std::string s;
  for (int i = 0; i < 20; ++i) s += i < filled ? "\xE2\x96\x88" : "\xE2\x96\x91";  // █ ░
  return s;
}

/// Below this share of a partition's ceiling (percent) a hot-key bar is too short to read.
constexpr double kNearZeroPercent = 1.0;

json hot_keys_view(const Analysis& a) {
  json rows = json::array();
  // The SVG chart: one row per key space + entity, a read bar and a write bar, 0-150% scale.
  constexpr double kLabel = 300, kBar = 420, kRow = 46, kTop = 34, kMaxPct = 150;
  int i = 0;
  double hottest = 0;  // percent of the ceiling on the hottest value of any row
  for (const auto& h : a.hot_keys) {
    const double rp = h.rcu_per_second / limits::kPartitionRcu * 100,
                 wp = h.wcu_per_second / limits::kPartitionWcu * 100;
    const double worst = std::max(rp, wp);
    hottest = std::max(hottest, worst);
    const char* status = worst > 100 ? "over" : worst >= 50 ? "warn" : "ok";
    auto width = [&](double pct) { return num(std::max(1.0, std::min(pct, kMaxPct) / kMaxPct * kBar), 1); };
    const double y = kTop + i * kRow;
    rows.push_back({{"key_space", h.key_space},
                    {"entity", h.entity},
                    {"partition_key", h.partition_key},
                    {"key_template", h.key_template},
                    {"distinct_values", (h.distinct_values ? num(*h.distinct_values, 0) : "unbounded") +
                                            (h.shared_identifier.empty() ? "" : " (assumed: no cardinality)")},
                    {"rcu_per_second", num(h.rcu_per_second, h.rcu_per_second < 1 ? 3 : 2)},
                    {"wcu_per_second", num(h.wcu_per_second, h.wcu_per_second < 1 ? 3 : 2)},
                    {"read_percent", percent(rp)},
                    {"write_percent", percent(wp)},
                    {"read_bar", text_bar(rp)},
                    {"write_bar", text_bar(wp)},
                    {"status", status},
                    {"shards", h.shards_suggested},
                    {"y_label", num(y + 18, 1)},
                    {"y_label2", num(y + 33, 1)},
                    {"y_read", num(y + 6, 1)},
                    {"y_write", num(y + 23, 1)},
                    {"y_read_text", num(y + 17, 1)},
                    {"y_write_text", num(y + 34, 1)},
                    {"read_width", width(rp)},
                    {"write_width", width(wp)},
                    {"read_text_x", num(kLabel + std::stod(width(rp)) + 6, 1)},
                    {"write_text_x", num(kLabel + std::stod(width(wp)) + 6, 1)},
                    {"read_class", rp > 100   ? "over"
                                   : rp >= 50 ? "warn"
                                              : "ok"},
                    {"write_class", wp > 100   ? "over"
                                    : wp >= 50 ? "warn"
                                               : "ok"}});
    ++i;
  }
  const double height = kTop + i * kRow + 8;
  auto x_of = [&](double pct) { return num(kLabel + pct / kMaxPct * kBar, 1); };
  // Bars that all round to 0% read as a broken chart: say in words that no value is near a ceiling.
  const bool all_near_zero = !rows.empty() && hottest < kNearZeroPercent;
  return {{"rows", rows},
          {"rates", a.rates_stated},
          {"has_rows", !rows.empty()},
          {"all_near_zero", all_near_zero},
          {"hottest_percent", percent(hottest)},
          {"chart",
           {{"width", num(kLabel + kBar + 90, 0)},
            {"height", num(height, 0)},
            {"label_x", num(kLabel - 10, 0)},
            {"bar_x", num(kLabel, 0)},
            {"x50", x_of(50)},
            {"x100", x_of(100)},
            {"x150", x_of(150)},
            {"axis_bottom", num(height - 4, 0)},
            {"axis_top", num(kTop - 8, 0)},
            {"axis_label_y", num(kTop - 14, 0)}}},
          {"rcu_limit", num(limits::kPartitionRcu)},
          {"wcu_limit", num(limits::kPartitionWcu)}};
}

json sizes_view(const Analysis& a) {
  json rows = json::array();
  for (const auto& e : a.entities) {
    const std::int64_t max = e.max_item_with_lsi_bytes > 0 ? e.max_item_with_lsi_bytes : e.max_item_bytes;
    const double pct = static_cast<double>(max) / limits::kItemBytes * 100;
    const std::int64_t wcu = (e.max_item_bytes + limits::kWriteUnitBytes - 1) / limits::kWriteUnitBytes;
    const std::int64_t rcu = (e.max_item_bytes + limits::kReadUnitBytes - 1) / limits::kReadUnitBytes;
    json entries = json::array();
    for (std::size_t i = 0; i < e.index_entries.size(); ++i) {
      const auto& x = e.index_entries[i];
      entries.push_back(
          {{"index", x.index + (x.local ? " (LSI)" : "")},
           {"max_bytes", num(x.max_bytes)},
           {"typical_bytes", num(x.typical_bytes)},
           {"wcu_per_put", i < e.index_writes.size() ? num(e.index_writes[i].wcu_per_put) : "-"},
           {"rcu_per_read",
            num(static_cast<std::int64_t>((x.max_data_bytes + limits::kReadUnitBytes - 1) / limits::kReadUnitBytes))}});
    }
    rows.push_back({{"entity", e.name},
                    {"max_bytes", num(e.max_item_bytes)},
                    {"typical_bytes", num(e.typical_item_bytes)},
                    {"with_lsi_bytes", num(e.max_item_with_lsi_bytes)},
                    {"limit_percent", percent(pct)},
                    {"limit_width", num(std::max(0.5, std::min(pct, 100.0)), 1)},
                    {"wcu_per_write", num(wcu)},
                    {"wcu_slack", num(wcu * limits::kWriteUnitBytes - e.max_item_bytes)},
                    {"rcu_per_read", num(rcu)},
                    {"rcu_slack", num(rcu * limits::kReadUnitBytes - e.max_item_bytes)},
                    {"level", pct >= 100                                    ? "over"
                              : e.max_item_bytes >= limits::kLargeItemBytes ? "warn"
                                                                            : "ok"},
                    {"index_entries", entries},
                    {"has_index_entries", !entries.empty()}});
  }
  return {{"rows", rows}};
}

json findings_view(const std::vector<Diagnostic>& findings) {
  json groups = json::array();
  const auto ranked = rank_findings(findings);
  for (Severity s : {Severity::error, Severity::warning, Severity::info}) {
    json items = json::array();
    for (const Diagnostic* d : ranked)
      if (d->severity == s) items.push_back(finding_view(*d));
    static const std::map<Severity, std::string> kTitle{
        {Severity::error, "Errors"}, {Severity::warning, "Warnings"}, {Severity::info, "Info"}};
    groups.push_back({{"severity", std::string(to_string(s))},
                      {"title", kTitle.at(s)},
                      {"count", items.size()},
                      {"findings", items},
                      {"has_findings", !items.empty()}});
  }
  return {{"groups", groups}, {"count", findings.size()}, {"none", findings.empty()}};
}

/// "Who can do what": one row per (principal, pattern or stream consumer, resource, condition)
/// of the principals' policies (iam/policy.hpp), in model order.
json access_view(const Model& model) {
  json rows = json::array();
  for (const auto& policy : iam::policies(model)) {
    // The needs of one pattern or consumer (`served`), grouped like the policy's statements.
    auto add_rows = [&](const std::string& served, const std::vector<iam::Need>& needs) {
      std::vector<std::pair<const iam::Need*, std::vector<std::string>>> groups;
      for (const auto& n : needs) {
        auto g = std::ranges::find_if(groups, [&](const auto& x) {
          return x.first->resource == n.resource && x.first->condition == n.condition;
        });
        if (g == groups.end()) {
          groups.push_back({&n, {}});
          g = groups.end() - 1;
        }
        if (std::ranges::find(g->second, n.action) == g->second.end()) g->second.push_back(n.action);
      }
      for (const auto& [need, actions] : groups) {
        std::string list;
        for (const auto& a : actions) list += (list.empty() ? "" : ", ") + a;
        std::string resource = "table " + model.table.name;
        if (need->resource.kind == iam::Resource::Kind::index) resource = "index " + need->resource.index;
        if (need->resource.kind == iam::Resource::Kind::stream) resource = "streams of table " + model.table.name;
        if (need->resource.kind == iam::Resource::Kind::kms_key) resource = "KMS key";
        if (need->resource.kind == iam::Resource::Kind::destination) resource = need->resource.arn;
        std::string conditions;
        for (const auto& [op, keys] : need->condition.items())
          for (const auto& [key, value] : keys.items())
            conditions += (conditions.empty() ? "" : "; ") + key + " " + op + " " +
                          (value.is_array() ? value.dump(-1, ' ', false, json::error_handler_t::replace)
                                            : value.get<std::string>());
        if (need->unrestricted)
          conditions += std::string(conditions.empty() ? "" : "; ") + "no leading-key restriction";
        rows.push_back({{"principal", policy.principal->name},
                        {"pattern", served},
                        {"actions", list},
                        {"resource", resource},
                        {"conditions", conditions.empty() ? "none" : conditions}});
      }
    };
    for (const auto& pn : policy.patterns) add_rows(pn.pattern->name, pn.needs);
    for (const auto& cn : policy.consumers) add_rows("stream consumer " + cn.consumer->name, cn.needs);
  }
  return {{"has_principals", !model.principals.empty()}, {"rows", rows}};
}

/// The verification section (`report --verified FILE`): verify's table and summary, and whether
/// capacity was compared (not with --items-only).
json verified_view(const json& doc) {
  if (!doc.is_object()) return {{"present", false}, {"rows", json::array()}};
  return {{"present", true},
          {"endpoint", doc.value("endpoint", "")},
          {"summary", doc.value("summary", "")},
          {"items_only", doc.value("items_only", false)},
          {"rows", verify::table_rows(doc)}};
}

/// The DAX cluster's rows (operations.dax): its settings, then each access pattern and what DAX
/// does with it (cached, written through or passed through, and why); false without a cluster.
json dax_report_view(const Model& model) {
  const json v = dax_view(model);
  if (!v.is_object()) return false;
  const Dax& d = model.operations.dax;
  json settings = json::array();
  auto row = [&settings](const std::string& k, const std::string& value) {
    settings.push_back({{"setting", k}, {"value", value}});
  };
  row("Name", "<environment>-" + v["base_name"].get<std::string>());
  row("Node type", d.node_type);
  row("Nodes",
      std::to_string(d.nodes) + (d.nodes < 3 ? " (fewer than 3: no fault tolerance across Availability Zones)"
                                             : " (1 primary, " + std::to_string(d.nodes - 1) + " read replicas)"));
  row("Subnets", [&d] {
    std::string s;
    for (const auto& x : d.subnets) s += (s.empty() ? "" : ", ") + x;
    return s;
  }());
  if (!d.security_groups.empty()) {
    std::string s;
    for (const auto& x : d.security_groups) s += (s.empty() ? "" : ", ") + x;
    row("Security groups", s);
  }
  row("Item cache TTL",
      std::to_string(d.item_ttl_seconds) + " s (record-ttl-millis " + v["item_ttl_millis"].get<std::string>() + ")");
  row("Query cache TTL",
      std::to_string(d.query_ttl_seconds) + " s (query-ttl-millis " + v["query_ttl_millis"].get<std::string>() + ")");
  row("Encryption", std::string(d.encryption ? "at rest" : "none at rest") + ", endpoint " +
                        v["endpoint_encryption"].get<std::string>());
  row("Role", "DAX's DynamoDB actions on this table and its indexes only");
  return {{"settings", settings}, {"patterns", v["patterns"]}};
}

/// "Operations": one row per stream consumer of `operations.stream_consumers`: its function, the
/// entities and events it receives, its filter patterns (or why it has none) and its settings.
json operations_view(const Model& model) {
  json rows = json::array();
  for (const auto& c : model.operations.stream_consumers) {
    const ConsumerFilter filter = stream_filter(model, c);
    std::string entities, events, patterns, settings;
    for (const auto& e : c.entities) entities += (entities.empty() ? "" : ", ") + e;
    for (StreamEvent e : c.events) events += (events.empty() ? "" : ", ") + std::string(to_string(e));
    for (const auto& p : filter.patterns) patterns += (patterns.empty() ? "" : " OR ") + p;
    if (!filter.complete)
      patterns = std::ranges::any_of(filter.entities, [](const EntityFilter& e) { return !e.missing_images.empty(); })
                     ? "none: an entity's discriminator is in an image the stream does not carry "
                       "(operations/consumer-filter-image)"
                     : "none: an entity has no distinct key prefix or discriminator (operations/consumer-filter)";
    settings = "start " + std::string(to_string(c.starting_position));
    if (c.batch_size) settings += ", batch " + std::to_string(*c.batch_size);
    if (c.batching_window_seconds) settings += ", window " + std::to_string(*c.batching_window_seconds) + " s";
    if (c.maximum_retry_attempts) settings += ", retries " + std::to_string(*c.maximum_retry_attempts);
    if (c.bisect_batch_on_error) settings += ", bisect on error";
    if (!c.on_failure.empty()) settings += ", on failure " + c.on_failure;
    rows.push_back({{"name", c.name},
                    {"function", c.function},
                    {"entities", entities.empty() ? "all" : entities},
                    {"events", events.empty() ? "all" : events},
                    {"filter", patterns.empty() ? "none (every change)" : patterns},
                    {"settings", settings}});
  }
  // The alarms (analysis/alarms.hpp), as every target creates them.
  json alarms = json::array();
  for (const Alarm& a : table_alarms(model)) {
    std::string metric(a.kind->metric);
    if (!a.dimension_name.empty()) metric += " (" + a.dimension_name + " " + a.dimension_value + ")";
    if (!a.table_dimension) metric += " (account)";
    const std::string op = a.kind->comparison == "GreaterThanOrEqualToThreshold" ? ">= " : "> ";
    std::string threshold = json(a.threshold).dump();
    if (threshold.ends_with(".0")) threshold.resize(threshold.size() - 2);
    alarms.push_back({{"name", a.suffix},
                      {"metric", metric},
                      {"statistic", std::string(a.kind->statistic)},
                      {"period", std::to_string(a.period) + " s, " + std::to_string(a.datapoints) + " of " +
                                     std::to_string(a.evaluation_periods)},
                      {"threshold", op + threshold},
                      {"why", std::string(a.kind->why) + " Threshold: " + a.threshold_why + "."}});
  }
  const std::string& notify = model.operations.alarms.notify;
  return {{"has_consumers", !rows.empty()},
          {"consumers", rows},
          {"has_alarms", !alarms.empty()},
          {"alarms", alarms},
          {"notify", notify.empty() ? "no one (no alarm actions: set operations.alarms.notify)"
                                    : (notify == "create" ? "a generated SNS topic" : notify)},
          {"dax", dax_report_view(model)},
          {"present", !rows.empty() || !alarms.empty() || model.operations.dax.enabled}};
}

}  // namespace

// -------------------------------------------------------------------------------------------------

json report_view(const Model& model, const Analysis& analysis, const std::vector<Diagnostic>& findings,
                 const ReportOptions& options) {
  json v;
  v["dynamodel"] = {{"version", kVersion}, {"model_file", std::filesystem::path(model.file).filename().string()}};
  v["model"] = {
      {"name", model.name}, {"description", model.description}, {"has_description", !model.description.empty()}};
  json counts = severity_counts(findings);
  const auto ranked = rank_findings(findings);
  json top = json::array();
  for (std::size_t i = 0; i < ranked.size() && i < kTopFindings; ++i) {
    top.push_back(finding_view(*ranked[i]));
    top.back()["rank"] = i + 1;
  }
  v["summary"] = {{"settings", settings_view(model)},
                  {"entities", model.entities.size()},
                  {"gsis", model.table.global_secondary_indexes.size()},
                  {"lsis", model.table.local_secondary_indexes.size()},
                  {"access_patterns", model.access_patterns.size()},
                  {"findings", counts},
                  {"top", top},
                  {"has_top", !top.empty()}};
  v["key_chart"] = key_chart_view(*analysis.resolved);
  v["single_table"] = single_table_view(*analysis.resolved, options);
  v["patterns"] = patterns_view(analysis, findings);
  v["cost"] = cost_view(model, analysis, options.pricing);
  v["hot_keys"] = hot_keys_view(analysis);
  v["sizes"] = sizes_view(analysis);
  v["findings"] = findings_view(findings);
  v["access"] = access_view(model);
  v["operations"] = operations_view(model);
  // The backup and restore posture: every table has one, so every report has an Operations section.
  v["backup_posture"] = backup_posture_view(model);
  v["operations"]["present"] = true;
  v["verified"] = verified_view(options.verified);
  v["limits"] = {{"item", "400 KB"}, {"write_unit", "1 KB"}, {"read_unit", "4 KB"}};
  return v;
}

std::string render_report(const Model& model, const Analysis& analysis, const std::vector<Diagnostic>& findings,
                          const ReportOptions& options, const TemplateSource& templates) {
  const json view = report_view(model, analysis, findings, options);
  const std::string name = "report/report." + options.format + ".mustache";
  return render_template(name, templates.load(name), view, options.format == "html" ? escape_html : escape_markdown);
}

std::string escape_html(const std::string& value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string escape_markdown(const std::string& value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\r':
        break;
      case '\n':
        out += "<br>";
        break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '~':
      case '$':
      case '|':
        out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace dynamodel
