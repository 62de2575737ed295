#!/usr/bin/env python3
"""The README's "Adopting dynamodel on an existing table" commands, run as written: the block
between `<!-- adopt:begin` and `<!-- adopt:end -->` runs under `bash -e` in an empty folder, with
`dynamodel` on PATH and the AWS CLI pointed at moto_server (AWS_ENDPOINT_URL), where an `Orders`
table was deployed from examples/ecommerce.yaml (its create-table.sh) and seeded with its
`dynamodel sample` items. Every command must succeed, and the model must have the example's
entities' key templates (up to placeholder names).
"""
import json
import os
import re
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


def main():
    binary = dynamodel_argument(__doc__)
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
