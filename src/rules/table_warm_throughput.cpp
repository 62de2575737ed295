// table/warm-throughput: warm throughput below DynamoDB's minimum (12,000 reads, 4,000 writes per second).
#include <cstdint>
#include <string>

#include "rules/rule.hpp"

namespace dynamodel {
namespace {
/// DynamoDB's smallest warm throughput of a table or GSI, in units per second (also the value a
/// new on-demand table starts with): warm-throughput.html; the Terraform provider documents the
/// same minimums for `warm_throughput.read_units_per_second` / `write_units_per_second`.
constexpr std::int64_t kMinWarmReadUnits = 12000;
constexpr std::int64_t kMinWarmWriteUnits = 4000;

void check(const WarmThroughput& w, const std::string& what, const std::string& path, Findings& f) {
  if (w.read && *w.read < kMinWarmReadUnits)
    f.report(w.source.at("read"), path + ".read",
             what + " warm_throughput.read is " + std::to_string(*w.read) + " read units/s; DynamoDB's minimum is " +
                 std::to_string(kMinWarmReadUnits));
  if (w.write && *w.write < kMinWarmWriteUnits)
    f.report(w.source.at("write"), path + ".write",
             what + " warm_throughput.write is " + std::to_string(*w.write) + " write units/s; DynamoDB's minimum is " +
                 std::to_string(kMinWarmWriteUnits));
}
}  // namespace

extern const Rule kTableWarmThroughput = {
    {"table/warm-throughput", Severity::error,
     "`warm_throughput` below DynamoDB's minimum of 12,000 read or 4,000 write units per second",
     "Warm throughput is the read and write rate a table or GSI can serve instantly. Every table starts with at "
     "least 12,000 read and 4,000 write units per second, and a warm throughput can only be set at or above "
     "those minimums (the request is refused otherwise).",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/warm-throughput.html",
     "table:\n  warm_throughput: {read: 2000, write: 1000}\n",
     "table:\n  warm_throughput: {read: 12000, write: 4000}\n", ""},
    [](const Model& m, const Analysis&, Findings& f) {
      if (m.table.warm_throughput) check(*m.table.warm_throughput, "the table's", "table.warm_throughput", f);
      for (const auto& g : m.table.global_secondary_indexes)
        if (g.warm_throughput)
          check(*g.warm_throughput, "GSI '" + g.name + "':", g.source.path_of("warm_throughput"), f);
    }};
}  // namespace dynamodel
