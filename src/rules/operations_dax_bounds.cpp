// operations/dax-bounds: what CreateCluster, CreateSubnetGroup and the parameter group would
// reject in operations.dax (node count, name, node type, ids), and a cluster of fewer than
// three nodes (a warning: no fault tolerance across Availability Zones).
#include "analysis/dax.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kOperationsDaxBounds = {
    {"operations/dax-bounds", Severity::error, "a DAX cluster setting is outside what DAX accepts",
     "CreateCluster takes a ReplicationFactor of 1 to 10 (AWS recommends at least 3 nodes, in several Availability "
     "Zones: fewer is reported as a warning), a ClusterName of 1 to 20 letters, digits or hyphens starting with a "
     "letter, without a trailing hyphen or two consecutive ones (dynamodel prefixes it with `<environment>-`, so "
     "the name written here may be 18 characters at most), and a node type of the dax.* family. The subnet group "
     "takes subnet ids (subnet-...), the cluster VPC security group ids (sg-...).",
     "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_dax_CreateCluster.html",
     R"(operations:
  dax: {name: my_cache, node_type: r5.large, nodes: 12, subnets: [10.0.1.0/24]})",
     R"(operations:
  dax: {name: my-cache, node_type: dax.r5.large, nodes: 3, subnets: [subnet-0a1b2c3d, subnet-4e5f6a7b]})",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      const auto& d = m.operations.dax;
      if (!d.enabled) return;
      const auto& at = d.source.location;
      const auto& path = d.source.path;
      if (d.nodes < 1 || d.nodes > 10)
        f.report(at, path, "nodes is " + std::to_string(d.nodes) + ": a DAX cluster has 1 to 10 nodes");
      else if (d.nodes < 3)
        f.report(Severity::warning, at, path,
                 "nodes is " + std::to_string(d.nodes) +
                     ": fewer than 3 nodes give no fault tolerance across Availability Zones (AWS recommends 3 or "
                     "more for production)");
      if (!d.name.empty() && (d.name.size() > kDaxClusterNameMax - 2 || !is_dax_cluster_name(d.name)))
        f.report(at, path,
                 "name '" + d.name +
                     "' must be 1 to 18 letters, digits or hyphens, a letter first, no trailing or doubled hyphen "
                     "(it follows '<environment>-' in a ClusterName of at most 20)");
      if (!d.node_type.empty() && !d.node_type.starts_with("dax."))
        f.report(at, path, "node_type '" + d.node_type + "' is not a DAX node type (dax.r5.large, dax.t3.small, ...)");
      for (const auto& s : d.subnets)
        if (!s.starts_with("subnet-")) f.report(at, path, "subnets: '" + s + "' is not a subnet id (subnet-...)");
      for (const auto& s : d.security_groups)
        if (!s.starts_with("sg-"))
          f.report(at, path, "security_groups: '" + s + "' is not a security group id (sg-...)");
    }};
}  // namespace dynamodel
