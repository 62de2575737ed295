// The cpp target's C++ spelling: string literals, comments and identifiers.
#include <catch2/catch.hpp>

#include "gen/cpp_names.hpp"

using namespace dynamodel::cpp;

TEST_CASE("cpp::literal escapes quotes, backslashes, control characters and trigraphs") {
  CHECK(literal("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(literal("x\ny\t") == "\"x\\ny\\t\"");
  CHECK(literal(std::string("\x01") + "7") == "\"\\0017\"");  // octal stops after 3 digits
  CHECK(literal("?\?=") == "\"?\\?=\"");
  CHECK(literal("caf\xc3\xa9") == "\"caf\xc3\xa9\"");
}

TEST_CASE("cpp::comment cannot end a comment line or splice the next one") {
  CHECK(comment("a\nb\\") == "a b/");
  CHECK(comment("?\?/") == "? ?/");
}

TEST_CASE("cpp::identifier mangles deterministically") {
  CHECK(identifier("pk: odd #1") == "pk_odd_1");
  CHECK(identifier("class") == "class_");
  CHECK(identifier("1st") == "x1st");
  CHECK(identifier("_Upper") == "x_Upper");
  CHECK(identifier("a__b") == "a_b");
  Scope scope({"Table"});
  CHECK(scope.take("Table") == "Table_2");
  CHECK(scope.take("a-b") == "a_b");
  CHECK(scope.take("a.b") == "a_b_2");
}
