// The CloudFormation target: the view behind templates/cloudformation/.
// Property names and shapes follow the AWS::DynamoDB::Table resource reference:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html
// and the autoscaling resources follow
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-applicationautoscaling-scalabletarget.html
#include <algorithm>
#include <cctype>
#include <set>

#include "analysis/alarms.hpp"
#include "gen/backups.hpp"
#include "analysis/dax.hpp"
#include "gen/deployed.hpp"
#include "gen/generator.hpp"
#include "iam/policy.hpp"

namespace dynamodel {
namespace {

using nlohmann::json;

/// Text for inside a `!Sub` string: `${` would start a substitution, so it is written `${!`.
std::string sub_literal(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') out += "{!", ++i;
  }
  return out;
}

/// The template's Description: a literal string (no intrinsic function may stand there, so
/// `${` becomes `$ {`) of at most 1024 bytes, cut on a UTF-8 character boundary.
std::string template_description(std::string text) {
  for (std::size_t at = text.find("${"); at != std::string::npos; at = text.find("${", at + 2))
    text.insert(at + 1, " ");
  constexpr std::size_t kMaxBytes = 1024;
  if (text.size() > kMaxBytes) {
    std::size_t cut = kMaxBytes - 3;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut) + "...";
  }
  return text;
}

/// A complete YAML value `!Sub "..."`, printed raw by the templates (`{{{x_expr}}}`).
std::string sub_expression(const std::string& sub_text) { return "!Sub " + escape_yaml(sub_text); }

json key_schema(const KeyAttribute& hash, const std::optional<KeyAttribute>& range) {
  json list = json::array();
  list.push_back({{"name", hash.name}, {"key_type", "HASH"}});
  if (range) list.push_back({{"name", range->name}, {"key_type", "RANGE"}});
  return list;
}

/// A GSI's KeySchema: every partition-key attribute (HASH), then every sort-key attribute
/// (RANGE), in order; several of each for a multi-attribute key.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-table-globalsecondaryindex.html
json key_schema(const GlobalSecondaryIndex& g) {
  json list = json::array();
  const auto keys = g.key_schema();
  for (std::size_t i = 0; i < keys.size(); ++i)
    list.push_back({{"name", keys[i]->name}, {"key_type", i < g.partition_key_count() ? "HASH" : "RANGE"}});
  return list;
}

json projection(const Projection& p) {
  return {{"projection_type", std::string(to_string(p.type))},
          {"has_include", p.type == ProjectionType::INCLUDE},
          {"include", p.include}};
}

json throughput(const std::optional<Capacity>& c) {
  if (!c) return false;
  return {{"read", c->read}, {"write", c->write}};
}

/// A CloudFormation logical id (alphanumeric) unique among `used`.
std::string logical_id(const std::string& base, std::set<std::string>& used) {
  std::string id;
  bool upper = true;
  for (char c : base) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      id += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    } else {
      upper = true;
    }
  }
  if (id.empty() || !std::isalpha(static_cast<unsigned char>(id[0]))) id = "Index" + id;
  std::string candidate = id;
  for (int n = 2; used.count(candidate); ++n) candidate = id + std::to_string(n);
  used.insert(candidate);
  return candidate;
}

/// Target-tracking scaling for one dimension, as in AWS's DynamoDB autoscaling example.
void add_scaling(json& list, const std::string& id, const std::string& resource_id_sub, bool table_level,
                 const Autoscaling& a) {
  const std::string scope = table_level ? "table" : "index";
  list.push_back({{"logical_id", id + "Read"},
                  {"policy_name_expr", sub_expression("${Table}-" + id + "Read")},
                  {"min", a.min_read},
                  {"max", a.max_read},
                  {"resource_id_expr", sub_expression(resource_id_sub)},
                  {"dimension", "dynamodb:" + scope + ":ReadCapacityUnits"},
                  {"metric", "DynamoDBReadCapacityUtilization"},
                  {"target", a.target_utilization}});
  list.push_back({{"logical_id", id + "Write"},
                  {"policy_name_expr", sub_expression("${Table}-" + id + "Write")},
                  {"min", a.min_write},
                  {"max", a.max_write},
                  {"resource_id_expr", sub_expression(resource_id_sub)},
                  {"dimension", "dynamodb:" + scope + ":WriteCapacityUnits"},
                  {"metric", "DynamoDBWriteCapacityUtilization"},
                  {"target", a.target_utilization}});
}

/// Read capacity of one replica (or of a GSI in it): fixed units or autoscaling.
json replica_read(const std::optional<Capacity>& c) {
  if (!c) return false;
  if (!c->autoscaling) return {{"fixed", {{"units", c->read}}}, {"autoscaling", false}};
  const Autoscaling& a = *c->autoscaling;
  return {{"fixed", false},
          {"autoscaling", {{"min", a.min_read}, {"max", a.max_read}, {"target", a.target_utilization}}}};
}

