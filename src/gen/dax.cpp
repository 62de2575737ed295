// The DAX cluster of `operations.dax` (analysis/dax.hpp) in neutral names, shared by every table
// target (CloudFormation, Terraform, CDK, CLI scripts) and the report: a subnet group, a
// parameter group with the two cache TTLs, the IAM role DAX assumes (this table and its indexes
// only) and the cluster.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dax-cluster.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_dax_CreateCluster.html
#include "analysis/dax.hpp"
#include "gen/generator.hpp"

namespace dynamodel {

nlohmann::json dax_view(const Model& model) {
  using nlohmann::json;
  const Dax& d = model.operations.dax;
  if (!d.enabled) return false;
  json v;
  const std::string base = dax_base_name(model);
  v["base_name"] = base;
  v["name_suffix"] = "-" + base;           // after the environment: cluster, subnet and parameter group
  v["role_suffix"] = "-" + base + "-dax";  // after the environment: the IAM role (Terraform, CLI)
  v["node_type"] = d.node_type;
  v["nodes"] = d.nodes;
  json subnets = json::array();
  for (std::size_t i = 0; i < d.subnets.size(); ++i)
    subnets.push_back({{"id", d.subnets[i]}, {"last", i + 1 == d.subnets.size()}});
  v["subnets"] = subnets;
  json groups = json::array();
  for (std::size_t i = 0; i < d.security_groups.size(); ++i)
    groups.push_back({{"id", d.security_groups[i]}, {"last", i + 1 == d.security_groups.size()}});
  v["has_security_groups"] = !groups.empty();
  v["security_groups"] = groups;
  // Integer milliseconds, written as strings: ParameterNameValues' values are strings.
  v["item_ttl_millis"] = std::to_string(d.item_ttl_seconds * 1000);
  v["query_ttl_millis"] = std::to_string(d.query_ttl_seconds * 1000);
  v["item_ttl_seconds"] = d.item_ttl_seconds;
  v["query_ttl_seconds"] = d.query_ttl_seconds;
  v["sse"] = d.encryption ? "true" : "false";  // text: a mustache boolean prints nothing
  v["endpoint_encryption"] = d.tls ? "TLS" : "NONE";
  v["role_description"] = "Role DAX assumes to reach DynamoDB table " + model.table.name + " and its indexes";
  v["description"] =
      "DAX cluster in front of DynamoDB table " + model.table.name + " (dynamodel model " + model.name + ")";
  json actions = json::array();
  const auto& list = dax_role_actions();
  for (std::size_t i = 0; i < list.size(); ++i)
    actions.push_back({{"action", list[i]}, {"last", i + 1 == list.size()}});
  v["actions"] = actions;
  json patterns = json::array();
  for (const auto& p : dax_patterns(model))
    patterns.push_back({{"id", p.pattern->id},
                        {"name", p.pattern->name},
                        {"path", std::string(to_string(p.path))},
                        {"cached", p.path == DaxPath::item_cache || p.path == DaxPath::query_cache},
                        {"why", p.why}});
  v["patterns"] = patterns;
  return v;
}

}  // namespace dynamodel
