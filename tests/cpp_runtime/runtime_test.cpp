// Tests of the generated C++ runtime (dynamodel/runtime.hpp). Unit cases need nothing; the
// [server] cases need the environment tests/e2e/test_cpp_runtime.py sets up:
//   RT_ENDPOINT, RT_KEY, RT_SECRET  moto_server with signature checking on, and a valid key
//   RT_SESSION_KEY, RT_SESSION_SECRET, RT_SESSION_TOKEN  temporary credentials (assumed role)
//   RT_THROTTLE3                    proxy: 3 x HTTP 400 ThrottlingException, then moto
//   RT_THROTTLE_ALWAYS              proxy: always ThrottlingException
//   RT_FAIL500_ONCE                 proxy: 1 x HTTP 500 InternalServerError, then moto
//   RT_FAIL500_ALWAYS               proxy: always HTTP 500
//   RT_CLOSED                       a loopback URL nothing listens on
//   RT_BENCH_N                      optional: PutItem+GetItem pairs for the throughput figure
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <random>
#include <string>

#include "dynamodel/runtime.hpp"

using dynamodel::Client;
using dynamodel::ClientConfig;
using nlohmann::json;
namespace av = dynamodel::av;

namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  if (!value || !*value) FAIL(std::string("environment variable ") + name + " is not set (run test_cpp_runtime.py)");
  return value;
}

ClientConfig config(const std::string& endpoint, int max_attempts = 5) {
  ClientConfig c;
  c.region = "us-east-1";
  c.endpoint = endpoint;
  c.access_key_id = env("RT_KEY");
  c.secret_access_key = env("RT_SECRET");
  c.max_attempts = max_attempts;
  c.base_delay = std::chrono::milliseconds(2);
  c.max_delay = std::chrono::milliseconds(20);
  c.timeout = std::chrono::milliseconds(5000);
  return c;
}

const char* kTable = "rt-test";

/// Creates the test table once (pk S, sk S, on demand).
void ensure_table(Client& client) {
  try {
    json request = {
        {"TableName", kTable},
        {"BillingMode", "PAY_PER_REQUEST"},
        {"AttributeDefinitions",
         {{{"AttributeName", "pk"}, {"AttributeType", "S"}}, {{"AttributeName", "sk"}, {"AttributeType", "S"}}}},
        {"KeySchema",
         {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}, {{"AttributeName", "sk"}, {"KeyType", "RANGE"}}}}};
    client.call("CreateTable", request);
  } catch (const dynamodel::ServiceError& e) {
    if (e.type() != "ResourceInUseException") throw;
  }
}

json key(const std::string& pk, const std::string& sk) { return {{"pk", av::S(pk)}, {"sk", av::S(sk)}}; }

