// table/key-type: key attributes of the table and its indexes are S, N or B.
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kTableKeyType = {
    {"table/key-type", Severity::error, "a key attribute type is not S, N or B",
     "Partition and sort keys of tables and indexes must be top-level String, Number or Binary attributes.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/"
     "HowItWorks.CoreComponents.html#HowItWorks.CoreComponents.PrimaryKey",
     R"(table:
  partition_key: {name: PK, type: BOOL}   # keys are S, N or B)",
     R"(table:
  partition_key: {name: PK, type: S})",
     "cfn-lint E3030"},
    [](const Model& m, const Analysis&, Findings& f) {
      for (const auto* k : m.key_declarations())
        if (!is_scalar_key_type(k->type))
          f.report(k->source.at("type"), k->source.path_of("type"),
                   "key attribute '" + k->name + "' has type " + std::string(to_string(k->type)) +
                       "; a key attribute must be S, N or B");
    }};
}  // namespace dynamodel
