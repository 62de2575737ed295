// The derivation of least-privilege IAM policies from the model (the AWS pages behind each
// mapping are listed in iam/policy.hpp).
#include "iam/policy.hpp"

#include <algorithm>
#include <set>

namespace dynamodel::iam {
namespace {

using nlohmann::json;

/// `text` as literal text of an IAM policy string: `$`, `*` and `?` written as the policy
/// variables `${$}`, `${*}` and `${?}`, so that neither StringLike nor a variable reads them.
std::string literal(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '$' || c == '*' || c == '?')
      out += std::string("${") + c + "}";
    else
      out += c;
  }
  return out;
}

/// The dynamodb:LeadingKeys value of partition-key template `t` for principal `who`: literal
/// parts escaped, mapped placeholders replaced by their policy variables, unmapped ones by `*`
/// (`like` is then set: the condition needs StringLike). Empty when no placeholder is mapped.
std::string leading_key_value(const KeyTemplate& t, const Principal& who, bool& like) {
  std::string out;
  bool mapped = false;
  for (const auto& part : t.parts) {
    if (!part.placeholder) {
      out += literal(part.text);
      continue;
    }
    const auto lk = std::ranges::find(who.leading_keys, part.text, &LeadingKey::placeholder);
    if (lk != who.leading_keys.end()) {
      out += lk->value;
      mapped = true;
    } else {
      out += "*";
      like = true;
    }
  }
  return mapped ? out : "";
}

bool is_read(Operation op) {
  return op == Operation::GetItem || op == Operation::Query || op == Operation::Scan || op == Operation::BatchGetItem ||
         op == Operation::TransactGetItems;
}

/// The index `name` as a resource (GSI or LSI), or the table when `name` is absent.
Resource key_space(const std::optional<std::string>& index) {
  if (!index) return {};
  return {Resource::Kind::index, *index, ""};
}

/// Adds the leading-key condition of `key` (on `index` or the table) to `condition`; returns
/// false when the principal wants leading keys but `key` cannot carry them.
bool add_leading_keys(const Model& model, const Principal& who, const std::vector<KeyCondition>& key,
                      const std::optional<std::string>& index, json& condition) {
  if (who.leading_keys.empty()) return true;
  const KeyTemplate* t = partition_template(model, key, index);
  if (!t) return false;
  bool like = false;
  const std::string value = leading_key_value(*t, who, like);
  if (value.empty()) return false;
  condition[like ? "ForAllValues:StringLike" : "ForAllValues:StringEquals"]["dynamodb:LeadingKeys"] =
      json::array({value});
  return true;
}

/// Adds the `attributes: projected` restriction of read `p`: dynamodb:Attributes lists what the
/// pattern reads and every key attribute of the table and its indexes (the AWS page requires the
/// key attributes in the list), and dynamodb:Select must be SPECIFIC_ATTRIBUTES when given.
void add_attributes(const Model& model, const Principal& who, const AccessPattern& p, json& condition) {
  if (who.attributes != PrincipalAttributes::projected || p.attributes.empty() || !is_read(p.operation)) return;
  std::set<std::string> names(p.attributes.begin(), p.attributes.end());
  for (const auto* k : model.key_attributes()) names.insert(k->name);
  condition["ForAllValues:StringEquals"]["dynamodb:Attributes"] =
      json(std::vector<std::string>(names.begin(), names.end()));
  condition["StringEqualsIfExists"]["dynamodb:Select"] = "SPECIFIC_ATTRIBUTES";
}

std::string action_of(Operation op) {
  switch (op) {
    case Operation::ConditionCheck:
      return "dynamodb:ConditionCheckItem";
    default:
      return "dynamodb:" + std::string(to_string(op));
  }
}

std::string alnum(const std::string& text) {
  std::string out;
  for (char c : text)
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  return out;
}

std::string sid_base(const Resource& r) {
  switch (r.kind) {
    case Resource::Kind::table:
      return "Table";
    case Resource::Kind::index:
      return "Index" + alnum(r.index);
    case Resource::Kind::stream:
      return "Stream";
    case Resource::Kind::kms_key:
      return "KmsKey";
    case Resource::Kind::destination:
      return "OnFailure";
  }
  return "Statement";
}

