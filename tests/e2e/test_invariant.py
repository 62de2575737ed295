#!/usr/bin/env python3
"""The invariant of issue 12, item 4: the rules are the only judge of a model.

Over every dynamodel model in examples/ and tests/ (golden models, rule fixtures, crosscheck,
cpp_accessors, diff cases, schema cases: every *.yaml whose top level has `dynamodel:`, and every
tests/rules fixture, parseable or not):
  1. `dynamodel validate --format json` gives the model's findings;
  2. zero errors -> `dynamodel generate --target all` exits 0 (never 2: a generator that refuses
     a model the rules passed is an internal error);
     errors -> `generate --target all` exits 1, writes nothing, and prints exactly the same error
     findings (file:line:col and rule id, as a multiset);
  3. every artefact of the models that generated passes its real tool: ONE cfn-lint run over all
     CloudFormation templates (errors only: E-rules), `hclfmt -require-no-change` on every .tf,
     `bash -n` on every script and ONE shellcheck run over all of them, ONE strict `tsc`
     compilation of every CDK app (the projects' own compiler options, as tests/e2e/test_cdk.py),
     and `g++ -fsyntax-only` (C++20, -Wall -Wextra -Werror, nlohmann/json precompiled) on the
     accessors, runtime and self-tests of the golden and crosscheck models (SELFTEST_GROUPS;
     identical files once; 2 in parallel). Those of examples/ and tests/cpp_accessors/ are
     compiled with the same flags, linked and run by the cpp_accessors test
     (tests/e2e/test_cpp_accessors.py), so not twice. With DYNAMODEL_INVARIANT_CPP=all also
     on the accessors of every other model (rule fixtures, diff and schema cases): ~10 CPU-minutes,
     too long for CI, so a run outside CI.
Prints the models it covered and their count. Ends with `N passed, M failed`.
"""
import argparse
import collections
import concurrent.futures
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from report import Report  # noqa: E402
from tools import HCLFMT, REPO, TOOLS_DIR, node_bin, sibling_tool  # noqa: E402

JOBS = 2
# `dynamodel generate` prints each finding as `file:line:col: severity: message [rule-id]`.
FINDING = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): error: .* \[(?P<rule>[a-z0-9/_-]+)\]$")
SELFTEST_GROUPS = ("tests/golden", "tests/crosscheck")
# Compiled (same flags), linked and run by tests/e2e/test_cpp_accessors.py instead.
CPP_ACCESSORS_GROUPS = ("examples", "tests/cpp_accessors")
MODEL_TOP = re.compile(rb"^dynamodel\s*:", re.M)
# Every folder that must contribute models: a glob that found nothing means the discovery broke.
EXPECTED_GROUPS = ("examples", "tests/golden", "tests/rules", "tests/crosscheck", "tests/cpp_accessors",
                   "tests/diff", "tests/schema")


def model_files():
    """Every dynamodel model under examples/ and tests/, sorted; generated outputs (golden
    `expected/` folders) and the npm tools are not models."""
    found = []
    for root in ("examples", "tests"):
        for path in glob.glob(os.path.join(REPO, root, "**", "*.yaml"), recursive=True):
            rel = os.path.relpath(path, REPO)
            parts = rel.split(os.sep)
            if "expected" in parts or parts[:2] == ["tests", "tools"]:
                continue
            with open(path, "rb") as fh:
                head = fh.read()
            if parts[:2] == ["tests", "rules"] or MODEL_TOP.search(head):
                found.append(rel)
    return sorted(found)


def group_of(rel):
    for g in EXPECTED_GROUPS:
        if rel == g or rel.startswith(g + "/"):
            return g
    return "other"


def run(cmd, timeout=120, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, errors="replace", timeout=timeout, **kw)


def judge(binary, rel, out):
    """Validates and generates one model (cwd = the repository, so paths are as written)."""
    v = run([binary, "--color", "never", "validate", "--format", "json", "--fail-on", "none", rel], cwd=REPO)
    try:
        findings = json.loads(v.stdout) if v.returncode == 0 else None
    except json.JSONDecodeError:
        findings = None
    g = run([binary, "--color", "never", "generate", rel, "--target", "all", "--out", out], cwd=REPO)
    return rel, out, v, findings, g


