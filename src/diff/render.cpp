// Text, JSON and Markdown renderings of a diff result (diff/diff.hpp).
#include <nlohmann/json.hpp>
#include <sstream>

#include "diff/diff.hpp"

namespace dynamodel::diff {
namespace {

/// Control characters of model text shown as `\n`, `\t` or `\xNN` (one line per change).
std::string printable(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '\n')
      out += "\\n";
    else if (c == '\t')
      out += "\\t";
    else if (c < 0x20 || c == 0x7f) {
      const char* hex = "0123456789abcdef";
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else
      out += static_cast<char>(c);
  }
  return out;
}

/// Markdown-inert text inside a line: printable(), with the characters that can start
/// emphasis, code, links, HTML, table cells or strikethrough escaped. Line-start syntax (`#`,
/// `-`, `1.`) cannot apply: the text never starts a line.
std::string md(const std::string& s) {
  std::string out;
  for (char c : printable(s)) {
    if (std::string_view("\\`*_[]<>|~&").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string where(const Change& c) {
  if (c.location.file.empty()) return c.path;
  return c.location.file.str() + ":" + std::to_string(c.location.line) + ":" + std::to_string(c.location.column);
}

struct Counts {
  std::size_t deployments = 0, jobs = 0;
};
Counts counts(const Result& r) {
  Counts n;
  for (const auto& s : r.plan) (s.deployment ? n.deployments : n.jobs)++;
  return n;
}

std::string plural(std::size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string summary(const Result& r) {
  if (r.changes.empty()) return "no change";
  const Counts n = counts(r);
  bool replace = false;
  for (const auto& c : r.changes) replace = replace || c.change_class == ChangeClass::replacement;
  std::string out = r.one_safe_step() ? "one safe deployment" : "not one safe step";
  if (replace) out += ": the table is REPLACED (data loss unless migrated)";
  out += " (" + plural(n.deployments, "deployment");
  if (n.jobs) out += ", " + plural(n.jobs, replace ? "migration job" : "backfill job");
  return out + ")";
}

std::string old_name(const Result& r) { return r.old_missing ? "(none)" : r.old_file; }

}  // namespace

std::string to_text(const Result& r) {
  std::ostringstream out;
  out << "diff " << printable(old_name(r)) << " -> " << printable(r.new_file) << " (table " << printable(r.table)
      << ")\n";
  if (r.changes.empty()) out << "No changes.\n";
  for (const auto& c : r.changes) {
    out << where(c) << ": " << to_string(c.change_class) << ": " << printable(c.message);
    if (!c.rule.empty()) out << " [" << c.rule << ", " << to_string(c.severity) << "]";
    out << '\n';
  }
  if (!r.plan.empty()) {
    out << "\nRollout plan:\n";
    for (std::size_t i = 0; i < r.plan.size(); ++i) {
      const Step& s = r.plan[i];
      for (std::size_t j = 0; j < s.actions.size(); ++j) {
        const std::string head = j ? std::string(std::to_string(i + 1).size() + 2, ' ') : std::to_string(i + 1) + ". ";
        out << "  " << head << (s.deployment ? "deploy: " : "job: ") << printable(s.actions[j].description) << '\n';
        if (!s.actions[j].command.empty()) {
          std::istringstream lines(s.actions[j].command);
          for (std::string line; std::getline(lines, line);) out << "       " << line << '\n';
        }
      }
    }
  }
  out << "\nResult: " << summary(r) << '\n';
  return out.str();
}

std::string to_json_text(const Result& r) {
  nlohmann::json changes = nlohmann::json::array(), plan = nlohmann::json::array();
  for (const auto& c : r.changes)
    changes.push_back({{"class", std::string(to_string(c.change_class))},
                       {"rule", c.rule.empty() ? nlohmann::json() : nlohmann::json(c.rule)},
                       {"severity", std::string(to_string(c.severity))},
                       {"message", c.message},
                       {"path", c.path},
                       {"file", c.location.file.str()},
                       {"line", c.location.line},
                       {"column", c.location.column}});
  for (std::size_t i = 0; i < r.plan.size(); ++i) {
    nlohmann::json actions = nlohmann::json::array();
    for (const auto& a : r.plan[i].actions) {
      nlohmann::json j = {{"action", std::string(to_string(a.kind))}, {"description", a.description}};
      if (!a.index.empty()) j["index"] = a.index;
      if (!a.entity.empty()) j["entity"] = a.entity;
      if (!a.attributes.empty()) j["attributes"] = a.attributes;
      if (!a.command.empty()) j["command"] = a.command;
      actions.push_back(std::move(j));
    }
    plan.push_back({{"step", i + 1}, {"kind", r.plan[i].deployment ? "deployment" : "job"}, {"actions", actions}});
  }
  nlohmann::json j = {{"old", r.old_missing ? nlohmann::json() : nlohmann::json(r.old_file)},
                      {"new", r.new_file},
                      {"table", r.table},
                      {"one_safe_step", r.one_safe_step()},
                      {"summary", summary(r)},
                      {"changes", changes},
                      {"plan", plan}};
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string to_markdown(const Result& r) {
  std::ostringstream out;
  out << "### dynamodel diff: " << md(r.table) << "\n\n";
  out << (r.one_safe_step() ? ":white_check_mark: " : ":warning: ") << "**" << md(summary(r)) << "**, "
      << md(old_name(r)) << " → " << md(r.new_file) << "\n\n";
  if (!r.changes.empty()) {
    out << "| class | change | rule | where |\n|---|---|---|---|\n";
    for (const auto& c : r.changes)
      out << "| " << to_string(c.change_class) << " | " << md(c.message) << " | "
          << (c.rule.empty() ? std::string() : "`" + c.rule + "` (" + std::string(to_string(c.severity)) + ")") << " | "
          << md(where(c)) << " |\n";
  }
  if (!r.plan.empty()) {
    out << "\n#### Rollout plan\n\n";
    for (std::size_t i = 0; i < r.plan.size(); ++i) {
      const Step& s = r.plan[i];
      out << i + 1 << ". **" << (s.deployment ? "Deployment" : "Job") << "**: ";
      for (std::size_t j = 0; j < s.actions.size(); ++j) out << (j ? "; " : "") << md(s.actions[j].description);
      out << '\n';
      for (const auto& a : s.actions)
        if (!a.command.empty()) {
          std::string fence = "```";
          while (a.command.find(fence) != std::string::npos) fence += '`';
          out << "\n   " << fence << "sh\n";
          std::istringstream lines(a.command);
          for (std::string line; std::getline(lines, line);) out << "   " << line << '\n';
          out << "   " << fence << "\n\n";
        }
    }
  }
  return out.str();
}

}  // namespace dynamodel::diff
