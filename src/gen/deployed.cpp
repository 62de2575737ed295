// Deployment semantics shared by every target (see deployed.hpp).
#include "gen/deployed.hpp"

#include "gen/generator.hpp"

namespace dynamodel {

const std::optional<Capacity>& gsi_capacity(const GlobalSecondaryIndex& g, const Table& t) {
  return g.capacity ? g.capacity : t.capacity;
}

std::optional<StreamView> deployed_stream(const Table& t) {
  if (t.stream) return t.stream;
  if (!t.replicas.empty()) return StreamView::NEW_AND_OLD_IMAGES;
  return std::nullopt;
}

std::vector<Refusal> unscaled_writes(const Table& t) {
  std::vector<Refusal> out;
  if (t.billing_mode != BillingMode::PROVISIONED) return out;
  auto where = [](const std::optional<Capacity>& c, const Source& owner) {
    if (c) return c->source.location;
    return owner.at("capacity");
  };
  if (!t.capacity || !t.capacity->autoscaling)
    out.push_back({where(t.capacity, t.source), t.source.path_of("capacity"), "the table"});
  for (const auto& g : t.global_secondary_indexes) {
    const std::optional<Capacity>& c = gsi_capacity(g, t);
    if (c && c->autoscaling) continue;
    const bool own = g.capacity.has_value();
    out.push_back({own ? g.capacity->source.location : where(t.capacity, t.source),
                   own ? g.source.path_of("capacity") : t.source.path_of("capacity"), "GSI '" + g.name + "'"});
  }
  return out;
}

bool is_kms_key_arn(const std::string& arn) {
  // arn : partition : kms : region : account : resource
  std::vector<std::string> parts;
  std::size_t from = 0;
  for (int i = 0; i < 5; ++i) {
    const std::size_t colon = arn.find(':', from);
    if (colon == std::string::npos) return false;
    parts.push_back(arn.substr(from, colon - from));
    from = colon + 1;
  }
  const std::string resource = arn.substr(from);
  if (parts[0] != "arn" || parts[1].empty() || parts[2] != "kms" || parts[3].empty() || parts[4].empty()) return false;
  const std::size_t slash = resource.find('/');
  if (slash == std::string::npos || slash + 1 == resource.size()) return false;
  const std::string type = resource.substr(0, slash);
  return type == "key" || type == "alias";
}

void check_global_table(const Table& t) {
  if (t.replicas.empty()) return;
  if (t.encryption.type == EncryptionType::CUSTOMER_MANAGED)
    throw GenerateError("a customer-managed KMS key on a global table (rule table/replica-encryption)");
  const auto unscaled = unscaled_writes(t);
  if (!unscaled.empty())
    throw GenerateError(unscaled.front().what +
                        " of a PROVISIONED global table has no capacity.autoscaling "
                        "(rule table/replica-autoscaling)");
}

std::string cdk_construct_for(const Table& t, const TargetOptions& options, std::string& why) {
  if (options.cdk_construct == "TableV2" || options.cdk_construct == "Table") {
    why = "The construct " + options.cdk_construct + " was chosen with --cdk-construct.";
    return options.cdk_construct;
  }
  const auto unscaled = unscaled_writes(t);
  if (unscaled.empty() && t.replicas.empty()) {
    // TableV2 sets a GSI's contributor insights only on replicas in other Regions
    // (ReplicaGlobalSecondaryIndexOptions); Table sets it on the index itself.
    for (const auto& g : t.global_secondary_indexes)
      if (g.contributor_insights != t.contributor_insights) {
        why = "Table, not TableV2: GSI '" + g.name +
              "' has other contributor insights than the table, which TableV2 cannot express (in the stack's "
              "Region it gives every GSI the table's).";
        return "Table";
      }
  }
  if (unscaled.empty()) {
    why = "TableV2 (AWS::DynamoDB::GlobalTable), the construct aws-cdk-lib recommends, expresses this design.";
    return "TableV2";
  }
  why = "Table, not TableV2: " + unscaled.front().what +
        " has PROVISIONED write capacity without autoscaling, which TableV2 (AWS::DynamoDB::GlobalTable) "
        "cannot express; add capacity.autoscaling to use TableV2.";
  return "Table";
}

}  // namespace dynamodel
