// Formatters for findings: compiler-style text (optionally coloured) and JSON.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <vector>

#include "diag/diagnostic.hpp"

namespace dynamodel {

/// Writes `file:line:col: severity: message [rule-id]`, one line per finding, then one
/// `file:line:col: note: ...` line per note. With `color`, ANSI colours as compilers use them.
void print_text(std::ostream& out, const std::vector<Diagnostic>& diagnostics, bool color);

/// The findings as a JSON array of objects
/// `{rule, severity, message, file, line, column, path, notes: [{file, line, column, message}]}`.
nlohmann::json to_json(const std::vector<Diagnostic>& diagnostics);

}  // namespace dynamodel
