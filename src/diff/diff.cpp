// Model comparison and rollout planning (diff/diff.hpp).
#include "diff/diff.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "model/resolve.hpp"
#include "naming/naming.hpp"

namespace dynamodel::diff {
namespace {

const RuleInfo& rule(std::string_view id) {
  for (const auto& r : change_rules())
    if (r.id == id) return r;
  throw std::logic_error("unknown change rule " + std::string(id));
}

std::string key_text(const KeyAttribute& k) { return k.name + " " + std::string(to_string(k.type)); }

std::string projection_text(const Projection& p) {
  std::string out(to_string(p.type));
  if (p.type == ProjectionType::INCLUDE) {
    out += " [";
    for (std::size_t i = 0; i < p.include.size(); ++i) out += (i ? ", " : "") + p.include[i];
    out += "]";
  }
  return out;
}

/// A GSI's partition or sort key as text: `tenantId (S)`, or `[tenantId (S), region (S)]` for a
/// key written as a list (a multi-attribute key).
std::string keys_text(const std::vector<KeyAttribute>& keys, bool listed) {
  std::string out;
  for (const auto& k : keys) out += (out.empty() ? "" : ", ") + key_text(k);
  return listed ? "[" + out + "]" : out;
}

std::string gsi_text(const GlobalSecondaryIndex& g) {
  if (g.multi_attribute)
    return g.name + " (" + keys_text(g.partition_keys, true) +
           (g.sort_keys.empty() ? "" : " / " + keys_text(g.sort_keys, true)) + ", projection " +
           projection_text(g.projection) + ")";
  return g.name + " (" + key_text(g.partition_key) + (g.sort_key ? " / " + key_text(*g.sort_key) : "") +
         ", projection " + projection_text(g.projection) + ")";
}

bool same_key(const KeyAttribute& a, const KeyAttribute& b) { return a.name == b.name && a.type == b.type; }
bool same_key(const std::optional<KeyAttribute>& a, const std::optional<KeyAttribute>& b) {
  return a.has_value() == b.has_value() && (!a || same_key(*a, *b));
}
/// Same key schema: every attribute, in order, with its role (HASH or RANGE); any change to a
/// multi-attribute key recreates the GSI, as a single-attribute one does.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.DesignPattern.MultiAttributeKeys.html
bool same_gsi_keys(const GlobalSecondaryIndex& a, const GlobalSecondaryIndex& b) {
  const auto ka = a.key_schema(), kb = b.key_schema();
  if (ka.size() != kb.size() || a.partition_key_count() != b.partition_key_count()) return false;
  for (std::size_t i = 0; i < ka.size(); ++i)
    if (!same_key(*ka[i], *kb[i])) return false;
  return true;
}
bool same_projection(const Projection& a, const Projection& b) {
  if (a.type != b.type) return false;
  std::vector<std::string> x = a.include, y = b.include;
  std::sort(x.begin(), x.end());
  std::sort(y.begin(), y.end());
  return x == y;
}
bool same_on_demand(const std::optional<OnDemandThroughput>& a, const std::optional<OnDemandThroughput>& b) {
  if (!a || !b) return a.has_value() == b.has_value();
  return a->max_read == b->max_read && a->max_write == b->max_write;
}

bool same_warm(const std::optional<WarmThroughput>& a, const std::optional<WarmThroughput>& b) {
  if (!a || !b) return a.has_value() == b.has_value();
  return a->read == b->read && a->write == b->write;
}

/// True when warm throughput `b` lowers a value `a` set: a table's warm throughput only grows.
bool warm_decreases(const std::optional<WarmThroughput>& a, const std::optional<WarmThroughput>& b) {
  if (!a || !b) return false;
  return (a->read && b->read && *b->read < *a->read) || (a->write && b->write && *b->write < *a->write);
}

bool same_capacity(const std::optional<Capacity>& a, const std::optional<Capacity>& b) {
  if (a.has_value() != b.has_value()) return false;
  if (!a) return true;
  if (a->read != b->read || a->write != b->write || a->autoscaling.has_value() != b->autoscaling.has_value())
    return false;
  if (!a->autoscaling) return true;
  const Autoscaling &x = *a->autoscaling, &y = *b->autoscaling;
  return x.min_read == y.min_read && x.max_read == y.max_read && x.min_write == y.min_write &&
         x.max_write == y.max_write && x.target_utilization == y.target_utilization;
}

/// Model text on one comment line of a shell command: control characters become `?`.
std::string one_line(const std::string& s) {
  std::string out;
  for (unsigned char c : s) out += (c < 0x20 || c == 0x7f) ? '?' : static_cast<char>(c);
  return out;
}

/// The literal text before the first placeholder of a template ("" when it starts with one).
std::string literal_prefix(const KeyTemplate& t) {
  std::string out;
  for (const auto& p : t.parts) {
    if (p.placeholder) break;
    out += p.text;
  }
  return out;
}

/// How to backfill `attrs` on the existing items of entity `e`: the generated C++ accessors
/// (re-derive every key with to_item), and an AWS CLI scan + update-item hint.
std::string backfill_command(const Model& m, const Entity& e, const std::vector<std::string>& attrs,
                             bool only_missing) {
  // The names the generated header declares (naming/naming.hpp), such as `delete_::Table_2`.
  const std::string ns = cpp::model_namespace(m.name);
  const auto types = cpp::entity_types(m);
  std::string en;
  for (std::size_t i = 0; i < m.entities.size(); ++i)
    if (m.entities[i].name == e.name) en = types[i];
  std::string out = "# C++ accessors (dynamodel generate -t cpp): rewrite each " + one_line(e.name) +
                    " item with every key it takes part in\n";
  out += "#   item = " + ns + "::to_item(" + ns + "::from_item<" + ns + "::" + en + ">(item)); then PutItem\n";
  out += "# AWS CLI: find the items, then set";
  for (const auto& a : attrs) out += " " + one_line(a);
  out += " on each from its key template\n";
  // The table name rule of every target: $DYNAMODB_TABLE_NAME, else <environment>-<table.name>.
  out += "table=${DYNAMODB_TABLE_NAME:-\"${DYNAMODEL_ENVIRONMENT:-dev}-\"" + shell::quote(m.table.name) + "}\n";
  const std::string table = "\"$table\"";
  nlohmann::json names = nlohmann::json::object(), values = nlohmann::json::object();
  std::string filter;
  const Table& t = m.table;
  const auto add_prefix = [&](const std::string& attr, const std::string& var) {
    const EntityKey* k = e.key(attr);
    if (!k) return;
    const std::string prefix = literal_prefix(k->key_template);
    if (prefix.empty()) return;
    names["#" + var] = attr;
    values[":" + var] = {{"S", prefix}};
    filter += std::string(filter.empty() ? "" : " AND ") + "begins_with(#" + var + ", :" + var + ")";
  };
  add_prefix(t.partition_key.name, "pk");
  if (t.sort_key) add_prefix(t.sort_key->name, "sk");
  if (only_missing) {
    names["#k0"] = attrs.front();
    filter += std::string(filter.empty() ? "" : " AND ") + "attribute_not_exists(#k0)";
  }
  out += "aws dynamodb scan --table-name " + table;
  if (!filter.empty()) {
    out +=
        " --filter-expression " + shell::quote(filter) + " --expression-attribute-names " + shell::quote(names.dump());
    if (!values.empty()) out += " --expression-attribute-values " + shell::quote(values.dump());
  }
  out += "\n";
  std::string set;
  nlohmann::json set_names = nlohmann::json::object();
  for (std::size_t i = 0; i < attrs.size(); ++i) {
    const EntityKey* k = e.key(attrs[i]);
    set += std::string(i ? ", " : "") + "#a" + std::to_string(i) + " = :a" + std::to_string(i);
    set_names["#a" + std::to_string(i)] = attrs[i];
    out += "#   :a" + std::to_string(i) + " = " + (k ? one_line(k->key_template.text) : std::string("?")) + "\n";
  }
  out += "aws dynamodb update-item --table-name " + table + " --key \"$ITEM_KEY\" --update-expression " +
         shell::quote("SET " + set) + " --expression-attribute-names " + shell::quote(set_names.dump()) +
         " --expression-attribute-values \"$VALUES\"";
  return out;
}

struct Comparer {
  const Model& o;
  const Model& n;
  Result& r;
  ResolvedModel ro{o}, rn{n};  // index and entity lookups by name

