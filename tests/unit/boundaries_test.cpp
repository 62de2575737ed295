// DynamoDB's documented limits and roundings, each pinned one below, exactly at and one above
// its boundary, through the analysis and the rules (not the constants): a limit moved by one, a
// `<=` become `<`, a binary unit read as decimal or a rounding done once instead of per item
// fails here. The numbers and pages are those of ../shared/reference/dynamodb-limits.md:
// - item 400 KB = 409,600 bytes, LSI entries included; key values 2,048 (partition) and 1,024
//   (sort) bytes, for the table, GSI and LSI keys alike:
//   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html#limits-items
//   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html#limits-partition-sort-keys
// - 1 MB per Query/Scan page:
//   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html
// - 4 KB read / 1 KB write units, each item of a batch or transaction rounded separately,
//   transactional units doubled, GSI reads eventually consistent:
//   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
//   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.Reading
// - 10 GB per item collection on a table with an LSI:
//   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html#LSI.ItemCollections.SizeLimit
// - 3,000 RCU / 1,000 WCU per partition (key value):
//   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html
// The count limits (25/100 batch items, 100 actions, 20 GSIs, 5 LSIs, 100 projected attributes)
// are pinned by the rule fixtures (tests/rules/*.ok-*.yaml at the limit, the main fixture above
// it) and rule_limits_test.cpp.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "test_models.hpp"
#include "analysis/analysis.hpp"
#include "analysis/sizes.hpp"
#include "rules/rule.hpp"

using namespace dynamodel;

namespace {

constexpr std::int64_t kKB = 1024;
constexpr std::int64_t kMB = 1024 * kKB;
constexpr std::int64_t kGB = 1024 * kMB;

const std::string kTable = R"(dynamodel: 1
name: boundaries
table:
  name: Things
  partition_key: {name: PK, type: S}
  sort_key: {name: SK, type: S}
  point_in_time_recovery: true
  deletion_protection: true
)";

/// A design with one entity `Thing` whose item holds `blob` bytes of B payload (plus `id`,
/// `PK` and `SK`); `indexes` goes under `table:`, `attributes` and `keys` are extra entity lines
/// (6 spaces indented), `patterns` the access_patterns entries.
std::string design(std::int64_t blob, const std::string& indexes = "", const std::string& attributes = "",
                   const std::string& keys = "", const std::string& expected = "", const std::string& patterns = "") {
  return kTable + indexes +
         "entities:\n  Thing:\n    attributes:\n      id: {type: S, required: true, max_bytes: 10}\n" +
         "      blob: {type: B, max_bytes: " + std::to_string(blob) + "}\n" + attributes +
         "    keys:\n      PK: \"T#{id}\"\n      SK: \"T\"\n" + keys + expected + "access_patterns:\n" +
         "  - {id: AP0, name: getThing, entity: Thing, operation: GetItem, key: {PK: \"T#{id}\", SK: \"T\"}}\n" +
         patterns;
}

Model load(const std::string& text) { return test::load_or_fail(text, "boundaries.yaml"); }

std::int64_t item_bytes(const std::string& text) {
  const Analysis a = analyze(load(text));
  REQUIRE(a.entity("Thing"));
  return a.entity("Thing")->max_item_bytes;
}

/// The blob size that makes `size(blob)` equal `target`, checking first that every blob byte adds
/// one byte to it (so the boundary cases below hit their target exactly).
template <class Size>
std::int64_t blob_for(std::int64_t target, Size size) {
  const std::int64_t at_1000 = size(1000), at_2000 = size(2000);
  REQUIRE(at_2000 - at_1000 == 1000);
  const std::int64_t blob = target - (at_1000 - 1000);
  REQUIRE(size(blob) == target);
  return blob;
}

std::vector<Diagnostic> findings(const Model& m, const std::string& rule) {
  std::vector<Diagnostic> out;
  for (auto& d : run_rules(m, {}))
    if (d.rule == rule) out.push_back(d);
  return out;
}

