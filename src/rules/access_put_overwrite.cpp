// access/put-overwrite: an unconditional PutItem whose key can repeat silently replaces an item.
#include <algorithm>
#include <array>
#include <cctype>

#include "rules/rule.hpp"

namespace dynamodel {
namespace {

/// Whether an access pattern's name says it creates something (`createUser`, `add_order`,
/// `RegisterDevice`): its author expects a new item, not a replacement.
bool names_a_create(const std::string& name) {
  static constexpr std::array<std::string_view, 5> kVerbs = {"create", "add", "register", "insert", "new"};
  std::string lower;
  for (const char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::any_of(kVerbs.begin(), kVerbs.end(), [&](std::string_view verb) {
    // The verb, then the end of the name or the next word (`createUser`, `create_user`, `addresses` is not one).
    if (lower.compare(0, verb.size(), verb) != 0) return false;
    if (name.size() == verb.size()) return true;
    const char next = name[verb.size()];
    return std::isupper(static_cast<unsigned char>(next)) || next == '_' || next == '-';
  });
}

/// The placeholders of `e`'s table key templates when every one of them is a date or a
/// timestamp (format date, date-time or epoch-seconds); empty otherwise. Two writes in the same
/// second (or day) then build the same key.
std::vector<std::string> time_only_key(const Model& m, const Entity& e) {
  std::vector<std::string> placeholders;
  std::vector<const KeyAttribute*> keys = {&m.table.partition_key};
  if (m.table.sort_key) keys.push_back(&*m.table.sort_key);
  for (const KeyAttribute* k : keys) {
    const EntityKey* key = e.key(k->name);
    if (!key) return {};
    for (const auto& part : key->key_template.parts) {
      if (!part.placeholder) continue;
      const Attribute* a = e.attribute(part.text);
      if (!a || !a->format ||
          (*a->format != AttributeFormat::date && *a->format != AttributeFormat::date_time &&
           *a->format != AttributeFormat::epoch_seconds))
        return {};
      placeholders.push_back(part.text);
    }
  }
  return placeholders;
}

/// The finding's message for a PutItem of `entity` named `what`, or "" when its key cannot repeat
/// as far as the model tells.
std::string overwrite_message(const Model& m, const std::string& what, const std::string& name,
                              const std::string& entity) {
  const Entity* e = m.entity(entity);
  if (!e) return "";
  const auto times = time_only_key(m, *e);
  if (!times.empty()) {
    std::string list;
    for (const auto& t : times) list += (list.empty() ? "{" : ", {") + t + "}";
    return what + " writes " + entity + " without `condition: not_exists`, and its primary key is built only from " +
           list +
           ": two writes with the same timestamp build the same key, and the second silently replaces the "
           "first item. Add a unique part (an id, a ULID) to the key, or the condition to refuse the second write";
  }
  if (names_a_create(name))
    return what + " creates " + entity +
           " with a PutItem without `condition: not_exists`: a create whose key "
           "already exists silently replaces that item and every attribute of it. Add `condition: not_exists` "
           "(the write then fails with ConditionalCheckFailedException), or name the pattern as an upsert";
  return "";
}

}  // namespace

extern const Rule kAccessPutOverwrite = {
    {"access/put-overwrite", Severity::warning,
     "an unconditional PutItem whose key can repeat (a create, or a key made only of timestamps) replaces an item",
     "PutItem replaces any item with the same primary key, attributes and all, unless a condition expression "
     "refuses it. A pattern named as a create (createX, addX, registerX, insertX, newX) without `condition: "
     "not_exists` overwrites an existing item instead of failing, and a key built only from dates or timestamps "
     "repeats whenever two writes share one, losing the first write without an error.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html"
     "#Expressions.ConditionExpressions.PreventingOverwrites",
     "- name: createUser\n  entity: User\n  operation: PutItem\n  key: {PK: \"USER#{userId}\", SK: PROFILE}\n",
     "- name: createUser\n  entity: User\n  operation: PutItem\n  key: {PK: \"USER#{userId}\", SK: PROFILE}\n"
     "  condition: not_exists\n",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      for (const auto& p : m.access_patterns) {
        const std::string what = p.id + (p.name.empty() ? "" : " " + p.name);
        if (p.operation == Operation::PutItem && p.condition == WriteCondition::none && !p.condition_expression &&
            p.entities.size() == 1) {
          const auto msg = overwrite_message(m, what, p.name, p.entities[0]);
          if (!msg.empty()) f.report(p.source.at("operation"), p.source.path_of("operation"), msg);
        }
        if (p.operation != Operation::TransactWriteItems) continue;
        for (std::size_t i = 0; i < p.actions.size(); ++i) {
          const Action& a = p.actions[i];
          if (a.operation != Operation::PutItem || a.condition != WriteCondition::none || a.condition_expression)
            continue;
          const auto msg = overwrite_message(m, what + " (action " + std::to_string(i + 1) + ")", p.name, a.entity);
          if (!msg.empty()) f.report(a.source.at("operation"), a.source.path_of("operation"), msg);
        }
      }
    }};

}  // namespace dynamodel
