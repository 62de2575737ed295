// The typed, immutable model of one table design, as described by the model format
// (docs/model-format.md, the contract with users). Built only by the loader
// (model/loader.hpp); everything downstream takes it as `const Model&`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.hpp"
#include "model/expression.hpp"

namespace dynamodel {

/// Where an element came from: its own node's location, the locations of its fields
/// (by field name, for findings that point at one value) and its model path
/// (`table.global_secondary_indexes[0]`).
struct Source {
  Location location;
  std::string path;
  std::map<std::string, Location, std::less<>> fields;

  /// The location of field `name`, or of the element itself when the field is absent.
  const Location& at(std::string_view name) const;
  /// The model path of field `name` (`path.name`).
  std::string path_of(std::string_view name) const;
};

/// DynamoDB data types (HowItWorks.NamingRulesDataTypes).
enum class AttributeType { S, N, B, BOOL, NULL_, L, M, SS, NS, BS };
std::string_view to_string(AttributeType t);
bool parse_attribute_type(std::string_view text, AttributeType& out);
/// True for S, N and B: the only types a key attribute may have.
bool is_scalar_key_type(AttributeType t);

/// A key attribute of the table or an index: `{name: PK, type: S}`.
struct KeyAttribute {
  std::string name;
  AttributeType type = AttributeType::S;
  Source source;
};

enum class BillingMode { PAY_PER_REQUEST, PROVISIONED };
enum class TableClass { STANDARD, STANDARD_INFREQUENT_ACCESS };
enum class StreamView { KEYS_ONLY, NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES };
enum class ProjectionType { ALL, KEYS_ONLY, INCLUDE };
enum class EncryptionType { AWS_OWNED, AWS_MANAGED, CUSTOMER_MANAGED };

std::string_view to_string(BillingMode v);
std::string_view to_string(TableClass v);
std::string_view to_string(StreamView v);
std::string_view to_string(ProjectionType v);
std::string_view to_string(EncryptionType v);

/// Target-tracking autoscaling bounds (capacity units) and target utilisation (percent).
struct Autoscaling {
  std::int64_t min_read = 1;
  std::int64_t max_read = 1;
  std::int64_t min_write = 1;
  std::int64_t max_write = 1;
  double target_utilization = 70.0;
  Source source;
};

/// Provisioned throughput: `read` in RCU, `write` in WCU.
struct Capacity {
  std::int64_t read = 1;
  std::int64_t write = 1;
  std::optional<Autoscaling> autoscaling;
  Source source;
};

/// An index projection; `include` lists the non-key attributes when type is INCLUDE.
struct Projection {
  ProjectionType type = ProjectionType::ALL;
  std::vector<std::string> include;
  Source source;
};

/// `on_demand_throughput`: the most request units per second an on-demand (PAY_PER_REQUEST) table
/// or GSI may consume; empty: no maximum. Read and write request units per second (>= 1).
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode-max-throughput.html
struct OnDemandThroughput {
  std::optional<std::int64_t> max_read;
  std::optional<std::int64_t> max_write;
  Source source;
};

/// `warm_throughput`: the read and write units per second a table or GSI is pre-warmed to
/// support instantly (>= 1 each; DynamoDB's own minimum is checked by rule table/warm-throughput).
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/warm-throughput.html
struct WarmThroughput {
  std::optional<std::int64_t> read;
  std::optional<std::int64_t> write;
  Source source;
};

/// CloudWatch Contributor Insights mode (`contributor_insights`).
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-table-contributorinsightsspecification.html
enum class ContributorInsightsMode { THROTTLED_KEYS, ACCESSED_AND_THROTTLED_KEYS };
std::string_view to_string(ContributorInsightsMode v);

/// Multi-Region consistency of a global table (`replicas.consistency`).
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html
enum class ReplicaConsistency { EVENTUAL, STRONG };
std::string_view to_string(ReplicaConsistency v);

/// `resource_policy`: the table's resource-based policy, from a file (path relative to the model)
/// or written inline; `document` is the policy as compact JSON text, keys in file order.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/access-control-resource-based.html
struct ResourcePolicy {
  std::string file;            ///< as written; empty when inline
  std::string document;        ///< compact JSON
  bool has_statement = false;  ///< a top-level `Statement` (rule table/resource-policy-document)
  Source source;
};

struct GlobalSecondaryIndex {
  std::string name;
  /// The first partition-key attribute (the only one of a single-attribute key).
  KeyAttribute partition_key;
  /// The first sort-key attribute, if any.
  std::optional<KeyAttribute> sort_key;
  /// Every partition-key attribute in key-schema order (1..4; `partition_keys[0]` is
  /// `partition_key`), and every sort-key attribute (0..4; `sort_keys[0]` is `sort_key`).
  /// Filled for both forms. A multi-attribute key (Nov 2025) is written as a list:
  /// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.DesignPattern.MultiAttributeKeys.html
  std::vector<KeyAttribute> partition_keys;
  std::vector<KeyAttribute> sort_keys;
  /// True when `partition_key` or `sort_key` is written as a list: the index's key attributes
  /// are the entities' own attributes with their native types (no key template), and an item
  /// is in the index when it has all of them.
  bool multi_attribute = false;
  /// DynamoDB's bounds on a multi-attribute key: at most 4 attributes per key.
  static constexpr std::size_t kMaxKeyAttributes = 4;

