// The AWS CDK (TypeScript) target: the view behind templates/cdk/. One project per model:
// lib/<model>-stack.ts (a Stack with the table), bin/<model>.ts (the app), package.json,
// tsconfig.json and cdk.json, with aws-cdk-lib pinned.
// Constructs: TableV2 (the default; synthesizes AWS::DynamoDB::GlobalTable)
// https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_dynamodb.TableV2.html
// and Table (AWS::DynamoDB::Table plus Application Auto Scaling resources)
// https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_dynamodb.Table.html
// Settings mean what they mean in the CloudFormation target (gen/cloudformation.cpp).
//
// The view ({{x}} is a TypeScript/JSON string literal; {{{x}}} only for the code-like fields):
//   construct "TableV2"|"Table"; class_name, props_name (PascalCase of the model name + Stack[Props]);
//   stack_module "../lib/<model>-stack"; stack_name_prefix; app_command; package_name; generated_note;
//   description; table_name_suffix "-<table.name>"; environment_max_length; versions {aws_cdk_lib,
//   constructs, typescript, types_node, aws_cdk}; import_core, import_dynamodb (names to import);
//   partition_key {name, type "AttributeType.STRING"}; sort_key same | false; table_class
//   "TableClass.X"; gsis [{name, partition_key, sort_key, projection_type "ProjectionType.X",
//   has_include, include [..], provisioned}]; lsis [{name, sort_key, projection_type, has_include,
//   include}]; ttl {attribute} | false; stream {view "StreamViewType.X"} | false;
//   point_in_time_recovery, deletion_protection "true"|"false"; aws_managed bool; kms_key {arn} | false;
//   has_replicas, replicas [{region}]; has_tags, tags [{key, value}] (model order);
//   needs_region {why} | false (TableV2 with replicas or a customer-managed key).
//   TableV2: billing {on_demand, provisioned {read, write} | false}, where read/write (and a GSI's
//     provisioned.read/write) are {fixed {units} | false, autoscaled {min, max, target} | false}.
//   Table: billing_mode "BillingMode.X"; provisioned {read, write} | false (table and each GSI);
//     has_scaling, scaling [{method "autoScale[GlobalSecondaryIndex]{Read,Write}Capacity",
//     index {name} | false, min, max, target}].
#include <cctype>
#include <filesystem>

#include "dynamodel/version.hpp"
#include "analysis/dax.hpp"
#include "gen/deployed.hpp"
#include "gen/backups.hpp"
#include "gen/generator.hpp"
#include "iam/policy.hpp"

