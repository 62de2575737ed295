// The AWS CLI target: the view behind templates/cli/ (create-table.sh, delete-table.sh).
// Every request body is built here with nlohmann-json and passed as `--cli-input-json`,
// never in the CLI's shorthand syntax, which breaks on names holding `,` `=` or quotes.
// Request shapes follow the DynamoDB and Application Auto Scaling API references:
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateContinuousBackups.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TagResource.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html (ReplicaUpdates,
//   MultiRegionConsistency, GlobalTableWitnessUpdates)
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateContributorInsights.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutResourcePolicy.html
// https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html
// https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScalingPolicy.html
#include <algorithm>

#include "analysis/alarms.hpp"
#include "analysis/dax.hpp"
#include "gen/deployed.hpp"
#include "gen/backups.hpp"
#include "gen/generator.hpp"
#include "iam/policy.hpp"
#include "naming/naming.hpp"

namespace dynamodel {
namespace {

using nlohmann::json;
/// Request bodies keep the API's field order, for a reader of the script.
using ojson = nlohmann::ordered_json;

/// A request body as the script embeds it (pretty-printed; invalid UTF-8, which the loader
/// rejects anyway, would become U+FFFD rather than an exception).
std::string body(const ojson& request) { return request.dump(2, ' ', false, ojson::error_handler_t::replace); }

/// A JMESPath JSON literal (`` `"text"` ``) for `--query`: backticks inside are escaped.
/// https://jmespath.org/specification.html#literal-expressions
std::string jmespath_literal(const std::string& text) {
  std::string out = "`";
  for (char c : ojson(text).dump(-1, ' ', false, ojson::error_handler_t::replace)) {
    if (c == '`') out += '\\';
    out += c;
  }
  return out + "`";
}

ojson key_schema(const KeyAttribute& hash, const std::optional<KeyAttribute>& range) {
  ojson list = ojson::array();
  list.push_back({{"AttributeName", hash.name}, {"KeyType", "HASH"}});
  if (range) list.push_back({{"AttributeName", range->name}, {"KeyType", "RANGE"}});
  return list;
}

/// A GSI's KeySchema: every partition-key attribute (HASH), then every sort-key attribute
/// (RANGE), in order; several of each for a multi-attribute key.
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GlobalSecondaryIndex.html
ojson key_schema(const GlobalSecondaryIndex& g) {
  ojson list = ojson::array();
  const auto keys = g.key_schema();
  for (std::size_t i = 0; i < keys.size(); ++i)
    list.push_back({{"AttributeName", keys[i]->name}, {"KeyType", i < g.partition_key_count() ? "HASH" : "RANGE"}});
  return list;
}

ojson projection(const Projection& p) {
  ojson out = {{"ProjectionType", std::string(to_string(p.type))}};
  if (p.type == ProjectionType::INCLUDE) out["NonKeyAttributes"] = p.include;
  return out;
}

ojson throughput(const Capacity& c) { return {{"ReadCapacityUnits", c.read}, {"WriteCapacityUnits", c.write}}; }

/// OnDemandThroughput and WarmThroughput of a table or GSI in a CreateTable request.
void add_throughput_settings(ojson& req, const std::optional<OnDemandThroughput>& on_demand,
                             const std::optional<WarmThroughput>& warm) {
  if (on_demand) {
    ojson o = ojson::object();
    if (on_demand->max_read) o["MaxReadRequestUnits"] = *on_demand->max_read;
    if (on_demand->max_write) o["MaxWriteRequestUnits"] = *on_demand->max_write;
    req["OnDemandThroughput"] = o;
  }
  if (warm) {
    ojson w = ojson::object();
    if (warm->read) w["ReadUnitsPerSecond"] = *warm->read;
    if (warm->write) w["WriteUnitsPerSecond"] = *warm->write;
    req["WarmThroughput"] = w;
  }
}

}  // namespace

ojson create_table_request(const Model& model) {
  const Table& t = model.table;
  const bool provisioned = t.billing_mode == BillingMode::PROVISIONED;
  ojson req;
  ojson definitions = ojson::array();
  for (const auto* k : model.key_attributes())
    definitions.push_back({{"AttributeName", k->name}, {"AttributeType", std::string(to_string(k->type))}});
  req["AttributeDefinitions"] = definitions;
  req["KeySchema"] = key_schema(t.partition_key, t.sort_key);
  req["BillingMode"] = std::string(to_string(t.billing_mode));
  if (provisioned && t.capacity) req["ProvisionedThroughput"] = throughput(*t.capacity);
  if (!t.global_secondary_indexes.empty()) {
    ojson gsis = ojson::array();
    for (const auto& g : t.global_secondary_indexes) {
      ojson gsi = {{"IndexName", g.name}, {"KeySchema", key_schema(g)}, {"Projection", projection(g.projection)}};
      if (provisioned && gsi_capacity(g, t)) gsi["ProvisionedThroughput"] = throughput(*gsi_capacity(g, t));
      add_throughput_settings(gsi, g.on_demand_throughput, g.warm_throughput);
      gsis.push_back(gsi);
    }
    req["GlobalSecondaryIndexes"] = gsis;
  }
  if (!t.local_secondary_indexes.empty()) {
    ojson lsis = ojson::array();
    for (const auto& l : t.local_secondary_indexes)
      lsis.push_back({{"IndexName", l.name},
                      {"KeySchema", key_schema(t.partition_key, l.sort_key)},
                      {"Projection", projection(l.projection)}});
    req["LocalSecondaryIndexes"] = lsis;
  }
  if (const auto stream = deployed_stream(t))
    req["StreamSpecification"] = {{"StreamEnabled", true}, {"StreamViewType", std::string(to_string(*stream))}};
  // AWS_OWNED is DynamoDB's default (no SSESpecification); AWS_MANAGED is KMS with the
  // aws/dynamodb key; a customer-managed key is named by KMSMasterKeyId.
  if (t.encryption.type != EncryptionType::AWS_OWNED) {
    ojson sse = {{"Enabled", true}, {"SSEType", "KMS"}};
    if (t.encryption.type == EncryptionType::CUSTOMER_MANAGED) sse["KMSMasterKeyId"] = t.encryption.kms_key_arn;
    req["SSESpecification"] = sse;
  }
  if (!t.tags.empty()) {
    ojson tags = ojson::array();
    for (const auto& tag : t.tags) tags.push_back({{"Key", tag.key}, {"Value", tag.value}});
    req["Tags"] = tags;
  }
  req["TableClass"] = std::string(to_string(t.table_class));
  req["DeletionProtectionEnabled"] = t.deletion_protection;
  add_throughput_settings(req, t.on_demand_throughput, t.warm_throughput);
  return req;
}

namespace {

/// Target tracking for one dimension of the table (`index` empty) or of a GSI: the
/// ScalableTarget and ScalingPolicy requests without ResourceId and PolicyName, which hold
/// the table name chosen at run time.
void add_scaling(json& list, const std::string& index, const Autoscaling& a) {
  const std::string scope = index.empty() ? "table" : "index";
  const std::string what = index.empty() ? "table" : "index " + index;
  for (const bool read : {true, false}) {
    const std::string units = read ? "Read" : "Write";
    const std::string dimension = "dynamodb:" + scope + ":" + units + "CapacityUnits";
    ojson target = {{"ServiceNamespace", "dynamodb"},
                    {"ScalableDimension", dimension},
                    {"MinCapacity", read ? a.min_read : a.min_write},
                    {"MaxCapacity", read ? a.max_read : a.max_write}};
    ojson policy = {
        {"ServiceNamespace", "dynamodb"},
        {"ScalableDimension", dimension},
        {"PolicyType", "TargetTrackingScaling"},
        {"TargetTrackingScalingPolicyConfiguration",
         {{"TargetValue", a.target_utilization},
          {"PredefinedMetricSpecification", {{"PredefinedMetricType", "DynamoDB" + units + "CapacityUtilization"}}}}}};
    ojson deregister = {{"ServiceNamespace", "dynamodb"}, {"ScalableDimension", dimension}};
    list.push_back({{"what", what + " " + (read ? "read" : "write") + " capacity"},
                    {"resource_suffix", index.empty() ? "" : "/index/" + index},
                    {"policy_suffix", (index.empty() ? "" : "-" + index) + "-" + units + "Scaling"},
                    {"target_json", body(target)},
                    {"policy_json", body(policy)},
                    {"deregister_json", body(deregister)}});
  }
}

/// One replica Region: the UpdateTable requests that add and remove it, and a query that
/// prints how many replicas of that Region the table has (0 or 1).
json replica(const std::string& region) {
  return {{"region", region},
          {"create_json", body({{"ReplicaUpdates", ojson::array({{{"Create", {{"RegionName", region}}}}})}})},
          {"delete_json", body({{"ReplicaUpdates", ojson::array({{{"Delete", {{"RegionName", region}}}}})}})},
          {"count_query", "length(Table.Replicas[?RegionName==" + jmespath_literal(region) + "] || `[]`)"}};
}

}  // namespace

namespace {

/// The policies of create-policies.sh: each document as one shell word built of single-quoted
/// JSON pieces and, where the document names the table or an index, `"$table_arn"` (the ARN is
/// read at run time with describe-table). The documents are those of the iam target.
/// https://docs.aws.amazon.com/cli/latest/reference/iam/create-policy.html
/// https://docs.aws.amazon.com/cli/latest/reference/iam/create-policy-version.html
json policies_view(const Model& model) {
  // The ARNs are written as sentinels, then the dumped text is cut there; a model string that
  // holds the sentinel (a U+0001 control character) is refused rather than misread.
  const std::string sentinel = "\x01";
  json out = json::array();
  for (const auto& policy : iam::policies(model)) {
    std::vector<std::string> suffixes;
    const auto doc = iam::document(policy, [&](const iam::Resource& r) -> json {
      const auto suffix = iam::table_suffix(r);
      if (!suffix) return iam::literal_arn(model, r);
      suffixes.push_back(*suffix);
      return sentinel + std::to_string(suffixes.size() - 1) + sentinel;
    });
    const std::string text = body(doc);
    std::string expr;
    std::size_t from = 0;
    std::size_t used = 0;
    for (std::size_t i = 0; i < suffixes.size(); ++i) {
      const std::string mark = "\"\\u0001" + std::to_string(i) + "\\u0001\"";
      const std::size_t at = text.find(mark, from);
      if (at == std::string::npos) throw GenerateError("a model string holds a U+0001 control character");
      // A table suffix is safe in "..." (table_suffix) and the ARN is checked by the script.
      expr +=
          shell::quote(text.substr(from, at - from) + "\"") + "\"$table_arn" + suffixes[i] + "\"" + shell::quote("\"");
      from = at + mark.size();
      ++used;
    }
    expr += shell::quote(text.substr(from));
    if (used != suffixes.size() || text.find("\\u0001", from) != std::string::npos)
      throw GenerateError("a model string holds a U+0001 control character");
    std::string patterns;
    for (const auto& pn : policy.patterns) patterns += (patterns.empty() ? "" : ", ") + pn.pattern->name;
    for (const auto& cn : policy.consumers)
      patterns += (patterns.empty() ? "" : ", ") + ("stream consumer " + cn.consumer->name);
    const std::string& who = policy.principal->name;
    out.push_back({{"principal", who},
                   {"principal_comment", comment_safe(who)},
                   {"patterns_comment", comment_safe(patterns.empty() ? "no access pattern" : patterns)},
                   {"description", "Least privilege of principal " + who + " (dynamodel model " + model.name + ")"},
                   {"document_expr", expr}});
  }
  return out;
}

}  // namespace

json cli_scripts_view(const Model& model, const TargetOptions&) {
  const Table& t = model.table;
  check_global_table(t);
  const bool provisioned = t.billing_mode == BillingMode::PROVISIONED;
  json view;
  view["table_name"] = t.name;
  view["table_name_comment"] = comment_safe(t.name);
  view["model_name"] = model.name;
  view["policies"] = policies_view(model);
  view["stream_consumers"] = stream_consumers_view(model);
  view["has_stream_consumers"] = !model.operations.stream_consumers.empty();
  // The alarms: one PutMetricAlarm each, its request as JSON but for the name and the dimensions,
  // which hold the table's name chosen at run time.
  json alarms = alarms_view(model);
  for (auto& a : alarms) {
    ojson req;
    auto text = [&a](const char* field) { return a[field].get<std::string>(); };
    req["AlarmDescription"] = text("description");
    req["Namespace"] = "AWS/DynamoDB";
    req["MetricName"] = text("metric");
    if (a["statistic"].is_string())
      req["Statistic"] = text("statistic");
    else
      req["ExtendedStatistic"] = text("extended_statistic");
    req["Period"] = a["period"].get<std::int64_t>();
    req["EvaluationPeriods"] = a["evaluation_periods"].get<std::int64_t>();
    req["DatapointsToAlarm"] = a["datapoints"].get<std::int64_t>();
    req["Threshold"] = std::stod(text("threshold"));
    req["ComparisonOperator"] = text("comparison");
    req["TreatMissingData"] = "notBreaching";
    a["json"] = body(req);
    a["why_comment"] = comment_safe(a["why"].get<std::string>());
    a["dimensions_kind"] = !a["table_dimension"].get<bool>() ? "account" : "table";
    a["extra_dimension"] = a["dimension"].is_object()
                               ? "," + ojson{{"Name", a["dimension"]["name"].get<std::string>()},
                                             {"Value", a["dimension"]["value"].get<std::string>()}}
                                           .dump(-1, ' ', false, ojson::error_handler_t::replace)
                               : "";
  }
  view["alarms"] = alarms;
  view["alarm_notify"] = alarm_notify_view(model);
  view["backups"] = backups_cli_view(model);
  // The DAX cluster: CreateCluster's request but for the names and the role, known at run time.
  json dax = dax_view(model);
  if (dax.is_object()) {
    const Dax& d = model.operations.dax;
    ojson req;
    req["NodeType"] = d.node_type;
    req["Description"] = dax["description"].get<std::string>();
    req["ReplicationFactor"] = d.nodes;
    if (!d.security_groups.empty()) req["SecurityGroupIds"] = d.security_groups;
    req["SSESpecification"] = {{"Enabled", d.encryption}};
    req["ClusterEndpointEncryptionType"] = dax["endpoint_encryption"].get<std::string>();
    view["dax_create_cluster_json"] = body(req);
    view["role_actions_json"] = ojson(dax_role_actions()).dump();
    dax["environment_max_length"] = dax_environment_max_length(model);
    dax["node_type_comment"] = comment_safe(d.node_type);
  }
  view["dax"] = dax;
  // DynamoDB table names are at most 255 characters; the prefix and '-' take the rest.
  view["environment_max_length"] = std::max<std::int64_t>(1, 255 - 1 - static_cast<std::int64_t>(t.name.size()));
  view["create_table_json"] = body(create_table_request(model));

  view["ttl"] = false;
  if (t.ttl_attribute) {
    const std::string& name = *t.ttl_attribute;
    view["ttl"] = {{"attribute", name},
                   {"json", body({{"TimeToLiveSpecification", {{"Enabled", true}, {"AttributeName", name}}}})},
                   // Prints "<status>\t<True|False: on this attribute>".
                   {"state_query", "[TimeToLiveDescription.TimeToLiveStatus, TimeToLiveDescription.AttributeName == " +
                                       jmespath_literal(name) + "]"}};
  }
  view["point_in_time_recovery"] = t.point_in_time_recovery ? "true" : "false";
  view["point_in_time_recovery_on"] = t.point_in_time_recovery;
  ojson pitr = {{"PointInTimeRecoveryEnabled", t.point_in_time_recovery}};
  if (t.recovery_period_days) pitr["RecoveryPeriodInDays"] = *t.recovery_period_days;
  view["pitr_json"] = body({{"PointInTimeRecoverySpecification", pitr}});

  // Contributor insights of the table and each GSI: UpdateContributorInsights, one call each.
  json insights = json::array();
  auto add_insights = [&insights](const std::string& index, ContributorInsightsMode mode) {
    ojson req = ojson::object();
    if (!index.empty()) req["IndexName"] = index;
    req["ContributorInsightsAction"] = "ENABLE";
    req["ContributorInsightsMode"] = std::string(to_string(mode));
    insights.push_back({{"what", index.empty() ? "table" : "index " + index}, {"json", body(req)}});
  };
  if (t.contributor_insights) add_insights("", *t.contributor_insights);
  for (const auto& g : t.global_secondary_indexes)
    if (g.contributor_insights) add_insights(g.name, *g.contributor_insights);
  view["has_insights"] = !insights.empty();
  view["insights"] = insights;
  // The resource policy: PutResourcePolicy on the table's ARN (read at run time).
  view["resource_policy"] = t.resource_policy && !t.resource_policy->document.empty()
                                ? json{{"json", body({{"Policy", t.resource_policy->document}})}}
                                : json(false);

  json scaling = json::array();
  if (provisioned && t.capacity && t.capacity->autoscaling) add_scaling(scaling, "", *t.capacity->autoscaling);
  if (provisioned)
    for (const auto& g : t.global_secondary_indexes) {
      const auto& c = gsi_capacity(g, t);
      if (c && c->autoscaling) add_scaling(scaling, g.name, *c->autoscaling);
    }
  view["has_scaling"] = !scaling.empty();
  view["scaling"] = scaling;

  view["has_tags"] = !t.tags.empty();
  ojson tags = ojson::array();
  for (const auto& tag : t.tags) tags.push_back({{"Key", tag.key}, {"Value", tag.value}});
  view["tags_json"] = body({{"Tags", tags}});

  // A strongly consistent (MRSC) global table gets its replicas, witness and consistency in one
  // UpdateTable; an eventually consistent one one replica at a time.
  const bool strong = t.replica_consistency == ReplicaConsistency::STRONG;
  json replicas = json::array();
  for (const auto& region : t.replicas) replicas.push_back(replica(region));
  view["has_replicas"] = !t.replicas.empty();
  view["replicas"] = replicas;
  view["strong"] = false;
  if (strong && !t.replicas.empty()) {
    ojson updates = ojson::array();
    for (const auto& region : t.replicas) updates.push_back({{"Create", {{"RegionName", region}}}});
    ojson req = {{"ReplicaUpdates", updates}};
    if (t.witness) req["GlobalTableWitnessUpdates"] = ojson::array({{{"Create", {{"RegionName", *t.witness}}}}});
    req["MultiRegionConsistency"] = "STRONG";
    // delete-table.sh removes them the same way, in one UpdateTable: a witness goes only together
    // with a replica ("You cannot delete a single witness from a MRSC global table - you must
    // delete both a replica and the witness together"), and an MRSC table is never left with two
    // Regions and no witness; what remains is a single-Region table:
    // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteGlobalTableWitnessGroupMemberAction.html
    ojson deletes = ojson::array();
    for (const auto& region : t.replicas) deletes.push_back({{"Delete", {{"RegionName", region}}}});
    ojson del = {{"ReplicaUpdates", deletes}};
    if (t.witness) del["GlobalTableWitnessUpdates"] = ojson::array({{{"Delete", {{"RegionName", *t.witness}}}}});
    view["strong"] = {{"json", body(req)},
                      {"count", std::to_string(t.replicas.size())},
                      {"count_query", "length(Table.Replicas || `[]`)"},
                      {"delete_json", body(del)},
                      {"has_witness", t.witness.has_value()},
                      {"witness", t.witness.value_or("")},
                      {"witness_query", "length(Table.GlobalTableWitnesses || `[]`)"}};
  }
  return view;
}

std::vector<OutputFile> cli_scripts_outputs(const Model& model, const TargetOptions&) {
  std::vector<OutputFile> out = {{"create-table.sh.mustache", model.name + "/create-table.sh", true},
                                 {"delete-table.sh.mustache", model.name + "/delete-table.sh", true}};
  if (!model.principals.empty())
    out.push_back({"create-policies.sh.mustache", model.name + "/create-policies.sh", true});
  if (!model.operations.stream_consumers.empty())
    out.push_back({"create-stream-consumers.sh.mustache", model.name + "/create-stream-consumers.sh", true});
  if (!table_alarms(model).empty())
    out.push_back({"create-alarms.sh.mustache", model.name + "/create-alarms.sh", true});
  if (model.operations.backups.enabled)
    out.push_back({"create-backup-plan.sh.mustache", model.name + "/create-backup-plan.sh", true});
  // The runbook scripts, for every table: an on-demand backup, a restore to a new table, an export.
  for (const char* script : {"backup.sh", "restore.sh", "export.sh"})
    out.push_back({std::string(script) + ".mustache", model.name + "/" + script, true});
  if (model.operations.dax.enabled) out.push_back({"create-dax.sh.mustache", model.name + "/create-dax.sh", true});
  return out;
}

}  // namespace dynamodel
