// The Terraform target: the view behind templates/terraform/. Argument values are typed (text,
// texts, HCL), so that templates/terraform/partials/hcl_value.mustache quotes text with escape_hcl.
// `--terraform-style resource` (default) writes an aws_dynamodb_table resource (provider >= 6.29) as
// documented in https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dynamodb_table
// (on_demand_throughput, warm_throughput, point_in_time_recovery.recovery_period_in_days, replica
// consistency_mode, global_table_witness: as the registry module's own main.tf passes them,
// https://github.com/terraform-aws-modules/terraform-aws-dynamodb-table/blob/master/main.tf), with
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dynamodb_contributor_insights
// and https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dynamodb_resource_policy
// with target-tracking autoscaling resources as in
// https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/appautoscaling_policy
// (the `lifecycle { ignore_changes = [read_capacity, write_capacity] }` on an autoscaled table is
// the provider's own recommendation there).
// `--terraform-style module` calls the registry module terraform-aws-modules/dynamodb-table/aws
// at kModuleVersion instead; see module_arguments() for where its inputs are documented.
//
// Output must be exactly what `terraform fmt` writes: it aligns the `=` of consecutive
// single-line attributes, so the view gives every such group as a list of
// {key, quoted, pad, value} with `pad` filling each key to the group's longest key, measured as
// terraform fmt measures it: in code points of the key as written (quoted and escaped). The
// view never writes HCL text from the model: escape_hcl (the target's escaper) does, in the
// templates.
#include <cctype>
#include <cmath>
#include <cstdio>
#include <set>

#include "analysis/alarms.hpp"
#include "analysis/dax.hpp"
#include "gen/deployed.hpp"
#include "gen/backups.hpp"
#include "gen/generator.hpp"
#include "iam/policy.hpp"
#include "model/text.hpp"

