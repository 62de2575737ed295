#!/usr/bin/env python3
"""End-to-end test of the cpp target (issue 5, issue 12).

For every examples/*.yaml and the test models of tests/cpp_accessors/: `dynamodel generate -t
cpp`, build every generated folder in ONE CMake project (tests/cpp_accessors/CMakeLists.txt:
one shared dynamodel_runtime, -Wall -Wextra -Werror) and one folder also on its own (`cmake -S
DIR`), then run each `<model>_selftest`
- on moto_server with signature checking on (INITIAL_NO_AUTH_ACTION_COUNT: the free calls make
  an IAM user with an allow-all policy and an access key), the table deployed from our
  CloudFormation output (stack parameter Environment=e2e), the table name given on the command
  line (it must win over a wrong DYNAMODB_TABLE_NAME); then, per principal of the model (issue
  17), the self-test restricted to its patterns (DYNAMODEL_PATTERNS) with an IAM user that has
  its generated policy's actions (the self-test's own calls signed as the allow-all user through
  DYNAMODEL_ORACLE_*): every one passes; a pattern whose operation the policy lacks: AccessDenied;
- on dynalite (which applies DynamoDB's own request validation; moto for a model with a
  multi-attribute GSI key, which dynalite refuses), the table made by the generated
  create-table.sh, both with defaults only (only DYNAMODB_ENDPOINT and credentials set): the
  script and the self-test must agree on the name dev-<table.name>. (create-table.sh's every
  step on moto is tests/e2e/test_cli_scripts.py's.)
- per principal that runs stream consumers, the table's stream read as Lambda would (ListStreams,
  DescribeStream, GetShardIterator, GetRecords) with that principal's actions; any other
  principal's ListStreams is AccessDenied.
  dynalite lacks transactions: those patterns may print `skip`, are listed as skipped and are
  never counted as passed.
Each self-test line (`ok   <pattern>` / `FAIL <pattern>: why`) becomes a check, and every access
pattern of the model must have printed `ok`, and so must the check that writes each entity
without its optional attributes, and one per `index_when` (a member and a non-member written, the
index queried). With --catch2, also builds and runs the hand-written
Catch2 tests of tests/cpp_accessors/ in the same project.
"""
import argparse
import glob
import json
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
from test_iam_moto import moto_actions  # noqa: E402
from tools import AWS_ENV, REPO, MotoServer, moto_deployable, start_dynalite  # noqa: E402

ENVIRONMENT = "e2e"


def run(cmd, env=None, timeout=600, cwd=None):
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout, cwd=cwd)


def build(src, out, report, name, extra=()):
    """Configures and builds `src` into `out` (-O0 without debug information: the build is most of
    this test's time); returns the seconds it took or None."""
    t0 = time.monotonic()
    # With ccache as the compiler launcher (run.sh test sets it), paths under the work folder are
    # hashed relative to it: an unchanged generated file is not compiled again in the next run.
    env = dict(os.environ, CCACHE_BASEDIR=os.path.dirname(os.path.abspath(out)))
    p = run(["cmake", "-S", src, "-B", out, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Debug", "-DCMAKE_CXX_FLAGS_DEBUG=-O0",
             "-DCMAKE_CXX_FLAGS=-Wall -Wextra -Werror -O0 -g0", *extra], env=env)
    if p.returncode == 0:
        p = run(["cmake", "--build", out, "-j", "2"], env=env, timeout=1200)
    if not report.check(name, "cmake configure + build (-Wall -Wextra -Werror)", p.returncode == 0,
                        (p.stdout + p.stderr)[-3000:]):
        return None
    return time.monotonic() - t0


def wide_gsi_key(model):
    """True when some GSI has a key schema of more than two elements (a multi-attribute key):
    dynalite refuses it ("Member must have length less than or equal to 2"), moto accepts it."""
    for g in model["table"].get("global_secondary_indexes") or []:
        count = sum(len(k) if isinstance(k, list) else 1 for k in (g.get("partition_key"), g.get("sort_key")) if k)
        if count > 2:
            return True
    return False


