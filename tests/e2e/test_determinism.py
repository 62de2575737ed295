#!/usr/bin/env python3
"""Determinism and idempotence of `dynamodel generate`.

1. Generates the CloudFormation target for every examples/*.yaml twice, into
   two fresh folders (the second run takes the model files in reverse order),
   and checks that both trees are byte-identical.
2. Generates a third time into the first folder and checks that every file is
   reported `unchanged` and was not rewritten (same content, mtime, inode).

Prints `ok   <example>: <check>` / `FAIL <example>: <check>: <details>` per
check and finally `N passed, M failed`; exits 1 if anything failed.

Usage: test_determinism.py [--dynamodel PATH] [--examples DIR]
"""

import argparse
import atexit
import glob
import os
import shutil
import subprocess
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
TARGET = "cloudformation"
ALL = "(all)"


from report import Report  # noqa: E402  (tests/e2e/report.py)


def tree(root):
    """{relative path: bytes} of every file under root."""
    files = {}
    for dirpath, _, names in os.walk(root):
        for n in names:
            p = os.path.join(dirpath, n)
            with open(p, "rb") as f:
                files[os.path.relpath(p, root)] = f.read()
    return files


def stats(root):
    """{relative path: (mtime_ns, inode, size)} of every file under root."""
    out = {}
    for dirpath, _, names in os.walk(root):
        for n in names:
            p = os.path.join(dirpath, n)
            st = os.stat(p)
            out[os.path.relpath(p, root)] = (st.st_mtime_ns, st.st_ino, st.st_size)
    return out


def generate(dynamodel, examples, out):
    return subprocess.run([dynamodel, "generate", *examples, "--target", TARGET, "--out", out],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    ap.add_argument("--dynamodel", default=os.path.join(REPO, "build", "dynamodel"))
    ap.add_argument("--examples", default=os.path.join(REPO, "examples"))
    args = ap.parse_args()

    rep = Report()
    examples = sorted(glob.glob(os.path.join(args.examples, "*.yaml")))
    if not examples:
        rep.check(ALL, "examples", False, f"no *.yaml in {args.examples}")
        return finish(rep)

    # expected output files of each example: <model name>.cfn.yaml, and <model name>.operations.cfn.yaml
    # when it has stream consumers (operations.stream_consumers)
    label = {}
    for path in examples:
        ex = os.path.splitext(os.path.basename(path))[0]
        try:
            with open(path, encoding="utf-8") as f:
                model = yaml.load(f, Loader=yaml.BaseLoader)
            name = model["name"]
            label[f"{name}.cfn.yaml"] = ex
            if (model.get("operations") or {}).get("stream_consumers"):
                label[f"{name}.operations.cfn.yaml"] = ex
        except Exception as e:  # noqa: BLE001
            rep.check(ex, "model parses (PyYAML)", False, f"{type(e).__name__}: {e}")

    tmp = tempfile.mkdtemp(prefix="dynamodel-e2e-det-")
    atexit.register(shutil.rmtree, tmp, True)
    a, b = os.path.join(tmp, "a"), os.path.join(tmp, "b")

    r1 = generate(args.dynamodel, examples, a)
    rep.check(ALL, "generate run 1", r1.returncode == 0,
              f"exit {r1.returncode}: {(r1.stdout + r1.stderr).strip()}")
    r2 = generate(args.dynamodel, list(reversed(examples)), b)
    rep.check(ALL, "generate run 2 (models in reverse order)", r2.returncode == 0,
              f"exit {r2.returncode}: {(r2.stdout + r2.stderr).strip()}")

    ta = tree(a) if os.path.isdir(a) else {}
    tb = tree(b) if os.path.isdir(b) else {}
    rep.check(ALL, "same file list", sorted(ta) == sorted(tb),
              f"run 1 {sorted(ta)}, run 2 {sorted(tb)}")
    missing = sorted(set(label) - set(ta))
    extra = sorted(set(ta) - set(label))
    rep.check(ALL, "one file per model", not missing and not extra,
              f"missing {missing}, unexpected {extra}")

    for rel in sorted(set(ta) | set(tb)):
        ex = label.get(rel, rel)
        if rel not in ta or rel not in tb:
            continue  # reported by "same file list"
        if ta[rel] == tb[rel]:
            rep.check(ex, "byte-identical across runs", True)
        else:
            la = ta[rel].decode(errors="replace").splitlines()
            lb = tb[rel].decode(errors="replace").splitlines()
            n = next((i for i, (x, y) in enumerate(zip(la, lb)) if x != y), min(len(la), len(lb)))
            rep.check(ex, "byte-identical across runs", False,
                      f"{rel} differs first at line {n + 1}: "
                      f"{la[n] if n < len(la) else '<EOF>'!r} vs {lb[n] if n < len(lb) else '<EOF>'!r}")

    # third run into the first folder: nothing may be rewritten
    before = stats(a) if os.path.isdir(a) else {}
    r3 = generate(args.dynamodel, examples, a)
    rep.check(ALL, "generate run 3 (same folder)", r3.returncode == 0,
              f"exit {r3.returncode}: {(r3.stdout + r3.stderr).strip()}")
    reported = {}
    for line in (r3.stdout + r3.stderr).splitlines():
        word, _, path = line.strip().partition(" ")
        if path:
            reported[os.path.normpath(path)] = word
    after = stats(a)
    ta3 = tree(a)
    for rel in sorted(before):
        ex = label.get(rel, rel)
        full = os.path.normpath(os.path.join(a, rel))
        word = reported.get(full)
        rep.check(ex, "reported unchanged", word == "unchanged",
                  f"{rel}: run 3 said {word!r}" if word else f"{rel}: not mentioned by run 3: "
                  f"{(r3.stdout + r3.stderr).strip()!r}")
        b_st, a_st = before[rel], after.get(rel)
        rep.check(ex, "not rewritten (mtime, inode)", a_st is not None and a_st[:2] == b_st[:2],
                  f"{rel}: (mtime_ns, inode) {b_st[:2]} -> {a_st[:2] if a_st else 'deleted'}")
        rep.check(ex, "content unchanged", ta3.get(rel) == ta.get(rel), f"{rel} changed in run 3")
    new = sorted(set(after) - set(before))
    rep.check(ALL, "no new files in run 3", not new, f"{new}")
    return finish(rep)


def finish(rep):
    print(f"{rep.passed} passed, {rep.failed} failed", flush=True)
    return 1 if rep.failed else 0


if __name__ == "__main__":
    sys.exit(main())
