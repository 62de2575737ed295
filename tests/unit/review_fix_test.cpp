// The review's model-specific fixes and messages (issue 19): "did you mean" for a case-only
// difference, the index whose keys the pattern uses, the patterns that drive a quota finding,
// and no eventually-consistent advice when reads already are.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "analysis/analysis.hpp"
#include "rules/rule.hpp"
#include "test_models.hpp"

using namespace dynamodel;

namespace {

const std::string kModel = R"(dynamodel: 1
name: review-fix
table:
  name: Shop
  partition_key: {name: PK, type: S}
  sort_key: {name: SK, type: S}
  point_in_time_recovery: true
  deletion_protection: true
  global_secondary_indexes:
    - {name: ByEmail, partition_key: {name: GSI1PK, type: S}}
    - {name: GSI2, partition_key: {name: GSI2PK, type: S}}
entities:
  User:
    attributes:
      userId: {type: S, required: true, max_length: 26}
      email: {type: S, required: true, max_length: 100}
      area: {type: S, required: true, max_length: 10}
    keys:
      PK: "USER#{PLACEHOLDER}"
      SK: "PROFILE"
      GSI1PK: "EMAIL#{email}"
      GSI2PK: "AREA#{area}"
    expected: {items: 1000, writes_per_second: 1}
access_patterns:
  - {id: AP1, name: getUser, entity: User, operation: GetItem, key: {PK: "USER#{userId}", SK: "PROFILE"}, rate_per_second: 100000CONSISTENT}
  - {id: AP2, name: byEmail, entity: User, operation: Query, index: GSI1, key: {GSI1PK: "EMAIL#{email}"}, limit: 1}
  - {id: AP3, name: byArea, entity: User, operation: Query, index: GSI2, key: {GSI2PK: "AREA#{area}"}, limit: 10}
)";

std::vector<Diagnostic> findings_of(const std::string& placeholder, bool consistent) {
  std::string text = kModel;
  text.replace(text.find("PLACEHOLDER"), 11, placeholder);
  text.replace(text.find("CONSISTENT"), 10, consistent ? ", consistent_read: true" : "");
  const Model m = test::load_or_fail(text);
  return run_rules(m, {});
}

const Diagnostic* find(const std::vector<Diagnostic>& ds, const std::string& rule) {
  for (const auto& d : ds)
    if (d.rule == rule) return &d;
  return nullptr;
}

}  // namespace

TEST_CASE("a placeholder that differs from an attribute only in case gets a suggestion and a fix") {
  const auto ds = findings_of("userid", false);
  const Diagnostic* d = find(ds, "keys/unknown-attribute");
  REQUIRE(d);
  CHECK(d->message.find("did you mean {userId}?") != std::string::npos);
  CHECK(d->fix == "In User, set keys.PK: \"USER#{userId}\".");
}

TEST_CASE("an unknown index: the index whose keys the pattern uses, not the closest name") {
  const auto ds = findings_of("userId", false);
  const Diagnostic* d = find(ds, "access/unknown-index");
  REQUIRE(d);
  // GSI2 is one edit from GSI1; ByEmail is the index keyed by GSI1PK.
  CHECK(d->message.find("did you mean 'ByEmail'?") != std::string::npos);
  CHECK(d->fix == "In AP2, set index: ByEmail.");
}

TEST_CASE("a quota finding names its driving patterns; eventual consistency only when reads are strong") {
  const auto strong = findings_of("userId", true);
  const Diagnostic* d = find(strong, "capacity/table-quota");
  REQUIRE(d);
  CHECK(d->patterns == std::vector<std::string>{"AP1"});
  CHECK(d->message.find("AP1 100,000") != std::string::npos);
  CHECK(d->message.find("eventually consistent") != std::string::npos);
  CHECK(d->fix.find("consistent_read: false") != std::string::npos);

  const auto eventual = findings_of("userId", false);
  d = find(eventual, "capacity/table-quota");
  REQUIRE(d);
  CHECK(d->patterns == std::vector<std::string>{"AP1"});
  CHECK(d->message.find("eventually consistent") == std::string::npos);
  CHECK(d->fix.find("consistent_read") == std::string::npos);
}
