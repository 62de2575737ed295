// Deterministic sample items (report section 3, `dynamodel sample`).
#include "report/sample.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <iomanip>
#include <locale>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "model/membership.hpp"

namespace dynamodel {
namespace {

/// splitmix64: small, fast and the same on every platform and standard library.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// Uniform-enough integer in [0, n); n > 0.
  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }
  template <std::size_t N>
  const char* pick(const std::array<const char*, N>& a) {
    return a[below(N)];
  }

 private:
  std::uint64_t state_;
};

constexpr std::array<const char*, 8> kFirst{"ada", "grace", "alan", "edsger", "barbara", "donald", "margaret", "ken"};
constexpr std::array<const char*, 8> kLast{"lovelace", "hopper", "turing",   "dijkstra",
                                           "liskov",   "knuth",  "hamilton", "thompson"};
constexpr std::array<const char*, 8> kWords{"oak", "river", "copper", "maple", "harbor", "summit", "cedar", "meadow"};
constexpr std::array<const char*, 6> kTitles{"Chef's knife 20 cm", "Cast-iron skillet",    "Linen apron",
                                             "Espresso grinder",   "Bamboo cutting board", "Ceramic teapot"};
constexpr std::array<const char*, 6> kSlugs{"kitchen-knives", "cookware", "textiles", "coffee", "tea", "tableware"};
constexpr const char* kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr const char* kHex = "0123456789abcdef";

/// A generated value: its AttributeValue and its text for display.
// NOLINTNEXTLINE(bugprone-exception-escape): ordered_json's special members are not noexcept
struct Value {
  nlohmann::ordered_json av;
  std::string text;
};

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
bool has(const std::string& name, const char* part) { return lower(name).find(part) != std::string::npos; }

std::string digits(Rng& rng, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += static_cast<char>('0' + rng.below(10));
  return s;
}

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

/// 2026-01-01T00:00:00Z plus up to ~300 days: a plausible, reproducible moment.
struct Moment {
  int month, day, hour, minute, second, milli;
  std::int64_t epoch;
};
Moment moment(Rng& rng) {
  Moment m{};
  const int day_of_year = static_cast<int>(rng.below(300));
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int d = day_of_year, month = 0;
  while (d >= kDays[month]) d -= kDays[month++];
  m.month = month + 1;
  m.day = d + 1;
  m.hour = static_cast<int>(rng.below(24));
  m.minute = static_cast<int>(rng.below(60));
  m.second = static_cast<int>(rng.below(60));
  m.milli = static_cast<int>(rng.below(1000));
  m.epoch = 1767225600LL + day_of_year * 86400LL + m.hour * 3600LL + m.minute * 60LL + m.second;
  return m;
}

std::string date_time(const Moment& m) {
  std::string ms = std::to_string(m.milli);
  ms.insert(0, 3 - ms.size(), '0');
  return "2026-" + two(m.month) + "-" + two(m.day) + "T" + two(m.hour) + ":" + two(m.minute) + ":" + two(m.second) +
         "." + ms + "Z";
}

std::string ulid(Rng& rng) {
  const std::int64_t seconds = moment(rng).epoch;  // draws in a fixed order (see string_value)
  std::int64_t ms = seconds * 1000 + static_cast<std::int64_t>(rng.below(1000));
  std::string s(26, '0');
  for (int i = 9; i >= 0; --i, ms >>= 5) s[static_cast<std::size_t>(i)] = kCrockford[ms & 31];
  for (int i = 10; i < 26; ++i) s[static_cast<std::size_t>(i)] = kCrockford[rng.below(32)];
  return s;
}

std::string uuid(Rng& rng) {
  std::string s;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) s += '-';
    s += i == 12 ? '4' : i == 16 ? kHex[8 + rng.below(4)] : kHex[rng.below(16)];
  }
  return s;
}

