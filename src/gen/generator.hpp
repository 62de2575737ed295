// Code generation: a target builds a view (JSON) from the model, and its logic-free
// templates in templates/<target>/ print that view into in-memory files.
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "gen/deployed.hpp"  // TargetOptions
#include "model/model.hpp"
#include "render/renderer.hpp"

namespace dynamodel {

/// One file produced by a target; `path` is relative to the output folder.
struct GeneratedFile {
  std::string path;
  std::string contents;
  bool executable = false;  ///< written with mode 0755 (scripts), else 0644
};

/// One file a target renders: template `templates/<target>/<template_file>` into `output_path`.
struct OutputFile {
  std::string template_file;
  std::string output_path;
  bool executable = false;  ///< a script: written with mode 0755
  /// A file per element (one policy per principal): a JSON pointer (`/principals/0`) into the
  /// view, whose value the template sees as `item`. Empty: the template sees the view only.
  std::string item = {};
};

/// A generation target (cloudformation, ...). Adding one = its view builder, its
/// templates, and one line in gen/targets.cpp.
struct Target {
  std::string_view name;
  std::string_view summary;
  /// The view the templates receive (documented in the README; `dynamodel view` prints it).
  nlohmann::json (*build_view)(const Model& model, const TargetOptions& options);
  /// The files to render.
  std::vector<OutputFile> (*outputs)(const Model& model, const TargetOptions& options);
  /// How `{{x}}` is quoted in this target's language.
  Escaper escape;
};

/// Thrown when a generator meets a model it cannot express. The rules report every such
/// model first (with a rule id and a location), so for a model without error findings this is
/// a bug: `generate` reports it as `dynamodel: internal error: ...` (exit 2).
class GenerateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Every target, in the order `--help` lists them.
const std::vector<Target>& targets();
/// The target named `name`, or nullptr.
const Target* find_target(std::string_view name);

/// `text` made safe for one comment line of any target language: control characters and
/// U+2028/U+2029 (line ends in JavaScript) become `?`.
std::string comment_safe(const std::string& text);

/// The view of `target` for `model`, with the common `dynamodel` block
/// (`{version, model_name, model_file}`) that every header uses.
nlohmann::json build_view(const Target& target, const Model& model, const TargetOptions& options = {});

/// Renders every file of `target`. Throws TemplateError or GenerateError; on failure
/// nothing is returned, so nothing is written.
std::vector<GeneratedFile> generate(const Target& target, const Model& model, const TemplateSource& templates,
                                    const TargetOptions& options = {});

/// Target view builders (one file each under gen/).
nlohmann::json cloudformation_view(const Model& model, const TargetOptions& options);
std::vector<OutputFile> cloudformation_outputs(const Model& model, const TargetOptions& options);
/// C++ accessors (gen/cpp.cpp): per model `<model>/` with dynamodel/runtime.{hpp,cpp},
/// `<model>.hpp/.cpp`, `<model>_selftest.cpp` and CMakeLists.txt; `{{x}}` is a C++ string literal.
nlohmann::json cpp_view(const Model& model, const TargetOptions& options);
std::vector<OutputFile> cpp_outputs(const Model& model, const TargetOptions& options);
/// The table settings of every table target (gen/settings.cpp), in neutral names: `on_demand`
/// {max_read, max_write} (request units/s, each a number or false) | false; `warm` {read, write}
/// (units/s) | false; `insights` {mode} | false; `pitr_days` (days) | false; `resource_policy`
/// {document: compact JSON} | false; `consistency` {mode: EVENTUAL|STRONG} | false; `witness`
/// {region} | false.
nlohmann::json table_settings_view(const Table& t);
/// The same for one GSI: `on_demand`, `warm`, `insights`.
nlohmann::json gsi_settings_view(const GlobalSecondaryIndex& g);
/// The stream consumers of `operations:` (gen/operations.cpp), one per
/// `operations.stream_consumers` entry: `name`, `id` (CamelCase), `snake` (snake_case),
/// `function`, `entities`, `events`, `starting_position`, `batch_size` / `batching_window` /
/// `retries` (numbers or false), `bisect` ("true"/"false"), `bisect_flag` (the CLI option), `on_failure` {arn} | false,
/// `has_filters`, `filters` [{pattern: JSON text, last}], `unfiltered` (an entity has no key filter),
/// `filter_criteria` (the whole FilterCriteria as JSON) and `destination_config` (JSON, or "").
nlohmann::json stream_consumers_view(const Model& model);
/// The CloudWatch alarms of `operations.alarms` (gen/operations.cpp, analysis/alarms.hpp), one per
/// alarm: `alarm_id` (the kind's id), `id` (CamelCase, unique), `snake` (snake_case), `suffix` (what
/// follows the table name in the alarm's name), `metric`, `statistic` | false, `extended_statistic`
/// ("p99") | false, `statistic_text`, `table_dimension` (bool: TableName is a dimension),
/// `dimension` {name, value} | false (the second dimension), `threshold` (text), `threshold_why`,
/// `period` (s), `evaluation_periods`, `datapoints`, `comparison`, `why`, `description`.
nlohmann::json alarms_view(const Model& model);
/// Where the alarms notify: {create: true, arn: false} (an SNS topic is generated), {create:
/// false, arn} (the model's topic), or false (no actions, or no alarms).
nlohmann::json alarm_notify_view(const Model& model);
/// The DAX cluster of `operations.dax` (gen/dax.cpp, analysis/dax.hpp), or false without one:
/// `base_name`, `name_suffix` ("-<base>": the cluster's, subnet group's and parameter group's
/// names follow the environment), `role_suffix` ("-<base>-dax"), `node_type`, `nodes`, `subnets`
/// [{id, last}], `security_groups` [{id, last}] and `has_security_groups`, `item_ttl_millis` and `query_ttl_millis`
/// (text), `item_ttl_seconds`, `query_ttl_seconds`, `sse` ("true" or "false"), `endpoint_encryption` (TLS |
/// NONE), `description`, `role_description`, `actions` [{action, last}] (the role's DynamoDB actions) and `patterns`
/// [{id, name, path, cached, why}] (what DAX does with each access pattern).
nlohmann::json dax_view(const Model& model);
/// Terraform (gen/terraform.cpp): main.tf, variables.tf, outputs.tf per model.
nlohmann::json terraform_view(const Model& model, const TargetOptions& options);
std::vector<OutputFile> terraform_outputs(const Model& model, const TargetOptions& options);
/// `{{x}}` for HCL: a double-quoted string with `\"`, `\\`, `\n`, `\r`, `\t`, `\uNNNN` for other
/// control characters, and the template sequences `${` / `%{` written `$${` / `%%{`.
std::string escape_hcl(const std::string& value);
/// AWS CLI scripts (gen/cli_scripts.cpp): `<model>/create-table.sh` and `delete-table.sh`.
nlohmann::json cli_scripts_view(const Model& model, const TargetOptions& options);
std::vector<OutputFile> cli_scripts_outputs(const Model& model, const TargetOptions& options);
/// (`{{x}}` for bash is shell::quote, naming/naming.hpp.)
/// AWS CDK in TypeScript (gen/cdk.cpp): per model a CDK project (lib/<model>-stack.ts, bin/<model>.ts,
/// package.json, tsconfig.json, cdk.json) with a TableV2 or (options.cdk_construct) a Table.
nlohmann::json cdk_view(const Model& model, const TargetOptions& options);
std::vector<OutputFile> cdk_outputs(const Model& model, const TargetOptions& options);
/// IAM policy documents (gen/iam.cpp): `<model>/<principal>.policy.json` per principal
/// (iam/policy.hpp); `{{x}}` is a JSON string.
nlohmann::json iam_view(const Model& model, const TargetOptions& options);
std::vector<OutputFile> iam_outputs(const Model& model, const TargetOptions& options);
/// `{{x}}` for TypeScript (and JSON): a double-quoted JSON string, with U+2028 and U+2029 written
/// `\u2028` / `\u2029`; never a template literal, so `${`, backticks and `*/` stay text.
std::string escape_typescript(const std::string& value);

}  // namespace dynamodel
