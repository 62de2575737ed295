// The analysis' formulas against AWS's own worked examples
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html,
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ProvisionedThroughput.html and
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.ThroughputConsiderations.Writes).
#include <catch2/catch.hpp>
#include <limits>
#include <map>
#include <string>

#include "test_models.hpp"
#include "analysis/analysis.hpp"
#include "analysis/sizes.hpp"
#include "rules/rule.hpp"
#include "model/loader.hpp"

using namespace dynamodel;

namespace {

const std::string kHeader = R"(dynamodel: 1
name: analysis-test
table:
  name: Things
  partition_key: {name: PK, type: S}
  sort_key: {name: SK, type: S}
)";

/// An entity whose item is `blob` bytes of payload plus its keys: PK "T#{id}" and SK "T",
/// id 4 ASCII characters (uuid format counts 1 byte a character).
std::string entity(const std::string& name, std::int64_t blob) {
  return "  " + name + ":\n    attributes:\n      id: {type: S, required: true, format: uuid, max_length: 4}\n" +
         "      blob: {type: B, max_bytes: " + std::to_string(blob) + "}\n    keys:\n      PK: \"" + name +
         "#{id}\"\n      SK: \"" + name + "\"\n";
}

Model load(const std::string& text) { return test::load_or_fail(text, "test.yaml"); }

const PatternAnalysis& pattern(const Analysis& a, const std::string& id) {
  for (const auto& p : a.patterns)
    if (p.id == id) return p;
  FAIL("no pattern " + id);
  return a.patterns.front();
}

}  // namespace

TEST_CASE("capacity-unit rounding", "[analysis]") {
  CHECK(read_units(8 * 1024, 0.5) == 1);  // 8 KB eventually consistent: 2 x 4 KB x 0.5
  CHECK(read_units(8 * 1024, 1) == 2);
  CHECK(read_units(8 * 1024 + 1, 1) == 3);
  CHECK(read_units(0, 0.5) == 0.5);  // a missing item still costs the minimum
  CHECK(read_units(1, 2) == 2);      // transactional
  CHECK(write_units(3 * 1024, 1) == 3);
  CHECK(write_units(500, 1) == 1);
  CHECK(write_units(1025, 2) == 4);
}

TEST_CASE("the shirt example: names and values count, 23 bytes", "[analysis]") {
  // {"shirt-color":"R","shirt-size":"M"}: 11 + 1 + 10 + 1 bytes (CapacityUnitCalculations.html).
  const Model m = load(kHeader + R"(entities:
  Shirt:
    attributes:
      sku: {type: S, required: true, format: uuid}
      shirt-color: {type: S, enum: [R]}
      shirt-size: {type: S, enum: [M]}
    keys: {PK: "SHIRT#{sku}", SK: "SHIRT"}
access_patterns:
  - {id: AP1, name: getShirt, entity: Shirt, operation: GetItem, key: {PK: "SHIRT#{sku}", SK: "SHIRT"}}
)");
  const Analysis a = analyze(m);
  const EntityAnalysis* e = a.entity("Shirt");
  REQUIRE(e);
  std::int64_t shirt = 0;
  for (const auto& s : e->attributes)
    if (s.name == "shirt-color" || s.name == "shirt-size") shirt += s.max_bytes;
  CHECK(shirt == 23);
  // The whole item: sku (3 + 36) + 23 + PK (2 + 6 + 36) + SK (2 + 5).
  CHECK(e->max_item_bytes == 39 + 23 + 44 + 7);
}

TEST_CASE("AWS worked examples: 8 KB read 100/s eventually consistent = 100 RCU; 3 KB written 50/s = 150 WCU",
          "[analysis]") {
  const Model m = load(kHeader + "entities:\n" + entity("Big", 8000) + entity("Mid", 3000) + R"(access_patterns:
  - {id: AP1, name: readBig, entity: Big, operation: GetItem, key: {PK: "Big#{id}", SK: "Big"}, rate_per_second: 100}
  - {id: AP2, name: writeMid, entity: Mid, operation: PutItem, key: {PK: "Mid#{id}", SK: "Mid"}, rate_per_second: 50}
  - {id: AP3, name: readBigStrong, entity: Big, operation: GetItem, key: {PK: "Big#{id}", SK: "Big"}, consistent_read: true, rate_per_second: 100}
)");
  const Analysis a = analyze(m);
  REQUIRE(a.entity("Big")->max_item_bytes <= 8192);
  REQUIRE(a.entity("Big")->max_item_bytes > 4096);
  REQUIRE(a.entity("Mid")->max_item_bytes <= 3072);
  CHECK(pattern(a, "AP1").rcu_per_call == 1);
  CHECK(pattern(a, "AP1").rcu_per_second == 100);
  CHECK(pattern(a, "AP2").wcu_per_call == 3);
  CHECK(pattern(a, "AP2").wcu_per_second == 150);
  CHECK(pattern(a, "AP3").rcu_per_second == 200);
  CHECK(a.demand.at(0).name == "table");
  CHECK(a.demand.at(0).rcu_per_second == 300);
  CHECK(a.demand.at(0).wcu_per_second == 150);
  CHECK(a.entity("Mid")->writes_per_second == 50);
}

