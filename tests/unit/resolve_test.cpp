// The resolved model (model/resolve.hpp): key spaces, pattern links, unknown and duplicate names.
#include <catch2/catch.hpp>

#include "test_models.hpp"
#include "analysis/analysis.hpp"
#include "model/key_split.hpp"
#include "model/resolve.hpp"

using namespace dynamodel;

namespace {

// Plain (non-overloaded) keys: a GSI on ordinary attributes with its own capacity, a sparse
// GSI without capacity (it shares the table's), an LSI, and patterns naming each.
const char* kModel = R"(dynamodel: 1
name: tasks
table:
  name: Tasks
  partition_key: {name: projectId, type: S}
  sort_key: {name: taskId, type: S}
  billing_mode: PROVISIONED
  capacity: {read: 5, write: 5}
  global_secondary_indexes:
    - {name: byOwner, partition_key: {name: owner, type: S}, sort_key: {name: dueDate, type: S},
       capacity: {read: 2, write: 3}}
    - {name: openTasks, partition_key: {name: openFlag, type: S}, projection: KEYS_ONLY}
  local_secondary_indexes:
    - {name: byStatus, sort_key: {name: status, type: S}, projection: {include: [title]}}
entities:
  Task:
    attributes:
      projectId: {type: S, required: true}
      taskId: {type: S, required: true}
      owner: {type: S, required: true}
      dueDate: {type: S, format: date}
      status: {type: S, enum: [open, done]}
      title: {type: S}
    keys: {projectId: "{projectId}", taskId: "{taskId}", owner: "{owner}", dueDate: "{dueDate}", status: "{status}"}
  Note:
    attributes:
      projectId: {type: S, required: true}
      noteId: {type: S, required: true}
    keys: {projectId: "{projectId}", taskId: "NOTE#{noteId}"}
access_patterns:
  - {id: AP1, name: getTask, entity: Task, operation: GetItem, key: {projectId: "{projectId}", taskId: "{taskId}"}}
  - {id: AP2, name: tasksOfOwner, entity: Task, operation: Query, index: byOwner, key: {owner: "{owner}"}}
  - {id: AP3, name: byStatus, entity: Task, operation: Query, index: byStatus, key: {projectId: "{projectId}", status: "open"}}
  - {id: AP4, name: nowhere, entity: Task, operation: Query, index: noSuchIndex, key: {owner: "{owner}"}}
  - {id: AP5, name: notes, entities: [Note, Ghost], operation: Query, key: {projectId: "{projectId}"}}
)";

}  // namespace

TEST_CASE("resolve: every key space knows its kind, keys, projection and capacity", "[resolve]") {
  const Model m = test::load_or_fail(kModel, "tasks.yaml");
  const ResolvedModel r(m);
  REQUIRE(r.key_spaces().size() == 4);
  const KeySpace& table = r.table();
  CHECK(table.kind == IndexKind::table);
  CHECK(table.label() == "the table");
  CHECK(table.keys().size() == 2);
  CHECK(table.projection == nullptr);
  CHECK(table.capacity == &m.table.capacity);

  const KeySpace* owner = r.key_space("byOwner");
  REQUIRE(owner);
  CHECK(owner->kind == IndexKind::gsi);
  CHECK(owner->partition_key->name == "owner");
  CHECK(owner->sort_key->name == "dueDate");
  CHECK((*owner->capacity)->write == 3);  // its own
  CHECK(owner->gsi == &m.table.global_secondary_indexes[0]);
  CHECK(owner->label() == "index byOwner");

  const KeySpace* open = r.key_space("openTasks");
  REQUIRE(open);
  CHECK(open->sort_key == nullptr);
  CHECK(open->capacity == &m.table.capacity);  // none of its own: the table's
  CHECK(open->projection->type == ProjectionType::KEYS_ONLY);

  const KeySpace* status = r.key_space("byStatus");
  REQUIRE(status);
  CHECK(status->kind == IndexKind::lsi);
  CHECK(status->partition_key == &m.table.partition_key);  // an LSI shares the table's partition key
  CHECK(status->sort_key->name == "status");
  CHECK(status->lsi == &m.table.local_secondary_indexes[0]);

  CHECK(r.key_space("") == &table);
  CHECK(r.key_space("nope") == nullptr);
  CHECK(r.gsi("byOwner") == owner->gsi);
  CHECK(r.gsi("byStatus") == nullptr);
  CHECK(r.lsi("byStatus") == status->lsi);
}

