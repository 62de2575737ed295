#!/usr/bin/env python3
"""Scale regression guard: the 32,000-entity `collection` model of bench/synthetic_model.py
(small entities sharing one partition key, just under the 4 MiB input cap), generated here into
--work, must validate with exactly the expected findings:
  - as generated: no finding (exit 0, `[]` in JSON);
  - with one more entity, `Dup`, whose keys repeat those of the last entity: exactly one
    keys/collision naming both (the pairwise key comparison still finds the one pair among
    ~512 million).
Validation used to be quadratic in the entities (66 s for this model); ctest's TIMEOUT on this
test catches a return of that. There is no timing assertion here.

usage: test_scale_model.py --dynamodel PATH --work DIR [--entities 32000]
"""
import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "bench"))
from report import Report  # noqa: E402  (tests/e2e/report.py)
from synthetic_model import synthetic_model  # noqa: E402

MAX_MODEL_BYTES = 4 * 1024 * 1024  # the loader's input cap (model/loader.hpp)


def validate(dynamodel, path):
    run = subprocess.run([dynamodel, "validate", "--format", "json", path], capture_output=True, text=True)
    try:
        return run.returncode, json.loads(run.stdout), run.stderr
    except json.JSONDecodeError:
        return run.returncode, None, run.stdout[:300] + run.stderr[-300:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dynamodel", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--entities", type=int, default=32000)
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    started = time.monotonic()
    report = Report()
    n = args.entities
    name = f"collection-{n}"

    text = synthetic_model(n, "collection")
    path = os.path.join(args.work, f"{name}.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    report.check(name, "under the input cap", len(text.encode()) <= MAX_MODEL_BYTES, f"{len(text.encode())} bytes")
    code, findings, err = validate(args.dynamodel, path)
    report.compare(name, "exit code", 0, code)
    report.compare(name, "findings", [], findings if findings is not None else err)

    # One entity more, with the last entity's keys: exactly one collision.
    last = f"E{n - 1}"
    dup = (f"  Dup: {{attributes: {{t: {{type: S, required: true}}, i: {{type: S, required: true}}}}, "
           f"keys: {{PK: \"T#{{t}}\", SK: \"{last}#{{i}}\"}}}}\n")
    marker = "access_patterns:\n"
    dup_text = text.replace(marker, dup + marker, 1).replace(f", {last}]", f", {last}, Dup]", 1)
    dup_path = os.path.join(args.work, f"{name}-dup.yaml")
    with open(dup_path, "w", encoding="utf-8") as f:
        f.write(dup_text)
    code, findings, err = validate(args.dynamodel, dup_path)
    report.compare(f"{name}-dup", "exit code", 1, code)
    if findings is None:
        report.fail(f"{name}-dup", "JSON output", err)
    else:
        summary = [(f.get("rule"), f.get("severity")) for f in findings]
        report.compare(f"{name}-dup", "findings", [("keys/collision", "error")], summary)
        if findings:
            message = findings[0].get("message", "")
            report.check(f"{name}-dup", "the collision names both entities", last in message and "Dup" in message,
                         message)
            report.compare(f"{name}-dup", "at Dup's sort key (line)", n + 12, findings[0].get("line"))
    return report.finish(started)


if __name__ == "__main__":
    sys.exit(main())