  void add(ChangeClass c, std::string_view rule_id, std::string message, std::string path, Location where) {
    Severity s = Severity::info;
    if (!rule_id.empty()) s = rule(rule_id).severity;
    r.changes.push_back(Change{c, std::string(rule_id), s, std::move(message), std::move(path), where});
  }

  bool table_identity() {
    const Table &a = o.table, &b = n.table;
    bool replace = false;
    if (a.name != b.name) {
      add(ChangeClass::replacement, "change/replacement",
          "table name " + a.name + " -> " + b.name + ": a new, empty table replaces the old one",
          b.source.path_of("name"), b.source.at("name"));
      replace = true;
    }
    if (!same_key(a.partition_key, b.partition_key)) {
      add(ChangeClass::replacement, "change/replacement",
          "partition key " + key_text(a.partition_key) + " -> " + key_text(b.partition_key) +
              ": the key schema cannot change; the table is replaced",
          b.partition_key.source.path, b.partition_key.source.location);
      replace = true;
    }
    if (!same_key(a.sort_key, b.sort_key)) {
      const std::string before = a.sort_key ? key_text(*a.sort_key) : "none";
      const std::string after = b.sort_key ? key_text(*b.sort_key) : "none";
      add(ChangeClass::replacement, "change/replacement",
          "sort key " + before + " -> " + after + ": the key schema cannot change; the table is replaced",
          b.sort_key ? b.sort_key->source.path : b.source.path,
          b.sort_key ? b.sort_key->source.location : b.source.location);
      replace = true;
    }
    for (const auto& l : b.local_secondary_indexes) {
      const LocalSecondaryIndex* old = ro.lsi(l.name);
      if (!old)
        add(ChangeClass::replacement, "change/replacement",
            "LSI " + l.name + " added: LSIs exist only from table creation; the table is replaced", l.source.path,
            l.source.location);
      else if (!same_key(old->sort_key, l.sort_key) || !same_projection(old->projection, l.projection))
        add(ChangeClass::replacement, "change/replacement",
            "LSI " + l.name + " changed: LSIs cannot be modified; the table is replaced", l.source.path,
            l.source.location);
      else
        continue;
      replace = true;
    }
    // The consistency mode of a global table is chosen at creation and cannot change
    // (V2globaltables_HowItWorks.html#V2globaltables_HowItWorks.consistency-modes).
    const auto mode = [](const Table& t) { return t.replica_consistency.value_or(ReplicaConsistency::EVENTUAL); };
    if (mode(a) != mode(b) && !a.replicas.empty()) {
      add(ChangeClass::replacement, "change/replacement",
          "replica consistency " + std::string(to_string(mode(a))) + " -> " + std::string(to_string(mode(b))) +
              ": a global table's consistency mode cannot change after creation; the table is replaced",
          b.source.path_of("replicas"), b.source.at("replicas"));
      replace = true;
    }
    for (const auto& l : a.local_secondary_indexes)
      if (!rn.lsi(l.name)) {
        add(ChangeClass::replacement, "change/replacement",
            "LSI " + l.name + " removed: LSIs cannot be deleted; the table is replaced", l.source.path,
            l.source.location);
        replace = true;
      }
    return replace;
  }

