// UTF-8 validation, typo suggestions and key templates.
#include <catch2/catch.hpp>

#include "model/text.hpp"

using namespace dynamodel;

TEST_CASE("UTF-8 validation finds the first bad byte") {
  CHECK_FALSE(find_invalid_utf8("plain ascii"));
  CHECK_FALSE(find_invalid_utf8("caf\xC3\xA9 \xF0\x9F\x98\x80"));
  CHECK(find_invalid_utf8("ab\xC3") == 2u);            // truncated
  CHECK(find_invalid_utf8("\xC0\xAF") == 0u);          // overlong
  CHECK(find_invalid_utf8("x\xED\xA0\x80") == 1u);     // surrogate
  CHECK(find_invalid_utf8("\xF4\x90\x80\x80") == 0u);  // above U+10FFFF
}

TEST_CASE("closest_match suggests likely typos only") {
  std::vector<std::string_view> names = {"billing_mode", "table_class", "sort_key"};
  CHECK(closest_match("billingMode", names) == "billing_mode");
  CHECK(closest_match("billing_mod", names) == "billing_mode");
  CHECK(closest_match("sortkey", names) == "sort_key");
  CHECK_FALSE(closest_match("zzz", names));
}

TEST_CASE("key templates: placeholders, literal braces, errors") {
  KeyTemplate t;
  REQUIRE_FALSE(parse_key_template("STATUS#{status}#{shard}", t));
  REQUIRE(t.parts.size() == 4);
  CHECK(t.placeholders() == std::vector<std::string>{"status", "shard"});
  REQUIRE_FALSE(parse_key_template("A{{B}}C", t));
  REQUIRE(t.parts.size() == 1);
  CHECK(t.parts[0].text == "A{B}C");
  CHECK(t.is_constant());
  CHECK(parse_key_template("USER#{userId", t));
  CHECK(parse_key_template("USER#{}", t));
  CHECK(parse_key_template("USER#}", t));
}

TEST_CASE("key templates: placeholder transforms") {
  KeyTemplate t;
  REQUIRE_FALSE(parse_key_template("SEQ#{seq|pad(10)}#{email|lower}{code|upper}", t));
  REQUIRE(t.parts.size() == 5);
  CHECK(t.placeholders() == std::vector<std::string>{"seq", "email", "code"});
  CHECK(t.parts[1].transform.kind == KeyTransform::Kind::pad);
  CHECK(t.parts[1].transform.width == 10);
  CHECK(t.parts[1].transform.text() == "pad(10)");
  CHECK(t.parts[3].transform.kind == KeyTransform::Kind::lower);
  CHECK(t.parts[4].transform.kind == KeyTransform::Kind::upper);
  CHECK(t.parts[0].transform.none());
  CHECK(t.parts[1].transform.apply("42") == "0000000042");
  CHECK(t.parts[1].transform.apply("12345678901") == "12345678901");
  CHECK(t.parts[3].transform.apply("Ann@X.io") == "ann@x.io");
  CHECK(t.parts[4].transform.apply("ab1") == "AB1");
  CHECK(t.parts[1].transform.reversible_for(AttributeType::N));
  CHECK_FALSE(t.parts[1].transform.reversible_for(AttributeType::S));
  CHECK_FALSE(t.parts[3].transform.reversible_for(AttributeType::S));
  for (const char* bad : {"{a|pad(0)}", "{a|pad(1025)}", "{a|pad()}", "{a|pad(x)}", "{a|trim}", "{|lower}",
                          "{a|lower|upper}", "{a|pad(-1)}", "{a|pad(00000001)}"})
    CHECK(parse_key_template(bad, t));
  CHECK(parse_key_template("{a|trim}", t)->find("unknown transform 'trim'") != std::string::npos);
}

TEST_CASE("table and index names follow DynamoDB's naming rules") {
  CHECK(is_valid_table_or_index_name("abc"));
  CHECK(is_valid_table_or_index_name(std::string(255, 'a')));
  CHECK_FALSE(is_valid_table_or_index_name("ab"));
  CHECK_FALSE(is_valid_table_or_index_name(std::string(256, 'a')));
  CHECK_FALSE(is_valid_table_or_index_name("my table"));
}

TEST_CASE("with_commas groups digits in threes", "[text]") {
  CHECK(dynamodel::with_commas(std::int64_t{0}) == "0");
  CHECK(dynamodel::with_commas(std::int64_t{999}) == "999");
  CHECK(dynamodel::with_commas(std::int64_t{409600}) == "409,600");
  CHECK(dynamodel::with_commas(std::int64_t{-1234567}) == "-1,234,567");
  CHECK(dynamodel::with_commas(std::string_view("43440")) == "43,440");
}

TEST_CASE("next_code_point reads one code point of valid UTF-8 and advances") {
  const std::string text = "a\xC3\xA9\xE2\x9C\x93\xF0\x9F\x98\x80";  // a é ✓ 😀
  std::size_t at = 0;
  CHECK(next_code_point(text, at) == U'a');
  CHECK(at == 1);
  CHECK(next_code_point(text, at) == U'\u00E9');
  CHECK(next_code_point(text, at) == U'\u2713');
  CHECK(next_code_point(text, at) == U'\U0001F600');
  CHECK(at == text.size());
}