/// Write capacity of a global table (or a GSI): AWS::DynamoDB::GlobalTable only takes autoscaling.
json global_write(const std::optional<Capacity>& c, const std::string& what) {
  if (!c || !c->autoscaling)
    throw GenerateError(what +
                        " of a PROVISIONED global table has no capacity.autoscaling "
                        "(rule table/replica-autoscaling)");
  const Autoscaling& a = *c->autoscaling;
  return {{"min", a.min_write}, {"max", a.max_write}, {"target", a.target_utilization}};
}

/// The AWS::DynamoDB::GlobalTable parts: one replica in the stack's Region plus one per
/// `table.replicas` entry, each with the table's per-replica settings.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-globaltable.html
json global_table(const Table& t) {
  check_global_table(t);
  const bool provisioned = t.billing_mode == BillingMode::PROVISIONED;
  // Per replica GSI settings: provisioned reads, the on-demand read maximum, contributor insights.
  json gsi_reads = json::array();
  for (const auto& g : t.global_secondary_indexes) {
    const json settings = gsi_settings_view(g);
    const json max_read = settings["on_demand"].is_object() ? settings["on_demand"]["max_read"] : json(false);
    if (!provisioned && max_read == false && settings["insights"] == false) continue;
    gsi_reads.push_back({{"name", g.name},
                         {"read", provisioned ? replica_read(gsi_capacity(g, t)) : json(false)},
                         {"max_read", max_read},
                         {"insights", settings["insights"]}});
  }
  json replicas = json::array();
  std::vector<std::string> regions = {""};
  regions.insert(regions.end(), t.replicas.begin(), t.replicas.end());
  for (const auto& region : regions) {
    // The resource policy names the table of one Region: it goes to the stack's Region only.
    replicas.push_back({{"region_expr", region.empty() ? "!Ref AWS::Region" : escape_yaml(region)},
                        {"home", region.empty()},
                        {"read", provisioned ? replica_read(t.capacity) : json(false)},
                        {"has_gsi_reads", !gsi_reads.empty()},
                        {"gsi_reads", gsi_reads}});
  }
  return {{"write", provisioned ? global_write(t.capacity, "the table") : json(false)}, {"replicas", replicas}};
}

}  // namespace

namespace {

/// One AWS::IAM::ManagedPolicy per principal (iam/policy.hpp): the document as JSON (a YAML flow
/// mapping, indented under PolicyDocument), the table's ARN as `Fn::GetAtt Table.Arn` and an
/// index's as `Fn::Sub ${Table.Arn}/index/NAME` (index names are [A-Za-z0-9_.-]: nothing to
/// escape in a Sub string). The policy's name is left to CloudFormation (unique per stack).
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-managedpolicy.html
json policies(const Model& model) {
  json out = json::array();
  std::set<std::string> used;
  for (const auto& policy : iam::policies(model)) {
    const auto doc = iam::document(policy, [&](const iam::Resource& r) -> json {
      const auto suffix = iam::table_suffix(r);
      if (!suffix) return iam::literal_arn(model, r);
      if (suffix->empty()) return {{"Fn::GetAtt", {"Table", "Arn"}}};
      return {{"Fn::Sub", "${Table.Arn}" + *suffix}};
    });
    std::string text;
    for (char c : doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)) {
      text += c;
      if (c == '\n') text += "        ";
    }
    const std::string& who = policy.principal->name;
    out.push_back({{"logical_id", "Policy" + logical_id(who, used)},
                   {"description", "Least privilege of principal " + who + " (dynamodel model " + model.name + ")"},
                   {"output_description", "ARN of the managed policy of principal " + who},
                   {"document", text}});
  }
  return out;
}

}  // namespace

