// The loader's readers of the model's parts, kind by kind (internal to src/model): each
// checks its mapping against model/fields.cpp and reads each field once, by name.
#pragma once

#include <vector>

#include "model/model.hpp"
#include "model/reader.hpp"

namespace dynamodel::load {

/// `table:` (load_table.cpp): keys, capacity, settings, secondary indexes.
Table table(Reader& r, const Field& in);

/// `entities:` (load_entities.cpp): each entity with its attributes, keys and expectations.
std::vector<Entity> entities(Reader& r, const Field& in);

/// A filter or condition expression (model/expression.hpp) read from `f`; a bad one is reported
/// at its offending token (load_access_patterns.cpp).
Expression expression(Reader& r, const Field& f);

/// `access_patterns:` (load_access_patterns.cpp): each pattern, its key conditions and
/// transaction actions, and the fields its operation needs.
std::vector<AccessPattern> access_patterns(Reader& r, const Field& in);

/// `principals:` (load_principals.cpp): each named caller, its patterns, leading keys and
/// attribute restriction.
std::vector<Principal> principals(Reader& r, const Field& in);

/// `operations:` (load_operations.cpp): the stream consumers.
Operations operations(Reader& r, const Field& in);

/// `operations.backups` (load_backups.cpp): an AWS Backup plan, or `none`.
Backups backups(Reader& r, const Field& in);

}  // namespace dynamodel::load