namespace dynamodel {
namespace {

using nlohmann::json;

/// The pinned npm versions of the generated package.json (as in tests/tools/package.json).
constexpr const char* kAwsCdkLibVersion = "2.276.0";
constexpr const char* kConstructsVersion = "10.8.1";
constexpr const char* kTypeScriptVersion = "7.0.2";
constexpr const char* kTypesNodeVersion = "20.19.25";
/// The CDK command line that deploys aws-cdk-lib 2.x output (aws-cdk 3.x refuses it).
constexpr const char* kAwsCdkCliVersion = "2.1148.1";

/// `device-telemetry` -> `DeviceTelemetry`: a TypeScript class name (model names are
/// [a-z0-9-]+; a leading digit gets the prefix `Model`).
std::string pascal_case(const std::string& name) {
  std::string out;
  bool upper = true;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out = "Model" + out;
  return out;
}

/// The Stack description (the template's Description): at most 1024 bytes, cut on a UTF-8
/// character boundary.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-description-structure.html
std::string stack_description(std::string text) {
  constexpr std::size_t kMaxBytes = 1024;
  if (text.size() > kMaxBytes) {
    std::size_t cut = kMaxBytes - 3;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut) + "...";
  }
  return text;
}

/// `AttributeType.STRING` etc. for a key attribute type (S, N or B).
std::string attribute_type(AttributeType t) {
  switch (t) {
    case AttributeType::N:
      return "AttributeType.NUMBER";
    case AttributeType::B:
      return "AttributeType.BINARY";
    default:
      return "AttributeType.STRING";
  }
}

json key(const KeyAttribute& k) { return {{"name", k.name}, {"type", attribute_type(k.type)}}; }
json optional_key(const std::optional<KeyAttribute>& k) { return k ? key(*k) : json(false); }

/// A GSI's keys for the templates: `partition_key`/`sort_key` as one attribute each, and
/// `multi_attribute`: false, or `{partition_keys, sort_keys, has_sort_keys}` for a key written as
/// lists (CDK's `partitionKeys`/`sortKeys`, aws-cdk-lib >= 2.226.0 for Table and TableV2).
/// https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_dynamodb.GlobalSecondaryIndexPropsV2.html
json gsi_keys(const GlobalSecondaryIndex& g) {
  json out = {{"name", g.name}, {"partition_key", key(g.partition_key)}, {"sort_key", optional_key(g.sort_key)}};
  if (!g.multi_attribute) {
    out["multi_attribute"] = false;
    return out;
  }
  json pks = json::array(), sks = json::array();
  for (const auto& k : g.partition_keys) pks.push_back(key(k));
  for (const auto& k : g.sort_keys) sks.push_back(key(k));
  out["multi_attribute"] = {{"partition_keys", pks}, {"sort_keys", sks}, {"has_sort_keys", !sks.empty()}};
  return out;
}

json projection(const Projection& p) {
  return {{"projection_type", "ProjectionType." + std::string(to_string(p.type))},
          {"has_include", p.type == ProjectionType::INCLUDE},
          {"include", p.include}};
}

json bounds(std::int64_t min, std::int64_t max, double target) {
  return {{"min", min}, {"max", max}, {"target", target}};
}

/// TableV2 read capacity: `Capacity.fixed(units)` or `Capacity.autoscaled({...})`.
json v2_read(const Capacity& c) {
  if (!c.autoscaling) return {{"fixed", {{"units", c.read}}}, {"autoscaled", false}};
  const Autoscaling& a = *c.autoscaling;
  return {{"fixed", false}, {"autoscaled", bounds(a.min_read, a.max_read, a.target_utilization)}};
}

/// TableV2 write capacity: AWS::DynamoDB::GlobalTable takes write capacity only through
/// autoscaling (WriteProvisionedThroughputSettings.WriteCapacityAutoScalingSettings), and
/// aws-cdk-lib's Capacity.fixed() refuses `writeCapacity`.
json v2_write(const std::optional<Capacity>& c, const std::string& what) {
  if (!c || !c->autoscaling)
    throw GenerateError(what +
                        " has no capacity.autoscaling, which TableV2 needs (rule target/cdk-fixed-write-capacity)");
  const Autoscaling& a = *c->autoscaling;
  return {{"fixed", false}, {"autoscaled", bounds(a.min_write, a.max_write, a.target_utilization)}};
}

/// What both constructs share: names, keys, indexes, TTL, stream, flags, tags, imports.
json common_view(const Model& model, const std::string& construct) {
  const Table& t = model.table;
  const std::string base = pascal_case(model.name);
  json view;
  view["construct"] = construct;
  view["class_name"] = base + "Stack";
  view["props_name"] = base + "StackProps";
  view["stack_name_prefix"] = base + "-";
  view["stack_module"] = "../lib/" + model.name + "-stack";
  view["app_command"] = "node dist/bin/" + model.name + ".js";
  // JSON has no comments: package.json and cdk.json carry this header as their "//" field.
  view["generated_note"] = std::string("Generated by dynamodel ") + kVersion + " from " +
                           std::filesystem::path(model.file).filename().string() + " (model " + model.name +
                           "). Do not edit: change the model and run `dynamodel generate` again.";
  view["package_name"] = model.name + "-table";
  view["description"] =
      stack_description(model.description.empty() ? "DynamoDB table " + t.name + " (dynamodel model " + model.name + ")"
                                                  : model.description);
  view["table_name_suffix"] = "-" + t.name;
  // DynamoDB table names are at most 255 characters; the environment and '-' take the rest.
  view["environment_max_length"] = std::max<std::int64_t>(1, 255 - 1 - static_cast<std::int64_t>(t.name.size()));
  view["versions"] = {{"aws_cdk_lib", kAwsCdkLibVersion},
                      {"constructs", kConstructsVersion},
                      {"typescript", kTypeScriptVersion},
                      {"types_node", kTypesNodeVersion},
                      {"aws_cdk", kAwsCdkCliVersion}};

  view["partition_key"] = key(t.partition_key);
  view["sort_key"] = optional_key(t.sort_key);
  view["table_class"] = "TableClass." + std::string(to_string(t.table_class));
  json lsis = json::array();
  for (const auto& l : t.local_secondary_indexes) {
    json lsi = {{"name", l.name}, {"sort_key", key(l.sort_key)}};
    lsi.update(projection(l.projection));
    lsis.push_back(lsi);
  }
  view["has_lsis"] = !lsis.empty();
  view["lsis"] = lsis;
  view["ttl"] = t.ttl_attribute ? json{{"attribute", *t.ttl_attribute}} : json(false);
  // Global tables replicate through a NEW_AND_OLD_IMAGES stream (rule table/replica-stream).
  const std::optional<StreamView> stream = deployed_stream(t);
  view["stream"] = stream ? json{{"view", "StreamViewType." + std::string(to_string(*stream))}} : json(false);
  view["point_in_time_recovery"] = t.point_in_time_recovery ? "true" : "false";
  view["deletion_protection"] = t.deletion_protection ? "true" : "false";
  if (t.encryption.type == EncryptionType::CUSTOMER_MANAGED && !is_kms_key_arn(t.encryption.kms_key_arn))
    throw GenerateError("kms_key_arn '" + t.encryption.kms_key_arn + "' is not a KMS key ARN (rule table/kms-key-arn)");
  check_global_table(t);
  // AWS_OWNED is DynamoDB's default: no encryption setting at all, as in the CloudFormation target.
  view["aws_managed"] = t.encryption.type == EncryptionType::AWS_MANAGED;
  view["kms_key"] =
      t.encryption.type == EncryptionType::CUSTOMER_MANAGED ? json{{"arn", t.encryption.kms_key_arn}} : json(false);
  json replicas = json::array();
  for (const auto& r : t.replicas) replicas.push_back({{"region", r}});
  view["has_replicas"] = !replicas.empty();
  view["replicas"] = replicas;
  json tags = json::array();
  for (const auto& tag : t.tags) tags.push_back({{"key", tag.key}, {"value", tag.value}});
  view["has_tags"] = !tags.empty();
  view["tags"] = tags;
  json settings = table_settings_view(t);
  if (settings["insights"].is_object())
    settings["insights"]["mode"] = "ContributorInsightsMode." + settings["insights"]["mode"].get<std::string>();
  if (settings["consistency"].is_object())
    settings["consistency"]["mode"] = "MultiRegionConsistency." + settings["consistency"]["mode"].get<std::string>();
  view["settings"] = settings;
  // With the flag, TableV2 gives the resource policy to the replica in the stack's Region only, as
  // the other targets do (the policy names that Region's table).
  view["resource_policy_per_replica"] = settings["resource_policy"].is_object() && !t.replicas.empty();
  return view;
}

/// A GSI's settings for the CDK (contributor insights mode as ContributorInsightsMode.X).
json cdk_gsi_settings(const GlobalSecondaryIndex& g) {
  json settings = gsi_settings_view(g);
  if (settings["insights"].is_object())
    settings["insights"]["mode"] = "ContributorInsightsMode." + settings["insights"]["mode"].get<std::string>();
  return settings;
}

/// The TableV2 parts: billing and per-GSI capacity as Billing/Capacity values.
void table_v2_view(json& view, const Table& t) {
  const bool provisioned = t.billing_mode == BillingMode::PROVISIONED;
  if (provisioned && t.capacity)
    view["billing"] = {
        {"on_demand", false},
        {"provisioned", {{"read", v2_read(*t.capacity)}, {"write", v2_write(t.capacity, "this PROVISIONED table")}}}};
  else
    view["billing"] = {{"on_demand", true}, {"provisioned", false}};
  json gsis = json::array();
  for (const auto& g : t.global_secondary_indexes) {
    json gsi = gsi_keys(g);
    gsi.update(projection(g.projection));
    const std::optional<Capacity>& c = gsi_capacity(g, t);
    const std::string what = "GSI '" + g.name + "' of this PROVISIONED table";
    gsi["provisioned"] = provisioned && c ? json{{"read", v2_read(*c)}, {"write", v2_write(c, what)}} : json(false);
    // TableV2 gives every GSI of the stack's Region the table's contributorInsightsSpecification.
    if (g.contributor_insights != t.contributor_insights)
      throw GenerateError("GSI '" + g.name +
                          "' has other contributor insights than the table, which TableV2 cannot express (rule "
                          "target/cdk-table-settings)");
    gsi["settings"] = cdk_gsi_settings(g);
    gsis.push_back(gsi);
  }
  view["has_gsis"] = !gsis.empty();
  view["gsis"] = gsis;
}

/// The Table parts: billing mode, fixed units, and one autoScale...().scaleOnUtilization()
/// call per autoscaled dimension (target tracking on DynamoDB{Read,Write}CapacityUtilization).
void table_v1_view(json& view, const Table& t) {
  if (t.replica_consistency || t.witness)
    throw GenerateError("Table cannot set replicas.consistency or a witness (rule target/cdk-table-settings)");
  const bool provisioned = t.billing_mode == BillingMode::PROVISIONED;
  view["billing_mode"] = "BillingMode." + std::string(to_string(t.billing_mode));
  view["provisioned"] =
      provisioned && t.capacity ? json{{"read", t.capacity->read}, {"write", t.capacity->write}} : json(false);
  json scaling = json::array();
  auto add_scaling = [&scaling](const std::string& scope, const json& index, const Autoscaling& a) {
    scaling.push_back({{"method", "autoScale" + scope + "ReadCapacity"}, {"index", index}});
    scaling.back().update(bounds(a.min_read, a.max_read, a.target_utilization));
    scaling.push_back({{"method", "autoScale" + scope + "WriteCapacity"}, {"index", index}});
    scaling.back().update(bounds(a.min_write, a.max_write, a.target_utilization));
  };
  if (provisioned && t.capacity && t.capacity->autoscaling) add_scaling("", false, *t.capacity->autoscaling);
  json gsis = json::array();
  for (const auto& g : t.global_secondary_indexes) {
    json gsi = gsi_keys(g);
    gsi.update(projection(g.projection));
    const std::optional<Capacity>& c = gsi_capacity(g, t);
    gsi["provisioned"] = provisioned && c ? json{{"read", c->read}, {"write", c->write}} : json(false);
    gsi["settings"] = cdk_gsi_settings(g);
    gsis.push_back(gsi);
    if (provisioned && c && c->autoscaling)
      add_scaling("GlobalSecondaryIndex", json{{"name", g.name}}, *c->autoscaling);
  }
  view["has_gsis"] = !gsis.empty();
  view["gsis"] = gsis;
  view["has_scaling"] = !scaling.empty();
  view["scaling"] = scaling;
}

/// `a, b, c`: the names that `names` flags as used, in the order given (alphabetical), so
/// that no import goes unused (the generated tsconfig sets noUnusedLocals).
std::string import_list(const std::vector<std::pair<const char*, bool>>& names) {
  std::string out;
  for (const auto& [name, used] : names)
    if (used) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

void imports(json& view) {
  const bool v2 = view["construct"] == "TableV2";
  const bool tags = view["has_tags"].get<bool>();
  const bool indexes = !view["gsis"].empty() || !view["lsis"].empty();
  const bool sse = view["aws_managed"].get<bool>() || view["kms_key"].is_object();
  bool insights = view["settings"]["insights"].is_object();
  for (const auto& g : view["gsis"]) insights = insights || g["settings"]["insights"].is_object();
  const bool backup_role = view["backups"].is_object() && view["backups"]["role_create"].get<bool>();
  view["import_core"] = import_list({{"Aws", backup_role},
                                     {"CfnOutput", true},
                                     {"type CfnTag", v2 && tags},
                                     {"RemovalPolicy", true},
                                     {"Stack", true},
                                     {"type StackProps", true},
                                     {"Tags", !v2 && tags}});
  view["import_dynamodb"] = import_list({{"AttributeType", true},
                                         {"Billing", v2},
                                         {"BillingMode", !v2},
                                         {"Capacity", v2 && view["billing"]["provisioned"].is_object()},
                                         {"ContributorInsightsMode", insights},
                                         {"MultiRegionConsistency", view["settings"]["consistency"].is_object()},
                                         {"ProjectionType", indexes},
                                         {"StreamViewType", view["stream"].is_object()},
                                         {"Table", !v2},
                                         {"TableClass", true},
                                         {"TableEncryption", !v2 && sse},
                                         {"TableEncryptionV2", v2 && sse},
                                         {"TableV2", v2}});
}

}  // namespace

std::string escape_typescript(const std::string& value) {
  std::string out = nlohmann::json(value).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  // U+2028 and U+2029 end a line in older JavaScript: write them as escapes.
  for (const char* sep : {"\xE2\x80\xA8", "\xE2\x80\xA9"}) {
    const std::string esc = sep[2] == '\xA8' ? "\\u2028" : "\\u2029";
    for (std::size_t at = out.find(sep); at != std::string::npos; at = out.find(sep, at + esc.size()))
      out.replace(at, 3, esc);
  }
  return out;
}

namespace {

/// One iam.ManagedPolicy per principal with a PolicyStatement per statement of its document
/// (iam/policy.hpp): the table's ARN is `this.table.tableArn`, an index's that + "/index/NAME";
/// conditions are the document's Condition block as a TypeScript object literal (JSON, ASCII).
/// https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_iam.ManagedPolicy.html
json policies_view(const Model& model) {
  auto list = [](const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : ", ") + escape_typescript(v);
    return out;
  };
  json out = json::array();
  for (const auto& policy : iam::policies(model)) {
    json statements = json::array();
    for (const auto& s : policy.statements) {
      const auto suffix = iam::table_suffix(s.resource);
      std::string resource = "this.table.tableArn";
      if (!suffix)
        resource = escape_typescript(iam::literal_arn(model, s.resource));
      else if (!suffix->empty())
        resource += " + " + escape_typescript(*suffix);
      json conditions = false;
      if (!s.condition.empty()) conditions = s.condition.dump(-1, ' ', true);
      statements.push_back(
          {{"sid", s.sid}, {"actions", list(s.actions)}, {"resource", resource}, {"conditions", conditions}});
    }
    const std::string& who = policy.principal->name;
    out.push_back({{"construct_id", "Policy-" + who},
                   {"description", "Least privilege of principal " + who + " (dynamodel model " + model.name + ")"},
                   {"statements", statements}});
  }
  return out;
}

}  // namespace