std::string base64(const std::string& bytes) {
  static constexpr const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

std::string clip(std::string s, const Attribute& a) {
  if (a.max_length && *a.max_length > 0 && static_cast<std::int64_t>(s.size()) > *a.max_length)
    s.resize(static_cast<std::size_t>(*a.max_length));
  return s;
}

/// A string value for `a` (format, enum, then a guess from the attribute's name).
std::string string_value(const Attribute& a, Rng& rng) {
  if (!a.enum_values.empty()) return a.enum_values[rng.below(a.enum_values.size())];
  if (a.format) switch (*a.format) {
      case AttributeFormat::ulid:
        return ulid(rng);
      case AttributeFormat::uuid:
        return uuid(rng);
      case AttributeFormat::email: {
        // One draw per statement: the order of the draws must not depend on the compiler (the
        // operands of + are unsequenced). This is the order g++ chose, which the golden files hold.
        const auto number = rng.below(100);
        const std::string last = rng.pick(kLast);
        const std::string first = rng.pick(kFirst);
        return clip(first + "." + last + std::to_string(number) + "@example.com", a);
      }
      case AttributeFormat::date: {
        const Moment m = moment(rng);
        return "2026-" + two(m.month) + "-" + two(m.day);
      }
      case AttributeFormat::date_time:
        return date_time(moment(rng));
      case AttributeFormat::epoch_seconds:
        return std::to_string(moment(rng).epoch);
      case AttributeFormat::float_:
      case AttributeFormat::decimal: {
        const std::string fraction = digits(rng, 2);
        return std::to_string(rng.below(1000)) + "." + fraction;
      }
    }
  const std::string& n = a.name;
  if (has(n, "cents") || has(n, "price") || has(n, "amount")) {
    std::string v = std::to_string(100 + rng.below(20000));
    if (a.max_length && *a.max_length <= 20 && static_cast<std::int64_t>(v.size()) < *a.max_length)
      v.insert(0, static_cast<std::size_t>(*a.max_length) - v.size(), '0');
    return clip(v, a);
  }
  if (has(n, "email")) return clip(std::string(rng.pick(kFirst)) + "@example.com", a);
  if (has(n, "phone")) return clip("+1555" + digits(rng, 7), a);
  if (has(n, "url") || has(n, "link")) return clip("https://example.com/" + uuid(rng).substr(0, 8) + ".jpg", a);
  if (has(n, "title")) return clip(rng.pick(kTitles), a);
  if (has(n, "name")) {
    const std::string last = rng.pick(kLast);  // draw order as for email above
    return clip(rng.pick(kFirst) + (" " + last), a);
  }
  if (has(n, "description") || has(n, "comment") || has(n, "note")) {
    const std::string second = rng.pick(kWords);  // draw order as for email above
    const std::string first = rng.pick(kWords);
    return clip("Sample " + first + " " + second + " text", a);
  }
  if (has(n, "category") || has(n, "slug")) return clip(rng.pick(kSlugs), a);
  if (n.size() > 2 && (n.ends_with("Id") || n.ends_with("_id") || n.ends_with("ID"))) {
    std::string base = lower(n.substr(0, n.size() - (n.ends_with("_id") ? 3 : 2)));
    return clip(base + "-" + digits(rng, 4), a);
  }
  const std::string tail = digits(rng, 3);
  return clip(rng.pick(kWords) + ("-" + tail), a);
}

std::string number_value(const Attribute& a, Rng& rng) {
  if (!a.enum_values.empty()) return a.enum_values[rng.below(a.enum_values.size())];
  if (a.role == AttributeRole::version || a.role == AttributeRole::revision) return std::to_string(1 + rng.below(5));
  if (a.role == AttributeRole::ttl || a.format == AttributeFormat::epoch_seconds)
    return std::to_string(moment(rng).epoch);
  if (a.format == AttributeFormat::float_ || a.format == AttributeFormat::decimal) {
    const std::string fraction = digits(rng, 2);  // draw order as in string_value
    return std::to_string(rng.below(1000)) + "." + fraction;
  }
  if (a.cardinality && *a.cardinality > 0) return std::to_string(rng.below(static_cast<std::uint64_t>(*a.cardinality)));
  std::uint64_t top = 1000;
  if (a.max_digits) {
    top = 1;
    for (std::int64_t i = 0; i < std::min<std::int64_t>(*a.max_digits, 6); ++i) top *= 10;
  }
  return std::to_string(rng.below(top));
}

Value scalar(const char* type, std::string text) {
  Value v;
  v.av[type] = text;
  v.text = std::move(text);
  return v;
}

Value generate(const Attribute& a, Rng& rng) {
  switch (a.type) {
    case AttributeType::S:
      return scalar("S", string_value(a, rng));
    case AttributeType::N:
      return scalar("N", number_value(a, rng));
    case AttributeType::B: {
      std::string bytes;
      for (int i = 0; i < 6; ++i) bytes += static_cast<char>(rng.below(256));
      return scalar("B", base64(bytes));
    }
    case AttributeType::BOOL: {
      Value v;
      const bool b = rng.below(2) == 1;
      v.av["BOOL"] = b;
      v.text = b ? "true" : "false";
      return v;
    }
    case AttributeType::NULL_: {
      Value v;
      v.av["NULL"] = true;
      v.text = "null";
      return v;
    }
    case AttributeType::L: {
      Value v;
      v.av["L"] = nlohmann::ordered_json::array();
      for (int i = 0; i < 2; ++i) {
        const std::string tail = digits(rng, 2);  // draw order as in string_value
        std::string s = rng.pick(kWords) + ("-" + tail);
        v.av["L"].push_back({{"S", s}});
        v.text += (i ? ", " : "[") + s;
      }
      v.text += "]";
      return v;
    }
    case AttributeType::M: {
      Value v;
      const std::string word = rng.pick(kWords);  // draw order as in string_value
      const std::string street = std::to_string(1 + rng.below(200)) + " " + word + " street";
      const std::string city = std::string(rng.pick(kWords)) + "ville";
      v.av["M"] = nlohmann::ordered_json{{"line1", {{"S", street}}}, {"city", {{"S", city}}}};
      v.text = "{line1: " + street + ", city: " + city + "}";
      return v;
    }
    case AttributeType::SS:
    case AttributeType::NS:
    case AttributeType::BS: {
      const char* type = a.type == AttributeType::SS ? "SS" : a.type == AttributeType::NS ? "NS" : "BS";
      std::set<std::string> values;
      for (int i = 0; i < 8 && values.size() < 2; ++i) {
        if (a.type == AttributeType::SS) {
          Attribute plain = a;
          plain.type = AttributeType::S;
          values.insert(string_value(plain, rng));
        } else if (a.type == AttributeType::NS) {
          values.insert(std::to_string(rng.below(1000)));
        } else {
          values.insert(base64(digits(rng, 4)));
        }
      }
      Value v;
      v.av[type] = nlohmann::ordered_json::array();
      for (const auto& s : values) {
        v.av[type].push_back(s);
        v.text += (v.text.empty() ? "{" : ", ") + s;
      }
      v.text += "}";
      return v;
    }
  }
  return scalar("S", "");
}

}  // namespace