def selftest_checks(report, name, where, cmd, env, patterns, skippable=()):
    """Runs the self-test `cmd`; `skippable` patterns may print `skip` (operations the emulator
    lacks): they are listed, never counted as passed."""
    p = run(cmd, env=env, timeout=300)
    passed, skipped = set(), []
    for line in p.stdout.splitlines():
        if line.startswith("ok   "):
            passed.add(line[5:].strip())
            report.ok(name, f"{where}: {line[5:].strip()}")
        elif line.startswith("skip "):
            pattern = line[5:].split(":")[0]
            skipped.append(pattern)
            if pattern not in skippable:
                report.fail(name, f"{where}: {pattern} skipped", line)
        elif line.startswith("FAIL "):
            report.fail(name, f"{where}: {line[5:].split(':')[0]}", line)
    if skipped:
        print(f"#    {name}: {where}: skipped, not passed (the endpoint lacks the operation): "
              f"{', '.join(skipped)}", flush=True)
    summary = f"{len(passed)} ok, {len(skipped)} skipped, {len(patterns) - len(passed) - len(skipped)} failed"
    report.check(name, f"{where}: self-test summary line", summary in p.stdout, f"expected {summary!r}: "
                 f"{p.stdout[-800:]}")
    missing = [pat for pat in patterns if pat not in passed and not (pat in skippable and pat in skipped)]
    report.check(name, f"{where}: every access pattern passed" + (" or was skipped" if skipped else ""),
                 not missing and p.returncode == 0,
                 f"not ok: {missing}; exit {p.returncode}; stderr {p.stderr[-1500:]}")


