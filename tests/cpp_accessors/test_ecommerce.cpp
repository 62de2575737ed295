// Catch2 tests on the generated ecommerce accessors, against a deployed table
// (ECOMMERCE_TABLE) at DYNAMODB_ENDPOINT.
#include <catch2/catch.hpp>
#include <set>

#include "common.hpp"
#include "ecommerce.hpp"

namespace {

ecommerce::Order order(const std::string& user, int n) {
  ecommerce::Order o;
  o.userId = user;
  o.orderId = "01JD00000000000000000" + std::to_string(10000 + n);
  o.status = "PAID";
  o.statusShard = n % 20;
  o.statusUpdatedAt = "2025-02-01T10:00:00.000Z";
  o.createdAt = "2025-02-01T09:00:00.000Z";
  o.currency = "EUR";
  o.totalCents = 1000 + n;
  o.lineItems = nlohmann::json::array({dynamodel::av::S("line")});
  o.shippingAddress = nlohmann::json::object({{"city", dynamodel::av::S("Berlin")}});
  o.version = 3;
  return o;
}

void put(const ecommerce::Table& table, const ecommerce::Order& o) {
  test_client().call("PutItem", {{"TableName", table.table_name()}, {"Item", ecommerce::to_item(o)}});
}

}  // namespace

TEST_CASE("listOrdersByUser pages with an opaque cursor round trip") {
  ecommerce::Table table(test_client(), table_from("ECOMMERCE_TABLE"));
  const std::string user = "pager#1";  // '#' is escaped in PK
  for (int n = 0; n < 25; ++n) put(table, order(user, n));
  std::set<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    const std::string copy = cursor;  // the cursor is a plain string
    auto page = table.listOrdersByUser(user, copy, 10);
    REQUIRE(page.items.size() <= 10);
    for (const auto& o : page.items) seen.insert(o.orderId);
    cursor = page.next;
    ++pages;
  } while (!cursor.empty() && pages < 10);
  CHECK(pages >= 3);
  CHECK(seen.size() == 25);
  const auto all = table.listOrdersByUserAll(user);
  CHECK(all.size() == 25);
  // newest first (scan_index_forward: false)
  CHECK(all.front().orderId > all.back().orderId);
  CHECK_THROWS_AS(table.listOrdersByUser(user, "not a cursor!", 10), dynamodel::ValidationError);
}

TEST_CASE("updateOrderStatus: an optimistic-lock conflict raises ConditionalCheckFailed") {
  ecommerce::Table table(test_client(), table_from("ECOMMERCE_TABLE"));
  const auto o = order("locker", 1);
  put(table, o);
  const auto updated =
      table.updateOrderStatus(o.userId, o.orderId, "SHIPPED", o.statusShard, "2025-02-02T00:00:00.000Z", 3);
  CHECK(updated.version == 4);
  CHECK(updated.status == "SHIPPED");
  CHECK_THROWS_AS(
      table.updateOrderStatus(o.userId, o.orderId, "CANCELLED", o.statusShard, "2025-02-03T00:00:00.000Z", 3),
      dynamodel::ConditionalCheckFailed);
  CHECK(table.getOrder(o.userId, o.orderId)->status == "SHIPPED");
}

TEST_CASE("updateOrderStatus rebuilds GSI1PK and GSI1SK: the order moves to its new status") {
  ecommerce::Table table(test_client(), table_from("ECOMMERCE_TABLE"));
  auto o = order("mover", 7);
  put(table, o);
  auto in = [&](const std::string& status) {
    for (const auto& x : table.listOrdersByStatusAll(status, o.statusShard, "2025", "2026"))
      if (x.orderId == o.orderId && x.userId == o.userId) return true;
    return false;
  };
  REQUIRE(in("PAID"));
  table.updateOrderStatus(o.userId, o.orderId, "DELIVERED", o.statusShard, "2025-03-01T00:00:00.000Z", 3);
  CHECK(in("DELIVERED"));
  CHECK_FALSE(in("PAID"));
}

TEST_CASE("placeOrder is cancelled with its reasons") {
  ecommerce::Table table(test_client(), table_from("ECOMMERCE_TABLE"));
  const auto o = order("nobody-registered", 2);  // no User item: the ConditionCheck fails
  try {
    table.placeOrder(o, "product-x", 1);
    FAIL("no exception");
  } catch (const dynamodel::TransactionCanceled& e) {
    REQUIRE(e.reasons().size() == 3);
    CHECK(e.reasons()[0] == "None");
    CHECK(e.reasons()[2] == "ConditionalCheckFailed");
  }
  CHECK_FALSE(table.getOrder(o.userId, o.orderId).has_value());
}

TEST_CASE("getUserWithRecentOrders returns a variant per entity, recognised by its key") {
  ecommerce::Table table(test_client(), table_from("ECOMMERCE_TABLE"));
  ecommerce::User u;
  u.userId = "collector";
  u.email = "c@example.com";
  u.accountStatus = "ACTIVE";
  u.createdAt = "2025-01-01T00:00:00.000Z";
  test_client().call("PutItem", {{"TableName", table.table_name()}, {"Item", ecommerce::to_item(u)}});
  put(table, order("collector", 1));
  put(table, order("collector", 2));
  const auto page = table.getUserWithRecentOrders("collector");
  REQUIRE(page.items.size() == 3);
  CHECK(std::holds_alternative<ecommerce::User>(page.items[0]));  // PROFILE sorts after ORDER#
  CHECK(std::get<ecommerce::User>(page.items[0]) == u);
  CHECK(std::holds_alternative<ecommerce::Order>(page.items[1]));
}
