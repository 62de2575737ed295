// The monthly cost of a design at its analysed demand, from a dated price table: on-demand
// request units, provisioned capacity (with and without autoscaling headroom) and storage, per
// key space (the table, each GSI), and the break-even utilisation of provisioned capacity.
// Pricing: https://aws.amazon.com/dynamodb/pricing/ (on-demand and provisioned pages);
// capacity units: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "analysis/analysis.hpp"
#include "model/model.hpp"

namespace dynamodel {

/// A price table that cannot be read or lacks a figure; the message names the file and field.
class PricingError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The prices of one table class, in `Pricing::currency`.
struct ClassPrices {
  double on_demand_write_per_million = 0;  ///< per million write request units
  double on_demand_read_per_million = 0;   ///< per million read request units
  double provisioned_wcu_hour = 0;         ///< per WCU-hour
  double provisioned_rcu_hour = 0;         ///< per RCU-hour
  double storage_gb_month = 0;             ///< per GB-month (1 GB = 2^30 bytes)
};

/// A dated price table for one Region (data/pricing/us-east-1.json is built in; `--pricing
/// FILE` reads another of the same shape).
struct Pricing {
  std::string region, currency, as_of, source, note;
  double hours_per_month = 730;
  std::map<std::string, ClassPrices> classes;  ///< "STANDARD", "STANDARD_INFREQUENT_ACCESS"
};

/// Parses a price table (JSON text; `name` for messages). Throws PricingError.
Pricing parse_pricing(const std::string& text, const std::string& name);
/// The built-in table (data/pricing/us-east-1.json, embedded at build time).
Pricing default_pricing();

/// The monthly cost of one key space (the table or a GSI) at its analysed demand.
struct KeySpaceCost {
  std::string name;
  double rcu_per_second = 0, wcu_per_second = 0;
  std::int64_t storage_bytes = 0;
  double on_demand = 0;                             ///< request units at the steady demand, per month
  std::int64_t rcu = 0, wcu = 0;                    ///< provisioned units = ceil(demand), at least 1
  double provisioned = 0;                           ///< those units, per month
  double target_utilization = 70;                   ///< percent: autoscaling target (model's, else 70)
  std::int64_t rcu_headroom = 0, wcu_headroom = 0;  ///< ceil(demand / target utilization)
  double provisioned_headroom = 0;                  ///< per month
  double storage = 0;                               ///< per month in the table's class
  double storage_other_class = 0;                   ///< per month in the other class
};

/// The whole estimate: per key space, the totals and the break-even utilisation.
struct CostEstimate {
  std::string table_class;  ///< the model's
  std::string other_class;
  std::vector<KeySpaceCost> key_spaces;  ///< table first, then each GSI
  KeySpaceCost total;
  /// Average utilisation of provisioned capacity above which provisioned is cheaper than
  /// on-demand (percent): provisioned unit-hour price / on-demand price of 3600 units.
  double break_even_read_percent = 0, break_even_write_percent = 0;
};

/// Costs the analysed demand with `pricing` (the model's table class). Throws PricingError when
/// the table class has no prices.
CostEstimate estimate_cost(const Model& model, const Analysis& analysis, const Pricing& pricing);

}  // namespace dynamodel
