// Harness (b): for every input that loads, the report (Markdown and HTML, built-in prices),
// and, when it has no error finding (as `dynamodel generate` requires), every target with
// each target option: rendered in memory only, nothing is written.
#include "fuzz_common.hpp"
#include "report/report.hpp"

namespace {

// A model that a target cannot express is a documented refusal (GenerateError); any other
// exception (TemplateError from the built-in templates, PricingError from the built-in
// prices, std::out_of_range, ...) escapes, and libFuzzer reports it as a crash.
void generate_all(const dynamodel::Model& model) {
  static const dynamodel::TemplateSource templates;
  const dynamodel::TargetOptions defaults{"resource", "TableV2"}, others{"module", "Table"};
  for (const auto& target : dynamodel::targets()) {
    // Only terraform and cdk read the options: the other variant is rendered for them alone.
    const bool has_options = target.name == "terraform" || target.name == "cdk";
    for (const auto* options : {&defaults, &others}) {
      if (options == &others && !has_options) continue;
      try {
        (void)dynamodel::generate(target, model, templates, *options);
      } catch (const dynamodel::GenerateError&) {
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const dynamodel::cli::Checked checked =
      dynamodel::fuzz::check_text(dynamodel::fuzz::as_text(data, size), "fuzz.yaml");
  if (!checked.model) return 0;
  static const dynamodel::TemplateSource templates;
  dynamodel::ReportOptions options;
  options.pricing = dynamodel::default_pricing();
  for (const char* format : {"md", "html"}) {
    options.format = format;
    (void)dynamodel::render_report(*checked.model, *checked.analysis, checked.diagnostics, options, templates);
  }
  if (dynamodel::cli::errors_of(checked).empty()) generate_all(*checked.model);
  return 0;
}