  /// GSI creations and deletions; returns them in deployment order (deletions first).
  std::vector<Action> gsis() {
    const Table &a = o.table, &b = n.table;
    struct Op {
      const GlobalSecondaryIndex* g;
      bool create;
      bool key_change;
    };
    std::vector<Op> deletes, creates;
    std::set<std::string> touched;
    for (const auto& g : a.global_secondary_indexes)
      if (!rn.gsi(g.name)) deletes.push_back({&g, false, false}), touched.insert(g.name);
    for (const auto& g : b.global_secondary_indexes) {
      const GlobalSecondaryIndex* old = ro.gsi(g.name);
      if (!old) {
        creates.push_back({&g, true, false});
        touched.insert(g.name);
      } else if (!same_gsi_keys(*old, g) || !same_projection(old->projection, g.projection)) {
        deletes.push_back({old, false, true});
        creates.push_back({&g, true, true});
        touched.insert(g.name);
        add(ChangeClass::multi_step, "change/gsi-key-change",
            "GSI " + gsi_text(*old) + " -> " + gsi_text(g) +
                ": keys and projection cannot change in place; delete it, then create it (two deployments; the "
                "index is unavailable in between)",
            g.source.path, g.source.location);
      } else {
        if (!same_capacity(old->capacity, g.capacity))
          add(ChangeClass::in_place, "", "GSI " + g.name + " capacity changes", g.source.path_of("capacity"),
              g.source.at("capacity"));
        // A GSI's on-demand maximum, warm throughput (up or down, unlike the table's) and
        // contributor insights change in place.
        if (!same_on_demand(old->on_demand_throughput, g.on_demand_throughput))
          add(ChangeClass::in_place, "", "GSI " + g.name + " on-demand maximum throughput changes",
              g.source.path_of("on_demand_throughput"), g.source.at("on_demand_throughput"));
        if (!same_warm(old->warm_throughput, g.warm_throughput))
          add(ChangeClass::in_place, "", "GSI " + g.name + " warm throughput changes",
              g.source.path_of("warm_throughput"), g.source.at("warm_throughput"));
        if (old->contributor_insights != g.contributor_insights)
          add(ChangeClass::in_place, "", "GSI " + g.name + " contributor insights change",
              g.source.path_of("contributor_insights"), g.source.at("contributor_insights"));
      }
    }
    const bool several = touched.size() > 1;
    for (const auto& op : deletes)
      if (!op.key_change)
        add(several ? ChangeClass::multi_step : ChangeClass::in_place, several ? "change/multiple-gsi" : "",
            "GSI " + gsi_text(*op.g) + " deleted" +
                (several ? ": one GSI creation or deletion per deployment" : std::string()),
            op.g->source.path, op.g->source.location);
    for (const auto& op : creates)
      if (!op.key_change)
        add(several ? ChangeClass::multi_step : ChangeClass::in_place, several ? "change/multiple-gsi" : "",
            "GSI " + gsi_text(*op.g) + " created" +
                (several ? ": one GSI creation or deletion per deployment" : std::string()),
            op.g->source.path, op.g->source.location);
    std::vector<Action> out;
    out.reserve(deletes.size() + creates.size());
    for (const auto& op : deletes)
      out.push_back(Action{Action::Kind::delete_gsi, op.g->name, "", {}, "delete GSI " + op.g->name, ""});
    for (const auto& op : creates)
      out.push_back(Action{Action::Kind::create_gsi, op.g->name, "", {}, "create GSI " + gsi_text(*op.g), ""});
    return out;
  }

