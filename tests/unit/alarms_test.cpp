// The table's CloudWatch alarms (analysis/alarms.hpp): one per GSI, per operation the patterns
// call and per replica Region; capacity alarms only for PROVISIONED tables, at 80% of the units
// times the period (of autoscaling's maximum); overrides applied; nothing when switched off.
#include "analysis/alarms.hpp"

#include <catch2/catch.hpp>
#include <map>

#include "test_models.hpp"

using namespace dynamodel;

namespace {

std::string model_text(const std::string& table_extra, const std::string& operations) {
  return R"(dynamodel: 1
name: alarms
table:
  name: Shop
  partition_key: {name: PK, type: S}
  sort_key: {name: SK, type: S}
)" + table_extra +
         R"(entities:
  Order:
    attributes: {orderId: {type: S, required: true}, status: {type: S, required: true}}
    keys: {PK: "ORDER#{orderId}", SK: "ORDER", GSI1PK: "STATUS#{status}"}
access_patterns:
  - {id: AP1, name: getOrder, entity: Order, operation: GetItem, key: {PK: "ORDER#{orderId}", SK: ORDER}}
  - {id: AP2, name: byStatus, entity: Order, operation: Query, index: ByStatus, key: {GSI1PK: "STATUS#{status}"}}
  - {id: AP3, name: replay, entity: Order, operation: Query, key: {PK: "ORDER#{orderId}"}}
)" + operations;
}

const char* kGsi = R"(  global_secondary_indexes:
    - {name: ByStatus, partition_key: {name: GSI1PK, type: S}, capacity: {read: 4, write: 2}}
)";

std::map<std::string, Alarm> by_suffix(const Model& m) {
  std::map<std::string, Alarm> out;
  for (auto& a : table_alarms(m)) out.emplace(a.suffix, a);
  return out;
}

}  // namespace

TEST_CASE("alarms: the recommended set of an on-demand table", "[alarms]") {
  const auto alarms = by_suffix(test::load_or_fail(model_text(kGsi, "")));
  // read, write, 2 GSI throttles, GetItem and Query latency, system and user errors.
  CHECK(alarms.size() == 8);
  CHECK(alarms.count("read-throttle-events"));
  CHECK(alarms.count("gsi-write-throttle-events-ByStatus"));
  CHECK(alarms.at("gsi-write-throttle-events-ByStatus").dimension_name == "GlobalSecondaryIndexName");
  CHECK(alarms.at("successful-request-latency-GetItem").threshold == 25);
  CHECK(alarms.at("successful-request-latency-Query").threshold == 50);
  CHECK(alarms.at("system-errors").datapoints == 15);
  CHECK_FALSE(alarms.at("user-errors").table_dimension);
  CHECK_FALSE(alarms.count("consumed-read-capacity"));
  CHECK_FALSE(alarms.count("replication-latency-eu-west-1"));
}

TEST_CASE("alarms: capacity at 80% of the units per period, replicas, overrides", "[alarms]") {
  const std::string table = std::string(R"(  billing_mode: PROVISIONED
  capacity: {read: 10, write: 5, autoscaling: {min_read: 10, max_read: 200, min_write: 5, max_write: 100}}
  replicas: [eu-west-1]
)") + kGsi;
  const auto alarms = by_suffix(test::load_or_fail(model_text(table, R"(operations:
  alarms:
    overrides:
      consumed-read-capacity: {period: 300}
      successful-request-latency: {threshold: 30, evaluation_periods: 5}
      user-errors: {enabled: false}
)")));
  // Autoscaling: 80% of its maximum (200 RCU) over 300 s; the GSI's fixed 4 RCU.
  CHECK(alarms.at("consumed-read-capacity").threshold == Approx(0.8 * 200 * 300));
  CHECK(alarms.at("consumed-read-capacity-ByStatus").threshold == Approx(0.8 * 4 * 300));
  CHECK(alarms.at("consumed-write-capacity").threshold == Approx(0.8 * 100 * 60));
  CHECK(alarms.at("replication-latency-eu-west-1").dimension_name == "ReceivingRegion");
  CHECK(alarms.at("successful-request-latency-Query").threshold == 30);
  // Fewer evaluation periods than the recommended 10 datapoints: all 5 must breach.
  CHECK(alarms.at("successful-request-latency-Query").datapoints == 5);
  CHECK_FALSE(alarms.count("user-errors"));
}

TEST_CASE("alarms: enabled false, and the impossible ones", "[alarms]") {
  CHECK(table_alarms(test::load_or_fail(model_text("", "operations:\n  alarms: {enabled: false}\n"))).empty());
  const Model m = test::load_or_fail(model_text("", ""));
  CHECK(alarm_impossible_reason(*find_alarm_kind("replication-latency"), m) != "");
  CHECK(alarm_impossible_reason(*find_alarm_kind("consumed-write-capacity"), m) != "");
  CHECK(alarm_impossible_reason(*find_alarm_kind("system-errors"), m) == "");
  CHECK(find_alarm_kind("read-throttle") == nullptr);
}

TEST_CASE("alarms: an override of one alarm refines its kind's", "[alarms]") {
  const std::string table = std::string(R"(  billing_mode: PROVISIONED
  capacity: {read: 10, write: 5}
)") + kGsi;
  const Model m = test::load_or_fail(model_text(table, R"(operations:
  alarms:
    overrides:
      successful-request-latency: {evaluation_periods: 5}
      successful-request-latency-Query: {threshold: 40}
      consumed-read-capacity-ByStatus: {period: 300}
      gsi-write-throttle-events-ByStatus: {enabled: false}
)"));
  const auto alarms = by_suffix(m);
  // The Query's threshold only; both keep the kind's 5 evaluation periods.
  CHECK(alarms.at("successful-request-latency-Query").threshold == 40);
  CHECK(alarms.at("successful-request-latency-Query").evaluation_periods == 5);
  CHECK(alarms.at("successful-request-latency-GetItem").threshold == 25);
  CHECK(alarms.at("successful-request-latency-GetItem").evaluation_periods == 5);
  // The GSI's capacity alarm follows its own period; the table's keeps 60 s.
  CHECK(alarms.at("consumed-read-capacity-ByStatus").threshold == Approx(0.8 * 4 * 300));
  CHECK(alarms.at("consumed-read-capacity").threshold == Approx(0.8 * 10 * 60));
  CHECK_FALSE(alarms.count("gsi-write-throttle-events-ByStatus"));
  CHECK(alarms.count("gsi-read-throttle-events-ByStatus"));
  // What an override may name.
  std::string instance;
  CHECK(overridden_kind(m, "successful-request-latency-Query", &instance)->id == "successful-request-latency");
  CHECK(instance == "Query");
  CHECK(overridden_kind(m, "successful-request-latency-Scan") == nullptr);  // no pattern scans
  CHECK(overridden_kind(m, "system-errors") != nullptr);
}
