// Hot-key analysis (analysis/hot_keys.hpp): key domains, the load on the hottest partition-key
// value and item, shard counts, and the examples staying cool.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "test_models.hpp"
#include "analysis/hot_keys.hpp"
#include "model/loader.hpp"
#include "rules/rule.hpp"

using namespace dynamodel;

namespace {

Model load(const std::string& text) { return test::load_or_fail(text, "test.yaml"); }

const HotKey& hot(const Analysis& a, const std::string& space, const std::string& entity) {
  for (const auto& h : a.hot_keys)
    if (h.key_space == space && h.entity == entity) return h;
  FAIL("no hot key " + space + "/" + entity);
  throw std::logic_error("unreachable");
}

/// An Order table: PK by status (10 values), a GSI keyed on the status too, `rate` writes/s,
/// the GSI's projection and an item body of `body` bytes.
std::string orders(int rate, const std::string& projection = "KEYS_ONLY", int body = 100,
                   const std::string& write = "PutItem") {
  return R"(dynamodel: 1
name: shop
table:
  name: Shop
  partition_key: {name: PK, type: S}
  sort_key: {name: SK, type: S}
  global_secondary_indexes:
    - name: GSI1
      partition_key: {name: GSI1PK, type: S}
      sort_key: {name: GSI1SK, type: S}
      projection: )" +
         projection + R"(
entities:
  Order:
    attributes:
      orderId: {type: S, required: true, max_length: 26}
      status: {type: S, required: true, enum: [S0, S1, S2, S3, S4, S5, S6, S7, S8, S9], max_length: 2}
      body: {type: S, max_bytes: )" +
         std::to_string(body) + R"(}
    keys:
      PK: "STATUS#{status}"
      SK: "ORDER#{orderId}"
      GSI1PK: "S#{status}"
      GSI1SK: "{orderId}"
    expected: {items: 1000000, writes_per_second: )" +
         std::to_string(rate) + R"(}
access_patterns:
  - {id: AP1, name: writeOrder, entity: Order, operation: )" +
         write + R"(, key: {PK: "STATUS#{status}", SK: "ORDER#{orderId}"}, )" +
         (write == "UpdateItem" ? "set: [status], " : "") + R"(rate_per_second: )" + std::to_string(rate) + R"(}
  - {id: AP2, name: byStatus, entity: Order, operation: Query, index: GSI1, key: {GSI1PK: "S#{status}"}, limit: 10, rate_per_second: 100}
)";
}

}  // namespace

TEST_CASE("key parts: enum, BOOL, cardinality, time buckets and shards", "[hot]") {
  const Model m = load(R"(dynamodel: 1
name: shop
table: {name: Shop, partition_key: {name: PK, type: S}}
entities:
  E:
    attributes:
      status: {type: S, required: true, enum: [A, B, C]}
      flag: {type: BOOL, required: true}
      region: {type: S, required: true, cardinality: 12}
      day: {type: S, required: true, format: date}
      hourBucket: {type: S, required: true}
      createdAt: {type: S, required: true, format: date-time}
      writeShard: {type: N, required: true, cardinality: 10}
      id: {type: S, required: true}
    keys: {PK: "{status}#{flag}#{region}#{day}#{hourBucket}#{createdAt}#{writeShard}#{id}"}
access_patterns:
  - {id: AP1, name: get, entity: E, operation: GetItem, key: {PK: "{status}#{flag}#{region}#{day}#{hourBucket}#{createdAt}#{writeShard}#{id}"}}
)");
  const Entity& e = m.entities.front();
  const auto parts = key_parts(&e, e.keys.front().key_template);
  REQUIRE(parts.size() == 8);
  CHECK(parts[0].values == 3.0);
  CHECK(parts[0].domain == "enum");
  CHECK(parts[1].values == 2.0);
  CHECK(parts[2].values == 12.0);
  CHECK(parts[3].time_bucket);
  CHECK(parts[4].time_bucket);        // by name
  CHECK_FALSE(parts[5].time_bucket);  // a full timestamp is no bucket
  CHECK(parts[6].shard);
  CHECK_FALSE(parts[7].values);

  CHECK(distinct_values({parts[0], parts[1], parts[2]}, std::nullopt, false) == 72.0);
  CHECK(key_shape({parts[0], parts[1], parts[2]}) == KeyShape::low_cardinality);
  CHECK(key_shape({parts[0], parts[3]}) == KeyShape::time_bucket);
  CHECK(key_shape({parts[0], parts[6]}) == KeyShape::sharded);
  CHECK(key_shape({parts[0], parts[7]}) == KeyShape::spread);
  CHECK(key_shape({}) == KeyShape::constant);
  // A time bucket takes every current write; reads see its values (unbounded here).
  CHECK(distinct_values({parts[0], parts[3]}, 5000, true) == 3.0);
  CHECK(distinct_values({parts[0], parts[3]}, 5000, false) == 5000.0);
  CHECK_FALSE(distinct_values({parts[7]}, std::nullopt, false));
  CHECK(distinct_values({parts[7]}, 42, false) == 42.0);
  CHECK(distinct_values({parts[2]}, 5, false) == 5.0);  // never more values than items
  CHECK(distinct_values({}, std::nullopt, true) == 1.0);
}

