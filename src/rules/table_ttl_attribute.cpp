// table/ttl-attribute: the TTL attribute is a top-level Number (epoch seconds).
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kTableTtlAttribute = {
    {"table/ttl-attribute", Severity::error, "the TTL attribute is not a top-level N attribute",
     "DynamoDB only expires items whose TTL attribute is a Number holding epoch seconds; "
     "any other type is silently ignored and the items never expire.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-before-you-start.html",
     R"(table:
  ttl_attribute: ExpiresAt
entities:
  Session:
    attributes:
      ExpiresAt: {type: S, format: date-time}   # a string: never expires)",
     R"(table:
  ttl_attribute: ExpiresAt
entities:
  Session:
    attributes:
      ExpiresAt: {type: N, format: epoch-seconds, max_digits: 10})",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      if (!m.table.ttl_attribute) return;
      const std::string& ttl = *m.table.ttl_attribute;
      const Location& at = m.table.source.at("ttl_attribute");
      if (ttl.empty()) {
        f.report(at, "table.ttl_attribute", "the TTL attribute name must not be empty");
        return;
      }
      if (m.key_attribute(ttl)) {
        f.report(at, "table.ttl_attribute",
                 "the TTL attribute '" + ttl + "' is a key attribute; use a plain N attribute");
        return;
      }
      bool declared = false;
      for (const auto& e : m.entities) {
        if (const Attribute* a = e.attribute(ttl)) {
          declared = true;
          if (a->type != AttributeType::N)
            f.report(a->source.at("type"), a->source.path_of("type"),
                     "TTL attribute '" + ttl + "' of " + e.name + " is " + std::string(to_string(a->type)) +
                         "; it must be N (epoch seconds), or the items never expire",
                     {Note{at, "the table's TTL attribute is set here"}});
        }
      }
      if (!declared)
        f.report(at, "table.ttl_attribute", "no entity has the TTL attribute '" + ttl + "', so no item ever expires");
    }};
}  // namespace dynamodel
