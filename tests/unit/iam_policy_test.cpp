// The IAM policy derivation (iam/policy.hpp), pinned operation by operation against AWS's tables:
// the actions and resource types of the service authorization reference
// (list_amazondynamodb.html), the transaction permissions (transaction-apis-iam.html) and the
// fine-grained condition keys (specifying-conditions.html). moto, the emulator of the end-to-end
// test, checks actions only (not resources nor conditions), so resources and conditions are
// proven here.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstring>
#include <nlohmann/json.hpp>

#include "gen/generator.hpp"
#include "iam/policy.hpp"
#include "test_models.hpp"

using namespace dynamodel;
using nlohmann::json;

namespace {

const char* kModel = R"(dynamodel: 1
name: shop
table:
  name: Shop
  partition_key: {name: PK, type: S}
  sort_key: {name: SK, type: S}
  encryption: {kms_key_arn: "arn:aws:kms:us-east-1:111122223333:key/k1"}
  global_secondary_indexes:
    - {name: GSI1, partition_key: {name: GSI1PK, type: S}, sort_key: {name: GSI1SK, type: S}}
  local_secondary_indexes:
    - {name: by-date, sort_key: {name: createdAt, type: S}}
entities:
  Order:
    attributes:
      userId: {type: S, required: true}
      orderId: {type: S, required: true}
      status: {type: S, required: true}
      createdAt: {type: S, required: true}
      total: {type: N}
      revision: {type: N, role: revision}
    keys: {PK: "USER#{userId}", SK: "ORDER#{orderId}", GSI1PK: "STATUS#{status}", GSI1SK: "{orderId}", createdAt: "{createdAt}"}
access_patterns:
  - {id: AP1, name: getOrder, entity: Order, operation: GetItem, key: {PK: "USER#{userId}", SK: "ORDER#{orderId}"}, attributes: [status, total]}
  - {id: AP2, name: byStatus, entity: Order, operation: Query, index: GSI1, key: {GSI1PK: "STATUS#{status}"}}
  - {id: AP3, name: byDate, entity: Order, operation: Query, index: by-date, key: {PK: "USER#{userId}"}}
  - {id: AP4, name: everything, entity: Order, operation: Scan}
  - {id: AP5, name: putOrder, entity: Order, operation: PutItem, key: {PK: "USER#{userId}", SK: "ORDER#{orderId}"}}
  - {id: AP6, name: setStatus, entity: Order, operation: UpdateItem, key: {PK: "USER#{userId}", SK: "ORDER#{orderId}"}, set: [status]}
  - {id: AP7, name: dropOrder, entity: Order, operation: DeleteItem, key: {PK: "USER#{userId}", SK: "ORDER#{orderId}"}}
  - {id: AP8, name: getOrders, entity: Order, operation: BatchGetItem, key: {PK: "USER#{userId}", SK: "ORDER#{orderId}"}}
  - {id: AP9, name: putOrders, entity: Order, operation: BatchWriteItem, key: {PK: "USER#{userId}", SK: "ORDER#{orderId}"}}
  - id: AP10
    name: moveOrder
    operation: TransactWriteItems
    actions:
      - {entity: Order, operation: PutItem, key: {PK: "USER#{userId}", SK: "ORDER#{orderId}"}}
      - {entity: Order, alias: old, operation: DeleteItem, key: {PK: "USER#{userId}", SK: "ORDER#{orderId}"}}
      - {entity: Order, alias: chk, operation: ConditionCheck, key: {PK: "USER#{userId}", SK: "ORDER#{orderId}"}, condition: exists}
  - id: AP11
    name: twoOrders
    operation: TransactGetItems
    actions:
      - {entity: Order, operation: GetItem, key: {PK: "USER#{userId}", SK: "ORDER#{orderId}"}}
      - {entity: Order, alias: b, operation: GetItem, key: {PK: "USER#{userId}", SK: "ORDER#{orderId}"}}
  - {id: AP12, name: replayUser, entity: Order, operation: Replay, key: {PK: "USER#{userId}"}}
)";

Model with_principal(const std::string& principal_yaml) {
  return test::load_or_fail(std::string(kModel) + "principals:\n" + principal_yaml);
}

json doc_of(const Model& m, std::size_t i = 0) {
  const auto policy = iam::derive(m, m.principals.at(i));
  return json::parse(iam::document(policy, [&](const iam::Resource& r) -> json {
                       return iam::arn(m, r, "arn:aws:dynamodb:us-east-1:111122223333:table/", "dev-Shop");
                     }).dump());
}

/// The one statement of a one-pattern principal on the DynamoDB side (the KMS key's is last).
json only_statement(const std::string& pattern, const std::string& extra = "") {
  const Model m = with_principal("  p:\n    patterns: [" + pattern + "]\n" + extra);
  const json doc = doc_of(m);
  REQUIRE(doc["Version"] == "2012-10-17");
  REQUIRE(doc["Statement"].size() >= 2);
  return doc["Statement"][0];
}