TEST_CASE("BatchGetItem rounds each item: 1.5 KB + 6.5 KB = 12 KB, 3 RCU strongly consistent", "[analysis]") {
  const Model m = load(kHeader + "entities:\n" + entity("Small", 1400) + entity("Large", 6500) + R"(access_patterns:
  - {id: AP1, name: getBoth, entities: [Small, Large], operation: BatchGetItem, key: {PK: "Small#{id}"}, consistent_read: true}
)");
  const Analysis a = analyze(m);
  REQUIRE(a.entity("Small")->max_item_bytes <= 4096);
  REQUIRE(a.entity("Large")->max_item_bytes > 4096);
  REQUIRE(a.entity("Large")->max_item_bytes <= 8192);
  CHECK(pattern(a, "AP1").items_per_call == 2);
  CHECK(pattern(a, "AP1").rcu_per_call == 3);
}

TEST_CASE("Query rounds once over the bytes read: 10 items of 40.8 KB = 44 KB, 11 RCU strongly consistent",
          "[analysis]") {
  // 10 items of 4,178 bytes = 41,780 bytes (40.8 KB): 11 x 4 KB, not 10 x 8 KB.
  const Model m = load(kHeader + "entities:\n" + entity("Row", 4178 - 25) + R"(access_patterns:
  - {id: AP1, name: listRows, entity: Row, operation: Query, key: {PK: "Row#{id}"}, limit: 10, returns: 10, consistent_read: true}
  - {id: AP2, name: listRowsEventually, entity: Row, operation: Query, key: {PK: "Row#{id}"}, limit: 10}
)");
  const Analysis a = analyze(m);
  REQUIRE(a.entity("Row")->max_item_bytes == 4178);
  CHECK(pattern(a, "AP1").bytes_per_call == 41780);
  CHECK(pattern(a, "AP1").rcu_per_call == 11);
  CHECK(pattern(a, "AP2").rcu_per_call == 5.5);
  CHECK_FALSE(pattern(a, "AP1").may_paginate);
}

TEST_CASE("a filter does not lower the read cost: `reads` items are charged, `returns` are left", "[analysis]") {
  // 10 items of 4,178 bytes read (41,780 bytes: 11 RCU strongly consistent), 2 returned.
  const Model m = load(kHeader + "entities:\n" + entity("Row", 4178 - 25) + R"(access_patterns:
  - {id: AP1, name: bigRows, entity: Row, operation: Query, key: {PK: "Row#{id}"}, filter: "blob = {b}", reads: 10, returns: 2, consistent_read: true}
  - {id: AP2, name: someRows, entity: Row, operation: Query, key: {PK: "Row#{id}"}, returns: 2, consistent_read: true}
  - {id: AP3, name: cappedRows, entity: Row, operation: Query, key: {PK: "Row#{id}"}, filter: "blob = {b}", reads: 50, limit: 10, returns: 20}
  - {id: AP4, name: scanRows, entity: Row, operation: Scan, filter: "blob = {b}", reads: 30, returns: 3}
)");
  const Analysis a = analyze(m);
  CHECK(pattern(a, "AP1").items_per_call == 10);
  CHECK(pattern(a, "AP1").rcu_per_call == 11);
  REQUIRE(pattern(a, "AP1").items_returned);
  CHECK(*pattern(a, "AP1").items_returned == 2);
  CHECK(pattern(a, "AP1").key_condition.find("FILTER blob = {b}") != std::string::npos);
  CHECK(pattern(a, "AP2").items_per_call == 2);
  CHECK_FALSE(pattern(a, "AP2").items_returned);
  // Limit caps the items read (before the filter), and what is returned is at most that.
  CHECK(pattern(a, "AP3").items_per_call == 10);
  CHECK(*pattern(a, "AP3").items_returned == 10);
  CHECK(pattern(a, "AP4").items_per_call == 30);  // a Scan with `reads`: not every item of the table
  CHECK(pattern(a, "AP4").key_condition == "FILTER blob = {b}");
  const auto json = to_json(a, coverage_message);
  CHECK(json["patterns"][0]["items_returned"] == 2);
  CHECK(json["patterns"][1]["items_returned"].is_null());
}

