// What one UpdateItem writes: the attribute paths of its UpdateExpression, shared by the rule
// that judges them (access/update-expression) and the C++ generator that writes them.
#pragma once

#include <string>
#include <vector>

#include "model/model.hpp"

namespace dynamodel {

/// One attribute path an UpdateItem writes, and why.
struct UpdateWrite {
  enum class Why { set, add, rebuilt_key, version };
  std::string attribute;
  Why why = Why::set;
  const EntityKey* key = nullptr;  ///< for rebuilt_key: the entity's key template rebuilt
  /// For rebuilt_key of an index the entity enters conditionally (index_when): the condition
  /// that decides between SET of the key and REMOVE.
  const IndexMembership* membership = nullptr;
};

/// The attribute paths an UpdateItem of entity `e` writes, in the order of the generated
/// UpdateExpression: each attribute of `set` (SET, or REMOVE when the caller passes no value),
/// each of `add` (ADD), every key of the entity outside the table's primary key whose template
/// uses a set attribute (SET of the rebuilt key value; not when the template is that attribute
/// alone, `status: "{status}"`, which the SET of the attribute writes already), and every key of
/// an index the entity enters conditionally (index_when) whose template or condition uses a set
/// or added attribute (its membership decides between SET and REMOVE), then with
/// `lock` the entity's `role: version` attribute. Names that are no attribute of `e` are left
/// out (access/unknown-attribute reports them). Repeats and primary-key attributes are kept:
/// DynamoDB refuses both ("Two document paths overlap", "This attribute is part of the key"),
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html
std::vector<UpdateWrite> update_writes(const Model& m, const Entity& e, const std::vector<std::string>& set,
                                       const std::vector<std::string>& add, bool lock);

/// True when `attribute` is the table's partition key or sort key.
bool is_primary_key_attribute(const Model& m, const std::string& attribute);

}  // namespace dynamodel
