// `.dynamodel.yaml`, the repository configuration (model/config.hpp).
#include "model/config.hpp"

#include <fnmatch.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>

#include "model/loader.hpp"
#include "model/text.hpp"

namespace dynamodel {
namespace {

namespace fs = std::filesystem;

constexpr std::array<std::string_view, 7> kFields = {
    "fail_on", "disable", "severity", "quota", "default_rate_per_second", "target_options", "exclude"};

struct ConfigReader {
  FileName file;
  std::vector<Diagnostic>& problems;

  Location at(const YAML::Node& n) const {
    const auto m = n.Mark();
    return m.line < 0 ? Location{file, 0, 0} : Location{file, m.line + 1, m.column + 1};
  }
  void problem(const std::string& rule, const YAML::Node& n, const std::string& message) {
    problems.push_back(Diagnostic{rule, Severity::error, message, at(n), "", {}, {}, {}});
  }
  std::optional<std::string> string(const YAML::Node& n, const std::string& what) {
    if (!n.IsScalar()) {
      problem("schema/invalid-value", n, what + " must be a string");
      return std::nullopt;
    }
    return n.Scalar();
  }
  std::optional<std::string> one_of(const YAML::Node& n, const std::string& what,
                                    const std::vector<std::string_view>& allowed) {
    auto s = string(n, what);
    if (s && std::find(allowed.begin(), allowed.end(), *s) == allowed.end()) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      problem("schema/invalid-value", n, what + ": '" + *s + "' is not one of " + list);
      return std::nullopt;
    }
    return s;
  }
  std::vector<std::string> strings(const YAML::Node& n, const std::string& what) {
    std::vector<std::string> out;
    if (!n.IsSequence()) {
      problem("schema/invalid-value", n, what + " must be a list of strings");
      return out;
    }
    for (const auto& item : n)
      if (auto s = string(item, what + " entry")) out.push_back(*s);
    return out;
  }
  template <typename T>
  std::optional<T> number(const YAML::Node& n, const std::string& what, T minimum) {
    T value{};
    if (!n.IsScalar() || !YAML::convert<T>::decode(n, value) || value < minimum) {
      problem("schema/invalid-value", n, what + " must be a number of at least " + std::to_string(minimum));
      return std::nullopt;
    }
    return value;
  }
  /// The keys of mapping `n` outside `known`, each a schema/unknown-field with the closest name.
  bool check_keys(const YAML::Node& n, const std::string& what, const std::vector<std::string_view>& known) {
    if (!n.IsMap()) {
      problem("schema/invalid-value", n, what + " must be a mapping");
      return false;
    }
    for (const auto& kv : n) {
      const auto key = kv.first.as<std::string>("");
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      std::string message = "unknown field '" + key + "' in " + what;
      if (auto best = closest_match(key, known)) message += "; did you mean '" + *best + "'?";
      problem("schema/unknown-field", kv.first, message);
    }
    return true;
  }
};

}  // namespace

ConfigResult load_config_file(const fs::path& path) {
  const std::string text = read_model_file(path);
  ConfigResult result;
  result.config.file = path;
  ConfigReader r{FileName(path.string()), result.problems};
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    result.problems.push_back(Diagnostic{
        "yaml/syntax", Severity::error, e.msg, Location{r.file, e.mark.line + 1, e.mark.column + 1}, "", {}, {}, {}});
    return result;
  }
  if (root.IsNull()) return result;  // an empty file: no settings
  if (!r.check_keys(root, kConfigFileName, {kFields.begin(), kFields.end()})) return result;
  RepoConfig& c = result.config;
  if (auto n = root["fail_on"]) c.fail_on = r.one_of(n, "fail_on", {"error", "warning", "info", "none"});
  if (auto n = root["disable"]) c.disable = r.strings(n, "disable");
  if (auto n = root["severity"]) {
    if (!n.IsMap())
      r.problem("schema/invalid-value", n, "severity must be a mapping of rule ids or groups to levels");
    else
      for (const auto& kv : n)
        if (auto level =
                r.one_of(kv.second, "severity of " + kv.first.as<std::string>(""), {"error", "warning", "info"}))
          c.severity.emplace_back(kv.first.as<std::string>(""), *level);
  }
  if (auto n = root["quota"]; n && r.check_keys(n, "quota", {"global_secondary_indexes"}))
    if (auto q = n["global_secondary_indexes"])
      c.gsi_quota = r.number<std::int64_t>(q, "quota.global_secondary_indexes", 1);
  if (auto n = root["default_rate_per_second"])
    c.default_rate_per_second = r.number<double>(n, "default_rate_per_second", 0.0);
  if (auto n = root["target_options"]; n && r.check_keys(n, "target_options", {"terraform_style", "cdk_construct"})) {
    if (auto t = n["terraform_style"])
      c.terraform_style = r.one_of(t, "target_options.terraform_style", {"resource", "module"});
    if (auto t = n["cdk_construct"])
      c.cdk_construct = r.one_of(t, "target_options.cdk_construct", {"auto", "TableV2", "Table"});
  }
  if (auto n = root["exclude"]) c.exclude = r.strings(n, "exclude");
  return result;
}

std::optional<fs::path> discover_config(const fs::path& start) {
  std::error_code ec;
  for (fs::path dir = fs::absolute(start, ec); !dir.empty(); dir = dir.parent_path()) {
    if (fs::is_regular_file(dir / kConfigFileName, ec)) return dir / kConfigFileName;
    if (fs::exists(dir / ".git", ec) || dir == dir.parent_path()) break;
  }
  return std::nullopt;
}

bool excluded_by(const RepoConfig& config, const fs::path& path) {
  if (config.exclude.empty()) return false;
  std::error_code ec;
  const fs::path base = fs::absolute(config.file, ec).parent_path();
  const std::string relative = fs::absolute(path, ec).lexically_normal().lexically_relative(base).generic_string();
  if (relative.empty() || relative.rfind("..", 0) == 0) return false;
  return std::any_of(config.exclude.begin(), config.exclude.end(),
                     [&](const std::string& pattern) { return ::fnmatch(pattern.c_str(), relative.c_str(), 0) == 0; });
}

}  // namespace dynamodel