def principal_checks(report, name, model, out, selftest, url, table, aws, iam):
    """Issue 17: each principal's patterns, run by the self-test as that principal. An IAM user
    gets the actions of the principal's generated policy (<principal>.policy.json) on Resource
    "*" (moto evaluates actions only, not resource ARNs or conditions: tests/e2e/test_iam_moto.py
    shows it); the self-test runs with DYNAMODEL_PATTERNS = those patterns, its own setup and
    read-back calls signed by the allow-all user (DYNAMODEL_ORACLE_*): every pattern must pass.
    A principal that runs stream consumers reads the table's stream as Lambda would for its
    function. Then a pattern of the model whose operation the policy lacks, run as that principal,
    must fail with AccessDenied."""
    names = {p["id"]: p["name"] for p in model["access_patterns"]}
    names.update({p["name"]: p["name"] for p in model["access_patterns"]})
    for principal, spec in (model.get("principals") or {}).items():
        with open(os.path.join(out, name, principal + ".policy.json"), encoding="utf-8") as f:
            actions = moto_actions(json.load(f))
        user = f"cpp-{name}-{principal}"
        iam.create_user(UserName=user)
        iam.put_user_policy(UserName=user, PolicyName="p", PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": actions, "Resource": "*"}]}))
        key = iam.create_access_key(UserName=user)["AccessKey"]
        env = dict(aws, DYNAMODEL_ORACLE_ACCESS_KEY_ID=aws["AWS_ACCESS_KEY_ID"],
                   DYNAMODEL_ORACLE_SECRET_ACCESS_KEY=aws["AWS_SECRET_ACCESS_KEY"],
                   AWS_ACCESS_KEY_ID=key["AccessKeyId"], AWS_SECRET_ACCESS_KEY=key["SecretAccessKey"])
        own = sorted({names[p] for p in spec.get("patterns") or []})
        if own:
            selftest_checks(report, name, f"moto as {principal} (its policy's actions)", [selftest, url, table],
                            dict(env, DYNAMODEL_PATTERNS=",".join(own)), own)
        streams = boto3.client("dynamodbstreams", endpoint_url=url, region_name="us-east-1",
                               aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])
        if not spec.get("stream_consumers"):
            try:
                streams.list_streams(TableName=table)
                error = "ListStreams was allowed"
            except Exception as e:
                error = None if "AccessDenied" in str(e) else repr(e)[:600]
            report.check(name, f"moto as {principal}: no stream consumer, so reading the stream is AccessDenied",
                         error is None, error or "")
        else:
            # What Lambda does for the consumer's function with its execution role: list the
            # table's streams, describe one, take a shard iterator and read records.
            try:
                arn = streams.list_streams(TableName=table)["Streams"][0]["StreamArn"]
                shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
                iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard,
                                                      ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
                streams.get_records(ShardIterator=iterator, Limit=10)
                error = None
            except Exception as e:  # AccessDenied, or no stream: the check says which
                error = repr(e)[:600]
            report.check(name, f"moto as {principal}: reads the table's stream for "
                         f"{', '.join(spec['stream_consumers'])} (ListStreams, DescribeStream, GetShardIterator, "
                         "GetRecords)", error is None, error or "")
        other = next((p for p in model["access_patterns"] if p["name"] not in own
                      and "dynamodb:" + p["operation"] not in actions), None)
        if other is None:
            continue
        p = run([selftest, url, table], env=dict(env, DYNAMODEL_PATTERNS=other["name"]), timeout=120)
        report.check(name, f"moto as {principal}: {other['name']} ({other['operation']}, not in its policy) "
                     "is AccessDenied", p.returncode == 1 and f"FAIL {other['name']}: AccessDenied" in p.stdout,
                     p.stdout[-600:])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dynamodel", required=True)
    ap.add_argument("--examples", nargs="*", default=sorted(glob.glob(os.path.join(REPO, "examples", "*.yaml"))) +
                    sorted(glob.glob(os.path.join(REPO, "tests", "cpp_accessors", "*.yaml"))),
                    help="the models (default: examples/*.yaml and tests/cpp_accessors/*.yaml)")
    ap.add_argument("--also", nargs="*", default=[],
                    help="more models, e.g. tests/golden/table-settings-2025 (every 2024-2026 table setting: issue 16)")
    ap.add_argument("--catch2", action="store_true", help="also build and run tests/cpp_accessors")
    args = ap.parse_args()
    args.examples = args.examples + args.also
    started = time.monotonic()
    report = Report()
    binary = os.path.abspath(args.dynamodel)
    work = tempfile.mkdtemp(prefix="cpp-e2e-")
    out = os.path.join(work, "gen")
    models = []
    for path in args.examples:
        with open(path) as f:
            model = yaml.safe_load(f)
        results = [run([binary, "generate", path, "-t", target, "-o", out]) for target in ("cpp", "cli", "cloudformation", "iam")]
        if report.check(model["name"], "generate -t cpp, cli, cloudformation and iam", all(p.returncode == 0 for p in results),
                        "".join(p.stderr for p in results)):
            models.append((path, model))
    names = [m["name"] for _, m in models]
    catch2 = args.catch2 and all(n in names for n in ("ecommerce", "merchant-catalog", "batch-replay"))
    if args.catch2 and not catch2:
        report.fail("catch2", "generated code of ecommerce, merchant-catalog, batch-replay", names)
    bdir = os.path.join(work, "build")
    seconds = build(os.path.join(REPO, "tests", "cpp_accessors"), bdir, report, "all models",
                    [f"-DGENERATED_DIR={out}", "-DMODELS=" + ";".join(names),
                     "-DWITH_CATCH2=" + ("ON" if catch2 else "OFF")])
    if seconds is None:
        subprocess.run(["rm", "-rf", work])
        return report.finish(started)
    print(f"#    {len(names)} models{' + Catch2 tests' if catch2 else ''}: configure + build {seconds:.1f} s", flush=True)
    # The generated CMakeLists.txt also builds a folder on its own (cmake -S <model>).
    alone = names[0]
    seconds = build(os.path.join(out, alone), os.path.join(work, "alone"), report, alone + " (its folder alone)")
    if seconds is not None:
        report.check(alone, "its folder alone builds <model>_selftest",
                     os.access(os.path.join(work, "alone", alone + "_selftest"), os.X_OK))

    moto = MotoServer(check_signatures=True)
    err = moto.wait_ready()
    if err:
        report.fail("moto", "start", err)
        subprocess.run(["rm", "-rf", work])
        return report.finish(started)
    key_id, secret = moto.iam_credentials()
    aws = dict(os.environ, **AWS_ENV)
    aws.update(AWS_ACCESS_KEY_ID=key_id, AWS_SECRET_ACCESS_KEY=secret)
    for variable in ("DYNAMODB_TABLE_NAME", "DYNAMODB_TABLE", "DYNAMODEL_ENVIRONMENT", "DYNAMODEL_SKIP"):
        aws.pop(variable, None)
    session = dict(aws_access_key_id=key_id, aws_secret_access_key=secret, region_name="us-east-1")
    cfn = boto3.client("cloudformation", endpoint_url=moto.url, **session)
    iam = boto3.client("iam", endpoint_url=moto.url, **session)
    dyn_proc, dyn_url = start_dynalite()
    tables = {}
    try:
        for path, model in models:
            name = model["name"]
            patterns = [p["name"] for p in model["access_patterns"]]
            # ... and one check per entity with optional attributes: written without them.
            patterns += [f"{e} without its optional attributes" for e, body in model["entities"].items()
                         if any(not (isinstance(a, dict) and a.get("required", False)) for a in (body.get("attributes") or {}).values())]
            # ... and one per entity with key_only attributes: stored only inside its keys.
            patterns += [f"{e} keeps its key_only attributes in the keys" for e, body in model["entities"].items()
                         if any(isinstance(a, dict) and a.get("key_only") for a in (body.get("attributes") or {}).values())]
            # ... and one per conditional index membership (index_when): a member and a non-member.
            patterns += [f"{e} enters {index} only when {w['condition'] if isinstance(w, dict) else w}"
                         for e, body in model["entities"].items() for index, w in (body.get("index_when") or {}).items()]
            # dynalite 4 implements neither TransactWriteItems nor TransactGetItems.
            transactions = [p["name"] for p in model["access_patterns"] if p["operation"].startswith("Transact")]
            selftest = os.path.join(bdir, name, name + "_selftest")
            table = f"{ENVIRONMENT}-{model['table']['name']}"
            default_table = f"dev-{model['table']['name']}"
            tables[name] = table

            # moto: CloudFormation stack from our template, signed requests with the IAM key; the
            # table named on the command line wins over DYNAMODB_TABLE_NAME.
            cfn_path = glob.glob(os.path.join(out, "**", name + ".cfn.yaml"), recursive=True)[0]
            with open(cfn_path) as f:
                body = f.read()
            stack = "cpp-" + name
            cfn.create_stack(StackName=stack, TemplateBody=moto_deployable(body),
                             Parameters=[{"ParameterKey": "Environment", "ParameterValue": ENVIRONMENT}])
            status = cfn.describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"]
            if report.check(name, "moto: CloudFormation stack created", status == "CREATE_COMPLETE", status):
                selftest_checks(report, name, "moto, CloudFormation table", [selftest, moto.url, table],
                                dict(aws, DYNAMODB_TABLE_NAME="no-such-table"), patterns)
                bad = dict(aws, AWS_SECRET_ACCESS_KEY=secret + "x")
                p = run([selftest, moto.url, table], env=bad, timeout=120)
                report.check(name, "moto: a wrong secret is rejected", p.returncode != 0 and
                             "SignatureDoesNotMatch" in p.stdout, p.stdout[-500:])
                principal_checks(report, name, model, out, selftest, moto.url, table, aws, iam)

            # dynalite (moto for a multi-attribute GSI key, which dynalite refuses): create-table.sh,
            # then the self-test, both with defaults only. moto already ran the self-test on the
            # CloudFormation table above, and tests/e2e/test_cli_scripts.py runs create-table.sh's
            # every step on moto: a second moto table would repeat both (~9 aws calls a model).
            script = os.path.join(out, name, "create-table.sh")
            emulators = [("dynalite", dyn_url, dict(aws, **AWS_ENV), "ttl,pitr,autoscaling,tags,replicas")]
            if wide_gsi_key(model):
                emulators.insert(0, ("moto", moto.url, aws, None))
            for where, endpoint, env, skip in emulators:
                env = dict(env, DYNAMODB_ENDPOINT=endpoint)
                senv = dict(env, DYNAMODEL_SKIP=skip) if skip else env
                p = run(["bash", script], env=senv, timeout=180)
                if where == "dynalite" and wide_gsi_key(model):
                    # dynalite validates a KeySchema of at most two elements: the self-test runs on moto.
                    report.check(name, "dynalite refuses the multi-attribute GSI key (KeySchema of more than 2)",
                                 p.returncode != 0 and "length less than or equal to 2" in p.stdout + p.stderr,
                                 (p.stdout + p.stderr)[-1500:])
                    continue
                if not report.check(name, f"{where}: create-table.sh with defaults", p.returncode == 0 and
                                    default_table in p.stdout + p.stderr, (p.stdout + p.stderr)[-1500:]):
                    continue
                selftest_checks(report, name, f"{where}, create-table.sh table {default_table}, defaults only",
                                [selftest], env, patterns, transactions if where == "dynalite" else ())

        if catch2:
            env = dict(aws, DYNAMODB_ENDPOINT=moto.url, ECOMMERCE_TABLE=tables["ecommerce"],
                       MERCHANT_TABLE=tables["merchant-catalog"], BATCH_TABLE=tables["batch-replay"])
            for exe in ("test_ecommerce", "test_merchant", "test_batch", "test_table_name"):
                p = run([os.path.join(bdir, exe)], env=env, timeout=300)
                report.check("catch2", f"tests/cpp_accessors/{exe}.cpp against moto", p.returncode == 0,
                             (p.stdout + p.stderr)[-4000:])
            p = run([os.path.join(bdir, "two_models")], timeout=60)
            report.check("catch2", "tests/cpp_accessors/two_models.cpp: two models link into one program "
                         "(one shared dynamodel_runtime)", p.returncode == 0 and "ok   two models" in p.stdout,
                         (p.stdout + p.stderr)[-2000:])
    finally:
        os.killpg(dyn_proc.pid, signal.SIGTERM)
        moto.stop()
    subprocess.run(["rm", "-rf", work])
    return report.finish(started)


if __name__ == "__main__":
    sys.exit(main())
