// The FilterCriteria of stream consumers (analysis/stream_filter.hpp): the literal key prefixes
// that identify each entity, the sort key added only when the partition key's prefix is shared,
// equality for a constant key, and no filter when an entity cannot be told apart.
#include "analysis/stream_filter.hpp"

#include <catch2/catch.hpp>

#include "test_models.hpp"

using namespace dynamodel;

namespace {

const char* kModel = R"(dynamodel: 1
name: filters
table:
  name: Shop
  partition_key: {name: PK, type: S}
  sort_key: {name: SK, type: S}
  stream: KEYS_ONLY
entities:
  User:
    attributes: {userId: {type: S, required: true}}
    keys: {PK: "USER#{userId}", SK: "PROFILE"}
  Order:
    attributes: {userId: {type: S, required: true}, orderId: {type: S, required: true}}
    keys: {PK: "USER#{userId}", SK: "ORDER#{orderId}"}
  Line:
    attributes: {userId: {type: S, required: true}, orderId: {type: S, required: true}, n: {type: N, required: true}}
    keys: {PK: "USER#{userId}", SK: "ORDER#{orderId}#LINE#{n}"}
  Product:
    attributes: {productId: {type: S, required: true}}
    keys: {PK: "PRODUCT#{productId}", SK: "PRODUCT"}
  Config:
    attributes: {v: {type: S}}
    keys: {PK: "CONFIG", SK: "CONFIG"}
  Loose:
    attributes: {a: {type: S, required: true}}
    keys: {PK: "{a}", SK: "LOOSE"}
  Dup1:
    attributes: {a: {type: S, required: true}, b: {type: S, required: true}}
    keys: {PK: "{a}", SK: "DUP#{b}"}
  Dup2:
    attributes: {a: {type: S, required: true}, b: {type: S, required: true}}
    keys: {PK: "{a}", SK: "DUP#{b}#2"}
access_patterns:
  - {id: AP1, name: getUser, entity: User, operation: GetItem, key: {PK: "USER#{userId}", SK: "PROFILE"}}
operations:
  stream_consumers:
    products: {function: f1, entities: [Product], events: [INSERT, REMOVE]}
    users: {function: f2, entities: [User]}
    orders: {function: f3, entities: [Order]}
    orders-and-lines: {function: f4, entities: [Order, Line]}
    config: {function: f5, entities: [Config]}
    loose: {function: f6, entities: [Loose]}
    dup: {function: f9, entities: [Dup1]}
    removals: {function: f7, events: [REMOVE]}
    everything: {function: f8}
)";

ConsumerFilter filter_of(const Model& m, std::string_view name) {
  for (const auto& c : m.operations.stream_consumers)
    if (c.name == name) return stream_filter(m, c);
  FAIL("no consumer " << name);
  return {};
}

}  // namespace

TEST_CASE("stream filters: key prefixes, the sort key when needed, events", "[stream-filter]") {
  const Model m = test::load_or_fail(kModel);
  SECTION("a distinct partition-key prefix is enough; events ANDed") {
    const auto f = filter_of(m, "products");
    REQUIRE(f.complete);
    REQUIRE(f.patterns.size() == 1);
    // Product's PK prefix PRODUCT# is no other entity's, but Loose's PK ({a}) could be anything.
    CHECK(f.entities[0].keys.size() == 2);
    CHECK(
        f.patterns[0] ==
        R"({"eventName":["INSERT","REMOVE"],"dynamodb":{"Keys":{"PK":{"S":[{"prefix":"PRODUCT#"}]},"SK":{"S":["PRODUCT"]}}}})");
  }
  SECTION("a shared partition-key prefix takes the sort key: equality for a constant") {
    const auto f = filter_of(m, "users");
    REQUIRE(f.complete);
    CHECK(f.patterns[0] == R"({"dynamodb":{"Keys":{"PK":{"S":[{"prefix":"USER#"}]},"SK":{"S":["PROFILE"]}}}})");
  }
  SECTION("a sort-key prefix that starts another entity's keys: not identified") {
    const auto f = filter_of(m, "orders");
    CHECK_FALSE(f.complete);
    CHECK(f.patterns.empty());
    REQUIRE(f.entities.size() == 1);
    CHECK(f.entities[0].shared_with == std::vector<std::string>{"Line"});
  }
  SECTION("entities of the same consumer may share a prefix") {
    const auto f = filter_of(m, "orders-and-lines");
    REQUIRE(f.complete);
    // Both are USER# AND ORDER#...: one pattern serves both (written once).
    CHECK(f.patterns ==
          std::vector<std::string>{
              R"({"dynamodb":{"Keys":{"PK":{"S":[{"prefix":"USER#"}]},"SK":{"S":[{"prefix":"ORDER#"}]}}}})"});
  }
  SECTION("a constant key: equality") {
    const auto f = filter_of(m, "config");
    REQUIRE(f.complete);
    CHECK(f.patterns[0] == R"({"dynamodb":{"Keys":{"PK":{"S":["CONFIG"]},"SK":{"S":["CONFIG"]}}}})");
  }
  SECTION("no partition-key prefix: the sort key alone") {
    const auto f = filter_of(m, "loose");
    REQUIRE(f.complete);
    CHECK(f.patterns[0] == R"({"dynamodb":{"Keys":{"SK":{"S":["LOOSE"]}}}})");
  }
  SECTION("no prefix that only this entity's keys start with: not identified") {
    const auto f = filter_of(m, "dup");
    CHECK_FALSE(f.complete);
    CHECK(f.entities[0].shared_with == std::vector<std::string>{"Dup2"});
    CHECK_FALSE(f.entities[0].reason.empty());
  }
  SECTION("events only, and no filter at all") {
    CHECK(filter_of(m, "removals").patterns == std::vector<std::string>{R"({"eventName":["REMOVE"]})"});
    const auto f = filter_of(m, "everything");
    CHECK(f.complete);
    CHECK(f.patterns.empty());
  }
}
