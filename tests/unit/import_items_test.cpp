// import/items.hpp: the literal prefix of key values, entity names, key-template and entity
// inference from scanned items (dynamodel import --items).
#include <catch2/catch.hpp>

#include "import/imported.hpp"
#include "import/items.hpp"

using namespace dynamodel::import;

TEST_CASE("literal_prefix keeps the leading literal segments and their '#'") {
  CHECK(literal_prefix("USER#123") == "USER#");
  CHECK(literal_prefix("ORDER#2024-01-01#9") == "ORDER#");
  CHECK(literal_prefix("MERCHANT#m1#CAT#c2") == "MERCHANT#");
  CHECK(literal_prefix("ORDER_ITEM#V2#x") == "ORDER_ITEM#V2#");
  CHECK(literal_prefix("PROFILE") == "PROFILE");
  CHECK(literal_prefix("123") == "");
  CHECK(literal_prefix("user#1") == "");
  CHECK(literal_prefix("") == "");
}

TEST_CASE("is_literal_segment: upper-case words, digits after the first letter, underscores") {
  CHECK(is_literal_segment("USER"));
  CHECK(is_literal_segment("V2"));
  CHECK(is_literal_segment("ORDER_ITEM"));
  CHECK_FALSE(is_literal_segment("2V"));
  CHECK_FALSE(is_literal_segment("User"));
  CHECK_FALSE(is_literal_segment("01HZX"));
  CHECK_FALSE(is_literal_segment(""));
}

TEST_CASE("entity_name turns a prefix into PascalCase") {
  CHECK(entity_name("USER#") == "User");
  CHECK(entity_name("ORDER_ITEM#") == "OrderItem");
  CHECK(entity_name("MERCHANT#CAT#") == "MerchantCat");
  CHECK(entity_name("") == "Item");
  CHECK(entity_name("#") == "Item");
}

TEST_CASE("infer_template names placeholders from equal attributes, else from the word before them") {
  bool guessed = false;
  const std::vector<std::map<std::string, std::string>> samples = {{{"userId", "u1"}, {"status", "OPEN"}},
                                                                   {{"userId", "u2"}, {"status", "SHIPPED"}}};
  CHECK(infer_template("PK", {"USER#u1", "USER#u2"}, samples, guessed) == "USER#{userId}");
  CHECK_FALSE(guessed);
  // Varying upper-case words are values (an attribute equals them), not literals.
  CHECK(infer_template("GSI1PK", {"STATUS#OPEN", "STATUS#SHIPPED"}, samples, guessed) == "STATUS#{status}");
  CHECK(infer_template("SK", {"PROFILE", "PROFILE"}, samples, guessed) == "PROFILE");
  CHECK_FALSE(guessed);
  CHECK(infer_template("SK", {"ORDER#2024-01-01#9", "ORDER#2024-02-03#4"}, samples, guessed) ==
        "ORDER#{orderId}#{orderId2}");
  CHECK(guessed);
  guessed = false;
  CHECK(infer_template("sk", {"x1", "x2"}, samples, guessed) == "{sk}");
  CHECK(guessed);
  // Segment counts that differ: the literal prefix and one placeholder.
  CHECK(infer_template("SK", {"ORDER#1", "ORDER#1#2"}, samples, guessed) == "ORDER#{orderId}");
  // Braces are doubled in literal text and dropped from placeholder names.
  CHECK(infer_template("{k}", {"v1", "v2"}, samples, guessed) == "{k}");
  CHECK(placeholders("A#{a}#{{lit}}#{b}") == std::vector<std::string>{"a", "b"});
}

