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

const std::vector<Rule>& rules() {
  static const std::vector<Rule> list = {
      kNamingTableName,      kNamingIndexName,        kNamingDuplicateIndex, kTableKeyType,
      kTableAttributeTypeConflict, kTableBillingCapacity, kTableTtlAttribute, kTableReplicaStream, kTablePitrDisabled,
      kTableDeletionProtectionDisabled, kIndexGsiLimit, kIndexLsiLimit, kIndexLsiRequiresSortKey,
      kKeysNotAKey,          kKeysUnknownAttribute,   kAccessUnknownEntity,  kAccessUnknownIndex,
  };
  return list;
}

std::vector<Diagnostic> run_rules(const Model& model, const std::set<std::string>& disabled) {
  return run_rules(model, analyze(model), disabled);
}

std::vector<Diagnostic> run_rules(const Model& model, const Analysis& analysis, const std::set<std::string>& disabled) {
  std::vector<Diagnostic> out;
  for (const auto& rule : rules()) {
    const std::string id(rule.info.id);
    if (disabled.count(id)) continue;
    bool off = false;
    for (const auto& d : model.lint.disable) off = off || d == id;
    if (off) continue;
    Findings findings(rule.info, out);
    try {
      rule.check(model, analysis, findings);
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
