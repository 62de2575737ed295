// Atomic, path-safe writing of generated files.
#include "io/writer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string_view>

namespace dynamodel {
namespace fs = std::filesystem;
namespace {

bool read_file(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  out = text.str();
  return true;
}

/// Checks that `relative` is a plain relative path without `..` and returns it joined to `root`.
fs::path contained_path(const fs::path& root, const std::string& relative) {
  const fs::path rel(relative);
  if (relative.empty() || rel.is_absolute() || rel.has_root_name() || rel.has_root_directory())
    throw OutputError(relative + ": refusing an output path that is not relative to the output folder");
  for (const auto& part : rel)
    if (part == ".." || part == ".") throw OutputError(relative + ": refusing an output path with '.' or '..' in it");
  return root / rel;
}

/// True when `path`, with symbolic links resolved as far as it exists, is inside `root`.
bool inside(const fs::path& root_canonical, const fs::path& path) {
  std::error_code ec;
  const fs::path resolved = fs::weakly_canonical(path, ec);
  if (ec) return false;
  auto r = root_canonical.begin();
  auto p = resolved.begin();
  for (; r != root_canonical.end(); ++r, ++p)
    if (p == resolved.end() || *p != *r) return false;
  return true;
}

void write_all(int fd, const std::string& data, const std::string& name) {
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw OutputError(name + ": cannot write: " + std::strerror(errno));
    }
    done += static_cast<std::size_t>(n);
  }
}

/// Creates `dir` and its missing parents (mode 0777 less the umask), appending each folder
/// it created to `created`, parents first. Throws OutputError.
void create_folders(const fs::path& dir, std::vector<fs::path>& created) {
  std::vector<fs::path> missing;
  std::error_code ec;
  for (fs::path p = dir; !p.empty() && !fs::exists(fs::symlink_status(p, ec)); p = p.parent_path()) {
    missing.push_back(p);
    if (p == p.parent_path()) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (::mkdir(it->c_str(), 0777) == 0)
      created.push_back(*it);
    else if (errno != EEXIST)
      throw OutputError(it->string() + ": cannot create the folder: " + std::strerror(errno));
  }
  if (!fs::is_directory(dir, ec)) throw OutputError(dir.string() + ": exists and is not a folder");
}

/// Removes the folders of `created`, last first, while they are empty (::rmdir: never a
/// folder something else put a file into meanwhile).
void remove_folders(const std::vector<fs::path>& created) {
  for (auto it = created.rbegin(); it != created.rend(); ++it) ::rmdir(it->c_str());
}

/// The folders (absolute, existing, sorted, each once) that `files` go to under `root`.
std::vector<fs::path> target_folders(const fs::path& root, const std::vector<GeneratedFile>& files) {
  std::vector<fs::path> folders;
  std::error_code ec;
  for (const auto& f : files) {
    const fs::path folder = (root / fs::path(f.path)).parent_path();
    if (fs::is_directory(fs::symlink_status(folder, ec))) folders.push_back(folder);
  }
  std::sort(folders.begin(), folders.end());
  folders.erase(std::unique(folders.begin(), folders.end()), folders.end());
  return folders;
}

/// The stray temporaries (absolute paths, sorted) in `folders`: regular files only, so a
/// symbolic link or a folder that happens to match the pattern is never touched.
std::vector<fs::path> temporaries_in(const std::vector<fs::path>& folders) {
  std::vector<fs::path> found;
  std::error_code ec;
  for (const auto& folder : folders)
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
      if (is_temporary_name(it->path().filename().string()) && it->is_regular_file(ec) && !it->is_symlink(ec))
        found.push_back(it->path());
  std::sort(found.begin(), found.end());
  return found;
}

