// Shared set-up of the hand-written Catch2 tests on generated accessors: a client for
// DYNAMODB_ENDPOINT (credentials from the environment) and the table name from `variable`.
#pragma once

#include <cstdlib>
#include <stdexcept>
#include <string>

#include "dynamodel/runtime.hpp"

inline dynamodel::Client& test_client() {
  static dynamodel::Client client(dynamodel::ClientConfig::from_environment());
  return client;
}

inline std::string table_from(const char* variable) {
  const char* name = std::getenv(variable);
  if (!name || !*name) throw std::runtime_error(std::string(variable) + " is not set");
  return name;
}
