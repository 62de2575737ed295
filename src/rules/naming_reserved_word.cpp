// naming/reserved-word: an attribute named like a DynamoDB reserved word needs #name in expressions
// (one finding per name, its other declarations as notes).
#include <map>

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
      // One finding per name, where it is first declared (a key attribute, else the first entity
      // that has it); every other declaration of the same name is a note of that finding.
      struct Use {
        Location location;
        std::string path, message, fix;
        std::vector<Note> notes;
      };
      std::vector<Use> uses;
      std::map<std::string, std::size_t, std::less<>> by_name;
      const auto add = [&](const std::string& name, const Location& at, const std::string& path,
                           const std::string& what, const std::string& where) {
        if (!is_reserved_word(name)) return;
        const auto [it, first] = by_name.emplace(name, uses.size());
        if (first)
          uses.push_back({at,
                          path,
                          what + advice(name) + where,
                          "Write #" + name + " with ExpressionAttributeNames {\"#" + name + "\": \"" + name +
                              "\"} in hand-written expressions" + where + ", or rename " + name + " (for example to " +
                              name + "Value) while the table holds no data.",
                          {}});
        else
          uses[it->second].notes.push_back({at, "'" + name + "' is also declared here" + where});
      };
      for (const KeyAttribute* k : m.key_declarations())
        add(k->name, k->source.at("name"), k->source.path_of("name"), "key attribute ", "");
      for (const auto& e : m.entities)
        for (const auto& a : e.attributes)
          add(a.name, a.source.location, a.source.path, "attribute ", " (in " + e.name + ")");
      for (auto& u : uses) {
        f.report(u.location, u.path, u.message, std::move(u.notes));
        f.fix(std::move(u.fix));
      }
    }};
}  // namespace dynamodel
