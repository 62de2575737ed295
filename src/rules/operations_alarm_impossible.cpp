// operations/alarm-impossible: an alarm override for a metric the table cannot produce
// (ReplicationLatency without replicas, consumed capacity of a PAY_PER_REQUEST table, a GSI's
// throttles without GSIs): no alarm is generated, so the override changes nothing.
#include "analysis/alarms.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kOperationsAlarmImpossible = {
    {"operations/alarm-impossible", Severity::warning, "an alarm override is for a metric the table cannot produce",
     "DynamoDB publishes ReplicationLatency only for a global table's replicas, consumed capacity against a "
     "provisioned capacity only in PROVISIONED mode, and index throttles only for GSIs; an alarm on such a metric "
     "would never fire, so none is generated and its override is dead text (or a sign the model lacks the "
     "replicas or capacity it was written for).",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html",
     R"(table: {billing_mode: PAY_PER_REQUEST}
operations:
  alarms:
    overrides:
      replication-latency: {threshold: 30000})",
     R"(table: {billing_mode: PAY_PER_REQUEST, replicas: [eu-west-1]}
operations:
  alarms:
    overrides:
      replication-latency: {threshold: 30000})",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      for (const auto& o : m.operations.alarms.overrides) {
        const AlarmKind* kind = find_alarm_kind(o.id);
        if (!kind || o.enabled == false) continue;  // an unknown id is operations/unknown-alarm's
        const std::string why = alarm_impossible_reason(*kind, m);
        if (why.empty()) continue;
        f.report(
            o.source.location, o.source.path,
            "alarm '" + o.id + "' (" + std::string(kind->metric) + ") cannot fire: " + why + "; no alarm is generated");
      }
    }};
}  // namespace dynamodel
