#!/usr/bin/env python3
"""docs/rules.md is generated from the rule metadata: it must equal the output of
`dynamodel rules --format md`, byte for byte.

Ends with the line `N passed, M failed`. Regenerate the page with
    build/dynamodel rules --format md > docs/rules.md
"""
import argparse
import difflib
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from report import Report  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dynamodel", required=True)
    binary = os.path.abspath(ap.parse_args().dynamodel)
    report = Report()
    p = subprocess.run([binary, "rules", "--format", "md"], capture_output=True, text=True)
    report.compare("rules --format md", "exit code", 0, p.returncode)
    path = os.path.join(ROOT, "docs", "rules.md")
    with open(path, encoding="utf-8") as fh:
        current = fh.read()
    if current == p.stdout:
        report.ok("docs/rules.md", "equals `dynamodel rules --format md`")
    else:
        diff = "".join(difflib.unified_diff(current.splitlines(True), p.stdout.splitlines(True),
                                            "docs/rules.md", "dynamodel rules --format md", n=1))
        lines = diff.splitlines(True)
        shown = "".join(lines[:60]) + (f"... ({len(lines) - 60} more diff lines)\n" if len(lines) > 60 else "")
        report.fail("docs/rules.md", "equals `dynamodel rules --format md`",
                    "docs/rules.md is out of date; regenerate it with\n"
                    f"    {os.path.relpath(binary, ROOT)} rules --format md > docs/rules.md\n"
                    "(from the repository root) and review the diff:\n" + shown)
    print(f"{report.passed} passed, {report.failed} failed")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