json put(const std::string& pk, const std::string& sk, const std::string& data) {
  json item = key(pk, sk);
  item["data"] = av::S(data);
  return {{"TableName", kTable}, {"Item", item}};
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Unit cases

TEST_CASE("cursor round trip", "[cursor]") {
  const json last = {{"pk", av::S("USER#\"quoted\" \\ \xc3\xa9\xe2\x82\xac \xf0\x9f\x98\x80")},
                     {"sk", av::N(std::int64_t{-42})},
                     {"GSI1PK", av::B({0, 1, 2, 250, 251, 252, 253, 254, 255})}};
  const std::string cursor = dynamodel::encode_cursor(last);
  CHECK(!cursor.empty());
  CHECK(cursor.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
        std::string::npos);
  CHECK(dynamodel::decode_cursor(cursor) == last);
  CHECK(dynamodel::encode_cursor(nullptr).empty());
  CHECK(dynamodel::encode_cursor(json::object()).empty());
  CHECK(dynamodel::decode_cursor("").is_null());
  // Every length of key text round-trips (padding 0, 1, 2).
  for (int n = 0; n < 8; ++n) {
    const json k = {{"pk", av::S(std::string(static_cast<std::size_t>(n), '?'))}};
    CHECK(dynamodel::decode_cursor(dynamodel::encode_cursor(k)) == k);
  }
}

TEST_CASE("garbage cursors are ValidationError InvalidCursor", "[cursor]") {
  const std::string not_json = dynamodel::encode_cursor({{"pk", av::S("x")}}).substr(3);
  for (const std::string bad : {"!!!!", "a", "abc=", "a+b/", "e30",  // e30 = "{}"
                                "WzFd" /* [1] */, "eyJhIjoxfQ" /* {"a":1} */, not_json.c_str()}) {
    INFO(bad);
    try {
      dynamodel::decode_cursor(bad);
      FAIL("accepted");
    } catch (const dynamodel::ValidationError& e) {
      CHECK(e.type() == "InvalidCursor");
      CHECK(e.http_status() == 0);
    }
  }
}

TEST_CASE("key part escaping", "[keys]") {
  CHECK(dynamodel::escape_key_part("a#b\\c|d", "#|") == "a\\#b\\\\c\\|d");
  CHECK(dynamodel::unescape_key_part("a\\#b\\\\c\\|d") == "a#b\\c|d");
  CHECK(dynamodel::escape_key_part("plain", "#") == "plain");
  CHECK_THROWS_AS(dynamodel::unescape_key_part("dangling\\"), dynamodel::ValidationError);

  const auto parts = dynamodel::parse_key("ORDER#a\\#b#7", {"ORDER#", "#", ""}, "#");
  REQUIRE(parts);
  CHECK(*parts == std::vector<std::string>{"a#b", "7"});
  CHECK_FALSE(dynamodel::parse_key("USER#a", {"ORDER#", ""}, "#"));
  CHECK_FALSE(dynamodel::parse_key("ORDER#a#b", {"ORDER#", ""}, "#"));     // unescaped separator in the value
  CHECK_FALSE(dynamodel::parse_key("ORDER#a", {"ORDER#", "#", ""}, "#"));  // second part missing
  CHECK_FALSE(dynamodel::parse_key("ORDER#a#1#META", {"ORDER#", "#", "#META2"}, "#"));

  // Random values over a hostile alphabet always come back unchanged.
  std::mt19937 random(7);
  const std::string alphabet = "a#\\|xY\xc3\xa9";
  for (int round = 0; round < 2000; ++round) {
    std::string v1, v2;
    for (int i = static_cast<int>(random() % 6); i > 0; --i) v1 += alphabet[random() % alphabet.size()];
    for (int i = static_cast<int>(random() % 6); i > 0; --i) v2 += alphabet[random() % alphabet.size()];
    const std::string built =
        "T#" + dynamodel::escape_key_part(v1, "#|") + "|" + dynamodel::escape_key_part(v2, "#|") + "#END";
    CHECK(dynamodel::unescape_key_part(dynamodel::escape_key_part(v1, "#|")) == v1);
    const auto back = dynamodel::parse_key(built, {"T#", "|", "#END"}, "#|");
    REQUIRE(back);
    CHECK(*back == std::vector<std::string>{v1, v2});
  }
}

TEST_CASE("key parts without escaping (key_escaping: none)", "[keys]") {
  CHECK(dynamodel::unescaped_key_part("a\\b", "#") == "a\\b");  // a backslash is plain text
  CHECK_THROWS_AS(dynamodel::unescaped_key_part("a#b", "#|"), dynamodel::ValidationError);
  CHECK_THROWS_AS(dynamodel::unescaped_key_part("a|b", "#|"), dynamodel::ValidationError);
  const auto parts = dynamodel::parse_key("ORDER#a\\b#7", {"ORDER#", "#", ""}, "#", false);
  REQUIRE(parts);
  CHECK(*parts == std::vector<std::string>{"a\\b", "7"});
  CHECK_FALSE(dynamodel::parse_key("ORDER#a\\#b#7", {"ORDER#", "#", ""}, "#", false));  // no escapes to skip
  CHECK(dynamodel::parse_key("ORDER#a\\#b#7", {"ORDER#", "#", ""}, "#"));               // escaped: one value a#b
}

TEST_CASE("placeholder transforms: pad, unpad, lower, upper", "[keys]") {
  CHECK(dynamodel::pad_key_part("42", 6) == "000042");
  CHECK(dynamodel::pad_key_part("123456", 6) == "123456");
  CHECK_THROWS_AS(dynamodel::pad_key_part("1234567", 6), dynamodel::ValidationError);  // would sort out of order
  CHECK(dynamodel::pad_key_part("9", 3) < dynamodel::pad_key_part("10", 3));           // numeric order as text
  CHECK(dynamodel::unpad_key_part("000042") == "42");
  CHECK(dynamodel::unpad_key_part("000000") == "0");
  CHECK(dynamodel::unpad_key_part("0000.5") == "0.5");
  CHECK(dynamodel::unpad_key_part("0") == "0");
  CHECK(dynamodel::unpad_key_part("") == "");
  for (const char* n : {"0", "7", "1234", "12.25", "0.5"})
    CHECK(dynamodel::unpad_key_part(dynamodel::pad_key_part(n, 10)) == n);
  CHECK(dynamodel::lower_key_part("Ann.Lee@Example.COM") == "ann.lee@example.com");
  CHECK(dynamodel::upper_key_part("ab-\xc3\xa9z") == "AB-\xc3\xa9Z");  // bytes outside ASCII stay
}

TEST_CASE("AttributeValue builders and readers", "[av]") {
  CHECK(av::S("x") == json{{"S", "x"}});
  CHECK(av::N(std::int64_t{-9}) == json{{"N", "-9"}});
  CHECK(av::N(7) == json{{"N", "7"}});
  CHECK(av::N(7u) == json{{"N", "7"}});
  CHECK(av::N(0.1) == json{{"N", "0.1"}});
  CHECK(av::as_N_double(av::N(0.1)) == 0.1);
  CHECK(av::as_N_int(av::N(INT64_MIN)) == INT64_MIN);
  CHECK(av::as_N_int(json{{"N", "1E+3"}}) == 1000);
  CHECK_THROWS_AS(av::as_N_int(json{{"N", "1.5"}}), dynamodel::ValidationError);
  CHECK_THROWS_AS(av::N(std::nan("")), dynamodel::ValidationError);
  CHECK(av::Ndecimal("-12.3400") == json{{"N", "-12.3400"}});
  CHECK(av::as_N_decimal(av::Ndecimal("1e-7")) == "1e-7");
  for (const char* bad : {"", "-", "1.2.3", "1e", "0x10", "+1", " 1", "1,5"}) {
    INFO(bad);
    CHECK_THROWS_AS(av::Ndecimal(bad), dynamodel::ValidationError);
  }
  CHECK(av::B({'h', 'e', 'l', 'l', 'o'}) == json{{"B", "aGVsbG8="}});
  CHECK(av::as_B(json{{"B", "aGVsbG8="}}) == std::vector<std::uint8_t>{'h', 'e', 'l', 'l', 'o'});
  CHECK(av::as_B(av::B({})).empty());
  CHECK(av::as_B(av::B({0xff})) == std::vector<std::uint8_t>{0xff});
  CHECK_THROWS_AS(av::as_B(json{{"B", "aGVsbG8"}}), dynamodel::ValidationError);
  CHECK(av::BOOL(true) == json{{"BOOL", true}});
  CHECK(av::as_BOOL(av::BOOL(false)) == false);
  CHECK(av::is_NULL(av::NULL_()));
  CHECK(av::SS({"b", "a"}) == json{{"SS", {"a", "b"}}});
  CHECK(av::as_SS(av::SS({"b", "a"})) == std::set<std::string>{"a", "b"});
  CHECK(av::as_NS_int(av::NS(std::set<std::int64_t>{3, -1})) == std::set<std::int64_t>{-1, 3});
  CHECK(av::as_NS_double(av::NS(std::set<double>{0.5, 2.25})) == std::set<double>{0.5, 2.25});
  CHECK(av::as_NS_decimal(av::NSdecimal({"1.50", "2"})) == std::set<std::string>{"1.50", "2"});
  const std::set<std::vector<std::uint8_t>> bs = {{1, 2}, {}, {255}};
  CHECK(av::as_BS(av::BS(bs)) == bs);
  const json list = json::array({av::S("a"), av::N(1)});
  CHECK(av::as_L(av::L(list)) == list);
  const json map = {{"k", av::S("v")}};
  CHECK(av::as_M(av::M(map)) == map);
  CHECK(av::find(map, "k") != nullptr);
  CHECK(av::find(map, "missing") == nullptr);
  CHECK_THROWS_AS(av::at(map, "missing"), dynamodel::ValidationError);

  try {
    av::as_S(av::N(1));
    FAIL("as_S accepted an N");
  } catch (const dynamodel::ValidationError& e) {
    CHECK(e.type() == "TypeMismatch");
  }
  CHECK_THROWS_AS(av::as_N_int(av::S("1")), dynamodel::ValidationError);
  CHECK_THROWS_AS(av::as_BOOL(json{{"BOOL", "true"}}), dynamodel::ValidationError);
  CHECK_THROWS_AS(av::as_SS(json{{"SS", {1}}}), dynamodel::ValidationError);
}

TEST_CASE("configuration from the environment", "[config]") {
  ::setenv("AWS_REGION", "eu-west-3", 1);
  ::setenv("DYNAMODB_ENDPOINT", "http://127.0.0.1:1", 1);
  ::setenv("AWS_SESSION_TOKEN", "tok", 1);
  const ClientConfig c = ClientConfig::from_environment();
  CHECK(c.region == "eu-west-3");
  CHECK(c.endpoint == "http://127.0.0.1:1");
  CHECK(c.session_token == "tok");
  ::unsetenv("AWS_REGION");
  ::unsetenv("AWS_DEFAULT_REGION");
  ::unsetenv("DYNAMODB_ENDPOINT");
  ::unsetenv("AWS_SESSION_TOKEN");
  const ClientConfig d = ClientConfig::from_environment();
  CHECK(d.region == "us-east-1");
  CHECK(d.endpoint.empty());
  CHECK(d.max_attempts == 8);
}

// ---------------------------------------------------------------------------------------------
// Against moto_server (signature checking on) and the throttling proxies

TEST_CASE("signed calls with the right secret succeed", "[server]") {
  Client client(config(env("RT_ENDPOINT")));
  ensure_table(client);
  client.call("PutItem", put("USER#1", "PROFILE", "hello \xc3\xa9"));
  const json got = client.call("GetItem", {{"TableName", kTable}, {"Key", key("USER#1", "PROFILE")}});
  REQUIRE(got.contains("Item"));
  CHECK(av::as_S(got["Item"]["data"]) == "hello \xc3\xa9");
  CHECK(client.last_attempts() == 1);

  // A request over 1 KiB (libcurl's Expect: 100-continue threshold) is signed correctly too.
  const std::string big(20000, 'x');
  client.call("PutItem", put("USER#1", "BIG", big));
  const json again = client.call("GetItem", {{"TableName", kTable}, {"Key", key("USER#1", "BIG")}});
  CHECK(av::as_S(again["Item"]["data"]) == big);
}

TEST_CASE("a wrong secret is a ServiceError with the signature type and HTTP 403", "[server]") {
  ClientConfig c = config(env("RT_ENDPOINT"));
  c.secret_access_key += "-wrong";
  Client client(c);
  try {
    client.call("GetItem", {{"TableName", kTable}, {"Key", key("USER#1", "PROFILE")}});
    FAIL("a wrong secret was accepted");
  } catch (const dynamodel::ServiceError& e) {
    INFO(e.what());
    CHECK(e.http_status() == 403);
    CHECK(e.type().find("Signature") != std::string::npos);
    CHECK(client.last_attempts() == 1);  // not retried
  }
}

TEST_CASE("session credentials send x-amz-security-token", "[server]") {
  ClientConfig c = config(env("RT_ENDPOINT"));
  c.access_key_id = env("RT_SESSION_KEY");
  c.secret_access_key = env("RT_SESSION_SECRET");
  c.session_token = env("RT_SESSION_TOKEN");
  Client client(c);
  const json tables = client.call("ListTables", json::object());
  CHECK(tables.contains("TableNames"));

  for (const std::string token : {"", "wrong-token"}) {
    INFO("token: " << token);
    c.session_token = token;
    Client bad(c);
    try {
      bad.call("ListTables", json::object());
      FAIL("temporary credentials without their token were accepted");
    } catch (const dynamodel::ServiceError& e) {
      INFO(e.what());
      CHECK(e.http_status() == 403);
      CHECK(e.type() == "InvalidClientTokenId");
    }
  }
}

TEST_CASE("ConditionalCheckFailed from attribute_not_exists on an existing item", "[server]") {
  Client client(config(env("RT_ENDPOINT")));
  ensure_table(client);
  client.call("PutItem", put("USER#2", "PROFILE", "first"));
  json request = put("USER#2", "PROFILE", "second");
  request["ConditionExpression"] = "attribute_not_exists(pk)";
  try {
    client.call("PutItem", request);
    FAIL("overwrote an existing item");
  } catch (const dynamodel::ConditionalCheckFailed& e) {
    CHECK(e.type() == "ConditionalCheckFailedException");
    CHECK(e.http_status() == 400);
  }
  const json got = client.call("GetItem", {{"TableName", kTable}, {"Key", key("USER#2", "PROFILE")}});
  CHECK(av::as_S(got["Item"]["data"]) == "first");
}

TEST_CASE("TransactionCanceled carries one reason per action", "[server]") {
  Client client(config(env("RT_ENDPOINT")));
  ensure_table(client);
  client.call("PutItem", put("USER#3", "PROFILE", "exists"));
  json fresh = put("USER#3", "NEW", "x");
  json clash = put("USER#3", "PROFILE", "y");
  clash["ConditionExpression"] = "attribute_not_exists(pk)";
  const json request = {{"TransactItems", json::array({{{"Put", fresh}}, {{"Put", clash}}})}};
  try {
    client.call("TransactWriteItems", request);
    FAIL("transaction was not cancelled");
  } catch (const dynamodel::TransactionCanceled& e) {
    INFO(e.what());
    CHECK(e.type() == "TransactionCanceledException");
    CHECK(e.reasons() == std::vector<std::string>{"None", "ConditionalCheckFailed"});
  }
  const json got = client.call("GetItem", {{"TableName", kTable}, {"Key", key("USER#3", "NEW")}});
  CHECK_FALSE(got.contains("Item"));
}

TEST_CASE("ValidationError from a bad request, ServiceError for a missing table", "[server]") {
  Client client(config(env("RT_ENDPOINT")));
  ensure_table(client);
  try {
    client.call("PutItem", {{"TableName", kTable}, {"Item", {{"pk", av::S("only-pk")}}}});
    FAIL("an item without its sort key was accepted");
  } catch (const dynamodel::ValidationError& e) {
    CHECK(e.type() == "ValidationException");
    CHECK(e.http_status() == 400);
    CHECK(std::string(e.what()).find("ValidationException") != std::string::npos);
  }
  try {
    client.call("GetItem", {{"TableName", "no-such-table"}, {"Key", key("a", "b")}});
    FAIL("GetItem on a missing table succeeded");
  } catch (const dynamodel::ServiceError& e) {
    CHECK(e.type() == "ResourceNotFoundException");
  }
}

TEST_CASE("throttling is retried and then succeeds", "[server][retry]") {
  Client client(config(env("RT_THROTTLE3"), 5));
  ensure_table(client);  // 3 throttles, then CreateTable/ResourceInUse
  CHECK(client.last_attempts() == 4);
  client.call("PutItem", put("USER#4", "PROFILE", "after throttling"));
  CHECK(client.last_attempts() == 1);
}

TEST_CASE("throttling beyond max_attempts is Throttled", "[server][retry]") {
  Client client(config(env("RT_THROTTLE_ALWAYS"), 3));
  try {
    client.call("GetItem", {{"TableName", kTable}, {"Key", key("a", "b")}});
    FAIL("no Throttled");
  } catch (const dynamodel::Throttled& e) {
    CHECK(e.type() == "ThrottlingException");
    CHECK(e.http_status() == 400);
    CHECK(std::string(e.what()).find("Rate exceeded") != std::string::npos);
  }
  CHECK(client.last_attempts() == 3);
}

TEST_CASE("a 500 is retried; persistent 500s are a ServiceError", "[server][retry]") {
  Client once(config(env("RT_FAIL500_ONCE"), 3));
  const json got = once.call("GetItem", {{"TableName", kTable}, {"Key", key("USER#1", "PROFILE")}});
  CHECK(once.last_attempts() == 2);
  CHECK(got.contains("Item"));

  Client always(config(env("RT_FAIL500_ALWAYS"), 3));
  try {
    always.call("GetItem", {{"TableName", kTable}, {"Key", key("a", "b")}});
    FAIL("no ServiceError");
  } catch (const dynamodel::ServiceError& e) {
    CHECK(e.type() == "InternalServerError");
    CHECK(e.http_status() == 500);
  }
  CHECK(always.last_attempts() == 3);
}

TEST_CASE("a closed port is a NetworkError after max_attempts", "[server][retry]") {
  Client client(config(env("RT_CLOSED"), 3));
  const auto start = std::chrono::steady_clock::now();
  try {
    client.call("ListTables", json::object());
    FAIL("no NetworkError");
  } catch (const dynamodel::NetworkError& e) {
    CHECK(e.type() == "NetworkError");
    CHECK(e.http_status() == 0);
  }
  CHECK(client.last_attempts() == 3);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
}

TEST_CASE("PutItem+GetItem throughput", "[server][bench]") {
  const char* count = std::getenv("RT_BENCH_N");
  const int n = count ? std::atoi(count) : 0;
  if (n <= 0) return;
  Client client(config(env("RT_ENDPOINT")));
  ensure_table(client);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i) {
    const std::string sk = "ITEM#" + std::to_string(i);
    client.call("PutItem", put("BENCH", sk, "payload"));
    const json got = client.call("GetItem", {{"TableName", kTable}, {"Key", key("BENCH", sk)}});
    REQUIRE(got.contains("Item"));
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "bench: " << n << " PutItem+GetItem pairs in " << seconds << " s = " << (2 * n / seconds)
            << " requests/s\n";
}