  /// Table settings that change in place; one update_table action listing them.
  std::vector<Action> settings() {
    const Table &a = o.table, &b = n.table;
    std::vector<std::string> what;
    const auto changed = [&](bool differs, std::string_view field, std::string text) {
      if (!differs) return;
      add(ChangeClass::in_place, "", std::move(text), b.source.path_of(field), b.source.at(field));
      what.emplace_back(field);
    };
    changed(a.billing_mode != b.billing_mode, "billing_mode",
            "billing mode " + std::string(to_string(a.billing_mode)) + " -> " + std::string(to_string(b.billing_mode)));
    changed(!same_capacity(a.capacity, b.capacity), "capacity", "table capacity changes");
    changed(a.table_class != b.table_class, "table_class",
            "table class " + std::string(to_string(a.table_class)) + " -> " + std::string(to_string(b.table_class)) +
                " (at most 2 changes per 30 days)");
    changed(
        a.ttl_attribute != b.ttl_attribute, "ttl_attribute",
        "TTL attribute " + a.ttl_attribute.value_or("none") + " -> " + b.ttl_attribute.value_or("none") +
            (a.ttl_attribute && b.ttl_attribute ? " (disable, then enable: two updates at least an hour apart)" : ""));
    const auto stream = [](const std::optional<StreamView>& s) { return s ? std::string(to_string(*s)) : "none"; };
    changed(a.stream != b.stream, "stream",
            "stream " + stream(a.stream) + " -> " + stream(b.stream) + " (a new stream ARN: consumers must rebind)");
    changed(a.point_in_time_recovery != b.point_in_time_recovery, "point_in_time_recovery",
            std::string("point-in-time recovery ") + (b.point_in_time_recovery ? "on" : "off"));
    changed(a.deletion_protection != b.deletion_protection, "deletion_protection",
            std::string("deletion protection ") + (b.deletion_protection ? "on" : "off"));
    changed(
        a.encryption.type != b.encryption.type || a.encryption.kms_key_arn != b.encryption.kms_key_arn, "encryption",
        "encryption " + std::string(to_string(a.encryption.type)) + " -> " + std::string(to_string(b.encryption.type)));
    changed(a.replicas != b.replicas, "replicas", "replica Regions change (one replica added or removed per update)");
    changed(a.witness != b.witness, "replicas",
            "witness Region " + a.witness.value_or("none") + " -> " + b.witness.value_or("none"));
    changed(!same_on_demand(a.on_demand_throughput, b.on_demand_throughput), "on_demand_throughput",
            "on-demand maximum throughput changes");
    if (warm_decreases(a.warm_throughput, b.warm_throughput))
      add(ChangeClass::replacement, "change/warm-throughput-decrease",
          "the table's warm throughput decreases: DynamoDB only raises a table's warm throughput, so this cannot "
          "be deployed (only a new table starts lower)",
          b.source.path_of("warm_throughput"), b.source.at("warm_throughput"));
    else
      changed(!same_warm(a.warm_throughput, b.warm_throughput), "warm_throughput",
              b.warm_throughput ? "warm throughput raised" : "warm throughput left out (the table keeps its value)");
    changed(a.recovery_period_days != b.recovery_period_days, "point_in_time_recovery",
            "point-in-time recovery period " +
                (a.recovery_period_days ? std::to_string(*a.recovery_period_days) : "35") + " -> " +
                (b.recovery_period_days ? std::to_string(*b.recovery_period_days) : "35") + " days");
    const auto insights = [](const std::optional<ContributorInsightsMode>& m) {
      return m ? std::string(to_string(*m)) : std::string("off");
    };
    changed(a.contributor_insights != b.contributor_insights, "contributor_insights",
            "contributor insights " + insights(a.contributor_insights) + " -> " + insights(b.contributor_insights));
    const auto policy = [](const std::optional<ResourcePolicy>& p) { return p ? p->document : std::string(); };
    changed(policy(a.resource_policy) != policy(b.resource_policy), "resource_policy",
            b.resource_policy ? "resource policy changes" : "resource policy removed");
    bool tags = a.tags.size() != b.tags.size();
    for (std::size_t i = 0; !tags && i < a.tags.size(); ++i)
      tags = a.tags[i].key != b.tags[i].key || a.tags[i].value != b.tags[i].value;
    changed(tags, "tags", "tags change");
    if (what.empty()) return {};
    std::string d = "update table settings:";
    for (const auto& w : what) d += " " + w;
    return {Action{Action::Kind::update_table, "", "", {}, d, ""}};
  }

