// table/resource-policy-document: a resource policy must be an IAM policy document (with Statement).
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kTableResourcePolicyDocument = {
    {"table/resource-policy-document", Severity::error,
     "`resource_policy` that is not a policy document (no Statement)",
     "A DynamoDB resource-based policy is an IAM policy document: a JSON object whose `Statement` lists the "
     "permissions (with `Version` 2012-10-17). A file that lacks `Statement` is not one, and PutResourcePolicy "
     "refuses it; it is usually the wrong file.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/access-control-resource-based.html",
     "table:\n  resource_policy: {Version: \"2012-10-17\"}\n",
     "table:\n  resource_policy: policies/table.json   # {\"Version\": \"2012-10-17\", \"Statement\": [...]}\n", ""},
    [](const Model& m, const Analysis&, Findings& f) {
      const auto& p = m.table.resource_policy;
      if (!p || p->document.empty() || p->has_statement) return;
      f.report(p->source.location, "table.resource_policy",
               "the resource policy" + (p->file.empty() ? std::string() : " in '" + p->file + "'") +
                   " has no Statement: it is not an IAM policy document");
    }};
}  // namespace dynamodel
