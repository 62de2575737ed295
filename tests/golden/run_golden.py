#!/usr/bin/env python3
"""Golden tests: each folder tests/golden/<case>/ holds model.yaml and expected/.

For every case the runner, with the case folder as working directory, runs
  dynamodel --color never validate model.yaml            -> expected/validate.txt
  dynamodel --color never generate model.yaml -t T -o OUT -> expected/generate-T.txt and expected/T/ (the tree)
for every target T (the first folder of each `dynamodel templates list` line), and for each
variant in VARIANTS (a target with extra options) into expected/<variant>/, plus
  dynamodel --color never report model.yaml --format md|html   -> expected/report.md, report.html
(the design review; not a generate target although its templates are listed), and compares exit
codes, output and the whole generated tree. UPDATE_GOLDEN=1 rewrites expected/ instead of comparing.
"""
import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "e2e"))
from tools import generate_targets  # noqa: E402

# Output flavours beyond each target's default: variant name -> (target, extra arguments).
VARIANTS = {
    "terraform-module": ("terraform", ["--terraform-style", "module"]),
    "cdk-table": ("cdk", ["--cdk-construct", "Table"]),
}


def generation_runs(binary):
    """(name, target, extra args) for every target the binary has, and every variant of those."""
    listed = subprocess.run([binary, "templates", "list"], capture_output=True, text=True, check=True).stdout
    targets = generate_targets(listed)  # report/: below
    runs = [(t, t, []) for t in targets]
    runs += [(name, t, extra) for name, (t, extra) in sorted(VARIANTS.items()) if t in targets]
    return runs


def run(cmd, cwd, out_dir=None):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=60)
    stdout, stderr = p.stdout, p.stderr
    if out_dir:
        stdout = stdout.replace(out_dir, "OUT")
        stderr = stderr.replace(out_dir, "OUT")
    return f"exit: {p.returncode}\n--- stdout\n{stdout}--- stderr\n{stderr}"


def run_text(p):
    return f"exit: {p.returncode}\n--- stdout\n{p.stdout}--- stderr\n{p.stderr}"


def read_tree(root):
    tree = {}
    if os.path.isdir(root):
        for base, _, files in os.walk(root):
            for f in files:
                path = os.path.join(base, f)
                with open(path, "rb") as fh:
                    tree[os.path.relpath(path, root)] = fh.read()
    return tree


def diff(name, expected, actual):
    return "".join(difflib.unified_diff(
        expected.decode(errors="replace").splitlines(True), actual.decode(errors="replace").splitlines(True),
        f"expected/{name}", f"actual/{name}"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dynamodel", required=True)
    ap.add_argument("--cases", default=os.path.dirname(os.path.abspath(__file__)))
    args = ap.parse_args()
    binary = os.path.abspath(args.dynamodel)
    update = os.environ.get("UPDATE_GOLDEN") == "1"
    cases = sorted(d for d in os.listdir(args.cases) if os.path.isfile(os.path.join(args.cases, d, "model.yaml")))
    passed = failed = 0
    if not cases:
        print("FAIL no golden cases found")
        failed += 1
    for case in cases:
        case_dir = os.path.join(args.cases, case)
        actual = {"validate.txt": run([binary, "--color", "never", "validate", "model.yaml"], case_dir).encode()}
        for name, target, extra in generation_runs(binary):
            with tempfile.TemporaryDirectory() as tmp:
                out = os.path.join(tmp, "out")
                actual[f"generate-{name}.txt"] = run(
                    [binary, "--color", "never", "generate", "model.yaml", "-t", target, "-o", out] + extra,
                    case_dir, out).encode()
                for rel, data in read_tree(out).items():
                    actual[os.path.join(name, rel)] = data
        # `dynamodel report` (issue 6): the design review in both formats -> expected/report.{md,html}.
        for fmt in ("md", "html"):
            p = subprocess.run([binary, "--color", "never", "report", "model.yaml", "--format", fmt], cwd=case_dir,
                               capture_output=True, text=True, timeout=60)
            actual[f"report.{fmt}"] = (p.stdout if p.returncode == 0 else run_text(p)).encode()
        expected_dir = os.path.join(case_dir, "expected")
        if update:
            shutil.rmtree(expected_dir, ignore_errors=True)
            for rel, data in actual.items():
                os.makedirs(os.path.dirname(os.path.join(expected_dir, rel)), exist_ok=True)
                with open(os.path.join(expected_dir, rel), "wb") as fh:
                    fh.write(data)
            print(f"updated {case}")
            passed += 1
            continue
        expected = read_tree(expected_dir)
        problems = []
        for rel in sorted(set(expected) | set(actual)):
            if rel not in actual:
                problems.append(f"missing file {rel}")
            elif rel not in expected:
                problems.append(f"unexpected file {rel}")
            elif expected[rel] != actual[rel]:
                problems.append(diff(rel, expected[rel], actual[rel]))
        if problems:
            failed += 1
            print(f"FAIL {case}")
            for p in problems:
                print(p)
            print(f"  to accept the new output: UPDATE_GOLDEN=1 {sys.argv[0]} --dynamodel {args.dynamodel}")
        else:
            passed += 1
            print(f"ok   {case}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
