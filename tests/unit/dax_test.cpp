// The DAX cluster (analysis/dax.hpp): the ClusterName rules, the base name derived from the
// table's name (deterministic, at most 11 characters so an 8-character environment fits in 20),
// and what DAX does with each kind of access pattern.
#include "analysis/dax.hpp"

#include <catch2/catch.hpp>

#include "test_models.hpp"

using namespace dynamodel;

namespace {

Model with_table(const std::string& table, const std::string& dax) {
  return test::load_or_fail(R"(dynamodel: 1
name: dax
table:
  name: )" + table + R"(
  partition_key: {name: PK, type: S}
  sort_key: {name: SK, type: S}
entities:
  Order:
    attributes: {orderId: {type: S, required: true}}
    keys: {PK: "ORDER#{orderId}", SK: "ORDER"}
access_patterns:
  - {id: AP1, name: getOrder, entity: Order, operation: GetItem, key: {PK: "ORDER#{orderId}", SK: ORDER}}
  - {id: AP2, name: getOrderNow, entity: Order, operation: GetItem, consistent_read: true, key: {PK: "ORDER#{orderId}", SK: ORDER}}
  - {id: AP3, name: listOrders, entity: Order, operation: Query, key: {PK: "ORDER#{orderId}"}}
  - {id: AP4, name: putOrder, entity: Order, operation: PutItem, key: {PK: "ORDER#{orderId}", SK: ORDER}}
  - id: AP5
    name: readTwo
    operation: TransactGetItems
    actions:
      - {entity: Order, operation: GetItem, key: {PK: "ORDER#{orderId}", SK: ORDER}}
operations:
  dax: {node_type: dax.r5.large, subnets: [subnet-1]}
)" + dax);
}

}  // namespace

TEST_CASE("dax: ClusterName rules", "[dax]") {
  CHECK(is_dax_cluster_name("a"));
  CHECK(is_dax_cluster_name("dev-orders-1"));
  CHECK(is_dax_cluster_name("abcdefghijklmnopqrst"));
  CHECK_FALSE(is_dax_cluster_name("abcdefghijklmnopqrstu"));  // 21
  CHECK_FALSE(is_dax_cluster_name("1orders"));
  CHECK_FALSE(is_dax_cluster_name("orders-"));
  CHECK_FALSE(is_dax_cluster_name("a--b"));
  CHECK_FALSE(is_dax_cluster_name("a_b"));
  CHECK_FALSE(is_dax_cluster_name(""));
}

TEST_CASE("dax: the base name from the table's name", "[dax]") {
  CHECK(dax_base_name(with_table("Ecommerce", "")) == "ecommerce");
  CHECK(dax_base_name(with_table("Merchant_Catalog.v2", "")) == "merchant-ca");
  CHECK(dax_base_name(with_table("2024_Orders", "")) == "orders");
  CHECK(dax_base_name(with_table("Order__Items", "")) == "order-items");
  CHECK(dax_base_name(with_table("Abcdefghij-k", "")) == "abcdefghij");  // cut at 11, no trailing '-'
  CHECK(dax_base_name(with_table("_123", "")) == "dax");
  CHECK(dax_environment_max_length(with_table("Ecommerce", "")) == 20 - 1 - 9);
  for (const char* t : {"Ecommerce", "Merchant_Catalog.v2", "A-very-long-table-name-indeed"}) {
    const std::string full = "abcdefgh-" + dax_base_name(with_table(t, ""));
    CHECK(is_dax_cluster_name(full));
  }
}

TEST_CASE("dax: what DAX does with each pattern", "[dax]") {
  const Model m = with_table("Shop", "");
  const auto p = dax_patterns(m);
  REQUIRE(p.size() == 5);
  CHECK(p[0].path == DaxPath::item_cache);
  CHECK(p[1].path == DaxPath::pass_through);
  CHECK(p[2].path == DaxPath::query_cache);
  CHECK(p[3].path == DaxPath::write_through);
  CHECK(p[4].path == DaxPath::pass_through);
  CHECK(p[4].why.find("supports") != std::string::npos);
}