TEST_CASE("infer_entities groups items by key prefixes and types their attributes") {
  ImportedTable table;
  table.partition_key = {"PK", "S"};
  table.sort_key = ImportedKey{"SK", "S"};
  table.ttl_attribute = "expiresAt";
  const auto scan = nlohmann::json::parse(R"({"Items": [
    {"PK": {"S": "PRODUCT#p1"}, "SK": {"S": "PRODUCT"}, "productId": {"S": "p1"}, "price": {"N": "3"}},
    {"PK": {"S": "PRODUCT#p1"}, "SK": {"S": "INVENTORY"}, "productId": {"S": "p1"}, "stock": {"N": "9"}},
    {"PK": {"S": "PRODUCT#p2"}, "SK": {"S": "PRODUCT"}, "productId": {"S": "p2"}}
  ]})");
  infer_entities(table, scan);
  REQUIRE(table.entities.size() == 2);
  const auto& product = table.entities[0];
  CHECK(product.name == "Product");
  CHECK(product.samples == 2);
  CHECK(product.keys ==
        std::vector<std::pair<std::string, std::string>>{{"PK", "PRODUCT#{productId}"}, {"SK", "PRODUCT"}});
  CHECK(product.attributes.at("price") == "N");
  CHECK(product.optional.at("price"));
  CHECK_FALSE(product.optional.at("productId"));
  CHECK(product.optional.at("expiresAt"));  // the TTL attribute, added to every entity
  CHECK(table.entities[1].name == "Inventory");

  // A GSI key attribute equal to a segment of the table's key does not name its placeholder.
  ImportedTable indexed;
  indexed.partition_key = {"PK", "S"};
  indexed.global_secondary_indexes.push_back(
      ImportedIndex{"GSI1", {"GSI1PK", "S"}, std::nullopt, "ALL", {}, {}, {}, {}});
  infer_entities(indexed, nlohmann::json::parse(R"({"Items": [{"PK": {"S": "USER#u1"}, "GSI1PK": {"S": "u1"}}]})"));
  REQUIRE(indexed.entities.size() == 1);
  CHECK(indexed.entities[0].keys ==
        std::vector<std::pair<std::string, std::string>>{{"PK", "USER#{userId}"}, {"GSI1PK", "{GSI1PK}"}});

  ImportedTable bare;
  bare.partition_key = {"id", "N"};
  infer_entities(bare, nullptr);
  REQUIRE(bare.entities.size() == 1);
  CHECK(bare.entities[0].keys == std::vector<std::pair<std::string, std::string>>{{"id", "{id}"}});
  CHECK(bare.entities[0].attributes.at("id") == "N");
  CHECK_FALSE(bare.entities[0].inferred);

  CHECK_THROWS_AS(infer_entities(bare, nlohmann::json::parse(R"({"Items": []})")), ImportError);
  CHECK_THROWS_AS(infer_entities(bare, nlohmann::json::parse(R"({"Items": [{"x": {"S": "1"}}]})")), ImportError);
  CHECK_THROWS_AS(infer_entities(bare, nlohmann::json::parse(R"({"items": []})")), ImportError);
}

TEST_CASE("identifier joins the words of a name, capitalizing each after the first") {
  CHECK(identifier("get_user_by_id", false, false) == "getUserById");
  CHECK(identifier("subscription line", true, false) == "SubscriptionLine");
  CHECK(identifier("ORDER_ITEM#", true, true) == "OrderItem");
  CHECK(identifier("2fa codes", true, false) == "FaCodes");
  CHECK(identifier("#-_", true, true).empty());
}

TEST_CASE("split_segments splits a key value at each '#'") {
  CHECK(split_segments("SUB#123#SKU#999") == std::vector<std::string>{"SUB", "123", "SKU", "999"});
  CHECK(split_segments("PROFILE") == std::vector<std::string>{"PROFILE"});
  CHECK(split_segments("A##") == std::vector<std::string>{"A", "", ""});
}

TEST_CASE("read_workbench: facet key templates from aliases and samples, several tables need a choice") {
  const auto model = nlohmann::json::parse(R"({
    "ModelMetadata": {"Version": "3.0"},
    "DataModel": [{
      "TableName": "Subs",
      "KeyAttributes": {"PartitionKey": {"AttributeName": "PK", "AttributeType": "S"},
                        "SortKey": {"AttributeName": "SK", "AttributeType": "S"}},
      "TableFacets": [{"FacetName": "line", "KeyAttributeAlias": {"PartitionKeyAlias": "CustomerId",
                                                                  "SortKeyAlias": "SubId#SKU"}}],
      "TableData": [{"PK": {"S": "CUST#1"}, "SK": {"S": "SUB#123#SKU#999"}},
                    {"PK": {"S": "CUST#2"}, "SK": {"S": "SUB#124#SKU#555"}}]
    }, {"TableName": "Other", "KeyAttributes": {"PartitionKey": {"AttributeName": "id", "AttributeType": "N"}}}]
  })");
  CHECK_THROWS_WITH(read_workbench(model, ""), "the data model has 2 tables: choose one with --table: Subs, Other");
  const auto table = read_workbench(model, "Subs");
  REQUIRE(table.entities.size() == 1);
  CHECK(table.entities[0].name == "Line");
  CHECK(table.entities[0].keys ==
        std::vector<std::pair<std::string, std::string>>{{"PK", "CUST#{CustomerId}"}, {"SK", "SUB#{SubId}#SKU#{SKU}"}});
  auto future = model;
  future["ModelMetadata"]["Version"] = "9.9";
  CHECK_THROWS_AS(read_workbench(future, "Subs"), ImportError);
}

