// Shared by the libFuzzer harnesses (fuzz/README.md): the fuzz input as model text, and the
// one way every harness loads, checks and prints a model, as `dynamodel validate` does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "cli/cli.hpp"
#include "diag/format.hpp"
#include "rules/catalogue.hpp"

namespace dynamodel::fuzz {

/// The bytes libFuzzer hands over, as model text.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// Loads `text` (named `file`), runs every rule and prints the findings in the text, JSON and
/// GitHub formats (the printed text is thrown away: the harness looks for crashes only).
inline cli::Checked check_text(std::string_view text, const std::string& file) {
  cli::Checked checked = cli::check_loaded(load_model_text(text, file, known_rule_ids()), {});
  std::ostringstream sink;
  print_text(sink, checked.diagnostics, true);
  print_github(sink, checked.diagnostics);
  sink << to_json(checked.diagnostics).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  if (checked.analysis)
    sink << to_json(*checked.analysis, coverage_message).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return checked;
}

}  // namespace dynamodel::fuzz
