// Names of the model's enumerations and small lookups on the model.
#include "model/model.hpp"
#include "model/name_index.hpp"

#include <algorithm>
#include <set>
#include <cctype>
#include <array>
#include <utility>

namespace dynamodel {
namespace {

template <typename E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [v, name] : table)
    if (v == value) return name;
  return "?";
}

template <typename E, std::size_t N>
bool value_of(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view text, E& out) {
  for (const auto& [v, name] : table) {
    if (name == text) {
      out = v;
      return true;
    }
  }
  return false;
}

constexpr std::array<std::pair<AttributeType, std::string_view>, 10> kAttributeTypes{{{AttributeType::S, "S"},
                                                                                      {AttributeType::N, "N"},
                                                                                      {AttributeType::B, "B"},
                                                                                      {AttributeType::BOOL, "BOOL"},
                                                                                      {AttributeType::NULL_, "NULL"},
                                                                                      {AttributeType::L, "L"},
                                                                                      {AttributeType::M, "M"},
                                                                                      {AttributeType::SS, "SS"},
                                                                                      {AttributeType::NS, "NS"},
                                                                                      {AttributeType::BS, "BS"}}};

constexpr std::array<std::pair<Operation, std::string_view>, 12> kOperations{
    {{Operation::GetItem, "GetItem"},
     {Operation::Query, "Query"},
     {Operation::Scan, "Scan"},
     {Operation::PutItem, "PutItem"},
     {Operation::UpdateItem, "UpdateItem"},
     {Operation::DeleteItem, "DeleteItem"},
     {Operation::BatchGetItem, "BatchGetItem"},
     {Operation::BatchWriteItem, "BatchWriteItem"},
     {Operation::TransactWriteItems, "TransactWriteItems"},
     {Operation::TransactGetItems, "TransactGetItems"},
     {Operation::Replay, "Replay"},
     {Operation::ConditionCheck, "ConditionCheck"}}};

}  // namespace

const Location& Source::at(std::string_view name) const {
  auto it = fields.find(name);
  return it == fields.end() ? location : it->second;
}

std::string Source::path_of(std::string_view name) const {
  return path.empty() ? std::string(name) : path + "." + std::string(name);
}

std::string_view to_string(AttributeType t) { return name_of(kAttributeTypes, t); }
bool parse_attribute_type(std::string_view text, AttributeType& out) { return value_of(kAttributeTypes, text, out); }
bool is_scalar_key_type(AttributeType t) {
  return t == AttributeType::S || t == AttributeType::N || t == AttributeType::B;
}

std::string_view to_string(BillingMode v) { return v == BillingMode::PROVISIONED ? "PROVISIONED" : "PAY_PER_REQUEST"; }
std::string_view to_string(TableClass v) {
  return v == TableClass::STANDARD ? "STANDARD" : "STANDARD_INFREQUENT_ACCESS";
}
std::string_view to_string(StreamView v) {
  switch (v) {
    case StreamView::KEYS_ONLY:
      return "KEYS_ONLY";
    case StreamView::NEW_IMAGE:
      return "NEW_IMAGE";
    case StreamView::OLD_IMAGE:
      return "OLD_IMAGE";
    case StreamView::NEW_AND_OLD_IMAGES:
      return "NEW_AND_OLD_IMAGES";
  }
  return "?";
}
std::string_view to_string(ProjectionType v) {
  switch (v) {
    case ProjectionType::ALL:
      return "ALL";
    case ProjectionType::KEYS_ONLY:
      return "KEYS_ONLY";
    case ProjectionType::INCLUDE:
      return "INCLUDE";
  }
  return "?";
}
std::string_view to_string(KeyEscaping v) { return v == KeyEscaping::none ? "none" : "escape"; }

std::string_view to_string(StreamEvent v) {
  switch (v) {
    case StreamEvent::INSERT:
      return "INSERT";
    case StreamEvent::MODIFY:
      return "MODIFY";
    case StreamEvent::REMOVE:
      return "REMOVE";
  }
  return "?";
}

std::string_view to_string(StartingPosition v) { return v == StartingPosition::LATEST ? "LATEST" : "TRIM_HORIZON"; }

std::string_view to_string(EncryptionType v) {
  switch (v) {
    case EncryptionType::AWS_OWNED:
      return "AWS_OWNED";
    case EncryptionType::AWS_MANAGED:
      return "AWS_MANAGED";
    case EncryptionType::CUSTOMER_MANAGED:
      return "CUSTOMER_MANAGED";
  }
  return "?";
}
std::string_view to_string(ContributorInsightsMode v) {
  return v == ContributorInsightsMode::THROTTLED_KEYS ? "THROTTLED_KEYS" : "ACCESSED_AND_THROTTLED_KEYS";
}
std::string_view to_string(ReplicaConsistency v) { return v == ReplicaConsistency::STRONG ? "STRONG" : "EVENTUAL"; }
std::string_view to_string(AttributeFormat v) {
  switch (v) {
    case AttributeFormat::date:
      return "date";
    case AttributeFormat::date_time:
      return "date-time";
    case AttributeFormat::epoch_seconds:
      return "epoch-seconds";
    case AttributeFormat::uuid:
      return "uuid";
    case AttributeFormat::ulid:
      return "ulid";
    case AttributeFormat::email:
      return "email";
    case AttributeFormat::float_:
      return "float";
    case AttributeFormat::decimal:
      return "decimal";
  }
  return "?";
}
std::string_view to_string(AttributeRole v) {
  switch (v) {
    case AttributeRole::version:
      return "version";
    case AttributeRole::revision:
      return "revision";
    case AttributeRole::ttl:
      return "ttl";
  }
  return "?";
}
std::string_view to_string(Operation v) { return name_of(kOperations, v); }
bool parse_operation(std::string_view text, Operation& out) { return value_of(kOperations, text, out); }

