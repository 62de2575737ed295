#!/usr/bin/env python3
"""Golden cases of `dynamodel diff`: each folder tests/diff/<case>/ holds old.yaml, new.yaml,
case.json (what the case must show, written by hand: exit code, change classes, rule ids,
number of deployments and of jobs) and expected.txt / expected.json / expected.md (the exact
output of `dynamodel diff old.yaml new.yaml --format F`, run inside the folder).

UPDATE_GOLDEN=1 rewrites the expected.* files (check the diff); case.json is never rewritten.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "e2e"))
from report import Report  # noqa: E402

EXT = {"text": "txt", "json": "json", "md": "md"}


def check_commands(rep, case, out):
    """Runs every plan command with bash and a fake `aws` that records its arguments: nothing
    from the model may run (a hostile name would create a file), and the names arrive intact."""
    for step in out["plan"]:
        for a in step["actions"]:
            if a.get("action") != "backfill":
                continue
            with tempfile.TemporaryDirectory() as tmp:
                fake = os.path.join(tmp, "aws")
                with open(fake, "w") as f:
                    f.write('#!/bin/sh\nfor a in "$@"; do printf "%s\\0" "$a"; done >> "$ARGS_LOG"\n')
                os.chmod(fake, 0o755)
                log = os.path.join(tmp, "args")
                env = dict(os.environ, PATH=tmp + os.pathsep + os.environ["PATH"], ARGS_LOG=log, HOME=tmp,
                           ITEM_KEY="{}", VALUES="{}")
                p = subprocess.run(["bash", "-e", "-c", a["command"]], cwd=tmp, env=env, capture_output=True, text=True)
                leftovers = sorted(set(os.listdir(tmp)) - {"aws", "args"})
                rep.check(case, f"step {step['step']}: command runs, nothing from the model executes",
                          p.returncode == 0 and not leftovers and not os.path.exists("/tmp/pwned"),
                          f"exit {p.returncode} {p.stderr} files {leftovers}")
                args = open(log, encoding="utf-8").read().split("\0") if os.path.exists(log) else []
                flag = "--expression-attribute-names"  # the last one: update-item's SET names
                names = json.loads(args[len(args) - args[::-1].index(flag)]) if flag in args else {}
                rep.check(case, f"step {step['step']}: attribute names arrive verbatim",
                          set(a["attributes"]) <= set(names.values()), f"{a['attributes']} vs {names}")
                tables = {args[i + 1] for i, x in enumerate(args[:-1]) if x == "--table-name"}
                rep.check(case, f"step {step['step']}: --table-name is <environment>-<table.name> (default dev)",
                          len(tables) == 1 and next(iter(tables)).startswith("dev-"), f"{tables}")
                # The table name rule of every target: DYNAMODB_TABLE_NAME wins when set.
                os.remove(log)
                p = subprocess.run(["bash", "-e", "-c", a["command"]], cwd=tmp, capture_output=True, text=True,
                                   env=dict(env, DYNAMODB_TABLE_NAME="Over'ride.T-1", DYNAMODEL_ENVIRONMENT="x"))
                args = open(log, encoding="utf-8").read().split("\0") if os.path.exists(log) else []
                got = {args[i + 1] for i, x in enumerate(args[:-1]) if x == "--table-name"}
                rep.check(case, f"step {step['step']}: DYNAMODB_TABLE_NAME names the table of every call",
                          p.returncode == 0 and got == {"Over'ride.T-1"}, f"{got} {p.stderr}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dynamodel", required=True)
    args = ap.parse_args()
    exe = os.path.abspath(args.dynamodel)
    update = os.environ.get("UPDATE_GOLDEN") == "1"
    rep = Report()
    cases = sorted(d for d in os.listdir(HERE) if os.path.isfile(os.path.join(HERE, d, "case.json")))
    for case in cases:
        folder = os.path.join(HERE, case)
        spec = json.load(open(os.path.join(folder, "case.json")))
        for fmt, ext in EXT.items():
            p = subprocess.run([exe, "diff", "old.yaml", "new.yaml", "--format", fmt], cwd=folder,
                               capture_output=True, text=True, timeout=30)
            rep.compare(case, f"{fmt}: exit code", spec["exit"], p.returncode)
            if p.stderr:
                rep.fail(case, f"{fmt}: stderr", p.stderr.strip())
            path = os.path.join(folder, f"expected.{ext}")
            if update:
                with open(path, "w") as f:
                    f.write(p.stdout)
            expected = open(path).read() if os.path.exists(path) else None
            rep.check(case, f"{fmt}: output equals expected.{ext}", expected == p.stdout,
                      "differs (UPDATE_GOLDEN=1 rewrites it):\n" + p.stdout[:3000])
            if fmt == "json":
                out = json.loads(p.stdout)
                classes = sorted({c["class"] for c in out["changes"]})
                got = set(classes)
                if spec["classes"] and "in-place" not in spec["classes"]:
                    got.discard("in-place")  # settings changing alongside are fine
                rep.compare(case, "json: change classes", sorted(spec["classes"]), sorted(got))
                rules = sorted({c["rule"] for c in out["changes"] if c["rule"]})
                rep.compare(case, "json: rule ids", sorted(spec["rules"]), rules)
                kinds = [s["kind"] for s in out["plan"]]
                rep.compare(case, "json: deployments", spec["deployments"], kinds.count("deployment"))
                rep.compare(case, "json: jobs", spec["jobs"], kinds.count("job"))
                rep.compare(case, "json: one_safe_step", spec["exit"] == 0, out["one_safe_step"])
                check_commands(rep, case, out)
                # One GSI created or deleted per deployment, always.
                for s in out["plan"]:
                    n = sum(a["action"] in ("create_gsi", "delete_gsi") for a in s["actions"])
                    if n > 1:
                        rep.fail(case, "json: one GSI operation per deployment", f"step {s['step']} has {n}")
    print(f"{rep.passed} passed, {rep.failed} failed")
    return 1 if rep.failed else 0


if __name__ == "__main__":
    sys.exit(main())
