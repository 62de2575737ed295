// A rule's metadata, shared by the design rules (rules/), the change rules of `dynamodel diff`
// (diff/) and the catalogue that lists them both; it depends on neither.
#pragma once

#include <string_view>

#include "diag/diagnostic.hpp"

namespace dynamodel {

/// A rule's metadata: its stable id (docs/rules.md), default severity, a one-line summary,
/// why it matters, the AWS documentation page behind it, a failing and a passing model
/// excerpt (YAML), and the matching ids of other tools ("checkov CKV_AWS_28, trivy
/// AVD-AWS-0024"; empty when none). docs/rules.md is generated from these.
struct RuleInfo {
  std::string_view id;
  Severity severity;
  std::string_view summary;
  std::string_view why;
  std::string_view source;  ///< AWS documentation URL
  std::string_view fail_example = {};
  std::string_view pass_example = {};
  std::string_view equivalents = {};
};

}  // namespace dynamodel
