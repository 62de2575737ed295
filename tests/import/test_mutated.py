#!/usr/bin/env python3
"""`dynamodel import` on broken input never crashes and never leaves a file: every source of
tests/import/*/ cut at each eighth and with 30 seeded mutations of 3 bytes each (brackets,
quotes, tags, a byte that is not UTF-8), and each JSON source with 30 seeded values of its tree
replaced by values of other types, is imported as SOURCE (the NoSQL Workbench and MCP data models
also with --from workbench / --from mcp: a cut file no longer tells its format) and as --items
with --out into an empty folder. Each run must exit 0 (and have written the model) or 2 with a `dynamodel:`
message that is not an internal error (and have written nothing).
"""
import glob
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from test_round_trip import dynamodel_argument  # noqa: E402

CHARACTERS = b"{}[]:,\"'!#-0 \n\tA\xff"


def variants(data, rng):
    out = [data[:len(data) * k // 8] for k in range(1, 8)]
    for _ in range(30):
        b = bytearray(data)
        for _ in range(3):
            if b:
                b[rng.randrange(len(b))] = rng.choice(CHARACTERS)
        out.append(bytes(b))
    return out


REPLACEMENTS = [None, 0, -1, 1.5, "", "x#{y}", [], {}, [None], {"S": 1}, True]


def nodes(value, path=()):
    """Every path into a JSON value."""
    yield path
    if isinstance(value, dict):
        for k, v in value.items():
            yield from nodes(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from nodes(v, path + (i,))


def retyped(data, rng):
    """30 copies of a JSON source, each with one value replaced by one of another type."""
    try:
        tree = json.loads(data)
    except ValueError:
        return []
    paths = list(nodes(tree))[1:]
    out = []
    for _ in range(30 if paths else 0):
        copy = json.loads(data)
        *parent, last = rng.choice(paths)
        target = copy
        for step in parent:
            target = target[step]
        target[last] = rng.choice(REPLACEMENTS)
        out.append(json.dumps(copy).encode())
    return out


def formats(source):
    """The --from values a source of tests/import/<case>/ is tried with besides detection."""
    case = os.path.basename(os.path.dirname(source))
    return [["--from", "workbench"]] if "wb-" in case else [["--from", "mcp"]] if "mcp-" in case else []


def main():
    binary = dynamodel_argument(__doc__)
    rng = random.Random(14)
    sources = sorted(f for f in glob.glob(os.path.join(HERE, "*", "*"))
                     if f.endswith((".json", ".yaml")) and os.path.basename(f) != "expected.txt")
    failures, runs = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for source in sources:
            table = os.path.join(HERE, "describe-items", "table.json")
            original = open(source, "rb").read()
            for n, data in enumerate(variants(original, rng) + retyped(original, rng)):
                path = os.path.join(tmp, "source" + os.path.splitext(source)[1])
                with open(path, "wb") as f:
                    f.write(data)
                for args in [[path], [table, "--items", path]] + [[path] + f for f in formats(source)]:
                    out_dir = os.path.join(tmp, "out")
                    os.makedirs(out_dir, exist_ok=True)
                    out = os.path.join(out_dir, "model.yaml")
                    p = subprocess.run([binary, "import", *args, "--out", out], capture_output=True, text=True,
                                       errors="replace", timeout=60)
                    runs += 1
                    left = sorted(os.listdir(out_dir))
                    ok = (p.returncode == 0 and left == ["model.yaml"]) or (
                        p.returncode == 2 and p.stderr.startswith("dynamodel: ") and "internal error" not in p.stderr
                        and not left)
                    if not ok:
                        failures.append(f"{os.path.relpath(source, HERE)} variant {n} {args[1:]}: exit {p.returncode}, "
                                        f"left {left}: {p.stderr[:300]}")
                    for name in left:
                        os.remove(os.path.join(out_dir, name))
    for f in failures[:20]:
        print(f"FAIL {f}")
    print(f"{runs - len(failures)} of {runs} runs ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
