// Catch2 tests of the table-name rule every target shares, on the generated batch-replay
// accessors (table.name BatchReplay): $DYNAMODB_TABLE_NAME, else $DYNAMODB_TABLE (alias), else
// `${DYNAMODEL_ENVIRONMENT:-dev}-<table.name>`; a name given in code wins. Needs no server.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "batch-replay.hpp"

namespace {

/// Sets (or, for nullptr, unsets) the three variables of the rule.
void environment(const char* table_name, const char* table, const char* env) {
  const std::pair<const char*, const char*> vars[] = {
      {"DYNAMODB_TABLE_NAME", table_name}, {"DYNAMODB_TABLE", table}, {"DYNAMODEL_ENVIRONMENT", env}};
  for (const auto& [name, value] : vars) {
    if (value)
      ::setenv(name, value, 1);
    else
      ::unsetenv(name);
  }
}

}  // namespace

TEST_CASE("the default table name is <environment>-<table.name>, environment dev by default") {
  environment(nullptr, nullptr, nullptr);
  CHECK(batch_replay::kTableBaseName == std::string("BatchReplay"));
  CHECK(batch_replay::default_table_name() == "dev-BatchReplay");
  environment(nullptr, nullptr, "");
  CHECK(batch_replay::default_table_name() == "dev-BatchReplay");
  environment(nullptr, nullptr, "prod");
  CHECK(batch_replay::default_table_name() == "prod-BatchReplay");
  CHECK(dynamodel::table_name_from_environment("Other") == "prod-Other");
}

TEST_CASE("DYNAMODB_TABLE_NAME wins over DYNAMODB_TABLE, which wins over the environment prefix") {
  environment("exact", "alias", "prod");
  CHECK(batch_replay::default_table_name() == "exact");
  environment("", "alias", "prod");
  CHECK(batch_replay::default_table_name() == "alias");
  environment(nullptr, "", "prod");
  CHECK(batch_replay::default_table_name() == "prod-BatchReplay");
}

TEST_CASE("Table takes the rule's name by default, and a name given in code wins") {
  dynamodel::ClientConfig config;
  config.region = "us-east-1";
  config.endpoint = "http://127.0.0.1:9";  // never called
  dynamodel::Client client(config);
  environment(nullptr, nullptr, "qa");
  CHECK(batch_replay::Table(client).table_name() == "qa-BatchReplay");
  environment("exact", nullptr, "qa");
  CHECK(batch_replay::Table(client).table_name() == "exact");
  CHECK(batch_replay::Table(client, "given").table_name() == "given");
  environment(nullptr, nullptr, nullptr);
}