TEST_CASE("BatchWriteItem rounds each item: 500 B + 3.5 KB = 5 WCU; transactions cost twice", "[analysis]") {
  const Model m = load(kHeader + "entities:\n" + entity("Tiny", 400) + entity("Mid", 3500) + R"(access_patterns:
  - {id: AP1, name: putBoth, entities: [Tiny, Mid], operation: BatchWriteItem, key: {PK: "Tiny#{id}"}}
  - id: AP2
    name: putBothAtomically
    operation: TransactWriteItems
    actions:
      - {entity: Tiny, operation: PutItem, key: {PK: "Tiny#{id}", SK: "Tiny"}}
      - {entity: Mid, operation: PutItem, key: {PK: "Mid#{id}", SK: "Mid"}}
    rate_per_second: 10
  - id: AP3
    name: readBothAtomically
    operation: TransactGetItems
    actions:
      - {entity: Tiny, operation: GetItem, key: {PK: "Tiny#{id}", SK: "Tiny"}}
      - {entity: Mid, operation: GetItem, key: {PK: "Mid#{id}", SK: "Mid"}}
)");
  const Analysis a = analyze(m);
  REQUIRE(a.entity("Tiny")->max_item_bytes <= 512);
  REQUIRE(a.entity("Mid")->max_item_bytes <= 3584);
  CHECK(pattern(a, "AP1").wcu_per_call == 5);
  CHECK(pattern(a, "AP2").wcu_per_call == 10);
  CHECK(pattern(a, "AP2").wcu_per_second == 100);
  CHECK(pattern(a, "AP3").rcu_per_call == 4);  // 1 + 1 items of <= 4 KB, x 2
}

TEST_CASE("GSI write amplification and sparse indexes", "[analysis]") {
  const Model m = load(R"(dynamodel: 1
name: amplification
table:
  name: Orders
  partition_key: {name: PK, type: S}
  sort_key: {name: SK, type: S}
  global_secondary_indexes:
    - {name: ByStatus, partition_key: {name: GSI1PK, type: S}, sort_key: {name: GSI1SK, type: S}, projection: {include: [total]}}
    - {name: ByEmail, partition_key: {name: GSI2PK, type: S}, projection: KEYS_ONLY}
entities:
  Order:
    attributes:
      orderId: {type: S, required: true, format: ulid}
      status: {type: S, required: true, enum: [NEW, PAID]}
      total: {type: N, max_digits: 10}
      note: {type: S, max_length: 100}
    keys: {PK: "ORDER#{orderId}", SK: "ORDER", GSI1PK: "STATUS#{status}", GSI1SK: "{orderId}"}
access_patterns:
  - {id: AP1, name: putOrder, entity: Order, operation: PutItem, key: {PK: "ORDER#{orderId}", SK: "ORDER"}, rate_per_second: 10}
  - {id: AP2, name: setStatus, entity: Order, operation: UpdateItem, key: {PK: "ORDER#{orderId}", SK: "ORDER"}, set: [status], rate_per_second: 10}
  - {id: AP3, name: setTotal, entity: Order, operation: UpdateItem, key: {PK: "ORDER#{orderId}", SK: "ORDER"}, set: [total]}
  - {id: AP4, name: setNote, entity: Order, operation: UpdateItem, key: {PK: "ORDER#{orderId}", SK: "ORDER"}, set: [note]}
  - {id: AP5, name: byStatus, entity: Order, operation: Query, index: ByStatus, key: {GSI1PK: "STATUS#{status}"}, limit: 10, consistent_read: false}
)");
  const Analysis a = analyze(m);
  const EntityAnalysis* e = a.entity("Order");
  REQUIRE(e);
  REQUIRE(e->index_entries.size() == 1);  // not in ByEmail: it maps no GSI2PK (sparse)
  CHECK(e->index_entries[0].index == "ByStatus");
  CHECK(e->index_entries[0].max_bytes == e->index_entries[0].max_data_bytes + 100);
  CHECK(pattern(a, "AP1").index_wcu_per_call == 1);  // put: one entry
  CHECK(pattern(a, "AP2").index_wcu_per_call == 2);  // key input changed: delete + put
  CHECK(pattern(a, "AP3").index_wcu_per_call == 1);  // projected attribute only
  CHECK(pattern(a, "AP4").index_wcu_per_call == 0);  // not projected
  CHECK(pattern(a, "AP5").rcu_per_call == 0.5);      // GSI: eventually consistent, entries are small
  REQUIRE(a.demand.size() == 3);
  CHECK(a.demand[1].name == "ByStatus");
  CHECK(a.demand[1].wcu_per_second == 30);
  CHECK(a.demand[2].wcu_per_second == 0);
  CHECK(a.total.wcu_per_second == a.demand[0].wcu_per_second + 30);
}

