// The list of rules and the loop that runs them.
#include <exception>

#include "rules/rule.hpp"

namespace dynamodel {

// Every design rule, in catalogue order (docs/rules.md): adding a rule is its file under rules/,
// one line here and its fixtures (tests/rules/).
#define DYNAMODEL_RULES(X) \
  X(kNamingTableName) \
  X(kNamingDeployedTableName) \
  X(kNamingIndexName) \
  X(kNamingAttributeName) \
  X(kNamingDuplicateIndex) \
  X(kNamingReservedWord) \
  X(kTableKeyType) \
  X(kTableAttributeTypeConflict) \
  X(kTableBillingCapacity) \
  X(kTableTtlAttribute) \
  X(kTableReplicaStream) \
  X(kTableTags) \
  X(kTablePitrDisabled) \
  X(kTableDeletionProtectionDisabled) \
  X(kTableAutoscalingMissing) \
  X(kTableEncryptionCmk) \
  X(kTableReplicaEncryption) \
  X(kTableReplicaAutoscaling) \
  X(kTableKmsKeyArn) \
  X(kIndexGsiLimit) \
  X(kIndexLsiLimit) \
  X(kIndexLsiRequiresSortKey) \
  X(kIndexProjectionLimit) \
  X(kIndexUnused) \
  X(kIndexAllProjectionWriteCost) \
  X(kIndexLsiCollectionSize) \
  X(kIndexLsiUnboundedCollection) \
  X(kIndexOptionalKeyPattern) \
  X(kIndexMembershipCondition) \
  X(kIndexNotSparse) \
  X(kIndexKeySchema) \
  X(kKeysMissing) \
  X(kKeysUnknownAttribute) \
  X(kKeysOptionalAttribute) \
  X(kKeysKeyOnly) \
  X(kKeysUnescapedSeparator) \
  X(kKeysTransform) \
  X(kKeysPadWidth) \
  X(kKeysNotAKey) \
  X(kKeysTypeMismatch) \
  X(kKeysCollision) \
  X(kKeysAmbiguousPrefix) \
  X(kKeysSize) \
  X(kKeysPartialDerivedKey) \
  X(kAccessUnknownEntity) \
  X(kAccessUnknownIndex) \
  X(kAccessUnknownParameter) \
  X(kAccessFilterKeyAttribute) \
  X(kAccessExpressionType) \
  X(kAccessTransactionSameItem) \
  X(kAccessNotServed) \
  X(kAccessRequiresFullKey) \
  X(kAccessSortCondition) \
  X(kAccessMultiAttributeKey) \
  X(kAccessMixedEntities) \
  X(kAccessIndexProjection) \
  X(kAccessConsistentReadGsi) \
  X(kAccessScan) \
  X(kAccessBatchLimit) \
  X(kAccessUnreachableEntity) \
  X(kAccessPageSize) \
  X(kAccessDuplicatePattern) \
  X(kAccessUnknownAttribute) \
  X(kAccessOptimisticLock) \
  X(kAccessReplayRevision) \
  X(kAccessSingleEntity) \
  X(kAccessTransactionAction) \
  X(kAccessUpdateExpression) \
  X(kAccessPutOverwrite) \
  X(kAccessLatestNotTimeOrdered) \
  X(kSizeItemLimit) \
  X(kSizeItemLarge) \
  X(kSizeUnbounded) \
  X(kHotConstantPartitionKey) \
  X(kHotLowCardinalityPartitionKey) \
  X(kHotTimeBucketPartitionKey) \
  X(kHotPartitionThroughput) \
  X(kHotSingleItem) \
  X(kHotCounterItem) \
  X(kHotUnstatedCardinality) \
  X(kCapacityProvisionedBelowDemand) \
  X(kCapacityTableQuota) \
  X(kIamUnknownPattern) \
  X(kIamLeadingKeyPlaceholder) \
  X(kIamNoPattern) \
  X(kIamUnusedPattern) \
  X(kIamScan) \
  X(kIamUnrestrictedPattern) \
  X(kIamUnknownStreamConsumer) \
  X(kIamUnownedStreamConsumer) \
  X(kTableOnDemandThroughput) \
  X(kTableWarmThroughput) \
  X(kTableStrongConsistency) \
  X(kTableReplicaWitness) \
  X(kTableResourcePolicyDocument) \
  X(kOperationsStreamMissing) \
  X(kOperationsUnknownEntity) \
  X(kOperationsConsumerFilter) \
  X(kOperationsConsumerFilterImage) \
  X(kOperationsConsumerBounds) \
  X(kOperationsUnknownAlarm) \
  X(kOperationsAlarmImpossible) \
  X(kOperationsAlarmBounds) \
  X(kOperationsBackupsDisabled) \
  X(kOperationsBackupBounds) \
  X(kOperationsDaxConsistentRead) \
  X(kOperationsDaxTransaction) \
  X(kOperationsDaxWriteHeavy) \
  X(kOperationsDaxBounds) \
  X(kTargetCdkFixedWriteCapacity) \
  X(kTargetCdkTableSettings) \
  X(kTargetTerraformModuleNameTag) \
  X(kTargetTerraformModuleTableSettings)

#define DYNAMODEL_DECLARE_RULE(name) extern const Rule name;
#define DYNAMODEL_LIST_RULE(name) name,
DYNAMODEL_RULES(DYNAMODEL_DECLARE_RULE)

const std::vector<Rule>& rules() {
  static const std::vector<Rule> list = {DYNAMODEL_RULES(DYNAMODEL_LIST_RULE)};
  return list;
}

std::string coverage_message(const CoverageProblem& problem) {
  for (const Rule& r : rules())
    if (r.info.id == problem.rule && r.describe) return r.describe(problem).message;
  return problem.rule;
}

std::vector<Diagnostic> run_rules(const Model& model, const std::set<std::string>& disabled,
                                  const TargetOptions& options) {
  return run_rules(model, analyze(model), disabled, options);
}

std::vector<Diagnostic> run_rules(const Model& model, const Analysis& analysis, const std::set<std::string>& disabled,
                                  const TargetOptions& options) {
  std::vector<Diagnostic> out;
  for (const auto& rule : rules()) {
    const std::string id(rule.info.id);
    if (disabled.count(id)) continue;
    bool off = false;
    for (const auto& d : model.lint.disable) off = off || d == id;
    if (off) continue;
    Findings findings(rule.info, out);
    try {
      if (rule.check) rule.check(model, analysis, findings);
      if (rule.check_target) rule.check_target(model, options, findings);
    } catch (const std::exception& e) {
      out.push_back(Diagnostic{"internal-error",
                               Severity::error,
                               "rule " + id + " could not run: " + e.what() + " (please report this)",
                               Location{model.file, 0, 0},
                               "",
                               {},
                               {},
                               {}});
    }
  }
  sort_diagnostics(out);
  return out;
}

}  // namespace dynamodel