const PatternAnalysis& pattern(const Analysis& a, const std::string& id) {
  for (const auto& p : a.patterns)
    if (p.id == id) return p;
  FAIL("no pattern " + id);
  return a.patterns.front();
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// `text` with the one occurrence of `from` replaced by `to`.
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  REQUIRE(text.find(from, at + 1) == std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("item size: 409,599 and 409,600 bytes fit, 409,601 is over 400 KB", "[limits][size]") {
  // Constraints.html#limits-items: "The maximum item size in DynamoDB is 400 KB" (binary).
  auto size = [](std::int64_t blob) { return item_bytes(design(blob)); };
  const std::int64_t at = blob_for(409600, size);
  CHECK(findings(load(design(at - 1)), "size/item-limit").empty());
  CHECK(findings(load(design(at)), "size/item-limit").empty());
  const auto over = findings(load(design(at + 1)), "size/item-limit");
  REQUIRE(over.size() == 1);
  CHECK(over[0].severity == Severity::error);
  CHECK(contains(over[0].message, "409,601"));
}

TEST_CASE("item size with an LSI: the item plus its LSI entries at 409,600 bytes fits, one more does not",
          "[limits][size][lsi]") {
  // Constraints.html#limits-items: the 400 KB include the item's LSI entries (keys and projected
  // attributes). The LSI projects `blob`, so every blob byte counts twice.
  const std::string lsi =
      "  local_secondary_indexes:\n    - {name: ByBlob, sort_key: {name: LSK, type: S}, projection: {include: "
      "[blob]}}\n";
  // `pad` (not projected) counts once: 10 or 11 bytes make the rest even.
  std::int64_t pad = 10;
  auto text = [&](std::int64_t blob) {
    return design(blob, lsi, "      pad: {type: S, max_bytes: " + std::to_string(pad) + "}\n", "      LSK: \"{id}\"\n");
  };
  auto with_lsi = [&](std::int64_t blob) {
    const Analysis a = analyze(load(text(blob)));
    return a.entity("Thing")->max_item_with_lsi_bytes;
  };
  if ((409600 - (with_lsi(1000) - 2000)) % 2 != 0) pad = 11;
  const std::int64_t base = with_lsi(1000) - 2000;
  REQUIRE(with_lsi(3000) == base + 6000);
  REQUIRE((409600 - base) % 2 == 0);
  const std::int64_t at = (409600 - base) / 2;
  REQUIRE(with_lsi(at) == 409600);
  CHECK(findings(load(text(at)), "size/item-limit").empty());
  CHECK(findings(load(text(at + 1)), "size/item-limit").size() == 1);
}

TEST_CASE("key values: 2,048 bytes for partition keys, 1,024 for sort keys, table and index keys alike",
          "[limits][keys]") {
  // Constraints.html#limits-partition-sort-keys; an index key attribute is a key attribute with the
  // same limits (a GSI's partition key 2,048, a GSI's or an LSI's sort key 1,024 bytes).
  const std::string indexes =
      "  global_secondary_indexes:\n    - {name: G1, partition_key: {name: GPK, type: S}, sort_key: {name: GSK, type: "
      "S}, "
      "projection: KEYS_ONLY}\n"
      "  local_secondary_indexes:\n    - {name: L1, sort_key: {name: LSK, type: S}, projection: KEYS_ONLY}\n";
  struct Case {
    const char* key;
    std::int64_t limit;
  };
  for (const Case c : {Case{"PK", 2048}, Case{"SK", 1024}, Case{"GPK", 2048}, Case{"GSK", 1024}, Case{"LSK", 1024}}) {
    for (std::int64_t bytes : {c.limit - 1, c.limit, c.limit + 1}) {
      // Every key is one placeholder of a string of `max_bytes`: the others 10 bytes, this one `bytes`.
      std::string attributes, keys;
      for (const char* k : {"GPK", "GSK", "LSK", "PKV", "SKV"}) {
        const bool mine = std::string(k) == c.key || std::string(k) == std::string(c.key) + "V";
        attributes += std::string("      v") + k +
                      ": {type: S, required: true, max_bytes: " + std::to_string(mine ? bytes : 10) + "}\n";
      }
      for (const char* k : {"GPK", "GSK", "LSK"}) keys += std::string("      ") + k + ": \"{v" + k + "}\"\n";
      // The table keys: "{vPKV}" and "{vSKV}" instead of the fixed "T#{id}" and "T".
      const std::string text =
          replaced(replaced(design(100, indexes, attributes, keys), "PK: \"T#{id}\"\n      SK: \"T\"\n",
                            "PK: \"{vPKV}\"\n      SK: \"{vSKV}\"\n"),
                   "key: {PK: \"T#{id}\", SK: \"T\"}", "key: {PK: \"{vPKV}\", SK: \"{vSKV}\"}");
      INFO(c.key << " of " << bytes << " bytes (limit " << c.limit << ")");
      const Model m = load(text);
      const Analysis a = analyze(m);
      const KeyLength* length = nullptr;
      for (const auto& k : a.entity("Thing")->keys)
        if (k.attribute == c.key) length = &k;
      REQUIRE(length);
      CHECK(length->max_bytes == bytes);
      CHECK(length->limit_bytes == c.limit);
      const auto found = findings(m, "keys/size");
      if (bytes <= c.limit) {
        CHECK(found.empty());
      } else {
        REQUIRE(found.size() == 1);
        CHECK(found[0].path == "entities.Thing.keys." + std::string(c.key));
        CHECK(contains(found[0].message, c.limit == 2048 ? "2,049 bytes, over DynamoDB's 2,048-byte partition key limit"
                                                         : "1,025 bytes, over DynamoDB's 1,024-byte sort key limit"));
      }
    }
  }
}

TEST_CASE("capacity units: 4 KB per read unit and 1 KB per write unit, exactly at the boundary", "[limits][capacity]") {
  // CapacityUnitCalculations.html: reads round up to 4 KB, writes to 1 KB.
  CHECK(read_units(4095, 1) == 1);
  CHECK(read_units(4096, 1) == 1);
  CHECK(read_units(4097, 1) == 2);
  CHECK(read_units(4096, 0.5) == 0.5);
  CHECK(read_units(4097, 0.5) == 1);
  CHECK(read_units(2 * 4096, 2) == 4);
  CHECK(write_units(1023, 1) == 1);
  CHECK(write_units(1024, 1) == 1);
  CHECK(write_units(1025, 1) == 2);
  CHECK(write_units(1024, 2) == 2);
  CHECK(write_units(1025, 2) == 4);
  // And through the analysis: GetItem and PutItem of items of 4 KB and 1 KB, one below and above.
  const std::string put =
      "  - {id: AP1, name: putThing, entity: Thing, operation: PutItem, key: {PK: \"T#{id}\", SK: \"T\"}}\n"
      "  - {id: AP2, name: getStrong, entity: Thing, operation: GetItem, key: {PK: \"T#{id}\", SK: \"T\"}, "
      "consistent_read: true}\n";
  auto size = [&](std::int64_t blob) { return item_bytes(design(blob, "", "", "", "", put)); };
  const std::int64_t four = blob_for(4096, size), one = blob_for(1024, size);
  struct Expect {
    std::int64_t blob;
    double eventual_rcu, strong_rcu, wcu;
  };
  for (const Expect e : {Expect{four - 1, 0.5, 1, 4}, Expect{four, 0.5, 1, 4}, Expect{four + 1, 1, 2, 5},
                         Expect{one - 1, 0.5, 1, 1}, Expect{one, 0.5, 1, 1}, Expect{one + 1, 0.5, 1, 2}}) {
    INFO("item of " << size(e.blob) << " bytes");
    const Analysis a = analyze(load(design(e.blob, "", "", "", "", put)));
    CHECK(pattern(a, "AP0").rcu_per_call == e.eventual_rcu);
    CHECK(pattern(a, "AP2").rcu_per_call == e.strong_rcu);
    CHECK(pattern(a, "AP1").wcu_per_call == e.wcu);
  }
}

TEST_CASE("GSI reads are eventually consistent even when consistent_read is asked; LSI reads honour it",
          "[limits][capacity][gsi]") {
  // GSI.html#GSI.Reading: "Queries on global secondary indexes support eventual consistency only";
  // an LSI supports both (LSI.html#LSI.Reading). An 8 KB item: 2 RCU strong, 1 RCU eventual.
  const std::string indexes =
      "  global_secondary_indexes:\n    - {name: G1, partition_key: {name: GPK, type: S}, projection: ALL}\n"
      "  local_secondary_indexes:\n    - {name: L1, sort_key: {name: LSK, type: S}, projection: ALL}\n";
  const std::string keys = "      GPK: \"G#{id}\"\n      LSK: \"L#{id}\"\n";
  const std::string patterns =
      "  - {id: AP1, name: gsiStrong, entity: Thing, operation: Query, index: G1, key: {GPK: \"G#{id}\"}, returns: 1, "
      "limit: 1, consistent_read: true}\n"
      "  - {id: AP2, name: gsiEventual, entity: Thing, operation: Query, index: G1, key: {GPK: \"G#{id}\"}, returns: "
      "1, limit: 1}\n"
      "  - {id: AP3, name: lsiStrong, entity: Thing, operation: Query, index: L1, key: {PK: \"T#{id}\"}, returns: 1, "
      "limit: 1, consistent_read: true}\n"
      "  - {id: AP4, name: lsiEventual, entity: Thing, operation: Query, index: L1, key: {PK: \"T#{id}\"}, returns: 1, "
      "limit: 1}\n"
      "  - {id: AP5, name: tableStrong, entity: Thing, operation: Query, key: {PK: \"T#{id}\"}, returns: 1, limit: 1, "
      "consistent_read: true}\n";
  // Item (and ALL-projected entries) between 4 and 8 KB: 2 units strong, 1 eventual.
  const Analysis a = analyze(load(design(6000, indexes, "", keys, "", patterns)));
  for (const auto& s : a.entity("Thing")->index_entries) {
    INFO(s.index);
    REQUIRE(s.max_data_bytes > 4096);
    REQUIRE(s.max_data_bytes <= 8192);
  }
  CHECK(pattern(a, "AP1").rcu_per_call == 1);
  CHECK(pattern(a, "AP2").rcu_per_call == 1);
  CHECK(pattern(a, "AP3").rcu_per_call == 2);
  CHECK(pattern(a, "AP4").rcu_per_call == 1);
  CHECK(pattern(a, "AP5").rcu_per_call == 2);
  // And the rule: consistent_read on the GSI is an error, on the LSI and the table it is not.
  const auto found = findings(load(design(6000, indexes, "", keys, "", patterns)), "access/consistent-read-gsi");
  REQUIRE(found.size() == 1);
  CHECK(found[0].path == "access_patterns[1].consistent_read");
}

TEST_CASE("1 MB page: a Query reading exactly 1,048,576 bytes needs no second page, one byte more does",
          "[limits][page]") {
  // Query.Pagination.html: a Query reads at most 1 MB per call (binary MB).
  auto text = [](std::int64_t blob) {
    return design(
        blob, "", "", "", "",
        "  - {id: AP1, name: listThings, entity: Thing, operation: Query, key: {PK: \"T#{id}\"}, returns: 256, "
        "limit: 256}\n");
  };
  const std::int64_t at = blob_for(4096, [&](std::int64_t blob) { return item_bytes(text(blob)); });
  for (std::int64_t blob : {at - 1, at, at + 1}) {
    const Model m = load(text(blob));
    const Analysis a = analyze(m);
    const PatternAnalysis& p = pattern(a, "AP1");
    INFO("256 items of " << item_bytes(text(blob)) << " bytes: " << p.bytes_per_call << " bytes per call");
    CHECK(p.bytes_per_call == 256 * (4096 + (blob - at)));
    CHECK(p.may_paginate == (blob > at));
    CHECK(findings(m, "access/page-size").size() == (blob > at ? 1U : 0U));
    // One rounding over the bytes read (not per item): 1 MB eventually consistent is 128 RCU.
    if (blob == at) CHECK(p.rcu_per_call == 128);
  }
}

TEST_CASE("batches and transactions round each item separately", "[limits][capacity][batch]") {
  // CapacityUnitCalculations.html: "BatchGetItem ... each item in the batch is read separately,
  // so DynamoDB first rounds up the size of each item to the next 4 KB"; transactions the same,
  // at 2 units per 4 KB read and 2 per 1 KB written.
  const std::string patterns =
      "  - {id: AP1, name: batchGet, entity: Thing, operation: BatchGetItem, key: {PK: \"T#{id}\", SK: \"T\"}, "
      "returns: 100, "
      "limit: 100}\n"
      "  - id: AP2\n    name: transactGet\n    operation: TransactGetItems\n    actions:\n"
      "      - {entity: Thing, operation: GetItem, key: {PK: \"T#{id}\", SK: \"T\"}}\n"
      "      - {entity: Thing, operation: GetItem, key: {PK: \"T#{id}\", SK: \"T\"}}\n"
      "      - {entity: Thing, operation: GetItem, key: {PK: \"T#{id}\", SK: \"T\"}}\n"
      "  - id: AP3\n    name: transactPut\n    operation: TransactWriteItems\n    actions:\n"
      "      - {entity: Thing, operation: PutItem, key: {PK: \"T#{id}\", SK: \"T\"}}\n"
      "      - {entity: Thing, operation: PutItem, key: {PK: \"T#{id}\", SK: \"T\"}}\n"
      "      - {entity: Thing, operation: PutItem, key: {PK: \"T#{id}\", SK: \"T\"}}\n"
      "  - {id: AP4, name: batchPut, entity: Thing, operation: BatchWriteItem, key: {PK: \"T#{id}\", SK: \"T\"}, "
      "returns: 25}\n";
  auto text = [&](std::int64_t blob) { return design(blob, "", "", "", "", patterns); };
  // Items of 400 bytes: 100 of them are 40,000 bytes (10 read units if summed), 3 of them 1,200
  // bytes (1 read unit, 2 write units if summed).
  const std::int64_t blob = blob_for(400, [&](std::int64_t b) { return item_bytes(text(b)); });
  const Analysis a = analyze(load(text(blob)));
  CHECK(pattern(a, "AP1").items_per_call == 100);
  CHECK(pattern(a, "AP1").rcu_per_call == 100 * 0.5);
  CHECK(pattern(a, "AP2").items_per_call == 3);
  CHECK(pattern(a, "AP2").rcu_per_call == 3 * 2);
  CHECK(pattern(a, "AP3").wcu_per_call == 3 * 2);
  CHECK(pattern(a, "AP4").wcu_per_call == 25);
}

TEST_CASE("LSI item collection: 10 GB fits, one byte more is reported", "[limits][lsi]") {
  // LSI.html#LSI.ItemCollections.SizeLimit: "The maximum size of any item collection is 10 GB"
  // for a table with an LSI (binary GB). 1,048,576 items per partition-key value (cardinality 1)
  // of 10,240 bytes (item plus LSI entry) are exactly 10 GB.
  const std::string lsi =
      "  local_secondary_indexes:\n    - {name: L1, sort_key: {name: LSK, type: S}, projection: KEYS_ONLY}\n";
  auto text = [&](std::int64_t blob, std::int64_t items) {
    return design(blob, lsi, "      tenant: {type: S, required: true, max_bytes: 8, cardinality: 1}\n",
                  "      LSK: \"{id}\"\n", "    expected: {items: " + std::to_string(items) + "}\n");
  };
  // The partition key holds the tenant: "T#{id}" would make every item its own collection.
  auto tenant_text = [&](std::int64_t b, std::int64_t items) {
    return replaced(replaced(text(b, items), "PK: \"T#{id}\"\n", "PK: \"T#{tenant}\"\n"), "key: {PK: \"T#{id}\"",
                    "key: {PK: \"T#{tenant}\"");
  };
  auto with_lsi = [&](std::int64_t blob) {
    return analyze(load(tenant_text(blob, 1048576))).entity("Thing")->max_item_with_lsi_bytes;
  };
  const std::int64_t blob = blob_for(10240, with_lsi);
  for (std::int64_t items : {1048576 - 1, 1048576, 1048576 + 1}) {
    const Model m = load(tenant_text(blob, items));
    const Analysis a = analyze(m);
    REQUIRE(a.collections.size() == 1);
    REQUIRE(a.collections[0].items_per_value);
    CHECK(*a.collections[0].items_per_value == static_cast<double>(items));
    CHECK(a.collections[0].max_bytes == items * 10240);
    INFO(items << " items of 10,240 bytes: " << a.collections[0].max_bytes << " bytes; 10 GB = " << 10 * kGB);
    CHECK(findings(m, "index/lsi-collection-size").size() == (items * 10240 > 10 * kGB ? 1U : 0U));
  }
  // And one byte over with the item count at the limit.
  const Model over = load(tenant_text(blob + 1, 1048576));
  CHECK(analyze(over).collections[0].max_bytes == 1048576LL * 10241);
  CHECK(findings(over, "index/lsi-collection-size").size() == 1);
}

namespace {

std::string fixture_text(const std::string& name) {
  std::ifstream in(std::string(DYNAMODEL_SOURCE_DIR) + "/tests/rules/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  REQUIRE_FALSE(s.str().empty());
  return s.str();
}

}  // namespace

TEST_CASE("partition reads: under 1,500 RCU/s nothing, half of 3,000 a warning, over 3,000 an error", "[limits][hot]") {
  // bp-partition-key-design.html: 3,000 read units per second per partition; hot/partition-throughput
  // warns from half of it (no headroom) and is an error above it. The landing page of the fixture is
  // read with 1 strongly consistent RCU per call, so the rate is its RCU/s.
  const std::string base = fixture_text("hot__partition-throughput.reads.yaml");
  struct Case {
    int rate;
    std::size_t count;
    Severity severity;
  };
  for (const Case c : {Case{1499, 0, Severity::info}, Case{1500, 1, Severity::warning},
                       Case{3000, 1, Severity::warning}, Case{3001, 1, Severity::error}}) {
    INFO(c.rate << " RCU/s");
    const Model m = load(replaced(base, "rate_per_second: 1600}", "rate_per_second: " + std::to_string(c.rate) + "}"));
    const auto found = findings(m, "hot/partition-throughput");
    REQUIRE(found.size() == c.count);
    if (c.count) CHECK(found[0].severity == c.severity);
  }
}

TEST_CASE("partition writes: under 500 WCU/s nothing, half of 1,000 a warning, over 1,000 an error", "[limits][hot]") {
  // bp-partition-key-design.html: 1,000 write units per second per partition. The fixture's GSI
  // spreads the writes over 10 status values at 1 WCU per index entry: writes / 10 WCU/s.
  const std::string base = fixture_text("hot__partition-throughput.at-ceiling.yaml");
  struct Case {
    int writes;
    std::size_t count;
    Severity severity;
  };
  for (const Case c : {Case{4990, 0, Severity::info}, Case{5000, 1, Severity::warning},
                       Case{10000, 1, Severity::warning}, Case{10010, 1, Severity::error}}) {
    INFO(c.writes << " writes/s, " << c.writes / 10 << " WCU/s on the hottest status");
    const std::string n = std::to_string(c.writes);
    const Model m = load(replaced(replaced(base, "writes_per_second: 10000}", "writes_per_second: " + n + "}"),
                                  "rate_per_second: 10000}", "rate_per_second: " + n + "}"));
    const auto found = findings(m, "hot/partition-throughput");
    REQUIRE(found.size() == c.count);
    if (c.count) CHECK(found[0].severity == c.severity);
  }
}
