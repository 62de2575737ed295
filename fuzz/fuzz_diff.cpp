// Harness (c): one input split into two models at the first kSplit line (old before, new
// after; no split line: old == new), both loaded; when the new one loads, `dynamodel diff`'s
// comparison and its three renderings (text, JSON, Markdown). An old model that does not
// load is compared as a missing one (a new table), as `diff --base` does for a new file.
#include "diff/diff.hpp"
#include "fuzz_common.hpp"
#include "rules/catalogue.hpp"

namespace {
/// Between the old and the new model (also in fuzz/yaml.dict and the seed corpus).
constexpr std::string_view kSplit = "\n#@@dynamodel-new@@\n";
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = dynamodel::fuzz::as_text(data, size);
  const std::size_t at = text.find(kSplit);
  const std::string_view old_text = text.substr(0, at);
  const std::string_view new_text = at == std::string_view::npos ? text : text.substr(at + kSplit.size());
  dynamodel::LoadResult old_model = dynamodel::load_model_text(old_text, "old.yaml", dynamodel::known_rule_ids());
  dynamodel::LoadResult new_model = dynamodel::load_model_text(new_text, "new.yaml", dynamodel::known_rule_ids());
  if (!new_model.model) return 0;
  const dynamodel::diff::Result result = dynamodel::diff::compare(old_model.model, *new_model.model);
  (void)dynamodel::diff::to_text(result);
  (void)dynamodel::diff::to_json_text(result);
  (void)dynamodel::diff::to_markdown(result);
  (void)result.one_safe_step();
  return 0;
}
