// naming/naming.hpp: C++ string literals, comments, identifiers, the names of a model's
// namespace and entity structs, and shell quoting.
#include <catch2/catch.hpp>

#include "model/loader.hpp"
#include "naming/naming.hpp"

using namespace dynamodel;
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
  CHECK(scope.take("class") == "class_");
  CHECK(scope.take("class") == "class_2");  // never `class__2`: `__` is reserved
}

TEST_CASE("cpp::model_namespace and entity_types: keywords, reserved names and clashes") {
  CHECK(model_namespace("delete") == "delete_");
  CHECK(model_namespace("my-shop 2") == "my_shop_2");
  CHECK(model_namespace("std") == "std_");
  const auto loaded = load_model_text(R"(dynamodel: 1
name: delete
table:
  name: Things
  partition_key: {name: PK, type: S}
entities:
  Table:
    attributes: {id: {type: S, required: true}}
    keys: {PK: "T#{id}"}
  line item:
    attributes: {id: {type: S, required: true}}
    keys: {PK: "L#{id}"}
  line-item:
    attributes: {id: {type: S, required: true}}
    keys: {PK: "M#{id}"}
  delete_:
    attributes: {id: {type: S, required: true}}
    keys: {PK: "D#{id}"}
access_patterns:
  - {id: AP1, name: getTable, entity: Table, operation: GetItem, key: {PK: "T#{id}"}}
)",
                                      "names.yaml");
  REQUIRE(loaded.model.has_value());
  // `Table` is the generated class and `delete_` the namespace itself; `line item` and
  // `line-item` have one spelling, so the second one gets `_2`.
  CHECK(entity_types(*loaded.model) == std::vector<std::string>{"Table_2", "line_item", "line_item_2", "delete_2"});
}

TEST_CASE("shell::quote single-quotes everything and writes ' as '\\''") {
  CHECK(shell::quote("plain") == "'plain'");
  CHECK(shell::quote("") == "''");
  CHECK(shell::quote("it's") == "'it'\\''s'");
  CHECK(shell::quote("''") == "''\\'''\\'''");
  CHECK(shell::quote("$(id) `id` ${x} \\ \"q\" #{y} */ %{z}") == "'$(id) `id` ${x} \\ \"q\" #{y} */ %{z}'");
  CHECK(shell::quote("l1\nl2 caf\xc3\xa9") == "'l1\nl2 caf\xc3\xa9'");
}
