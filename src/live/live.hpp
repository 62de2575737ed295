// Reading a deployed table over the DynamoDB API (`dynamodel import --endpoint`, `dynamodel
// drift`): its description, TTL, point-in-time recovery, tags and a bounded sample of items.
// The HTTP client is the generated C++ runtime's (templates/cpp/runtime.*.mustache, libcurl
// with CURLOPT_AWS_SIGV4), compiled into the tool; only live.cpp includes its header.
#pragma once

#include <cstddef>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "import/imported.hpp"

namespace dynamodel::live {

/// The table cannot be read at all: the endpoint does not answer, refuses the credentials, or
/// has no such table. The message names the endpoint and says what happened; callers exit 2.
class LiveError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Where and what to read.
struct LiveOptions {
  /// Base URL of the DynamoDB API (`http://127.0.0.1:8000`, `https://dynamodb.eu-west-1.amazonaws.com`).
  std::string endpoint;
  /// The table's name as deployed.
  std::string table;
  /// At most this many items are scanned (0: none).
  std::size_t sample = 200;
};

/// What the endpoint said about the table.
struct LiveTable {
  /// As the describe-table reader builds it (import::read_describe_table), plus TTL,
  /// point-in-time recovery and tags when the endpoint implements their operations; every
  /// operation it does not implement and an incomplete scan are one sentence in `todos`.
  /// `entities` is empty: import::infer_entities fills it from `scan`. `states_ttl_pitr_tags`
  /// is true when both DescribeTimeToLive and ListTagsOfResource answered (an unset
  /// ttl_attribute then means TTL off, no tags none); PITR is unset when it was not read.
  import::ImportedTable table;
  /// `{"Table": ...}`: the DescribeTable response as received.
  nlohmann::json description;
  /// `{"Items": [...]}` in DynamoDB JSON, at most LiveOptions::sample items (the shape of
  /// `aws dynamodb scan` output); null when sample is 0.
  nlohmann::json scan;
  /// False when the scan ended early (throttled after the runtime's retries, or another
  /// error): `scan` then holds the items read before, and `table.todos` says why.
  bool scan_complete = true;
};

/// Reads `options.table` at `options.endpoint` with DescribeTable, DescribeTimeToLive,
/// DescribeContinuousBackups, ListTagsOfResource and Scan (eventually consistent, paged with
/// ExclusiveStartKey, Limit = what is still wanted, at most 100 per page). Credentials and
/// region come from the environment as the AWS CLI reads them (AWS_ACCESS_KEY_ID,
/// AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION / AWS_DEFAULT_REGION; the runtime's
/// ClientConfig::from_environment). Operations and their responses:
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Operations_Amazon_DynamoDB.html
/// Throws LiveError when DescribeTable fails (no answer within the timeout, wrong
/// credentials, no such table) and import::ImportError when its answer is not a table
/// description; an unimplemented or failing optional operation is a TODO, never an error.
LiveTable read_live_table(const LiveOptions& options);

/// An error answer of one call made through a Connection: DynamoDB's error code (`type`, the
/// part of `__type` after '#': "ResourceInUseException", "UnknownOperationException", ...;
/// "NetworkError" when the endpoint did not answer) and the HTTP status (0: no answer).
class CallError : public LiveError {
 public:
  CallError(std::string type, int http_status, const std::string& message);
  const std::string& type() const noexcept { return type_; }
  int http_status() const noexcept { return http_status_; }
  /// The endpoint does not implement the operation (UnknownOperationException, as DynamoDB and
  /// dynalite answer, or what other emulators say instead).
  bool unimplemented() const;

 private:
  std::string type_;
  int http_status_;
};

/// A signed connection to a DynamoDB endpoint for `dynamodel verify`: the generated runtime's
/// Client with the environment's credentials and Region (as read_live_table uses them).
class Connection {
 public:
  /// Throws LiveError when no credentials are set or libcurl cannot start.
  explicit Connection(const std::string& endpoint);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// One API call (JSON protocol); the answer as received. Throws CallError.
  /// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Operations_Amazon_DynamoDB.html
  nlohmann::json call(const std::string& operation, const nlohmann::json& request);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dynamodel::live
