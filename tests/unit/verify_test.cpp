// verify/verify.hpp without an engine: concrete item sizes, the largest item by the size model,
// the capacity comparison (a perturbed estimate must fail with both figures), the AWS endpoint
// guard and the capacity docs' worked examples for the rounding verify's estimates use.
#include <catch2/catch.hpp>

#include "analysis/sizes.hpp"
#include "test_models.hpp"
#include "verify/verify.hpp"

namespace dynamodel {
namespace {

const char* kModel = R"(dynamodel: 1
name: t
table:
  name: T
  partition_key: {name: PK, type: S}
  sort_key: {name: SK, type: S}
entities:
  Order:
    attributes:
      orderId: {type: S, required: true, format: ulid, max_length: 26}
      note: {type: S, max_length: 100}
      total: {type: N, required: true, max_digits: 12}
      lines: {type: L, max_bytes: 2048}
      address: {type: M, max_bytes: 512}
      tags: {type: SS, max_items: 3, max_length: 10}
      paid: {type: BOOL}
      blob: {type: B, max_bytes: 100}
    keys:
      PK: "ORDER#{orderId}"
      SK: "ORDER"
access_patterns:
  - {id: AP1, name: getOrder, entity: Order, operation: GetItem, key: {PK: "ORDER#{orderId}", SK: "ORDER"}}
)";

}  // namespace

TEST_CASE("item_bytes follows DynamoDB's documented method", "[verify]") {
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
  const auto j = nlohmann::json::parse(R"({"ab": {"S": "xyz"}, "n": {"N": "12345"}, "neg": {"N": "-1.50"},
    "z": {"N": "0"}, "b": {"B": "eHh4"}, "t": {"BOOL": true}, "l": {"L": [{"S": "a"}, {"N": "1"}]},
    "m": {"M": {"k": {"S": "vv"}}}, "ss": {"SS": ["a", "bc"]}})");
  CHECK(attribute_value_bytes(j["ab"]) == 3);
  CHECK(attribute_value_bytes(j["n"]) == 4);    // 5 digits: 3 + 1
  CHECK(attribute_value_bytes(j["neg"]) == 3);  // 2 significant digits: 1 + 1, and the sign
  CHECK(attribute_value_bytes(j["z"]) == 1);
  CHECK(attribute_value_bytes(j["b"]) == 3);
  CHECK(attribute_value_bytes(j["t"]) == 1);
  CHECK(attribute_value_bytes(j["l"]) == 3 + (1 + 1) + (1 + 2));
  CHECK(attribute_value_bytes(j["m"]) == 3 + 1 + 1 + 2);
  CHECK(attribute_value_bytes(j["ss"]) == 3);
  CHECK(item_bytes(nlohmann::json{{"ab", j["ab"]}, {"t", j["t"]}}) == 2 + 3 + 1 + 1);
}

TEST_CASE("the largest item has exactly the analysis' largest size", "[verify]") {
  const Model m = test::load_or_fail(kModel);
  const Analysis a = analyze(m);
  const auto item = verify::largest_item(m, m.entities[0]);
  REQUIRE(a.entity("Order"));
  CHECK(item_bytes(item) == a.entity("Order")->max_item_bytes);
  CHECK(item["PK"]["S"].get<std::string>().starts_with("ORDER#"));
}

TEST_CASE("a perturbed estimate fails with measured and estimated figures", "[verify]") {
  verify::PatternResult p;
  p.id = "AP1";
  p.name = "getOrder";
  p.unit = "WCU";
  p.units = {{"table", 7, 7.0, {}}, {"GSI1", 1, std::nullopt, {}}};
  std::vector<Diagnostic> findings;
  verify::compare_units(p, findings);
  CHECK(p.status == verify::Status::verified);
  CHECK(findings.empty());
  REQUIRE(p.notes.size() == 1);  // GSI1 not reported: noted, not passed
  CHECK(p.notes[0].find("not compared") != std::string::npos);

  p.units = {{"table", 6, 7.0, {}}};  // the estimate perturbed by one unit
  verify::compare_units(p, findings);
  CHECK(p.status == verify::Status::mismatch);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule == "verify/capacity");
  CHECK(findings[0].message.find("consumed 7 WCU") != std::string::npos);
  CHECK(findings[0].message.find("estimates 6 WCU") != std::string::npos);
}

TEST_CASE("units an engine accounts differently are noted, never compared", "[verify]") {
  // dynalite charges 0 for a Query that reads nothing; DynamoDB the minimum read (API_Query.html).
  verify::PatternResult p;
  p.id = "AP5";
  p.unit = "RCU";
  p.units = {{"GSI2", 0.5, 0.0, "the engine charged 0 for a Query that read no item"}};
  std::vector<Diagnostic> findings;
  verify::compare_units(p, findings);
  CHECK(p.status == verify::Status::verified);
  CHECK(findings.empty());
  REQUIRE(p.notes.size() == 1);
  CHECK(p.notes[0].find("estimated 0.5 RCU on GSI2): not compared") != std::string::npos);
  // The minimum the analysis and verify estimate for a read of nothing: half a unit eventually
  // consistent, one strongly consistent.
  CHECK(read_units(0, 0.5) == 0.5);
  CHECK(read_units(0, 1) == 1);
}

TEST_CASE("the capacity docs' worked examples", "[verify]") {
  constexpr std::int64_t kKb = 1024;
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
  CHECK(write_units(7 * kKb, 1) == 7);                    // a 7 KB PutItem
  CHECK(read_units(7 * kKb, 0.5) == 1);                   // a 7 KB GetItem, eventually consistent
  CHECK(read_units(7 * kKb, 1) == 2);                     // strongly consistent
  CHECK(read_units(3500, 1) == 1);                        // 3,500 bytes round up to 4 KB
  CHECK(read_units(13 * kKb, 0.5) == 2);                  // a Query returning 13 KB in total
  CHECK(read_units(1536, 1) + read_units(6656, 1) == 3);  // BatchGetItem: 1.5 KB + 6.5 KB = 4 KB + 8 KB
}

TEST_CASE("verify refuses AWS endpoints by host", "[verify]") {
  CHECK(verify::is_aws_endpoint("https://dynamodb.eu-west-1.amazonaws.com"));
  CHECK(verify::is_aws_endpoint("https://dynamodb.cn-north-1.amazonaws.com.cn/"));
  CHECK(verify::is_aws_endpoint("https://dynamodb.us-east-1.api.aws"));
  CHECK(verify::is_aws_endpoint("HTTPS://DYNAMODB.US-EAST-1.AMAZONAWS.COM:443/x"));
  CHECK_FALSE(verify::is_aws_endpoint("http://localhost:8000"));
  CHECK_FALSE(verify::is_aws_endpoint("http://amazonaws.com.example.org"));
  CHECK_FALSE(verify::is_aws_endpoint("http://notamazonaws.com"));
}

}  // namespace dynamodel
