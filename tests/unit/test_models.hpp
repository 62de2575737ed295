// Shared by the unit tests: a model from YAML text that must load.
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "model/loader.hpp"
#include "rules/catalogue.hpp"

namespace dynamodel::test {

/// Loads `text` as a model file named `file`; fails the test, listing the loader's findings,
/// when it does not load.
inline Model load_or_fail(const std::string& text, const std::string& file = "test.yaml") {
  LoadResult r = load_model_text(text, file, known_rule_ids());
  std::string findings;
  for (const auto& d : r.diagnostics) findings += d.rule + ": " + d.message + "\n";
  INFO(findings);
  REQUIRE(r.model);
  return *r.model;
}

}  // namespace dynamodel::test