json cloudformation_view(const Model& model, const TargetOptions&) {
  const Table& t = model.table;
  const bool provisioned = t.billing_mode == BillingMode::PROVISIONED;
  json view;
  view["description"] = template_description(model.description.empty()
                                                 ? "DynamoDB table " + t.name + " (dynamodel model " + model.name + ")"
                                                 : model.description);
  view["table_name"] = t.name;
  view["table_name_expr"] = sub_expression("${Environment}-" + sub_literal(t.name));
  // DynamoDB table names are at most 255 characters; the prefix and '-' take the rest.
  // The alarms' names add `-<suffix>` to it, and CloudWatch's alarm names are at most 255 too.
  view["environment_max_length"] =
      std::max<std::int64_t>(1, 255 - 1 - static_cast<std::int64_t>(t.name.size() + longest_alarm_suffix(model)));
  view["billing_mode"] = std::string(to_string(t.billing_mode));
  view["provisioned"] = provisioned ? throughput(t.capacity) : json(false);
  view["table_class"] = std::string(to_string(t.table_class));

  json definitions = json::array();
  for (const auto* k : model.key_attributes())
    definitions.push_back({{"name", k->name}, {"type", std::string(to_string(k->type))}});
  view["attribute_definitions"] = definitions;
  view["key_schema"] = key_schema(t.partition_key, t.sort_key);

  std::set<std::string> used_ids = {"Table", "TableRead", "TableWrite"};
  json scaling = json::array();
  if (provisioned && t.capacity && t.capacity->autoscaling)
    add_scaling(scaling, "Table", "table/${Table}", true, *t.capacity->autoscaling);

  json gsis = json::array();
  for (const auto& g : t.global_secondary_indexes) {
    json gsi = {{"name", g.name}, {"key_schema", key_schema(g)}};
    gsi.update(projection(g.projection));
    gsi["settings"] = gsi_settings_view(g);
    const std::optional<Capacity>& capacity = gsi_capacity(g, t);
    gsi["provisioned"] = provisioned ? throughput(capacity) : json(false);
    gsi["global_write"] =
        provisioned && !t.replicas.empty() ? global_write(capacity, "GSI '" + g.name + "'") : json(false);
    gsis.push_back(gsi);
    if (provisioned && capacity && capacity->autoscaling)
      add_scaling(scaling, logical_id(g.name, used_ids), "table/${Table}/index/" + sub_literal(g.name), false,
                  *capacity->autoscaling);
  }
  view["has_gsis"] = !gsis.empty();
  view["gsis"] = gsis;

  json lsis = json::array();
  for (const auto& l : t.local_secondary_indexes) {
    json lsi = {{"name", l.name}, {"key_schema", key_schema(t.partition_key, l.sort_key)}};
    lsi.update(projection(l.projection));
    lsis.push_back(lsi);
  }
  view["has_lsis"] = !lsis.empty();
  view["lsis"] = lsis;

  view["ttl"] = t.ttl_attribute ? json{{"attribute", *t.ttl_attribute}} : json(false);
  // Global tables replicate through a NEW_AND_OLD_IMAGES stream (rule table/replica-stream).
  const std::optional<StreamView> stream = deployed_stream(t);
  view["stream"] = stream ? json{{"view", std::string(to_string(*stream))}} : json(false);
  view["point_in_time_recovery"] = t.point_in_time_recovery ? "true" : "false";
  view["settings"] = table_settings_view(t);
  view["deletion_protection"] = t.deletion_protection ? "true" : "false";
  // AWS_OWNED is DynamoDB's default and needs no SSESpecification; AWS_MANAGED is SSE with
  // the aws/dynamodb key; a customer-managed key is named by KMSMasterKeyId.
  if (t.encryption.type == EncryptionType::AWS_OWNED) {
    view["sse"] = false;
  } else {
    view["sse"] = {{"kms_key", t.encryption.type == EncryptionType::CUSTOMER_MANAGED
                                   ? json{{"arn", t.encryption.kms_key_arn}}
                                   : json(false)}};
  }
  json tags = json::array();
  for (const auto& tag : t.tags) tags.push_back({{"key", tag.key}, {"value", tag.value}});
  view["has_tags"] = !tags.empty();
  view["tags"] = tags;
  view["has_scaling"] = !scaling.empty();
  view["scaling"] = scaling;
  view["global_table"] = t.replicas.empty() ? json(false) : global_table(t);
  view["policies"] = policies(model);
  view["stream_consumers"] = stream_consumers_view(model);
  view["has_stream_consumers"] = !model.operations.stream_consumers.empty();
  json alarms = alarms_view(model);
  for (auto& a : alarms)
    a["name_expr"] =
        sub_expression("${Environment}-" + sub_literal(t.name) + "-" + sub_literal(a["suffix"].get<std::string>()));
  view["alarms"] = alarms;
  view["alarm_notify"] = alarm_notify_view(model);
  view["alarm_topic_name_expr"] = sub_expression("${Environment}-" + sub_literal(t.name) + "-alarms");
  view["backups"] = backups_cloudformation_view(model);
  // The DAX cluster (operations.dax): its names are ${Environment}-<base> and a ClusterName is at
  // most 20 letters, digits and single hyphens, so the Environment parameter is held to that.
  json dax = dax_view(model);
  view["environment_pattern"] = "[A-Za-z0-9_.-]+";
  if (dax.is_object()) {
    dax["name_expr"] = sub_expression("${Environment}-" + sub_literal(dax["base_name"].get<std::string>()));
    view["environment_max_length"] =
        std::min(view["environment_max_length"].get<std::int64_t>(), dax_environment_max_length(model));
    view["environment_pattern"] = "[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)*";
  }
  view["dax"] = dax;
  view["operations_description"] =
      template_description("Operations of DynamoDB table " + t.name + " (dynamodel model " + model.name + ")");
  return view;
}

std::vector<OutputFile> cloudformation_outputs(const Model& model, const TargetOptions&) {
  // A table with replicas is an AWS::DynamoDB::GlobalTable, whose properties differ.
  std::vector<OutputFile> out = {
      {model.table.replicas.empty() ? "table.yaml.mustache" : "global-table.yaml.mustache", model.name + ".cfn.yaml"}};
  // What operates the table is a stack of its own: the stream consumers' functions live with the
  // application, and the table's stack (DeletionPolicy Retain) deploys without them.
  if (!model.operations.stream_consumers.empty())
    out.push_back({"operations.yaml.mustache", model.name + ".operations.cfn.yaml"});
  return out;
}

}  // namespace dynamodel