/// fsync of a folder, so that the renames in it survive a crash of the machine.
void flush_folder(const fs::path& folder) {
  int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

/// A file to (re)write: its absolute target and what goes there.
struct Pending {
  fs::path target;
  const GeneratedFile* file;
};

/// Checks every file before anything is touched: inside the folder, not a symbolic link,
/// not a foreign file (unless `force`). Files already identical go to `result.unchanged`
/// (a script that lost its mode gets 0755 back); the others are returned.
std::vector<Pending> check_targets(const fs::path& root, const fs::path& out_dir,
                                   const std::vector<GeneratedFile>& files, bool force, WriteResult& result) {
  std::error_code ec;
  std::vector<Pending> pending;
  for (const auto& f : files) {
    const fs::path target = contained_path(root, f.path);
    if (!inside(root, target)) throw OutputError(f.path + ": refusing to write outside " + out_dir.string());
    if (fs::is_symlink(target, ec))
      throw OutputError((out_dir / f.path).string() + ": is a symbolic link; refusing to replace it");
    if (fs::exists(target, ec)) {
      if (!fs::is_regular_file(target, ec))
        throw OutputError((out_dir / f.path).string() + ": exists and is not a file");
      std::string existing;
      if (!read_file(target, existing))
        throw OutputError((out_dir / f.path).string() + ": cannot read the existing file");
      if (existing == f.contents) {
        if (f.executable) fs::permissions(target, fs::perms(0755), ec);
        result.unchanged.push_back(f.path);
        continue;
      }
      if (!force && existing.substr(0, 1024).find(kGeneratedMarker) == std::string::npos)
        throw OutputError((out_dir / f.path).string() +
                          ": exists and was not generated by dynamodel; use --force to overwrite it");
    }
    pending.push_back({target, &f});
  }
  return pending;
}

/// Deletes what a killed run left behind (temporaries_in the folders of `files`), so that
/// the result equals a clean run's; lists them in `result.removed`.
void remove_strays(const fs::path& root, const std::vector<GeneratedFile>& files, WriteResult& result) {
  for (const auto& stray : temporaries_in(target_folders(root, files))) {
    if (::unlink(stray.c_str()) != 0 && errno != ENOENT)
      throw OutputError(stray.string() + ": cannot remove this stray temporary: " + std::strerror(errno));
    result.removed.push_back(stray.lexically_relative(root).generic_string());
  }
}

/// Writes `p.file` to a new temporary beside `p.target` (its folders created, recorded in
/// `created`), with its mode, flushed to disk; returns the temporary's path.
std::string write_temporary(const fs::path& root, const fs::path& out_dir, const Pending& p,
                            std::vector<fs::path>& created) {
  create_folders(p.target.parent_path(), created);
  if (!inside(root, p.target)) throw OutputError(p.file->path + ": refusing to write outside " + out_dir.string());
  std::string tmp = (p.target.parent_path() / ("." + p.target.filename().string() + ".dynamodel-XXXXXX")).string();
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) throw OutputError(p.target.string() + ": cannot create a temporary file: " + std::strerror(errno));
  try {
    write_all(fd, p.file->contents, p.target.string());
    ::fchmod(fd, p.file->executable ? 0755 : 0644);
    if (::fsync(fd) != 0) throw OutputError(p.target.string() + ": cannot flush: " + std::strerror(errno));
  } catch (...) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  if (::close(fd) != 0) {
    const int error = errno;
    ::unlink(tmp.c_str());
    throw OutputError(p.target.string() + ": cannot close: " + std::strerror(error));
  }
  return tmp;
}

}  // namespace

bool is_temporary_name(const std::string& name) {
  static constexpr std::string_view kInfix = ".dynamodel-";
  constexpr std::size_t kRandom = 6;  // mkstemp's XXXXXX
  if (name.size() < 1 + 1 + kInfix.size() + kRandom || name[0] != '.') return false;
  const std::size_t infix = name.size() - kRandom - kInfix.size();
  if (name.compare(infix, kInfix.size(), kInfix) != 0) return false;
  return std::all_of(name.end() - kRandom, name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

WriteResult write_files(const fs::path& out_dir, const std::vector<GeneratedFile>& files, bool force) {
  std::error_code ec;
  if (fs::exists(out_dir, ec) && !fs::is_directory(out_dir, ec))
    throw OutputError(out_dir.string() + ": exists and is not a folder");
  // Every folder this call creates (the output folder and its missing parents included) and
  // every temporary not yet renamed is removed again when it fails.
  std::vector<fs::path> created;
  std::vector<std::string> temporaries;
  std::size_t renamed = 0;
  WriteResult result;
  std::vector<Pending> pending;
  try {
    create_folders(out_dir, created);
    const fs::path root = fs::canonical(out_dir, ec);
    if (ec) throw OutputError(out_dir.string() + ": " + ec.message());
    pending = check_targets(root, out_dir, files, force, result);  // before touching anything
    remove_strays(root, files, result);
    for (const auto& p : pending) temporaries.push_back(write_temporary(root, out_dir, p, created));
    for (; renamed < pending.size(); ++renamed) {
      const fs::path& target = pending[renamed].target;
      if (::rename(temporaries[renamed].c_str(), target.c_str()) != 0)
        throw OutputError(target.string() + ": cannot move the new file into place: " + std::strerror(errno));
    }
    for (const auto& folder : target_folders(root, files)) flush_folder(folder);
  } catch (const std::exception& e) {
    for (std::size_t i = renamed; i < temporaries.size(); ++i) ::unlink(temporaries[i].c_str());
    remove_folders(created);
    if (renamed == 0) throw;
    // Only a rename can fail after another one worked: those files stay, complete.
    std::vector<std::string> replaced;
    for (std::size_t i = 0; i < renamed; ++i) replaced.push_back(pending[i].file->path);
    throw OutputError(e.what(), std::move(replaced));
  }
  for (const auto& p : pending) result.written.push_back(p.file->path);
  return result;
}

std::vector<std::string> stray_temporaries(const fs::path& out_dir, const std::vector<GeneratedFile>& files) {
  std::error_code ec;
  const fs::path root = fs::canonical(out_dir, ec);
  if (ec) return {};
  std::vector<std::string> strays;
  for (const auto& stray : temporaries_in(target_folders(root, files)))
    strays.push_back(stray.lexically_relative(root).generic_string());
  return strays;
}

std::vector<std::string> differing_files(const fs::path& out_dir, const std::vector<GeneratedFile>& files) {
  std::vector<std::string> differ;
  for (const auto& f : files) {
    std::string existing;
    if (!read_file(out_dir / f.path, existing) || existing != f.contents) differ.push_back(f.path);
  }
  return differ;
}

}  // namespace dynamodel
