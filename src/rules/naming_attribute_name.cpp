// naming/attribute-name: attribute names are 1..65,535 bytes; key attribute names (table and
// index keys, and the entity attributes that carry them), projected and TTL names 1..255 bytes.
#include <set>

#include "rules/rule.hpp"
#include "rules/rule_text.hpp"

namespace dynamodel {
namespace {

/// Constraints.html#limits-naming-rules; the API's KeySchemaAttributeName, NonKeyAttributeName
/// and TimeToLiveAttributeName are {min: 1, max: 255}.
constexpr std::size_t kKeyNameBytes = 255;
/// "at least one character long, but no greater than 64 KB long": the API's AttributeName max.
constexpr std::size_t kNameBytes = 65535;

void check(Findings& f, std::string_view name, bool key, const std::string& what, const Location& at,
           const std::string& path) {
  const std::size_t limit = key ? kKeyNameBytes : kNameBytes;
  if (name.empty()) {
    f.report(at, path, what + " has an empty name; DynamoDB attribute names are at least 1 byte long");
  } else if (name.size() > limit) {
    f.report(at, path,
             what + " " + quote_name(name) + " is " + std::to_string(name.size()) + " bytes long; DynamoDB allows " +
                 (key ? "255 bytes for the name of a key, projected or TTL attribute"
                      : "65,535 bytes for an attribute name") +
                 "; shorten it (every item stores its attribute names, so short names also save size and capacity)");
  }
}

}  // namespace

extern const Rule kNamingAttributeName = {
    {"naming/attribute-name", Severity::error,
     "attribute name empty or too long (255 bytes for key attributes, 65535 otherwise)",
     "DynamoDB rejects an empty attribute name, a name of 64 KB or more, and a key attribute name (table "
     "or index key, INCLUDE projection, TTL attribute) longer than 255 bytes: CreateTable or the first "
     "write fails.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html#limits-naming-rules",
     "table:\n  partition_key: {name: PK, type: S}\nentities:\n  User:\n    attributes:\n"
     "      \"\": {type: S}            # empty name\n",
     "entities:\n  User:\n    attributes:\n      displayName: {type: S}\n", ""},
    [](const Model& m, const Analysis&, Findings& f) {
      std::set<std::string_view> key_names;
      for (const KeyAttribute* k : m.key_declarations()) {
        key_names.insert(k->name);
        check(f, k->name, true, "key attribute", k->source.at("name"), k->source.path_of("name"));
      }
      if (m.table.ttl_attribute) key_names.insert(*m.table.ttl_attribute);
      for (const auto& e : m.entities)
        for (const auto& a : e.attributes)
          check(f, a.name, key_names.count(a.name) > 0,
                std::string(key_names.count(a.name) ? "key attribute" : "attribute") + " of " + e.name,
                a.source.location, a.source.path);
      auto projected = [&](const Projection& p, const std::string& index) {
        if (p.type != ProjectionType::INCLUDE) return;
        for (const auto& name : p.include)
          check(f, name, true, "projected attribute of index " + index, p.source.at("include"),
                p.source.path_of("include"));
      };
      for (const auto& g : m.table.global_secondary_indexes) projected(g.projection, g.name);
      for (const auto& l : m.table.local_secondary_indexes) projected(l.projection, l.name);
    }};
}  // namespace dynamodel
