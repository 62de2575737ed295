// Text, Markdown and JSON renderings of a verify result (verify/verify.hpp): the views are
// built here, templates/verify/verify.{txt,md}.mustache print them.
#include <algorithm>
#include <sstream>

#include "render/renderer.hpp"
#include "report/report.hpp"
#include "verify/verify.hpp"

namespace dynamodel::verify {
namespace {

using nlohmann::json;

std::string number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

std::string where(const Location& l) {
  if (l.file.empty()) return "-";
  return l.file.str() + ":" + std::to_string(l.line) + ":" + std::to_string(l.column);
}

std::string summary(const Result& r) {
  std::size_t verified = 0, mismatched = 0, unverifiable = 0;
  for (const auto& p : r.patterns)
    (p.status == Status::verified ? verified : p.status == Status::mismatch ? mismatched : unverifiable)++;
  std::string out = std::to_string(r.patterns.size()) + " patterns: " + std::to_string(verified) + " verified, " +
                    std::to_string(mismatched) + " mismatched, " + std::to_string(unverifiable) + " not verifiable";
  std::size_t errors = 0;
  for (const auto& d : r.findings) errors += d.severity == Severity::error ? 1 : 0;
  if (errors) out += "; " + std::to_string(errors) + " error finding(s)";
  return out;
}

json base_view(const Result& r) {
  json view = {{"model", r.model_file}, {"endpoint", r.endpoint},     {"table", r.table},
               {"kept", r.kept},        {"items_only", r.items_only}, {"items_written", r.items_written},
               {"summary", summary(r)}, {"notes", json::array()},     {"findings", json::array()}};
  for (const auto& p : r.patterns)
    for (const auto& n : p.notes) view["notes"].push_back({{"id", p.id}, {"text", n}});
  for (const auto& n : r.notes) view["notes"].push_back({{"id", "engine"}, {"text", n}});
  for (const auto& d : r.findings)
    view["findings"].push_back({{"where", where(d.location)},
                                {"severity", std::string(to_string(d.severity))},
                                {"message", d.message},
                                {"rule", d.rule}});
  view["has_notes"] = !view["notes"].empty();
  view["has_findings"] = !view["findings"].empty();
  return view;
}

std::string render(const std::string& name, const json& view, const Escaper& escape) {
  const TemplateSource templates;
  return render_template(name, templates.load(name), view, escape);
}

}  // namespace

std::string to_text(const Result& r) {
  const auto all = table_rows(to_json(r));
  const std::vector<std::string> header = {"pattern",   "",          "operation", "items exp/ret", "unit",
                                           "key space", "estimated", "measured",  "status"};
  std::vector<std::vector<std::string>> cells;
  for (const auto& row : all)
    cells.push_back({row["id"], row["name"], row["operation"], row["items"], row["unit"], row["key_space"],
                     row["estimated"], row["measured"], row["status"]});
  std::vector<std::size_t> width(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) {
    width[c] = header[c].size();
    for (const auto& line : cells) width[c] = std::max(width[c], line[c].size());
  }
  const auto line = [&](const std::vector<std::string>& values) {
    std::string out;
    for (std::size_t c = 0; c < values.size(); ++c) {
      std::string v = values[c];
      if (c + 1 < values.size()) v.resize(width[c], ' ');
      out += (c ? "  " : "") + v;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  };
  json view = base_view(r);
  view["header"] = line(header);
  view["rows"] = json::array();
  for (const auto& values : cells) view["rows"].push_back({{"line", line(values)}});
  return render("verify/verify.txt.mustache", view, [](const std::string& s) { return s; });
}

std::string to_markdown(const Result& r) {
  json view = base_view(r);
  view["rows"] = table_rows(to_json(r));
  return render("verify/verify.md.mustache", view, escape_markdown);
}

nlohmann::ordered_json to_json(const Result& r) {
  nlohmann::ordered_json out;
  out["model"] = r.model_file;
  out["endpoint"] = r.endpoint;
  out["table"] = r.table;
  out["kept"] = r.kept;
  out["items_only"] = r.items_only;
  out["items_written"] = r.items_written;
  out["patterns"] = nlohmann::ordered_json::array();
  for (const auto& p : r.patterns) {
    nlohmann::ordered_json j;
    j["id"] = p.id;
    j["name"] = p.name;
    j["operation"] = p.operation;
    j["index"] = p.index.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(p.index);
    j["status"] = std::string(to_string(p.status));
    j["items_expected"] = p.items_expected ? nlohmann::ordered_json(*p.items_expected) : nlohmann::ordered_json();
    j["items_returned"] = p.items_returned ? nlohmann::ordered_json(*p.items_returned) : nlohmann::ordered_json();
    j["unit"] = p.unit;
    j["units"] = nlohmann::ordered_json::array();
    for (const auto& u : p.units)
      j["units"].push_back({{"key_space", u.key_space},
                            {"estimated", u.estimated},
                            {"measured", u.measured ? nlohmann::ordered_json(*u.measured) : nlohmann::ordered_json()},
                            {"not_compared", u.not_compared.empty() ? nlohmann::ordered_json()
                                                                    : nlohmann::ordered_json(u.not_compared)}});
    j["notes"] = p.notes;
    out["patterns"].push_back(std::move(j));
  }
  out["findings"] = nlohmann::ordered_json::array();
  for (const auto& d : r.findings)
    out["findings"].push_back({{"rule", d.rule},
                               {"severity", std::string(to_string(d.severity))},
                               {"message", d.message},
                               {"file", d.location.file.str()},
                               {"line", d.location.line},
                               {"column", d.location.column},
                               {"path", d.path}});
  out["notes"] = r.notes;
  out["summary"] = summary(r);
  return out;
}

nlohmann::json table_rows(const nlohmann::json& doc) {
  const auto text = [](const nlohmann::json& v) { return v.is_null() ? std::string("-") : v.dump(); };
  const auto figure = [](const nlohmann::json& v) {
    return v.is_number() ? number(v.get<double>()) : std::string("n/a");
  };
  json out = json::array();
  for (const auto& p : doc.value("patterns", json::array())) {
    const std::string index = p.value("index", json()).is_string() ? " " + p["index"].get<std::string>() : "";
    const std::string items = p.value("items_expected", json()).is_null()
                                  ? "-"
                                  : text(p["items_expected"]) + " / " + text(p.value("items_returned", json()));
    json row = {{"id", p.value("id", "")},
                {"name", p.value("name", "")},
                {"operation", p.value("operation", "") + index},
                {"items", items},
                {"unit", p.value("unit", "").empty() ? "-" : p.value("unit", "")},
                {"key_space", "-"},
                {"estimated", "-"},
                {"measured", "-"},
                {"status", p.value("status", "")}};
    const auto units = p.value("units", json::array());
    if (units.empty()) out.push_back(row);
    for (std::size_t i = 0; i < units.size(); ++i) {
      if (i > 0)
        for (const char* blank : {"id", "name", "operation", "items", "status"}) row[blank] = "";
      row["key_space"] = units[i].value("key_space", "");
      row["estimated"] = figure(units[i].value("estimated", json()));
      row["measured"] = figure(units[i].value("measured", json()));
      out.push_back(row);
    }
  }
  return out;
}

}  // namespace dynamodel::verify