def error_keys(findings):
    return collections.Counter((f["file"], f["line"], f["column"], f["rule"]) for f in findings
                               if f["severity"] == "error")


def printed_errors(stderr):
    keys = collections.Counter()
    for line in stderr.splitlines():
        m = FINDING.match(line)
        if m:
            keys[(m["file"], int(m["line"]), int(m["column"]), m["rule"])] += 1
    return keys


def files_under(outs, *patterns):
    found = []
    for out in outs:
        for pattern in patterns:
            found += glob.glob(os.path.join(out, pattern), recursive=True)
    return sorted(found)


def check_cfn_lint(rep, outs, owner):
    templates = files_under(outs, "cloudformation/**/*.yaml", "cloudformation/**/*.json")
    if not rep.check("(all)", "CloudFormation templates to lint", templates, "none generated"):
        return
    p = run([sibling_tool("cfn-lint"), "--format", "parseable", "--", *templates], timeout=300)
    errors = collections.defaultdict(list)
    for line in p.stdout.splitlines():
        # path:line:col:endline:endcol:RULE:message; E-rules are errors.
        fields = line.split(":", 6)
        if len(fields) == 7 and fields[5].startswith("E"):
            errors[owner(fields[0])].append(line)
    for model in sorted({owner(t) for t in templates}):
        rep.check(model, "cfn-lint: no error", not errors.get(model), " | ".join(errors.get(model, []))[:1500])
    rep.ok("(all)", f"cfn-lint over {len(templates)} templates")


def each_file(rep, owner, files, command, **kw):
    """Runs `command + [file]` on every file (a few at once); a non-zero exit fails the file's model."""
    def one(f):
        p = run([*command, f], **kw)
        return f, p.returncode, p.stdout + p.stderr

    with concurrent.futures.ThreadPoolExecutor(JOBS * 2) as pool:
        for f, code, text in pool.map(one, files):
            if code != 0:
                rep.fail(owner(f), f"{' '.join(os.path.basename(c) for c in command)} {os.path.basename(f)}",
                         text[:800])


def check_hclfmt(rep, outs, owner):
    files = files_under(outs, "terraform/**/*.tf")
    if not rep.check("(all)", "Terraform files to format", files, "none generated"):
        return
    each_file(rep, owner, files, [HCLFMT, "-require-no-change"], stdin=subprocess.DEVNULL)
    rep.ok("(all)", f"hclfmt -require-no-change over {len(files)} files")


def check_scripts(rep, outs, owner):
    scripts = files_under(outs, "cli/**/*.sh")
    if not rep.check("(all)", "scripts to check", scripts, "none generated"):
        return

    each_file(rep, owner, scripts, ["bash", "-n"])
    rep.ok("(all)", f"bash -n over {len(scripts)} scripts")
    if not rep.check("(all)", "shellcheck on PATH", shutil.which("shellcheck"), "install shellcheck"):
        return
    p = run(["shellcheck", "--shell=bash", "--severity=style", "--format=gcc", *scripts], timeout=300)
    bad = collections.defaultdict(list)
    for line in p.stdout.splitlines():
        bad[owner(line.split(":", 1)[0])].append(line)
    for model in sorted({owner(s) for s in scripts}):
        rep.check(model, "shellcheck: no finding", not bad.get(model), " | ".join(bad.get(model, []))[:1500])
    rep.check("(all)", f"shellcheck over {len(scripts)} scripts", p.returncode == 0 or bad, p.stderr[-800:])


def strip_jsonc(text):
    return json.loads("\n".join(line for line in text.splitlines() if not line.strip().startswith("//")))


