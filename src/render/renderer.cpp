// Strict mustache rendering and per-language escaping.
#include "render/renderer.hpp"

#include <algorithm>
#include <fstream>
#include <kainjow/mustache.hpp>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string_view>
#include <vector>

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

/// The partials `text` includes (`{{>name}}`, `{{> +name}}`), by file name (without the `+`),
/// following set-delimiter tags (`{{=<% %>=}}`) as mustache does; a partial starts with `{{ }}`.
std::vector<std::string> included_partials(std::string_view text) {
  std::vector<std::string> names;
  std::string open = "{{", close = "}}";
  const auto trim = [](std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return std::string_view();
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
  };
  for (std::size_t at = text.find(open); at != std::string_view::npos; at = text.find(open, at)) {
    const auto end = text.find(close, at + open.size());
    if (end == std::string_view::npos) break;
    const auto tag = trim(text.substr(at + open.size(), end - at - open.size()));
    at = end + close.size();
    if (tag.size() >= 2 && tag.front() == '=' && tag.back() == '=') {
      const auto delimiters = trim(tag.substr(1, tag.size() - 2));
      const auto space = delimiters.find_first_of(" \t");
      if (space == std::string_view::npos) break;  // invalid: the renderer reports it
      open = std::string(delimiters.substr(0, space));
      close = std::string(trim(delimiters.substr(space)));
    } else if (!tag.empty() && tag.front() == '>') {
      auto name = trim(tag.substr(1));
      if (!name.empty() && name.front() == '+') name.remove_prefix(1);
      names.emplace_back(name);
    }
  }
  return names;
}

/// A context that records every name it could not resolve, and that finds partials
/// (`{{>name}}`) with its loader, never in the view. A partial that includes itself, directly
/// or through others, is refused before it renders: kainjow recurses without a depth limit, so
/// `{{>a}}` in `a.mustache` would overflow the stack.
class StrictContext : public mustache::context<std::string> {
 public:
  StrictContext(const mustache::data* root, const PartialLoader& loader,
                std::function<std::string(std::string, bool)> prepare)
      : mustache::context<std::string>(root), loader_(loader), prepare_(std::move(prepare)) {}
  const mustache::data* get(const std::string& name) const override {
    const auto* found = mustache::context<std::string>::get(name);
    if (!found) missing.insert(name);
    return found;
  }
  /// `{{>+name}}` (a partial alone on its line, see strip_standalone_tags) is the whole text;
  /// `{{>name}}` inside a line is the text without its last newline.
  const mustache::data* get_partial(const std::string& name) const override {
    auto it = partials_.find(name);
    if (it != partials_.end()) return it->second.get();
    try {
      if (!loader_) throw TemplateError("no partials here");
      const bool lines = !name.empty() && name[0] == '+';
      const std::string file = lines ? name.substr(1) : name;
      std::vector<std::string> path{file};
      if (includes_itself(path))
        throw TemplateError("it includes itself: " + join(path, " -> ") + "; partials cannot recurse");
      auto text = std::make_unique<mustache::data>(prepare_(raw(file), lines));
      return partials_.emplace(name, std::move(text)).first->second.get();
    } catch (const TemplateError& e) {
      missing_partials.insert(name + " (" + e.what() + ")");
      return nullptr;
    }
  }
  mutable std::set<std::string> missing, missing_partials;

 private:
  /// The loader's text of partial file `file`, loaded once.
  const std::string& raw(const std::string& file) const {
    auto it = texts_.find(file);
    if (it == texts_.end()) it = texts_.emplace(file, loader_(file)).first;
    return it->second;
  }
  /// Whether the last partial of `path` leads back to one on `path`; when it does, `path` ends
  /// with the cycle. A partial that cannot be loaded ends the search (its use reports it).
  bool includes_itself(std::vector<std::string>& path) const {
    std::vector<std::string> included;
    try {
      included = included_partials(raw(path.back()));
    } catch (const TemplateError&) {
      return false;
    }
    for (const auto& next : included) {
      path.push_back(next);
      if (std::find(path.begin(), path.end() - 1, next) != path.end() - 1) return true;
      if (!acyclic_.count(next) && includes_itself(path)) return true;
      acyclic_.insert(next);
      path.pop_back();
    }
    return false;
  }
  static std::string join(const std::vector<std::string>& parts, const std::string& separator) {
    std::string out;
    for (const auto& part : parts) out += (out.empty() ? "" : separator) + part;
    return out;
  }