TEST_CASE("shard counts keep the hottest value strictly under half the ceiling", "[hot]") {
  CHECK(shards_for(499, 1000) == 1);
  CHECK(shards_for(500, 1000) == 2);
  CHECK(shards_for(1000, 1000) == 3);
  CHECK(shards_for(1250, 1000) == 3);
  CHECK(shards_for(1600, 3000) == 2);
  CHECK(format_units(1250) == "1,250");
  CHECK(format_units(12345678) == "12,345,678");
  CHECK(format_units(6.8) == "6.8");
  CHECK(format_units(0.5) == "0.5");
  CHECK(format_units(0.02) == "0.02");
  CHECK(format_units(12) == "12");
}

TEST_CASE("10 status values and 5,000 writes/s of 1 KB items: 500 WCU/s on the hottest value", "[hot]") {
  const Model m = load(orders(5000));
  const Analysis a = analyze(m);
  const HotKey& t = hot(a, "table", "Order");
  CHECK(t.distinct_values == 10.0);
  CHECK(t.wcu_per_write == Approx(1));
  CHECK(t.wcu_per_second == Approx(500));
  CHECK(t.shards_suggested == 2);
  CHECK(partition_load_reported(t));
  const HotKey& g = hot(a, "GSI1", "Order");
  CHECK(g.wcu_per_second == Approx(500));
  // Reads: 100 Queries/s of GSI1 over 10 values.
  const PatternAnalysis* q = nullptr;
  for (const auto& p : a.patterns)
    if (p.id == "AP2") q = &p;
  REQUIRE(q);
  CHECK(g.rcu_per_second == Approx(100 * q->rcu_per_call / 10));

  const auto findings = run_rules(m, a, {});
  int warnings = 0;
  for (const auto& d : findings)
    if (d.rule == "hot/partition-throughput") {
      CHECK(d.severity == Severity::warning);
      CHECK(d.message.find("WCU/s (5,000 writes/s x 1 WCU") != std::string::npos);
      CHECK(d.message.find("/ 10 values), 50% of the 1,000 WCU/s") != std::string::npos);
      ++warnings;
    }
  CHECK(warnings == 2);                                                                 // the table key and the GSI key
  for (const auto& d : findings) CHECK(d.rule != "hot/low-cardinality-partition-key");  // one finding per template

  const Analysis below = analyze(load(orders(4990)));
  CHECK(hot(below, "table", "Order").wcu_per_second == Approx(499));
  CHECK_FALSE(partition_load_reported(hot(below, "table", "Order")));
}

TEST_CASE("a GSI's load follows its index entry size, not the item's", "[hot]") {
  // ~5 KB items: 5 WCU per table write; a KEYS_ONLY entry stays under 1 KB.
  const Analysis keys_only = analyze(load(orders(1000, "KEYS_ONLY", 4500)));
  CHECK(hot(keys_only, "table", "Order").wcu_per_write == Approx(5));
  CHECK(hot(keys_only, "table", "Order").wcu_per_second == Approx(500));
  CHECK(hot(keys_only, "GSI1", "Order").wcu_per_write == Approx(1));
  CHECK(hot(keys_only, "GSI1", "Order").wcu_per_second == Approx(100));
  const Analysis all = analyze(load(orders(1000, "ALL", 4500)));
  CHECK(hot(all, "GSI1", "Order").wcu_per_write == Approx(5));
  CHECK(hot(all, "GSI1", "Order").wcu_per_second == Approx(500));
}

TEST_CASE("an update that changes a GSI key input writes the index twice", "[hot]") {
  const Analysis a = analyze(load(orders(1000, "KEYS_ONLY", 100, "UpdateItem")));
  CHECK(hot(a, "GSI1", "Order").wcu_per_write == Approx(2));
  CHECK(hot(a, "GSI1", "Order").wcu_per_second == Approx(200));
  CHECK(hot(a, "table", "Order").wcu_per_second == Approx(100));
}

