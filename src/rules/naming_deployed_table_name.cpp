// naming/deployed-table-name: `<environment>-<table.name>` must stay within 255 characters.
#include "rules/rule.hpp"

namespace dynamodel {
namespace {
/// DynamoDB's longest table name (HowItWorks.NamingRulesDataTypes).
constexpr std::size_t kMaxTableName = 255;
/// Every target deploys `<environment>-<table.name>`, with the environment `dev` by default.
constexpr std::size_t kDefaultPrefix = sizeof("dev-") - 1;
}  // namespace

extern const Rule kNamingDeployedTableName = {
    {"naming/deployed-table-name", Severity::error,
     "`dev-` + table name passes 255 characters (table name over 251 characters)",
     "Every target deploys the table as `<environment>-<table.name>` (environment `dev` unless the deployment "
     "sets another), and DynamoDB table names are at most 255 characters: a table name of more than 251 "
     "characters cannot be deployed even with the default environment (CloudFormation's Environment "
     "parameter could not even default to `dev`). Leave room for the longest environment you use.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html",
     "table:\n  name: \"<252 characters>\"   # dev-<name> is 256 characters\n",
     "table:\n  name: \"<251 characters>\"   # dev-<name> is 255 characters\n", ""},
    [](const Model& m, const Analysis&, Findings& f) {
      const std::size_t n = m.table.name.size();
      // Over 255 on its own is naming/table-name's finding.
      if (n + kDefaultPrefix <= kMaxTableName || n > kMaxTableName) return;
      f.report(m.table.source.at("name"), "table.name",
               "table name of " + std::to_string(n) + " characters: the deployed name dev-" + "<name> has " +
                   std::to_string(n + kDefaultPrefix) +
                   ", over DynamoDB's 255; shorten it to at most 251 characters (less for longer environments)");
    }};
}  // namespace dynamodel
