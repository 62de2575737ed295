// `dynamodel init [FILE]`: write a commented starter model (never over an existing file).
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>

#include "cli/cli.hpp"

namespace dynamodel::cli {
namespace {

/// The starter model: a single-table design with two entities, one GSI and three access
/// patterns that `dynamodel validate --fail-on warning` passes with no finding (tested by
/// tests/e2e/test_workflow.py).
constexpr std::string_view kStarter = R"yaml(# A starter model written by `dynamodel init`: a single-table design for a
# small project tracker. Edit it, then run:
#   dynamodel validate dynamodel.yaml          # review the design
#   dynamodel generate dynamodel.yaml -t cloudformation -o out
# The format is described in docs/model-format.md; `dynamodel rules` lists the checks.
# Editor completion: the JSON Schema is installed as share/dynamodel/schemas/dynamodel.schema.json.
#
# Item collections of the table:
#   PK                   SK                 entity
#   TEAM#{teamId}        TEAM               Team (one per team)
#   TEAM#{teamId}        PROJECT#{projectId} Project (a team's projects)
# GSI1 lists the projects of one owner, newest first.

dynamodel: 1
name: starter
description: Teams and their projects (replace with your own design)

table:
  name: Starter
  partition_key: {name: PK, type: S}
  sort_key: {name: SK, type: S}
  billing_mode: PAY_PER_REQUEST     # on-demand: no capacity planning to start with
  point_in_time_recovery: true      # restore to any second of the last 35 days
  deletion_protection: true         # a stray `delete-table` cannot lose the data
  encryption: {kms_key_arn: "arn:aws:kms:us-east-1:111122223333:key/00000000-0000-0000-0000-000000000000"}  # your key
  tags:
    Application: starter
  global_secondary_indexes:
    - name: GSI1
      partition_key: {name: GSI1PK, type: S}
      sort_key: {name: GSI1SK, type: S}
      projection: ALL

entities:
  Team:
    description: A team; owns projects
    attributes:
      teamId:    {type: S, required: true, format: uuid, max_length: 36}
      teamName:  {type: S, required: true, max_length: 100}
      createdAt: {type: S, required: true, format: date-time, max_length: 24}
    keys:
      PK: "TEAM#{teamId}"
      SK: "TEAM"
    expected:
      items: 10000
      writes_per_second: 1

  Project:
    description: A project of a team, with the user who owns it
    attributes:
      teamId:    {type: S, required: true, format: uuid, max_length: 36}
      projectId: {type: S, required: true, format: ulid, max_length: 26}
      ownerId:   {type: S, required: true, format: uuid, max_length: 36}
      title:     {type: S, required: true, max_length: 200}
      createdAt: {type: S, required: true, format: date-time, max_length: 24}
    keys:
      PK: "TEAM#{teamId}"
      SK: "PROJECT#{projectId}"
      GSI1PK: "OWNER#{ownerId}"
      GSI1SK: "{createdAt}"
    expected:
      items: 200000
      writes_per_second: 5

access_patterns:
  - id: AP1
    name: getTeamWithProjects
    description: A team and its projects in one Query (the item collection)
    entities: [Team, Project]
    operation: Query
    key: {PK: "TEAM#{teamId}"}
    limit: 100
    rate_per_second: 20

  - id: AP2
    name: createProject
    description: Add a project to a team; refuses to overwrite
    entity: Project
    operation: PutItem
    key: {PK: "TEAM#{teamId}", SK: "PROJECT#{projectId}"}
    condition: not_exists
    rate_per_second: 5

  - id: AP3
    name: listProjectsByOwner
    description: The projects a user owns, newest first
    entity: Project
    operation: Query
    index: GSI1
    key: {GSI1PK: "OWNER#{ownerId}"}
    scan_index_forward: false
    limit: 25
    rate_per_second: 10
)yaml";

int run_init(const std::string& file, const GlobalOptions& global) {
  // O_EXCL: never overwrite, even when another process creates the file meanwhile.
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd < 0) {
    if (errno == EEXIST) {
      global.error(file + " already exists; not overwriting it (choose another name: dynamodel init FILE)");
    } else {
      global.error("cannot create " + file + ": " + std::strerror(errno));
    }
    return kExitUsage;
  }
  std::size_t done = 0;
  while (done < kStarter.size()) {
    const ssize_t n = ::write(fd, kStarter.data() + done, kStarter.size() - done);
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      global.error("cannot write " + file + ": " + std::strerror(err));
      return kExitUsage;
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) {
    global.error("cannot write " + file + ": " + std::strerror(errno));
    return kExitUsage;
  }
  *global.out << "wrote " << file << "; next: dynamodel validate " << file << '\n';
  return kExitOk;
}

}  // namespace

Command register_init(CLI::App& app, const GlobalOptions& global) {
  auto file = std::make_shared<std::string>("dynamodel.yaml");
  CLI::App* cmd =
      app.add_subcommand("init",
                         "Write a commented starter model (a single-table design with two entities, one GSI and\n"
                         "three access patterns that validates clean). Never overwrites an existing file.");
  cmd->add_option("FILE", *file, "The file to create")->capture_default_str();
  return [file, &global] { return run_init(*file, global); };
}

}  // namespace dynamodel::cli
