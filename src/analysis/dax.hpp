// The DynamoDB Accelerator (DAX) cluster of a table (model `operations.dax`): the names of its
// resources, the IAM actions its role needs, and what DAX does with each access pattern (cached
// in the item or the query cache, written through, or passed through to DynamoDB uncached).
// Every target, the report and the operations/dax-* rules use these, so they say the same thing.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.concepts.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.consistency.html
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"

namespace dynamodel {

/// CreateCluster's ClusterName: 1 to 20 letters, digits or hyphens, a letter first, no trailing
/// hyphen and no two consecutive hyphens (stored lowercase).
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_dax_CreateCluster.html
inline constexpr std::size_t kDaxClusterNameMax = 20;
/// The parameter group's two parameters, integer milliseconds; DAX's default for both is 300000.
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_dax_UpdateParameterGroup.html
inline constexpr std::string_view kDaxItemTtlParameter = "record-ttl-millis";
inline constexpr std::string_view kDaxQueryTtlParameter = "query-ttl-millis";

/// Whether `name` follows the ClusterName rules above (any case).
bool is_dax_cluster_name(std::string_view name);

/// What follows `<environment>-` in the DAX resources' names: `operations.dax.name`, or derived
/// from the table's name: lowercase, every run of other characters a single '-', leading
/// non-letters dropped, cut to 11 characters (so an environment of up to 8 fits in 20), no
/// trailing '-'; "dax" when nothing is left. Deterministic.
std::string dax_base_name(const Model& m);

/// The longest environment prefix the DAX names leave room for (20 - 1 - base), at least 1.
std::int64_t dax_environment_max_length(const Model& m);

/// The DynamoDB actions the DAX role allows on the table and its indexes: those DAX performs on
/// an application's behalf (the DAX guide's service-role policy). Transactions through DAX are
/// authorized per item by these same actions.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.create-cluster.cli.create-service-role.html
const std::vector<std::string>& dax_role_actions();

/// What DAX does with one access pattern.
enum class DaxPath {
  item_cache,    ///< eventually consistent GetItem/BatchGetItem: served from the item cache
  query_cache,   ///< eventually consistent Query/Scan: served from the query cache
  pass_through,  ///< strongly consistent or transactional read: sent to DynamoDB, not cached
  write_through  ///< a write: to DynamoDB first, then the item cache
};
std::string_view to_string(DaxPath p);

struct DaxPattern {
  const AccessPattern* pattern = nullptr;
  DaxPath path = DaxPath::item_cache;
  std::string why;  ///< one sentence for the report and the rules
};

/// Every access pattern of `m`, in file order, with what DAX does with it.
std::vector<DaxPattern> dax_patterns(const Model& m);

}  // namespace dynamodel
