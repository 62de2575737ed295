#!/usr/bin/env python3
"""The README's "Adopting dynamodel on an existing table" commands, run as written: the block
between `<!-- adopt:begin` and `<!-- adopt:end -->` runs under `bash -e` in an empty folder, with
`dynamodel` on PATH and the AWS CLI pointed at moto_server (AWS_ENDPOINT_URL), where an `Orders`
table was deployed from examples/ecommerce.yaml (its create-table.sh) and seeded with its
`dynamodel sample` items. Every command must succeed, and the model must have the example's
entities' key templates (up to placeholder names). The section's inline commands that import a
design (`dynamodel import workbench-model.json ...`, `dynamodel import schema.json ...`) run on
the golden cases' sources of that name's format and must exit 0 with a model that validates.
"""
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "tests", "e2e"))
sys.path.insert(0, HERE)

from test_round_trip import dynamodel_argument, key_shapes  # noqa: E402
from tools import AWS_ENV, MotoServer  # noqa: E402

MODEL = os.path.join(REPO, "examples", "ecommerce.yaml")


def readme_block():
    with open(os.path.join(REPO, "README.md"), encoding="utf-8") as f:
        text = f.read()
    found = re.search(r"<!-- adopt:begin.*?-->\n```sh\n(.*?)```\n<!-- adopt:end -->", text, re.S)
    if not found:
        sys.exit("FAIL README.md has no adopt:begin/adopt:end block")
    return found.group(1)


# The golden cases' sources the README's inline import commands run on, by file name.
DESIGNS = {"workbench-model.json": os.path.join(HERE, "wb-include-gsi", "orders.json"),
           "schema.json": os.path.join(HERE, "mcp-schema", "schema.json")}


def check_design_commands(binary):
    """Runs the README's inline `dynamodel import <design>.json ...` commands; returns the failures."""
    with open(os.path.join(REPO, "README.md"), encoding="utf-8") as f:
        text = f.read()
    section = text[text.index("## Adopting dynamodel on an existing table"):text.index("## In your workflow")]
    commands = re.findall(r"`(dynamodel import (?:workbench-model|schema)\.json[^`]*)`", section)
    failures = [] if sorted({shlex.split(c)[2] for c in commands}) == sorted(DESIGNS) else [
        f"the section's design commands are {commands}: one for each of {sorted(DESIGNS)} expected"]
    for command in commands:
        args = shlex.split(command)
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copy(DESIGNS[args[2]], os.path.join(tmp, args[2]))
            p = subprocess.run([binary] + args[1:], cwd=tmp, capture_output=True, text=True, timeout=60)
            model = os.path.join(tmp, args[args.index("--out") + 1]) if "--out" in args else None
            if model is None and p.returncode == 0:
                model = os.path.join(tmp, "model.yaml")
                with open(model, "w", encoding="utf-8") as f:
                    f.write(p.stdout)
            v = subprocess.run([binary, "validate", model], capture_output=True, text=True,
                               timeout=60) if p.returncode == 0 else None
            if p.returncode != 0 or v.returncode != 0:
                failures.append(f"`{command}`: {p.stderr}{v.stdout if v else ''}")
    print(f"{'FAIL' if failures else 'ok  '} the README's design import commands")
    return failures


def main():
    binary = dynamodel_argument(__doc__)
    failures = check_design_commands(binary)
    if failures:
        print("\n".join(failures))
        return 1
    commands = readme_block()
    moto = MotoServer()
    error = moto.wait_ready()
    if error:
        print(f"FAIL moto_server: {error}")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        bin_dir = os.path.join(tmp, "bin")
        os.mkdir(bin_dir)
        os.symlink(binary, os.path.join(bin_dir, "dynamodel"))
        env = dict(os.environ, **AWS_ENV, AWS_ENDPOINT_URL=moto.url, PATH=bin_dir + os.pathsep + os.environ["PATH"])
        out = os.path.join(tmp, "gen")
        subprocess.run([binary, "generate", MODEL, "-t", "cli", "-o", out], check=True, capture_output=True)
        script = os.path.join(out, "ecommerce", "create-table.sh")
        p = subprocess.run(["bash", script], env=dict(env, DYNAMODB_ENDPOINT=moto.url, DYNAMODB_TABLE_NAME="Orders"),
                           capture_output=True, text=True, timeout=300)
        if p.returncode != 0:
            print(f"FAIL deploy Orders: {p.stdout}{p.stderr}")
            return 1
        sample = subprocess.run([binary, "sample", MODEL, "--table", "Orders"], check=True, capture_output=True,
                                text=True).stdout
        for chunk in json.loads(sample)["chunks"]:
            subprocess.run(["aws", "dynamodb", "batch-write-item", "--request-items", json.dumps(chunk)], env=env,
                           check=True, capture_output=True, timeout=120)
        work = os.path.join(tmp, "work")
        os.mkdir(work)
        p = subprocess.run(["bash", "-e", "-c", commands], cwd=work, env=env, capture_output=True, text=True,
                           timeout=300)
        if p.returncode != 0:
            print(f"FAIL the README commands exit {p.returncode}:\n{p.stdout}{p.stderr}")
            return 1
        wanted, got = key_shapes(MODEL), key_shapes(os.path.join(work, "orders.yaml"))
    moto.stop()
    if wanted != got:
        print(f"FAIL orders.yaml's key templates:\n{got}\n!=\n{wanted}")
        return 1
    print("ok   the README's adopting commands run, and orders.yaml has the example's key templates")
    return 0


if __name__ == "__main__":
    sys.exit(main())