TEST_CASE("key_split: a key space's partition-key and sort-key attributes", "[resolve]") {
  const Model m = test::load_or_fail(kModel, "tasks.yaml");
  const ResolvedModel r(m);
  const auto names = [](const std::vector<const KeyAttribute*>& keys) {
    std::vector<std::string> out;
    for (const KeyAttribute* k : keys) out.push_back(k->name);
    return out;
  };
  using V = std::vector<std::string>;
  CHECK(names(partition_keys(r.table())) == V{"projectId"});
  CHECK(names(sort_keys(r.table())) == V{"taskId"});
  CHECK(names(sort_keys(*r.key_space("openTasks"))).empty());
  CHECK(names(partition_keys(*r.key_space("byStatus"))) == V{"projectId"});  // an LSI's is the table's
  CHECK(names(sort_keys(*r.key_space("byStatus"))) == V{"status"});
  // A multi-attribute GSI key: every HASH attribute, then every RANGE one, in key-schema order.
  const Model multi = test::load_or_fail(R"(dynamodel: 1
name: tickets
table:
  name: Tickets
  partition_key: {name: ticketId, type: S}
  global_secondary_indexes:
    - name: ByTenantStatus
      partition_key: [{name: tenantId, type: S}, {name: region, type: S}]
      sort_key: [{name: status, type: S}, {name: updatedAt, type: N}]
    - name: ByAssignee
      partition_key: [{name: assignee, type: S}]
entities:
  Ticket:
    attributes:
      ticketId: {type: S, required: true}
      tenantId: {type: S, required: true}
      region: {type: S, required: true}
      status: {type: S, required: true}
      updatedAt: {type: N, required: true}
      assignee: {type: S}
    keys: {ticketId: "{ticketId}"}
access_patterns:
  - {id: AP1, name: getTicket, entity: Ticket, operation: GetItem, key: {ticketId: "{ticketId}"}}
)",
                                         "tickets.yaml");
  const ResolvedModel rm(multi);
  CHECK(names(partition_keys(*rm.key_space("ByTenantStatus"))) == V{"tenantId", "region"});
  CHECK(names(sort_keys(*rm.key_space("ByTenantStatus"))) == V{"status", "updatedAt"});
  CHECK(names(partition_keys(*rm.key_space("ByAssignee"))) == V{"assignee"});
  CHECK(names(sort_keys(*rm.key_space("ByAssignee"))).empty());
}

TEST_CASE("resolve: a sparse index holds only the entities with its key attributes", "[resolve]") {
  const Model m = test::load_or_fail(kModel, "tasks.yaml");
  const ResolvedModel r(m);
  const Entity& task = *r.entity("Task");
  const Entity& note = *r.entity("Note");
  CHECK(r.table().holds(note));
  CHECK(r.key_space("byOwner")->holds(task));
  CHECK_FALSE(r.key_space("byOwner")->holds(note));
  CHECK_FALSE(r.key_space("openTasks")->holds(task));  // no template for openFlag
  CHECK(r.key_space("byStatus")->holds(task));
  CHECK_FALSE(r.key_space("byStatus")->holds(note));
}

TEST_CASE("resolve: each pattern points at its entities and key space", "[resolve]") {
  const Model m = test::load_or_fail(kModel, "tasks.yaml");
  const ResolvedModel r(m);
  const auto& ps = r.patterns();
  REQUIRE(ps.size() == 5);
  for (std::size_t i = 0; i < ps.size(); ++i) CHECK(ps[i].pattern == &m.access_patterns[i]);
  CHECK(ps[0].key_space == &r.table());
  CHECK(ps[0].entities == std::vector<const Entity*>{r.entity("Task")});
  CHECK(ps[1].key_space == r.key_space("byOwner"));
  CHECK(ps[2].key_space->kind == IndexKind::lsi);
  CHECK(ps[3].key_space == nullptr);  // unknown index: access/unknown-index reports it
  REQUIRE(ps[4].entities.size() == 2);
  CHECK(ps[4].entities[0] == r.entity("Note"));
  CHECK(ps[4].entities[1] == nullptr);  // unknown entity
}

TEST_CASE("resolve: the analysis keeps the resolved model and links its results to the model", "[resolve]") {
  const Model m = test::load_or_fail(kModel, "tasks.yaml");
  const Analysis a = analyze(m);
  REQUIRE(a.resolved);
  CHECK(&a.resolved->model() == &m);
  REQUIRE(a.patterns.size() == m.access_patterns.size());
  for (std::size_t i = 0; i < a.patterns.size(); ++i) CHECK(a.patterns[i].pattern == &m.access_patterns[i]);
  for (std::size_t i = 0; i < a.coverage.patterns.size(); ++i)
    CHECK(a.coverage.patterns[i].access_pattern == &m.access_patterns[i]);
  for (std::size_t i = 0; i < a.entities.size(); ++i) CHECK(a.entities[i].entity == &m.entities[i]);
  const EntityAnalysis* task = a.entity("Task");
  REQUIRE(task);
  for (const auto& entry : task->index_entries) {
    REQUIRE(entry.key_space);
    CHECK(entry.key_space->name == entry.index);
    CHECK(entry.local == (entry.key_space->kind == IndexKind::lsi));
  }
}

TEST_CASE("resolve: an empty or duplicate index name", "[resolve]") {
  std::string yaml = kModel;
  // A second GSI named byOwner (naming/duplicate-index reports it): names resolve to the first.
  const std::string gsi = "    - {name: openTasks,";
  yaml.replace(yaml.find(gsi), gsi.size(), "    - {name: byOwner,");
  const Model m = test::load_or_fail(yaml, "dup.yaml");
  const ResolvedModel r(m);
  CHECK(r.key_space("byOwner") == &r.key_spaces()[1]);
  CHECK(r.key_space("byOwner")->sort_key->name == "dueDate");
  std::optional<std::string> empty = std::string();
  CHECK(r.key_space_of(empty) == nullptr);  // `index: ""`
  CHECK(r.key_space_of(std::nullopt) == &r.table());
}
