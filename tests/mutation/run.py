#!/usr/bin/env python3
"""Mutation testing for dynamodel: do the fast tests catch realistic bugs?

tests/mutation/mutations.json lists mutations: a file, its exact original text (which must occur
exactly once), the replacement, and the bug it models (a limit, a rounding, an escaper, a default,
a classification). This script copies the tracked (and untracked, not ignored) files of the tree
into a scratch folder (never touching the working tree), builds it once, checks that the fast tests
pass unmutated, then applies each mutation alone, rebuilds incrementally and runs the fast tests:

  unit    build/tests/dynamodel_tests (Catch2: unit tests, rule fixtures, writer, limits)
  golden  tests/golden/run_golden.py (every target's output and validate/report of each case)
  diff    tests/diff/run_diff.py (the golden `dynamodel diff` cases)

in that order, stopping at the first that fails. A mutation is *caught* when a test fails (or
times out), *missed* when all pass. Its original text not found exactly once is an *error* (the
code drifted: update the list); a mutation that does not compile is an *error* too. The score is
caught / (caught + missed).

Usage:
  tests/mutation/run.py                      # every mutation (~1 min each on 2 cores)
  tests/mutation/run.py --only page-ge ...   # some of them
  tests/mutation/run.py --check              # only: every original text occurs exactly once
  tests/mutation/run.py --list               # the mutations and what they model

Options: --budget SECONDS (start no mutation after that; the rest are reported "not run"),
--jobs N (build parallelism, default 2), --work DIR (scratch folder, default a new
/tmp/dynamodel-mutation-*; removed unless --keep), --tests unit,golden,diff, --json FILE (results).
The build uses ccache when it is installed (CCACHE_BASEDIR is set to the scratch copy so that its
objects are shared between runs). Exit status: 0 when every mutation is caught and none is an
error, 1 otherwise, 2 for a broken setup (unmutated tests failing, bad mutation list).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIELDS = ("id", "file", "original", "replacement", "models", "covers")


def load_mutations(path):
    """The mutation list, validated: required fields, unique ids. Raises ValueError."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    mutations = data["mutations"]
    seen = set()
    for i, m in enumerate(mutations):
        missing = [k for k in FIELDS if not isinstance(m.get(k), str)]
        if missing:
            raise ValueError(f"mutation #{i} ({m.get('id', '?')}): missing or non-string {', '.join(missing)}")
        if m["id"] in seen:
            raise ValueError(f"mutation id {m['id']} appears twice")
        if not m["original"] or m["original"] == m["replacement"]:
            raise ValueError(f"mutation {m['id']}: original is empty or equal to the replacement")
        seen.add(m["id"])
    return mutations


def occurrences(root, m):
    """How often the mutation's original text occurs in its file under root (-1: no such file)."""
    path = os.path.join(root, m["file"])
    if not os.path.isfile(path):
        return -1
    with open(path, encoding="utf-8") as f:
        return f.read().count(m["original"])


def check(root, mutations):
    """One line per mutation whose original text does not occur exactly once."""
    problems = []
    for m in mutations:
        n = occurrences(root, m)
        if n == -1:
            problems.append(f"{m['id']}: {m['file']}: no such file")
        elif n != 1:
            problems.append(f"{m['id']}: {m['file']}: original text found {n} times, want exactly once")
    return problems