TEST_CASE("infer_entities marks identifiers that only the primary key holds as key_only") {
  ImportedTable table;
  table.partition_key = {"PK", "S"};
  table.sort_key = ImportedKey{"SK", "S"};
  table.global_secondary_indexes.push_back(ImportedIndex{"GSI1", {"GSI1PK", "S"}, std::nullopt, "ALL", {}, {}, {}, {}});
  infer_entities(table, nlohmann::json::parse(R"({"Items": [
    {"PK": {"S": "ORDER#o1"}, "SK": {"S": "LINE#1"}, "GSI1PK": {"S": "SKU#s1"}, "qty": {"N": "2"}},
    {"PK": {"S": "ORDER#o2"}, "SK": {"S": "LINE#2"}, "GSI1PK": {"S": "SKU#s2"}, "qty": {"N": "1"}},
    {"PK": {"S": "USER#u1"}, "SK": {"S": "PROFILE"}, "userId": {"S": "u1"}}
  ]})"));
  REQUIRE(table.entities.size() == 2);
  const auto& order = table.entities[0];
  REQUIRE(order.keys.size() == 3);
  CHECK(order.keys[0].second == "ORDER#{orderId}");
  CHECK(order.key_only.count("orderId"));      // only in PK
  CHECK(order.key_only.count("lineId"));       // only in SK
  CHECK_FALSE(order.key_only.count("skuId"));  // only in a GSI key: cannot be read back from every read
  CHECK_FALSE(order.key_only.count("qty"));
  CHECK(table.entities[1].key_only.empty());  // userId is stored in the items
}

TEST_CASE("a multi-attribute GSI key: its attributes are the entities' own, never key templates") {
  ImportedTable table;
  table.partition_key = {"PK", "S"};
  table.attribute_types = {{"PK", "S"}, {"tenant", "S"}, {"site", "S"}, {"at", "N"}};
  set_gsi_key_schema(table.global_secondary_indexes.emplace_back(),
                     {{"tenant", "HASH"}, {"site", "HASH"}, {"at", "RANGE"}}, table,
                     "GlobalSecondaryIndexes ByTenantSite");
  const auto& gsi = table.global_secondary_indexes.back();
  CHECK(gsi.multi_attribute());
  CHECK(gsi.partition_key.name == "tenant");
  REQUIRE(gsi.more_partition_keys.size() == 1);
  CHECK(gsi.more_partition_keys[0].name == "site");
  CHECK(gsi.sort_key->name == "at");
  CHECK(gsi.more_sort_keys.empty());
  // Five HASH attributes, or an unknown one: ImportError.
  ImportedIndex wide;
  CHECK_THROWS_AS(
      set_gsi_key_schema(
          wide, {{"tenant", "HASH"}, {"site", "HASH"}, {"tenant", "HASH"}, {"site", "HASH"}, {"tenant", "HASH"}}, table,
          "w"),
      ImportError);
  CHECK_THROWS_AS(set_gsi_key_schema(wide, {{"nope", "HASH"}}, table, "w"), ImportError);
  // A table key schema stays one HASH and at most one RANGE.
  CHECK_THROWS_AS(typed_key_schema({{"tenant", "HASH"}, {"site", "HASH"}}, table, "Table"), ImportError);

  // Without items: the placeholder entity has the attributes, and keys only for the table's key.
  infer_entities(table, nullptr);
  REQUIRE(table.entities.size() == 1);
  CHECK(table.entities[0].attributes.at("site") == "S");
  CHECK(table.entities[0].attributes.at("at") == "N");
  REQUIRE(table.entities[0].keys.size() == 1);
  CHECK(table.entities[0].keys[0].first == "PK");

  // With items: plain attributes of their native types, no key template for them.
  table.entities.clear();
  infer_entities(table, nlohmann::json::parse(R"({"Items": [
    {"PK": {"S": "SENSOR#s1"}, "tenant": {"S": "t1"}, "site": {"S": "ams"}, "at": {"N": "17"}},
    {"PK": {"S": "SENSOR#s2"}, "tenant": {"S": "t2"}, "site": {"S": "ber"}, "at": {"N": "18"}}
  ]})"));
  REQUIRE(table.entities.size() == 1);
  CHECK(table.entities[0].attributes.at("at") == "N");
  REQUIRE(table.entities[0].keys.size() == 1);
  CHECK(table.entities[0].keys[0].second == "SENSOR#{sensorId}");
}

