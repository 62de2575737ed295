// The model loader's entry points and the model's top level (`dynamodel`, `name`, `lint`, ...).
// The rest is read part by part (model/load_kinds.hpp) through model/reader.hpp, which checks
// each mapping against model/fields.cpp and reports every structural problem it meets instead
// of stopping at the first.
#include "model/loader.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <system_error>
#include <utility>

#include "model/load_kinds.hpp"
#include "model/reader.hpp"
#include "model/text.hpp"

namespace dynamodel {
namespace {

using load::Field;
using load::Reader;

Lint lint(Reader& r, const Field& in) {
  Lint l;
  const auto o = r.object(in, "lint", l.source);
  if (!o) return l;
  if (auto f = r.field(*o, "disable")) {
    const RuleIds known = r.known_rule_ids();
    const std::vector<std::string_view> ids(known.begin(), known.end());
    std::size_t i = 0;
    for (const auto& id : r.string_list(*f, false)) {
      const std::string p = f->path + "[" + std::to_string(i) + "]";
      const Location at = r.loc_or(f->node[i], f->at);
      ++i;
      if (!ids.empty() && std::ranges::find(ids, id) == ids.end()) {
        std::string message = "unknown rule id '" + id + "'";
        if (auto best = closest_match(id, ids)) message += "; did you mean '" + *best + "'?";
        r.invalid(at, p, message);
      }
      l.disable.push_back(id);
    }
  }
  if (auto f = r.field(*o, "quota")) {
    Source q;
    if (const auto x = r.object(*f, "quota", q))
      if (auto g = r.field(*x, "global_secondary_indexes")) l.gsi_quota = r.int_value(*g, 1, INT64_MAX);
  }
  if (auto f = r.field(*o, "default_rate_per_second")) l.default_rate_per_second = r.number_value(*f, 0, 1e12);
  return l;
}

/// A model name names generated files: lowercase letters, digits and '-'.
bool is_model_name(const std::string& name) {
  return !name.empty() &&
         std::ranges::all_of(name, [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

/// A pattern's key template takes the transforms of its entity's template for the same key
/// attribute: `USER#{email}` in a pattern reads `USER#{email|lower}` when the entity writes that,
/// so the model states a transform once. A transform written in the pattern stays; entities
/// that disagree leave the placeholder as written (rule keys/transform reports it).
void inherit_transforms(const Model& m, const std::vector<std::string>& entities, std::vector<KeyCondition>& key) {
  for (auto& c : key)
    for (auto& operand : c.operands)
      for (auto& part : operand.parts) {
        if (!part.placeholder || !part.transform.none()) continue;
        std::optional<KeyTransform> found;
        bool agree = true;
        for (const auto& name : entities) {
          const Entity* e = m.entity(name);
          const EntityKey* k = e ? e->key(c.attribute) : nullptr;
          if (!k) continue;
          for (const auto& p : k->key_template.parts)
            if (p.placeholder && p.text == part.text) {
              agree = agree && (!found || *found == p.transform);
              found = p.transform;
            }
        }
        if (found && agree) part.transform = *found;
      }
}

void inherit_transforms(Model& m) {
  for (auto& ap : m.access_patterns) {
    inherit_transforms(m, ap.entities, ap.key);
    for (auto& a : ap.actions) inherit_transforms(m, {a.entity}, a.key);
  }
}

Model read_model(Reader& r, const YAML::Node& root) {
  Model m;
  m.file = r.file();
  const auto o = r.object(Field{root, Location{r.file(), 1, 1}, ""}, "model", m.source);
  if (!o) return m;
  if (auto f = r.field(*o, "dynamodel")) {
    if (auto n = r.int_value(*f, INT64_MIN, INT64_MAX)) {
      if (*n != 1)
        r.invalid(*f, "unsupported format version " + std::to_string(*n) + "; this dynamodel reads version 1");
      m.format_version = static_cast<int>(*n);
    }
  }
  if (auto f = r.field(*o, "name")) {
    if (auto n = r.string_value(*f)) {
      m.name = *n;
      if (!is_model_name(*n))
        r.invalid(*f, "model name '" + *n + "' must be lowercase letters, digits and '-' (it names generated files)");
    }
  }
  if (auto f = r.field(*o, "description"))
    if (auto d = r.string_value(*f)) m.description = *d;
  if (auto f = r.field(*o, "table")) m.table = load::table(r, *f);
  if (auto f = r.field(*o, "entities")) m.entities = load::entities(r, *f);
  if (auto f = r.field(*o, "access_patterns")) m.access_patterns = load::access_patterns(r, *f);
  if (auto f = r.field(*o, "key_escaping"))
    if (auto v = r.enum_value(*f, {"escape", "none"}))
      m.key_escaping = *v == "none" ? KeyEscaping::none : KeyEscaping::escape;
  if (auto f = r.field(*o, "principals")) m.principals = load::principals(r, *f);
  if (auto f = r.field(*o, "operations")) m.operations = load::operations(r, *f);
  if (auto f = r.field(*o, "lint")) m.lint = lint(r, *f);
  inherit_transforms(m);
  return m;
}

/// The 1-based line and column of byte `offset` in `text` (column in bytes).
std::pair<int, int> line_column(std::string_view text, std::size_t offset) {
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, static_cast<int>(offset - line_start) + 1};
}

}  // namespace

LoadResult load_model_text(std::string_view text, const std::string& file, RuleIds known_rule_ids) {
  LoadResult result;
  auto syntax = [&](int line, int column, std::string message) {
    result.diagnostics.push_back(
        Diagnostic{"yaml/syntax", Severity::error, std::move(message), Location{file, line, column}, "", {}, {}, {}});
  };
  if (auto bad = find_invalid_utf8(text)) {
    auto [line, column] = line_column(text, *bad);
    syntax(line, column,
           "the file is not valid UTF-8 (byte " + std::to_string(*bad) +
               "); DynamoDB names and strings must be UTF-8, so save the file as UTF-8");
    return result;
  }
  if (text.find('\0') != std::string_view::npos) {
    auto [line, column] = line_column(text, text.find('\0'));
    syntax(line, column, "the file contains a NUL byte; is it a binary file?");
    return result;
  }
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    std::string message = e.msg;
    if (message == "bad file") message = "nesting too deep (more than about 500 levels): a model is never that deep";
    const int line = e.mark.line >= 0 ? e.mark.line + 1 : 1;
    // A tab in a line's indentation, up to the error, is the usual cause: say so where it is.
    int at = 1;
    for (std::size_t pos = 0; pos < text.size() && at <= line; ++at) {
      const std::size_t end = std::min(text.find('\n', pos), text.size());
      const std::size_t indent_end = text.find_first_not_of(" \t", pos);
      const std::size_t tab = text.find('\t', pos);
      if (tab < end && tab < indent_end) {
        syntax(at, static_cast<int>(tab - pos) + 1,
               "invalid YAML: a tab in the indentation (YAML indents with spaces only; replace it with spaces); "
               "the parser then says: " +
                   message);
        return result;
      }
      pos = end + 1;
    }
    syntax(line, e.mark.column >= 0 ? e.mark.column + 1 : 1, "invalid YAML: " + message);
    return result;
  }
  if (!root || root.IsNull()) {
    result.diagnostics.push_back(
        Diagnostic{"schema/missing-field",
                   Severity::error,
                   "the model is empty; it needs the fields dynamodel, name, table, entities and access_patterns "
                   "(see examples/ for complete models)",
                   Location{file, 1, 1},
                   "",
                   {},
                   {},
                   {}});
    return result;
  }
  Reader reader(file, known_rule_ids);
  try {
    Model m = read_model(reader, root);
    if (!reader.has_errors()) result.model = std::move(m);
  } catch (const load::TooManyNodes&) {
    reader.diagnostics.push_back(Diagnostic{"yaml/syntax",
                                            Severity::error,
                                            "the document expands to more than " +
                                                std::to_string(load::kMaxNodesVisited) +
                                                " nodes (aliases that repeat aliases?); refusing to read it",
                                            Location{file, 1, 1},
                                            "",
                                            {},
                                            {},
                                            {}});
  } catch (const YAML::Exception& e) {
    reader.diagnostics.push_back(Diagnostic{"yaml/syntax",
                                            Severity::error,
                                            std::string("invalid YAML: ") + e.what(),
                                            Location{file, 1, 1},
                                            "",
                                            {},
                                            {},
                                            {}});
  }
  result.diagnostics.insert(result.diagnostics.end(), reader.diagnostics.begin(), reader.diagnostics.end());
  sort_diagnostics(result.diagnostics);
  return result;
}

LoadResult load_model_file(const std::filesystem::path& path, RuleIds known_rule_ids) {
  return load_model_text(read_model_file(path), path.string(), known_rule_ids);
}

std::string read_model_file(const std::filesystem::path& path) {
  std::error_code ec;
  const std::string name = path.string();
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) throw InputError(name + ": no such file");
  if (std::filesystem::is_directory(status)) throw InputError(name + ": is a directory, not a model file");
  if (!std::filesystem::is_regular_file(status)) throw InputError(name + ": not a regular file");
  auto size = std::filesystem::file_size(path, ec);
  if (ec) throw InputError(name + ": cannot read: " + ec.message());
  if (size > kMaxModelFileBytes)
    throw InputError(name + ": file is " + std::to_string(size) + " bytes; model files are limited to " +
                     std::to_string(kMaxModelFileBytes) + " bytes");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(name + ": cannot open the file for reading");
  std::string text;
  text.resize(size);
  in.read(text.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::size_t>(in.gcount()) != size) throw InputError(name + ": cannot read the whole file");
  return text;
}

}  // namespace dynamodel
