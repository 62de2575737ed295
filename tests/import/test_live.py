#!/usr/bin/env python3
"""`dynamodel import --endpoint URL --table NAME` (the live reader) on moto_server with
signatures checked and on dynalite, for every examples/*.yaml and tests/golden/*/model.yaml that
deploys as one table (not the global tables, as in test_moto.py):

  1. deploy with the generated create-table.sh (`generate -t cli`);
  2. write `dynamodel sample` items with BatchWriteItem (boto3); on moto, `dynamodel
     drift` finds no drift between the model and that table (exit 0);
  3. `dynamodel import --endpoint URL --table dev-NAME --sample 7` -> IMPORTED (must validate);
  4. the table of IMPORTED equals the model's: the table Properties of both models'
     CloudFormation, TTL, point-in-time recovery and tags included on moto (read live), but the
     table class (moto ignores it) and what dynalite does not implement (TTL, PITR: a TODO line
     each, checked; streams, which it ignores); the AWS managed key comes back as its ARN with a
     TODO, as in test_moto.py;
  5. every entity comes back with the model's key templates up to placeholder names, and the
     entities were inferred from at most --sample items (paged Scan, Limit honoured);
  6. on moto, the model's CloudFormation template deployed as a stack (its own Environment), then
     imported from the endpoint: its table equals the model's too, but for the TTL,
     point-in-time recovery and SSE that moto's stacks do not set.

Bad cases, each exit 2 with the message checked and no file written: an endpoint that does not
answer (a closed port), a table that does not exist, wrong credentials against moto with
signature checking, an endpoint that accepts connections and never answers (within 30 s); and
--endpoint with a SOURCE file. A fake endpoint whose Scan throttles after the first page: the
runtime retries, then the model is written from the items read with a `# TODO` saying so. An
empty table, then items of ~400 KB (dynalite): each imports to a model that loads.

Prints `ok`/`FAIL` per model and check; exits 1 if anything failed.
"""
import glob
import http.server
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import zlib
import threading
import time

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "tests", "e2e"))
sys.path.insert(0, HERE)

from test_round_trip import DYNALITE_REFUSES, check_key_shapes, golden_case, table_template, dynamodel_argument, models_with_a_table, summary, table_properties, without_settings_not_kept  # noqa: E402
from tools import AWS_ENV, free_port, moto_deployable, signed_moto, start_dynalite  # noqa: E402

SAMPLE = 7
# What each emulator does not keep or implement (verification.md), left out of the comparison.
NOT_COMPARED = {
    "moto": ("TableClass", "TableName"),
    "dynalite": ("TableClass", "TableName", "StreamSpecification", "TimeToLiveSpecification",
                 "PointInTimeRecoverySpecification", "DeletionProtectionEnabled", "SSESpecification"),
    # moto's CloudFormation creates the table without its TTL, point-in-time recovery and SSE
    # settings (measured with moto 5.2.1); create-table.sh sets them through the API, compared above.
    "moto-cfn": ("TableClass", "TableName", "TimeToLiveSpecification", "PointInTimeRecoverySpecification",
                 "SSESpecification"),
}


def run(cmd, env=None, **kwargs):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env, **kwargs)