TEST_CASE("infer_entities splits items of one key prefix by their entity-type attribute") {
  const char* a = "0f8fad5b-d9cb-469f-a165-70867728950e";
  const char* b = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
  ImportedTable table;
  table.partition_key = {"id", "S"};
  // Bare UUID keys: no literal prefix tells a product from a review; `kind` does, and the
  // entities' keys differ in shape ({productId} against {productId}#{reviewId}).
  const auto scan = nlohmann::json::parse(std::string(R"({"Items": [
    {"id": {"S": ")") + a + R"("}, "productId": {"S": ")" +
                                          a + R"("}, "kind": {"S": "product"}},
    {"id": {"S": ")" + a + "#" + b + R"("}, "productId": {"S": ")" +
                                          a + R"("}, "reviewId": {"S": ")" + b +
                                          R"("}, "kind": {"S": "review"}},
    {"id": {"S": ")" + b + R"("}, "productId": {"S": ")" +
                                          b + R"("}, "kind": {"S": "product"}}
  ]})");
  infer_entities(table, scan);
  REQUIRE(table.entities.size() == 2);
  CHECK(table.entities[0].name == "Product");
  CHECK(table.entities[0].samples == 2);
  CHECK(table.entities[0].discriminator == std::pair<std::string, std::string>{"kind", "product"});
  CHECK(table.entities[0].formats.at("productId") == "uuid");
  CHECK(table.entities[1].name == "Review");
  CHECK(table.entities[1].keys == std::vector<std::pair<std::string, std::string>>{{"id", "{productId}#{reviewId}"}});

  // An ordinary attribute called `type` whose values do not change the key shape: one entity.
  ImportedTable payments;
  payments.partition_key = {"PK", "S"};
  infer_entities(payments, nlohmann::json::parse(R"({"Items": [
    {"PK": {"S": "PAYMENT#1"}, "type": {"S": "card"}},
    {"PK": {"S": "PAYMENT#2"}, "type": {"S": "transfer"}, "iban": {"S": "DE00"}}
  ]})"));
  REQUIRE(payments.entities.size() == 1);
  CHECK_FALSE(payments.entities[0].discriminator);
  CHECK(payments.entities[0].formats.empty());
}

TEST_CASE("is_uuid: 8-4-4-4-12 hexadecimal digits") {
  CHECK(is_uuid("0f8fad5b-d9cb-469f-a165-70867728950e"));
  CHECK(is_uuid("0F8FAD5B-D9CB-469F-A165-70867728950E"));
  CHECK_FALSE(is_uuid("0f8fad5b-d9cb-469f-a165-70867728950"));
  CHECK_FALSE(is_uuid("0f8fad5bxd9cb-469f-a165-70867728950e"));
  CHECK_FALSE(is_uuid("0g8fad5b-d9cb-469f-a165-70867728950e"));
  CHECK_FALSE(is_uuid(""));
}