  /// The key schema in order: every partition-key attribute (HASH), then every sort-key
  /// attribute (RANGE). Falls back to `partition_key`/`sort_key` when the lists are empty (an
  /// index built in code rather than by the loader).
  std::vector<const KeyAttribute*> key_schema() const;
  /// The number of partition-key attributes in key_schema() (the rest are sort-key ones).
  std::size_t partition_key_count() const { return partition_keys.empty() ? 1 : partition_keys.size(); }
  Projection projection;
  std::optional<Capacity> capacity;
  std::optional<OnDemandThroughput> on_demand_throughput;
  std::optional<WarmThroughput> warm_throughput;
  std::optional<ContributorInsightsMode> contributor_insights;
  /// `sparse: true`: the design means only some items to be in the index (a sparse index,
  /// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-indexes-general-sparse-indexes.html),
  /// so an optional attribute in its key is intended (keys/optional-attribute stays silent) and
  /// an index every item enters is reported (index/not-sparse). Review only: DynamoDB has no
  /// such setting, so no target writes it.
  bool sparse = false;
  Source source;
};

/// An LSI shares the table's partition key; only its sort key is its own.
struct LocalSecondaryIndex {
  std::string name;
  KeyAttribute sort_key;
  Projection projection;
  bool sparse = false;  ///< as GlobalSecondaryIndex::sparse
  Source source;
};

struct Encryption {
  EncryptionType type = EncryptionType::AWS_OWNED;
  std::string kms_key_arn;  ///< set when type is CUSTOMER_MANAGED
  Source source;
};

struct Tag {
  std::string key;
  std::string value;
  Location location;
};

struct Table {
  std::string name;
  KeyAttribute partition_key;
  std::optional<KeyAttribute> sort_key;
  BillingMode billing_mode = BillingMode::PAY_PER_REQUEST;
  std::optional<Capacity> capacity;
  TableClass table_class = TableClass::STANDARD;
  std::optional<std::string> ttl_attribute;
  std::optional<StreamView> stream;
  bool point_in_time_recovery = false;
  /// `point_in_time_recovery: {enabled, recovery_period_days}`: days (1..35) of recovery
  /// window; empty: DynamoDB's default, 35.
  std::optional<std::int64_t> recovery_period_days;
  bool deletion_protection = false;
  Encryption encryption;
  std::vector<std::string> replicas;  ///< replica Regions of a global table
  /// `replicas: {consistency}`; empty: not stated (EVENTUAL, DynamoDB's default).
  std::optional<ReplicaConsistency> replica_consistency;
  std::optional<std::string> witness;  ///< `replicas: {witness}`: the witness Region of an MRSC table
  std::optional<OnDemandThroughput> on_demand_throughput;
  std::optional<WarmThroughput> warm_throughput;
  std::optional<ContributorInsightsMode> contributor_insights;
  std::optional<ResourcePolicy> resource_policy;
  std::vector<Tag> tags;  ///< in file order
  std::vector<GlobalSecondaryIndex> global_secondary_indexes;
  std::vector<LocalSecondaryIndex> local_secondary_indexes;
  Source source;
};

enum class AttributeFormat { date, date_time, epoch_seconds, uuid, ulid, email, float_, decimal };
enum class AttributeRole { version, revision, ttl };
std::string_view to_string(AttributeFormat v);
std::string_view to_string(AttributeRole v);

/// An entity attribute with its size and cardinality hints (all optional).
struct Attribute {
  std::string name;
  AttributeType type = AttributeType::S;
  std::string description;
  bool required = false;
  std::optional<std::int64_t> max_length;   ///< characters (of a string, or each string of a set)
  std::optional<std::int64_t> max_bytes;    ///< bytes; wins over the other size hints
  std::optional<std::int64_t> max_items;    ///< elements of a list or set
  std::optional<std::int64_t> max_digits;   ///< significant digits of a number
  std::vector<std::string> enum_values;     ///< the values, as written
  std::optional<std::int64_t> cardinality;  ///< number of distinct values
  std::optional<AttributeFormat> format;
  std::optional<AttributeRole> role;
  /// True when the value lives only inside the entity's primary-key templates: the accessors
  /// parse it back from the key and never store it as an attribute of its own (`key_only`).
  bool key_only = false;
  Source source;
};

/// How a placeholder's value is changed before it is written into a key: `{n|pad(10)}` puts
/// zeros before it up to 10 characters (so numbers sort as text: "0000000042" < "0000000100"),
/// `{email|lower}` / `{code|upper}` change the case of its ASCII letters. Only `pad` of a
/// number can be undone when the key is read back (see reversible_for).
struct KeyTransform {
  enum class Kind { none, pad, lower, upper };
  Kind kind = Kind::none;
  int width = 0;  ///< characters, for pad (1..kMaxPadWidth)
  static constexpr int kMaxPadWidth = 1024;