def tree_files(root):
    """Tracked and untracked-but-not-ignored files of the git tree at root."""
    out = subprocess.run(["git", "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                         capture_output=True, check=True).stdout
    return [p for p in out.decode().split("\0") if p]


def copy_tree(root, dest):
    for rel in tree_files(root):
        src = os.path.join(root, rel)
        if not os.path.isfile(src) or os.path.islink(src):
            continue
        target = os.path.join(dest, rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(src, target)


def build_env(work_src):
    env = dict(os.environ)
    if shutil.which("ccache"):
        env.update(CMAKE_CXX_COMPILER_LAUNCHER="ccache", CMAKE_C_COMPILER_LAUNCHER="ccache",
                   CCACHE_BASEDIR=work_src, CCACHE_NOHASHDIR="true")
    return env


def run_logged(cmd, log, env=None, timeout=None, cwd=None):
    """Runs cmd with output to the open file log; returns the exit code (None: timed out)."""
    log.write(f"\n$ {' '.join(cmd)}\n")
    log.flush()
    try:
        return subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, timeout=timeout, cwd=cwd).returncode
    except subprocess.TimeoutExpired:
        log.write(f"timed out after {timeout} s\n")
        return None


def test_commands(src, build, names):
    binary = os.path.join(build, "dynamodel")
    commands = {
        "unit": [os.path.join(build, "tests", "dynamodel_tests"), "--abort", "--reporter", "compact"],
        "golden": [sys.executable, os.path.join(src, "tests", "golden", "run_golden.py"), "--dynamodel", binary],
        "diff": [sys.executable, os.path.join(src, "tests", "diff", "run_diff.py"), "--dynamodel", binary],
    }
    return [(n, commands[n]) for n in names]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source", default=ROOT, help="the tree to copy (default: this repository)")
    ap.add_argument("--mutations", default=os.path.join(HERE, "mutations.json"))
    ap.add_argument("--only", nargs="+", metavar="ID")
    ap.add_argument("--check", action="store_true", help="only check that every original text occurs once")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--work", help="scratch folder (default: a new one under /tmp)")
    ap.add_argument("--keep", action="store_true", help="keep the scratch folder")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--tests", default="unit,golden,diff")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per test command")
    ap.add_argument("--json", help="write the results here")
    ap.add_argument("--budget", type=int, help="start no mutation after this many seconds (the rest: not run)")
    args = ap.parse_args()

    try:
        mutations = load_mutations(args.mutations)
    except (ValueError, KeyError, json.JSONDecodeError) as e:
        print(f"mutation list: {e}", file=sys.stderr)
        return 2
    if args.only:
        unknown = sorted(set(args.only) - {m["id"] for m in mutations})
        if unknown:
            print(f"unknown mutation ids: {', '.join(unknown)}", file=sys.stderr)
            return 2
        mutations = [m for m in mutations if m["id"] in args.only]
    if args.list:
        for m in mutations:
            print(f"{m['id']:28} {m['file']:42} {m['models']}")
        return 0
    problems = check(args.source, mutations)
    if args.check:
        for p in problems:
            print(p)
        print(f"{len(mutations) - len(problems)}/{len(mutations)} mutations apply")
        return 1 if problems else 0

    names = [n for n in args.tests.split(",") if n]
    work = args.work or tempfile.mkdtemp(prefix="dynamodel-mutation-")
    # The build folder inside the copy, as in a checkout (`build/`): with CCACHE_BASEDIR at the
    # copy, the compiler sees the same relative paths as in any checkout's build/ and ccache reuses
    # its objects. (The unit tests' objects still differ: they embed the absolute source path.)
    src = os.path.join(work, "tree")
    build = os.path.join(src, "build")
    log_path = os.path.join(work, "log.txt")
    os.makedirs(work, exist_ok=True)
    results = []
    started = time.monotonic()
    with open(log_path, "w", encoding="utf-8") as log:
        print(f"scratch copy in {work} (log: {log_path})", flush=True)
        if os.path.isdir(src):
            shutil.rmtree(src)
        copy_tree(args.source, src)
        os.makedirs(build, exist_ok=True)
        env = build_env(src)
        nice = ["nice"] if shutil.which("nice") else []
        # Optimised without debug info: about 40% less compile time per mutation than -O2 -g.
        configure = ["cmake", "-S", src, "-B", build, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
                     "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG"]
        build_cmd = nice + ["cmake", "--build", build, "-j", str(args.jobs), "--target", "dynamodel", "dynamodel_tests"]
        tests = test_commands(src, build, names)
        if run_logged(configure, log, env) != 0 or run_logged(build_cmd, log, env) != 0:
            print(f"the unmutated tree does not build: see {log_path}", file=sys.stderr)
            return 2
        for name, cmd in tests:
            if run_logged(nice + cmd, log, env, args.timeout, cwd=build) != 0:
                print(f"the unmutated tree fails '{name}': see {log_path}", file=sys.stderr)
                return 2
        print(f"baseline: builds, {', '.join(names)} pass ({time.monotonic() - started:.0f} s)", flush=True)

        for m in mutations:
            t0 = time.monotonic()
            if args.budget and t0 - started > args.budget:
                results.append({"id": m["id"], "file": m["file"], "models": m["models"], "covers": m["covers"],
                                "status": "not run", "detail": "time budget spent", "seconds": 0})
                continue
            path = os.path.join(src, m["file"])
            result = {"id": m["id"], "file": m["file"], "models": m["models"], "covers": m["covers"]}
            n = occurrences(src, m)
            if n != 1:
                result.update(status="error", detail="original text not found" if n <= 0 else f"original text found {n} times")
            else:
                with open(path, encoding="utf-8") as f:
                    pristine = f.read()
                log.write(f"\n===== mutation {m['id']} ({m['file']})\n")
                try:
                    with open(path, "w", encoding="utf-8") as f:
                        f.write(pristine.replace(m["original"], m["replacement"], 1))
                    if run_logged(build_cmd, log, env) != 0:
                        result.update(status="error", detail="does not build")
                    else:
                        result.update(status="missed", detail="every test passes")
                        for name, cmd in tests:
                            rc = run_logged(nice + cmd, log, env, args.timeout, cwd=build)
                            if rc != 0:
                                result.update(status="caught", detail=name + (" (timeout)" if rc is None else ""))
                                break
                finally:
                    with open(path, "w", encoding="utf-8") as f:
                        f.write(pristine)
            result["seconds"] = round(time.monotonic() - t0, 1)
            results.append(result)
            print(f"{result['status']:7} {m['id']:28} {result['detail']:24} {m['models']}", flush=True)

    caught = sum(r["status"] == "caught" for r in results)
    missed = sum(r["status"] == "missed" for r in results)
    errors = sum(r["status"] == "error" for r in results)
    not_run = sum(r["status"] == "not run" for r in results)
    scored = caught + missed
    score = 100.0 * caught / scored if scored else 0.0
    print(f"\n{caught} caught, {missed} missed, {errors} errors, {not_run} not run: score {score:.1f}% "
          f"({caught}/{scored}) in {time.monotonic() - started:.0f} s; tests: {', '.join(names)}")
    for r in results:
        if r["status"] != "caught":
            print(f"  {r['status']}: {r['id']} ({r['file']}): {r['detail']}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"score": score, "caught": caught, "missed": missed, "errors": errors, "tests": names,
                       "results": results}, f, indent=2)
    if not args.keep and not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if missed == 0 and errors == 0 and not_run == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