def api(env, endpoint, service, operation, **parameters):
    """One API call made with boto3 (the test's own setup and clean-up: an `aws` process costs
    ~0.6 CPU-s to start, and the aws CLI is exercised by the generated scripts), signed with the
    credentials of `env`. Returns (returncode, error text) like a finished process would."""
    import boto3
    client = boto3.client(service, endpoint_url=endpoint, region_name="us-east-1",
                          aws_access_key_id=env["AWS_ACCESS_KEY_ID"], aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"])
    try:
        getattr(client, operation)(**parameters)
        return 0, ""
    except Exception as e:  # the check that called prints it
        return 1, repr(e)


def comparable(template, emulator):
    properties = without_settings_not_kept(table_properties(template))
    out = {k: v for k, v in properties.items() if k not in NOT_COMPARED[emulator]}
    if "Tags" in out:  # a set: ListTagsOfResource has its own order (dynalite sorts)
        out["Tags"] = sorted(out["Tags"], key=lambda tag: tag["Key"])
    return out


def check_model(binary, model, name, tmp, emulator, endpoint, env, results):
    label = f"{emulator} {name}"

    def check(ok, what, detail=""):
        results.append((ok, label, what, detail))
        return ok

    out = os.path.join(tmp, emulator, name)
    for target in ("cli", "cloudformation"):
        p = run([binary, "generate", model, "-t", target, "-o", os.path.join(out, target)])
        if not check(p.returncode == 0, f"generate -t {target}", p.stderr):
            return
    with open(model, encoding="utf-8") as f:
        source = yaml.safe_load(f)
    table_name = "dev-" + source["table"]["name"]
    script = glob.glob(os.path.join(out, "cli", "*", "create-table.sh"))[0]
    # Autoscaling is not read by the live import (application-autoscaling is another API).
    p = run(["bash", script], env=dict(env, DYNAMODB_ENDPOINT=endpoint, DYNAMODEL_ENVIRONMENT="dev",
                                       DYNAMODEL_SKIP="autoscaling"))
    if not check(p.returncode == 0, "create-table.sh deploys", p.stdout + p.stderr):
        return
    try:
        sample = run([binary, "sample", model, "-n", "3", "--table", table_name])
        if not check(sample.returncode == 0, "sample", sample.stderr):
            return
        written = 0
        for chunk in json.loads(sample.stdout)["chunks"]:
            code, error = api(env, endpoint, "dynamodb", "batch_write_item", RequestItems=chunk)
            if not check(code == 0, "batch-write-item", error):
                return
            written += sum(len(requests) for requests in chunk.values())

        if emulator == "moto":
            # `dynamodel drift` on the table just deployed from the model, with its sample items: clean.
            p = run([binary, "--color", "never", "drift", model, "--endpoint", endpoint, "--table", table_name], env=env)
            check(p.returncode == 0, "drift: no drift on the table deployed from the model",
                  f"exit {p.returncode}\n{p.stdout}{p.stderr}")

        imported = os.path.join(out, "imported.yaml")
        p = run([binary, "import", "--endpoint", endpoint, "--table", table_name, "--sample", str(SAMPLE),
                 "--out", imported], env=env)
        if not check(p.returncode == 0, "import --endpoint", p.stdout + p.stderr):
            return
        with open(imported, encoding="utf-8") as f:
            text = f.read()
        v = run([binary, "--color", "never", "validate", imported])
        check(v.returncode == 0, "imported model validates", v.stdout + v.stderr)
        got_name = yaml.safe_load(text)["table"]["name"]
        check(got_name == table_name, "table name", f"{got_name} != {table_name}")
        if emulator == "dynalite":
            # dynalite answers DescribeTimeToLive (always DISABLED: create-table.sh skips the TTL step there).
            check(re.search(r'^# TODO: "?DescribeContinuousBackups is not implemented by the endpoint', text, re.M),
                  "TODO: dynalite lacks DescribeContinuousBackups", text[:1500])
        else:
            check("# TODO: Describe" not in text and "ListTagsOfResource" not in text,
                  "moto answers TTL, PITR and tags (no TODO for them)", text[:1500])

        again = os.path.join(out, "again")
        p = run([binary, "generate", imported, "-t", "cloudformation", "-o", again])
        if not check(p.returncode == 0, "generate the imported model", p.stderr):
            return
        want = comparable(table_template(os.path.join(out, "cloudformation")), emulator)
        got = comparable(table_template(again), emulator)
        if "KMSMasterKeyId" not in want.get("SSESpecification", {}) and "KMSMasterKeyId" in got.get("SSESpecification", {}):
            check("KeyManager AWS" in text, "TODO on the KMS key of an AWS managed key")
            del got["SSESpecification"]["KMSMasterKeyId"]
        check(want == got, "table equals the model's (keys, indexes, projections, billing, TTL, PITR, tags ...)",
              json.dumps(want, sort_keys=True) + "\n!=\n" + json.dumps(got, sort_keys=True))

        counts = [int(n) for n in re.findall(r"inferred from (\d+) sample items?", text)]
        check(0 < sum(counts) <= min(SAMPLE, written), f"entities inferred from at most --sample {SAMPLE} items",
              f"{counts} (written {written})")
        # The key templates from every item: a second import with a sample larger than the table.
        everything = os.path.join(out, "imported-all.yaml")
        p = run([binary, "import", "--endpoint", endpoint, "--table", table_name, "--out", everything], env=env)
        if not check(p.returncode == 0, "import --endpoint (default --sample 200)", p.stderr):
            return
        with open(everything, encoding="utf-8") as f:
            counts = [int(n) for n in re.findall(r"inferred from (\d+) sample items?", f.read())]
        check(sum(counts) == written, "the default sample reads every item of a small table", f"{counts} != {written}")
        check_key_shapes(model, everything, label, check)
    finally:
        api(env, endpoint, "dynamodb", "delete_table", TableName=table_name)


def check_cfn_deployed(binary, model, name, tmp, endpoint, env, results):
    """The model's CloudFormation template deployed as a stack in moto (Environment=cfn), then
    imported from the live endpoint: the table equals the model's, as for create-table.sh."""
    label = f"moto-cfn {name}"

    def check(ok, what, detail=""):
        results.append((ok, label, what, detail))
        return ok

    out = os.path.join(tmp, "moto-cfn", name)
    p = run([binary, "generate", model, "-t", "cloudformation", "-o", out])
    if not check(p.returncode == 0, "generate -t cloudformation", p.stderr):
        return
    template = table_template(out)
    # One environment per model: the golden copies of the examples hold the same table names.
    environment = f"cfn{zlib.crc32(name.encode()) % 100000}"
    with open(model, encoding="utf-8") as f:
        table_name = f"{environment}-" + yaml.safe_load(f)["table"]["name"]
    stack = "live-" + re.sub(r"[^A-Za-z0-9-]", "-", name)[:100]
    with open(template, encoding="utf-8") as f:
        body = f.read()
    code, error = api(env, endpoint, "cloudformation", "create_stack", StackName=stack,
                      TemplateBody=moto_deployable(body),
                      Parameters=[{"ParameterKey": "Environment", "ParameterValue": environment}])
    if not check(code == 0, "create-stack", error):
        return
    try:
        imported = os.path.join(out, "imported.yaml")
        p = run([binary, "import", "--endpoint", endpoint, "--table", table_name, "--out", imported], env=env)
        if not check(p.returncode == 0, "import --endpoint of the stack's table", p.stdout + p.stderr):
            return
        again = os.path.join(out, "again")
        p = run([binary, "generate", imported, "-t", "cloudformation", "-o", again])
        if not check(p.returncode == 0, "generate the imported model", p.stderr):
            return
        want = comparable(template, "moto-cfn")
        got = comparable(table_template(again), "moto-cfn")
        check(want == got, "table equals the model's (but TTL, PITR and SSE, which moto's stacks do not set)", json.dumps(want, sort_keys=True) + "\n!=\n" +
              json.dumps(got, sort_keys=True))
    finally:
        api(env, endpoint, "cloudformation", "delete_stack", StackName=stack)


def check_failure(results, label, p, pattern, out_file):
    results.append((p.returncode == 2, label, "exit 2", f"exit {p.returncode}\n{p.stdout}{p.stderr}"))
    results.append((re.search(pattern, p.stderr) is not None, label, f"message matches /{pattern}/", p.stderr))
    results.append((not os.path.exists(out_file), label, "no file written", out_file))
    results.append(("Traceback" not in p.stderr and "terminate" not in p.stderr, label, "no crash", p.stderr))


def bad_cases(binary, tmp, moto, env, results):
    out_file = os.path.join(tmp, "bad.yaml")
    closed = f"http://127.0.0.1:{free_port()}"
    p = run([binary, "import", "--endpoint", closed, "--table", "t", "--out", out_file], env=env)
    check_failure(results, "closed port", p, re.escape(closed) + " does not answer", out_file)
    p = run([binary, "import", "--endpoint", moto.url, "--table", "no-such-table", "--out", out_file], env=env)
    check_failure(results, "missing table", p, r"table no-such-table does not exist at " + re.escape(moto.url),
                  out_file)
    wrong = dict(env, AWS_SECRET_ACCESS_KEY="not-the-secret")
    p = run([binary, "import", "--endpoint", moto.url, "--table", "no-such-table", "--out", out_file], env=wrong)
    check_failure(results, "wrong credentials", p,
                  re.escape(moto.url) + r" refused DescribeTable of no-such-table: \w*Signature\w*", out_file)
    p = run([binary, "import", os.path.join(HERE, "describe-items", "table.json"), "--endpoint", moto.url,
             "--table", "t", "--out", out_file], env=env)
    check_failure(results, "--endpoint with SOURCE", p, "give no SOURCE", out_file)


def big_items_case(binary, tmp, endpoint, env, results):
    """Items near DynamoDB's 400 KB limit (each ~399 KB): the paged scan reads them and the model
    loads, with the large attribute typed from the samples."""
    label = "items of ~400 KB"
    code, error = api(env, endpoint, "dynamodb", "create_table", TableName="big-items",
                      AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                      KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}], BillingMode="PAY_PER_REQUEST")
    results.append((code == 0, label, "create-table", error))
    # The table still empty: no sample to infer from, one placeholder entity and a TODO.
    empty = os.path.join(tmp, "empty-table.yaml")
    p = run([binary, "import", "--endpoint", endpoint, "--table", "big-items", "--out", empty], env=env)
    results.append((p.returncode == 0, "an empty table", "import exit 0", p.stdout + p.stderr))
    text = open(empty, encoding="utf-8").read() if os.path.exists(empty) else ""
    results.append(("# TODO" in text and "entities:" in text, "an empty table", "a model with TODOs", text))
    v = run([binary, "validate", empty])
    results.append((v.returncode in (0, 1), "an empty table", "the model loads", v.stdout + v.stderr))
    for n in range(3):
        code, error = api(env, endpoint, "dynamodb", "put_item", TableName="big-items",
                          Item={"pk": {"S": f"DOC#{n}"}, "body": {"S": "x" * (399 * 1024)}})
        results.append((code == 0, label, f"put-item {n}", error))
    out_file = os.path.join(tmp, "big-items.yaml")
    p = run([binary, "import", "--endpoint", endpoint, "--table", "big-items", "--sample", "10", "--out", out_file],
            env=env)
    results.append((p.returncode == 0, label, "import exit 0", p.stdout + p.stderr))
    text = open(out_file, encoding="utf-8").read() if os.path.exists(out_file) else ""
    results.append(('"body": {type: "S"' in text and 'DOC#{' in text, label,
                    "entity with an S attribute body and a DOC# key template", text))
    v = run([binary, "validate", out_file])
    results.append((v.returncode in (0, 1), label, "the model loads (validate exit 0 or 1)", v.stdout + v.stderr))