/// The order of resources in a policy: the table, its GSIs and LSIs in model order, the
/// streams, the on-failure destinations, the key.
int resource_rank(const Model& model, const Resource& r) {
  if (r.kind == Resource::Kind::table) return 0;
  if (r.kind == Resource::Kind::stream) return 1 << 18;
  if (r.kind == Resource::Kind::destination) return 1 << 19;
  if (r.kind == Resource::Kind::kms_key) return 1 << 20;
  int i = 1;
  for (const auto& g : model.table.global_secondary_indexes) {
    if (g.name == r.index) return i;
    ++i;
  }
  for (const auto& l : model.table.local_secondary_indexes) {
    if (l.name == r.index) return i;
    ++i;
  }
  return i;
}

/// kms:Decrypt (and kms:GenerateDataKey when `writes`) on the table's customer-managed key,
/// through DynamoDB only; nothing for an AWS owned or AWS managed key.
void add_kms(const Model& model, bool writes, std::vector<Need>& needs) {
  const auto& enc = model.table.encryption;
  if (enc.type != EncryptionType::CUSTOMER_MANAGED || enc.kms_key_arn.empty()) return;
  json via = {{"StringLike", {{"kms:ViaService", "dynamodb.*.amazonaws.com"}}}};
  needs.push_back({"kms:Decrypt", {Resource::Kind::kms_key, "", ""}, via, false});
  if (writes) needs.push_back({"kms:GenerateDataKey", {Resource::Kind::kms_key, "", ""}, via, false});
}

}  // namespace

const KeyTemplate* partition_template(const Model& model, const std::vector<KeyCondition>& key,
                                      const std::optional<std::string>& index) {
  std::string pk = model.table.partition_key.name;
  if (index)
    for (const auto& g : model.table.global_secondary_indexes)
      if (g.name == *index) pk = g.partition_key.name;
  for (const auto& k : key)
    if (k.attribute == pk && k.op == KeyCondition::Op::eq && !k.operands.empty()) return &k.operands.front();
  return nullptr;
}

PatternNeeds pattern_needs(const Model& model, const Principal& who, const AccessPattern& p) {
  PatternNeeds out{&p, {}};
  auto add = [&](Operation op, const Resource& r, const std::vector<KeyCondition>& key,
                 const std::optional<std::string>& index, const std::string& enclosing, bool projected) {
    Need n{action_of(op), r, json::object(), false};
    // A Scan has no partition key to test: with ForAllValues an absent key would pass, so a Scan
    // is never "restricted" by leading keys (rule iam/scan).
    n.unrestricted =
        !add_leading_keys(model, who, op == Operation::Scan ? std::vector<KeyCondition>{} : key, index, n.condition);
    if (projected) add_attributes(model, who, p, n.condition);
    if (!enclosing.empty())
      n.condition["ForAnyValue:StringEquals"]["dynamodb:EnclosingOperation"] = json::array({enclosing});
    out.needs.push_back(std::move(n));
  };
  switch (p.operation) {
    case Operation::GetItem:
    case Operation::BatchGetItem:
      add(p.operation, {}, p.key, std::nullopt, "", true);
      break;
    case Operation::Query:
    case Operation::Scan:
      add(p.operation, key_space(p.index), p.key, p.index, "", true);
      break;
    case Operation::PutItem:
    case Operation::UpdateItem:
    case Operation::DeleteItem:
    case Operation::BatchWriteItem:
      add(p.operation, {}, p.key, std::nullopt, "", false);
      break;
    case Operation::Replay:
      // Reads the items with a Query (a Scan without key), then rewrites each one's revision.
      add(p.key.empty() ? Operation::Scan : Operation::Query, key_space(p.index), p.key, p.index, "", false);
      add(Operation::UpdateItem, {}, p.key, std::nullopt, "", false);
      break;
    case Operation::TransactWriteItems:
    case Operation::TransactGetItems:
      for (const auto& a : p.actions)
        add(a.operation, {}, a.key, std::nullopt, std::string(to_string(p.operation)), false);
      break;
    case Operation::ConditionCheck:
      break;
  }
  add_kms(model, !is_read(p.operation), out.needs);
  return out;
}

ConsumerNeeds consumer_needs(const Model& model, const StreamConsumer& c) {
  ConsumerNeeds out{&c, {}};
  for (const char* action :
       {"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"})
    out.needs.push_back({action, {Resource::Kind::stream, "", ""}, json::object(), false});
  // The loader accepts an SQS queue or an SNS topic as on_failure (arn:PARTITION:SERVICE:...).
  if (c.on_failure.find(":sqs:") != std::string::npos)
    out.needs.push_back({"sqs:SendMessage", {Resource::Kind::destination, "", c.on_failure}, json::object(), false});
  else if (c.on_failure.find(":sns:") != std::string::npos)
    out.needs.push_back({"sns:Publish", {Resource::Kind::destination, "", c.on_failure}, json::object(), false});
  add_kms(model, false, out.needs);
  return out;
}

