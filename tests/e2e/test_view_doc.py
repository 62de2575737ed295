#!/usr/bin/env python3
"""docs/templates.md documents every target's view: each target that `dynamodel templates list`
names has a `## <target>` section, and every top-level field of its view (over the examples and
the golden models) appears there in backticks. Fails, naming the fields, when a view grows a
field the page does not describe.

Usage: test_view_doc.py --dynamodel PATH
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tools import generate_targets  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dynamodel", required=True)
    binary = ap.parse_args().dynamodel
    with open(os.path.join(REPO, "docs", "templates.md"), encoding="utf-8") as fh:
        page = fh.read()
    sections = dict(re.findall(r"^## (\S+)\n(.*?)(?=^## |\Z)", page, re.S | re.M))
    listed = subprocess.run([binary, "templates", "list"], capture_output=True, text=True, check=True).stdout
    targets = generate_targets(listed)
    models = sorted(glob.glob(os.path.join(REPO, "examples", "*.yaml")) +
                    glob.glob(os.path.join(REPO, "tests", "golden", "*", "model.yaml")))
    passed = failed = 0
    for target in targets:
        fields = set()
        for m in models:
            p = subprocess.run([binary, "view", m, "-t", target], capture_output=True, text=True)
            if p.returncode == 0:
                fields |= set(json.loads(p.stdout)) - {"dynamodel"}
        text = sections.get(target, "")
        files = sorted(line.split("/", 1)[1] for line in listed.splitlines() if line.startswith(target + "/"))
        missing = sorted(f for f in fields if f"`{f}`" not in text)
        missing_files = [f for f in files if f"`{f}`" not in text]
        ok = bool(text) and bool(fields) and not missing and not missing_files
        if ok:
            passed += 1
            print(f"ok   {target}: {len(fields)} view fields and {len(files)} templates documented")
        else:
            failed += 1
            print(f"FAIL {target}: docs/templates.md lacks " +
                  ("the section" if not text else f"fields {missing} templates {missing_files}"))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
