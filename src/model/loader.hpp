// The model loader: YAML text -> typed Model plus structural findings. The only code
// that includes yaml-cpp.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <span>
#include <string_view>
#include <vector>

#include "diag/diagnostic.hpp"
#include "model/model.hpp"

namespace dynamodel {

/// Model files larger than this are refused before parsing (bytes). Real designs are a
/// few kilobytes; the cap keeps a stray 50 MB file from costing seconds and memory.
inline constexpr std::size_t kMaxModelFileBytes = 4 * 1024 * 1024;

/// Thrown when a model file cannot be read (missing, a directory, unreadable, too large).
/// The message names the path; the CLI prints it after `dynamodel:` and exits 2.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The loader's result: every structural finding (rules `yaml/*` and `schema/*`, all of
/// them, not only the first) and the model when there was no structural error.
struct LoadResult {
  std::optional<Model> model;
  std::vector<Diagnostic> diagnostics;
};

/// The rule ids `lint.disable` may name: the catalogue's (rules/catalogue.hpp
/// known_rule_ids()), which the loader does not know by itself. Empty: any id is accepted.
using RuleIds = std::span<const std::string_view>;

/// Parses model text. `file` is used in locations and in `Model::file`. An id of
/// `lint.disable` outside `known_rule_ids` (when given) is a schema/invalid-value error.
LoadResult load_model_text(std::string_view text, const std::string& file, RuleIds known_rule_ids = {});

/// Reads and parses a model file. Throws InputError when the file cannot be read.
LoadResult load_model_file(const std::filesystem::path& path, RuleIds known_rule_ids = {});

/// The bytes of the model file at `path` (at most kMaxModelFileBytes). Throws InputError,
/// naming the path, when it is missing, a folder, not a regular file, too large or unreadable.
std::string read_model_file(const std::filesystem::path& path);

}  // namespace dynamodel