  const PartialLoader& loader_;
  std::function<std::string(std::string, bool)> prepare_;
  mutable std::map<std::string, std::unique_ptr<mustache::data>> partials_;
  mutable std::map<std::string, std::string> texts_;
  mutable std::set<std::string> acyclic_;  ///< partial files known to include no cycle
};

/// Applies the mustache spec's "standalone tag" rule before kainjow sees the text: a line
/// holding only a section, inverted-section, closing, comment, set-delimiter or partial tag (and
/// blanks) disappears with its newline. kainjow 4.1 misses this inside nested sections and leaves blank
/// lines. The tag stays at the start of the next line; when that line is blank, kainjow would
/// drop it as part of a tag-only line, so it starts with `blank_marker` (removed after
/// rendering). A set-delimiter tag (`{{={% %}=}}`) changes the delimiters of the lines below.
std::string strip_standalone_tags(const std::string& text, std::string_view blank_marker) {
  std::string out, open = "{{", close = "}}";
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
      const std::size_t inner = tag.size() - std::min(tag.size(), open.size() + close.size());
      standalone = inner > 1 && tag.substr(0, open.size()) == open && tag.substr(tag.size() - close.size()) == close &&
                   std::string_view("#^/!=>").find(tag[open.size()]) != std::string_view::npos &&
                   tag.find(close, open.size()) == tag.size() - close.size();
      // A partial alone on its line stands for whole lines: `{{>+name}}` keeps its last newline.
      if (standalone && tag[open.size()] == '>')
        out += std::string(tag.substr(0, open.size() + 1)) + "+" + std::string(tag.substr(open.size() + 1));
      else if (standalone)
        out += tag;
      if (standalone && tag[open.size()] == '=') {  // `{{={% %}=}}`: the new opening and closing delimiters
        const std::string_view pair = tag.substr(open.size() + 1, inner - 2);
        const std::size_t space = pair.find(' ');
        if (space != std::string_view::npos) {
          open = std::string(pair.substr(0, space));
          close = std::string(pair.substr(pair.find_first_not_of(' ', space)));
        }
      }
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
                            const Escaper& escape, const PartialLoader& partials) {
  const bool mark =
      view.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).find(kBlankLineMarker) == std::string::npos &&
      text.find(kBlankLineMarker) == std::string::npos;
  const std::string_view marker = mark ? kBlankLineMarker : std::string_view();
  mustache::mustache tmpl{strip_standalone_tags(text, marker)};
  if (!tmpl.is_valid()) throw TemplateError(name + ": " + tmpl.error_message());
  tmpl.set_custom_escape(escape);
  const mustache::data data = to_data(view);
  const auto prepare = [marker](std::string partial, bool lines) {
    if (!lines && !partial.empty() && partial.back() == '\n') partial.pop_back();
    if (!marker.empty() && partial.find(marker) != std::string::npos)
      throw TemplateError("it holds U+E000, which templates cannot use");
    return strip_standalone_tags(partial, marker);
  };
  StrictContext context{&data, partials, prepare};
  std::ostringstream out;
  tmpl.render(context, out);
  if (!tmpl.is_valid()) throw TemplateError(name + ": " + tmpl.error_message());
  if (!context.missing_partials.empty()) {
    std::string names;
    for (const auto& m : context.missing_partials) names += (names.empty() ? "" : ", ") + m;
    throw TemplateError(name + ": partials that cannot be used: " + names);
  }
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
