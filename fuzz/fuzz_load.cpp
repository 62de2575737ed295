// Harness (a): any bytes as a model file -> load, rules, analysis, findings printed.
// Every input must end in findings or a model; a crash, sanitizer report, leak or hang is a bug.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  dynamodel::fuzz::check_text(dynamodel::fuzz::as_text(data, size), "fuzz.yaml");
  return 0;
}
