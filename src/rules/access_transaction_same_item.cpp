// access/transaction-same-item: two actions of one transaction whose keys name the same item
// (the same key templates filled from the same parameters: no alias tells them apart).
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "rules/rule.hpp"

namespace dynamodel {
namespace {

/// The key of action `a` with its parameters named as the accessor names them (its alias), one
/// text per key attribute: two actions with equal texts address one item.
std::map<std::string, std::string> key_text(const Action& a) {
  std::map<std::string, std::string> out;
  for (const auto& c : a.key) {
    std::string text = std::string(to_string(c.op)) + ":";
    for (const auto& t : c.operands)
      for (const auto& part : t.parts) text += part.placeholder ? "{" + a.parameter(part.text) + "}" : part.text;
    out[c.attribute] = text;
  }
  return out;
}

}  // namespace

extern const Rule kAccessTransactionSameItem = {
    {"access/transaction-same-item", Severity::error,
     "two actions of one transaction address the same item (same key, same parameters)",
     "DynamoDB refuses a transaction with two operations on one item (ValidationException: \"Transaction "
     "request cannot include multiple operations on one item\"). Two actions on the same entity with the same "
     "key templates take the same accessor arguments unless an `alias` names each action's parameters "
     "(fromAccountId, toAccountId); with constant keys they are the same item whatever the alias.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html",
     "- name: transfer\n  operation: TransactWriteItems\n  actions:\n"
     "    - {entity: Account, operation: UpdateItem, key: {PK: \"ACCOUNT#{accountId}\"}, add: [balance]}\n"
     "    - {entity: Account, operation: UpdateItem, key: {PK: \"ACCOUNT#{accountId}\"}, add: [balance]}\n",
     "- name: transfer\n  operation: TransactWriteItems\n  actions:\n"
     "    - {entity: Account, alias: from, operation: UpdateItem, key: {PK: \"ACCOUNT#{accountId}\"}, add: "
     "[balance]}\n"
     "    - {entity: Account, alias: to, operation: UpdateItem, key: {PK: \"ACCOUNT#{accountId}\"}, add: "
     "[balance]}\n",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      for (const auto& p : m.access_patterns) {
        std::vector<std::map<std::string, std::string>> keys;
        for (const auto& a : p.actions) keys.push_back(key_text(a));
        for (std::size_t j = 0; j < p.actions.size(); ++j)
          for (std::size_t i = 0; i < j; ++i) {
            if (keys[i].empty() || keys[i] != keys[j]) continue;
            const Action& a = p.actions[j];
            f.report(a.source.at("key"), a.source.path_of("key"),
                     p.id + " action " + std::to_string(j + 1) + " addresses the same item as action " +
                         std::to_string(i + 1) +
                         (std::none_of(keys[j].begin(), keys[j].end(),
                                       [](const auto& k) { return k.second.find('{') != std::string::npos; })
                              ? " (the same constant key): DynamoDB refuses two operations on one item in a "
                                "transaction; merge the two actions into one"
                              : " (the same key filled from the same parameters): DynamoDB refuses two operations "
                                "on one item in a transaction; give each action its own `alias` (from, to) so "
                                "that each takes its own key values"),
                     {Note{p.actions[i].source.location, "action " + std::to_string(i + 1) + " is here"}});
            break;
          }
      }
    }};
}  // namespace dynamodel
