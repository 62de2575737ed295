// The verify/* rules: what `dynamodel verify` reports, as catalogue entries (docs/rules.md).
#include "verify/verify.hpp"

namespace dynamodel::verify {

const std::vector<RuleInfo>& verify_rules() {
  static const std::vector<RuleInfo> list = {
      {"verify/items", Severity::error,
       "an access pattern returned other items than its key condition selects on the engine",
       "The coverage proof says which items a pattern's key condition (and filter) selects; the engine "
       "disagreeing means the key templates, the index or the sort order do not do what the model says, and code "
       "built from it reads the wrong items. Writes read their items back (an update of an index key input must "
       "move the item in the index; a transaction's items must be as its actions wrote them).",
       "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html",
       "# Query on PK = USER#{userId} also returned Session items the proof did not expect\n    keys: {PK: "
       "\"USER#{userId}\", SK: \"{sessionId}\"}",
       "# every item the engine returned is one the key condition selects\n    keys: {PK: \"USER#{userId}\", SK: "
       "\"SESSION#{sessionId}\"}"},
      {"verify/capacity", Severity::error,
       "a call consumed other RCU/WCU on the engine than the analysis estimates for the same items",
       "Capacity planning, cost and the hot-key rules rest on the per-call estimate: reads round the bytes read up "
       "to 4 KB (half a unit eventually consistent), writes the larger of the old and new item up to 1 KB, each "
       "GSI its own entry. A difference means the size model or the accounting is wrong for this pattern.",
       "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html",
       "# estimated 1 WCU, measured 4 WCU: the item is larger than its size hints say\n      note: {type: S, "
       "max_bytes: 100}",
       "# estimated 4 WCU, measured 4 WCU\n      note: {type: S, max_length: 1000}"},
      {"verify/size-model", Severity::error,
       "the largest item written differs in size from the analysis' largest item size",
       "The largest item is built from the size hints (each attribute at its largest stored size); when DynamoDB's "
       "method gives another size than max_item_bytes, a hint contradicts another one (an enum longer than "
       "max_bytes) and every capacity figure of the entity is off.",
       "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html",
       "      status: {type: S, enum: [PENDING_PAYMENT_CONFIRMATION], max_bytes: 4}",
       "      status: {type: S, enum: [PENDING_PAYMENT_CONFIRMATION], max_length: 28}"},
      {"verify/not-served", Severity::error, "the analysis finds an access pattern unserved; verify does not pass it",
       "A pattern the key-coverage proof cannot serve (access/not-served, access/requires-full-key) cannot be "
       "confirmed on any engine: verify fails it rather than report it as passed.",
       "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html",
       "  - {id: AP1, entity: Order, operation: Query, index: GSI1, key: {status: \"{status}\"}}",
       "  - {id: AP1, entity: Order, operation: Query, index: GSI1, key: {GSI1PK: \"STATUS#{status}\"}}"},
      {"verify/call-failed", Severity::error, "the engine refused a pattern's call",
       "The request verify built from the model (key condition, index, condition expression) was rejected "
       "(ValidationException, ConditionalCheckFailedException): the generated accessors would be too.",
       "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/CommonErrors.html",
       "# Query on an index the table does not have\n    index: GSI9",
       "# Query on an index of the table\n    index: GSI1"},
      {"verify/not-verifiable", Severity::info,
       "an access pattern could not be verified on this endpoint (never reported as passed)",
       "Emulators lack operations (dynalite has no transactions) and verify does not run every kind of call: such "
       "a pattern is listed as not verifiable, so that a clean run never hides an unchecked pattern.",
       "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html",
       "# TransactWriteItems against dynalite\n    operation: TransactWriteItems",
       "# the same pattern against an engine with transactions (moto, --items-only): its actions run, items "
       "checked\n    operation: TransactWriteItems"},
  };
  return list;
}

}  // namespace dynamodel::verify
