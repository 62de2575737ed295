// The loader's reader of `operations:`: the Lambda consumers of the table's stream
// (`stream_consumers`) and the CloudWatch alarms (`alarms`). The AWS bounds of the consumers'
// numbers are rule operations/consumer-bounds's, their entities rule operations/unknown-entity's;
// the alarms' numbers are rule operations/alarm-bounds's, their ids operations/unknown-alarm's;
// the DAX cluster's (`dax`) numbers, name and ids are rule operations/dax-bounds's.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "model/load_kinds.hpp"

namespace dynamodel::load {
namespace {

/// A consumer's name becomes a CloudFormation logical id, a Terraform resource name and a
/// TypeScript construct id: lowercase letters, digits and '-', a letter first, at most 64.
bool is_consumer_name(const std::string& name) {
  return !name.empty() && name.size() <= 64 && name[0] >= 'a' && name[0] <= 'z' &&
         std::ranges::all_of(name, [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

StreamConsumer consumer(Reader& r, const std::string& name, const Field& in, const Location& name_loc) {
  StreamConsumer c;
  c.name = name;
  const auto o = r.object(in, "stream_consumer", c.source);
  if (!o) return c;
  c.source.location = name_loc;
  if (!is_consumer_name(name))
    r.invalid(name_loc, in.path,
              "stream consumer name '" + name +
                  "' must be lowercase letters, digits and '-', a letter first, at most 64 characters (it names "
                  "resources)");
  if (auto f = r.field(*o, "function")) {
    c.function = r.string_value(*f).value_or("");
    if (c.function.empty()) r.invalid(*f, "function must name a Lambda function (its name or ARN)");
  }
  if (auto f = r.field(*o, "entities")) c.entities = r.string_list(*f, true, &c.entity_locations);
  if (auto f = r.field(*o, "events")) {
    if (!f->node.IsSequence()) {
      r.invalid(*f, "expected a list of INSERT, MODIFY, REMOVE, got " + Reader::describe(f->node));
    } else {
      r.each(*f, [&](const Field& item) {
        if (auto v = r.enum_value(item, {"INSERT", "MODIFY", "REMOVE"})) {
          const StreamEvent e =
              *v == "INSERT" ? StreamEvent::INSERT : (*v == "MODIFY" ? StreamEvent::MODIFY : StreamEvent::REMOVE);
          if (std::ranges::find(c.events, e) != c.events.end())
            r.invalid(item, "event " + *v + " is listed twice");
          else
            c.events.push_back(e);
        }
      });
    }
  }
  if (auto f = r.field(*o, "batch_size")) c.batch_size = r.int_value(*f, INT32_MIN, INT32_MAX);
  if (auto f = r.field(*o, "batching_window_seconds"))
    c.batching_window_seconds = r.int_value(*f, INT32_MIN, INT32_MAX);
  if (auto f = r.field(*o, "starting_position"))
    if (auto v = r.enum_value(*f, {"LATEST", "TRIM_HORIZON"}))
      c.starting_position = *v == "LATEST" ? StartingPosition::LATEST : StartingPosition::TRIM_HORIZON;
  if (auto f = r.field(*o, "maximum_retry_attempts")) c.maximum_retry_attempts = r.int_value(*f, INT32_MIN, INT32_MAX);
  if (auto f = r.field(*o, "bisect_batch_on_error")) c.bisect_batch_on_error = r.bool_value(*f).value_or(false);
  if (auto f = r.field(*o, "on_failure")) {
    c.on_failure = r.string_value(*f).value_or("");
    if (!(c.on_failure.starts_with("arn:") &&
          (c.on_failure.find(":sqs:") != std::string::npos || c.on_failure.find(":sns:") != std::string::npos)))
      r.invalid(*f, "on_failure must be the ARN of an SQS queue or an SNS topic (arn:aws:sqs:... or arn:aws:sns:...)");
  }
  return c;
}

AlarmOverride alarm_override(Reader& r, const std::string& id, const Field& in, const Location& id_loc) {
  AlarmOverride a;
  a.id = id;
  const auto o = r.object(in, "alarm_override", a.source);
  if (!o) return a;
  a.source.location = id_loc;
  if (auto f = r.field(*o, "enabled")) a.enabled = r.bool_value(*f);
  // A threshold is a double in PutMetricAlarm; the metrics alarmed on are never negative.
  if (auto f = r.field(*o, "threshold")) a.threshold = r.number_value(*f, 0, 1e15);
  if (auto f = r.field(*o, "period")) a.period = r.int_value(*f, INT32_MIN, INT32_MAX);
  if (auto f = r.field(*o, "evaluation_periods")) a.evaluation_periods = r.int_value(*f, INT32_MIN, INT32_MAX);
  if (auto f = r.field(*o, "datapoints")) a.datapoints = r.int_value(*f, INT32_MIN, INT32_MAX);
  return a;
}

Alarms alarms(Reader& r, const Field& in) {
  Alarms a;
  const auto o = r.object(in, "alarms", a.source);
  if (!o) return a;
  if (auto f = r.field(*o, "enabled")) a.enabled = r.bool_value(*f).value_or(true);
  if (auto f = r.field(*o, "notify")) {
    a.notify = r.string_value(*f).value_or("");
    if (a.notify != "create" && !(a.notify.starts_with("arn:") && a.notify.find(":sns:") != std::string::npos))
      r.invalid(*f, "notify must be the ARN of an SNS topic (arn:aws:sns:...) or create (a topic is generated)");
  }
  if (auto f = r.field(*o, "overrides"))
    r.each_named(*f, [&](const std::string& id, const Field& value, const Location& id_loc) {
      a.overrides.push_back(alarm_override(r, id, value, id_loc));
    });
  return a;
}

/// `operations.dax`: the numbers' AWS bounds, the name's charset and the ids' shape are rule
/// operations/dax-bounds's; here only types, and that the subnet group has a subnet.
Dax dax(Reader& r, const Field& in) {
  Dax d;
  const auto o = r.object(in, "dax", d.source);
  if (!o) return d;
  d.enabled = true;
  if (auto f = r.field(*o, "name")) d.name = r.string_value(*f).value_or("");
  if (auto f = r.field(*o, "node_type")) {
    d.node_type = r.string_value(*f).value_or("");
    if (d.node_type.empty()) r.invalid(*f, "node_type must name a DAX node type, such as dax.r5.large");
  }
  if (auto f = r.field(*o, "nodes")) d.nodes = r.int_value(*f, INT32_MIN, INT32_MAX).value_or(3);
  if (auto f = r.field(*o, "subnets")) d.subnets = r.string_list(*f, true);
  if (auto f = r.field(*o, "security_groups")) d.security_groups = r.string_list(*f, true);
  // The parameters are integer milliseconds; seconds keep the model readable.
  if (auto f = r.field(*o, "item_ttl_seconds")) d.item_ttl_seconds = r.int_value(*f, 0, INT32_MAX / 1000).value_or(300);
  if (auto f = r.field(*o, "query_ttl_seconds"))
    d.query_ttl_seconds = r.int_value(*f, 0, INT32_MAX / 1000).value_or(300);
  if (auto f = r.field(*o, "encryption")) d.encryption = r.bool_value(*f).value_or(true);
  if (auto f = r.field(*o, "tls")) d.tls = r.bool_value(*f).value_or(true);
  return d;
}

}  // namespace

Operations operations(Reader& r, const Field& in) {
  Operations ops;
  const auto o = r.object(in, "operations", ops.source);
  if (!o) return ops;
  if (auto f = r.field(*o, "stream_consumers"))
    r.each_named(*f, [&](const std::string& name, const Field& value, const Location& name_loc) {
      ops.stream_consumers.push_back(consumer(r, name, value, name_loc));
    });
  if (auto f = r.field(*o, "alarms")) ops.alarms = alarms(r, *f);
  if (auto f = r.field(*o, "backups")) ops.backups = backups(r, *f);
  if (auto f = r.field(*o, "dax")) ops.dax = dax(r, *f);
  return ops;
}

}  // namespace dynamodel::load