TEST_CASE("LSI entries count toward the 400 KB item limit and the item collection", "[analysis]") {
  const Model m = load(R"(dynamodel: 1
name: lsi
table:
  name: Events
  partition_key: {name: PK, type: S}
  sort_key: {name: SK, type: S}
  local_secondary_indexes:
    - {name: ByTime, sort_key: {name: LSI1SK, type: S}, projection: ALL}
entities:
  Event:
    attributes:
      tenant: {type: S, required: true, enum: [A, B]}
      eventId: {type: S, required: true, format: ulid}
      body: {type: S, max_bytes: 300000}
    keys: {PK: "T#{tenant}", SK: "E#{eventId}", LSI1SK: "{eventId}"}
    expected: {items: 100000}
access_patterns:
  - {id: AP1, name: events, entity: Event, operation: Query, key: {PK: "T#{tenant}"}}
)");
  const Analysis a = analyze(m);
  const EntityAnalysis* e = a.entity("Event");
  REQUIRE(e);
  CHECK(e->max_item_with_lsi_bytes == 2 * e->max_item_bytes);  // ALL projects the whole item
  CHECK(e->max_item_with_lsi_bytes > limits::kItemBytes);
  REQUIRE(a.collections.size() == 1);
  REQUIRE(a.collections[0].items_per_value);
  CHECK(*a.collections[0].items_per_value == 50000);  // 100,000 items over 2 tenants
  CHECK(a.collections[0].max_bytes == 50000 * e->max_item_with_lsi_bytes);
  CHECK(pattern(a, "AP1").may_paginate);  // neither limit nor returns
  CHECK_FALSE(pattern(a, "AP1").items_known);
}

TEST_CASE("key lengths: literal bytes plus each placeholder's largest size", "[analysis]") {
  const Model m = load(kHeader + R"(entities:
  User:
    attributes:
      userId: {type: S, required: true, format: ulid}
      name: {type: S, required: true, max_length: 10}
      shard: {type: N, required: true, max_digits: 2}
      bio: {type: S}
    keys: {PK: "USER#{userId}", SK: "N#{name}#{shard}#{bio}"}
access_patterns:
  - {id: AP1, name: getUser, entity: User, operation: Query, key: {PK: "USER#{userId}"}, limit: 1}
)");
  const Analysis a = analyze(m);
  const EntityAnalysis* e = a.entity("User");
  REQUIRE(e);
  REQUIRE(e->keys.size() == 2);
  CHECK(e->keys[0].max_bytes == 5 + 26);
  CHECK(e->keys[0].bounded);
  CHECK(e->keys[0].limit_bytes == 2048);
  CHECK(e->keys[1].max_bytes == 2 + 40 + 1 + 4 + 1 + limits::kUnboundedValueBytes);  // 10 chars x 4; "-99." text
  CHECK_FALSE(e->keys[1].bounded);
  CHECK(e->keys[1].limit_bytes == 1024);
}

TEST_CASE("absurd sizes saturate instead of overflowing", "[analysis]") {
  std::string placeholders;
  for (int i = 0; i < 1000; ++i) placeholders += "{huge}";
  const Model m = load(kHeader + R"(entities:
  Blob:
    attributes:
      huge: {type: S, required: true, max_bytes: 9000000000000000000}
      other: {type: SS, max_items: 9000000000000000000, max_length: 9000000000000000000}
    keys: {PK: ")" + placeholders +
                       R"(", SK: "X"}
    expected: {items: 9000000000000000000, writes_per_second: 1000000000000}
access_patterns:
  - {id: AP1, name: scanAll, entity: Blob, operation: Scan, rate_per_second: 1000000000000}
  - {id: AP2, name: putBlob, entity: Blob, operation: PutItem, key: {PK: "X", SK: "X"}, rate_per_second: 1000000000000}
)");
  const Analysis a = analyze(m);
  const EntityAnalysis* e = a.entity("Blob");
  REQUIRE(e);
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  CHECK(e->max_item_bytes == kMax);
  CHECK(e->keys[0].max_bytes == kMax);
  CHECK(e->storage_bytes == kMax);
  CHECK(e->max_item_bytes >= 0);
  CHECK(pattern(a, "AP1").bytes_per_call == kMax);
  CHECK(pattern(a, "AP2").wcu_per_second > 0);
  CHECK(a.total.storage_bytes == kMax);
  CHECK(sat_add(kMax, 1) == kMax);
  CHECK(sat_mul(kMax, 2) == kMax);
  CHECK(to_bytes(1e300) == kMax);
}

