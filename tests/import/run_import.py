#!/usr/bin/env python3
"""Golden tests of `dynamodel import`: each folder tests/import/<case>/ holds its source files,
`args` (the arguments after `import`, one line, split like a shell) and `expected.txt` (exit code,
stdout and stderr of the run, in the case folder as working directory), compared byte for byte.
A run that exits 0 printed a model: it must pass `dynamodel validate` (exit 0: warnings and infos
allowed, no error). UPDATE_GOLDEN=1 rewrites expected.txt instead of comparing.
"""
import argparse
import difflib
import os
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def run_text(p):
    return f"exit: {p.returncode}\n--- stdout\n{p.stdout}--- stderr\n{p.stderr}"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dynamodel", required=True)
    args = parser.parse_args()
    binary = os.path.abspath(args.dynamodel)
    update = os.environ.get("UPDATE_GOLDEN") == "1"
    failures = []
    cases = sorted(d for d in os.listdir(HERE) if os.path.isfile(os.path.join(HERE, d, "args")))
    for case in cases:
        folder = os.path.join(HERE, case)
        with open(os.path.join(folder, "args"), encoding="utf-8") as f:
            extra = shlex.split(f.read())
        p = subprocess.run([binary, "--color", "never", "import"] + extra, cwd=folder, capture_output=True,
                           text=True, timeout=60)
        actual = run_text(p)
        expected_path = os.path.join(folder, "expected.txt")
        if update:
            with open(expected_path, "w", encoding="utf-8") as f:
                f.write(actual)
        else:
            expected = open(expected_path, encoding="utf-8").read() if os.path.exists(expected_path) else ""
            if actual != expected:
                diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "expected",
                                                    "actual"))
                failures.append(f"{case}: output differs (UPDATE_GOLDEN=1 ctest -R import_golden rewrites it)\n{diff}")
        if p.returncode == 0:
            with tempfile.TemporaryDirectory() as tmp:
                model = os.path.join(tmp, "model.yaml")
                with open(model, "w", encoding="utf-8") as f:
                    f.write(p.stdout)
                v = subprocess.run([binary, "--color", "never", "validate", model], capture_output=True, text=True,
                                   timeout=60)
                if v.returncode != 0 or " error: " in v.stdout + v.stderr:
                    failures.append(f"{case}: the imported model does not validate:\n{v.stdout}{v.stderr}")
        elif p.returncode != 2 or not p.stderr.startswith("dynamodel: ") or p.stdout:
            failures.append(f"{case}: a failed import must exit 2 with one `dynamodel:` message and no output")
        print(f"{case}: {'updated' if update else 'ok' if not any(x.startswith(case + ':') for x in failures) else 'FAILED'}")
    for f in failures:
        print(f, file=sys.stderr)
    if not cases:
        print("no cases found", file=sys.stderr)
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
