// Renders logic-free mustache templates (kainjow mustache) from a JSON view, strictly:
// a variable or section the view lacks is an error, never an empty string.
#pragma once

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace dynamodel {

/// Thrown for a template that cannot be found or parsed, or that references names the
/// view does not have. The message names the template.
class TemplateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Turns a view value into target-language text for `{{name}}`. (`{{{name}}}` is never
/// escaped: templates use it only for numbers and keywords the loader has validated.)
using Escaper = std::function<std::string(const std::string&)>;

/// `{{x}}` becomes a YAML double-quoted scalar (JSON string syntax, a subset of YAML's).
std::string escape_yaml(const std::string& value);

/// `{{x}}` for CloudFormation YAML: a double-quoted scalar, or, when the text holds `${`
/// (which cfn-lint reads as a misplaced parameter reference, E1029), a `!Join` of pieces
/// split between `$` and `{`, which CloudFormation joins back into the literal text.
std::string escape_cloudformation(const std::string& value);

/// Where templates come from: the ones embedded at build time, or, for each file that
/// exists there, `override_dir/<target>/<file>` (`--templates DIR`).
struct TemplateSource {
  std::optional<std::filesystem::path> override_dir;

  /// The text of template `relative_path` (`cloudformation/table.yaml.mustache`).
  std::string load(const std::string& relative_path) const;
};

/// The text of partial `name` (`{{>name}}`); throws TemplateError when there is none.
using PartialLoader = std::function<std::string(const std::string& name)>;

/// Renders `text` (named `name` in errors) with `view`; `{{>x}}` takes its text from `partials`:
/// alone on a line, its lines; inside a line, its text without the last newline. Throws TemplateError.
std::string render_template(const std::string& name, const std::string& text, const nlohmann::json& view,
                            const Escaper& escape, const PartialLoader& partials = {});

}  // namespace dynamodel
