// The CloudWatch alarms of a table (model `operations.alarms`): AWS's recommended alarms for
// DynamoDB, one per metric and dimension set the model can produce, with thresholds derived from
// the model where it can (provisioned capacity, replicas, GSIs, the operations the access patterns
// use) and the model's overrides applied. Every target prints the same list.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Best_Practice_Recommended_Alarms_AWS_Services.html#DynamoDB
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Monitoring-metrics-creating-cloudwatch-alarms.html
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"

namespace dynamodel {

/// One kind of recommended alarm: the id an override names, its metric and its recommended
/// evaluation. `scope` says when the model can produce the metric at all.
struct AlarmKind {
  enum class Scope {
    table,        ///< every table
    gsi,          ///< one alarm per GSI; none without GSIs
    operation,    ///< one alarm per DynamoDB operation the access patterns use
    account,      ///< no dimensions: the account's metric in the Region
    replica,      ///< one per replica Region; none without replicas
    provisioned,  ///< table and each GSI, PROVISIONED billing only
  };
  std::string_view id;      ///< kebab-case, as written under `overrides:`
  std::string_view metric;  ///< the AWS/DynamoDB metric name
  /// "Sum", "Average", ... or a percentile ("p99", an ExtendedStatistic).
  std::string_view statistic;
  Scope scope;
  std::int64_t period;  ///< seconds
  std::int64_t evaluation_periods;
  std::int64_t datapoints;
  std::string_view comparison;  ///< ComparisonOperator
  std::string_view why;         ///< one line for the report and the alarm's description
};

/// Every alarm kind, in the order the targets print them.
std::span<const AlarmKind> alarm_kinds();
/// The kind with id `id`, or nullptr.
const AlarmKind* find_alarm_kind(std::string_view id);
/// Why the model cannot produce kind's metric ("the table has no replicas"), or "" when it can.
std::string alarm_impossible_reason(const AlarmKind& kind, const Model& model);

/// One CloudWatch alarm to create.
struct Alarm {
  const AlarmKind* kind = nullptr;
  /// What follows the table's name in the alarm's name: the kind's id, then `-` and the GSI,
  /// operation or Region it watches (`read-throttle-events`, `gsi-read-throttle-events-ByStatus`).
  std::string suffix;
  std::string dimension_name;   ///< the second dimension (GlobalSecondaryIndexName, Operation, ReceivingRegion), or ""
  std::string dimension_value;  ///< its value
  bool table_dimension = true;  ///< false: no dimensions at all (an account metric)
  double threshold = 0;
  std::int64_t period = 60;
  std::int64_t evaluation_periods = 1;
  std::int64_t datapoints = 1;
  std::string threshold_why;  ///< how the threshold was chosen
  std::string description;    ///< AlarmDescription (at most 1024 characters, ASCII)
};

/// The alarms of `model`, in alarm_kinds() order then model order; empty when the alarms are off.
/// An override names a kind (`successful-request-latency`: every alarm of it) or one alarm by its
/// suffix (`successful-request-latency-Query`), which refines its kind's override field by field.
/// Overrides with an unknown id or for an impossible kind are ignored here (rules report them).
std::vector<Alarm> table_alarms(const Model& model);

/// Every alarm the model can produce, without its overrides (even with the alarms off): what an
/// override may name.
std::vector<Alarm> recommended_alarms(const Model& model);

/// The kind an override id names: a kind's id, or the suffix of one of recommended_alarms (then
/// `*instance`, when given, is set to the GSI, operation or Region). nullptr for any other id.
const AlarmKind* overridden_kind(const Model& model, std::string_view id, std::string* instance = nullptr);

/// A threshold as the alarm descriptions and every target write it: an integer without a
/// fraction (`240`), else the decimals std::to_string gives without trailing zeros (`0.5`).
std::string alarm_threshold_text(double v);

/// The longest `-suffix` of table_alarms(model) (for the alarm-name length limit of 255).
std::size_t longest_alarm_suffix(const Model& model);

}  // namespace dynamodel
