// keys/pad-width: `{n|pad(WIDTH)}` where the attribute's values can be longer than WIDTH: those
// keys would no longer sort in numeric order, and the accessors refuse such values.
#include <algorithm>
#include <optional>
#include <string>

#include "rules/rule.hpp"

namespace dynamodel {
namespace {

/// The most characters a value of `a` can take as key text, when the model bounds it.
std::optional<std::int64_t> longest(const Attribute& a) {
  if (!a.enum_values.empty()) {
    std::size_t n = 0;
    for (const auto& v : a.enum_values) n = std::max(n, v.size());
    return static_cast<std::int64_t>(n);
  }
  if (a.type == AttributeType::N) {
    if (a.max_digits) return *a.max_digits;
    if (a.format == AttributeFormat::epoch_seconds) return 10;  // seconds until the year 2286
    return std::nullopt;
  }
  if (a.max_length) return *a.max_length;
  if (a.format == AttributeFormat::date) return 10;  // 2026-12-03
  if (a.format == AttributeFormat::uuid) return 36;
  if (a.format == AttributeFormat::ulid) return 26;
  return std::nullopt;
}

}  // namespace

extern const Rule kKeysPadWidth = {
    {"keys/pad-width", Severity::warning, "a padded placeholder can hold values longer than its width",
     "`{n|pad(WIDTH)}` puts zeros before a value up to WIDTH characters, so that values sort as text in the "
     "order of their numbers (DynamoDB compares string keys byte by byte). A value longer than WIDTH cannot be "
     "padded: it would sort out of order, and the accessors refuse it (ValidationError InvalidKey). The width "
     "must cover the longest value the attribute allows (max_digits, max_length, an enum, a format).",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-sort-keys.html",
     "attributes:\n  seq: {type: N, required: true, max_digits: 12}\n"
     "keys:\n  SK: \"SEQ#{seq|pad(8)}\"     # 12 digits do not fit in 8\n",
     "attributes:\n  seq: {type: N, required: true, max_digits: 12}\n"
     "keys:\n  SK: \"SEQ#{seq|pad(12)}\"\n",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      auto check = [&](const Entity& e, const KeyTemplate& t, const std::string& path) {
        for (const auto& p : t.parts) {
          if (p.transform.kind != KeyTransform::Kind::pad) continue;
          const Attribute* a = e.attribute(p.text);
          const auto most = a ? longest(*a) : std::nullopt;
          if (!most || *most <= p.transform.width) continue;
          f.report(t.location, path,
                   "`" + t.text + "`: " + e.name + "." + p.text + " can take " + std::to_string(*most) +
                       " characters, more than pad(" + std::to_string(p.transform.width) +
                       "): longer values would sort out of order and the accessors refuse them; pad to at least " +
                       std::to_string(*most),
                   {Note{a->source.location, p.text + " is declared here"}});
        }
      };
      for (const auto& e : m.entities)
        for (const auto& k : e.keys) check(e, k.key_template, e.source.path_of("keys") + "." + k.attribute);
    }};

}  // namespace dynamodel
