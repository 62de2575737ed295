// The CDK target's TypeScript quoting (escape_typescript) and what TableV2 or Table refuses.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "gen/generator.hpp"

using namespace dynamodel;

namespace {
Model provisioned_table() {
  Model m;
  m.name = "t";
  m.table.name = "T1";
  m.table.partition_key = {"PK", AttributeType::S, {}};
  m.table.billing_mode = BillingMode::PROVISIONED;
  m.table.capacity = Capacity{};
  return m;
}

TargetOptions construct(const char* name) {
  TargetOptions o;
  o.cdk_construct = name;
  return o;
}
}  // namespace

TEST_CASE("escape_typescript writes a JSON string literal, never a template literal") {
  CHECK(escape_typescript("plain") == "\"plain\"");
  CHECK(escape_typescript("a \"b\" \\ c") == "\"a \\\"b\\\" \\\\ c\"");
  CHECK(escape_typescript("l1\nl2\r\tx\x01") == "\"l1\\nl2\\r\\tx\\u0001\"");
  CHECK(escape_typescript("${x} `id` */ /* $(id) #{y} '") == "\"${x} `id` */ /* $(id) #{y} '\"");
  CHECK(escape_typescript("caf\xc3\xa9 \xe2\x9c\x93") == "\"caf\xc3\xa9 \xe2\x9c\x93\"");  // UTF-8 stays as is
  CHECK(escape_typescript("a\xe2\x80\xa8"
                          "b\xe2\x80\xa9"
                          "c") == "\"a\\u2028b\\u2029c\"");
}

TEST_CASE("cdk: TableV2 needs autoscaled write capacity on a PROVISIONED table; Table does not") {
  Model m = provisioned_table();
  CHECK_THROWS_AS(cdk_view(m, construct("TableV2")), GenerateError);
  const auto table = cdk_view(m, construct("Table"));
  CHECK(table["construct"] == "Table");
  CHECK(table["billing_mode"] == "BillingMode.PROVISIONED");
  CHECK(table["provisioned"] == nlohmann::json{{"read", m.table.capacity->read}, {"write", m.table.capacity->write}});
  CHECK(table["scaling"].empty());
  m.table.capacity->autoscaling = Autoscaling{3, 30, 2, 20, 60.0, {}};
  const auto v2 = cdk_view(m, construct("TableV2"));
  CHECK(v2["construct"] == "TableV2");
  CHECK(v2["billing"]["provisioned"]["write"]["autoscaled"] ==
        nlohmann::json{{"min", 2}, {"max", 20}, {"target", 60.0}});
  CHECK(v2["billing"]["provisioned"]["read"]["autoscaled"] ==
        nlohmann::json{{"min", 3}, {"max", 30}, {"target", 60.0}});
  GlobalSecondaryIndex g;
  g.name = "G";
  g.partition_key = {"GPK", AttributeType::S, {}};
  g.capacity = Capacity{};  // its own capacity, without autoscaling
  m.table.global_secondary_indexes.push_back(g);
  CHECK_THROWS_AS(cdk_view(m, construct("TableV2")), GenerateError);
  const auto with_gsi = cdk_view(m, construct("Table"));
  REQUIRE(with_gsi["gsis"].size() == 1);
  CHECK(with_gsi["gsis"][0]["name"] == "G");
  CHECK(with_gsi["gsis"][0]["provisioned"] == nlohmann::json{{"read", 1}, {"write", 1}});
}

TEST_CASE("cdk: a GSI without capacity inherits the table's capacity and autoscaling (Table construct)") {
  Model m = provisioned_table();
  m.table.capacity = Capacity{7, 4, Autoscaling{7, 70, 4, 40, 55.0, {}}, {}};
  GlobalSecondaryIndex g;
  g.name = "G";
  g.partition_key = {"GPK", AttributeType::S, {}};
  m.table.global_secondary_indexes.push_back(g);
  const auto table = cdk_view(m, construct("Table"));
  CHECK(table["gsis"][0]["provisioned"] == nlohmann::json{{"read", 7}, {"write", 4}});
  REQUIRE(table["scaling"].size() == 4);  // table read/write, then the index's
  CHECK(table["scaling"][2]["index"] == nlohmann::json{{"name", "G"}});
  CHECK(table["scaling"][2]["method"] == "autoScaleGlobalSecondaryIndexReadCapacity");
  CHECK(table["scaling"][3]["method"] == "autoScaleGlobalSecondaryIndexWriteCapacity");
}

TEST_CASE("cdk: a customer-managed key cannot encrypt replicas, and must be an ARN the CDK can split") {
  Model m;
  m.name = "t";
  m.table.name = "T1";
  m.table.partition_key = {"PK", AttributeType::S, {}};
  m.table.encryption.type = EncryptionType::CUSTOMER_MANAGED;
  m.table.encryption.kms_key_arn = "arn:aws:kms:us-east-1:111122223333:key/1234";
  CHECK(cdk_view(m, construct("TableV2"))["needs_region"].is_object());
  CHECK(cdk_view(m, construct("Table"))["needs_region"] == false);
  m.table.encryption.kms_key_arn = "arn:aws:kms:us-east-1:111122223333:key";
  CHECK_THROWS_AS(cdk_view(m, construct("Table")), GenerateError);
  m.table.encryption.kms_key_arn = "arn:aws:kms:us-east-1:111122223333:alias/mine";
  CHECK(cdk_view(m, construct("Table"))["kms_key"].dump().find("alias/mine") != std::string::npos);
  m.table.replicas = {"eu-west-1"};
  CHECK_THROWS_AS(cdk_view(m, construct("TableV2")), GenerateError);
  CHECK_THROWS_AS(cdk_view(m, construct("Table")), GenerateError);
}

TEST_CASE("cdk: auto renders TableV2 when it can express the design, else Table, and says why") {
  Model m = provisioned_table();
  nlohmann::json v = cdk_view(m, TargetOptions{});
  CHECK(v["construct"] == "Table");
  CHECK(v["construct_why"] ==
        "Table, not TableV2: the table has PROVISIONED write capacity without autoscaling, which TableV2 "
        "(AWS::DynamoDB::GlobalTable) cannot express; add capacity.autoscaling to use TableV2.");
  CHECK(cdk_outputs(m, TargetOptions{}).at(0).template_file == "stack-table.ts.mustache");
  m.table.capacity->autoscaling = Autoscaling{};
  v = cdk_view(m, TargetOptions{});
  CHECK(v["construct"] == "TableV2");
  CHECK(cdk_outputs(m, TargetOptions{}).at(0).template_file == "stack-tablev2.ts.mustache");
  CHECK(cdk_view(m, construct("Table"))["construct_why"] == "The construct Table was chosen with --cdk-construct.");
}
