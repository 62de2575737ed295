// The Terraform target's HCL escaping (escape_hcl: the inside of a quoted string; templates quote) and its module
// flavour's refusals.
#include <catch2/catch.hpp>

#include "gen/generator.hpp"
#include "model/loader.hpp"

using namespace dynamodel;

TEST_CASE("escape_hcl escapes the inside of a string: quotes, control characters and HCL template sequences") {
  CHECK(escape_hcl("plain") == "plain");
  CHECK(escape_hcl("a \"b\" \\ c") == "a \\\"b\\\" \\\\ c");
  CHECK(escape_hcl("l1\nl2\r\tx") == "l1\\nl2\\r\\tx");
  CHECK(escape_hcl(std::string("bell\x07") + "\x7f") == "bell\\u0007\\u007F");
  CHECK(escape_hcl("${var.x} %{if} $x %x") == "$${var.x} %%{if} $x %x");
  CHECK(escape_hcl("$${") == "$$${");
  CHECK(escape_hcl("caf\xc3\xa9 \xe2\x9c\x93") == "caf\xc3\xa9 \xe2\x9c\x93");  // UTF-8 stays as is
  CHECK(escape_hcl("$(id) `id` #{x} */") == "$(id) `id` #{x} */");
}

TEST_CASE("terraform module style refuses a Name tag the module would overwrite") {
  Model m;
  m.name = "t";
  m.table.name = "T1";
  m.table.partition_key = {"PK", AttributeType::S, {}};
  m.table.tags.push_back({"Name", "mine", {}});
  TargetOptions module;
  module.terraform_style = "module";
  CHECK_THROWS_AS(terraform_view(m, module), GenerateError);
  // The resource style writes the tag as given.
  const auto view = terraform_view(m, TargetOptions{});
  CHECK(view["style"] == "resource");
  CHECK(view["tags"].dump().find("mine") != std::string::npos);
}
