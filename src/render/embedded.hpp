// Templates embedded into the binary at build time (see cmake/embed_templates.cmake).
#pragma once

#include <string_view>
#include <vector>

namespace dynamodel {

/// One file of the `templates/` folder: its path relative to that folder
/// (`cloudformation/table.yaml.mustache`) and its bytes.
struct EmbeddedFile {
  std::string_view path;
  std::string_view contents;
};

/// Every embedded template, sorted by path.
const std::vector<EmbeddedFile>& embedded_templates();

}  // namespace dynamodel