  bool none() const { return kind == Kind::none; }
  /// As written after the `|`: "pad(10)", "lower", "upper" ("" for none).
  std::string text() const;
  /// The value as it goes into the key: `value` padded or case-changed. Sample values and the
  /// size estimates use it; the C++ accessors do the same in their runtime.
  std::string apply(std::string value) const;
  /// True when the original value can be recovered from the key text: only `pad` of an N
  /// attribute (leading zeros removed); a case change loses the case.
  bool reversible_for(AttributeType type) const {
    return kind == Kind::none || (kind == Kind::pad && type == AttributeType::N);
  }
  bool operator==(const KeyTransform& o) const { return kind == o.kind && width == o.width; }
  bool operator!=(const KeyTransform& o) const { return !(*this == o); }
};

/// One piece of a key template: literal text, or a `{placeholder}` with an optional transform.
struct TemplatePart {
  bool placeholder = false;
  std::string text;        ///< literal text (braces unescaped), or the placeholder's name
  KeyTransform transform;  ///< placeholders only
};

/// A parsed key template such as `USER#{userId}`; `{{` and `}}` are literal braces.
struct KeyTemplate {
  std::string text;  ///< as written in the model
  std::vector<TemplatePart> parts;
  Location location;

  /// The placeholder names, in order of appearance.
  std::vector<std::string> placeholders() const;
  /// True when the template has no placeholder (a constant key value).
  bool is_constant() const;
  /// The separator characters of a composed key, sorted, each once: every non-alphanumeric
  /// literal character, plus the first character of each literal that stands between two
  /// placeholders (what splits the key back into its values). The C++ accessors escape them
  /// inside values (`key_escaping: escape`) or refuse values that hold one (`none`); the
  /// coverage proof and keys/unescaped-separator count the same set.
  std::string separators() const;
};

/// An entity's template for one key attribute: `PK: "USER#{userId}"`.
struct EntityKey {
  std::string attribute;  ///< key attribute name (PK, GSI1SK, ...)
  KeyTemplate key_template;
};

struct Expected {
  std::optional<std::int64_t> items;
  std::optional<double> writes_per_second;
  /// The typical size of one item in bytes (as CapacityUnitCalculations.html counts it); when
  /// given it replaces the estimate from the attributes' size hints.
  std::optional<std::int64_t> item_bytes;
  Source source;
};

/// Conditional membership of a secondary index (`index_when:`): the entity's items enter index
/// `index` only when `condition` holds on the item written; the accessors write the index's key
/// attributes then, and leave them out (or REMOVE them) otherwise: a sparse index by a marker.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-indexes-general-sparse-indexes.html
struct IndexMembership {
  std::string index;
  /// The condition, in the expression grammar of `filter:` without `{parameters}`.
  Expression condition;
  /// The members' fraction of the entity's items and writes (0 < share <= 1); empty: unknown
  /// (the analysis then counts every item and write).
  std::optional<double> share;
  Source source;  ///< at the index's name
};

struct Entity {
  std::string name;
  std::string description;
  std::vector<Attribute> attributes;  ///< in file order
  std::vector<EntityKey> keys;        ///< in file order
  Expected expected;
  std::vector<IndexMembership> index_when;  ///< in file order
  Source source;

