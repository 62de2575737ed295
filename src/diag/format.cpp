// Text and JSON formatting of findings.
#include "diag/format.hpp"

namespace dynamodel {
namespace {

constexpr const char* kBold = "\033[1m";
constexpr const char* kReset = "\033[0m";
constexpr const char* kDim = "\033[2m";

const char* severity_color(Severity s) {
  switch (s) {
    case Severity::error: return "\033[1;31m";
    case Severity::warning: return "\033[1;33m";
    case Severity::info: return "\033[1;36m";
  }
  return "";
}

void print_location(std::ostream& out, const Location& loc) {
  out << (loc.file.empty() ? "<input>" : loc.file);
  if (loc.line > 0) {
    out << ':' << loc.line;
    if (loc.column > 0) out << ':' << loc.column;
  }
  out << ':';
}

}  // namespace

void print_text(std::ostream& out, const std::vector<Diagnostic>& diagnostics, bool color) {
  for (const auto& d : diagnostics) {
    if (color) out << kBold;
    print_location(out, d.location);
    if (color) out << kReset << ' ' << severity_color(d.severity) << to_string(d.severity) << ':' << kReset;
    else out << ' ' << to_string(d.severity) << ':';
    out << ' ' << d.message << ' ';
    if (color) out << kDim;
    out << '[' << d.rule << ']';
    if (color) out << kReset;
    out << '\n';
    for (const auto& n : d.notes) {
      if (color) out << kBold;
      print_location(out, n.location);
      if (color) out << kReset << " \033[1;30mnote:" << kReset;
      else out << " note:";
      out << ' ' << n.message << '\n';
    }
  }
}

nlohmann::json to_json(const std::vector<Diagnostic>& diagnostics) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& d : diagnostics) {
    nlohmann::json notes = nlohmann::json::array();
    for (const auto& n : d.notes) {
      notes.push_back({{"file", n.location.file}, {"line", n.location.line},
                       {"column", n.location.column}, {"message", n.message}});
    }
    list.push_back({{"rule", d.rule},
                    {"severity", std::string(to_string(d.severity))},
                    {"message", d.message},
                    {"file", d.location.file},
                    {"line", d.location.line},
                    {"column", d.location.column},
                    {"path", d.path},
                    {"notes", notes}});
  }
  return list;
}

}  // namespace dynamodel
