#!/usr/bin/env python3
"""Golden tests of `dynamodel import`: each folder tests/import/<case>/ holds its source files,
`args` (the arguments after `import`, one line, split like a shell) and `expected.txt` (exit code,
stdout and stderr of the run, in the case folder as working directory), compared byte for byte.
A run that exits 0 printed a model: it must pass `dynamodel validate` (exit 0: warnings and infos
allowed, no error). Then --out and --force: the file, a refusal over an existing file.
UPDATE_GOLDEN=1 rewrites expected.txt instead of comparing.
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


def check_out_file(binary):
    """--out writes the model that stdout shows; an existing file is refused (exit 2, unchanged)
    without --force and replaced with it. Returns the failures."""
    failures = []
    source = os.path.join(HERE, "describe-lsi-include", "table.json")
    printed = subprocess.run([binary, "import", source], capture_output=True, text=True, timeout=60).stdout
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "model.yaml")
        p = subprocess.run([binary, "import", source, "--out", out], capture_output=True, text=True, timeout=60)
        if p.returncode != 0 or open(out, encoding="utf-8").read() != printed:
            failures.append(f"--out: exit {p.returncode}, or the file differs from what stdout shows")
        with open(out, "w", encoding="utf-8") as f:
            f.write("mine\n")
        p = subprocess.run([binary, "import", source, "--out", out], capture_output=True, text=True, timeout=60)
        if (p.returncode != 2 or "already exists" not in p.stderr or "--force" not in p.stderr
                or open(out, encoding="utf-8").read() != "mine\n"):
            failures.append(f"--out over an existing file: exit {p.returncode}, {p.stderr!r}; must be 2 and unchanged")
        p = subprocess.run([binary, "import", source, "--out", out, "--force"], capture_output=True, text=True,
                           timeout=60)
        if p.returncode != 0 or open(out, encoding="utf-8").read() != printed:
            failures.append(f"--out --force: exit {p.returncode}; must replace the file")
        if sorted(os.listdir(tmp)) != ["model.yaml"]:
            failures.append(f"--out left other files: {sorted(os.listdir(tmp))}")
    print(f"--out/--force: {'FAILED' if failures else 'ok'}")
    return failures


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
    failures += check_out_file(binary)
    for f in failures:
        print(f, file=sys.stderr)
    if not cases:
        print("no cases found", file=sys.stderr)
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
