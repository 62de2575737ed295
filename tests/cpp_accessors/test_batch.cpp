// Catch2 tests on the generated batch-replay accessors (BATCH_TABLE): batches of 250.
#include <catch2/catch.hpp>

#include "batch-replay.hpp"
#include "common.hpp"

TEST_CASE("putEvents and getEvents move 250 items (25 and 100 per call)") {
  batch_replay::Table table(test_client(), table_from("BATCH_TABLE"));
  std::vector<batch_replay::Event> events;
  std::vector<std::tuple<std::string, std::int64_t>> keys;
  for (int n = 0; n < 250; ++n) {
    batch_replay::Event e;
    e.ledgerId = "big";
    e.seq = n;
    e.kind = n % 2 ? "CREDIT" : "DEBIT";
    e.amount_minor_ = n * 10;
    events.push_back(e);
    keys.emplace_back("big", n);
  }
  table.putEvents(events);
  const auto got = table.getEvents(keys);
  CHECK(got.size() == 250);
  CHECK(table.replayLedger("big") == 250);
  CHECK(table.getEvent("big", 7)->revision == 1);
}

TEST_CASE("a batch with the same key twice is sent once (DynamoDB refuses duplicate keys)") {
  batch_replay::Table table(test_client(), table_from("BATCH_TABLE"));
  std::vector<batch_replay::Event> events;
  for (int amount : {1, 2, 3}) {
    batch_replay::Event e;
    e.ledgerId = "dup";
    e.seq = 1;
    e.kind = "CREDIT";
    e.amount_minor_ = amount;
    events.push_back(e);
  }
  table.putEvents(events);  // the last of the three is kept
  REQUIRE(table.getEvent("dup", 1));
  CHECK(table.getEvent("dup", 1)->amount_minor_ == 3);
  const auto got = table.getEvents({{"dup", 1}, {"dup", 1}});
  CHECK(got.size() == 1);
}