  const Attribute* attribute(std::string_view attribute_name) const;
  const EntityKey* key(std::string_view key_attribute) const;
  /// The entity's condition for index `index_name` (the first, when repeated), or nullptr when
  /// its items enter that index unconditionally.
  const IndexMembership* membership(std::string_view index_name) const;
};

enum class Operation {
  GetItem,
  Query,
  Scan,
  PutItem,
  UpdateItem,
  DeleteItem,
  BatchGetItem,
  BatchWriteItem,
  TransactWriteItems,
  TransactGetItems,
  Replay,
  ConditionCheck
};
std::string_view to_string(Operation v);
bool parse_operation(std::string_view text, Operation& out);

/// A key condition on one key attribute: equality with a template, or a sort-key
/// condition (`begins_with`, `between`, `lt`, `le`, `gt`, `ge`) as in a KeyConditionExpression.
struct KeyCondition {
  enum class Op { eq, begins_with, between, lt, le, gt, ge };
  std::string attribute;
  Op op = Op::eq;
  std::vector<KeyTemplate> operands;  ///< one, or two for `between`
  Location location;
};
std::string_view to_string(KeyCondition::Op op);

enum class WriteCondition { none, not_exists, exists };

/// One action of a transaction: a write, a ConditionCheck or (TransactGetItems) a GetItem.
struct Action {
  std::string entity;
  Operation operation = Operation::PutItem;
  std::vector<KeyCondition> key;
  WriteCondition condition = WriteCondition::none;
  /// `condition:` written as an expression (not a keyword): a value condition.
  Expression condition_expression;
  std::vector<std::string> set;
  std::vector<std::string> add;
  bool optimistic_lock = false;
  /// `alias: from`: the action's parameters are named `from` + Name (fromAccountId), so that two
  /// actions on the same entity take their own values. Empty: the plain names.
  std::string alias;
  Source source;

