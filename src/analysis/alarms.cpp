// The recommended alarms of a table and their thresholds (analysis/alarms.hpp). Statistics,
// periods and datapoints are those of CloudWatch's recommended alarms for DynamoDB, except
// SuccessfulRequestLatency, watched at p99 per operation (an average hides the slow tail). Where
// the page says the threshold "depends on your situation", the default is the quietest one that
// still means trouble (any throttle, system error or user error, sustained over the datapoints),
// and the model's overrides change it.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Best_Practice_Recommended_Alarms_AWS_Services.html#DynamoDB
#include "analysis/alarms.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <set>

#include "gen/deployed.hpp"

namespace dynamodel {
namespace {

using Scope = AlarmKind::Scope;

constexpr std::array<AlarmKind, 10> kKinds = {{
    {"read-throttle-events", "ReadThrottleEvents", "Sum", Scope::table, 60, 5, 5, "GreaterThanThreshold",
     "Reads of the table throttled."},
    {"write-throttle-events", "WriteThrottleEvents", "Sum", Scope::table, 60, 5, 5, "GreaterThanThreshold",
     "Writes to the table throttled."},
    {"gsi-read-throttle-events", "ReadThrottleEvents", "Sum", Scope::gsi, 60, 5, 5, "GreaterThanThreshold",
     "Reads of the index throttled."},
    {"gsi-write-throttle-events", "WriteThrottleEvents", "Sum", Scope::gsi, 60, 5, 5, "GreaterThanThreshold",
     "Writes to the index throttled (they throttle the table's writes too)."},
    {"successful-request-latency", "SuccessfulRequestLatency", "p99", Scope::operation, 60, 10, 10,
     "GreaterThanThreshold", "The operation's p99 latency is high."},
    {"system-errors", "SystemErrors", "Sum", Scope::table, 60, 15, 15, "GreaterThanThreshold",
     "DynamoDB answers HTTP 500 (system errors)."},
    {"user-errors", "UserErrors", "Sum", Scope::account, 60, 10, 10, "GreaterThanThreshold",
     "HTTP 400 answers (user errors); an account metric: every table of the Region."},
    {"replication-latency", "ReplicationLatency", "Average", Scope::replica, 60, 15, 15, "GreaterThanThreshold",
     "Changes reach the replica late."},
    {"consumed-read-capacity", "ConsumedReadCapacityUnits", "Sum", Scope::provisioned, 60, 1, 1,
     "GreaterThanOrEqualToThreshold", "Reads above 80% of the provisioned read capacity."},
    {"consumed-write-capacity", "ConsumedWriteCapacityUnits", "Sum", Scope::provisioned, 60, 1, 1,
     "GreaterThanOrEqualToThreshold", "Writes above 80% of the provisioned write capacity."},
}};

/// ReplicationLatency is "fairly constant" in normal operation, 0.5 to 2.5 s between Regions of
/// one area; a minute's average means updates are not propagating (V2globaltables_monitoring).
constexpr double kReplicationLatencyMs = 60000;
/// The share of provisioned capacity that sets off the capacity alarms (AWS's example: 80%).
constexpr double kCapacityShare = 0.8;

/// A p99 latency in milliseconds that a healthy table stays under, by operation: single-item
/// calls answer in single-digit milliseconds, a Query or batch reads more items, a Scan pages.
double latency_ms(Operation op) {
  switch (op) {
    case Operation::GetItem:
    case Operation::PutItem:
    case Operation::UpdateItem:
    case Operation::DeleteItem:
      return 25;
    case Operation::Query:
      return 50;
    case Operation::BatchGetItem:
    case Operation::BatchWriteItem:
    case Operation::TransactGetItems:
    case Operation::TransactWriteItems:
      return 100;
    case Operation::Scan:
      return 500;
    case Operation::Replay:
    case Operation::ConditionCheck:
      break;
  }
  return 50;
}

/// The DynamoDB operations (Operation dimension values) the access patterns call, in the order
/// of the Operation enum. A Replay is a Query and an UpdateItem per item.
std::vector<Operation> used_operations(const Model& model) {
  std::set<Operation> used;
  for (const auto& p : model.access_patterns) {
    if (p.operation == Operation::Replay) {
      used.insert(Operation::Query);
      used.insert(Operation::UpdateItem);
    } else if (p.operation != Operation::ConditionCheck) {
      used.insert(p.operation);
    }
  }
  return {used.begin(), used.end()};
}

const AlarmOverride* find_override(const Model& model, std::string_view id, bool with_overrides) {
  if (!with_overrides) return nullptr;
  for (const auto& o : model.operations.alarms.overrides)
    if (o.id == id) return &o;
  return nullptr;
}

std::vector<Alarm> build_alarms(const Model& model, bool with_overrides);

}  // namespace

std::span<const AlarmKind> alarm_kinds() { return kKinds; }

std::string alarm_threshold_text(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<std::int64_t>(v));
  std::string s = std::to_string(v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  return s;
}

const AlarmKind* find_alarm_kind(std::string_view id) {
  for (const auto& k : kKinds)
    if (k.id == id) return &k;
  return nullptr;
}

std::string alarm_impossible_reason(const AlarmKind& kind, const Model& model) {
  switch (kind.scope) {
    case Scope::gsi:
      return model.table.global_secondary_indexes.empty() ? "the table has no global secondary index" : "";
    case Scope::replica:
      return model.table.replicas.empty() ? "the table has no replicas (ReplicationLatency is a global table's)" : "";
    case Scope::provisioned:
      return model.table.billing_mode != BillingMode::PROVISIONED
                 ? "the table is PAY_PER_REQUEST: it has no provisioned capacity to consume"
                 : "";
    case Scope::operation:
      return used_operations(model).empty() ? "no access pattern calls DynamoDB" : "";
    case Scope::table:
    case Scope::account:
      break;
  }
  return "";
}

std::vector<Alarm> table_alarms(const Model& model) {
  if (!model.operations.alarms.enabled) return {};
  return build_alarms(model, true);
}

std::vector<Alarm> recommended_alarms(const Model& model) { return build_alarms(model, false); }

const AlarmKind* overridden_kind(const Model& model, std::string_view id, std::string* instance) {
  if (const AlarmKind* kind = find_alarm_kind(id)) return kind;
  for (const auto& a : recommended_alarms(model))
    if (!a.dimension_value.empty() && a.suffix == id) {
      if (instance) *instance = a.dimension_value;
      return a.kind;
    }
  return nullptr;
}

namespace {

std::vector<Alarm> build_alarms(const Model& model, bool with_overrides) {
  std::vector<Alarm> out;
  const Table& t = model.table;
  for (const auto& kind : kKinds) {
    if (!alarm_impossible_reason(kind, model).empty()) continue;
    const AlarmOverride* o = find_override(model, kind.id, with_overrides);
    if (o && o->enabled == false) continue;
    Alarm base;
    base.kind = &kind;
    base.period = o && o->period ? *o->period : kind.period;
    base.evaluation_periods = o && o->evaluation_periods ? *o->evaluation_periods : kind.evaluation_periods;
    // Fewer evaluation periods than the recommended datapoints: every period must breach.
    base.datapoints = o && o->datapoints ? *o->datapoints : std::min(kind.datapoints, base.evaluation_periods);
    // `threshold` is derived from the alarm's period (the capacity alarms' is per period).
    auto add = [&](std::string qualifier, std::string dim_name, const std::function<double(std::int64_t)>& threshold,
                   const std::function<std::string(std::int64_t)>& why) {
      Alarm a = base;
      a.suffix = std::string(kind.id) + (qualifier.empty() ? "" : "-" + qualifier);
      // An override of this one alarm (`successful-request-latency-Query`) on top of its kind's.
      const AlarmOverride* one = qualifier.empty() ? nullptr : find_override(model, a.suffix, with_overrides);
      if (one && one->enabled == false) return;
      if (one && one->period) a.period = *one->period;
      if (one && one->evaluation_periods) a.evaluation_periods = *one->evaluation_periods;
      if (one && one->datapoints)
        a.datapoints = *one->datapoints;
      else if (one && one->evaluation_periods && !(o && o->datapoints))
        a.datapoints = std::min(kind.datapoints, a.evaluation_periods);
      a.dimension_name = std::move(dim_name);
      a.dimension_value = std::move(qualifier);
      a.table_dimension = kind.scope != Scope::account;
      if (one && one->threshold) {
        a.threshold = *one->threshold;
        a.threshold_why = "set in the model for this alarm";
      } else if (o && o->threshold) {
        a.threshold = *o->threshold;
        a.threshold_why = "set in the model";
      } else {
        a.threshold = threshold(a.period);
        a.threshold_why = why(a.period);
      }
      a.description = std::string(kind.why) + " Threshold " + alarm_threshold_text(a.threshold) + " (" +
                      a.threshold_why + "), " + std::to_string(a.datapoints) + " of " +
                      std::to_string(a.evaluation_periods) + " periods of " + std::to_string(a.period) +
                      " s. (dynamodel model " + model.name + ")";
      out.push_back(std::move(a));
    };
    const auto fixed = [](double v) { return [v](std::int64_t) { return v; }; };
    const auto said = [](const std::string& why) { return [why](std::int64_t) { return why; }; };
    switch (kind.scope) {
      case Scope::table:
      case Scope::account:
        add("", "", fixed(0), said("any"));
        break;
      case Scope::gsi:
        for (const auto& g : t.global_secondary_indexes) add(g.name, "GlobalSecondaryIndexName", fixed(0), said("any"));
        break;
      case Scope::operation:
        for (Operation op : used_operations(model))
          add(std::string(to_string(op)), "Operation", fixed(latency_ms(op)),
              said("milliseconds, a p99 a healthy " + std::string(to_string(op)) + " stays under"));
        break;
      case Scope::replica:
        for (const auto& region : t.replicas)
          add(region, "ReceivingRegion", fixed(kReplicationLatencyMs), said("milliseconds, a minute behind"));
        break;
      case Scope::provisioned: {
        const bool read = kind.metric == "ConsumedReadCapacityUnits";
        // Sum over the period >= 80% of the units per second times the seconds of the period; with
        // autoscaling, of the most it scales to.
        auto capacity_alarm = [&](const std::optional<Capacity>& c, const std::string& index) {
          if (!c) return;
          std::int64_t units = read ? c->read : c->write;
          std::string what = "provisioned";
          if (c->autoscaling) {
            units = read ? c->autoscaling->max_read : c->autoscaling->max_write;
            what = "autoscaling maximum";
          }
          add(
              index, index.empty() ? "" : "GlobalSecondaryIndexName",
              [units](std::int64_t period) {
                return kCapacityShare * static_cast<double>(units) * static_cast<double>(period);
              },
              [units, read, what](std::int64_t period) {
                return "80% of " + std::to_string(units) + " " + (read ? "RCU" : "WCU") + " (" + what + ") x " +
                       std::to_string(period) + " s";
              });
        };
        capacity_alarm(t.capacity, "");
        for (const auto& g : t.global_secondary_indexes) capacity_alarm(gsi_capacity(g, t), g.name);
        break;
      }
    }
  }
  return out;
}

}  // namespace

std::size_t longest_alarm_suffix(const Model& model) {
  std::size_t n = 0;
  for (const auto& a : table_alarms(model)) n = std::max(n, a.suffix.size() + 1);
  return n;
}

}  // namespace dynamodel
