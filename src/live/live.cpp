// Reading a deployed table through the generated runtime's Client (see live.hpp).
#include "live/live.hpp"

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <utility>

#include "live/curl_loader.hpp"

// The generated runtime, rendered by CMake into the build tree (namespace `dynamodel`: its
// Client, ClientConfig and error classes are named fully below).
#include "runtime.hpp"

namespace dynamodel::live {
namespace {

using nlohmann::json;

/// Error codes of an endpoint that does not implement an operation: DynamoDB's own
/// (UnknownOperationException, as dynalite answers) and what emulators say instead.
bool unimplemented_code(const std::string& type, int http_status) {
  static const std::set<std::string> kCodes = {"UnknownOperationException", "NotImplementedError", "NotImplemented",
                                               "InvalidAction"};
  return kCodes.count(type) > 0 || http_status == 501;
}
bool unimplemented(const dynamodel::Error& e) { return unimplemented_code(e.type(), e.http_status()); }

/// One optional call (TTL, PITR, tags): its answer, or null with a TODO naming `what` when
/// the endpoint does not implement it or fails.
json optional_call(dynamodel::Client& client, const char* operation, const json& request, const std::string& what,
                   import::ImportedTable& table) {
  try {
    return client.call(operation, request);
  } catch (const dynamodel::Error& e) {
    table.todos.push_back(std::string(operation) +
                          (unimplemented(e) ? " is not implemented by the endpoint" : " failed") + " (" + e.what() +
                          "): " + what + " could not be read; add it by hand");
    return nullptr;
  }
}

/// DescribeTable; LiveError with the endpoint and what went wrong.
json describe(dynamodel::Client& client, const LiveOptions& options) {
  try {
    return client.call("DescribeTable", json{{"TableName", options.table}});
  } catch (const dynamodel::NetworkError& e) {
    throw LiveError(options.endpoint + " does not answer: " + e.what());
  } catch (const dynamodel::Error& e) {
    if (e.type() == "ResourceNotFoundException")
      throw LiveError("table " + options.table + " does not exist at " + options.endpoint + " (" + e.what() + ")");
    throw LiveError(options.endpoint + " refused DescribeTable of " + options.table + ": " + e.what());
  }
}

/// DescribeTimeToLive: TimeToLiveDescription.AttributeName while enabled or being enabled.
/// False when the endpoint did not answer it.
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTimeToLive.html
bool read_ttl(dynamodel::Client& client, import::ImportedTable& table) {
  const auto answer =
      optional_call(client, "DescribeTimeToLive", json{{"TableName", table.name}}, "the TTL attribute", table);
  if (answer.is_null()) return false;
  const auto ttl = import::value_of(answer, "TimeToLiveDescription", json::object());
  const auto status = import::value_of(ttl, "TimeToLiveStatus", "");
  const auto attribute = import::value_of(ttl, "AttributeName", nullptr);
  if ((status == "ENABLED" || status == "ENABLING") && attribute.is_string())
    table.ttl_attribute = attribute.get<std::string>();
  return true;
}

/// DescribeContinuousBackups: PointInTimeRecoveryDescription.PointInTimeRecoveryStatus.
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeContinuousBackups.html
void read_pitr(dynamodel::Client& client, import::ImportedTable& table) {
  const auto answer = optional_call(client, "DescribeContinuousBackups", json{{"TableName", table.name}},
                                    "point-in-time recovery", table);
  if (answer.is_null()) return;
  const auto backups = import::value_of(answer, "ContinuousBackupsDescription", json::object());
  const auto pitr = import::value_of(backups, "PointInTimeRecoveryDescription", json::object());
  table.point_in_time_recovery = import::value_of(pitr, "PointInTimeRecoveryStatus", "") == "ENABLED";
}

/// ListTagsOfResource, every page (NextToken). False when the tags could not be read.
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListTagsOfResource.html
bool read_tags(dynamodel::Client& client, const json& description, import::ImportedTable& table) {
  const auto arn = import::value_of(import::value_of(description, "Table", json::object()), "TableArn", nullptr);
  if (!arn.is_string()) {
    table.todos.emplace_back("DescribeTable gave no TableArn: the tags could not be read; add them by hand");
    return false;
  }
  json request{{"ResourceArn", arn}};
  for (int page = 0; page < 100; ++page) {
    const auto answer = optional_call(client, "ListTagsOfResource", request, "the tags", table);
    if (answer.is_null()) return false;
    for (const auto& tag : import::value_of(answer, "Tags", json::array())) {
      const auto key = import::value_of(tag, "Key", nullptr);
      const auto value = import::value_of(tag, "Value", "");
      if (!key.is_string() || !value.is_string()) continue;
      // Tag keys are unique per resource (moto lists a key twice when it was set twice).
      // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Tagging.html
      const auto same = std::find_if(table.tags.begin(), table.tags.end(),
                                     [&key](const auto& tag) { return tag.first == key.get<std::string>(); });
      if (same == table.tags.end()) {
        table.tags.emplace_back(key, value);
      } else {
        same->second = value.get<std::string>();
      }
    }
    const auto next = import::value_of(answer, "NextToken", nullptr);
    if (!next.is_string()) return true;
    request["NextToken"] = next;
  }
  return true;
}

/// Scan pages until `wanted` items or the end of the table; the items read so far and a
/// TODO when a page fails after the runtime's retries.
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html
void read_sample(dynamodel::Client& client, std::size_t wanted, LiveTable& out) {
  json items = json::array();
  json request{{"TableName", out.table.name}, {"ConsistentRead", false}};
  while (items.size() < wanted) {
    request["Limit"] = std::min<std::size_t>(wanted - items.size(), 100);
    json page;
    try {
      page = client.call("Scan", request);
    } catch (const dynamodel::Error& e) {
      out.scan_complete = false;
      out.table.todos.push_back("the sample scan stopped after " + std::to_string(items.size()) +
                                (items.size() == 1 ? " item (" : " items (") + e.what() +
                                "): entities are inferred from those only");
      break;
    }
    for (const auto& item : import::value_of(page, "Items", json::array()))
      if (items.size() < wanted) items.push_back(item);
    const auto last = import::value_of(page, "LastEvaluatedKey", nullptr);
    if (!last.is_object() || last.empty()) break;
    request["ExclusiveStartKey"] = last;
  }
  out.scan = json{{"Items", std::move(items)}};
}

/// The environment's client settings for `endpoint`; LiveError without credentials or when
/// libcurl cannot be loaded (curl_loader.hpp).
dynamodel::ClientConfig config_for(const std::string& endpoint) {
  if (auto why = libcurl_load_error(); !why.empty())
    throw LiveError("cannot read " + endpoint + ": libcurl could not be loaded (" + why + "); install libcurl4");
  auto config = dynamodel::ClientConfig::from_environment();
  config.endpoint = endpoint;
  if (config.access_key_id.empty() || config.secret_access_key.empty())
    throw LiveError(
        "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN "
        "for temporary credentials) to read " +
        endpoint);
  return config;
}

}  // namespace

CallError::CallError(std::string type, int http_status, const std::string& message)
    : LiveError(message), type_(std::move(type)), http_status_(http_status) {}

bool CallError::unimplemented() const { return unimplemented_code(type_, http_status_); }

struct Connection::Impl {
  explicit Impl(const dynamodel::ClientConfig& config) : client(config) {}
  dynamodel::Client client;
};

Connection::Connection(const std::string& endpoint) {
  auto config = config_for(endpoint);
  // Few short attempts: an endpoint that does not answer is reported within seconds.
  config.max_attempts = 3;
  config.timeout = std::chrono::milliseconds(10000);
  try {
    impl_ = std::make_unique<Impl>(config);
  } catch (const dynamodel::Error& e) {  // libcurl could not start
    throw LiveError(endpoint + ": " + e.what());
  }
}

Connection::~Connection() = default;

nlohmann::json Connection::call(const std::string& operation, const nlohmann::json& request) {
  try {
    return impl_->client.call(operation, request);
  } catch (const dynamodel::NetworkError& e) {
    throw CallError("NetworkError", 0, e.what());
  } catch (const dynamodel::Error& e) {
    throw CallError(e.type(), e.http_status(), e.what());
  }
}

LiveTable read_live_table(const LiveOptions& options) {
  auto config = config_for(options.endpoint);
  // DescribeTable first, with few short attempts: an endpoint that does not answer is
  // reported within seconds. The other calls retry throttling with the runtime's backoff.
  auto probe_config = config;
  probe_config.max_attempts = 2;
  probe_config.timeout = std::chrono::milliseconds(5000);
  LiveTable out;
  try {
    dynamodel::Client probe(probe_config);
    out.description = describe(probe, options);
  } catch (const dynamodel::Error& e) {  // libcurl could not start
    throw LiveError(options.endpoint + ": " + e.what());
  }
  out.table = import::read_describe_table(out.description);
  // The live reader states TTL, PITR and tags itself (or says why not).
  std::erase_if(out.table.todos, [](const std::string& todo) { return todo.starts_with("describe-table does not"); });
  out.table.format = "live table";
  out.table.source_file = options.endpoint;
  try {
    dynamodel::Client client(config);
    const bool ttl = read_ttl(client, out.table);
    read_pitr(client, out.table);
    const bool tags = read_tags(client, out.description, out.table);
    out.table.states_ttl_pitr_tags = ttl && tags;
    if (options.sample > 0) read_sample(client, options.sample, out);
  } catch (const dynamodel::Error& e) {  // libcurl could not start
    throw LiveError(options.endpoint + ": " + e.what());
  }
  return out;
}

}  // namespace dynamodel::live
