// The formats of CI systems' own report readers: GitLab code quality (JSON), JUnit XML and
// checkstyle XML (diag/format.hpp). XML is written by pugixml, which escapes text and attributes.
#include <openssl/evp.h>

#include <map>
#include <pugixml.hpp>
#include <sstream>

#include "diag/format.hpp"

namespace dynamodel {
namespace {

/// SHA-256 of `text` in lower-case hex (OpenSSL's EVP digest).
std::string sha256_hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(text.data(), text.size(), digest, &size, EVP_sha256(), nullptr);
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

/// `text` without the control characters XML 1.0 does not allow (all below U+0020 but tab,
/// line feed and carriage return).
std::string xml_text(std::string_view text) {
  std::string out;
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') out += c;
  return out;
}

std::string xml_string(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

/// The findings of each file in `files`, in order; findings of other files (none in practice)
/// after them.
std::vector<std::pair<std::string, std::vector<const Diagnostic*>>> by_file(const std::vector<Diagnostic>& diagnostics,
                                                                            const std::vector<std::string>& files) {
  std::vector<std::pair<std::string, std::vector<const Diagnostic*>>> out;
  std::map<std::string, std::size_t> index;
  for (const auto& f : files)
    if (index.emplace(f, out.size()).second) out.emplace_back(f, std::vector<const Diagnostic*>{});
  for (const auto& d : diagnostics) {
    auto [it, added] = index.emplace(d.location.file.str(), out.size());
    if (added) out.emplace_back(d.location.file.str(), std::vector<const Diagnostic*>{});
    out[it->second].second.push_back(&d);
  }
  return out;
}

}  // namespace

nlohmann::json to_gitlab(const std::vector<Diagnostic>& diagnostics) {
  nlohmann::json out = nlohmann::json::array();
  std::map<std::string, int> seen;
  for (const auto& d : diagnostics) {
    std::string key = d.rule + '\n' + d.location.file.str() + '\n' + d.path + '\n' + d.message;
    const int n = seen[key]++;
    if (n > 0) key += '\n' + std::to_string(n);
    const char* severity = d.severity == Severity::error ? "major" : d.severity == Severity::warning ? "minor" : "info";
    out.push_back({{"type", "issue"},
                   {"description", d.message},
                   {"check_name", d.rule},
                   {"categories", nlohmann::json::array({"Bug Risk"})},
                   {"fingerprint", sha256_hex(key)},
                   {"severity", severity},
                   {"location",
                    {{"path", d.location.file.empty() ? std::string("<input>") : d.location.file.str()},
                     {"lines", {{"begin", d.location.line > 0 ? d.location.line : 1}}}}}});
  }
  return out;
}

std::string to_junit(const std::vector<Diagnostic>& diagnostics, const std::vector<std::string>& files,
                     Severity fail_on, bool never_fail) {
  pugi::xml_document doc;
  auto suites = doc.append_child("testsuites");
  suites.append_attribute("name") = "dynamodel";
  std::size_t tests = 0, failures = 0;
  for (const auto& [file, findings] : by_file(diagnostics, files)) {
    auto suite = suites.append_child("testsuite");
    suite.append_attribute("name") = xml_text(file).c_str();
    std::size_t suite_failures = 0;
    for (const Diagnostic* d : findings) {
      auto test = suite.append_child("testcase");
      test.append_attribute("classname") = xml_text("dynamodel." + d->rule).c_str();
      test.append_attribute("name") = xml_text(d->rule + " at " + location_text(d->location)).c_str();
      test.append_attribute("file") = xml_text(file).c_str();
      if (d->location.line > 0) test.append_attribute("line") = d->location.line;
      const std::string text =
          std::string(to_string(d->severity)) + ": " + location_text(d->location) + ": " + message_with_notes(*d);
      if (!never_fail && d->severity >= fail_on) {
        auto failure = test.append_child("failure");
        failure.append_attribute("type") = std::string(to_string(d->severity)).c_str();
        failure.append_attribute("message") = xml_text(d->message).c_str();
        failure.append_child(pugi::node_pcdata).set_value(xml_text(text).c_str());
        ++suite_failures;
      } else {
        test.append_child("system-out").append_child(pugi::node_pcdata).set_value(xml_text(text).c_str());
      }
    }
    if (findings.empty()) {
      auto test = suite.append_child("testcase");
      test.append_attribute("classname") = "dynamodel";
      test.append_attribute("name") = xml_text("validate " + file).c_str();
      test.append_attribute("file") = xml_text(file).c_str();
    }
    const std::size_t suite_tests = findings.empty() ? 1 : findings.size();
    suite.append_attribute("tests") = static_cast<unsigned long long>(suite_tests);
    suite.append_attribute("failures") = static_cast<unsigned long long>(suite_failures);
    suite.append_attribute("errors") = 0;
    tests += suite_tests;
    failures += suite_failures;
  }
  suites.append_attribute("tests") = static_cast<unsigned long long>(tests);
  suites.append_attribute("failures") = static_cast<unsigned long long>(failures);
  suites.append_attribute("errors") = 0;
  return xml_string(doc);
}

std::string to_checkstyle(const std::vector<Diagnostic>& diagnostics, const std::vector<std::string>& files) {
  pugi::xml_document doc;
  auto root = doc.append_child("checkstyle");
  root.append_attribute("version") = "4.3";
  for (const auto& [file, findings] : by_file(diagnostics, files)) {
    auto node = root.append_child("file");
    node.append_attribute("name") = xml_text(file).c_str();
    for (const Diagnostic* d : findings) {
      auto error = node.append_child("error");
      error.append_attribute("line") = d->location.line;
      if (d->location.column > 0) error.append_attribute("column") = d->location.column;
      error.append_attribute("severity") = std::string(to_string(d->severity)).c_str();
      error.append_attribute("message") = xml_text(message_with_notes(*d)).c_str();
      error.append_attribute("source") = xml_text("dynamodel." + d->rule).c_str();
    }
  }
  return xml_string(doc);
}

}  // namespace dynamodel
