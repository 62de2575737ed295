// The resolved model (model/resolve.hpp): names linked once, after loading.
#include "model/resolve.hpp"

namespace dynamodel {

std::string_view to_string(IndexKind kind) {
  switch (kind) {
    case IndexKind::gsi:
      return "gsi";
    case IndexKind::lsi:
      return "lsi";
    case IndexKind::table:
      break;
  }
  return "table";
}

std::vector<const KeyAttribute*> KeySpace::keys() const {
  if (gsi) return gsi->key_schema();
  std::vector<const KeyAttribute*> out{partition_key};
  if (sort_key) out.push_back(sort_key);
  return out;
}

bool KeySpace::multi_attribute() const { return gsi && gsi->multi_attribute; }

std::string KeySpace::label() const { return kind == IndexKind::table ? "the table" : "index " + name; }

bool KeySpace::holds(const Entity& e) const {
  if (kind == IndexKind::table) return true;
  if (kind == IndexKind::lsi) return e.key(sort_key->name) != nullptr;  // every item has the table's partition key
  if (multi_attribute()) {                                              // the entity's own attributes, each present
    for (const KeyAttribute* k : keys())
      if (!e.attribute(k->name)) return false;
    return true;
  }
  return e.key(partition_key->name) && (!sort_key || e.key(sort_key->name));
}

ResolvedModel::ResolvedModel(const Model& model) : model_(&model) {
  const Table& t = model.table;
  const KeyAttribute* table_sk = t.sort_key ? &*t.sort_key : nullptr;
  key_spaces_.reserve(1 + t.global_secondary_indexes.size() + t.local_secondary_indexes.size());
  key_spaces_.push_back({IndexKind::table, "", &t.partition_key, table_sk, nullptr, &t.capacity, &t.source});
  for (const auto& g : t.global_secondary_indexes) {
    KeySpace k{IndexKind::gsi,   g.name,
               &g.partition_key, g.sort_key ? &*g.sort_key : nullptr,
               &g.projection,    g.capacity ? &g.capacity : &t.capacity,
               &g.source};
    k.gsi = &g;
    key_spaces_.push_back(std::move(k));
  }
  for (const auto& l : t.local_secondary_indexes) {
    KeySpace k{IndexKind::lsi, l.name, &t.partition_key, &l.sort_key, &l.projection, &t.capacity, &l.source};
    k.lsi = &l;
    key_spaces_.push_back(std::move(k));
  }
  for (std::size_t i = 1; i < key_spaces_.size(); ++i) {
    const KeySpace& k = key_spaces_[i];
    by_index_name_.emplace(k.name, i);
    (k.kind == IndexKind::gsi ? gsi_by_name_ : lsi_by_name_).emplace(k.name, i);
  }
  for (const auto& e : model.entities) by_entity_name_.emplace(e.name, &e);

  patterns_.reserve(model.access_patterns.size());
  for (const auto& ap : model.access_patterns) {
    ResolvedPattern rp;
    rp.pattern = &ap;
    rp.entities.reserve(ap.entities.size());
    for (const auto& name : ap.entities) rp.entities.push_back(entity(name));
    rp.key_space = key_space_of(ap.index);
    patterns_.push_back(std::move(rp));
  }
}

const KeySpace* ResolvedModel::key_space(std::string_view index) const {
  if (index.empty()) return &key_spaces_.front();
  auto it = by_index_name_.find(index);
  return it == by_index_name_.end() ? nullptr : &key_spaces_[it->second];
}

const KeySpace* ResolvedModel::key_space_of(const std::optional<std::string>& index) const {
  if (!index) return &key_spaces_.front();
  return index->empty() ? nullptr : key_space(std::string_view(*index));
}

const GlobalSecondaryIndex* ResolvedModel::gsi(std::string_view name) const {
  auto it = gsi_by_name_.find(name);
  return it == gsi_by_name_.end() ? nullptr : key_spaces_[it->second].gsi;
}

const LocalSecondaryIndex* ResolvedModel::lsi(std::string_view name) const {
  auto it = lsi_by_name_.find(name);
  return it == lsi_by_name_.end() ? nullptr : key_spaces_[it->second].lsi;
}

const Entity* ResolvedModel::entity(std::string_view name) const {
  auto it = by_entity_name_.find(name);
  return it == by_entity_name_.end() ? nullptr : it->second;
}

}  // namespace dynamodel