  /// The name of parameter `name` (a placeholder, a value parameter, a set/add attribute) of
  /// this action: `name`, or with an alias the alias followed by `name` capitalised.
  std::string parameter(const std::string& name) const;
};

struct AccessPattern {
  std::string id;
  std::string name;
  std::string description;
  std::vector<std::string> entities;       ///< one for `entity:`, several for `entities:`
  std::vector<Location> entity_locations;  ///< where each of `entities` is written
  bool item_collection = false;            ///< written as `entities: [...]`
  Operation operation = Operation::GetItem;
  std::optional<std::string> index;
  std::vector<KeyCondition> key;
  std::optional<double> rate_per_second;
  bool consistent_read = false;
  bool scan_index_forward = true;
  std::optional<std::int64_t> limit;
  std::optional<std::int64_t> returns;
  /// Query and Scan: items read per call before the filter (capacity); `returns` is what is left.
  std::optional<std::int64_t> reads;
  /// Query and Scan: the FilterExpression.
  Expression filter;
  WriteCondition condition = WriteCondition::none;
  /// `condition:` written as an expression (not a keyword): a value condition.
  Expression condition_expression;
  std::vector<std::string> set;
  std::vector<std::string> add;
  bool optimistic_lock = false;
  std::vector<Action> actions;
  /// Reads: the attributes the caller needs (a ProjectionExpression); empty: the whole item.
  std::vector<std::string> attributes;
  Source source;
};

struct Lint {
  std::vector<std::string> disable;
  std::optional<std::int64_t> gsi_quota;  ///< `quota.global_secondary_indexes`
  /// `default_rate_per_second`: the writes per second the hot-key judgement assumes for each
  /// write pattern when the model states no rate at all (analysis/hot_keys.hpp:
  /// kDefaultRatePerSecond when absent; 0 switches the assumption off). Never used for cost.
  std::optional<double> default_rate_per_second;
  Source source;
};

/// How the accessors write placeholder values into composed keys: `escape` puts a `\` before a
/// separator inside a value (keys parse back unambiguously); `none` writes values as they are
/// and refuses values that hold a separator, for tables shared with code that does not escape.
enum class KeyEscaping { escape, none };
std::string_view to_string(KeyEscaping v);

/// `principals.<name>.attributes`: `all` (default) lets reads return whole items; `projected`
/// restricts each read that lists `attributes` to those attributes and the key attributes
/// (`dynamodb:Attributes` with `dynamodb:Select = SPECIFIC_ATTRIBUTES`).
enum class PrincipalAttributes { all, projected };

/// One `leading_keys` entry of a principal: a partition-key placeholder and the IAM policy
/// variable text that stands for its value (`userId: "${aws:PrincipalTag/userId}"`).
struct LeadingKey {
  std::string placeholder;
  std::string value;
  Location location;  ///< of the placeholder name
};

/// A named caller of the table (a service, a role), the access patterns it performs and the
/// stream consumers (`operations.stream_consumers`) whose Lambda functions run as it; the iam
/// target derives one least-privilege policy per principal (iam/policy.hpp).
struct Principal {
  std::string name;
  std::vector<std::string> patterns;  ///< pattern names or ids, as written
  std::vector<Location> pattern_locations;
  std::vector<std::string> stream_consumers;  ///< consumer names, as written
  std::vector<Location> stream_consumer_locations;
  std::vector<LeadingKey> leading_keys;  ///< in file order
  PrincipalAttributes attributes = PrincipalAttributes::all;
  Source source;
};

/// The kinds of change a DynamoDB stream record reports (its `eventName`).
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_Record.html
enum class StreamEvent { INSERT, MODIFY, REMOVE };
std::string_view to_string(StreamEvent v);

/// Where a new stream consumer starts reading (`starting_position`).
enum class StartingPosition { LATEST, TRIM_HORIZON };
std::string_view to_string(StartingPosition v);

/// `operations.stream_consumers.<name>`: a Lambda function reading the table's stream through an
/// event source mapping, given only the changes of `entities` (all of them when empty) of the
/// kinds in `events` (all when empty), by a FilterCriteria derived from the entities' key
/// templates (analysis/stream_filter.hpp). The AWS bounds of the numbers are rule
/// operations/consumer-bounds's.
/// https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html
struct StreamConsumer {
  std::string name;
  std::string function;  ///< a function name, or its ARN
  std::vector<std::string> entities;
  std::vector<Location> entity_locations;  ///< where each of `entities` is written
  std::vector<StreamEvent> events;         ///< in file order, each once
  std::optional<std::int64_t> batch_size;
  std::optional<std::int64_t> batching_window_seconds;
  StartingPosition starting_position = StartingPosition::LATEST;
  std::optional<std::int64_t> maximum_retry_attempts;
  bool bisect_batch_on_error = false;
  std::string on_failure;  ///< an SQS queue or SNS topic ARN; empty: none
  Source source;
};

/// `operations.alarms.overrides.<id>`: changes to one kind of recommended alarm (analysis/alarms.hpp
/// lists the ids). Unset fields keep the recommended value. Rule operations/alarm-bounds checks the
/// numbers against PutMetricAlarm's limits, operations/unknown-alarm the id.
struct AlarmOverride {
  std::string id;  ///< as written (kebab-case)
  std::optional<bool> enabled;
  std::optional<double> threshold;                 ///< in the metric's unit (Count, Milliseconds)
  std::optional<std::int64_t> period;              ///< seconds
  std::optional<std::int64_t> evaluation_periods;  ///< periods
  std::optional<std::int64_t> datapoints;          ///< breaching datapoints of evaluation_periods
  Source source;
};

/// `operations.alarms`: the CloudWatch alarms of the table, on by default: AWS's recommended set for
/// DynamoDB with thresholds derived from the model (analysis/alarms.hpp).
/// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Best_Practice_Recommended_Alarms_AWS_Services.html#DynamoDB
struct Alarms {
  bool enabled = true;  ///< `enabled: false`: no alarms
  /// `notify`: an SNS topic ARN the alarms notify, or "create" (a topic is generated next to the
  /// alarms); empty: the alarms have no actions.
  std::string notify;
  std::vector<AlarmOverride> overrides;  ///< in file order
  Source source;
};

/// `operations.backups`: an AWS Backup plan for the table (a vault, a plan of one scheduled rule
/// and a selection of the table), or none. Absent, `none` or `enabled: false`: no plan (rule
/// operations/backups-disabled reports a table that then has nothing against its deletion).
/// The bounds of the numbers and names are rule operations/backup-bounds's.
/// https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRuleInput.html
/// https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Lifecycle.html
struct Backups {
  bool enabled = false;  ///< a plan is generated
  bool stated = false;   ///< `backups:` is written (a plan, `none` or `enabled: false`)
  /// `schedule`: the rule's ScheduleExpression, `cron(minutes hours day-of-month month
  /// day-of-week year)` in UTC; default daily at 05:00 UTC, AWS Backup's own default.
  std::string schedule = "cron(0 5 ? * * *)";
  std::int64_t retention_days = 35;  ///< `retention_days`: Lifecycle.DeleteAfterDays, days
  /// `cold_storage_after_days`: Lifecycle.MoveToColdStorageAfterDays, days; at least 90 before
  /// retention_days ends; for DynamoDB only with AWS Backup's advanced DynamoDB features.
  std::optional<std::int64_t> cold_storage_after_days;
  /// `vault`: "create" (a vault <environment>-<table>-backups is generated) or the name of an
  /// existing vault (2 to 50 of A-Z a-z 0-9 - _).
  std::string vault = "create";
  /// `role`: the ARN of the IAM role AWS Backup assumes; empty: a role is generated with the AWS
  /// managed policies AWSBackupServiceRolePolicyForBackup and AWSBackupServiceRolePolicyForRestores.
  std::string role;
  Source source;
};

/// `operations.dax`: a DynamoDB Accelerator (DAX) cluster in front of the table, with its subnet
/// group, parameter group (the two cache TTLs) and the IAM role DAX assumes to reach this table
/// and its indexes only. Its resources are named `<environment>-<name>` (analysis/dax.hpp). The
/// AWS bounds are rule operations/dax-bounds's.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.html
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_dax_CreateCluster.html
struct Dax {
  bool enabled = false;  ///< the model has a `dax:` section
  /// `name`: what follows `<environment>-` in the cluster's, subnet group's and parameter group's
  /// names; empty: derived from the table's name (analysis/dax.hpp dax_base_name).
  std::string name;
  std::string node_type;                     ///< `node_type`, such as dax.r5.large (CreateCluster NodeType)
  std::int64_t nodes = 3;                    ///< `nodes`: the ReplicationFactor (1 primary + nodes-1 read replicas)
  std::vector<std::string> subnets;          ///< `subnets`: subnet ids (subnet-...) of the subnet group
  std::vector<std::string> security_groups;  ///< `security_groups`: VPC security group ids (sg-...)
  /// `item_ttl_seconds`: the item cache's TTL, seconds (parameter record-ttl-millis = x 1000);
  /// DAX's default is 300000 ms.
  std::int64_t item_ttl_seconds = 300;
  /// `query_ttl_seconds`: the query cache's TTL, seconds (parameter query-ttl-millis = x 1000);
  /// DAX's default is 300000 ms.
  std::int64_t query_ttl_seconds = 300;
  bool encryption = true;  ///< `encryption`: encryption at rest (SSESpecification.SSEEnabled)
  bool tls = true;         ///< `tls`: ClusterEndpointEncryptionType TLS (false: NONE)
  Source source;
};

/// `operations:` what operates the table besides the table itself.
struct Operations {
  std::vector<StreamConsumer> stream_consumers;  ///< in file order
  Alarms alarms;
  Backups backups;
  Dax dax;
  Source source;
};

/// One table design. `file` is the path the model was read from, as given by the user.
struct Model {
  int format_version = 1;
  std::string name;
  std::string description;
  Table table;
  std::vector<Entity> entities;  ///< in file order
  std::vector<AccessPattern> access_patterns;
  KeyEscaping key_escaping = KeyEscaping::escape;
  std::vector<Principal> principals;  ///< in file order
  Operations operations;
  Lint lint;
  std::string file;
  Source source;

