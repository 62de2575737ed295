// `dynamodel init [FILE]`: write a commented starter model (never over an existing file).
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <cctype>
#include <filesystem>
#include <iostream>

#include "cli/cli.hpp"
#include "render/renderer.hpp"

namespace dynamodel::cli {
namespace {

/// `name` for a model in `file`: the file name without `.yaml`/`.yml` (and a `.dynamodel`
/// suffix), lower case, other characters as `-`; for `dynamodel.yaml` the folder's name.
/// The loader's rule for model names: lowercase letters, digits and `-`.
std::string model_name_for(const std::filesystem::path& file) {
  std::string stem = file.stem().string();
  if (stem.size() > 10 && stem.substr(stem.size() - 10) == ".dynamodel") stem.resize(stem.size() - 10);
  if (stem == "dynamodel") stem = std::filesystem::absolute(file).parent_path().filename().string();
  std::string name;
  for (char c : stem) {
    const char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9'))
      name += l;
    else if (!name.empty() && name.back() != '-')
      name += '-';
  }
  while (!name.empty() && name.back() == '-') name.pop_back();
  return name.empty() ? "starter" : name;
}

/// The DynamoDB table name for model `name`: its words in CamelCase (`orders-service` ->
/// `OrdersService`), at least 3 characters (naming/table-name).
std::string table_name_for(const std::string& name) {
  std::string out;
  bool upper = true;
  for (char c : name) {
    if (c == '-') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  while (out.size() < 3) out += "Table";
  return out;
}

/// The installed JSON Schema (`<prefix>/share/dynamodel/schemas/dynamodel.schema.json` beside
/// the running binary), or the repository's when running from a build folder; empty when
/// neither exists.
std::string schema_path() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  for (const auto& candidate : {exe.parent_path().parent_path() / "share/dynamodel/schemas/dynamodel.schema.json",
                                exe.parent_path().parent_path() / "schemas/dynamodel.schema.json"})
    if (std::filesystem::is_regular_file(candidate, ec)) return candidate.lexically_normal().string();
  return {};
}

int run_init(const std::string& file, const GlobalOptions& global) {
  if (file.find_first_of("\n\r") != std::string::npos) {
    global.error("the file name holds a line break; choose another name");
    return kExitUsage;
  }
  const std::filesystem::path path(file);
  const std::string name = model_name_for(path);
  const std::string schema = schema_path();
  const nlohmann::json view = {{"name", name},
                               {"table_name", table_name_for(name)},
                               {"file", file},
                               {"schema", schema},
                               {"has_schema", !schema.empty() && schema.find_first_of("\n\r") == std::string::npos}};
  const std::string starter = render_template("init/starter.yaml.mustache",
                                              TemplateSource{}.load("init/starter.yaml.mustache"), view, escape_yaml);
  std::error_code ec;
  if (path.has_parent_path() && !std::filesystem::is_directory(path.parent_path(), ec)) {
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) {
      global.error("cannot create the folder " + path.parent_path().string() + ": " + ec.message());
      return kExitUsage;
    }
  }
  // O_EXCL: never overwrite, even when another process creates the file meanwhile.
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd < 0) {
    if (errno == EEXIST) {
      global.error(file + " already exists; not overwriting it (choose another name: dynamodel init FILE)");
    } else {
      global.error("cannot create " + file + ": " + std::strerror(errno));
    }
    return kExitUsage;
  }
  std::size_t done = 0;
  while (done < starter.size()) {
    const ssize_t n = ::write(fd, starter.data() + done, starter.size() - done);
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      global.error("cannot write " + file + ": " + std::strerror(err));
      return kExitUsage;
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) {
    global.error("cannot write " + file + ": " + std::strerror(errno));
    return kExitUsage;
  }
  *global.out << "wrote " << file << "; next: dynamodel validate " << file << '\n';
  return kExitOk;
}

}  // namespace

Command register_init(CLI::App& app, const GlobalOptions& global) {
  auto file = std::make_shared<std::string>("dynamodel.yaml");
  CLI::App* cmd =
      app.add_subcommand("init",
                         "Write a commented starter model (a single-table design with two entities, one GSI and\n"
                         "three access patterns that validates clean), named after the file (or, for\n"
                         "dynamodel.yaml, its folder); creates the folder when missing. Never overwrites a file.");
  cmd->add_option("FILE", *file, "The file to create")->capture_default_str();
  cmd->footer("Exit codes: 0 written, 2 the file exists or cannot be written (nothing written).");
  return [file, &global] { return run_init(*file, global); };
}

}  // namespace dynamodel::cli
