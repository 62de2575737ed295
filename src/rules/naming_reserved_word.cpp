// naming/reserved-word: an attribute named like a DynamoDB reserved word needs #name in expressions.
#include "rules/reserved_words.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
namespace {

std::string advice(const std::string& name) {
  return "'" + name +
         "' is a DynamoDB reserved word: every expression (key condition, filter, update, "
         "projection) must name it through ExpressionAttributeNames, e.g. #" +
         name +
         ", or DynamoDB "
         "rejects the request; the generated accessors do, hand-written expressions must too (or rename it)";
}

}  // namespace

extern const Rule kNamingReservedWord = {
    {"naming/reserved-word", Severity::info,
     "an attribute name is a DynamoDB reserved word (expressions must alias it)",
     "A reserved word (case-insensitive: status, name, date, ...) cannot appear bare in an expression; "
     "DynamoDB answers ValidationException 'Attribute name is a reserved keyword' until the expression "
     "uses an #alias.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ReservedWords.html",
     "entities:\n  Order:\n    attributes:\n      status: {type: S}     # STATUS is reserved\n",
     "entities:\n  Order:\n    attributes:\n      orderStatus: {type: S}\n", ""},
    [](const Model& m, const Analysis&, Findings& f) {
      for (const KeyAttribute* k : m.key_declarations())
        if (is_reserved_word(k->name))
          f.report(k->source.at("name"), k->source.path_of("name"), "key attribute " + advice(k->name));
      for (const auto& e : m.entities)
        for (const auto& a : e.attributes)
          if (is_reserved_word(a.name))
            f.report(a.source.location, a.source.path, "attribute " + advice(a.name) + " (in " + e.name + ")");
    }};
}  // namespace dynamodel