  /// Index keys (and primary-key templates) new or changed on entities that existed before.
  std::vector<Action> backfills() {
    std::set<std::string> index_keys;
    for (const auto& g : n.table.global_secondary_indexes)
      for (const auto* k : g.key_schema()) index_keys.insert(k->name);
    for (const auto& l : n.table.local_secondary_indexes) index_keys.insert(l.sort_key.name);
    const auto primary = [&](const std::string& attr) {
      return attr == n.table.partition_key.name || (n.table.sort_key && attr == n.table.sort_key->name);
    };
    std::vector<Action> out;
    for (const auto& e : n.entities) {
      const Entity* old = ro.entity(e.name);
      if (!old) continue;
      std::vector<std::string> attrs;
      bool all_new = true;
      for (const auto& k : e.keys) {
        if (!index_keys.count(k.attribute) && !primary(k.attribute)) continue;
        const EntityKey* before = old->key(k.attribute);
        if (before && before->key_template.text == k.key_template.text) continue;
        if (primary(k.attribute)) {
          add(ChangeClass::backfill, "change/backfill",
              "entity " + e.name + ": primary-key template " + k.attribute + " changed (" +
                  (before ? before->key_template.text : std::string("none")) + " -> " + k.key_template.text +
                  "): existing items must be copied to their new keys and the old items deleted",
              e.source.path + ".keys." + k.attribute, k.key_template.location);
        } else {
          add(ChangeClass::backfill, "change/backfill",
              "entity " + e.name + ": index key " + k.attribute + " = " + k.key_template.text +
                  (before ? " changed (was " + before->key_template.text + ")" : " is new") +
                  ": existing items lack it and stay out of the index until backfilled",
              e.source.path + ".keys." + k.attribute, k.key_template.location);
        }
        attrs.push_back(k.attribute);
        if (before) all_new = false;
      }
      // A membership condition (index_when) new, changed or gone: the stored items carry or lack
      // the index keys by the old rule until they are rewritten.
      const auto condition = [](const Entity& x, const std::string& index) {
        const IndexMembership* w = x.membership(index);
        return w ? w->condition.text : std::string();
      };
      std::set<std::string> indexes;
      for (const auto& w : e.index_when) indexes.insert(w.index);
      for (const auto& w : old->index_when) indexes.insert(w.index);
      for (const auto& index : indexes) {
        const std::string now = condition(e, index), was = condition(*old, index);
        if (now == was) continue;
        const IndexMembership* w = e.membership(index);
        add(ChangeClass::backfill, "change/backfill",
            "entity " + e.name + ": membership of " + index + " " +
                (was.empty()   ? "is now conditional (index_when " + now + ")"
                 : now.empty() ? "is no longer conditional (was index_when " + was + ")"
                               : "changed (index_when " + now + ", was " + was + ")") +
                ": existing items carry or lack " + index + "'s keys by the old rule until rewritten",
            w ? w->source.path : e.source.path, w ? w->source.location : e.source.location);
      }
      if (attrs.empty()) continue;
      std::string d = "backfill " + e.name + ":";
      for (const auto& a : attrs) d += " " + a;
      d += " on existing items (after the application writes them on new items)";
      out.push_back(Action{Action::Kind::backfill, "", e.name, attrs, d, backfill_command(n, e, attrs, all_new)});
    }
    return out;
  }