def check_tsc(rep, tmp, outs, owner):
    projects = sorted(os.path.dirname(p) for p in files_under(outs, "cdk/*/tsconfig.json"))
    if not rep.check("(all)", "CDK projects to compile", projects, "none generated"):
        return
    tsc = node_bin("tsc")
    if not rep.check("(all)", "tsc installed", os.path.exists(tsc), f"need {tsc} (npm ci in tests/tools)"):
        return
    with open(os.path.join(projects[0], "tsconfig.json"), encoding="utf-8") as fh:
        own = strip_jsonc(fh.read())
    options = dict(own["compilerOptions"], rootDir=".", noEmit=True)
    options.pop("outDir", None)
    rep.check("(all)", "tsconfig strict", options.get("strict") is True, f"compilerOptions {options}")
    include = [os.path.relpath(os.path.join(p, d, "*.ts"), tmp) for p in projects for d in ("bin", "lib")]
    with open(os.path.join(tmp, "tsconfig.json"), "w", encoding="utf-8") as fh:
        json.dump({"compilerOptions": options, "include": include}, fh, indent=2)
    os.symlink(os.path.join(TOOLS_DIR, "node_modules"), os.path.join(tmp, "node_modules"))
    p = run([tsc, "-p", tmp, "--pretty", "false"], timeout=600, cwd=tmp)
    errors = collections.defaultdict(list)
    for line in (p.stdout + p.stderr).splitlines():
        if re.match(r"^\S.*\.ts\(\d+,\d+\): error", line):
            errors[owner(os.path.join(tmp, line.split("(", 1)[0]))].append(line)
    for model in sorted({owner(p) for p in projects}):
        rep.check(model, "tsc (strict): no error", not errors.get(model), " | ".join(errors.get(model, []))[:1500])
    rep.check("(all)", f"one tsc run over {len(projects)} CDK apps", p.returncode == 0 or errors,
              (p.stdout + p.stderr)[-800:])


