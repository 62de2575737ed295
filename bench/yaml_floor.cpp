// The yaml-cpp floor of `dynamodel validate`: read a model file the way the loader does (whole
// file into memory, YAML::Load) and walk every node, touching each key and scalar. No dynamodel
// code: the time and peak RSS of this program are what parsing alone costs, the baseline that
// bench/scale.py compares `validate` against.
//
// usage: yaml_floor FILE   prints "<nodes> nodes, <bytes> scalar bytes"; exit 1 on error.
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace {

struct Walk {
  std::size_t nodes = 0;
  std::size_t scalar_bytes = 0;

  void visit(const YAML::Node& node) {
    ++nodes;
    switch (node.Type()) {
      case YAML::NodeType::Scalar:
        scalar_bytes += node.Scalar().size();
        break;
      case YAML::NodeType::Sequence:
        for (const auto& child : node) visit(child);
        break;
      case YAML::NodeType::Map:
        for (const auto& kv : node) {
          visit(kv.first);
          visit(kv.second);
        }
        break;
      default:
        break;
    }
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: yaml_floor FILE\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << "yaml_floor: cannot read " << argv[1] << "\n";
    return 1;
  }
  std::ostringstream text;
  text << in.rdbuf();
  try {
    const YAML::Node root = YAML::Load(text.str());
    Walk walk;
    walk.visit(root);
    std::cout << walk.nodes << " nodes, " << walk.scalar_bytes << " scalar bytes\n";
  } catch (const YAML::Exception& e) {
    std::cerr << "yaml_floor: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
