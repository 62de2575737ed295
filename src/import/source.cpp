// `dynamodel import`: the source text as JSON (JSON, or YAML with CloudFormation's short-form
// tags) and its format told from its content. The only file of the importer that sees yaml-cpp.
#include <yaml-cpp/yaml.h>

#include <string>

#include "import/imported.hpp"

namespace dynamodel::import {
namespace {

using nlohmann::json;

/// A YAML node as JSON: scalars stay strings (CloudFormation reads `5` and `"5"` alike), a
/// tagged node `!Name value` becomes `{"Fn::Name": value}` (`!Ref x` becomes `{"Ref": x}`, and
/// `!GetAtt a.b` becomes `{"Fn::GetAtt": ["a", "b"]}`).
/// Deeper nesting than any table description has: refused before it can exhaust the stack of
/// the recursive copies and dumps.
constexpr int kMaxDepth = 64;

std::string too_deep(const std::string& file) {
  return file + ": nested deeper than " + std::to_string(kMaxDepth) + " levels: not a table description";
}

json to_json(const YAML::Node& node, const std::string& file, int depth = 0) {
  if (depth > kMaxDepth) throw ImportError(too_deep(file));
  json value;
  switch (node.Type()) {
    case YAML::NodeType::Sequence:
      value = json::array();
      for (const auto& element : node) value.push_back(to_json(element, file, depth + 1));
      break;
    case YAML::NodeType::Map:
      value = json::object();
      for (const auto& entry : node) value[entry.first.Scalar()] = to_json(entry.second, file, depth + 1);
      break;
    case YAML::NodeType::Scalar:
      value = node.Scalar();
      break;
    default:
      break;
  }
  const std::string& tag = node.Tag();
  if (tag.size() > 1 && tag[0] == '!') {
    const auto name = tag.substr(1);
    if (name == "Ref") return json{{"Ref", value}};
    if (name == "GetAtt" && value.is_string()) {
      const auto text = value.get<std::string>();
      const auto dot = text.find('.');
      return json{
          {"Fn::GetAtt", json::array({text.substr(0, dot), dot == std::string::npos ? "" : text.substr(dot + 1)})}};
    }
    return json{{"Fn::" + name, value}};
  }
  return value;
}

}  // namespace

json parse_source(const std::string& text, const std::string& file) {
  const json::parser_callback_t limit_depth = [&file](int depth, json::parse_event_t /*event*/, json& /*parsed*/) {
    if (depth > kMaxDepth) throw ImportError(too_deep(file));
    return true;
  };
  auto parsed = json::parse(text, limit_depth, false);
  if (!parsed.is_discarded()) return parsed;
  try {
    const auto node = YAML::Load(text);
    if (!node.IsMap()) throw ImportError(file + ": neither a JSON object nor a YAML mapping");
    return to_json(node, file);
  } catch (const YAML::Exception& e) {
    throw ImportError(file + ": neither JSON nor YAML (line " + std::to_string(e.mark.line + 1) + ": " + e.msg + ")");
  }
}

std::string detect_format(const json& source) {
  if (source.is_object() && source.contains("Table")) return "describe-table";
  if (source.is_object() && source.contains("Resources")) return "cloudformation";
  if (source.is_object() && source.contains("DataModel")) return "workbench";
  if (source.is_object() && source.contains("tables")) return "mcp";
  throw ImportError(
      "cannot tell the format: neither describe-table output (a \"Table\" object), a CloudFormation template "
      "(\"Resources\"), a NoSQL Workbench data model (\"DataModel\") nor an MCP server data model (\"tables\"); "
      "say it with --from");
}

}  // namespace dynamodel::import
