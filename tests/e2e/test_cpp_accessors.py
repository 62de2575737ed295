#!/usr/bin/env python3
"""End-to-end test of the cpp target (issue 5).

For every examples/*.yaml: `dynamodel generate -t cpp`, build the generated folder on its own
(`cmake -S DIR -B BUILD`, -Wall -Wextra -Werror), then run `<model>_selftest` against
- moto_server with signature checking on (INITIAL_NO_AUTH_ACTION_COUNT: the free calls make an
  IAM user with an allow-all policy and an access key), the table deployed from our
  CloudFormation output (stack parameter Environment), and
- dynalite, the table created by the generated CLI script (`-t cli`, create-table.sh).
Each self-test line (`ok   <pattern>` / `FAIL <pattern>: why`) becomes a check, and every access
pattern of the model must have printed `ok`. With --catch2, also builds and runs the hand-written
Catch2 tests of tests/cpp_accessors/ on the generated ecommerce and merchant-catalog code.
"""
import argparse
import glob
import os
import signal
import subprocess
import sys
import tempfile
import time

import boto3
import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from report import Report  # noqa: E402
from tools import AWS_ENV, REPO, MotoServer, start_dynalite  # noqa: E402

ENVIRONMENT = "e2e"


def run(cmd, env=None, timeout=600, cwd=None):
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout, cwd=cwd)


def build(src, out, report, name, extra=()):
    """Configures and builds `src` into `out`; returns the seconds it took or None."""
    t0 = time.monotonic()
    p = run(["cmake", "-S", src, "-B", out, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Debug",
             "-DCMAKE_CXX_FLAGS=-Wall -Wextra -Werror -O0 -g0", *extra])
    if p.returncode == 0:
        p = run(["cmake", "--build", out, "-j", "2"], timeout=900)
    if not report.check(name, "cmake configure + build (-Wall -Wextra -Werror)", p.returncode == 0,
                        (p.stdout + p.stderr)[-3000:]):
        return None
    return time.monotonic() - t0