std::string_view to_string(KeyCondition::Op op) {
  switch (op) {
    case KeyCondition::Op::eq:
      return "=";
    case KeyCondition::Op::begins_with:
      return "begins_with";
    case KeyCondition::Op::between:
      return "between";
    case KeyCondition::Op::lt:
      return "lt";
    case KeyCondition::Op::le:
      return "le";
    case KeyCondition::Op::gt:
      return "gt";
    case KeyCondition::Op::ge:
      return "ge";
  }
  return "?";
}

std::string KeyTransform::text() const {
  switch (kind) {
    case Kind::none:
      return "";
    case Kind::pad:
      return "pad(" + std::to_string(width) + ")";
    case Kind::lower:
      return "lower";
    case Kind::upper:
      return "upper";
  }
  return "";
}

std::string KeyTransform::apply(std::string value) const {
  switch (kind) {
    case Kind::none:
      break;
    case Kind::pad:
      if (value.size() < static_cast<std::size_t>(width))
        value.insert(0, static_cast<std::size_t>(width) - value.size(), '0');
      break;
    case Kind::lower:
      for (char& c : value)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      break;
    case Kind::upper:
      for (char& c : value)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      break;
  }
  return value;
}

std::vector<std::string> KeyTemplate::placeholders() const {
  std::vector<std::string> names;
  for (const auto& p : parts)
    if (p.placeholder) names.push_back(p.text);
  return names;
}

std::string KeyTemplate::separators() const {
  std::set<char> seps;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto& p = parts[i];
    if (p.placeholder) continue;
    for (char c : p.text)
      if (!std::isalnum(static_cast<unsigned char>(c))) seps.insert(c);
    if (i > 0 && i + 1 < parts.size() && !p.text.empty()) seps.insert(p.text[0]);
  }
  return {seps.begin(), seps.end()};
}

bool KeyTemplate::is_constant() const {
  return std::none_of(parts.begin(), parts.end(), [](const TemplatePart& p) { return p.placeholder; });
}

const Attribute* Entity::attribute(std::string_view attribute_name) const {
  for (const auto& a : attributes)
    if (a.name == attribute_name) return &a;
  return nullptr;
}

const EntityKey* Entity::key(std::string_view key_attribute) const {
  for (const auto& k : keys)
    if (k.attribute == key_attribute) return &k;
  return nullptr;
}

const IndexMembership* Entity::membership(std::string_view index_name) const {
  for (const auto& w : index_when)
    if (w.index == index_name) return &w;
  return nullptr;
}

const IndexMembership* key_membership(const Model& m, const Entity& e, std::string_view key) {
  for (const auto& g : m.table.global_secondary_indexes)
    if (g.partition_key.name == key || (g.sort_key && g.sort_key->name == key))
      if (const IndexMembership* w = e.membership(g.name)) return w;
  for (const auto& l : m.table.local_secondary_indexes)
    if (l.sort_key.name == key)
      if (const IndexMembership* w = e.membership(l.name)) return w;
  return nullptr;
}

const Entity* Model::entity(std::string_view entity_name) const { return find_named(entities, entity_name); }

const AccessPattern* Model::pattern(std::string_view name_or_id) const {
  for (const auto& p : access_patterns)
    if (p.name == name_or_id) return &p;
  for (const auto& p : access_patterns)
    if (p.id == name_or_id) return &p;
  return nullptr;
}

std::vector<const KeyAttribute*> GlobalSecondaryIndex::key_schema() const {
  std::vector<const KeyAttribute*> out;
  if (partition_keys.empty()) out.push_back(&partition_key);
  for (const auto& k : partition_keys) out.push_back(&k);
  if (sort_keys.empty() && sort_key) out.push_back(&*sort_key);
  for (const auto& k : sort_keys) out.push_back(&k);
  return out;
}

std::vector<const KeyAttribute*> Model::key_declarations() const {
  std::vector<const KeyAttribute*> out = {&table.partition_key};
  if (table.sort_key) out.push_back(&*table.sort_key);
  for (const auto& g : table.global_secondary_indexes)
    for (const auto* k : g.key_schema()) out.push_back(k);
  for (const auto& l : table.local_secondary_indexes) out.push_back(&l.sort_key);
  return out;
}

std::vector<const KeyAttribute*> Model::key_attributes() const {
  std::vector<const KeyAttribute*> out;
  for (const auto* k : key_declarations()) {
    bool seen = false;
    for (const auto* existing : out) seen = seen || existing->name == k->name;
    if (!seen) out.push_back(k);
  }
  return out;
}

const KeyAttribute* Model::key_attribute(std::string_view name) const {
  for (const auto* k : key_declarations())
    if (k->name == name) return k;
  return nullptr;
}

std::optional<std::vector<const KeyAttribute*>> Model::index_key_attributes(std::string_view index) const {
  for (const auto& g : table.global_secondary_indexes)
    if (g.name == index) return g.key_schema();
  for (const auto& l : table.local_secondary_indexes)
    if (l.name == index) return std::vector<const KeyAttribute*>{&l.sort_key};
  return std::nullopt;
}

std::string Action::parameter(const std::string& name) const {
  if (alias.empty() || name.empty()) return name;
  return alias + static_cast<char>(std::toupper(static_cast<unsigned char>(name[0]))) + name.substr(1);
}

}  // namespace dynamodel
