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
  CHECK_NOTHROW(cli_scripts_view(m, TargetOptions{}));
  m.table.encryption.type = EncryptionType::CUSTOMER_MANAGED;
  m.table.encryption.kms_key_arn = "arn:aws:kms:us-east-1:111122223333:key/x";
  CHECK_THROWS_AS(cli_scripts_view(m, TargetOptions{}), GenerateError);
  m.table.encryption.type = EncryptionType::AWS_MANAGED;
  m.table.billing_mode = BillingMode::PROVISIONED;
  m.table.capacity = Capacity{};
  CHECK_THROWS_AS(cli_scripts_view(m, TargetOptions{}), GenerateError);
  m.table.capacity->autoscaling = Autoscaling{};
  CHECK_NOTHROW(cli_scripts_view(m, TargetOptions{}));
}
