// table/replica-stream: global table replication needs a NEW_AND_OLD_IMAGES stream.
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kTableReplicaStream = {
    {"table/replica-stream", Severity::error, "replicas declared with a stream view other than NEW_AND_OLD_IMAGES",
     "Global tables replicate through DynamoDB Streams with both images; a table with replicas must have "
     "StreamViewType NEW_AND_OLD_IMAGES (leave `stream` out and dynamodel sets it).",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_reqs_bestpractices.html",
     R"(table:
  replicas: [eu-west-1]
  stream: KEYS_ONLY)",
     R"(table:
  replicas: [eu-west-1]
  stream: NEW_AND_OLD_IMAGES   # or leave stream out)",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      const Table& t = m.table;
      if (t.replicas.empty() || !t.stream || *t.stream == StreamView::NEW_AND_OLD_IMAGES) return;
      f.report(t.source.at("stream"), "table.stream",
               "a table with replicas needs stream NEW_AND_OLD_IMAGES, not " + std::string(to_string(*t.stream)),
               {Note{t.source.at("replicas"), "replicas are declared here"}});
    }};
}  // namespace dynamodel
