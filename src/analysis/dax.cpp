#include "analysis/dax.hpp"

#include <algorithm>
#include <cctype>

namespace dynamodel {
namespace {

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool is_dax_cluster_name(std::string_view name) {
  if (name.empty() || name.size() > kDaxClusterNameMax || !is_letter(name.front()) || name.back() == '-') return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (!is_letter(c) && !is_digit(c) && c != '-') return false;
    if (c == '-' && i > 0 && name[i - 1] == '-') return false;
  }
  return true;
}

std::string dax_base_name(const Model& m) {
  if (!m.operations.dax.name.empty()) return m.operations.dax.name;
  // An environment of up to 8 characters and its '-' leave 11 of ClusterName's 20.
  constexpr std::size_t kDerivedMax = 11;
  std::string out;
  for (const char c : m.table.name) {
    if (is_letter(c) || is_digit(c)) {
      if (out.empty() && !is_letter(c)) continue;
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
    if (out.size() >= kDerivedMax) break;
  }
  if (out.size() > kDerivedMax) out.resize(kDerivedMax);
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "dax" : out;
}

std::int64_t dax_environment_max_length(const Model& m) {
  const auto base = static_cast<std::int64_t>(dax_base_name(m).size());
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(kDaxClusterNameMax) - 1 - base);
}

const std::vector<std::string>& dax_role_actions() {
  static const std::vector<std::string> actions = {
      "dynamodb:DescribeTable",  "dynamodb:GetItem",           "dynamodb:BatchGetItem", "dynamodb:Query",
      "dynamodb:Scan",           "dynamodb:PutItem",           "dynamodb:UpdateItem",   "dynamodb:DeleteItem",
      "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem"};
  return actions;
}

std::string_view to_string(DaxPath p) {
  switch (p) {
    case DaxPath::item_cache:
      return "item cache";
    case DaxPath::query_cache:
      return "query cache";
    case DaxPath::pass_through:
      return "passed through";
    case DaxPath::write_through:
      return "write-through";
  }
  return "";
}

std::vector<DaxPattern> dax_patterns(const Model& m) {
  std::vector<DaxPattern> out;
  for (const auto& p : m.access_patterns) {
    DaxPattern d;
    d.pattern = &p;
    switch (p.operation) {
      case Operation::GetItem:
      case Operation::BatchGetItem:
        d.path = p.consistent_read ? DaxPath::pass_through : DaxPath::item_cache;
        d.why = p.consistent_read ? "a strongly consistent " + std::string(to_string(p.operation)) +
                                        ": DAX passes it to DynamoDB and does not cache the result"
                                  : "an eventually consistent " + std::string(to_string(p.operation)) +
                                        ": served from the item cache on a hit";
        break;
      case Operation::Query:
      case Operation::Scan:
      case Operation::Replay:
        d.path = p.consistent_read ? DaxPath::pass_through : DaxPath::query_cache;
        d.why = p.consistent_read ? "a strongly consistent " + std::string(to_string(p.operation)) +
                                        ": DAX passes it to DynamoDB and does not cache the result"
                                  : "an eventually consistent " + std::string(to_string(p.operation)) +
                                        ": served from the query cache on a hit (the query cache is not "
                                        "invalidated by writes: stale until its TTL)";
        if (p.operation == Operation::Replay) d.why += "; its UpdateItem per item is written through";
        break;
      case Operation::TransactGetItems:
        d.path = DaxPath::pass_through;
        d.why = "a TransactGetItems: DAX supports it but passes it to DynamoDB and does not cache the result";
        break;
      case Operation::TransactWriteItems:
        d.path = DaxPath::write_through;
        d.why = "a TransactWriteItems: DAX supports it, sends it to DynamoDB, then fills the item cache";
        break;
      case Operation::ConditionCheck:
        d.path = DaxPath::pass_through;
        d.why = "a ConditionCheck: sent to DynamoDB";
        break;
      case Operation::PutItem:
      case Operation::UpdateItem:
      case Operation::DeleteItem:
      case Operation::BatchWriteItem:
        d.path = DaxPath::write_through;
        d.why = std::string(p.operation == Operation::UpdateItem ? "an " : "a ") + std::string(to_string(p.operation)) +
                ": written to DynamoDB, then to the item cache (the query cache keeps its results until their TTL)";
        break;
    }
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace dynamodel
