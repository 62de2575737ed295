// The repository configuration file `.dynamodel.yaml`: defaults for `validate` (and the target
// options of `generate`) shared by every model of a repository. Read with yaml-cpp here, the
// only place besides the loader that sees it. Precedence (README "Repository configuration"):
// command-line flags > the model's `lint:` > this file > built-in defaults.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "diag/diagnostic.hpp"

namespace dynamodel {

/// The name the configuration file is discovered by.
inline constexpr const char* kConfigFileName = ".dynamodel.yaml";

/// What `.dynamodel.yaml` may set, each optional:
/// ```yaml
/// fail_on: warning                       # error | warning | info | none
/// disable: [access/scan]                 # rule ids, added to the model's lint.disable
/// severity: {"size/*": error}            # rule id or group -> error | warning | info
/// quota: {global_secondary_indexes: 25}  # when the model's lint.quota does not say
/// default_rate_per_second: 50            # when the model's lint does not say
/// target_options: {terraform_style: module, cdk_construct: Table}
/// exclude: ["legacy/**", "*.draft.yaml"] # paths (globs) relative to this file's folder
/// ```
struct RepoConfig {
  std::filesystem::path file;  ///< where it was read from; empty: no configuration
  std::optional<std::string> fail_on;
  std::vector<std::string> disable;
  std::vector<std::pair<std::string, std::string>> severity;  ///< pattern, level (as written)
  std::optional<std::int64_t> gsi_quota;
  std::optional<double> default_rate_per_second;
  std::optional<std::string> terraform_style;
  std::optional<std::string> cdk_construct;
  std::vector<std::string> exclude;
};

/// The result of reading a configuration file: the settings, or the problems (each an error
/// finding at the file's line and column: schema/unknown-field with the closest name,
/// schema/invalid-value, yaml/syntax).
struct ConfigResult {
  RepoConfig config;
  std::vector<Diagnostic> problems;
};

/// Reads the configuration file at `path`. Throws InputError when it cannot be read.
ConfigResult load_config_file(const std::filesystem::path& path);

/// The `.dynamodel.yaml` of `start` or of its nearest parent folder, stopping at the root of
/// the repository (a folder holding `.git`) or of the file system; nullopt when there is none.
std::optional<std::filesystem::path> discover_config(const std::filesystem::path& start);

/// True when `path` (as given on the command line or found in a folder) matches one of the
/// config's `exclude` globs, each relative to the config file's folder (`*` also crosses `/`,
/// so `legacy/**` and `legacy/*` both hold every file below legacy/).
bool excluded_by(const RepoConfig& config, const std::filesystem::path& path);

}  // namespace dynamodel
