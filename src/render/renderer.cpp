// Strict mustache rendering and per-language escaping.
#include "render/renderer.hpp"

#include <fstream>
#include <kainjow/mustache.hpp>
#include <set>
#include <sstream>

#include "render/embedded.hpp"

namespace dynamodel {
namespace {

namespace mustache = kainjow::mustache;

mustache::data to_data(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data d{mustache::data::type::object};
      for (const auto& [k, v] : j.items()) d.set(k, to_data(v));
      return d;
    }
    case nlohmann::json::value_t::array: {
      mustache::data d{mustache::data::type::list};
      for (const auto& v : j) d.push_back(to_data(v));
      return d;
    }
    case nlohmann::json::value_t::string:
      return mustache::data{j.get<std::string>()};
    case nlohmann::json::value_t::boolean:
      return mustache::data{j.get<bool>()};
    case nlohmann::json::value_t::null:
      return mustache::data{false};
    default:
      return mustache::data{j.dump()};
  }
}

/// A context that records every name it could not resolve.
class StrictContext : public mustache::context<std::string> {
 public:
  explicit StrictContext(const mustache::data* root) : mustache::context<std::string>(root) {}
  const mustache::data* get(const std::string& name) const override {
    const auto* found = mustache::context<std::string>::get(name);
    if (!found) missing.insert(name);
    return found;
  }
  mutable std::set<std::string> missing;
};

/// Applies the mustache spec's "standalone tag" rule before kainjow sees the text: a line
/// holding only a section, inverted-section, closing or comment tag (and blanks) disappears
/// with its newline. kainjow 4.1 misses this inside nested sections and leaves blank lines.
/// The tag stays at the start of the next line; when that line is blank, kainjow would drop it
/// as part of a tag-only line, so it starts with `blank_marker` (removed after rendering).
std::string strip_standalone_tags(const std::string& text, std::string_view blank_marker) {
  std::string out;
  std::size_t pos = 0;
  bool after_tag = false;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    const std::size_t line_end = end == std::string::npos ? text.size() : end + 1;
    std::string_view line(text.data() + pos, line_end - pos);
    std::string_view body = line;
    while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.remove_suffix(1);
    std::size_t first = body.find_first_not_of(" \t");
    std::size_t last = body.find_last_not_of(" \t");
    bool standalone = false;
    if (first != std::string_view::npos) {
      std::string_view tag = body.substr(first, last - first + 1);
      standalone = tag.size() > 5 && tag.substr(0, 2) == "{{" && tag.substr(tag.size() - 2) == "}}" &&
                   std::string_view("#^/!").find(tag[2]) != std::string_view::npos && tag.find("}}") == tag.size() - 2;
      if (standalone) out += tag;
    } else if (after_tag) {
      out += blank_marker;
    }
    if (!standalone) out += line;
    after_tag = standalone;
    pos = line_end;
  }
  return out;
}

}  // namespace

std::string escape_yaml(const std::string& value) {
  return nlohmann::json(value).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string escape_cloudformation(const std::string& value) {
  if (value.find("${") == std::string::npos) return escape_yaml(value);
  // Split between each '$' and '{' so no single string holds "${".
  std::string list;
  std::size_t start = 0;
  for (std::size_t at = value.find("${"); at != std::string::npos; at = value.find("${", at + 1)) {
    list += escape_yaml(value.substr(start, at + 1 - start)) + ", ";
    start = at + 1;
  }
  list += escape_yaml(value.substr(start));
  return "!Join [\"\", [" + list + "]]";
}

std::string TemplateSource::load(const std::string& relative_path) const {
  if (override_dir) {
    const auto path = *override_dir / relative_path;
    if (std::filesystem::is_regular_file(path)) {
      std::ifstream in(path, std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      if (!in && !in.eof()) throw TemplateError(path.string() + ": cannot read the template");
      return text.str();
    }
  }
  for (const auto& f : embedded_templates())
    if (f.path == relative_path) return std::string(f.contents);
  throw TemplateError("template '" + relative_path + "' not found");
}

namespace {

/// Starts a blank line that follows a standalone tag (see strip_standalone_tags): U+E000, a
/// private-use character, removed from the output. Not used when the view or the template holds
/// it, so that no model text is ever altered.
constexpr std::string_view kBlankLineMarker = "\xEE\x80\x80";

/// Removes every occurrence of `what` from `text`.
void remove_all(std::string& text, std::string_view what) {
  std::string out;
  std::size_t pos = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, pos)) {
    out.append(text, pos, at - pos);
    pos = at + what.size();
  }
  out.append(text, pos, std::string::npos);
  text = std::move(out);
}

}  // namespace

std::string render_template(const std::string& name, const std::string& text, const nlohmann::json& view,
                            const Escaper& escape) {
  const bool mark =
      view.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).find(kBlankLineMarker) == std::string::npos &&
      text.find(kBlankLineMarker) == std::string::npos;
  mustache::mustache tmpl{strip_standalone_tags(text, mark ? kBlankLineMarker : std::string_view())};
  if (!tmpl.is_valid()) throw TemplateError(name + ": " + tmpl.error_message());
  tmpl.set_custom_escape(escape);
  const mustache::data data = to_data(view);
  StrictContext context{&data};
  std::ostringstream out;
  tmpl.render(context, out);
  if (!tmpl.is_valid()) throw TemplateError(name + ": " + tmpl.error_message());
  if (!context.missing.empty()) {
    std::string names;
    for (const auto& m : context.missing) names += (names.empty() ? "" : ", ") + m;
    throw TemplateError(name + ": the template uses names the view does not have: " + names);
  }
  std::string result = out.str();
  if (mark) remove_all(result, kBlankLineMarker);
  return result;
}

}  // namespace dynamodel