const std::string kTable = "arn:aws:dynamodb:us-east-1:111122223333:table/dev-Shop";

}  // namespace

TEST_CASE("iam: each item operation is its own action on the table ARN") {
  for (const auto& [pattern, action] :
       std::vector<std::pair<std::string, std::string>>{{"getOrder", "dynamodb:GetItem"},
                                                        {"putOrder", "dynamodb:PutItem"},
                                                        {"setStatus", "dynamodb:UpdateItem"},
                                                        {"dropOrder", "dynamodb:DeleteItem"},
                                                        {"getOrders", "dynamodb:BatchGetItem"},
                                                        {"putOrders", "dynamodb:BatchWriteItem"}}) {
    INFO(pattern);
    const json s = only_statement(pattern);
    CHECK(s["Effect"] == "Allow");
    CHECK(s["Action"] == json::array({action}));
    CHECK(s["Resource"] == json::array({kTable}));
    CHECK_FALSE(s.contains("Condition"));
  }
}

TEST_CASE("iam: Query and Scan on an index name the index ARN table/T/index/I") {
  CHECK(only_statement("byStatus")["Resource"] == json::array({kTable + "/index/GSI1"}));
  CHECK(only_statement("byStatus")["Action"] == json::array({"dynamodb:Query"}));
  CHECK(only_statement("byDate")["Resource"] == json::array({kTable + "/index/by-date"}));
  CHECK(only_statement("byStatus")["Sid"] == "IndexGSI1");
  CHECK(only_statement("byDate")["Sid"] == "Indexbydate");
  const json scan = only_statement("everything");
  CHECK(scan["Action"] == json::array({"dynamodb:Scan"}));
  CHECK(scan["Resource"] == json::array({kTable}));
}

TEST_CASE("iam: transactions need the underlying actions, narrowed by dynamodb:EnclosingOperation") {
  const json w = only_statement("moveOrder");
  CHECK(w["Action"] == json::array({"dynamodb:ConditionCheckItem", "dynamodb:DeleteItem", "dynamodb:PutItem"}));
  CHECK(w["Resource"] == json::array({kTable}));
  CHECK(w["Condition"] ==
        json::parse(R"({"ForAnyValue:StringEquals": {"dynamodb:EnclosingOperation": ["TransactWriteItems"]}})"));
  const json g = only_statement("twoOrders");
  CHECK(g["Action"] == json::array({"dynamodb:GetItem"}));
  CHECK(g["Condition"] ==
        json::parse(R"({"ForAnyValue:StringEquals": {"dynamodb:EnclosingOperation": ["TransactGetItems"]}})"));
}

TEST_CASE("iam: a plain write and the same write in a transaction are two statements") {
  const Model m = with_principal("  p:\n    patterns: [putOrder, moveOrder]\n");
  const json doc = doc_of(m);
  REQUIRE(doc["Statement"].size() == 3);  // plain, transaction, KMS key
  CHECK(doc["Statement"][0]["Action"] == json::array({"dynamodb:PutItem"}));
  CHECK_FALSE(doc["Statement"][0].contains("Condition"));
  CHECK(doc["Statement"][1]["Sid"] == "Table2");
  CHECK(doc["Statement"][1]["Condition"].contains("ForAnyValue:StringEquals"));
}

TEST_CASE("iam: Replay needs its Query and UpdateItem") {
  const Model m = with_principal("  p:\n    patterns: [replayUser]\n");
  const json s = doc_of(m)["Statement"][0];
  CHECK(s["Action"] == json::array({"dynamodb:Query", "dynamodb:UpdateItem"}));
}

TEST_CASE("iam: the customer-managed key: Decrypt for reads, GenerateDataKey too for writes, via DynamoDB") {
  const Model reads = with_principal("  p:\n    patterns: [getOrder]\n");
  const json k = doc_of(reads)["Statement"].back();
  CHECK(k["Sid"] == "KmsKey");
  CHECK(k["Action"] == json::array({"kms:Decrypt"}));
  CHECK(k["Resource"] == json::array({"arn:aws:kms:us-east-1:111122223333:key/k1"}));
  CHECK(k["Condition"] == json::parse(R"({"StringLike": {"kms:ViaService": "dynamodb.*.amazonaws.com"}})"));
  const Model writes = with_principal("  p:\n    patterns: [getOrder, putOrder]\n");
  CHECK(doc_of(writes)["Statement"].back()["Action"] == json::array({"kms:Decrypt", "kms:GenerateDataKey"}));
}

