// The command line in-process: cli::run(args, out, err) writes only to the streams it is given
// and returns the exit code (README "Exit codes").
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.hpp"

using namespace dynamodel;

namespace {

struct Ran {
  int code = -1;
  std::string out, err;
};

Ran run(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  Ran r;
  r.code = cli::run(args, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

const std::string kExamples = DYNAMODEL_SOURCE_DIR "/examples/";

}  // namespace

TEST_CASE("cli in-process: validate writes findings and the summary to the given stream", "[cli]") {
  const Ran r = run({"--color", "never", "validate", kExamples + "ecommerce.yaml"});
  CHECK(r.code == 0);
  CHECK(r.out.find("0 errors, 0 warnings, 1 info in 1 file") != std::string::npos);
  CHECK(r.out.find("[naming/reserved-word]") != std::string::npos);
  CHECK(r.out.find("\x1b[") == std::string::npos);  // --color never
  CHECK(r.err.empty());
}

TEST_CASE("cli in-process: usage errors go to err with exit 2; help and version to out with exit 0", "[cli]") {
  const Ran bad = run({"no-such-command"});
  CHECK(bad.code == 2);
  CHECK(bad.out.empty());
  CHECK(bad.err.find("dynamodel: ") == 0);
  CHECK(bad.err.find("Run `dynamodel --help` for usage.") != std::string::npos);

  const Ran missing = run({"validate", kExamples + "no-such-model.yaml"});
  CHECK(missing.code == 2);
  CHECK(missing.err.find("no such file") != std::string::npos);

  // A misspelt rule id (here only its case differs) is a usage error with a suggestion, never
  // an internal error.
  const Ran misspelt = run({"validate", kExamples + "ecommerce.yaml", "--disable", "Naming/Reserved-Word"});
  CHECK(misspelt.code == 2);
  CHECK(misspelt.err.find("dynamodel: --disable: unknown rule id 'Naming/Reserved-Word'; did you mean "
                          "'naming/reserved-word'?") == 0);
  CHECK(misspelt.err.find("internal error") == std::string::npos);
  CHECK(misspelt.err.find("Run `dynamodel validate --help` for usage.") != std::string::npos);

  const Ran version = run({"--version"});
  CHECK(version.code == 0);
  CHECK(version.out.rfind("dynamodel ", 0) == 0);

  const Ran help = run({"rules", "--help"});
  CHECK(help.code == 0);
  CHECK(help.out.find("rules") != std::string::npos);
}

TEST_CASE("cli in-process: rules explains one rule on out", "[cli]") {
  const Ran r = run({"rules", "access/update-expression"});
  CHECK(r.code == 0);
  CHECK(r.out.find("access/update-expression") != std::string::npos);
  CHECK(r.out.find("Two document paths overlap") != std::string::npos);
  const Ran typo = run({"rules", "access/update-expresion"});
  CHECK(typo.code == 2);
  CHECK(typo.err.find("did you mean 'access/update-expression'?") != std::string::npos);
}