TEST_CASE("analysis JSON: stable key order, units in names", "[analysis]") {
  const Model m = load(kHeader + "entities:\n" + entity("Big", 8000) + R"(access_patterns:
  - {id: AP1, name: readBig, entity: Big, operation: GetItem, key: {PK: "Big#{id}", SK: "Big"}, rate_per_second: 100}
)");
  const auto j = to_json(analyze(m), coverage_message);
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  CHECK(keys == std::vector<std::string>{"entities", "patterns", "hot_keys", "collections", "demand", "total",
                                         "rates_stated", "coverage"});
  CHECK(j["patterns"][0]["rcu_per_second"] == 100);
  CHECK(j["rates_stated"] == true);
  CHECK(j["entities"][0].begin().key() == "name");
  CHECK(j["entities"][0]["max_item_bytes"].get<std::int64_t>() > 8000);
  CHECK(j.dump() == to_json(analyze(m), coverage_message).dump());
}

TEST_CASE("an update whose attributes are not listed rewrites ALL and INCLUDE entries, never KEYS_ONLY ones",
          "[analysis]") {
  // UpdateItem without set or add (the caller's own UpdateExpression): whatever it changes
  // lands in an ALL or INCLUDE projection (one index write), never in a KEYS_ONLY one unless
  // a key changes, which nothing says it does.
  const Model m = load(R"(dynamodel: 1
name: unlisted-update
table:
  name: Orders
  partition_key: {name: PK, type: S}
  sort_key: {name: SK, type: S}
  global_secondary_indexes:
    - {name: Everything, partition_key: {name: GSI1PK, type: S}, projection: ALL}
    - {name: KeysOnly, partition_key: {name: GSI2PK, type: S}, projection: KEYS_ONLY}
    - {name: Some, partition_key: {name: GSI3PK, type: S}, projection: {include: [note]}}
entities:
  Order:
    attributes:
      orderId: {type: S, required: true, format: ulid}
      note: {type: S, max_length: 100}
    keys: {PK: "ORDER#{orderId}", SK: "ORDER", GSI1PK: "ALL#{orderId}", GSI2PK: "KEYS#{orderId}", GSI3PK: "SOME#{orderId}"}
access_patterns:
  - {id: AP1, name: touchOrder, entity: Order, operation: UpdateItem, key: {PK: "ORDER#{orderId}", SK: "ORDER"}, rate_per_second: 10}
  - {id: AP2, name: all, entity: Order, operation: Query, index: Everything, key: {GSI1PK: "ALL#{orderId}"}, limit: 10}
  - {id: AP3, name: keys, entity: Order, operation: Query, index: KeysOnly, key: {GSI2PK: "KEYS#{orderId}"}, limit: 10, attributes: [orderId]}
  - {id: AP4, name: some, entity: Order, operation: Query, index: Some, key: {GSI3PK: "SOME#{orderId}"}, limit: 10, attributes: [orderId, note]}
)");
  const Analysis a = analyze(m);
  const PatternAnalysis& p = pattern(a, "AP1");
  CHECK(p.index_wcu_per_call == 2);
  std::map<std::string, double> per_index;
  for (const auto& w : p.gsi_wcu) per_index[w.index] = w.wcu_per_call;
  CHECK(per_index == std::map<std::string, double>{{"Everything", 1}, {"Some", 1}});
}

