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

void check_global_table(const Table& t) {
  if (t.replicas.empty()) return;
  if (t.encryption.type == EncryptionType::CUSTOMER_MANAGED)
    throw GenerateError("a customer-managed KMS key belongs to one Region, so it cannot encrypt every replica; "
                        "use encryption AWS_MANAGED with replicas, or deploy each Region's replica with its own key");
  if (t.billing_mode != BillingMode::PROVISIONED) return;
  auto need = [](const std::optional<Capacity>& c, const std::string& what) {
    if (!c || !c->autoscaling)
      throw GenerateError(what + " of a PROVISIONED global table needs capacity.autoscaling: "
                          "DynamoDB global tables set write capacity only through autoscaling");
  };
  need(t.capacity, "the table");
  for (const auto& g : t.global_secondary_indexes) need(gsi_capacity(g, t), "GSI '" + g.name + "'");
}

}  // namespace dynamodel
