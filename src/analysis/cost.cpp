// The cost estimate (analysis/cost.hpp).
#include "analysis/cost.hpp"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "dynamodel/default_pricing.hpp"

namespace dynamodel {
namespace {

using json = nlohmann::json;

double number_field(const json& j, const char* key, const std::string& where) {
  if (!j.contains(key) || !j[key].is_number() || j[key].get<double>() < 0)
    throw PricingError(where + ": needs a non-negative number `" + key + "`");
  return j[key].get<double>();
}

std::string string_field(const json& j, const char* key, const std::string& where) {
  if (!j.contains(key) || !j[key].is_string()) throw PricingError(where + ": needs a string `" + key + "`");
  return j[key].get<std::string>();
}

/// The autoscaling target of a key space, percent (70 when the model sets none).
double target_of(const ResolvedModel& resolved, const std::string& key_space) {
  const KeySpace* gsi = key_space == "table" ? nullptr : resolved.key_space(key_space);
  const std::optional<Capacity>& cap = *(gsi ? gsi : &resolved.table())->capacity;
  if (cap && cap->autoscaling && cap->autoscaling->target_utilization > 0) return cap->autoscaling->target_utilization;
  return 70.0;
}

std::int64_t units_for(double demand) {
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(demand - 1e-9)));
}

}  // namespace

Pricing parse_pricing(const std::string& text, const std::string& name) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw PricingError(name + ": not a JSON object");
  Pricing p;
  p.region = string_field(j, "region", name);
  p.currency = string_field(j, "currency", name);
  p.as_of = string_field(j, "as_of", name);
  p.source = string_field(j, "source", name);
  p.note = j.contains("note") && j["note"].is_string() ? j["note"].get<std::string>() : "";
  p.hours_per_month = number_field(j, "hours_per_month", name);
  if (!j.contains("table_classes") || !j["table_classes"].is_object())
    throw PricingError(name + ": needs an object `table_classes`");
  for (const auto& [cls, v] : j["table_classes"].items()) {
    const std::string where = name + ": table_classes." + cls;
    if (!v.is_object()) throw PricingError(where + ": not an object");
    p.classes[cls] = ClassPrices{
        number_field(v, "on_demand_write_per_million", where), number_field(v, "on_demand_read_per_million", where),
        number_field(v, "provisioned_wcu_hour", where), number_field(v, "provisioned_rcu_hour", where),
        number_field(v, "storage_gb_month", where)};
  }
  return p;
}

Pricing default_pricing() { return parse_pricing(kDefaultPricingJson, "data/pricing/us-east-1.json"); }

CostEstimate estimate_cost(const Model& model, const Analysis& analysis, const Pricing& pricing) {
  CostEstimate c;
  c.table_class = std::string(to_string(model.table.table_class));
  c.other_class = model.table.table_class == TableClass::STANDARD ? "STANDARD_INFREQUENT_ACCESS" : "STANDARD";
  auto found = pricing.classes.find(c.table_class);
  if (found == pricing.classes.end())
    throw PricingError("the price table has no prices for table class " + c.table_class);
  const ClassPrices& p = found->second;
  auto other = pricing.classes.find(c.other_class);
  const double h = pricing.hours_per_month, seconds = h * 3600, gib = 1024.0 * 1024 * 1024;
  c.total.name = "total";
  for (const auto& d : analysis.demand) {
    KeySpaceCost k;
    k.name = d.name;
    k.rcu_per_second = d.rcu_per_second;
    k.wcu_per_second = d.wcu_per_second;
    k.storage_bytes = d.storage_bytes;
    k.on_demand = d.rcu_per_second * seconds / 1e6 * p.on_demand_read_per_million +
                  d.wcu_per_second * seconds / 1e6 * p.on_demand_write_per_million;
    k.rcu = units_for(d.rcu_per_second);
    k.wcu = units_for(d.wcu_per_second);
    k.provisioned =
        (static_cast<double>(k.rcu) * p.provisioned_rcu_hour + static_cast<double>(k.wcu) * p.provisioned_wcu_hour) * h;
    k.target_utilization = target_of(*analysis.resolved, d.name);
    k.rcu_headroom = units_for(d.rcu_per_second * 100 / k.target_utilization);
    k.wcu_headroom = units_for(d.wcu_per_second * 100 / k.target_utilization);
    k.provisioned_headroom = (static_cast<double>(k.rcu_headroom) * p.provisioned_rcu_hour +
                              static_cast<double>(k.wcu_headroom) * p.provisioned_wcu_hour) *
                             h;
    k.storage = static_cast<double>(d.storage_bytes) / gib * p.storage_gb_month;
    k.storage_other_class = other == pricing.classes.end()
                                ? 0
                                : static_cast<double>(d.storage_bytes) / gib * other->second.storage_gb_month;
    KeySpaceCost& t = c.total;
    t.rcu_per_second += k.rcu_per_second;
    t.wcu_per_second += k.wcu_per_second;
    t.storage_bytes += k.storage_bytes;
    t.on_demand += k.on_demand;
    t.rcu += k.rcu;
    t.wcu += k.wcu;
    t.provisioned += k.provisioned;
    t.rcu_headroom += k.rcu_headroom;
    t.wcu_headroom += k.wcu_headroom;
    t.provisioned_headroom += k.provisioned_headroom;
    t.storage += k.storage;
    t.storage_other_class += k.storage_other_class;
    c.key_spaces.push_back(k);
  }
  c.total.target_utilization = target_of(*analysis.resolved, "table");
  auto ratio = [](double hour, double per_million) {
    return per_million > 0 ? hour / (3600 * per_million / 1e6) * 100 : 0;
  };
  c.break_even_read_percent = ratio(p.provisioned_rcu_hour, p.on_demand_read_per_million);
  c.break_even_write_percent = ratio(p.provisioned_wcu_hour, p.on_demand_write_per_million);
  return c;
}

}  // namespace dynamodel