def selftest_checks(report, name, where, binary, endpoint, table, env, patterns, skippable=()):
    """Runs the self-test; `skippable` patterns may print `skip` (operations the emulator lacks)."""
    p = run([binary, endpoint, table], env=env, timeout=120)
    seen = set()
    for line in p.stdout.splitlines():
        if line.startswith("ok   "):
            seen.add(line[5:].strip())
            report.ok(name, f"{where}: {line[5:].strip()}")
        elif line.startswith("skip "):
            pattern = line[5:].split(":")[0]
            if report.check(name, f"{where}: {pattern} skipped", pattern in skippable, line):
                seen.add(pattern)
                print(f"#    {name}: {where}: {line}", flush=True)
        elif line.startswith("FAIL "):
            report.fail(name, f"{where}: {line[5:].split(':')[0]}", line)
    report.check(name, f"{where}: self-test exit code", (p.returncode == 0) == (len(seen) == len(patterns)),
                 f"exit {p.returncode}: {p.stderr[-1500:]}")
    missing = [pat for pat in patterns if pat not in seen]
    report.check(name, f"{where}: every access pattern passed", not missing and p.returncode == 0,
                 f"not ok: {missing}; exit {p.returncode}; stderr {p.stderr[-1500:]}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dynamodel", required=True)
    ap.add_argument("--examples", nargs="*", default=sorted(glob.glob(os.path.join(REPO, "examples", "*.yaml"))) +
                    [os.path.join(REPO, "tests", "cpp_accessors", m) for m in ("batch-replay.yaml", "nasty-names.yaml")])
    ap.add_argument("--catch2", action="store_true", help="also build and run tests/cpp_accessors")
    args = ap.parse_args()
    report = Report()
    binary = os.path.abspath(args.dynamodel)
    work = tempfile.mkdtemp(prefix="cpp-e2e-")
    moto = MotoServer(check_signatures=True)
    err = moto.wait_ready()
    if err:
        report.fail("moto", "start", err)
        return 1
    key_id, secret = moto.iam_credentials()
    aws = dict(os.environ, **AWS_ENV)
    aws.update(AWS_ACCESS_KEY_ID=key_id, AWS_SECRET_ACCESS_KEY=secret)
    session = dict(aws_access_key_id=key_id, aws_secret_access_key=secret, region_name="us-east-1")
    cfn = boto3.client("cloudformation", endpoint_url=moto.url, **session)
    dyn_proc, dyn_url = start_dynalite()
    built = {}
    tables = {}
    try:
        for path in args.examples:
            with open(path) as f:
                model = yaml.safe_load(f)
            name = model["name"]
            patterns = [p["name"] for p in model["access_patterns"]]
            # dynalite 4 implements neither TransactWriteItems nor TransactGetItems.
            transactions = [p["name"] for p in model["access_patterns"] if p["operation"].startswith("Transact")]
            out = os.path.join(work, "gen")
            p = run([binary, "generate", path, "-t", "cpp", "-o", out])
            if not report.check(name, "generate -t cpp", p.returncode == 0, p.stderr):
                continue
            seconds = build(os.path.join(out, name), os.path.join(work, "build-" + name), report, name)
            if seconds is None:
                continue
            print(f"#    {name}: configure + build {seconds:.1f} s", flush=True)
            selftest = os.path.join(work, "build-" + name, name + "_selftest")
            built[name] = os.path.join(out, name)
            table = f"{ENVIRONMENT}-{model['table']['name']}"
            tables[name] = table

            # moto: CloudFormation stack from our template, signed requests with the IAM key.
            p = run([binary, "generate", path, "-t", "cloudformation", "-o", out])
            cfn_path = glob.glob(os.path.join(out, "**", name + ".cfn.yaml"), recursive=True)[0]
            with open(cfn_path) as f:
                body = f.read()
            stack = "cpp-" + name
            cfn.create_stack(StackName=stack, TemplateBody=body,
                             Parameters=[{"ParameterKey": "Environment", "ParameterValue": ENVIRONMENT}])
            status = cfn.describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"]
            if report.check(name, "moto: CloudFormation stack created", status == "CREATE_COMPLETE", status):
                selftest_checks(report, name, "moto", selftest, moto.url, table, aws, patterns)
                bad = dict(aws, AWS_SECRET_ACCESS_KEY=secret + "x")
                p = run([selftest, moto.url, table], env=bad, timeout=120)
                report.check(name, "moto: a wrong secret is rejected", p.returncode != 0 and
                             "SignatureDoesNotMatch" in p.stdout, p.stdout[-500:])

            # dynalite: the table made by the generated CLI script.
            p = run([binary, "generate", path, "-t", "cli", "-o", out])
            script = os.path.join(out, name, "create-table.sh")
            denv = dict(os.environ, **AWS_ENV)
            denv.update(DYNAMODB_ENDPOINT=dyn_url, DYNAMODEL_ENVIRONMENT=ENVIRONMENT,
                        DYNAMODEL_SKIP="ttl,pitr,autoscaling,tags,replicas")
            p = run(["bash", script], env=denv, timeout=120)
            if report.check(name, "dynalite: create-table.sh", p.returncode == 0, (p.stdout + p.stderr)[-1500:]):
                selftest_checks(report, name, "dynalite", selftest, dyn_url, table,
                                dict(os.environ, **AWS_ENV), patterns, transactions)

        if args.catch2:
            src = os.path.join(REPO, "tests", "cpp_accessors")
            needed = {"ecommerce": ("test_ecommerce", "ECOMMERCE_TABLE"),
                      "merchant-catalog": ("test_merchant", "MERCHANT_TABLE"),
                      "batch-replay": ("test_batch", "BATCH_TABLE")}
            missing = [m for m in needed if m not in built]
            if report.check("catch2", "generated code of " + ", ".join(needed) + " built", not missing, missing):
                bdir = os.path.join(work, "build-catch2")
                seconds = build(src, bdir, report, "catch2", [f"-DGENERATED_DIR={os.path.join(work, 'gen')}"])
                if seconds is not None:
                    print(f"#    catch2: configure + build {seconds:.1f} s", flush=True)
                    env = dict(aws)
                    env["DYNAMODB_ENDPOINT"] = moto.url
                    for model_name, (exe, variable) in needed.items():
                        env[variable] = tables[model_name]
                    for model_name, (exe, variable) in needed.items():
                        p = run([os.path.join(bdir, exe)], env=env, timeout=300)
                        report.check("catch2", f"tests/cpp_accessors/{exe}.cpp against moto", p.returncode == 0,
                                     (p.stdout + p.stderr)[-4000:])
                    p = run([os.path.join(bdir, "two_models")], timeout=60)
                    report.check("catch2", "tests/cpp_accessors/two_models.cpp: two models link into one program "
                                 "(one shared dynamodel_runtime)", p.returncode == 0, (p.stdout + p.stderr)[-2000:])
    finally:
        os.killpg(dyn_proc.pid, signal.SIGTERM)
        moto.stop()
        subprocess.run(["rm", "-rf", work])
    print(f"{report.passed} passed, {report.failed} failed")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
