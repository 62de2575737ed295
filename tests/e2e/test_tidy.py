#!/usr/bin/env python3
"""clang-tidy (the checks of .clang-tidy) finds nothing in the hand-written .cpp files of src/
that changed: those of `git diff --name-only BASE` (the working tree against BASE), BASE being
the merge base with origin/main, or HEAD~1 without one or when it is HEAD (a clean clone of main,
as CI checks it: the last commit's files); the files of the last commit when there
is no HEAD~1 either (a shallow clone). Only changed files: CI has a few minutes on 2 cores, and
clang-tidy takes seconds per file. Any finding fails (--warnings-as-errors=*); no changed file
passes, saying so. First, a planted finding must fail, or the configuration is broken.

  test_tidy.py --build DIR [FILE...]   DIR holds compile_commands.json; FILEs replace the changed ones
"""
import argparse
import concurrent.futures
import os
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def git(*args):
    p = subprocess.run(["git", "-C", REPO, *args], capture_output=True, text=True)
    return p.stdout if p.returncode == 0 else None


def changed_files():
    """The repository's changed paths (relative) and what they were compared with."""
    base = (git("merge-base", "HEAD", "origin/main") or "").strip()
    head = (git("rev-parse", "HEAD") or "").strip()
    # On main itself (a clean clone, as CI runs it) the merge base is HEAD: check the last commit.
    if (not base or base == head) and git("rev-parse", "--verify", "--quiet", "HEAD~1") is not None:
        base = "HEAD~1"
    if base:
        return git("diff", "--name-only", base).split(), f"changed against {base}"
    return git("diff-tree", "--root", "--no-commit-id", "--name-only", "-r", "HEAD").split(), "of the last commit"


def hand_written_sources(paths):
    """The .cpp files of src/ among `paths` that exist and are not generated (`// GENERATED`)."""
    out = []
    for path in paths:
        full = os.path.join(REPO, path)
        if not (path.startswith("src/") and path.endswith(".cpp") and os.path.isfile(full)):
            continue
        with open(full, encoding="utf-8") as fh:
            if fh.readline().startswith("// GENERATED"):
                continue
        out.append(path)
    return sorted(out)


# A raw index loop over a vector (modernize-loop-convert): what .clang-tidy must reject.
PLANTED = """#include <cstddef>
#include <vector>
int planted_sum(const std::vector<int>& v) {
  int s = 0;
  for (std::size_t i = 0; i < v.size(); ++i) s += v[i];
  return s;
}
"""


def planted_finding_fails(tool):
    """Whether clang-tidy, with .clang-tidy, fails on PLANTED (a broken configuration would pass everything)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "planted.cpp")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(PLANTED)
        p = subprocess.run([tool, f"--config-file={os.path.join(REPO, '.clang-tidy')}", "--quiet",
                            "--warnings-as-errors=*", path, "--", "-std=c++20"], capture_output=True, text=True)
    return p.returncode != 0 and "modernize-loop-convert" in p.stdout


def tidy(tool, build, path):
    # compile_commands.json holds the compiler's flags; g++-only ones (-Wno-restrict, CMakeLists.txt)
    # are unknown to clang and would be reported as findings of clang-diagnostic-unknown-warning-option.
    p = subprocess.run([tool, "-p", build, "--quiet", "--warnings-as-errors=*",
                        "--extra-arg=-Wno-unknown-warning-option", path], cwd=REPO,
                       capture_output=True, text=True)
    return path, p.returncode, p.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", required=True, help="the build folder with compile_commands.json")
    ap.add_argument("files", nargs="*", help="check these files (relative to the repository) instead")
    args = ap.parse_args()
    tool = shutil.which("clang-tidy-14") or shutil.which("clang-tidy")
    if not tool:
        print("not ok - clang-tidy is missing (./run.sh test installs clang-tidy-14)")
        return 1
    if not os.path.isfile(os.path.join(args.build, "compile_commands.json")):
        print(f"not ok - no compile_commands.json in {args.build} (CMAKE_EXPORT_COMPILE_COMMANDS)")
        return 1
    if not planted_finding_fails(tool):
        print("not ok - clang-tidy passes a planted finding (modernize-loop-convert): is .clang-tidy broken?")
        return 1
    if args.files:
        files, since = args.files, "given on the command line"
    else:
        paths, since = changed_files()
        files = hand_written_sources(paths)
    if not files:
        print(f"ok - no changed files to check (src/*.cpp {since})")
        return 0
    failed = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for path, rc, output in pool.map(lambda f: tidy(tool, args.build, f), files):
            if rc != 0:
                failed.append(path)
                print(f"not ok - clang-tidy: {path}\n{output[-4000:]}")
    if failed:
        print(f"not ok - {len(failed)} of {len(files)} files have clang-tidy findings (.clang-tidy)")
        return 1
    print(f"ok - {len(files)} files ({since}) pass clang-tidy: {' '.join(files)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
