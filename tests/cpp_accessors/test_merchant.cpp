// Catch2 tests on the generated merchant-catalog accessors (MERCHANT_TABLE).
#include <catch2/catch.hpp>
#include <set>

#include "common.hpp"
#include "merchant-catalog.hpp"

namespace {

merchant_catalog::CatalogItem item(const std::string& merchant, int n) {
  merchant_catalog::CatalogItem i;
  i.merchantId = merchant;
  i.itemId = "01JD0000000000000000" + std::to_string(100000 + n);
  i.categoryId = "knives";
  i.title = "Knife " + std::to_string(n);
  i.description = "sharp";
  i.basePriceMinor = 1000 + n;
  i.currency = "EUR";
  i.itemStatus = "ACTIVE";
  i.listedAt = "2025-01-01T00:00:" + std::to_string(10 + n % 50) + ".000Z";
  i.updatedAt = "2025-01-01T00:00:00.000Z";
  i.version = 1;
  return i;
}

}  // namespace

TEST_CASE("listCategoryItemsNewestFirst pages over the INCLUDE index with a cursor") {
  merchant_catalog::Table table(test_client(), table_from("MERCHANT_TABLE"));
  for (int n = 0; n < 60; ++n) table.putCatalogItem(item("m-pages", n));
  auto first = table.listCategoryItemsNewestFirst("m-pages", "knives");
  CHECK(first.items.size() == 48);
  REQUIRE(first.has_more());
  auto second = table.listCategoryItemsNewestFirst("m-pages", "knives", first.next, 48);
  std::set<std::string> ids;
  for (const auto& x : first.items) ids.insert(x.itemId);
  for (const auto& x : second.items) ids.insert(x.itemId);
  CHECK(ids.size() == 60);
  // projected attributes come back, the key placeholders are parsed from the keys
  CHECK(first.items[0].merchantId == "m-pages");
  CHECK(first.items[0].categoryId == "knives");
  CHECK_FALSE(first.items[0].description.has_value());
  CHECK(first.items[0].listedAt >= first.items[1].listedAt);
}

TEST_CASE("updateCatalogItem: a stale version raises ConditionalCheckFailed") {
  merchant_catalog::Table table(test_client(), table_from("MERCHANT_TABLE"));
  const auto i = item("m-lock", 1);
  table.putCatalogItem(i);
  auto r = table.updateCatalogItem(i.merchantId, i.itemId, "New title", std::nullopt, std::nullopt, 2000, std::nullopt,
                                   "ARCHIVED", "2025-02-01T00:00:00.000Z", 1);
  CHECK(r.version == 2);
  CHECK(r.title == "New title");
  CHECK_FALSE(r.description.has_value());  // nullopt removes the attribute
  CHECK_THROWS_AS(table.updateCatalogItem(i.merchantId, i.itemId, "Other", std::nullopt, std::nullopt, 1, std::nullopt,
                                          "ACTIVE", "2025-02-02T00:00:00.000Z", 1),
                  dynamodel::ConditionalCheckFailed);
}

TEST_CASE("listItemPrices: an itemId with the separator is escaped and found") {
  merchant_catalog::Table table(test_client(), table_from("MERCHANT_TABLE"));
  merchant_catalog::Price p;
  p.merchantId = "m#esc";
  p.itemId = "it#1";
  p.market = "DE";
  p.amountMinor = 999;
  p.currency = "EUR";
  table.putPrice(p);
  merchant_catalog::Price other = p;
  other.itemId = "it";  // a prefix of "it#1" unescaped: must not be listed
  table.putPrice(other);
  const auto all = table.listItemPricesAll("m#esc", "it#1");
  REQUIRE(all.size() == 1);
  CHECK(all[0] == p);
}
