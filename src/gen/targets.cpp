// The registry of generation targets, and the rendering loop they share.
#include <filesystem>

#include "dynamodel/version.hpp"
#include "gen/generator.hpp"
#include "naming/naming.hpp"

namespace dynamodel {

const std::vector<Target>& targets() {
  static const std::vector<Target> list = {
      {"cloudformation", "AWS CloudFormation template (YAML) with the table, autoscaling and outputs",
       cloudformation_view, cloudformation_outputs, escape_cloudformation},
      {"cdk", "AWS CDK app in TypeScript: a stack with a TableV2 (or Table), package.json, tsconfig.json", cdk_view,
       cdk_outputs, escape_typescript},
      {"terraform",
       "Terraform: aws_dynamodb_table (or the terraform-aws-modules module), autoscaling, variables, outputs",
       terraform_view, terraform_outputs, escape_hcl},
      {"cli", "AWS CLI bash scripts that create (idempotently) and delete the table", cli_scripts_view,
       cli_scripts_outputs, shell::quote},
      {"iam", "IAM policy documents (JSON), one per principal: the least privilege of its access patterns", iam_view,
       iam_outputs, escape_typescript},
      {"cpp", "C++20 typed accessors: runtime, one function per access pattern, self-test, CMakeLists.txt", cpp_view,
       cpp_outputs, cpp::literal},
  };
  return list;
}

const Target* find_target(std::string_view name) {
  for (const auto& t : targets())
    if (t.name == name) return &t;
  return nullptr;
}

std::string comment_safe(const std::string& text) {
  std::string out;
  for (unsigned char c : text) out += (c < 0x20 || c == 0x7f) ? '?' : static_cast<char>(c);
  // U+2028 and U+2029 end a line in JavaScript and TypeScript (and so a `//` comment).
  for (const char* sep : {"\xE2\x80\xA8", "\xE2\x80\xA9"})
    for (std::size_t at = out.find(sep); at != std::string::npos; at = out.find(sep, at + 1)) out.replace(at, 3, "?");
  return out;
}

nlohmann::json build_view(const Target& target, const Model& model, const TargetOptions& options) {
  nlohmann::json view = target.build_view(model, options);
  view["dynamodel"] = {
      {"version", kVersion},
      {"model_name", model.name},
      {"model_file", comment_safe(std::filesystem::path(model.file).filename().string())},
  };
  return view;
}

std::vector<GeneratedFile> generate(const Target& target, const Model& model, const TemplateSource& templates,
                                    const TargetOptions& options) {
  const nlohmann::json view = build_view(target, model, options);
  // `{{>name}}` is templates/<target>/partials/<name>.mustache.
  const PartialLoader partials = [&](const std::string& partial) {
    if (partial.empty() || partial.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
      throw TemplateError("a partial's name is made of a-z, 0-9 and _");
    return templates.load(std::string(target.name) + "/partials/" + partial + ".mustache");
  };
  std::vector<GeneratedFile> files;
  for (const auto& out : target.outputs(model, options)) {
    const std::string name = std::string(target.name) + "/" + out.template_file;
    nlohmann::json scoped;
    if (!out.item.empty()) {
      scoped = view;
      scoped["item"] = view.at(nlohmann::json::json_pointer(out.item));
    }
    files.push_back(
        {out.output_path,
         render_template(name, templates.load(name), out.item.empty() ? view : scoped, target.escape, partials),
         out.executable});
  }
  return files;
}

}  // namespace dynamodel
