// Text and JSON formatting of findings.
#include "diag/format.hpp"

namespace dynamodel {
namespace {

constexpr const char* kBold = "\033[1m";
constexpr const char* kReset = "\033[0m";
constexpr const char* kDim = "\033[2m";

const char* severity_color(Severity s) {
  switch (s) {
    case Severity::error:
      return "\033[1;31m";
    case Severity::warning:
      return "\033[1;33m";
    case Severity::info:
      return "\033[1;36m";
  }
  return "";
}

void print_location(std::ostream& out, const Location& loc) {
  out << (loc.file.empty() ? "<input>" : loc.file.str());
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
    if (color)
      out << kReset << ' ' << severity_color(d.severity) << to_string(d.severity) << ':' << kReset;
    else
      out << ' ' << to_string(d.severity) << ':';
    out << ' ' << d.message << ' ';
    if (color) out << kDim;
    out << '[' << d.rule << ']';
    if (color) out << kReset;
    out << '\n';
    for (const auto& n : d.notes) {
      if (color) out << kBold;
      print_location(out, n.location);
      if (color)
        out << kReset << " \033[1;30mnote:" << kReset;
      else
        out << " note:";
      out << ' ' << n.message << '\n';
    }
  }
}

nlohmann::json to_json(const std::vector<Diagnostic>& diagnostics) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& d : diagnostics) {
    nlohmann::json notes = nlohmann::json::array();
    for (const auto& n : d.notes) {
      notes.push_back({{"file", n.location.file.str()},
                       {"line", n.location.line},
                       {"column", n.location.column},
                       {"message", n.message}});
    }
    nlohmann::json entry = {{"rule", d.rule},          {"severity", std::string(to_string(d.severity))},
                            {"message", d.message},    {"file", d.location.file.str()},
                            {"line", d.location.line}, {"column", d.location.column},
                            {"path", d.path},          {"notes", notes}};
    // Present only when the rule wrote them: the fix for this model, the driving patterns.
    if (!d.fix.empty()) entry["fix"] = d.fix;
    if (!d.patterns.empty()) entry["patterns"] = d.patterns;
    list.push_back(std::move(entry));
  }
  return list;
}

}  // namespace dynamodel

namespace dynamodel {
namespace {

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + ' ' + (n == 1 ? one : many);
}

/// Percent-encodes what a URI path may not hold (RFC 3986 unreserved characters and '/' stay).
std::string uri_path(std::string_view path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

/// A SARIF physicalLocation: the file relative to %SRCROOT% (absolute paths as file:// URIs).
nlohmann::json physical_location(const Location& loc) {
  std::string_view file = loc.file.str();
  while (file.rfind("./", 0) == 0) file.remove_prefix(2);
  nlohmann::json artifact;
  if (!file.empty() && file.front() == '/') {
    artifact = {{"uri", "file://" + uri_path(file)}};
  } else {
    artifact = {{"uri", uri_path(file)}, {"uriBaseId", "%SRCROOT%"}};
  }
  nlohmann::json physical = {{"artifactLocation", artifact}};
  if (loc.line > 0) {
    nlohmann::json region = {{"startLine", loc.line}};
    if (loc.column > 0) region["startColumn"] = loc.column;
    physical["region"] = region;
  }
  return physical;
}

const char* sarif_level(Severity s) {
  switch (s) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::info:
      return "note";
  }
  return "none";
}

/// GitHub's escaping of a workflow command's message (toolkit `escapeData`).
std::string escape_data(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out += c;
  }
  return out;
}