Policy derive(const Model& model, const Principal& who) {
  Policy policy;
  policy.principal = &who;
  for (const auto& name : who.patterns)
    if (const AccessPattern* p = model.pattern(name))
      if (std::ranges::find(policy.patterns, p, &PatternNeeds::pattern) == policy.patterns.end())
        policy.patterns.push_back(pattern_needs(model, who, *p));
  for (const auto& name : who.stream_consumers) {
    const auto c = std::ranges::find(model.operations.stream_consumers, name, &StreamConsumer::name);
    if (c != model.operations.stream_consumers.end() &&
        std::ranges::find(policy.consumers, &*c, &ConsumerNeeds::consumer) == policy.consumers.end())
      policy.consumers.push_back(consumer_needs(model, *c));
  }
  // Each need joins the statement of its (resource, condition); `served` lists who it serves.
  auto place = [&](const Need& n, const std::string& name, std::vector<std::string> Statement::*served) {
    auto s = std::ranges::find_if(
        policy.statements, [&](const Statement& x) { return x.resource == n.resource && x.condition == n.condition; });
    if (s == policy.statements.end()) {
      policy.statements.push_back({"", {}, n.resource, n.condition, {}, {}});
      s = policy.statements.end() - 1;
    }
    if (std::ranges::find(s->actions, n.action) == s->actions.end()) s->actions.push_back(n.action);
    auto& names = (*s).*served;
    if (std::ranges::find(names, name) == names.end()) names.push_back(name);
  };
  for (const auto& pn : policy.patterns)
    for (const auto& n : pn.needs) place(n, pn.pattern->name, &Statement::patterns);
  for (const auto& cn : policy.consumers)
    for (const auto& n : cn.needs) place(n, cn.consumer->name, &Statement::consumers);
  std::ranges::stable_sort(policy.statements, {}, [&](const Statement& s) { return resource_rank(model, s.resource); });
  std::set<std::string> sids;
  for (auto& s : policy.statements) {
    std::ranges::sort(s.actions);
    const std::string base = sid_base(s.resource);
    s.sid = base;
    for (int i = 2; !sids.insert(s.sid).second; ++i) s.sid = base + std::to_string(i);
  }
  return policy;
}

std::vector<Policy> policies(const Model& model) {
  std::vector<Policy> out;
  for (const auto& who : model.principals) out.push_back(derive(model, who));
  return out;
}

nlohmann::ordered_json document(const Policy& policy, const ArnOf& arn_of) {
  nlohmann::ordered_json statements = nlohmann::ordered_json::array();
  for (const auto& s : policy.statements) {
    nlohmann::ordered_json st;
    st["Sid"] = s.sid;
    st["Effect"] = "Allow";
    st["Action"] = s.actions;
    st["Resource"] = nlohmann::ordered_json::array({nlohmann::ordered_json(arn_of(s.resource))});
    if (!s.condition.empty()) st["Condition"] = nlohmann::ordered_json(s.condition);
    statements.push_back(st);
  }
  nlohmann::ordered_json doc;
  doc["Version"] = "2012-10-17";
  doc["Statement"] = statements;
  return doc;
}

std::optional<std::string> table_suffix(const Resource& r) {
  switch (r.kind) {
    case Resource::Kind::table:
      return "";
    case Resource::Kind::index:
      return "/index/" + r.index;
    case Resource::Kind::stream:
      return "/stream/*";
    case Resource::Kind::kms_key:
    case Resource::Kind::destination:
      break;
  }
  return std::nullopt;
}

std::string literal_arn(const Model& model, const Resource& r) {
  if (r.kind == Resource::Kind::kms_key) return model.table.encryption.kms_key_arn;
  if (r.kind == Resource::Kind::destination) return r.arn;
  return "";
}

std::string arn(const Model& model, const Resource& r, const std::string& arn_prefix, const std::string& table_name) {
  if (const auto suffix = table_suffix(r)) return arn_prefix + table_name + *suffix;
  return literal_arn(model, r);
}

}  // namespace dynamodel::iam