def check_cpp(rep, outs, owner):
    # The accessors (<model>.cpp), runtime and self-test (<model>_selftest.cpp, ~3 CPU-s each) of
    # the models of SELFTEST_GROUPS; those of CPP_ACCESSORS_GROUPS are built and run by the
    # cpp_accessors test. The accessors of the rule fixtures, diff and schema cases (~140 models,
    # ~4 CPU-s each), and everything of CPP_ACCESSORS_GROUPS, are compiled only with
    # DYNAMODEL_INVARIANT_CPP=all: in CI that would take ~5 minutes of the budget.
    every = os.environ.get("DYNAMODEL_INVARIANT_CPP") == "all"
    with_selftest = SELFTEST_GROUPS + CPP_ACCESSORS_GROUPS
    sources = [s for s in files_under(outs, "cpp/**/*.cpp")
               if (every or group_of(owner(s)) in SELFTEST_GROUPS)
               and (not s.endswith("_selftest.cpp") or group_of(owner(s)) in with_selftest)]
    if not rep.check("(all)", "C++ files to compile", sources, "none generated"):
        return
    # The runtime is the same file in every model folder: compile each distinct content once.
    unique = {}
    for s in sources:
        with open(s, "rb") as fh:
            unique.setdefault(hashlib.sha256(fh.read()).hexdigest() + os.path.basename(s), s)
    cxx = os.environ.get("CXX", "g++")
    flags = ["-std=c++20", "-Wall", "-Wextra", "-Werror"]  # the generated CMakeLists.txt: cxx_std_20
    # nlohmann/json dominates the parse time: precompile it once (a header of the same flags);
    # g++ falls back to the plain header if the precompiled one does not fit.
    pch = os.path.join(os.path.dirname(outs[0]), "pch", "json_pch.hpp")
    os.makedirs(os.path.dirname(pch), exist_ok=True)
    with open(pch, "w", encoding="utf-8") as fh:
        fh.write("#include <nlohmann/json.hpp>\n#include <chrono>\n#include <optional>\n#include <set>\n"
                 "#include <string>\n#include <vector>\n")
    p = run([cxx, *flags, "-x", "c++-header", pch, "-o", pch + ".gch"], timeout=300)
    rep.check("(all)", "precompiled nlohmann/json header", p.returncode == 0, p.stderr[-800:])

    def one(src):
        folder = os.path.dirname(src)
        while not os.path.isdir(os.path.join(folder, "dynamodel")) and folder != os.path.dirname(folder):
            folder = os.path.dirname(folder)
        p = run([cxx, *flags, "-fsyntax-only", "-include", pch, "-I", folder, "-I", os.path.dirname(src), src],
                timeout=300)
        return src, p.returncode, p.stderr

    with concurrent.futures.ThreadPoolExecutor(JOBS) as pool:
        for src, code, text in pool.map(one, sorted(unique.values())):
            rep.check(owner(src), f"g++ -fsyntax-only {os.path.basename(src)}", code == 0, text[-1500:])
    rep.ok("(all)", f"g++ -fsyntax-only over {len(unique)} distinct files of {len(sources)}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dynamodel", required=True)
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder and print it")
    args = ap.parse_args()
    binary = os.path.abspath(args.dynamodel)
    rep = Report()
    started = time.monotonic()
    timings = {}

    models = model_files()
    groups = collections.Counter(group_of(m) for m in models)
    for g in EXPECTED_GROUPS:
        rep.check("(all)", f"models found in {g}/", groups[g] > 0, "none: the model discovery is broken")

    tmp = tempfile.mkdtemp(prefix="dynamodel-invariant-")
    try:
        gen_root = os.path.join(tmp, "gen")
        os.makedirs(gen_root)
        owner_of = {}  # output folder -> model
        valid, refused = [], []
        t0 = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(JOBS) as pool:
            jobs = [pool.submit(judge, binary, m, os.path.join(gen_root, f"m{i:04d}")) for i, m in enumerate(models)]
            for job in jobs:
                rel, out, v, findings, g = job.result()
                if not rep.check(rel, "validate --format json", findings is not None,
                                 f"exit {v.returncode}: {v.stderr.strip()[-800:]}"):
                    continue
                errors = error_keys(findings)
                if not errors:
                    if rep.check(rel, "no errors -> generate --target all exits 0", g.returncode == 0,
                                 f"exit {g.returncode}: {g.stderr.strip()[-1500:]}"):
                        valid.append(rel)
                        owner_of[out] = rel
                    continue
                refused.append(rel)
                rep.check(rel, "errors -> generate --target all exits 1", g.returncode == 1,
                          f"exit {g.returncode}: {g.stderr.strip()[-1500:]}")
                rep.check(rel, "errors -> nothing written", not os.path.exists(out), f"{out} exists")
                rep.compare(rel, "generate prints the same errors as validate", sorted(errors.elements()),
                            sorted(printed_errors(g.stderr).elements()))
        timings["validate + generate"] = time.monotonic() - t0

        def owner(path):
            path = os.path.abspath(path)
            rel = os.path.relpath(path, gen_root).split(os.sep)[0]
            return owner_of.get(os.path.join(gen_root, rel), "(all)")

        outs = sorted(owner_of)
        for name, fn in (("cfn-lint", lambda: check_cfn_lint(rep, outs, owner)),
                         ("hclfmt", lambda: check_hclfmt(rep, outs, owner)),
                         ("bash -n + shellcheck", lambda: check_scripts(rep, outs, owner)),
                         ("tsc", lambda: check_tsc(rep, tmp, outs, owner)),
                         ("g++ -fsyntax-only", lambda: check_cpp(rep, outs, owner))):
            t0 = time.monotonic()
            fn()
            timings[name] = time.monotonic() - t0

        print(f"covered {len(models)} models: {len(valid)} without errors (generated, every artefact checked), "
              f"{len(refused)} with errors (generate refused them with the same findings)")
        for g in EXPECTED_GROUPS + ("other",):
            if groups[g]:
                print(f"  {g}/: {groups[g]}")
        for m in models:
            print(f"  {'valid  ' if m in valid else 'refused' if m in refused else 'FAILED '} {m}")
        print("timings: " + ", ".join(f"{k} {v:.1f}s" for k, v in timings.items()))
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return rep.finish(started)


if __name__ == "__main__":
    sys.exit(main())