/// The escaping of a property value (toolkit `escapeProperty`): also ':' and ','.
std::string escape_property(std::string_view text) {
  std::string out;
  for (char c : escape_data(text)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

}  // namespace

std::string location_text(const Location& loc) {
  std::string out = loc.file.empty() ? "<input>" : loc.file.str();
  if (loc.line > 0) {
    out += ':' + std::to_string(loc.line);
    if (loc.column > 0) out += ':' + std::to_string(loc.column);
  }
  return out;
}

std::string message_with_notes(const Diagnostic& d) {
  std::string message = d.message;
  for (const auto& n : d.notes) message += "\nnote: " + location_text(n.location) + ": " + n.message;
  return message;
}

std::string summary_line(const std::vector<Diagnostic>& diagnostics, std::size_t files) {
  std::size_t counts[3] = {0, 0, 0};
  for (const auto& d : diagnostics) ++counts[static_cast<int>(d.severity)];
  return plural(counts[2], "error", "errors") + ", " + plural(counts[1], "warning", "warnings") + ", " +
         std::to_string(counts[0]) + " info in " + plural(files, "file", "files");
}

nlohmann::json to_sarif(const std::vector<Diagnostic>& diagnostics, const std::vector<SarifRule>& rules,
                        std::string_view version, std::string_view information_uri,
                        const std::vector<SuppressedFinding>& suppressed) {
  nlohmann::json descriptors = nlohmann::json::array();
  for (const auto& r : rules) {
    nlohmann::json d = {{"id", r.id},
                        {"shortDescription", {{"text", r.summary}}},
                        {"defaultConfiguration", {{"level", sarif_level(r.severity)}}}};
    if (!r.why.empty()) d["fullDescription"] = {{"text", r.why}};
    if (!r.help_uri.empty()) d["helpUri"] = r.help_uri;
    descriptors.push_back(std::move(d));
  }
  nlohmann::json results = nlohmann::json::array();
  std::vector<const Diagnostic*> all;
  all.reserve(diagnostics.size() + suppressed.size());
  for (const auto& d : diagnostics) all.push_back(&d);
  for (const auto& s : suppressed) all.push_back(&s.finding);
  for (std::size_t k = 0; k < all.size(); ++k) {
    const Diagnostic& d = *all[k];
    nlohmann::json result = {
        {"ruleId", d.rule}, {"level", sarif_level(d.severity)}, {"message", {{"text", d.message}}}};
    for (std::size_t i = 0; i < rules.size(); ++i)
      if (rules[i].id == d.rule) result["ruleIndex"] = i;
    if (!d.location.file.empty()) {
      nlohmann::json location = {{"physicalLocation", physical_location(d.location)}};
      if (!d.path.empty()) location["logicalLocations"] = {{{"fullyQualifiedName", d.path}, {"kind", "member"}}};
      result["locations"] = nlohmann::json::array({location});
    }
    nlohmann::json related = nlohmann::json::array();
    int id = 1;
    for (const auto& n : d.notes) {
      if (n.location.file.empty()) continue;
      related.push_back(
          {{"id", id++}, {"physicalLocation", physical_location(n.location)}, {"message", {{"text", n.message}}}});
    }
    if (!related.empty()) result["relatedLocations"] = related;
    // SARIF's `fixes` are file edits; a fix in words and the driving patterns go in the result's
    // property bag (SARIF 2.1.0 3.8).
    if (!d.fix.empty()) result["properties"]["fix"] = d.fix;
    if (!d.patterns.empty()) result["properties"]["patterns"] = d.patterns;
    if (k >= diagnostics.size()) {
      const SuppressedFinding& sup = suppressed[k - diagnostics.size()];
      nlohmann::json suppression = {{"kind", sup.kind}, {"status", "accepted"}};
      if (!sup.justification.empty()) suppression["justification"] = sup.justification;
      result["suppressions"] = nlohmann::json::array({suppression});
    }
    results.push_back(std::move(result));
  }
  nlohmann::json driver = {
      {"name", "dynamodel"}, {"version", version}, {"semanticVersion", version}, {"rules", descriptors}};
  if (!information_uri.empty()) driver["informationUri"] = information_uri;
  nlohmann::json run = {{"tool", {{"driver", driver}}}, {"results", results}, {"columnKind", "unicodeCodePoints"}};
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs", nlohmann::json::array({run})}};
}

void print_github(std::ostream& out, const std::vector<Diagnostic>& diagnostics) {
  for (const auto& d : diagnostics) {
    const char* command = d.severity == Severity::error     ? "error"
                          : d.severity == Severity::warning ? "warning"
                                                            : "notice";
    out << "::" << command << ' ';
    std::string properties;
    if (!d.location.file.empty()) properties += "file=" + escape_property(d.location.file.str());
    if (d.location.line > 0) {
      properties += ",line=" + std::to_string(d.location.line);
      if (d.location.column > 0) properties += ",col=" + std::to_string(d.location.column);
    }
    if (!properties.empty()) properties += ',';
    properties += "title=" + escape_property(d.rule);
    out << properties << "::" << escape_data(message_with_notes(d)) << '\n';
  }
}

}  // namespace dynamodel