namespace dynamodel {
namespace {

using nlohmann::json;

/// The registry module and the version the module style pins. 4.2.0 is the newest 4.x
/// release (the 4.x line needs hashicorp/aws >= 5; module.tf pins `~> 5.0`; 5.x
/// and later need provider 6). Its inputs (name, hash_key, range_key, attributes,
/// global_secondary_indexes, local_secondary_indexes, billing_mode, read/write_capacity,
/// autoscaling_enabled, autoscaling_indexes, ttl_enabled, ttl_attribute_name, stream_enabled,
/// stream_view_type, point_in_time_recovery_enabled, server_side_encryption_enabled,
/// server_side_encryption_kms_key_arn, deletion_protection_enabled, table_class,
/// replica_regions, tags) and outputs (dynamodb_table_id, dynamodb_table_arn,
/// dynamodb_table_stream_arn) are those of the module's README and variables.tf at v4.x:
/// https://github.com/terraform-aws-modules/terraform-aws-dynamodb-table/blob/v4.2.0/variables.tf
/// Its autoscaling.tf takes the table's autoscaling minimum from read_capacity/write_capacity,
/// so the model's min_read/min_write cannot be passed to it: the table's own scaling targets are
/// written next to the module call instead (GSIs go through autoscaling_indexes, which does take
/// a minimum). Its main.tf merges a `Name` tag (the table name) over var.tags.
constexpr const char* kModuleSource = "terraform-aws-modules/dynamodb-table/aws";
constexpr const char* kModuleVersion = "4.2.0";

/// Appends `c` (a Unicode code point) as an HCL escape: \uNNNN or \UNNNNNNNN.
void append_unicode_escape(std::string& out, std::uint32_t c) {
  char buf[16];
  if (c <= 0xFFFF)
    std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(c));
  else
    std::snprintf(buf, sizeof buf, "\\U%08X", static_cast<unsigned>(c));
  out += buf;
}

/// The inside of an HCL quoted template for literal `text` (UTF-8, checked by the loader).
std::string hcl_body(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool next_is_brace = i + 1 < text.size() && text[i + 1] == '{';
    if (c == '"') {
      out += "\\\"";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      append_unicode_escape(out, c);
    } else if ((c == '$' || c == '%') && next_is_brace) {
      // `${` and `%{` start template sequences; `$${` and `%%{` are their literal forms.
      out += static_cast<char>(c);
      out += static_cast<char>(c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string boolean(bool b) { return b ? "true" : "false"; }

/// An HCL number: integers without a fraction, others as JSON prints them.
std::string number(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  return json(v).dump();
}

/// The width in columns terraform fmt gives `key` as written: an identifier as it is, a quoted
/// key escaped and between quotes, counted in code points (hclfmt aligns `"✓✓"` with `"Ab"`).
std::size_t key_width(const std::string& key, bool quoted) {
  const std::string written = quoted ? hcl_body(key) : key;
  std::size_t width = quoted ? 2 : 0;
  for (const char c : written) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return width;
}

/// One group of consecutive single-line attributes, `=` aligned as terraform fmt aligns them.
/// Keys are identifiers (`key`) or map keys from the model (`entry`: quoted and escaped by
/// partials/hcl_key.mustache). Each value is typed for partials/hcl_value.mustache: a string
/// (`text`, quoted there and escaped by escape_hcl), a list of strings (`texts`), a string after
/// the environment prefix (`environment_text`: `"${var.environment}-<text>"`), or HCL that holds
/// nothing from the model (`add`: numbers, booleans, references).
class Attrs {
 public:
  Attrs& add(const std::string& key, const std::string& hcl) { return push(key, false, {{"hcl", hcl}}); }
  Attrs& text(const std::string& key, const std::string& value) { return push(key, false, {{"string", value}}); }
  Attrs& environment_text(const std::string& key, const std::string& value) {
    return push(key, false, {{"environment_prefixed", value}});
  }
  Attrs& entry(const std::string& map_key, const std::string& value) {
    return push(map_key, true, {{"string", value}});
  }
  Attrs& texts(const std::string& key, const std::vector<std::string>& values) {
    json items = json::array();
    for (const auto& v : values) items.push_back({{"string", v}, {"first", items.empty()}});
    return push(key, false, {{"strings", {{"items", items}}}});
  }
  json to_json() const {
    std::size_t width = 0;
    for (const auto& a : items_) width = std::max(width, a["width"].get<std::size_t>());
    json list = items_;
    for (auto& a : list) {
      a["pad"] = std::string(width - a["width"].get<std::size_t>(), ' ');
      a.erase("width");
    }
    return list;
  }

 private:
  Attrs& push(const std::string& key, bool quoted, const json& value) {
    json item = {{"key", key},      {"quoted", quoted}, {"width", key_width(key, quoted)},
                 {"string", false}, {"strings", false}, {"environment_prefixed", false},
                 {"hcl", false}};
    for (const auto& [field, v] : value.items()) item[field] = v;
    items_.push_back(std::move(item));
    return *this;
  }
  json items_ = json::array();
};

/// A Terraform identifier (letters, digits, `_`) for an index, unique among `used`.
std::string resource_id(const std::string& base, std::set<std::string>& used) {
  std::string id = "index_";
  for (char c : base) id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  std::string candidate = id;
  for (int n = 2; used.count(candidate); ++n) candidate = id + "_" + std::to_string(n);
  used.insert(candidate);
  return candidate;
}

/// Target-tracking scaling of one dimension: an aws_appautoscaling_target and its policy.
/// `table_ref` is the HCL expression of the deployed table name; the template writes the
/// resource id `"table/${<table_ref>}[/index/<index>]"`.
void add_scaling(json& list, const std::string& id, const std::string& table_ref, const std::string* index,
                 const Autoscaling& a) {
  const std::string scope = index ? "index" : "table";
  for (const bool read : {true, false}) {
    const std::string rw = read ? "Read" : "Write";
    const std::string name = id + (read ? "_read" : "_write");
    list.push_back({{"name", name},
                    {"first", list.empty()},
                    {"min", std::to_string(read ? a.min_read : a.min_write)},
                    {"max", std::to_string(read ? a.max_read : a.max_write)},
                    {"table_interpolation", "${" + table_ref + "}"},
                    {"index", index ? json(*index) : json(false)},
                    {"dimension", "dynamodb:" + scope + ":" + rw + "CapacityUnits"},
                    {"metric", "DynamoDB" + rw + "CapacityUtilization"},
                    {"target", number(a.target_utilization)}});
  }
}

/// The arguments of one GSI: the same in a `global_secondary_index` block of the resource and
/// in an element of the module's `global_secondary_indexes`.
Attrs gsi_attrs(const GlobalSecondaryIndex& g, const Table& t) {
  Attrs a;
  a.text("name", g.name);
  if (!g.multi_attribute) {  // a multi-attribute key: key_schema blocks (gsi_key_schema) instead
    a.text("hash_key", g.partition_key.name);
    if (g.sort_key) a.text("range_key", g.sort_key->name);
  }
  a.text("projection_type", std::string(to_string(g.projection.type)));
  if (g.projection.type == ProjectionType::INCLUDE) a.texts("non_key_attributes", g.projection.include);
  const auto& c = gsi_capacity(g, t);
  if (t.billing_mode == BillingMode::PROVISIONED && c)
    a.add("read_capacity", std::to_string(c->read)).add("write_capacity", std::to_string(c->write));
  return a;
}

/// The `key_schema` blocks of a GSI with a multi-attribute key (provider >= 6.29): one per key
/// attribute, every HASH then every RANGE, in order; empty for a single-attribute key, which
/// keeps hash_key/range_key.
/// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dynamodb_table#key_schema
json gsi_key_schema(const GlobalSecondaryIndex& g) {
  json blocks = json::array();
  if (!g.multi_attribute) return blocks;
  const auto keys = g.key_schema();
  for (std::size_t i = 0; i < keys.size(); ++i) {
    Attrs a;
    a.text("attribute_name", keys[i]->name).text("key_type", i < g.partition_key_count() ? "HASH" : "RANGE");
    blocks.push_back({{"attrs", a.to_json()}});
  }
  return blocks;
}

/// The arguments of one LSI (resource block or module list element).
Attrs lsi_attrs(const LocalSecondaryIndex& l) {
  Attrs a;
  a.text("name", l.name).text("range_key", l.sort_key.name);
  a.text("projection_type", std::string(to_string(l.projection.type)));
  if (l.projection.type == ProjectionType::INCLUDE) a.texts("non_key_attributes", l.projection.include);
  return a;
}

/// The arguments of one replica Region (resource `replica` block or module `replica_regions`).
Attrs replica_attrs(const std::string& region, const Table& t) {
  Attrs a;
  a.text("region_name", region).add("point_in_time_recovery", boolean(t.point_in_time_recovery));
  a.add("propagate_tags", "true");
  return a;
}

json key_attributes(const Model& model) {
  json list = json::array();
  for (const auto* k : model.key_attributes())
    list.push_back({{"name", k->name}, {"type", std::string(to_string(k->type))}});
  return list;
}

json tags_view(const Table& t) {
  Attrs tags;
  for (const auto& tag : t.tags) tags.entry(tag.key, tag.value);
  return tags.to_json();
}

/// `on_demand_throughput` and `warm_throughput` block arguments (table or GSI): false when unset.
json on_demand_block(const std::optional<OnDemandThroughput>& t) {
  if (!t) return false;
  Attrs a;
  if (t->max_read) a.add("max_read_request_units", std::to_string(*t->max_read));
  if (t->max_write) a.add("max_write_request_units", std::to_string(*t->max_write));
  return {{"attrs", a.to_json()}};
}

json warm_block(const std::optional<WarmThroughput>& t) {
  if (!t) return false;
  Attrs a;
  if (t->read) a.add("read_units_per_second", std::to_string(*t->read));
  if (t->write) a.add("write_units_per_second", std::to_string(*t->write));
  return {{"attrs", a.to_json()}};
}

/// The resource style's table settings beyond aws_dynamodb_table's flat arguments: the
/// on-demand maximum and warm throughput blocks (table and GSIs), the point-in-time recovery
/// period, replica consistency and the witness, and the separate resources
/// aws_dynamodb_contributor_insights (table and each GSI, with `mode`) and
/// aws_dynamodb_resource_policy (the stack's Region's table).
void resource_settings_view(const Table& t, json& view) {
  view["on_demand"] = on_demand_block(t.on_demand_throughput);
  view["warm"] = warm_block(t.warm_throughput);
  Attrs pitr;
  pitr.add("enabled", boolean(t.point_in_time_recovery));
  if (t.recovery_period_days) pitr.add("recovery_period_in_days", std::to_string(*t.recovery_period_days));
  view["pitr_attrs"] = pitr.to_json();
  view["witness"] = t.witness ? json{{"region", *t.witness}} : json(false);
  json insights = json::array();
  std::set<std::string> used = {"table"};
  if (t.contributor_insights) {
    Attrs a;
    a.add("table_name", "aws_dynamodb_table.table.name").text("mode", std::string(to_string(*t.contributor_insights)));
    insights.push_back({{"name", "table"}, {"attrs", a.to_json()}});
  }
  for (const auto& g : t.global_secondary_indexes) {
    if (!g.contributor_insights) continue;
    Attrs a;
    a.add("table_name", "aws_dynamodb_table.table.name").text("index_name", g.name);
    a.text("mode", std::string(to_string(*g.contributor_insights)));
    insights.push_back({{"name", resource_id(g.name, used)}, {"attrs", a.to_json()}});
  }
  view["contributor_insights"] = insights;
  if (t.resource_policy && !t.resource_policy->document.empty()) {
    Attrs a;
    a.add("resource_arn", "aws_dynamodb_table.table.arn").text("policy", t.resource_policy->document);
    view["resource_policy"] = {{"attrs", a.to_json()}};
  } else {
    view["resource_policy"] = false;
  }
}

/// The aws_dynamodb_table resource's parts.
void resource_view(const Model& model, json& view) {
  const Table& t = model.table;
  const bool provisioned = t.billing_mode == BillingMode::PROVISIONED;
  const auto stream = deployed_stream(t);
  Attrs top;
  top.environment_text("name", t.name).text("billing_mode", std::string(to_string(t.billing_mode)));
  top.text("hash_key", t.partition_key.name);
  if (t.sort_key) top.text("range_key", t.sort_key->name);
  if (provisioned && t.capacity)
    top.add("read_capacity", std::to_string(t.capacity->read)).add("write_capacity", std::to_string(t.capacity->write));
  top.text("table_class", std::string(to_string(t.table_class)));
  top.add("deletion_protection_enabled", boolean(t.deletion_protection));
  if (stream) top.add("stream_enabled", "true").text("stream_view_type", std::string(to_string(*stream)));
  view["table_attrs"] = top.to_json();
  view["attributes"] = key_attributes(model);

  json gsis = json::array();
  for (const auto& g : t.global_secondary_indexes) {
    gsis.push_back({{"attrs", gsi_attrs(g, t).to_json()},
                    {"key_schema", gsi_key_schema(g)},
                    {"on_demand", on_demand_block(g.on_demand_throughput)},
                    {"warm", warm_block(g.warm_throughput)}});
  }
  view["gsis"] = gsis;
  json lsis = json::array();
  for (const auto& l : t.local_secondary_indexes) {
    lsis.push_back({{"attrs", lsi_attrs(l).to_json()}});
  }
  view["lsis"] = lsis;

  view["ttl"] = t.ttl_attribute ? json{{"attribute", *t.ttl_attribute}} : json(false);
  view["point_in_time_recovery"] = boolean(t.point_in_time_recovery);
  // AWS_OWNED is DynamoDB's default (no block); AWS_MANAGED uses the aws/dynamodb key; a
  // customer-managed key is named by kms_key_arn.
  if (t.encryption.type == EncryptionType::AWS_OWNED) {
    view["sse"] = false;
  } else {
    Attrs a;
    a.add("enabled", "true");
    if (t.encryption.type == EncryptionType::CUSTOMER_MANAGED) a.text("kms_key_arn", t.encryption.kms_key_arn);
    view["sse"] = {{"attrs", a.to_json()}};
  }
  json replicas = json::array();
  for (const auto& region : t.replicas) {
    Attrs a = replica_attrs(region, t);
    if (t.replica_consistency) a.text("consistency_mode", std::string(to_string(*t.replica_consistency)));
    replicas.push_back({{"attrs", a.to_json()}});
  }
  view["replicas"] = replicas;
  resource_settings_view(t, view);
  const bool table_scales = provisioned && t.capacity && t.capacity->autoscaling;
  view["ignore_capacity_changes"] = table_scales;

  json scaling = json::array();
  std::set<std::string> used = {"table"};
  if (table_scales) add_scaling(scaling, "table", "aws_dynamodb_table.table.name", nullptr, *t.capacity->autoscaling);
  for (const auto& g : t.global_secondary_indexes) {
    const auto& c = gsi_capacity(g, t);
    if (provisioned && c && c->autoscaling)
      add_scaling(scaling, resource_id(g.name, used), "aws_dynamodb_table.table.name", &g.name, *c->autoscaling);
  }
  view["scaling"] = scaling;
  view["outputs"] = {{"name", "aws_dynamodb_table.table.name"}, {"arn", "aws_dynamodb_table.table.arn"}};
  view["stream_output"] = stream ? json{{"value", "aws_dynamodb_table.table.stream_arn"}} : json(false);
}

/// The module call's arguments (module style).
void module_view(const Model& model, json& view) {
  const Table& t = model.table;
  const bool provisioned = t.billing_mode == BillingMode::PROVISIONED;
  const auto stream = deployed_stream(t);
  for (const auto& tag : t.tags)
    if (tag.key == "Name")
      throw GenerateError("a tag named 'Name' with --terraform-style module (rule target/terraform-module-name-tag)");
  if (const auto refused = terraform_module_refusals(t); !refused.empty())
    throw GenerateError(refused.front().what +
                        " with --terraform-style module (rule target/terraform-module-table-settings)");
  view["module"] = {{"source", kModuleSource}, {"version", kModuleVersion}};
  bool any_scaling = provisioned && t.capacity && t.capacity->autoscaling;
  for (const auto& g : t.global_secondary_indexes) {
    const auto& c = gsi_capacity(g, t);
    any_scaling = any_scaling || (provisioned && c && c->autoscaling);
  }
  Attrs top;
  top.environment_text("name", t.name).text("hash_key", t.partition_key.name);
  if (t.sort_key) top.text("range_key", t.sort_key->name);
  top.text("billing_mode", std::string(to_string(t.billing_mode)));
  if (provisioned && t.capacity)
    top.add("read_capacity", std::to_string(t.capacity->read)).add("write_capacity", std::to_string(t.capacity->write));
  top.text("table_class", std::string(to_string(t.table_class)));
  top.add("deletion_protection_enabled", boolean(t.deletion_protection));
  top.add("point_in_time_recovery_enabled", boolean(t.point_in_time_recovery));
  top.add("stream_enabled", boolean(stream.has_value()));
  if (stream) top.text("stream_view_type", std::string(to_string(*stream)));
  top.add("ttl_enabled", boolean(t.ttl_attribute.has_value()));
  if (t.ttl_attribute) top.text("ttl_attribute_name", *t.ttl_attribute);
  top.add("server_side_encryption_enabled", boolean(t.encryption.type != EncryptionType::AWS_OWNED));
  if (t.encryption.type == EncryptionType::CUSTOMER_MANAGED)
    top.text("server_side_encryption_kms_key_arn", t.encryption.kms_key_arn);
  top.add("autoscaling_enabled", boolean(any_scaling));
  view["module_attrs"] = top.to_json();

  // Multi-line arguments: lists of objects, and the map of GSI autoscaling keyed by index name.
  json lists = json::array();
  const auto objects = [&lists](const std::string& key, const std::vector<Attrs>& items) {
    json list = json::array();
    for (const auto& o : items) list.push_back({{"attrs", o.to_json()}});
    if (!list.empty()) lists.push_back({{"key", key}, {"objects", {{"items", list}}}, {"indexes", false}});
  };
  std::vector<Attrs> attributes;
  for (const auto* k : model.key_attributes()) {
    Attrs a;
    a.text("name", k->name).text("type", std::string(to_string(k->type)));
    attributes.push_back(a);
  }
  objects("attributes", attributes);
  std::vector<Attrs> gsis, lsis, replicas;
  for (const auto& g : t.global_secondary_indexes) {
    gsis.push_back(gsi_attrs(g, t));
  }
  objects("global_secondary_indexes", gsis);
  for (const auto& l : t.local_secondary_indexes) {
    lsis.push_back(lsi_attrs(l));
  }
  objects("local_secondary_indexes", lsis);
  for (const auto& region : t.replicas) {
    replicas.push_back(replica_attrs(region, t));
  }
  objects("replica_regions", replicas);
  json indexes = json::array();
  for (const auto& g : t.global_secondary_indexes) {
    const auto& c = gsi_capacity(g, t);
    if (!provisioned || !c || !c->autoscaling) continue;
    const Autoscaling& a = *c->autoscaling;
    Attrs s;
    s.add("read_min_capacity", std::to_string(a.min_read)).add("read_max_capacity", std::to_string(a.max_read));
    s.add("write_min_capacity", std::to_string(a.min_write)).add("write_max_capacity", std::to_string(a.max_write));
    s.add("target_value", number(a.target_utilization));
    indexes.push_back({{"name", g.name}, {"attrs", s.to_json()}});
  }
  if (!indexes.empty())
    lists.push_back({{"key", "autoscaling_indexes"}, {"objects", false}, {"indexes", {{"items", indexes}}}});
  view["module_lists"] = lists;

  json scaling = json::array();
  if (provisioned && t.capacity && t.capacity->autoscaling)
    add_scaling(scaling, "table", "module.dynamodb_table.dynamodb_table_id", nullptr, *t.capacity->autoscaling);
  view["scaling"] = scaling;
  view["outputs"] = {{"name", "module.dynamodb_table.dynamodb_table_id"},
                     {"arn", "module.dynamodb_table.dynamodb_table_arn"}};
  view["stream_output"] = stream ? json{{"value", "module.dynamodb_table.dynamodb_table_stream_arn"}} : json(false);
}

}  // namespace

std::string escape_hcl(const std::string& value) { return hcl_body(value); }

namespace {

/// The policies of iam.tf: per principal a `data "aws_iam_policy_document"` (its statements, each
/// condition operator and key one `condition` block) and an `aws_iam_policy`, named by Terraform.
/// `table_arn` is the HCL expression of the table's ARN (resource or module style).
/// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document
json policies_view(const Model& model, const std::string& table_arn) {
  auto list = [](const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : ", ") + ("\"" + escape_hcl(v) + "\"");
    return out;
  };
  json out = json::array();
  for (const auto& policy : iam::policies(model)) {
    json statements = json::array();
    for (const auto& s : policy.statements) {
      // A table suffix holds nothing to escape inside an HCL interpolation string (table_suffix).
      const auto suffix = iam::table_suffix(s.resource);
      const std::string resource = !suffix           ? "\"" + escape_hcl(iam::literal_arn(model, s.resource)) + "\""
                                   : suffix->empty() ? table_arn
                                                     : "\"${" + table_arn + "}" + *suffix + "\"";
      json conditions = json::array();
      for (const auto& [test, keys] : s.condition.items())
        for (const auto& [variable, value] : keys.items())
          conditions.push_back(
              {{"test", test},
               {"variable", variable},
               {"values", list(value.is_array() ? value.get<std::vector<std::string>>()
                                                : std::vector<std::string>{value.get<std::string>()})}});
      statements.push_back(
          {{"sid", s.sid}, {"actions", list(s.actions)}, {"resource", resource}, {"conditions", conditions}});
    }
    const std::string& who = policy.principal->name;
    std::string output_name = who;
    for (char& c : output_name)
      if (c == '-') c = '_';
    out.push_back({{"name", who},
                   {"output_name", output_name},
                   {"description", "Least privilege of principal " + who + " (dynamodel model " + model.name + ")"},
                   {"output_description", "ARN of the IAM policy of principal " + who},
                   {"statements", statements}});
  }
  return out;
}

/// The stream consumers (gen/operations.cpp) with each one's top-level arguments as `attrs`, on
/// the table's stream ARN (`stream_output`; rule operations/stream-missing reports a consumer on a
/// table without a stream before generation).
/// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_event_source_mapping
json consumers_view(const Model& model, const json& stream_output) {
  json consumers = stream_consumers_view(model);
  if (!consumers.empty() && !stream_output.is_object())
    throw GenerateError("stream consumers on a table without a stream (rule operations/stream-missing)");
  for (std::size_t i = 0; i < consumers.size(); ++i) {
    const StreamConsumer& c = model.operations.stream_consumers[i];
    Attrs a;
    a.text("function_name", c.function)
        .add("event_source_arn", stream_output["value"].get<std::string>())
        .text("starting_position", std::string(to_string(c.starting_position)));
    if (c.batch_size) a.add("batch_size", std::to_string(*c.batch_size));
    if (c.batching_window_seconds)
      a.add("maximum_batching_window_in_seconds", std::to_string(*c.batching_window_seconds));
    if (c.maximum_retry_attempts) a.add("maximum_retry_attempts", std::to_string(*c.maximum_retry_attempts));
    a.add("bisect_batch_on_function_error", boolean(c.bisect_batch_on_error));
    consumers[i]["attrs"] = a.to_json();
  }
  return consumers;
}

/// The alarms of alarms.tf (gen/operations.cpp), each one's arguments as `attrs` and its
/// dimensions as `dimensions`, on the table's name (`table_name`, an HCL expression).
/// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudwatch_metric_alarm
json alarms_tf_view(const Model& model, const std::string& table_name) {
  json alarms = alarms_view(model);
  const json notify = alarm_notify_view(model);
  for (auto& a : alarms) {
    Attrs attrs;
    attrs.environment_text("alarm_name", model.table.name + "-" + a["suffix"].get<std::string>())
        .text("alarm_description", a["description"].get<std::string>())
        .text("namespace", "AWS/DynamoDB")
        .text("metric_name", a["metric"].get<std::string>());
    if (a["statistic"].is_string())
      attrs.text("statistic", a["statistic"].get<std::string>());
    else
      attrs.text("extended_statistic", a["extended_statistic"].get<std::string>());
    attrs.add("period", std::to_string(a["period"].get<std::int64_t>()))
        .add("evaluation_periods", std::to_string(a["evaluation_periods"].get<std::int64_t>()))
        .add("datapoints_to_alarm", std::to_string(a["datapoints"].get<std::int64_t>()))
        .add("threshold", a["threshold"].get<std::string>())
        .text("comparison_operator", a["comparison"].get<std::string>())
        .text("treat_missing_data", "notBreaching");
    if (notify.is_object()) {
      if (notify["create"].get<bool>())
        attrs.add("alarm_actions", "[aws_sns_topic.alarms.arn]");
      else
        attrs.texts("alarm_actions", {notify["arn"].get<std::string>()});
    }
    a["attrs"] = attrs.to_json();
    json dimensions = false;
    if (a["table_dimension"].get<bool>()) {
      Attrs d;
      d.add("TableName", table_name);
      if (a["dimension"].is_object())
        d.text(a["dimension"]["name"].get<std::string>(), a["dimension"]["value"].get<std::string>());
      dimensions = {{"items", d.to_json()}};
    }
    a["dimensions"] = dimensions;
  }
  return alarms;
}

}  // namespace

json terraform_view(const Model& model, const TargetOptions& options) {
  const Table& t = model.table;
  if (options.terraform_style != "resource" && options.terraform_style != "module")
    throw GenerateError("unknown --terraform-style '" + options.terraform_style + "' (resource or module)");
  check_global_table(t);
  json view;
  view["style"] = options.terraform_style;
  view["table_name"] = t.name;
  // DynamoDB table names are at most 255 characters; the prefix and '-' take the rest.
  view["environment_max_length"] =
      std::to_string(std::max<std::int64_t>(1, 255 - 1 - static_cast<std::int64_t>(t.name.size())));
  view["tags"] = tags_view(t);
  view["has_tags"] = !t.tags.empty();
  view["resource"] = options.terraform_style == "resource";
  view["module"] = false;
  if (options.terraform_style == "resource")
    resource_view(model, view);
  else
    module_view(model, view);
  view["has_scaling"] = !view["scaling"].empty();
  view["policies"] = policies_view(model, view["outputs"]["arn"].get<std::string>());
  view["stream_consumers"] = consumers_view(model, view["stream_output"]);
  view["has_stream_consumers"] = !model.operations.stream_consumers.empty();
  view["alarms"] = alarms_tf_view(model, view["outputs"]["name"].get<std::string>());
  view["alarm_notify"] = alarm_notify_view(model);
  view["backups"] = backups_terraform_view(model, view["outputs"]["arn"].get<std::string>());
  // The DAX cluster (dax.tf): granted the table's ARN and its indexes'.
  json dax = dax_view(model);
  if (dax.is_object()) {
    const std::string arn = view["outputs"]["arn"].get<std::string>();
    dax["table_arn"] = arn;
    dax["index_arn"] = "\"${" + arn + "}/index/*\"";
    dax["environment_max_length"] = std::to_string(dax_environment_max_length(model));
  }
  view["dax"] = dax;
  return view;
}

std::vector<OutputFile> terraform_outputs(const Model& model, const TargetOptions& options) {
  const std::string dir = model.name + "/";
  std::vector<OutputFile> out = {
      {options.terraform_style == "module" ? "module.tf.mustache" : "main.tf.mustache", dir + "main.tf"},
      {"variables.tf.mustache", dir + "variables.tf"},
      {"outputs.tf.mustache", dir + "outputs.tf"}};
  if (!model.principals.empty()) out.push_back({"iam.tf.mustache", dir + "iam.tf"});
  if (!model.operations.stream_consumers.empty()) out.push_back({"operations.tf.mustache", dir + "operations.tf"});
  if (!table_alarms(model).empty()) out.push_back({"alarms.tf.mustache", dir + "alarms.tf"});
  if (model.operations.backups.enabled) out.push_back({"backup.tf.mustache", dir + "backup.tf"});
  if (model.operations.dax.enabled) out.push_back({"dax.tf.mustache", dir + "dax.tf"});
  return out;
}

}  // namespace dynamodel
