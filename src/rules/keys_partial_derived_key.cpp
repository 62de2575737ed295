// keys/partial-derived-key: an UpdateItem that changes part of an index key's inputs.
#include "rules/coverage_findings.hpp"

namespace dynamodel {
namespace {

Wording describe(const CoverageProblem& p) {
  const std::string unknown = joined(p.other_names);
  return {"UpdateItem changes " + joined(p.names) + ", an input of " + p.attribute + " \"" + p.key_template +
              "\", but not " + unknown + ": the new " + p.attribute +
              " cannot be built, so the index entry would go stale; add " + unknown +
              " to `set` (or to the pattern's key)",
          {Note{p.template_location, p.entity + "." + p.attribute + " is built here"}}};
}
}  // namespace

extern const Rule kKeysPartialDerivedKey = {
    {"keys/partial-derived-key", Severity::error,
     "an UpdateItem changes an attribute that feeds an index key without all other inputs of that key",
     "An index key such as GSI1PK = \"STATUS#{status}#{region}\" is stored on the item, built from its inputs. An "
     "UpdateItem that changes `status` must write the new GSI1PK too, and to build it needs every other input: "
     "each must be set by the same update or be a parameter of the pattern's key. Otherwise the index entry "
     "keeps the old value and Queries on the index return stale or missing items. (An input that the update "
     "neither changes nor knows is 'another input' here.)",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-gsi-overloading.html",
     "    keys: {GSI1PK: \"STATUS#{status}#{region}\"}\n  - name: setStatus\n    operation: UpdateItem\n"
     "    key: {PK: \"ORDER#{orderId}\"}\n    set: [status]\n",
     "    set: [status, region]\n", ""},
    [](const Model&, const Analysis& a, Findings& f) { report_coverage_problems(a, kKeysPartialDerivedKey, f); },
    nullptr,
    describe};
}  // namespace dynamodel
