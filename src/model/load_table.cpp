// The loader's reader of `table:`: key attributes, capacity and autoscaling, the table's
// settings, and the secondary indexes with their projections.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>
#include <type_traits>
#include <vector>

#include "model/load_kinds.hpp"

namespace dynamodel::load {
namespace {

KeyAttribute key_attribute(Reader& r, const Field& in) {
  KeyAttribute k;
  const auto o = r.object(in, "key_attribute", k.source);
  if (!o) return k;
  if (auto f = r.field(*o, "name")) {
    if (auto s = r.string_value(*f)) {
      k.name = *s;
      if (s->empty()) r.invalid(*f, "a key attribute name must not be empty");
    }
  }
  if (auto f = r.field(*o, "type")) r.attribute_type(*f, k.type);
  return k;
}

/// A GSI's partition or sort key: one key_attribute mapping, or a list of `min`..4 of them (a
/// multi-attribute key, which sets `listed`); a name repeated within the index's keys is
/// rule index/key-schema's.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.DesignPattern.MultiAttributeKeys.html
void gsi_key(Reader& r, const Field& in, std::size_t min, std::vector<KeyAttribute>& out, bool& listed) {
  if (!in.node.IsSequence()) {
    out.push_back(key_attribute(r, in));
    return;
  }
  listed = true;
  const std::size_t max = GlobalSecondaryIndex::kMaxKeyAttributes;
  if (in.node.size() < std::max<std::size_t>(min, 1) || in.node.size() > max) {
    r.invalid(in, "a multi-attribute key has 1 to " + std::to_string(max) + " attributes, got " +
                      std::to_string(in.node.size()));
    if (in.node.size() == 0) return;
  }
  r.each(in, [&](const Field& item) {
    if (out.size() < max) out.push_back(key_attribute(r, item));
  });
}

Autoscaling autoscaling(Reader& r, const Field& in) {
  Autoscaling a;
  const auto o = r.object(in, "autoscaling", a.source);
  if (!o) return a;
  auto bound = [&](std::string_view name, std::int64_t& out) {
    if (auto f = r.field(*o, name)) out = r.int_value(*f, 1, INT64_MAX).value_or(1);
  };
  bound("min_read", a.min_read);
  bound("max_read", a.max_read);
  bound("min_write", a.min_write);
  bound("max_write", a.max_write);
  if (auto f = r.field(*o, "target_utilization")) a.target_utilization = r.number_value(*f, 20, 90).value_or(70);
  if (a.min_read > a.max_read) r.invalid(a.source, "min_read", "min_read is larger than max_read");
  if (a.min_write > a.max_write) r.invalid(a.source, "min_write", "min_write is larger than max_write");
  return a;
}

Capacity capacity(Reader& r, const Field& in) {
  Capacity c;
  const auto o = r.object(in, "capacity", c.source);
  if (!o) return c;
  if (auto f = r.field(*o, "read")) c.read = r.int_value(*f, 1, INT64_MAX).value_or(1);
  if (auto f = r.field(*o, "write")) c.write = r.int_value(*f, 1, INT64_MAX).value_or(1);
  if (auto f = r.field(*o, "autoscaling")) c.autoscaling = autoscaling(r, *f);
  return c;
}

/// A value that is either one of `keywords` or a mapping of `kind` (`shapes` names both in
/// the message for anything else): calls `on_keyword(word)` or `on_object(mapping)`; `src` is
/// the value's.
template <typename K, typename O>
void keyword_or_object(Reader& r, const Field& in, Source& src, const std::vector<std::string_view>& keywords,
                       std::string_view kind, std::string_view shapes, K&& on_keyword, O&& on_object) {
  src.location = in.at;
  src.path = in.path;
  if (in.node.IsScalar()) {
    if (auto s = r.enum_value(in, keywords)) on_keyword(*s);
    return;
  }
  if (!in.node.IsMap()) {
    r.invalid(in, "expected " + std::string(shapes) + ", got " + Reader::describe(in.node));
    return;
  }
  if (const auto o = r.object(in, kind, src)) on_object(*o);
}

Projection projection(Reader& r, const Field& in) {
  Projection p;
  keyword_or_object(
      r, in, p.source, {"ALL", "KEYS_ONLY"}, "projection_include", "ALL, KEYS_ONLY or {include: [...]}",
      [&](const std::string& s) { p.type = s == "ALL" ? ProjectionType::ALL : ProjectionType::KEYS_ONLY; },
      [&](const Object& o) {
        p.type = ProjectionType::INCLUDE;
        if (auto f = r.field(o, "include")) p.include = r.string_list(*f, true);
      });
  return p;
}

Encryption encryption(Reader& r, const Field& in) {
  Encryption e;
  keyword_or_object(
      r, in, e.source, {"AWS_OWNED", "AWS_MANAGED"}, "encryption_kms", "AWS_OWNED, AWS_MANAGED or {kms_key_arn: ...}",
      [&](const std::string& s) {
        e.type = s == "AWS_OWNED" ? EncryptionType::AWS_OWNED : EncryptionType::AWS_MANAGED;
      },
      [&](const Object& o) {
        e.type = EncryptionType::CUSTOMER_MANAGED;
        if (auto f = r.field(o, "kms_key_arn")) {
          e.kms_key_arn = r.string_value(*f).value_or("");
          if (!e.kms_key_arn.empty() && !e.kms_key_arn.starts_with("arn:"))
            r.invalid(*f, "kms_key_arn must be a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID or alias/NAME)");
        }
      });
  return e;
}

std::vector<Tag> tags(Reader& r, const Field& in) {
  std::vector<Tag> out;
  r.each_named(in, [&](const std::string& key, const Field& value, const Location&) {
    if (auto s = r.string_value(value)) out.push_back(Tag{key, *s, value.at});
  });
  return out;
}

OnDemandThroughput on_demand_throughput(Reader& r, const Field& in) {
  OnDemandThroughput t;
  const auto o = r.object(in, "on_demand_throughput", t.source);
  if (!o) return t;
  if (auto f = r.field(*o, "max_read")) t.max_read = r.int_value(*f, 1, INT64_MAX);
  if (auto f = r.field(*o, "max_write")) t.max_write = r.int_value(*f, 1, INT64_MAX);
  return t;
}

WarmThroughput warm_throughput(Reader& r, const Field& in) {
  WarmThroughput t;
  const auto o = r.object(in, "warm_throughput", t.source);
  if (!o) return t;
  if (auto f = r.field(*o, "read")) t.read = r.int_value(*f, 1, INT64_MAX);
  if (auto f = r.field(*o, "write")) t.write = r.int_value(*f, 1, INT64_MAX);
  return t;
}

std::optional<ContributorInsightsMode> contributor_insights(Reader& r, const Field& in) {
  auto m = r.enum_value(in, {"THROTTLED_KEYS", "ACCESSED_AND_THROTTLED_KEYS"});
  if (!m) return std::nullopt;
  return *m == "THROTTLED_KEYS" ? ContributorInsightsMode::THROTTLED_KEYS
                                : ContributorInsightsMode::ACCESSED_AND_THROTTLED_KEYS;
}

/// A YAML value as JSON, for an inline resource policy: mappings keep their order, a plain
/// `true`/`false` is a boolean, every other scalar a string (IAM policy values are strings).
nlohmann::ordered_json to_json(Reader& r, const YAML::Node& n) {
  r.visit();
  if (n.IsMap()) {
    auto out = nlohmann::ordered_json::object();
    for (auto it = n.begin(); it != n.end(); ++it) out[it->first.as<std::string>()] = to_json(r, it->second);
    return out;
  }
  if (n.IsSequence()) {
    auto out = nlohmann::ordered_json::array();
    for (const auto& item : n) out.push_back(to_json(r, item));
    return out;
  }
  if (n.IsScalar()) {
    if (n.Tag() != "!" && (n.Scalar() == "true" || n.Scalar() == "false")) return n.Scalar() == "true";
    return n.Scalar();
  }
  return nullptr;
}

/// `resource_policy`: a path (relative to the model file) of a JSON policy document, or the
/// document inline. A file that is missing or not JSON is reported at the field.
ResourcePolicy resource_policy(Reader& r, const Field& in) {
  ResourcePolicy p;
  p.source.location = in.at;
  p.source.path = in.path;
  nlohmann::ordered_json doc;
  if (in.node.IsMap()) {
    doc = to_json(r, in.node);
  } else if (auto path = r.string_value(in)) {
    p.file = *path;
    const auto full = std::filesystem::path(r.file().str()).parent_path() / *path;
    std::ifstream file(full, std::ios::binary);
    if (!file) {
      r.invalid(in, "resource policy file '" + full.generic_string() + "' cannot be read (missing?)");
      return p;
    }
    std::stringstream text;
    text << file.rdbuf();
    try {
      doc = nlohmann::ordered_json::parse(text.str());
    } catch (const nlohmann::json::parse_error& e) {
      r.invalid(in, "resource policy file '" + full.generic_string() + "' is not JSON (" + e.what() + ")");
      return p;
    }
  } else {
    return p;
  }
  if (!doc.is_object()) {
    r.invalid(in, "a resource policy must be a JSON object (an IAM policy document)");
    return p;
  }
  p.has_statement = doc.contains("Statement");
  p.document = doc.dump(-1, ' ', true);  // ASCII: \uXXXX is valid in every target
  return p;
}

/// A global or local secondary index (kind `gsi` or `lsi`); only a GSI has its own partition
/// key and capacity.
template <typename Index>
Index secondary_index(Reader& r, const Field& in) {
  constexpr bool kGlobal = std::is_same_v<Index, GlobalSecondaryIndex>;
  Index x;
  const auto o = r.object(in, kGlobal ? "gsi" : "lsi", x.source);
  if (!o) return x;
  if (auto f = r.field(*o, "name")) x.name = r.string_value(*f).value_or("");
  if constexpr (kGlobal) {
    if (auto f = r.field(*o, "partition_key")) gsi_key(r, *f, 1, x.partition_keys, x.multi_attribute);
    if (auto f = r.field(*o, "sort_key")) gsi_key(r, *f, 0, x.sort_keys, x.multi_attribute);
    if (!x.partition_keys.empty()) x.partition_key = x.partition_keys.front();
    if (!x.sort_keys.empty()) x.sort_key = x.sort_keys.front();
  } else {
    if (auto f = r.field(*o, "sort_key")) x.sort_key = key_attribute(r, *f);
  }
  x.projection.source.location = in.at;
  if (auto f = r.field(*o, "projection")) x.projection = projection(r, *f);
  if constexpr (kGlobal) {
    if (auto f = r.field(*o, "capacity")) x.capacity = capacity(r, *f);
    if (auto f = r.field(*o, "on_demand_throughput")) x.on_demand_throughput = on_demand_throughput(r, *f);
    if (auto f = r.field(*o, "warm_throughput")) x.warm_throughput = warm_throughput(r, *f);
    if (auto f = r.field(*o, "contributor_insights")) x.contributor_insights = contributor_insights(r, *f);
  }
  if (auto f = r.field(*o, "sparse")) x.sparse = r.bool_value(*f).value_or(false);
  return x;
}

}  // namespace

Table table(Reader& r, const Field& in) {
  Table t;
  const auto o = r.object(in, "table", t.source);
  if (!o) return t;
  if (auto f = r.field(*o, "name")) t.name = r.string_value(*f).value_or("");
  if (auto f = r.field(*o, "partition_key")) t.partition_key = key_attribute(r, *f);
  if (auto f = r.field(*o, "sort_key")) t.sort_key = key_attribute(r, *f);
  if (auto f = r.field(*o, "billing_mode")) {
    if (auto m = r.enum_value(*f, {"PAY_PER_REQUEST", "PROVISIONED"}))
      t.billing_mode = *m == "PROVISIONED" ? BillingMode::PROVISIONED : BillingMode::PAY_PER_REQUEST;
  }
  if (auto f = r.field(*o, "capacity")) t.capacity = capacity(r, *f);
  if (auto f = r.field(*o, "table_class")) {
    if (auto c = r.enum_value(*f, {"STANDARD", "STANDARD_INFREQUENT_ACCESS"}))
      t.table_class = *c == "STANDARD" ? TableClass::STANDARD : TableClass::STANDARD_INFREQUENT_ACCESS;
  }
  if (auto f = r.field(*o, "ttl_attribute")) t.ttl_attribute = r.string_value(*f);
  if (auto f = r.field(*o, "stream")) {
    static const std::vector<std::string_view> kViews = {"KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"};
    if (auto sv = r.enum_value(*f, kViews)) {
      for (StreamView view :
           {StreamView::KEYS_ONLY, StreamView::NEW_IMAGE, StreamView::OLD_IMAGE, StreamView::NEW_AND_OLD_IMAGES})
        if (to_string(view) == *sv) t.stream = view;
    }
  }
  if (auto f = r.field(*o, "point_in_time_recovery")) {
    // `true`/`false`, or `{enabled, recovery_period_days}` (1..35 days, DynamoDB's range:
    // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PointInTimeRecoverySpecification.html)
    if (f->node.IsMap()) {
      Source src;
      if (const auto p = r.object(*f, "point_in_time_recovery_settings", src)) {
        if (auto e = r.field(*p, "enabled")) t.point_in_time_recovery = r.bool_value(*e).value_or(false);
        if (auto d = r.field(*p, "recovery_period_days")) {
          t.recovery_period_days = r.int_value(*d, 1, 35);
          if (!t.point_in_time_recovery) r.invalid(*d, "recovery_period_days needs enabled: true");
        }
      }
    } else {
      t.point_in_time_recovery = r.bool_value(*f).value_or(false);
    }
  }
  if (auto f = r.field(*o, "deletion_protection")) t.deletion_protection = r.bool_value(*f).value_or(false);
  if (auto f = r.field(*o, "encryption")) t.encryption = encryption(r, *f);
  if (auto f = r.field(*o, "replicas")) {
    // A list of Regions, or `{regions, consistency, witness}`.
    if (f->node.IsMap()) {
      Source src;
      if (const auto p = r.object(*f, "replica_settings", src)) {
        if (auto g = r.field(*p, "regions")) t.replicas = r.string_list(*g, false);
        if (auto c = r.field(*p, "consistency"))
          if (auto v = r.enum_value(*c, {"EVENTUAL", "STRONG"}))
            t.replica_consistency = *v == "STRONG" ? ReplicaConsistency::STRONG : ReplicaConsistency::EVENTUAL;
        if (auto w = r.field(*p, "witness")) t.witness = r.string_value(*w);
      }
    } else {
      t.replicas = r.string_list(*f, false);
    }
  }
  if (auto f = r.field(*o, "tags")) t.tags = tags(r, *f);
  if (auto f = r.field(*o, "on_demand_throughput")) t.on_demand_throughput = on_demand_throughput(r, *f);
  if (auto f = r.field(*o, "warm_throughput")) t.warm_throughput = warm_throughput(r, *f);
  if (auto f = r.field(*o, "contributor_insights")) t.contributor_insights = contributor_insights(r, *f);
  if (auto f = r.field(*o, "resource_policy")) t.resource_policy = resource_policy(r, *f);
  if (auto f = r.field(*o, "global_secondary_indexes"))
    r.each(*f, [&](const Field& item) {
      t.global_secondary_indexes.push_back(secondary_index<GlobalSecondaryIndex>(r, item));
    });
  if (auto f = r.field(*o, "local_secondary_indexes"))
    r.each(*f, [&](const Field& item) {
      t.local_secondary_indexes.push_back(secondary_index<LocalSecondaryIndex>(r, item));
    });
  return t;
}

}  // namespace dynamodel::load
