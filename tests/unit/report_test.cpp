// The report's escapers, price table, cost arithmetic and sample items.
#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <sstream>

#include "analysis/analysis.hpp"
#include "report/report.hpp"
#include "report/sample.hpp"
#include "test_models.hpp"

using namespace dynamodel;

TEST_CASE("escape_html quotes the five HTML-significant characters") {
  CHECK(escape_html("a<b>&\"c\"'d'") == "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;");
  CHECK(escape_html("USER#{userId} é") == "USER#{userId} é");
}

TEST_CASE("escape_markdown keeps a table cell one inert cell") {
  CHECK(escape_markdown("a|b") == "a\\|b");
  CHECK(escape_markdown("*x* _y_ `z` [l](u) ~s~ $m$ \\") == "\\*x\\* \\_y\\_ \\`z\\` \\[l\\](u) \\~s\\~ \\$m\\$ \\\\");
  CHECK(escape_markdown("<script>&\n2") == "&lt;script&gt;&amp;<br>2");
  CHECK(escape_markdown("USER#{userId}") == "USER#{userId}");
}

TEST_CASE("the built-in price table is data/pricing/us-east-1.json") {
  std::ifstream in(std::string(DYNAMODEL_SOURCE_DIR) + "/data/pricing/us-east-1.json");
  std::ostringstream text;
  text << in.rdbuf();
  const Pricing file = parse_pricing(text.str(), "file");
  const Pricing built = default_pricing();
  CHECK(built.as_of == file.as_of);
  CHECK(built.source == "https://aws.amazon.com/dynamodb/pricing/");
  REQUIRE(built.classes.count("STANDARD"));
  REQUIRE(built.classes.count("STANDARD_INFREQUENT_ACCESS"));
  CHECK(built.classes.at("STANDARD").on_demand_write_per_million ==
        file.classes.at("STANDARD").on_demand_write_per_million);
  CHECK_THROWS_WITH(parse_pricing("{\"region\": 1}", "p.json"), Catch::Contains("p.json") && Catch::Contains("region"));
  CHECK_THROWS_AS(parse_pricing("not json", "p.json"), PricingError);
}

TEST_CASE("sample items are deterministic and share parent values") {
  const Model m = test::load_or_fail(R"(dynamodel: 1
name: t
table: {name: T, partition_key: {name: PK, type: S}, sort_key: {name: SK, type: S}}
entities:
  User:
    attributes: {userId: {type: S, required: true, format: uuid}}
    keys: {PK: "USER#{userId}", SK: "PROFILE"}
  Order:
    attributes:
      userId: {type: S, required: true, format: uuid}
      orderId: {type: S, required: true, format: ulid}
      total: {type: N, required: true, max_digits: 4}
    keys: {PK: "USER#{userId}", SK: "ORDER#{orderId}"}
access_patterns:
  - {id: AP1, name: getUser, entity: User, operation: GetItem, key: {PK: "USER#{userId}", SK: "PROFILE"}}
)");
  const auto a = sample_items(m, 3, 42), b = sample_items(m, 3, 42), c = sample_items(m, 3, 43);
  REQUIRE(a.size() == 6);
  CHECK(a[0].item.dump() == b[0].item.dump());
  CHECK(a[0].item.dump() != c[0].item.dump());
  // Every order lands in a generated user's partition.
  std::set<std::string> users;
  for (const auto& s : a)
    if (s.entity == "User") users.insert(s.item["PK"]["S"].get<std::string>());
  for (const auto& s : a)
    if (s.entity == "Order") CHECK(users.count(s.item["PK"]["S"].get<std::string>()) == 1);
  CHECK(a[3].item["total"].contains("N"));
  const auto chunks = batch_write_chunks(sample_items(m, 20, 1), "dev-T");
  REQUIRE(chunks.size() == 2);
  CHECK(chunks[0]["dev-T"].size() == 25);
  CHECK(chunks[1]["dev-T"].size() == 15);
}

TEST_CASE("samples: members and non-members of a conditional index (index_when), keys as the accessors write them") {
  const Model m = test::load_or_fail(R"(dynamodel: 1
name: catalogue
table:
  name: Catalogue
  partition_key: {name: PK, type: S}
  sort_key: {name: SK, type: S}
  global_secondary_indexes:
    - {name: Featured, partition_key: {name: GSI2PK, type: S}, sort_key: {name: GSI2SK, type: S}}
    - {name: OnSale, partition_key: {name: GSI3PK, type: S}, sort_key: {name: GSI3SK, type: N}}
entities:
  Product:
    attributes:
      sku: {type: S, required: true}
      featured: {type: BOOL}
      status: {type: S, required: true, enum: [ACTIVE, RETIRED]}
      discount: {type: N, max_digits: 2}
    keys: {PK: "PRODUCT#{sku}", SK: PRODUCT, GSI2PK: FEATURED, GSI2SK: "{sku}", GSI3PK: SALE, GSI3SK: "{discount}"}
    index_when:
      Featured: "featured = true AND status = 'ACTIVE'"
      OnSale: "discount >= 5"
access_patterns:
  - {id: AP1, name: getProduct, entity: Product, operation: GetItem, key: {PK: "PRODUCT#{sku}", SK: PRODUCT}}
)");
  const auto items = sample_items(m, 8, 7);
  REQUIRE(items.size() == 8);
  int featured = 0, on_sale = 0;
  for (const auto& s : items) {
    const auto& it = s.item;
    const bool member = it.contains("featured") && it["featured"]["BOOL"].get<bool>() && it["status"]["S"] == "ACTIVE";
    CHECK(member == it.contains("GSI2PK"));
    CHECK(member == it.contains("GSI2SK"));
    featured += member;
    const bool sale = it.contains("discount") && std::stod(it["discount"]["N"].get<std::string>()) >= 5;
    CHECK(sale == it.contains("GSI3PK"));
    CHECK(sale == it.contains("GSI3SK"));
    on_sale += sale;
  }
  CHECK(featured == 4);  // even items members, odd ones not
  CHECK(on_sale == 4);
}
