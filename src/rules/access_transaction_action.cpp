// access/transaction-action: TransactWriteItems takes writes and checks, TransactGetItems gets.
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kAccessTransactionAction = {
    {"access/transaction-action", Severity::error,
     "a GetItem action in a TransactWriteItems, or a write or ConditionCheck in a TransactGetItems",
     "TransactWriteItems takes Put, Update, Delete and ConditionCheck actions; TransactGetItems takes only "
     "Get actions. DynamoDB rejects a request that mixes them (ValidationException), so read and write in two "
     "transactions, or turn the read into a ConditionCheck.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html",
     "- name: placeOrder\n  operation: TransactWriteItems\n  actions:\n"
     "    - {entity: Order, operation: PutItem}\n    - {entity: User, operation: GetItem}\n",
     "- name: placeOrder\n  operation: TransactWriteItems\n  actions:\n"
     "    - {entity: Order, operation: PutItem}\n    - {entity: User, operation: ConditionCheck}\n",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      for (const auto& p : m.access_patterns) {
        const bool write = p.operation == Operation::TransactWriteItems;
        if (!write && p.operation != Operation::TransactGetItems) continue;
        for (std::size_t i = 0; i < p.actions.size(); ++i) {
          const Action& a = p.actions[i];
          const bool get = a.operation == Operation::GetItem;
          if (get != write) continue;
          f.report(a.source.at("operation"), a.source.path_of("operation"),
                   p.id + " action " + std::to_string(i + 1) + " is a " + std::string(to_string(a.operation)) +
                       (write ? ", which TransactWriteItems does not take (Put, Update, Delete, ConditionCheck); "
                                "use a ConditionCheck, or read in a TransactGetItems"
                              : ", which TransactGetItems does not take (only GetItem); write in a "
                                "TransactWriteItems"));
        }
      }
    }};
}  // namespace dynamodel