namespace {

/// What a membership condition sees of attribute `name` of `item`.
MemberValue member_value(const nlohmann::ordered_json& item, const std::string& name) {
  MemberValue v;
  if (!item.contains(name)) return v;
  const auto& av = item[name];
  v.kind = MemberValue::Kind::other;
  if (av.contains("S")) v.kind = MemberValue::Kind::s, v.s = av["S"].get<std::string>();
  if (av.contains("N")) v.kind = MemberValue::Kind::n, v.n = std::strtod(av["N"].get<std::string>().c_str(), nullptr);
  if (av.contains("BOOL")) v.kind = MemberValue::Kind::b, v.b = av["BOOL"].get<bool>();
  return v;
}

/// Conditional memberships (index_when): item number `j` of `e` is made a member of each such
/// index when j is even and a non-member when odd (by the condition's example values, on
/// attributes outside the keys), so that samples show both; the index's key attributes are then
/// dropped from a non-member, as the accessors write it.
void apply_memberships(const Model& model, const Entity& e, int j, SampleItem& item) {
  const auto read = [&](const IndexMembership& w) {
    std::map<std::string, MemberValue> values;
    for (const ExprOperand* o : w.condition.attributes()) values[o->text] = member_value(item.item, o->text);
    return values;
  };
  const auto set_display = [&](const std::string& name, const std::optional<std::string>& text) {
    auto& d = item.display;
    const auto it = std::find_if(d.begin(), d.end(), [&](const auto& p) { return p.first == name; });
    if (!text) {
      if (it != d.end()) d.erase(it);
    } else if (it != d.end()) {
      it->second = *text;
    } else {
      d.emplace_back(name, *text);
    }
  };
  for (const IndexMembership& w : e.index_when) {
    if (!w.condition) continue;
    const bool want = j % 2 == 0;
    // Values inside key templates stay (a key would no longer match), except in this index's own
    // keys when the item leaves the index: they are dropped below.
    std::vector<std::string> own_keys;
    for (const KeyAttribute* k : model.index_key_attributes(w.index).value_or(std::vector<const KeyAttribute*>{}))
      own_keys.push_back(k->name);
    std::set<std::string> keyed;
    for (const EntityKey& k : e.keys)
      if (want || std::find(own_keys.begin(), own_keys.end(), k.attribute) == own_keys.end())
        for (const auto& p : k.key_template.placeholders()) keyed.insert(p);
    if (membership_holds(*w.condition.root, read(w)) != want) {
      const MembershipExamples ex = membership_examples(e, w.condition);
      const auto& example = want ? ex.member : ex.other;
      if (example)
        for (const auto& [name, v] : *example) {
          const Attribute* a = e.attribute(name);
          if (!a || a->key_only || keyed.count(name)) continue;
          if (v.kind == MemberValue::Kind::absent) {
            item.item.erase(name);
            set_display(name, std::nullopt);
          } else if (v.kind == MemberValue::Kind::s) {
            item.item[name] = {{"S", v.s}};
            set_display(name, v.s);
          } else if (v.kind == MemberValue::Kind::b) {
            item.item[name] = {{"BOOL", v.b}};
            set_display(name, v.b ? "true" : "false");
          } else if (v.kind == MemberValue::Kind::n) {
            std::ostringstream out;
            out.imbue(std::locale::classic());
            out << std::setprecision(17) << v.n;
            item.item[name] = {{"N", out.str()}};
            set_display(name, out.str());
          }
        }
    }
    if (membership_holds(*w.condition.root, read(w))) continue;
    for (const auto& k : own_keys) {
      item.item.erase(k);
      set_display(k, std::nullopt);
    }
  }
}

}  // namespace

