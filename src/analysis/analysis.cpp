// The analysis (analysis/analysis.hpp).
#include "analysis/analysis.hpp"

namespace dynamodel {

const EntityAnalysis* Analysis::entity(std::string_view name) const {
  for (const auto& e : entities)
    if (e.name == name) return &e;
  return nullptr;
}

Analysis analyze(const Model& model) {
  Analysis a;
  a.coverage = compute_coverage(model);
  return a;
}

nlohmann::json to_json(const Analysis&) { return nlohmann::json::object(); }

}  // namespace dynamodel