  const Entity* entity(std::string_view entity_name) const;
  /// The access pattern named or with id `name_or_id` (a principal's `patterns` entry), or nullptr.
  const AccessPattern* pattern(std::string_view name_or_id) const;
  /// Every key attribute declaration, in the order table PK, table SK, then each GSI's
  /// keys and each LSI's sort key; a name shared by several keys appears each time.
  std::vector<const KeyAttribute*> key_declarations() const;
  /// All key attributes in use (table, GSIs, LSIs), each once, in the order
  /// table PK, table SK, then each index's keys in declaration order.
  std::vector<const KeyAttribute*> key_attributes() const;
  /// The first declaration of key attribute `name` (table, then GSIs, then LSIs), or nullptr
  /// when no key of the table or an index has that name.
  const KeyAttribute* key_attribute(std::string_view name) const;
  /// The key attributes of secondary index `index` (a GSI's partition and sort key, an LSI's
  /// sort key), or nullopt when the table has no index of that name.
  std::optional<std::vector<const KeyAttribute*>> index_key_attributes(std::string_view index) const;
};

/// The condition under which entity `e` writes key attribute `key`: the membership of the first
/// secondary index (GSIs, then LSIs) that has `key` in its key schema and a condition in
/// `e.index_when`; nullptr when `e` writes it unconditionally.
const IndexMembership* key_membership(const Model& m, const Entity& e, std::string_view key);

}  // namespace dynamodel
