// The AWS CLI target's JSON request bodies and its global-table refusals (its shell
// quoting, shell::quote, is tested in naming_test.cpp).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "gen/generator.hpp"

using namespace dynamodel;

namespace {
Model odd_model() {
  Model m;
  m.name = "t";
  m.table.name = "T1";
  m.table.partition_key = {"a,b=\"c'd", AttributeType::S, {}};
  m.table.ttl_attribute = "exp`ires";
  m.table.tags.push_back({"k'ey", "v\nal", {}});
  return m;
}
}  // namespace

TEST_CASE("cli view: request bodies are JSON with the model's names verbatim") {
  const auto view = cli_scripts_view(odd_model(), TargetOptions{});
  const auto create = nlohmann::json::parse(view["create_table_json"].get<std::string>());
  CHECK(create["AttributeDefinitions"][0]["AttributeName"] == "a,b=\"c'd");
  CHECK(create["KeySchema"][0]["KeyType"] == "HASH");
  CHECK_FALSE(create.contains("TableName"));  // the script adds --table-name <environment>-T1
  CHECK(create["Tags"][0]["Value"] == "v\nal");
  const auto ttl = nlohmann::json::parse(view["ttl"]["json"].get<std::string>());
  CHECK(ttl["TimeToLiveSpecification"]["AttributeName"] == "exp`ires");
  // In a JMESPath literal a backtick is escaped.
  CHECK(view["ttl"]["state_query"].get<std::string>().find("`\"exp\\`ires\"`") != std::string::npos);
}

TEST_CASE("cli view: a global table needs autoscaled writes and no customer-managed key") {
  Model m = odd_model();
  m.table.replicas = {"eu-west-1"};
  const auto on_demand = cli_scripts_view(m, TargetOptions{});
  CHECK(on_demand["has_replicas"] == true);
  REQUIRE(on_demand["replicas"].size() == 1);
  CHECK(on_demand["replicas"][0].dump().find("eu-west-1") != std::string::npos);
  CHECK(on_demand["has_scaling"] == false);
  m.table.encryption.type = EncryptionType::CUSTOMER_MANAGED;
  m.table.encryption.kms_key_arn = "arn:aws:kms:us-east-1:111122223333:key/x";
  CHECK_THROWS_AS(cli_scripts_view(m, TargetOptions{}), GenerateError);
  m.table.encryption.type = EncryptionType::AWS_MANAGED;
  m.table.billing_mode = BillingMode::PROVISIONED;
  m.table.capacity = Capacity{};
  CHECK_THROWS_AS(cli_scripts_view(m, TargetOptions{}), GenerateError);
  m.table.capacity->autoscaling = Autoscaling{2, 20, 3, 30, 65.0, {}};
  const auto scaled = cli_scripts_view(m, TargetOptions{});
  REQUIRE(scaled["scaling"].size() == 2);  // the table's read and write targets
  const auto write = nlohmann::json::parse(scaled["scaling"][1]["target_json"].get<std::string>());
  CHECK(write["ScalableDimension"] == "dynamodb:table:WriteCapacityUnits");
  CHECK(write["MinCapacity"] == 3);
  CHECK(write["MaxCapacity"] == 30);
}

TEST_CASE("cli view: a PROVISIONED GSI without capacity inherits the table's capacity and autoscaling") {
  // A GSI without `capacity` takes the table's (docs/model-format.md), in every target: its
  // ProvisionedThroughput in create-table and its own scalable targets (ResourceId .../index/G).
  Model m = odd_model();
  m.table.billing_mode = BillingMode::PROVISIONED;
  m.table.capacity = Capacity{7, 4, Autoscaling{7, 70, 4, 40, 55.0, {}}, {}};
  GlobalSecondaryIndex g;
  g.name = "G";
  g.partition_key = {"GPK", AttributeType::S, {}};
  m.table.global_secondary_indexes.push_back(g);
  const auto view = cli_scripts_view(m, TargetOptions{});
  const auto create = nlohmann::json::parse(view["create_table_json"].get<std::string>());
  CHECK(create["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["ReadCapacityUnits"] == 7);
  CHECK(create["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["WriteCapacityUnits"] == 4);
  REQUIRE(view["scaling"].size() == 4);  // table read/write, index read/write
  CHECK(view["scaling"][2]["resource_suffix"] == "/index/G");
  CHECK(view["scaling"][3]["resource_suffix"] == "/index/G");
  const auto read = nlohmann::json::parse(view["scaling"][2]["target_json"].get<std::string>());
  CHECK(read["ScalableDimension"] == "dynamodb:index:ReadCapacityUnits");
  CHECK(read["MinCapacity"] == 7);
  CHECK(read["MaxCapacity"] == 70);
  const auto policy = nlohmann::json::parse(view["scaling"][3]["policy_json"].get<std::string>());
  CHECK(policy["TargetTrackingScalingPolicyConfiguration"]["TargetValue"] == 55.0);
  // Its own capacity (without autoscaling) wins: no index scaling.
  m.table.global_secondary_indexes[0].capacity = Capacity{2, 2, std::nullopt, {}};
  const auto own = cli_scripts_view(m, TargetOptions{});
  CHECK(own["scaling"].size() == 2);
  CHECK(nlohmann::json::parse(
            own["create_table_json"]
                .get<std::string>())["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["ReadCapacityUnits"] == 2);
}