TEST_CASE("constant keys, time buckets and single items", "[hot]") {
  const Model m = load(R"(dynamodel: 1
name: stats
table:
  name: Stats
  partition_key: {name: PK, type: S}
  sort_key: {name: SK, type: S}
entities:
  Counter:
    attributes:
      views: {type: N, required: true, max_digits: 15}
    keys: {PK: "COUNTER", SK: "VIEWS"}
    expected: {items: 1, writes_per_second: 300}
  Event:
    attributes:
      day: {type: S, required: true, format: date, max_length: 10}
      eventId: {type: S, required: true, max_length: 26}
    keys: {PK: "DAY#{day}", SK: "{eventId}"}
    expected: {items: 1000000, writes_per_second: 700}
access_patterns:
  - id: AP1
    name: count
    operation: TransactWriteItems
    actions:
      - {entity: Counter, operation: UpdateItem, key: {PK: "COUNTER", SK: "VIEWS"}, add: [views]}
    rate_per_second: 300
  - {id: AP2, name: getViews, entity: Counter, operation: GetItem, key: {PK: "COUNTER", SK: "VIEWS"}, rate_per_second: 2000}
  - {id: AP3, name: putEvent, entity: Event, operation: PutItem, key: {PK: "DAY#{day}", SK: "{eventId}"}, rate_per_second: 700}
)");
  const Analysis a = analyze(m);
  const HotKey& c = hot(a, "table", "Counter");
  CHECK(c.distinct_values == 1.0);
  CHECK(c.distinct_items == 1.0);
  CHECK(c.wcu_per_write == Approx(2));  // transactional
  CHECK(c.item_wcu_per_second == Approx(600));
  CHECK(c.item_rcu_per_second == Approx(2000 * 0.5));  // eventually consistent GetItem of a small item
  CHECK(single_item_covers(c));
  const HotKey& e = hot(a, "table", "Event");
  CHECK(e.write_distinct_values == 1.0);  // today's bucket takes every write
  CHECK(e.distinct_values == 1000000.0);  // reads: unbounded, so expected.items
  CHECK(e.wcu_per_second == Approx(700));
  CHECK(e.distinct_items == 1000000.0);  // the items of the day are many
  CHECK(e.shards_suggested == 2);
}

TEST_CASE("the examples have no hot-key finding", "[hot]") {
  const auto dir = std::filesystem::path(DYNAMODEL_SOURCE_DIR) / "examples";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml") continue;
    auto r = load_model_file(entry.path());
    REQUIRE(r.model);
    const Analysis a = analyze(*r.model);
    CHECK_FALSE(a.hot_keys.empty());
    for (const auto& d : run_rules(*r.model, a, {})) {
      INFO(entry.path().filename().string() << ": " << d.rule << ": " << d.message);
      CHECK(d.rule.rfind("hot/", 0) != 0);
    }
  }
}

