// The loader's field lists and the JSON Schema describe the same format.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "model/fields.hpp"

using namespace dynamodel;

TEST_CASE("the loader and schemas/dynamodel.schema.json agree on every field") {
  std::ifstream in(DYNAMODEL_SOURCE_DIR "/schemas/dynamodel.schema.json");
  REQUIRE(in);
  const auto schema = nlohmann::json::parse(in);
  for (const auto& [kind, fields] : known_fields()) {
    INFO("kind " << kind);
    const nlohmann::json& def = kind == "model" ? schema : schema.at("$defs").at(std::string(kind));
    std::set<std::string> in_schema, in_loader, required_schema, required_loader;
    for (const auto& [name, _] : def.at("properties").items()) in_schema.insert(name);
    if (def.contains("required"))
      for (const auto& r : def.at("required")) required_schema.insert(r.get<std::string>());
    for (const auto& f : fields) {
      in_loader.insert(std::string(f.name));
      if (f.required) required_loader.insert(std::string(f.name));
    }
    CHECK(in_schema == in_loader);
    CHECK(required_schema == required_loader);
    CHECK(def.value("additionalProperties", true) == false);
  }
}
