// `dynamodel verify MODEL --endpoint URL`: the model's table created afresh on a DynamoDB
// endpoint (an emulator such as dynalite, or DynamoDB itself with --allow-aws), sample items
// written (typical and largest by the size model), every access pattern run with
// ReturnConsumedCapacity INDEXES, and the engine's answers compared with what the analysis
// says: the items a key condition (and filter) selects (the coverage proof) and the RCU/WCU
// per call. A Query uses the key values that select the most sample items; its filter is sent
// with sample values; an UpdateItem of an index key input moves the item and checks the index;
// transactions run where the endpoint has them and are checked for items only.
// Each difference is one finding with a verify/* rule id (verify_rules(), in the catalogue).
// Capacity accounting: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
// A read of nothing costs the minimum read:
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/analysis.hpp"
#include "diag/diagnostic.hpp"
#include "model/model.hpp"
#include "rules/rule_info.hpp"

namespace dynamodel::verify {

/// The metadata of the verify/* rules, for the rule catalogue (rules/catalogue.cpp).
const std::vector<RuleInfo>& verify_rules();

/// Verification could not run (the endpoint does not answer, refuses the table, is AWS without
/// --allow-aws, the table exists already): the message says why; callers exit 2.
class VerifyError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Options {
  std::string endpoint;     ///< base URL of the DynamoDB API
  std::string table;        ///< table name to create; empty: a unique `dynamodel-verify-<model>-...` name
  bool keep = false;        ///< leave the table (and its items) in place
  bool allow_aws = false;   ///< accept an endpoint on amazonaws.com, amazonaws.com.cn or api.aws
  bool items_only = false;  ///< compare items only: the engine's capacity figures are not DynamoDB's (moto)
  std::uint64_t seed = 1;   ///< seed of the typical sample items (report/sample.hpp)
};

/// True when `endpoint`'s host is AWS itself: it ends in amazonaws.com, amazonaws.com.cn or api.aws.
bool is_aws_endpoint(const std::string& endpoint);

/// Capacity units of one key space (the table, or one GSI) for one call: the analysis'
/// estimate for the items the call touched and what the engine reported (ConsumedCapacity with
/// ReturnConsumedCapacity INDEXES; empty: the engine did not report that key space). RCU for
/// reads, WCU for writes.
struct Units {
  std::string key_space;  ///< "table" or the GSI's or LSI's name
  double estimated = 0;
  std::optional<double> measured;
  /// Non-empty: why the figures are not compared (an engine's known difference from DynamoDB).
  std::string not_compared;
};

enum class Status { verified, mismatch, not_verifiable };
std::string_view to_string(Status s);

/// One access pattern's run.
struct PatternResult {
  std::string id, name, operation, index;
  Location location;  ///< the pattern in the model
  std::string path;   ///< its model path
  Status status = Status::verified;
  std::optional<std::size_t> items_expected, items_returned;
  std::string unit;  ///< "RCU" or "WCU"
  std::vector<Units> units;
  std::vector<std::string> notes;  ///< what was sent, what could not be compared
};

/// The whole run.
struct Result {
  std::string model_file, endpoint, table;
  bool kept = false, items_only = false;
  std::size_t items_written = 0;
  std::vector<PatternResult> patterns;
  std::vector<Diagnostic> findings;  ///< sorted
  std::vector<std::string> notes;    ///< about the engine and the run
};

/// Creates the table, writes the items, runs the patterns and deletes the table (unless
/// options.keep). Credentials and Region from the environment (live/live.hpp: Connection).
/// Throws VerifyError when the run cannot start or the endpoint stops answering.
Result run(const Model& model, const Analysis& analysis, const std::string& model_file, const Options& options);

/// Compares a pattern's estimated and measured units: every key space the engine reported must
/// equal the estimate (to 0.01 unit); a difference sets status mismatch and adds a verify/capacity
/// finding with both figures. Key spaces the engine did not report, and units with a
/// `not_compared` reason, are noted, never passed.
void compare_units(PatternResult& pattern, std::vector<Diagnostic>& findings);

/// The largest item of `entity` by the size model: every attribute at the largest stored size
/// analysis/sizes.hpp gives it (ASCII text of that many bytes; an enum its longest value), the key
/// attributes built from the key templates with those values. DynamoDB JSON.
nlohmann::json largest_item(const Model& model, const Entity& entity);

/// Exit code: 0 every pattern verified or not verifiable, 1 any mismatch or error finding.
int exit_code(const Result& result);

/// `--format text` and `md`, from templates/verify/verify.{txt,md}.mustache.
std::string to_text(const Result& result);
std::string to_markdown(const Result& result);
/// `--format json`: what `report --verified FILE` reads.
nlohmann::ordered_json to_json(const Result& result);
/// The verification table from verify's JSON document (to_json's shape): one row per pattern
/// and key space, every cell text (`id`, `name`, `operation`, `items`, `unit`, `key_space`,
/// `estimated`, `measured`, `status`; "n/a" where the engine reported no figure). Used by the
/// text and md formats and by `report --verified`. Defensive about missing fields.
nlohmann::json table_rows(const nlohmann::json& doc);

}  // namespace dynamodel::verify
