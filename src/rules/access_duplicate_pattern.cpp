// access/duplicate-pattern: two access patterns with one id or one name.
#include <map>

#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kAccessDuplicatePattern = {
    {"access/duplicate-pattern", Severity::error, "two access patterns share an id or a name",
     "An access pattern's id is how reviews, findings and reports refer to it, and its name becomes the "
     "generated accessor's function name: two patterns with one id are ambiguous, two with one name would "
     "generate two functions with the same signature or silently overload them.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-general-nosql-design.html",
     "  - {id: AP1, name: getUser, ...}\n  - {id: AP1, name: getOrder, ...}\n",
     "  - {id: AP1, name: getUser, ...}\n  - {id: AP2, name: getOrder, ...}\n", ""},
    [](const Model& m, const Analysis&, Findings& f) {
      std::map<std::string, const AccessPattern*> ids, names;
      for (const auto& ap : m.access_patterns) {
        if (!ap.id.empty()) {
          auto [it, fresh] = ids.emplace(ap.id, &ap);
          if (!fresh)
            f.report(ap.source.at("id"), ap.source.path_of("id"),
                     "access pattern id " + ap.id + " is used twice: give each pattern its own id",
                     {Note{it->second->source.at("id"), ap.id + " is first used here"}});
        }
        if (!ap.name.empty()) {
          auto [it, fresh] = names.emplace(ap.name, &ap);
          if (!fresh)
            f.report(ap.source.at("name"), ap.source.path_of("name"),
                     "access pattern name " + ap.name + " is used twice (" + it->second->id + " and " + ap.id +
                         "): the name becomes the accessor's function name, so it must be unique",
                     {Note{it->second->source.at("name"), ap.name + " is first used here"}});
        }
      }
    }};
}  // namespace dynamodel
