// size/unbounded: attributes without a size bound (one finding per model, each attribute a note);
// the estimates use the documented default.
#include "analysis/sizes.hpp"
#include "rules/rule.hpp"
#include "rules/size_common.hpp"

namespace dynamodel {
extern const Rule kSizeUnbounded = {
    {"size/unbounded", Severity::info, "an attribute has no size bound; the estimate uses the documented default",
     "Item size drives the 400 KB limit and every RCU/WCU estimate. An S, B, L, M or set attribute without "
     "max_length, max_bytes, max_items, enum or format has no bound, so dynamodel counts it as up to 1 KB (1,024 "
     "bytes). "
     "Typically it counts a string as 100 bytes, since the strings designs leave unbounded are mostly names, "
     "titles, e-mail addresses and ids, and other values as 512 bytes. Declare the real bound, or the entity's typical "
     "item size (expected.item_bytes), so that size "
     "and capacity findings are right.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html",
     "attributes:\n  notes: {type: S}\n", "attributes:\n  notes: {type: S, max_length: 500}\n", ""},
    [](const Model& m, const Analysis&, Findings& f) {
      // One finding per model, at the first unbounded attribute; each attribute is a note with
      // the bound it lacks (a design with no bounds at all would otherwise read as dozens of
      // findings of one kind).
      std::vector<Note> notes;
      std::vector<std::string> names;
      const Attribute* first = nullptr;
      for (const auto& e : m.entities) {
        if (e.expected.item_bytes) continue;  // the entity states its typical size as a whole
        for (const auto& a : e.attributes) {
          if (a.key_only || value_size(a).bounded) continue;
          const std::string hint = a.type == AttributeType::S   ? "max_length (or max_bytes, enum, format)"
                                   : a.type == AttributeType::B ? "max_bytes"
                                   : a.type == AttributeType::L || a.type == AttributeType::M
                                       ? "max_bytes"
                                       : "max_items with max_length (or max_bytes)";
          if (!first) first = &a;
          names.push_back(e.name + "." + a.name);
          notes.push_back({a.source.location, e.name + "." + a.name + " (" + std::string(to_string(a.type)) +
                                                  ") has no size bound: add " + hint});
        }
      }
      if (!first) return;
      std::string list;
      for (std::size_t i = 0; i < names.size() && i < 5; ++i) list += (i ? ", " : "") + names[i];
      if (names.size() > 5) list += " and " + std::to_string(names.size() - 5) + " more";
      f.report(first->source.location, first->source.path,
               std::to_string(names.size()) + (names.size() == 1 ? " attribute has" : " attributes have") +
                   " no size bound (" + list + "); item size and capacity estimates count each as up to " +
                   with_commas(limits::kUnboundedValueBytes) + " bytes, a string typically " +
                   with_commas(limits::kUnboundedStringTypicalBytes) +
                   " (dynamodel's defaults: most unbounded strings are names, titles, e-mail addresses or ids; a "
                   "long text needs a bound to be counted right). State the real bounds (the notes say which "
                   "field each needs), or the entity's typical size as expected.item_bytes, so that size and "
                   "capacity findings are right",
               std::move(notes));
    }};
}  // namespace dynamodel
