// What every target deploys for a model, decided once so that all targets describe the same
// table (the parity test checks it): a GSI's capacity, the stream, and what a global table refuses.
#pragma once

#include <optional>

#include "model/model.hpp"

namespace dynamodel {

/// The capacity a GSI is deployed with: its own, or, when it has none, the table's (capacity
/// and autoscaling together). PROVISIONED tables only; nullopt when neither has capacity.
const std::optional<Capacity>& gsi_capacity(const GlobalSecondaryIndex& g, const Table& t);

/// The stream the table is deployed with: the model's, or NEW_AND_OLD_IMAGES for a global table,
/// which replicates through it (rule table/replica-stream; GlobalTables.html).
std::optional<StreamView> deployed_stream(const Table& t);

/// Throws GenerateError for a global table (table.replicas) that no target can deploy: a
/// customer-managed KMS key (a key belongs to one Region), or a PROVISIONED table or GSI whose
/// write capacity is not autoscaled (DynamoDB adds replicas only then; CloudFormation's
/// AWS::DynamoDB::GlobalTable sets write capacity only through autoscaling).
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/globaltables_reqs_bestpractices.html
void check_global_table(const Table& t);

}  // namespace dynamodel
