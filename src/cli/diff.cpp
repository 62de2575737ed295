// `dynamodel diff OLD NEW` / `dynamodel diff FILE --base GIT-REF`: classify the changes between
// two versions of a model and print the rollout plan (diff/diff.hpp).
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "cli/cli.hpp"
#include "diff/diff.hpp"
#include "model/loader.hpp"
#include "rules/catalogue.hpp"

namespace dynamodel::cli {
namespace {

struct DiffOptions {
  std::vector<std::string> files;
  std::string base;
  std::string format = "text";
};

struct Captured {
  int status = -1;
  std::string out, err;
};

/// Runs `argv` (no shell) in `dir`; captures stdout and stderr. Throws InputError when it cannot start.
Captured run_capture(const std::vector<std::string>& argv, const std::string& dir) {
  int out_pipe[2], err_pipe[2];
  if (::pipe(out_pipe) != 0 || ::pipe(err_pipe) != 0) throw InputError("cannot create a pipe for " + argv[0]);
  const pid_t pid = ::fork();
  if (pid < 0) throw InputError("cannot start " + argv[0]);
  if (pid == 0) {
    ::dup2(out_pipe[1], 1);
    ::dup2(err_pipe[1], 2);
    ::close(out_pipe[0]), ::close(err_pipe[0]), ::close(out_pipe[1]), ::close(err_pipe[1]);
    if (!dir.empty() && ::chdir(dir.c_str()) != 0) ::_exit(126);
    std::vector<char*> args;
    args.reserve(argv.size() + 1);
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  ::close(out_pipe[1]), ::close(err_pipe[1]);
  Captured c;
  // Read both pipes; git's stderr is short, so read stdout to the end first.
  char buf[65536];
  for (ssize_t n; (n = ::read(out_pipe[0], buf, sizeof buf)) > 0;) c.out.append(buf, static_cast<std::size_t>(n));
  for (ssize_t n; (n = ::read(err_pipe[0], buf, sizeof buf)) > 0;) c.err.append(buf, static_cast<std::size_t>(n));
  ::close(out_pipe[0]), ::close(err_pipe[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  c.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (c.status == 127) throw InputError("cannot run " + argv[0] + " (is it installed?)");
  return c;
}

std::string first_line(const std::string& s) {
  const auto nl = s.find('\n');
  return nl == std::string::npos ? s : s.substr(0, nl);
}

/// Loads a model from text; throws InputError (exit 2) on structural errors, naming the first.
Model load_or_throw(LoadResult loaded, const std::string& what) {
  if (!loaded.model) {
    std::string message = what + " does not load";
    for (const auto& d : loaded.diagnostics)
      if (d.severity == Severity::error) {
        message += ": " + d.location.file.str() + ":" + std::to_string(d.location.line) + ":" +
                   std::to_string(d.location.column) + ": " + d.message + " [" + d.rule + "]";
        break;
      }
    throw InputError(message);
  }
  return std::move(*loaded.model);
}

/// The version of `file` at git revision `ref`, or nullopt when the file did not exist there.
std::optional<Model> load_at_ref(const std::string& file, const std::string& ref) {
  namespace fs = std::filesystem;
  if (ref.empty() || ref[0] == '-') throw InputError("--base: not a git revision: '" + ref + "'");
  const fs::path abs = fs::absolute(file);
  const std::string dir = abs.parent_path().string();
  const Captured top = run_capture({"git", "rev-parse", "--show-toplevel"}, dir);
  if (top.status != 0) throw InputError("--base: " + file + " is not in a git repository: " + first_line(top.err));
  std::string root = top.out;
  while (!root.empty() && (root.back() == '\n' || root.back() == '\r')) root.pop_back();
  const Captured commit = run_capture({"git", "rev-parse", "--verify", "--quiet", ref + "^{commit}"}, dir);
  if (commit.status != 0) throw InputError("--base: unknown git revision '" + ref + "'");
  std::error_code ec;
  const fs::path rel = fs::relative(fs::weakly_canonical(abs, ec), fs::canonical(root, ec), ec);
  const std::string spec = ref + ":" + rel.generic_string();
  const Captured exists = run_capture({"git", "cat-file", "-e", spec}, root);
  if (exists.status != 0) return std::nullopt;
  const Captured shown = run_capture({"git", "show", spec}, root);
  if (shown.status != 0) throw InputError("git show " + spec + ": " + first_line(shown.err));
  if (shown.out.size() > kMaxModelFileBytes) throw InputError(spec + ": larger than the model size limit");
  return load_or_throw(load_model_text(shown.out, spec, known_rule_ids()), spec);
}

int run_diff(const DiffOptions& o, const GlobalOptions& global) {
  std::optional<Model> old_model;
  std::string new_file;
  if (!o.base.empty()) {
    if (o.files.size() != 1) throw CLI::ValidationError("diff --base takes exactly one FILE");
    new_file = o.files[0];
    old_model = load_at_ref(new_file, o.base);
  } else {
    if (o.files.size() != 2) throw CLI::ValidationError("diff takes OLD and NEW, or FILE --base GIT-REF");
    old_model = load_or_throw(load_model_file(o.files[0], known_rule_ids()), o.files[0]);
    new_file = o.files[1];
  }
  const Model new_model = load_or_throw(load_model_file(new_file, known_rule_ids()), new_file);
  const diff::Result r = diff::compare(old_model, new_model);
  if (o.format == "json")
    *global.out << diff::to_json_text(r);
  else if (o.format == "md")
    *global.out << diff::to_markdown(r);
  else
    *global.out << diff::to_text(r);
  return r.one_safe_step() ? kExitOk : kExitFindings;
}

}  // namespace

Command register_diff(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<DiffOptions>();
  CLI::App* cmd =
      app.add_subcommand("diff",
                         "Compare two versions of a model (OLD NEW, or FILE --base GIT-REF read with `git show`)\n"
                         "and classify each change for a table that holds data: in-place, multi-step,\n"
                         "replacement (data loss) or backfill (rules change/*). Prints the rollout plan: the\n"
                         "ordered deployments (one GSI created or deleted per deployment) and backfill jobs.\n"
                         "Exit 0 when the change is one safe deployment, 1 when it is not, 2 on errors.");
  cmd->footer(
      "Exit codes: 0 the change is one safe deployment, 1 it is not (replacement, several steps or a\nbackfill), 2 "
      "usage or input error (a model that does not load, an unknown git ref).");
  cmd->add_option("FILE", o->files, "OLD NEW model files, or one FILE with --base")->required()->expected(1, 2);
  cmd->add_option("--base", o->base,
                  "Git revision of the old version (e.g. origin/main); a file absent there is all new");
  cmd->add_option("--format", o->format, "Output format: text, json or md (a pull-request comment)")
      ->check(CLI::IsMember({"text", "json", "md"}))
      ->capture_default_str();
  return [o, &global] {
    try {
      return run_diff(*o, global);
    } catch (const CLI::ValidationError& e) {
      global.error(e.what());
      return static_cast<int>(kExitUsage);
    }
  };
}

}  // namespace dynamodel::cli
