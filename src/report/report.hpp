// The design review report (`dynamodel report`): one view built from the model, its analysis
// and its findings, rendered by templates/report/report.{md,html}.mustache. Sections: summary,
// key design chart, single-table view (sample items), access-pattern matrix, capacity and
// cost, hot keys, item sizes, findings. Deterministic to the byte.
// The cost estimate it shows comes from analysis/cost.hpp.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/analysis.hpp"
#include "analysis/cost.hpp"
#include "diag/diagnostic.hpp"
#include "model/model.hpp"
#include "render/renderer.hpp"

namespace dynamodel {

struct ReportOptions {
  std::string format = "md";  ///< "md" or "html"
  Pricing pricing;
  std::uint64_t seed = 1;  ///< sample items
  int samples_per_entity = 3;
  /// `--verified FILE`: the JSON document of `dynamodel verify --format json` (verify::to_json);
  /// null: no verification section.
  nlohmann::json verified;
};

/// The data the report templates receive (documented in docs/templates.md, section report).
nlohmann::json report_view(const Model& model, const Analysis& analysis, const std::vector<Diagnostic>& findings,
                           const ReportOptions& options);

/// Renders `report/report.<format>.mustache`. Throws TemplateError, PricingError.
std::string render_report(const Model& model, const Analysis& analysis, const std::vector<Diagnostic>& findings,
                          const ReportOptions& options, const TemplateSource& templates);

/// `{{x}}` in HTML: & < > " ' as character references (text and attribute values alike).
std::string escape_html(const std::string& value);

/// `{{x}}` in GitHub Markdown, table cells included: the characters that start inline syntax
/// (\ ` * _ [ ] ~ $ |) get a backslash, & < > become character references, and a line break
/// becomes `<br>` (a cell is one line).
std::string escape_markdown(const std::string& value);

}  // namespace dynamodel