TEST_CASE("iam: leading keys become dynamodb:LeadingKeys on the partition key template") {
  const std::string lk = "    leading_keys: {userId: \"${aws:PrincipalTag/userId}\"}\n";
  const json s = only_statement("getOrder", lk);
  CHECK(s["Condition"] ==
        json::parse(R"({"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["USER#${aws:PrincipalTag/userId}"]}})"));
  // A Query on the LSI keeps the table's partition key.
  CHECK(only_statement("byDate", lk)["Condition"]["ForAllValues:StringEquals"]["dynamodb:LeadingKeys"] ==
        json::array({"USER#${aws:PrincipalTag/userId}"}));
  // GSI1PK is STATUS#{status}: no mapped placeholder, no condition (rule iam/unrestricted-pattern).
  CHECK_FALSE(only_statement("byStatus", lk).contains("Condition"));
  // A Scan has no partition key: never conditioned.
  CHECK_FALSE(only_statement("everything", lk).contains("Condition"));
  const Model m = with_principal("  p:\n    patterns: [everything, byStatus, getOrder]\n" + lk);
  const auto policy = iam::derive(m, m.principals[0]);
  CHECK(policy.patterns[0].needs[0].unrestricted);
  CHECK(policy.patterns[1].needs[0].unrestricted);
  CHECK_FALSE(policy.patterns[2].needs[0].unrestricted);
  // Transactions carry both conditions.
  const json t = only_statement("moveOrder", lk);
  CHECK(t["Condition"].contains("ForAllValues:StringEquals"));
  CHECK(t["Condition"].contains("ForAnyValue:StringEquals"));
}

TEST_CASE("iam: a leading key on a status placeholder, literal * $ ? escaped, unmapped placeholders wildcarded") {
  Model m = with_principal("  p:\n    patterns: [byStatus]\n    leading_keys: {status: \"${aws:PrincipalTag/s}\"}\n");
  CHECK(doc_of(m)["Statement"][0]["Condition"]["ForAllValues:StringEquals"]["dynamodb:LeadingKeys"] ==
        json::array({"STATUS#${aws:PrincipalTag/s}"}));
  m.access_patterns[0].key[0].operands[0] = KeyTemplate{
      "$*?{userId}#{orderId}", {{false, "$*?", {}}, {true, "userId", {}}, {false, "#", {}}, {true, "orderId", {}}}, {}};
  m.principals[0].patterns = {"getOrder"};
  m.principals[0].leading_keys = {{"userId", "${aws:userid}", {}}};
  CHECK(doc_of(m)["Statement"][0]["Condition"] ==
        json::parse(R"({"ForAllValues:StringLike": {"dynamodb:LeadingKeys": ["${$}${*}${?}${aws:userid}#*"]}})"));
}

TEST_CASE("iam: attributes: projected restricts reads to the named and key attributes") {
  const json s = only_statement("getOrder", "    attributes: projected\n");
  CHECK(s["Condition"] == json::parse(R"({
    "ForAllValues:StringEquals": {"dynamodb:Attributes": ["GSI1PK", "GSI1SK", "PK", "SK", "createdAt", "status", "total"]},
    "StringEqualsIfExists": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"}})"));
  // Writes and reads without `attributes` are not restricted.
  CHECK_FALSE(only_statement("putOrder", "    attributes: projected\n").contains("Condition"));
  CHECK_FALSE(only_statement("byStatus", "    attributes: projected\n").contains("Condition"));
}

TEST_CASE("iam: patterns by id, repeated or unknown") {
  const Model m = with_principal("  p:\n    patterns: [AP1, getOrder, nothing]\n");
  const auto policy = iam::derive(m, m.principals[0]);
  REQUIRE(policy.patterns.size() == 1);
  CHECK(policy.statements[0].patterns == std::vector<std::string>{"getOrder"});
}

TEST_CASE("iam target: one document per principal, in the view and the outputs") {
  const Model m = with_principal("  order-service:\n    patterns: [getOrder]\n  admin:\n    patterns: [everything]\n");
  const auto outputs = iam_outputs(m, {});
  REQUIRE(outputs.size() == 2);
  CHECK(outputs[0].output_path == "shop/order-service.policy.json");
  CHECK(outputs[1].item == "/principals/1");
  const auto view = iam_view(m, {});
  const json doc = json::parse(view["principals"][0]["document"].get<std::string>());
  CHECK(doc["Statement"][0]["Resource"] == json::array({"arn:aws:dynamodb:*:*:table/*-Shop"}));
}

TEST_CASE("principals: the loader reports bad principals at file:line:column") {
  const std::string text = std::string(kModel) + R"(principals:
  Order_Service:
    patterns: [getOrder]
  ok:
    patterns: getOrder
    attributes: some
    leading_keys: {userId: ""}
    role: admin
)";
  const LoadResult r = load_model_text(text, "m.yaml", known_rule_ids());
  CHECK_FALSE(r.model);
  std::vector<std::string> got;
  for (const auto& d : r.diagnostics)
    got.push_back(d.rule + " " + std::to_string(d.location.line) + ":" + std::to_string(d.location.column));
  const int base = static_cast<int>(std::count(kModel, kModel + std::strlen(kModel), '\n')) + 1;
  auto at = [&](const std::string& rule, int line, int column) {
    return rule + " " + std::to_string(base + line) + ":" + std::to_string(column);
  };
  INFO(got.size());
  CHECK(std::ranges::find(got, at("schema/invalid-value", 1, 3)) != got.end());   // Order_Service
  CHECK(std::ranges::find(got, at("schema/invalid-value", 4, 15)) != got.end());  // patterns: not a list
  CHECK(std::ranges::find(got, at("schema/invalid-value", 5, 17)) != got.end());  // attributes: some
  CHECK(std::ranges::find(got, at("schema/invalid-value", 6, 28)) != got.end());  // empty leading key
  CHECK(std::ranges::find(got, at("schema/unknown-field", 7, 5)) != got.end());   // role
}

namespace {

/// kModel with a stream and two consumers (one with an SQS, one with an SNS on-failure destination).
Model with_consumers(const std::string& principal_yaml) {
  std::string text = kModel;
  const std::string sort_key = "  sort_key: {name: SK, type: S}\n";
  text.insert(text.find(sort_key) + sort_key.size(), "  stream: NEW_AND_OLD_IMAGES\n");
  text += R"(operations:
  stream_consumers:
    order-events: {function: process-orders, on_failure: "arn:aws:sqs:us-east-1:111122223333:order-dlq"}
    audit: {function: "arn:aws:lambda:us-east-1:111122223333:function:audit", on_failure: "arn:aws:sns:us-east-1:111122223333:audit-failed"}
    plain: {function: plain}
principals:
)" + principal_yaml;
  return test::load_or_fail(text);
}

}  // namespace

