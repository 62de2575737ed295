// The target rules (target/*) read the options of `generate`: the same fixture is info with the
// defaults (what `validate` reports) and an error, at the same place, with the forced option;
// and the cdk target's choice of construct (cdk_construct_for) agrees with the rule.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "gen/deployed.hpp"
#include "model/loader.hpp"
#include "rules/rule.hpp"

using namespace dynamodel;

namespace {

const std::filesystem::path kRules = std::filesystem::path(DYNAMODEL_SOURCE_DIR) / "tests" / "rules";

Model fixture(const std::string& name) {
  LoadResult r = load_model_file(kRules / name);
  REQUIRE(r.model);
  return *r.model;
}

/// `line:severity` of each finding of rule `id`, in report order.
std::vector<std::string> findings(const Model& m, const std::string& id, const TargetOptions& options) {
  std::vector<std::string> out;
  for (const auto& d : run_rules(m, {}, options))
    if (d.rule == id) out.push_back(std::to_string(d.location.line) + ":" + std::string(to_string(d.severity)));
  return out;
}

TargetOptions with_cdk(const std::string& construct) {
  TargetOptions o;
  o.cdk_construct = construct;
  return o;
}

}  // namespace

TEST_CASE("target/cdk-fixed-write-capacity: info under auto, errors when TableV2 is forced, silent for Table",
          "[rules][target]") {
  const Model m = fixture("target__cdk-fixed-write-capacity.yaml");
  // Line 14: the table's fixed capacity (GSI2 inherits it, so it is reported there twice);
  // line 18: GSI1's own fixed capacity.
  CHECK(findings(m, "target/cdk-fixed-write-capacity", {}) == std::vector<std::string>{"14:info"});
  CHECK(findings(m, "target/cdk-fixed-write-capacity", with_cdk("TableV2")) ==
        std::vector<std::string>{"14:error", "14:error", "18:error"});
  CHECK(findings(m, "target/cdk-fixed-write-capacity", with_cdk("Table")).empty());

  std::string why;
  CHECK(cdk_construct_for(m.table, {}, why) == "Table");
  CHECK(why.find("the table has PROVISIONED write capacity without autoscaling") != std::string::npos);
  CHECK(cdk_construct_for(m.table, with_cdk("TableV2"), why) == "TableV2");
  CHECK(why == "The construct TableV2 was chosen with --cdk-construct.");

  const Model ok = fixture("target__cdk-fixed-write-capacity.ok.yaml");
  CHECK(findings(ok, "target/cdk-fixed-write-capacity", with_cdk("TableV2")).empty());
  CHECK(cdk_construct_for(ok.table, {}, why) == "TableV2");
}

TEST_CASE("target/cdk-fixed-write-capacity leaves global tables to table/replica-autoscaling", "[rules][target]") {
  const Model m = fixture("table__replica-autoscaling.yaml");
  CHECK(findings(m, "target/cdk-fixed-write-capacity", with_cdk("TableV2")).empty());
  CHECK(findings(m, "table/replica-autoscaling", {}) == std::vector<std::string>{"14:error", "14:error", "18:error"});
}

TEST_CASE("target/terraform-module-name-tag: info for resource, error for module", "[rules][target]") {
  const Model m = fixture("target__terraform-module-name-tag.yaml");
  CHECK(findings(m, "target/terraform-module-name-tag", {}) == std::vector<std::string>{"13:info"});
  TargetOptions module;
  module.terraform_style = "module";
  CHECK(findings(m, "target/terraform-module-name-tag", module) == std::vector<std::string>{"13:error"});
  CHECK(findings(fixture("target__terraform-module-name-tag.ok.yaml"), "target/terraform-module-name-tag", module)
            .empty());
}

TEST_CASE("is_kms_key_arn: key and alias ARNs of any partition, nothing else", "[rules][target]") {
  CHECK(is_kms_key_arn("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"));
  CHECK(is_kms_key_arn("arn:aws-cn:kms:cn-north-1:111122223333:alias/orders"));
  CHECK_FALSE(is_kms_key_arn("arn:aws:kms:us-east-1:111122223333:1234abcd"));  // no key/ part
  CHECK_FALSE(is_kms_key_arn("arn:aws:kms:us-east-1:111122223333:key/"));      // empty id
  CHECK_FALSE(is_kms_key_arn("arn:aws:kms::111122223333:key/1234abcd"));       // no Region
  CHECK_FALSE(is_kms_key_arn("arn:aws:kms:us-east-1::key/1234abcd"));          // no account
  CHECK_FALSE(is_kms_key_arn("arn:aws:s3:::bucket/key"));                      // another service
  CHECK_FALSE(is_kms_key_arn("arn:aws:kms:us-east-1:111122223333:grant/1234"));
  CHECK_FALSE(is_kms_key_arn("1234abcd-12ab-34cd-56ef-1234567890ab"));
}
