// size/unbounded: an attribute without a size bound; the estimates use the documented default.
#include "analysis/sizes.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kSizeUnbounded = {
    {"size/unbounded", Severity::info, "an attribute has no size bound; the estimate uses the documented default",
     "Item size drives the 400 KB limit and every RCU/WCU estimate. An S, B, L, M or set attribute without "
     "max_length, max_bytes, max_items, enum or format has no bound, so dynamodel counts it as 1 KB (1,024 bytes; "
     "512 typical). Declare the real bound so that size and capacity findings are right.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html",
     "attributes:\n  notes: {type: S}\n", "attributes:\n  notes: {type: S, max_length: 500}\n", ""},
    [](const Model& m, const Analysis&, Findings& f) {
      for (const auto& e : m.entities)
        for (const auto& a : e.attributes) {
          const ValueSize v = value_size(a);
          if (v.bounded) continue;
          std::string hint = a.type == AttributeType::S   ? "max_length (or max_bytes, enum, format)"
                             : a.type == AttributeType::B ? "max_bytes"
                             : a.type == AttributeType::L || a.type == AttributeType::M
                                 ? "max_bytes"
                                 : "max_items with max_length (or max_bytes)";
          f.report(a.source.location, a.source.path,
                   e.name + "." + a.name + " (" + std::string(to_string(a.type)) +
                       ") has no size bound; item size and "
                       "capacity estimates count it as " +
                       std::to_string(limits::kUnboundedValueBytes) +
                       " bytes (dynamodel's default for unbounded values). Add " + hint + " to state the real bound");
        }
    }};
}  // namespace dynamodel