class FakeDynamoDB(http.server.BaseHTTPRequestHandler):
    """One table; Scan answers a first page, then ThrottlingException on every later call."""
    calls = []

    def log_message(self, *args):
        pass

    def do_POST(self):  # noqa: N802 (http.server's name)
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        operation = self.headers.get("X-Amz-Target", "").split(".")[-1]
        FakeDynamoDB.calls.append(operation)
        key = {"PK": {"S": "USER#1"}}
        answers = {
            "DescribeTable": {"Table": {
                "TableName": "fake", "TableArn": "arn:aws:dynamodb:us-east-1:123456789012:table/fake",
                "AttributeDefinitions": [{"AttributeName": "PK", "AttributeType": "S"}],
                "KeySchema": [{"AttributeName": "PK", "KeyType": "HASH"}],
                "BillingModeSummary": {"BillingMode": "PAY_PER_REQUEST"}}},
            "DescribeTimeToLive": {"TimeToLiveDescription": {"TimeToLiveStatus": "DISABLED"}},
            "DescribeContinuousBackups": {"ContinuousBackupsDescription": {
                "PointInTimeRecoveryDescription": {"PointInTimeRecoveryStatus": "ENABLED"}}},
            "ListTagsOfResource": {"Tags": [{"Key": "Owner", "Value": "me"}]},
        }
        status, body = 200, answers.get(operation)
        if operation == "Scan":
            if FakeDynamoDB.calls.count("Scan") == 1:
                body = {"Items": [dict(key, name={"S": "a"})], "Count": 1, "LastEvaluatedKey": key}
            else:
                status, body = 400, {"__type": "com.amazonaws.dynamodb.v20120810#ThrottlingException",
                                     "message": "Rate of requests exceeds the allowed throughput."}
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/x-amz-json-1.0")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def fault_cases(binary, tmp, env, results):
    """A Scan that throttles after its first page: the model from what was read, a TODO saying so,
    after the runtime's retries; an endpoint that accepts connections and never answers: exit 2
    naming it, in seconds."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeDynamoDB)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    out_file = os.path.join(tmp, "throttled.yaml")
    p = run([binary, "import", "--endpoint", url, "--table", "fake", "--out", out_file], env=env)
    server.shutdown()
    label = "throttled scan"
    results.append((p.returncode == 0, label, "exit 0", f"exit {p.returncode}\n{p.stderr}"))
    text = open(out_file, encoding="utf-8").read() if os.path.exists(out_file) else ""
    results.append((re.search(r"^# TODO: .*sample scan stopped after 1 item \(ThrottlingException", text, re.M)
                    is not None, label, "a TODO line says the scan stopped", text[:1200]))
    results.append(("inferred from 1 sample item" in text, label, "the entity from the item read", text[:1200]))
    retries = FakeDynamoDB.calls.count("Scan") - 1
    results.append((retries > 1, label, "the runtime retried the throttled page", f"{FakeDynamoDB.calls}"))
    results.append(("point_in_time_recovery: true" in text and '"Owner": "me"' in text, label,
                    "PITR and tags read", text[:1200]))

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    url = f"http://127.0.0.1:{silent.getsockname()[1]}"
    out_file = os.path.join(tmp, "silent.yaml")
    started = time.monotonic()
    p = run([binary, "import", "--endpoint", url, "--table", "t", "--out", out_file], env=env)
    seconds = time.monotonic() - started
    silent.close()
    check_failure(results, "endpoint that never answers", p, re.escape(url) + " does not answer: .*[Tt]imeout", out_file)
    results.append((seconds < 30, "endpoint that never answers", "fails within 30 s", f"{seconds:.1f} s"))


def main():
    binary = dynamodel_argument(__doc__)
    moto, moto_env = signed_moto()
    if moto is None:
        print(f"FAIL moto_server: {moto_env}")
        return 1
    dyn_proc, dyn_url = start_dynalite()
    dyn_env = dict(os.environ, **AWS_ENV)
    results = []
    # Global tables (a GlobalTable stack, replicas) are test_moto.py's.
    models = models_with_a_table(leave_out={"global-table", "table-settings-mrsc"})
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for name, model in models:
                check_model(binary, model, name, tmp, "moto", moto.url, moto_env, results)
                if golden_case(model) in DYNALITE_REFUSES:
                    print(f"note {name}: dynalite refuses its multi-attribute GSI key (a KeySchema of more than "
                          "two elements): moto only")
                else:
                    check_model(binary, model, name, tmp, "dynalite", dyn_url, dyn_env, results)
                check_cfn_deployed(binary, model, name, tmp, moto.url, moto_env, results)
            bad_cases(binary, tmp, moto, moto_env, results)
            fault_cases(binary, tmp, dyn_env, results)
            big_items_case(binary, tmp, dyn_url, dyn_env, results)
    finally:
        moto.stop()
        os.killpg(dyn_proc.pid, signal.SIGTERM)
    for emulator in ("moto", "dynalite"):
        failed = {label for ok, label, _, _ in results if not ok and label.startswith(emulator + " ")}
        tried = len(models) if emulator == "moto" else sum(
            golden_case(model) not in DYNALITE_REFUSES for _, model in models)
        print(f"{emulator}: {tried - len(failed)} of {tried} models round-tripped")
    return summary(results)


if __name__ == "__main__":
    sys.exit(main())