  void replacement_plan() {
    // Table names are unique per account and Region: a replacement under the same name needs
    // a temporary name (or a second Region/account) while both tables exist.
    const bool same_name = n.table.name == o.table.name;
    const std::string t = same_name ? n.table.name + "V2" : n.table.name;
    r.plan.push_back(Step{true,
                          {Action{Action::Kind::create_table,
                                  "",
                                  "",
                                  {},
                                  "create the new table " + t +
                                      (same_name ? " (the old table keeps the name " + o.table.name + ")" : "") +
                                      " next to the old one (new stack or logical id; keep the old table: "
                                      "deletion protection on, DeletionPolicy Retain)",
                                  ""}}});
    r.plan.push_back(Step{false,
                          {Action{Action::Kind::replace_table,
                                  "",
                                  "",
                                  {},
                                  "copy every item from " + o.table.name + " to " + t +
                                      ", rewriting keys to the new templates (the application dual-writes meanwhile)",
                                  "aws dynamodb export-table-to-point-in-time (then import-table into a new table), or "
                                  "scan the old table and write each item with the generated accessors (to_item)"}}});
    r.plan.push_back(Step{true,
                          {Action{Action::Kind::update_table,
                                  "",
                                  "",
                                  {},
                                  "switch the application to " + t + ", then delete the old table " + o.table.name,
                                  ""}}});
  }
};

}  // namespace

std::string_view to_string(ChangeClass c) {
  switch (c) {
    case ChangeClass::in_place:
      return "in-place";
    case ChangeClass::multi_step:
      return "multi-step";
    case ChangeClass::replacement:
      return "replacement";
    case ChangeClass::backfill:
      return "backfill";
  }
  return "?";
}

std::string_view to_string(Action::Kind k) {
  switch (k) {
    case Action::Kind::create_gsi:
      return "create_gsi";
    case Action::Kind::delete_gsi:
      return "delete_gsi";
    case Action::Kind::update_table:
      return "update_table";
    case Action::Kind::create_table:
      return "create_table";
    case Action::Kind::replace_table:
      return "replace_table";
    case Action::Kind::backfill:
      return "backfill";
  }
  return "?";
}

bool Result::one_safe_step() const {
  for (const auto& c : changes)
    if (c.change_class != ChangeClass::in_place) return false;
  return plan.size() <= 1;
}

Result compare(const std::optional<Model>& old_model, const Model& new_model) {
  Result r;
  r.new_file = new_model.file;
  r.table = new_model.table.name;
  if (!old_model) {
    r.old_missing = true;
    r.changes.push_back(Change{ChangeClass::in_place, "", Severity::info,
                               "new model: table " + new_model.table.name + " is created", new_model.table.source.path,
                               new_model.table.source.location});
    r.plan.push_back(
        Step{true, {Action{Action::Kind::create_table, "", "", {}, "create table " + new_model.table.name, ""}}});
    return r;
  }
  r.old_file = old_model->file;
  Comparer c{*old_model, new_model, r};
  if (c.table_identity()) {
    c.replacement_plan();
    return r;
  }
  std::vector<Action> gsi_ops = c.gsis();
  std::vector<Action> first = c.settings();
  std::vector<Action> fills = c.backfills();
  if (!gsi_ops.empty()) first.push_back(gsi_ops.front());
  if (!first.empty()) r.plan.push_back(Step{true, first});
  for (std::size_t i = 1; i < gsi_ops.size(); ++i) r.plan.push_back(Step{true, {gsi_ops[i]}});
  for (auto& f : fills) r.plan.push_back(Step{false, {std::move(f)}});
  return r;
}

const std::vector<RuleInfo>& change_rules() {
  static const std::vector<RuleInfo> list = {
      {"change/replacement", Severity::error, "the change replaces the table: key schema, LSIs or table name",
       "TableName and KeySchema are create-only: CloudFormation and Terraform replace the table, i.e. create a new, "
       "empty one and delete the old one with its data. LSIs exist only from table creation: DynamoDB cannot add, "
       "change or remove one. `dynamodel diff` plans a migration instead: new table, copy, switch.",
       "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html",
       "# old: sort_key: {name: SK, type: S}\ntable:\n  name: Orders\n  partition_key: {name: PK, type: S}\n  "
       "sort_key: {name: createdAt, type: S}",
       "# old and new: the same keys, LSIs and name\ntable:\n  name: Orders\n  partition_key: {name: PK, type: S}\n  "
       "sort_key: {name: SK, type: S}",
       "Terraform plan \"forces replacement\" (name, hash_key, range_key, local_secondary_index)"},
      {"change/multiple-gsi", Severity::error, "more than one GSI created or deleted in one deployment",
       "CloudFormation fails the stack update with \"Cannot perform more than one GSI creation or deletion in a "
       "single update\", and UpdateTable takes one GlobalSecondaryIndexUpdates Create or Delete per call. The rollout "
       "plan puts each creation or deletion in its own deployment.",
       "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html",
       "# old: GSI1 only\n  global_secondary_indexes:\n    - {name: GSI1, partition_key: {name: GSI1PK, type: S}}\n    "
       "- {name: GSI2, partition_key: {name: GSI2PK, type: S}}\n    - {name: GSI3, partition_key: {name: GSI3PK, type: "
       "S}}",
       "# old: GSI1 only\n  global_secondary_indexes:\n    - {name: GSI1, partition_key: {name: GSI1PK, type: S}}\n    "
       "- {name: GSI2, partition_key: {name: GSI2PK, type: S}}",
       "none known"},
      {"change/gsi-key-change", Severity::error, "a GSI's keys or projection change in place",
       "An existing GSI's KeySchema and Projection cannot be updated (\"Updates are not supported\"): the index must "
       "be deleted and created again, in two deployments, and it is unavailable (and backfilling) in between. "
       "Consider a new index name, created before the old index is deleted.",
       "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html",
       "# old: projection: ALL\n    - name: GSI1\n      partition_key: {name: GSI1PK, type: S}\n      projection: "
       "KEYS_ONLY",
       "# old: projection: ALL\n    - name: GSI1\n      partition_key: {name: GSI1PK, type: S}\n      projection: ALL",
       "Terraform deletes and re-creates the index silently"},
      {"change/backfill", Severity::warning, "a new index key on an existing entity: old items need a backfill",
       "An index holds only items that carry its key attributes. Items written before an entity's new key template "
       "lack the attribute, so they are missing from the index until a job rewrites them; a changed primary-key "
       "template means the items must be copied to their new keys. A new, changed or removed `index_when` (conditional "
       "membership) is reported too: the stored items carry or lack the index keys by the old rule. The plan names "
       "the generated accessor and an AWS CLI scan + update-item that perform the backfill.",
       "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.OnlineOps.html",
       "# old: no GSI1PK for Order\n  Order:\n    keys:\n      PK: \"USER#{userId}\"\n      SK: \"ORDER#{orderId}\"\n"
       "      GSI1PK: \"STATUS#{status}\"",
       "# old and new: the same key templates\n  Order:\n    keys:\n      PK: \"USER#{userId}\"\n      SK: "
       "\"ORDER#{orderId}\"",
       "none known"},
      {"change/warm-throughput-decrease", Severity::error, "the table's warm throughput decreases",
       "A table's warm throughput can only be raised: UpdateTable refuses a lower value (a GSI's can go both "
       "ways). Keep the value, or leave `warm_throughput` out (the table keeps what it has).",
       "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/warm-throughput.html",
       "# old: warm_throughput: {read: 20000, write: 8000}\ntable:\n  warm_throughput: {read: 12000, write: 4000}",
       "# old: warm_throughput: {read: 20000, write: 8000}\ntable:\n  warm_throughput: {read: 30000, write: 8000}",
       "none known"},
  };
  return list;
}

}  // namespace dynamodel::diff