TEST_CASE("analysis JSON: a design without rates has null per-second numbers, not zeros", "[analysis]") {
  const Model m = load(kHeader + "entities:\n" + entity("Big", 8000) + R"(access_patterns:
  - {id: AP1, name: readBig, entity: Big, operation: GetItem, key: {PK: "Big#{id}", SK: "Big"}}
)");
  const auto j = to_json(analyze(m), coverage_message);
  CHECK(j["rates_stated"] == false);
  CHECK(j["patterns"][0]["rate_per_second"].is_null());
  CHECK(j["patterns"][0]["rcu_per_second"].is_null());
  CHECK(j["patterns"][0]["rcu_per_call"].get<double>() > 0);  // per call is still known
  CHECK(j["total"]["rcu_per_second"].is_null());
  CHECK(j["demand"][0]["wcu_per_second"].is_null());
  for (const auto& h : j["hot_keys"]) CHECK(h["rcu_per_second"].is_null());
}

TEST_CASE("expected.item_bytes replaces the typical size; key_only attributes add no bytes", "[analysis]") {
  const Model m = load(kHeader + R"(entities:
  Note:
    attributes:
      noteId: {type: S, required: true, format: uuid, key_only: true}
      body: {type: S}
      tag: {type: S, enum: [A]}
    keys: {PK: "NOTE#{noteId}", SK: "NOTE"}
    expected: {item_bytes: 700}
  Bounded:
    attributes:
      id: {type: S, required: true, format: uuid}
      blob: {type: B, max_bytes: 100}
    keys: {PK: "B#{id}", SK: "B"}
    expected: {item_bytes: 50}
access_patterns:
  - {id: AP1, name: getNote, entity: Note, operation: GetItem, key: {PK: "NOTE#{noteId}", SK: "NOTE"}}
  - {id: AP2, name: getBounded, entity: Bounded, operation: GetItem, key: {PK: "B#{id}", SK: "B"}}
)");
  const Analysis a = analyze(m);
  const EntityAnalysis* note = a.entity("Note");
  REQUIRE(note);
  for (const auto& s : note->attributes)
    if (s.name == "noteId") CHECK(s.max_bytes == 0);
  CHECK(note->typical_item_bytes == 700);
  // body is unbounded: the largest size is the larger of the statement and the bounded part
  // (tag 3 + 1, PK 2 + 5 + 36, SK 2 + 4 = 53 bytes).
  CHECK(note->max_item_bytes == 700);
  const EntityAnalysis* bounded = a.entity("Bounded");
  REQUIRE(bounded);
  CHECK(bounded->typical_item_bytes == 50);
  // Every attribute bounded: the hints' largest size stands (id 2 + 36, blob 4 + 100, PK 2 + 2 + 36, SK 2 + 1).
  CHECK(bounded->max_item_bytes == 38 + 104 + 40 + 3);
  // size/unbounded stays silent for an entity that states its size.
  for (const auto& d : run_rules(m, {})) CHECK(d.rule != "size/unbounded");
}

TEST_CASE("SizeBasis::typical counts every read and write at the typical item size") {
  // A note of up to 8,000 bytes, typically 100 (an unbounded-looking text stated by
  // expected.item_bytes): the largest item costs 8 WCU a put and 1 RCU (eventually consistent,
  // 4 KB units) twice over; the typical one 1 WCU and 0.5 RCU.
  const Model m = load(kHeader + R"(entities:
  Note:
    attributes:
      id: {type: S, required: true, max_length: 4}
      text: {type: S, max_bytes: 8000}
    keys: {PK: "N#{id}", SK: "N"}
    expected: {item_bytes: 120}
access_patterns:
  - {id: AP1, name: getNote, entity: Note, operation: GetItem, key: {PK: "N#{id}", SK: "N"}, rate_per_second: 10}
  - {id: AP2, name: putNote, entity: Note, operation: PutItem, key: {PK: "N#{id}", SK: "N"}, rate_per_second: 10}
)");
  auto resolved = std::make_shared<const ResolvedModel>(m);
  const Analysis largest = analyze(resolved);
  const Analysis typical = analyze(resolved, SizeBasis::typical);
  CHECK(largest.basis == SizeBasis::largest);
  CHECK(typical.basis == SizeBasis::typical);
  CHECK(largest.total.wcu_per_second == Approx(80));  // 8 WCU x 10/s
  CHECK(largest.total.rcu_per_second == Approx(10));  // 1 RCU x 10/s (8,000+ bytes: 2 units, halved)
  CHECK(typical.total.wcu_per_second == Approx(10));  // 1 WCU x 10/s
  CHECK(typical.total.rcu_per_second == Approx(5));   // 0.5 RCU x 10/s
  // Storage counts typical items on either basis.
  CHECK(typical.total.storage_bytes == largest.total.storage_bytes);
}
