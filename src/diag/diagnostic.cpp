// Severity names and the deterministic ordering of findings.
#include "diag/diagnostic.hpp"

#include <algorithm>
#include <mutex>
#include <tuple>
#include <unordered_set>

namespace dynamodel {

namespace {
/// Every file name seen; a node-based set, so the strings never move.
std::unordered_set<std::string>& file_names() {
  static std::unordered_set<std::string> names;
  return names;
}
std::mutex file_names_mutex;
const std::string* empty_file_name() {
  static const std::string empty;
  return &empty;
}
}  // namespace

FileName::FileName() : name_(empty_file_name()) {}

FileName::FileName(std::string_view name) : name_(empty_file_name()) {
  if (name.empty()) return;
  const std::lock_guard<std::mutex> lock(file_names_mutex);
  name_ = &*file_names().emplace(name).first;
}

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::info:
      return "info";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "error";
}

bool parse_severity(std::string_view text, Severity& out) {
  for (Severity s : {Severity::info, Severity::warning, Severity::error}) {
    if (text == to_string(s)) {
      out = s;
      return true;
    }
  }
  return false;
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.location.file, a.location.line, a.location.column, a.rule, a.message) <
           std::tie(b.location.file, b.location.line, b.location.column, b.rule, b.message);
  });
}

Severity max_severity(const std::vector<Diagnostic>& diagnostics) {
  Severity worst = Severity::info;
  for (const auto& d : diagnostics) worst = std::max(worst, d.severity);
  return worst;
}

}  // namespace dynamodel