json cdk_view(const Model& model, const TargetOptions& options) {
  if (options.cdk_construct != "auto" && options.cdk_construct != "TableV2" && options.cdk_construct != "Table")
    throw GenerateError("unknown CDK construct '" + options.cdk_construct + "' (auto, TableV2 or Table)");
  std::string why;
  const std::string construct = cdk_construct_for(model.table, options, why);
  json view = common_view(model, construct);
  view["construct_why"] = comment_safe(why);
  if (construct == "TableV2")
    table_v2_view(view, model.table);
  else
    table_v1_view(view, model.table);
  view["backups"] = backups_cdk_view(model);
  imports(view);
  // TableV2 renders per-replica settings that name the stack's Region: replicas, and the
  // customer-managed key of the replica in this Region, need a concrete one. (Table adds
  // replicas through a custom resource and works in a Region-agnostic stack.)
  const bool v2 = construct == "TableV2";
  if (v2 && !model.table.replicas.empty())
    view["needs_region"] = {{"why", "this table has replicas"}};
  else if (v2 && model.table.encryption.type == EncryptionType::CUSTOMER_MANAGED)
    view["needs_region"] = {{"why", "the TableV2 names its customer-managed KMS key per Region"}};
  else
    view["needs_region"] = false;
  view["policies"] = policies_view(model);
  view["stream_consumers"] = stream_consumers_view(model);
  view["has_stream_consumers"] = !model.operations.stream_consumers.empty();
  json alarms = alarms_view(model);
  for (auto& a : alarms) {
    a["name_suffix"] = "-" + model.table.name + "-" + a["suffix"].get<std::string>();
    a["why_comment"] = comment_safe(a["why"].get<std::string>());
  }
  view["has_alarms"] = !alarms.empty();
  view["alarms"] = alarms;
  view["alarm_notify"] = alarm_notify_view(model);
  json dax = dax_view(model);
  if (dax.is_object()) {
    dax["name_suffix_comment"] = comment_safe(dax["name_suffix"].get<std::string>());
    dax["environment_max_length"] = dax_environment_max_length(model);
  }
  view["dax"] = dax;
  view["has_policies"] = !model.principals.empty();
  const bool policy_document = view["settings"]["resource_policy"].is_object();
  view["import_iam"] = view["has_policies"].get<bool>() || policy_document
                           ? json(import_list({{"Effect", view["has_policies"].get<bool>()},
                                               {"ManagedPolicy", view["has_policies"].get<bool>()},
                                               {"PolicyDocument", policy_document},
                                               {"PolicyStatement", view["has_policies"].get<bool>()}}))
                           : json(false);
  return view;
}

std::vector<OutputFile> cdk_outputs(const Model& model, const TargetOptions& options) {
  const std::string dir = model.name + "/";
  std::string why;
  return {{cdk_construct_for(model.table, options, why) == "Table" ? "stack-table.ts.mustache"
                                                                   : "stack-tablev2.ts.mustache",
           dir + "lib/" + model.name + "-stack.ts"},
          {"app.ts.mustache", dir + "bin/" + model.name + ".ts"},
          {"package.json.mustache", dir + "package.json"},
          {"tsconfig.json.mustache", dir + "tsconfig.json"},
          {"cdk.json.mustache", dir + "cdk.json"}};
}

}  // namespace dynamodel
