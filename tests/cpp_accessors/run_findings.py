#!/usr/bin/env python3
"""Golden findings of the realistic test models (issue 15).

For every tests/cpp_accessors/<name>.yaml the runner, with tests/cpp_accessors/ as working
directory, runs
  dynamodel --color never validate <name>.yaml
(the text format of tests/golden/*/expected/validate.txt: exit code, stdout, stderr) and compares
it with the checked-in <name>.findings.txt next to the model. A model without a findings file,
or a findings file without its model, fails. UPDATE_GOLDEN=1 rewrites the findings files instead
of comparing. Ends with `N passed, M failed`.

Review each change of a findings file: every finding of these designs should be one a reviewer
acts on (docs/measurements/issue-15-findings.md records which ones are noise).
"""
import argparse
import difflib
import glob
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def findings(binary, model):
    p = subprocess.run([binary, "--color", "never", "validate", model], cwd=HERE, capture_output=True,
                       text=True, timeout=60)
    return f"exit: {p.returncode}\n--- stdout\n{p.stdout}--- stderr\n{p.stderr}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dynamodel", required=True)
    args = ap.parse_args()
    binary = os.path.abspath(args.dynamodel)
    update = os.environ.get("UPDATE_GOLDEN") == "1"
    models = sorted(os.path.basename(p) for p in glob.glob(os.path.join(HERE, "*.yaml")))
    passed = failed = 0
    if not models:
        print("FAIL no models found in tests/cpp_accessors")
        failed += 1
    for model in models:
        name = model[:-len(".yaml")]
        path = os.path.join(HERE, f"{name}.findings.txt")
        actual = findings(binary, model)
        if update:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(actual)
            print(f"updated {name}.findings.txt")
            passed += 1
            continue
        if not os.path.isfile(path):
            failed += 1
            print(f"FAIL {name}: no {name}.findings.txt (UPDATE_GOLDEN=1 writes it; review each finding)")
            continue
        with open(path, encoding="utf-8") as fh:
            expected = fh.read()
        if expected == actual:
            passed += 1
            print(f"ok   {name}")
        else:
            failed += 1
            print(f"FAIL {name}: findings differ")
            sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                                       f"expected/{name}.findings.txt", f"actual/{name}"))
            print(f"  to accept the new findings: UPDATE_GOLDEN=1 {sys.argv[0]} --dynamodel {args.dynamodel}")
    for orphan in sorted(glob.glob(os.path.join(HERE, "*.findings.txt"))):
        name = os.path.basename(orphan)[:-len(".findings.txt")]
        if f"{name}.yaml" not in models:
            failed += 1
            print(f"FAIL {name}: {name}.findings.txt has no model {name}.yaml")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