std::vector<SampleItem> sample_items(const Model& model, int per_entity, std::uint64_t seed) {
  std::vector<SampleItem> out;
  if (per_entity <= 0) return out;
  Rng rng(seed);
  std::map<std::string, std::vector<Value>> pool;  // shared values, by attribute or placeholder name
  std::map<std::string, std::string> pool_owner;   // the entity that generated them
  std::set<std::pair<std::string, std::string>> primary_keys;
  const std::string pk_name = model.table.partition_key.name;
  const std::string sk_name = model.table.sort_key ? model.table.sort_key->name : std::string();

  for (const Entity& e : model.entities) {
    // Names this entity's items take from an earlier entity's values.
    std::set<std::string> reused;
    for (const auto& [name, owner] : pool_owner)
      if (owner != e.name) reused.insert(name);
    std::map<std::string, std::vector<Value>> own;  // values this entity adds to the pool
    for (int j = 0; j < per_entity; ++j) {
      bool placed = false;
      for (std::size_t attempt = 0; attempt < 6 && !placed; ++attempt) {
        std::map<std::string, Value> values;
        auto value_of = [&](const std::string& name, const Attribute* a) -> const Value& {
          auto found = values.find(name);
          if (found != values.end()) return found->second;
          // An attribute with an enum takes only values of its own enum (a `kind` discriminator
          // is `product` in one entity and `review` in another).
          const auto allowed = [a](const Value& v) {
            return !a || a->enum_values.empty() || std::ranges::find(a->enum_values, v.text) != a->enum_values.end();
          };
          if (reused.count(name) && attempt < 4 && std::ranges::all_of(pool[name], allowed)) {
            const auto& shared = pool[name];
            const std::size_t cluster = std::min<std::size_t>(shared.size(), 2);
            const std::size_t at = (static_cast<std::size_t>(j) % cluster + attempt) % shared.size();
            return values.emplace(name, shared[at]).first->second;
          }
          Attribute fallback;
          fallback.name = name;
          return values.emplace(name, generate(a ? *a : fallback, rng)).first->second;
        };
        SampleItem item;
        item.entity = e.name;
        for (const EntityKey& k : e.keys) {
          std::string text;
          for (const TemplatePart& p : k.key_template.parts)
            text += p.placeholder ? p.transform.apply(value_of(p.text, e.attribute(p.text)).text) : p.text;
          const bool number =
              (model.key_attribute(k.attribute) && model.key_attribute(k.attribute)->type == AttributeType::N);
          item.item[k.attribute] = {{number ? "N" : "S", text}};
          item.display.emplace_back(k.attribute, text);
        }
        const std::string pk = item.item.contains(pk_name) ? item.item[pk_name].begin().value().get<std::string>() : "";
        const std::string sk = !sk_name.empty() && item.item.contains(sk_name)
                                   ? item.item[sk_name].begin().value().get<std::string>()
                                   : "";
        if (primary_keys.count({pk, sk})) continue;
        for (const Attribute& a : e.attributes) {
          if (a.key_only || item.item.contains(a.name)) continue;  // key_only: only inside the keys
          // Optional attributes are left out now and then, as in real data.
          const bool keyed = values.count(a.name) > 0;
          if (!a.required && !keyed && rng.below(4) == 0) continue;
          const Value& v = value_of(a.name, &a);
          item.item[a.name] = v.av;
          item.display.emplace_back(a.name, v.text);
        }
        apply_memberships(model, e, j, item);
        primary_keys.insert({pk, sk});
        for (const auto& [name, v] : values)
          if (!reused.count(name)) own[name].push_back(v);
        out.push_back(std::move(item));
        placed = true;
      }
    }
    for (auto& [name, vs] : own)
      if (!pool_owner.count(name)) {
        pool_owner[name] = e.name;
        pool[name] = std::move(vs);
      }
  }
  return out;
}

nlohmann::ordered_json batch_write_chunks(const std::vector<SampleItem>& items, const std::string& table_name) {
  nlohmann::ordered_json chunks = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < items.size(); i += 25) {
    nlohmann::ordered_json requests = nlohmann::ordered_json::array();
    for (std::size_t k = i; k < std::min(items.size(), i + 25); ++k)
      requests.push_back({{"PutRequest", {{"Item", items[k].item}}}});
    nlohmann::ordered_json chunk;
    chunk[table_name] = std::move(requests);
    chunks.push_back(std::move(chunk));
  }
  return chunks;
}

}  // namespace dynamodel