TEST_CASE("iam: a stream consumer's role reads table/T/stream/* and sends to its on-failure destination") {
  const Model m = with_consumers("  processor:\n    stream_consumers: [order-events, audit, order-events]\n");
  const auto policy = iam::derive(m, m.principals[0]);
  REQUIRE(policy.consumers.size() == 2);  // repeated once
  const json doc = doc_of(m);
  REQUIRE(doc["Statement"].size() == 4);  // stream, SQS, SNS, KMS key
  const json& stream = doc["Statement"][0];
  CHECK(stream["Sid"] == "Stream");
  CHECK(stream["Action"] == json::array({"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator",
                                         "dynamodb:ListStreams"}));
  CHECK(stream["Resource"] == json::array({kTable + "/stream/*"}));
  CHECK_FALSE(stream.contains("Condition"));
  CHECK(doc["Statement"][1]["Sid"] == "OnFailure");
  CHECK(doc["Statement"][1]["Action"] == json::array({"sqs:SendMessage"}));
  CHECK(doc["Statement"][1]["Resource"] == json::array({"arn:aws:sqs:us-east-1:111122223333:order-dlq"}));
  CHECK(doc["Statement"][2]["Sid"] == "OnFailure2");
  CHECK(doc["Statement"][2]["Action"] == json::array({"sns:Publish"}));
  // The stream is encrypted with the table's key: Decrypt only (a consumer writes nothing).
  CHECK(doc["Statement"][3]["Action"] == json::array({"kms:Decrypt"}));
  CHECK(policy.statements[0].consumers == std::vector<std::string>{"order-events", "audit"});
  CHECK(policy.statements[0].patterns.empty());
}

TEST_CASE("iam: patterns and stream consumers in one policy; a consumer without destination; unknown names") {
  const Model m = with_consumers("  p:\n    patterns: [getOrder]\n    stream_consumers: [plain, nothing]\n");
  const auto policy = iam::derive(m, m.principals[0]);
  REQUIRE(policy.consumers.size() == 1);
  const json doc = doc_of(m);
  REQUIRE(doc["Statement"].size() == 3);  // table, stream, KMS key
  CHECK(doc["Statement"][0]["Resource"] == json::array({kTable}));
  CHECK(doc["Statement"][1]["Resource"] == json::array({kTable + "/stream/*"}));
  CHECK(policy.statements.back().patterns == std::vector<std::string>{"getOrder"});
  CHECK(policy.statements.back().consumers == std::vector<std::string>{"plain"});
  CHECK(iam::table_suffix({iam::Resource::Kind::stream, "", ""}) == "/stream/*");
  CHECK_FALSE(iam::table_suffix({iam::Resource::Kind::destination, "", "arn:aws:sqs:r:1:q"}));
  CHECK(iam::literal_arn(m, {iam::Resource::Kind::destination, "", "arn:aws:sqs:r:1:q"}) == "arn:aws:sqs:r:1:q");
}