TEST_CASE("no rate stated: the hot-key judgement assumes a default write rate per pattern, never cost", "[hot]") {
  // A 6 KB leaderboard item rewritten by one pattern with no rate: 100 calls/s assumed x 6 WCU.
  const std::string body = R"(dynamodel: 1
name: board
table:
  name: Board
  partition_key: {name: PK, type: S}
  sort_key: {name: SK, type: S}
entities:
  Leaderboard:
    attributes:
      scores: {type: S, required: true, max_bytes: 6000}
    keys: {PK: "LEADERBOARD", SK: "GLOBAL"}
access_patterns:
  - {id: AP1, name: saveBoard, entity: Leaderboard, operation: UpdateItem, key: {PK: "LEADERBOARD", SK: "GLOBAL"}, set: [scores]}
  - {id: AP2, name: getBoard, entity: Leaderboard, operation: GetItem, key: {PK: "LEADERBOARD", SK: "GLOBAL"})";
  {
    const Model m = load(body + "}\n");
    const Analysis a = analyze(m);
    CHECK_FALSE(a.rates_stated);
    const HotKey& h = hot(a, "table", "Leaderboard");
    CHECK(h.assumed_rate == Approx(kDefaultRatePerSecond));
    CHECK(h.writes_assumed);
    CHECK(h.item_rcu_per_second == 0);  // reads assume no rate
    CHECK(h.item_wcu_per_second == Approx(100 * 6));
    CHECK(assumption_text(h, true) == "; assuming 100 writes/s per write pattern: no rate stated");
    // capacity and cost stay "not estimated": no pattern load, null hot-key loads in `analyze`
    for (const auto& p : a.patterns) CHECK(p.wcu_per_second == 0);
    const auto json = to_json(
        a, +[](const CoverageProblem& p) { return p.rule; });
    CHECK(json["hot_keys"][0]["wcu_per_second"].is_null());
    CHECK(json["hot_keys"][0]["shards_suggested"].is_null());
    bool found = false;
    for (const auto& d : run_rules(m, a, {}))
      if (d.rule == "hot/single-item") {
        found = true;
        CHECK(d.severity == Severity::warning);
        CHECK(d.message.find("assuming 100 writes/s per write pattern: no rate stated") != std::string::npos);
      }
    CHECK(found);
  }
  {
    // lint.default_rate_per_second sets the assumption; 0 switches it off
    const Model m = load(body + "}\nlint: {default_rate_per_second: 10}\n");
    const Analysis am = analyze(m);  // hot() returns a reference into it: keep it alive
    const HotKey& h = hot(am, "table", "Leaderboard");
    CHECK(h.assumed_rate == Approx(10));
    CHECK(h.item_wcu_per_second == Approx(60));
    const Model off = load(body + "}\nlint: {default_rate_per_second: 0}\n");
    const Analysis aoff = analyze(off);
    const HotKey& o = hot(aoff, "table", "Leaderboard");
    CHECK(o.assumed_rate == 0);
    CHECK_FALSE(o.writes_assumed);
    CHECK(o.item_wcu_per_second == 0);
  }
  {
    // a stated rate anywhere: no assumption (unstated patterns count 0, as before)
    const Model m = load(body + ", rate_per_second: 1}\n");
    const Analysis am = analyze(m);  // hot() returns a reference into it: keep it alive
    const HotKey& h = hot(am, "table", "Leaderboard");
    CHECK(h.assumed_rate == 0);
    CHECK(h.item_wcu_per_second == 0);
  }
}

TEST_CASE("a conditional index (index_when) carries the members' share of the writes", "[hot]") {
  const std::string base = R"(dynamodel: 1
name: catalogue
table:
  name: Catalogue
  partition_key: {name: PK, type: S}
  sort_key: {name: SK, type: S}
  global_secondary_indexes:
    - name: Featured
      partition_key: {name: GSI2PK, type: S}
      sort_key: {name: GSI2SK, type: S}
      projection: KEYS_ONLY
entities:
  Product:
    attributes:
      sku: {type: S, required: true, max_length: 20}
      featured: {type: BOOL}
    keys: {PK: "PRODUCT#{sku}", SK: "PRODUCT", GSI2PK: "FEATURED", GSI2SK: "{sku}"}
    expected: {items: 100000, writes_per_second: 400, item_bytes: 300}
)";
  const std::string patterns = R"(access_patterns:
  - {id: AP1, name: putProduct, entity: Product, operation: PutItem, key: {PK: "PRODUCT#{sku}", SK: "PRODUCT"}, rate_per_second: 400}
)";
  const Analysis plain = analyze(load(base + patterns));
  CHECK_FALSE(hot(plain, "Featured", "Product").conditional);
  CHECK(hot(plain, "Featured", "Product").wcu_per_second == Approx(400));
  const Analysis no_share = analyze(load(base + "    index_when: {Featured: \"featured = true\"}\n" + patterns));
  CHECK(hot(no_share, "Featured", "Product").conditional);
  CHECK_FALSE(hot(no_share, "Featured", "Product").member_share);
  CHECK(hot(no_share, "Featured", "Product").wcu_per_second == Approx(400));  // every write counted
  const Analysis shared =
      analyze(load(base + "    index_when: {Featured: {condition: \"featured = true\", share: 0.05}}\n" + patterns));
  const HotKey& h = hot(shared, "Featured", "Product");
  CHECK(h.conditional);
  CHECK(*h.member_share == Approx(0.05));
  CHECK(h.writes_per_second == Approx(20));
  CHECK(h.wcu_per_second == Approx(20));
  CHECK(hot(shared, "table", "Product").wcu_per_second == Approx(400.0 / 100000));  // the table: every write
  // The GSI's demand and storage count the members only.
  double gsi_wcu = 0;
  for (const auto& d : shared.demand)
    if (d.name == "Featured") gsi_wcu = d.wcu_per_second;
  CHECK(gsi_wcu == Approx(20));
}
