// The list of rules and the loop that runs them.
#include <exception>

#include "rules/rule.hpp"

namespace dynamodel {

// One line per rule here and one in the list below; the rule itself is rules/<id>.cpp.
extern const Rule kNamingTableName;
extern const Rule kNamingIndexName;
extern const Rule kNamingDuplicateIndex;
extern const Rule kTableKeyType;
extern const Rule kTableAttributeTypeConflict;
extern const Rule kTableBillingCapacity;
extern const Rule kTableTtlAttribute;
extern const Rule kTableReplicaStream;
extern const Rule kTablePitrDisabled;
extern const Rule kTableDeletionProtectionDisabled;
extern const Rule kIndexGsiLimit;
extern const Rule kIndexLsiLimit;
extern const Rule kIndexLsiRequiresSortKey;
extern const Rule kKeysNotAKey;
extern const Rule kKeysUnknownAttribute;
extern const Rule kAccessUnknownEntity;
extern const Rule kAccessUnknownIndex;
extern const Rule kNamingAttributeName;
extern const Rule kNamingReservedWord;
extern const Rule kTableTags;
extern const Rule kTableAutoscalingMissing;
extern const Rule kTableEncryptionCmk;
extern const Rule kIndexProjectionLimit;
extern const Rule kKeysMissing;
extern const Rule kKeysOptionalAttribute;
extern const Rule kKeysTypeMismatch;
extern const Rule kAccessUnknownParameter;
extern const Rule kAccessConsistentReadGsi;
extern const Rule kAccessScan;
extern const Rule kAccessBatchLimit;
extern const Rule kHotConstantPartitionKey;
extern const Rule kHotLowCardinalityPartitionKey;
extern const Rule kHotTimeBucketPartitionKey;
extern const Rule kHotPartitionThroughput;
extern const Rule kHotSingleItem;

extern const Rule kKeysCollision;
extern const Rule kKeysAmbiguousPrefix;
extern const Rule kKeysPartialDerivedKey;
extern const Rule kAccessNotServed;
extern const Rule kAccessRequiresFullKey;
extern const Rule kAccessSortCondition;
extern const Rule kAccessMixedEntities;
extern const Rule kAccessUnreachableEntity;
extern const Rule kIndexUnused;
extern const Rule kAccessIndexProjection;
extern const Rule kIndexKeySchema;
extern const Rule kAccessDuplicatePattern;
extern const Rule kSizeItemLimit;
extern const Rule kSizeItemLarge;
extern const Rule kSizeUnbounded;
extern const Rule kKeysSize;
extern const Rule kCapacityProvisionedBelowDemand;
extern const Rule kCapacityTableQuota;
extern const Rule kIndexLsiCollectionSize;
extern const Rule kAccessPageSize;
extern const Rule kTableReplicaEncryption;
extern const Rule kTableReplicaAutoscaling;
extern const Rule kTableKmsKeyArn;
extern const Rule kAccessUnknownAttribute;
extern const Rule kAccessOptimisticLock;
extern const Rule kAccessReplayRevision;
extern const Rule kAccessSingleEntity;
extern const Rule kAccessTransactionAction;
extern const Rule kTargetCdkFixedWriteCapacity;
extern const Rule kTargetTerraformModuleNameTag;
extern const Rule kNamingDeployedTableName;
extern const Rule kAccessUpdateExpression;

const std::vector<Rule>& rules() {
  static const std::vector<Rule> list = {
      kNamingTableName,      kNamingIndexName,        kNamingDuplicateIndex, kTableKeyType,
      kTableAttributeTypeConflict, kTableBillingCapacity, kTableTtlAttribute, kTableReplicaStream, kTablePitrDisabled,
      kTableDeletionProtectionDisabled, kIndexGsiLimit, kIndexLsiLimit, kIndexLsiRequiresSortKey,
      kKeysNotAKey,          kKeysUnknownAttribute,   kAccessUnknownEntity,  kAccessUnknownIndex,
      kNamingAttributeName, kNamingReservedWord, kTableTags, kTableAutoscalingMissing, kTableEncryptionCmk,
      kIndexProjectionLimit, kKeysMissing, kKeysOptionalAttribute, kKeysTypeMismatch, kAccessUnknownParameter,
      kAccessConsistentReadGsi, kAccessScan, kAccessBatchLimit,
      kHotConstantPartitionKey, kHotLowCardinalityPartitionKey, kHotTimeBucketPartitionKey, kHotPartitionThroughput,
      kHotSingleItem,
      kKeysCollision, kKeysAmbiguousPrefix, kKeysPartialDerivedKey, kAccessNotServed, kAccessRequiresFullKey,
      kAccessSortCondition, kAccessMixedEntities, kAccessUnreachableEntity, kIndexUnused, kAccessIndexProjection,
      kIndexKeySchema, kAccessDuplicatePattern,
      kSizeItemLimit, kSizeItemLarge, kSizeUnbounded, kKeysSize, kCapacityProvisionedBelowDemand,
      kCapacityTableQuota, kIndexLsiCollectionSize, kAccessPageSize,
      kTableReplicaEncryption, kTableReplicaAutoscaling, kTableKmsKeyArn, kAccessUnknownAttribute,
      kAccessOptimisticLock, kAccessReplayRevision, kAccessSingleEntity, kAccessTransactionAction, kAccessUpdateExpression,
      kTargetCdkFixedWriteCapacity, kTargetTerraformModuleNameTag, kNamingDeployedTableName,
  };
  return list;
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
      out.push_back(Diagnostic{"internal-error", Severity::error,
                               "rule " + id + " could not run: " + e.what() + " (please report this)",
                               Location{model.file, 0, 0}, "", {}});
    }
  }
  sort_diagnostics(out);
  return out;
}

}  // namespace dynamodel
