// Rules on DynamoDB's numeric limits, at sizes no fixture file should hold: 65 KB attribute
// names, 10,000 tags, transactions of more than 100 actions (the loader refuses those, so the
// model is built in code); and the reserved-word list against data/reserved-words.txt.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "test_models.hpp"
#include "model/loader.hpp"
#include "rules/reserved_words.hpp"
#include "rules/rule.hpp"

using namespace dynamodel;

namespace {

const Rule& rule(std::string_view id) {
  for (const auto& r : rules())
    if (r.info.id == id) return r;
  FAIL("no rule " << id);
  throw std::logic_error("unreachable");
}

/// The findings of one rule on a model.
std::vector<Diagnostic> run(std::string_view id, const Model& m) {
  std::vector<Diagnostic> out;
  const Rule& r = rule(id);
  Findings f(r.info, out);
  r.check(m, Analysis{}, f);
  return out;
}

/// A valid one-entity model; `table_extra` goes under `table:`, `attributes_extra` under the
/// entity's attributes (both as indented YAML lines).
std::string model_text(const std::string& table_extra, const std::string& attributes_extra) {
  return "dynamodel: 1\nname: limits\ntable:\n  name: Things\n  partition_key: {name: PK, type: S}\n" + table_extra +
         "entities:\n  User:\n    attributes:\n      userId: {type: S, required: true, max_length: 26}\n" +
         attributes_extra +
         "    keys:\n      PK: \"USER#{userId}\"\naccess_patterns:\n"
         "  - {id: AP1, name: getUser, entity: User, operation: GetItem, key: {PK: \"USER#{userId}\"}}\n";
}

/// An attribute declaration with a name of `bytes` bytes. YAML limits implicit keys to 1024
/// characters, so the name is an explicit key (`? name`).
std::string long_attribute(std::size_t bytes) {
  return "      ? " + std::string(bytes, 'a') + "\n      : {type: S, max_length: 5}\n";
}

Model load(const std::string& text) { return test::load_or_fail(text, "limits.yaml"); }

}  // namespace

TEST_CASE("naming/attribute-name: 65,535 bytes is the longest attribute name", "[rules][limits]") {
  CHECK(run("naming/attribute-name", load(model_text("", long_attribute(65535)))).empty());
  const auto found = run("naming/attribute-name", load(model_text("", long_attribute(65536))));
  REQUIRE(found.size() == 1);
  CHECK(found[0].location.line == 10);
  CHECK(found[0].message.find("65536 bytes") != std::string::npos);
  CHECK(found[0].message.size() < 400);  // the name is abbreviated, not repeated whole
}

TEST_CASE("naming/attribute-name: a 100,000-character name gives one short finding", "[rules][limits]") {
  const Model m = load(model_text("", long_attribute(100000)));
  std::vector<Diagnostic> all = run_rules(m, {});
  const auto n =
      std::count_if(all.begin(), all.end(), [](const Diagnostic& d) { return d.rule == "naming/attribute-name"; });
  CHECK(n == 1);
  for (const auto& d : all) CHECK(d.message.size() < 2000);
}

TEST_CASE("table/tags: 10,000 tags give one finding for the count", "[rules][limits]") {
  std::string tags = "  tags:\n";
  for (int i = 0; i < 10000; ++i) tags += "    Tag" + std::to_string(i) + ": v\n";
  const auto found = run("table/tags", load(model_text(tags, "")));
  REQUIRE(found.size() == 1);
  CHECK(found[0].location.line == 57);  // the 51st tag
  CHECK(found[0].message.find("10000 tags") != std::string::npos);
}

TEST_CASE("table/tags: lengths count Unicode characters, not bytes", "[rules][limits]") {
  std::string e128, e129;
  for (int i = 0; i < 128; ++i) e128 += "\xC3\xA9";  // é, two bytes
  e129 = e128 + "\xC3\xA9";
  CHECK(run("table/tags", load(model_text("  tags: {" + e128 + ": v}\n", ""))).empty());
  CHECK(run("table/tags", load(model_text("  tags: {" + e129 + ": v}\n", ""))).size() == 1);
}

TEST_CASE("access/batch-limit: a transaction of 101 actions", "[rules][limits]") {
  Model m = load(model_text("", ""));
  AccessPattern p = m.access_patterns.front();
  p.id = "AP2";
  p.operation = Operation::TransactWriteItems;
  Action a;
  a.entity = "User";
  a.operation = Operation::PutItem;
  p.actions.assign(100, a);
  m.access_patterns.push_back(p);
  CHECK(run("access/batch-limit", m).empty());
  m.access_patterns.back().actions.push_back(a);
  const auto found = run("access/batch-limit", m);
  REQUIRE(found.size() == 1);
  CHECK(found[0].message.find("101 actions") != std::string::npos);
}

TEST_CASE("reserved words: the compiled list is data/reserved-words.txt", "[rules][reserved]") {
  std::ifstream in(std::string(DYNAMODEL_SOURCE_DIR) + "/data/reserved-words.txt");
  REQUIRE(in);
  std::vector<std::string> words;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line[0] != '#') words.push_back(line);
  }
  std::sort(words.begin(), words.end());
  const auto& compiled = reserved_words();
  INFO("regenerate src/rules/reserved_words.cpp with: python3 data/gen_reserved_words.py");
  REQUIRE(compiled.size() == words.size());
  CHECK(std::equal(compiled.begin(), compiled.end(), words.begin()));
  CHECK(words.size() == 573);
  CHECK(is_reserved_word("status"));
  CHECK(is_reserved_word("Name"));
  CHECK(is_reserved_word("TTL"));
  CHECK_FALSE(is_reserved_word("userStatus"));
  CHECK_FALSE(is_reserved_word(""));
  CHECK_FALSE(is_reserved_word(std::string(100000, 'a')));
}
