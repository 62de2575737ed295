#!/usr/bin/env python3
"""End-to-end test of the AWS CLI target (`generate --target cli`).

For every examples/*.yaml and each --also model:
  1. generate every model's create-table.sh and delete-table.sh with ONE `dynamodel generate`;
  2. `bash -n` each script, and ShellCheck all of them in one run (when shellcheck exists);
  3. run create-table.sh under strace with PATH holding only a fake `aws` that logs its
     arguments: the only programs executed are that aws (the script runs nothing else), every
     call carries --endpoint-url and --region, and the requests it sends (create-table JSON,
     TTL, PITR, autoscaling, tags, replicas) reduce to the model's canonical description,
     names verbatim; delete-table.sh without --yes calls nothing; the fake answering
     UnknownOperationException for a settings step: skipped with DYNAMODB_ENDPOINT set, fatal
     without it; any other error fatal; DYNAMODEL_SKIP and DYNAMODB_TABLE_NAME honoured;
  4. run create-table.sh against dynalite with no DYNAMODEL_SKIP (real DynamoDB's validation:
     proves the create-table request is accepted): exactly the steps dynalite lacks (TTL, PITR,
     autoscaling, replicas) print `skipped: <step> (not implemented by <endpoint>)`, and the
     table has the model's keys, indexes and tags; delete-table.sh (DELETE_MODELS) deletes it;
  5. run it twice against moto_server with no DYNAMODEL_SKIP (both exit 0, the second creates
     nothing) and compare the table read back with boto3 (tests/e2e/canonical.py from_moto)
     with the model's canonical description (from_model), all but the table class, which moto
     ignores, and the replicas, which moto accepts but never lists (the script says skipped);
  6. delete-table.sh on moto (DELETE_MODELS, or all with --delete-all): refuses without --yes (exit 2) and, for a protected table,
     without --disable-deletion-protection (exit 3), the table still there; with them the
     table and its scalable targets are gone; a second run finds nothing to delete.

Prints `ok   <example>: <check>` / `FAIL <example>: <check>: <details>` per check, the
timings, and finally `N passed, M failed`; exits 1 if anything failed.

Usage: test_cli_scripts.py --dynamodel PATH [--examples DIR] [--also MODEL.yaml ...] [--fake-only MODEL.yaml ...]
                           [--moto-only MODEL.yaml ...]
"""

import argparse
import concurrent.futures
import glob
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import canonical  # noqa: E402  (tests/e2e/canonical.py)
from report import Report  # noqa: E402
from tools import AWS_ENV, MotoServer, start_dynalite  # noqa: E402

ENVIRONMENT = "e2e"
REGION = "us-east-1"
FAKE_ENDPOINT = "http://fake.invalid:1"
FAKE_REGION = "eu-central-1"
# Each aws call costs ~0.45 s of CPU, so delete-table.sh runs against moto for the models that
# take its different paths (protected with table and GSI autoscaling, unprotected, odd names);
# --delete-all runs it for every model.
DELETE_MODELS = ("device-telemetry", "minimal", "quoting")

# A stand-in for the AWS CLI, in bash builtins only: logs its argument count and arguments
# (NUL-separated) and answers as an account without the table would (with FAKE_EXISTS set:
# with the table, its TTL as FAKE_TTL says). A replica Region counts as present once an
# update-table created it (a file in FAKE_STATE), unless FAKE_REPLICAS_IGNORED is set (moto).
# The operation FAKE_FAIL_OP (such as update-continuous-backups) fails with FAKE_FAIL_ERROR.
# A strongly consistent (MRSC) table's members for delete-table.sh: files replica-<Region> and
# witness-<Region> in FAKE_STATE, counted by the whole-table queries (Table.Replicas,
# Table.GlobalTableWitnesses), all gone once an update-table deleted (file `deleted`: the fake
# has no rm).
FAKE_AWS = r"""#!/bin/bash
printf '%s\0' "$#" "$@" >>"$FAKE_AWS_LOG"
args=("$@")
while [[ ${args[0]} == --* ]]; do args=("${args[@]:2}"); done
if [[ ${args[1]} == "${FAKE_FAIL_OP:-none}" ]]; then
  printf '\nAn error occurred (%s) when calling the %s operation: \n' "$FAKE_FAIL_ERROR" "${args[1]}" >&2
  exit 254
fi
case "${args[0]} ${args[1]} $*" in
  "dynamodb describe-table "*TableStatus*)
    if [[ -n ${FAKE_EXISTS:-} ]]; then printf 'ACTIVE\tarn:aws:dynamodb:%s:123456789012:table/fake\n' "$FAKE_REGION"; exit 0; fi
    printf 'An error occurred (ResourceNotFoundException) when calling the DescribeTable operation\n' >&2
    exit 254 ;;
  "dynamodb describe-time-to-live "*) printf '%s\n' "${FAKE_TTL:-DISABLED}" ;;
  "dynamodb create-table "*) printf 'arn:aws:dynamodb:%s:123456789012:table/fake\n' "$FAKE_REGION" ;;
  "dynamodb update-table "*'"Create"'*)
    [[ $* =~ \"RegionName\":\ \"([^\"]*)\" && -z ${FAKE_REPLICAS_IGNORED:-} ]] && : >"$FAKE_STATE/${BASH_REMATCH[1]}" ;;
  "dynamodb update-table "*'"Delete"'*) : >"$FAKE_STATE/deleted" ;;
  "dynamodb describe-table "*'length(Table.Replicas ||'*)
    n=0; for f in "$FAKE_STATE"/replica-*; do [[ -e $f && ! -e $FAKE_STATE/deleted ]] && n=$((n + 1)); done
    printf '%s\n' "$n" ;;
  "dynamodb describe-table "*GlobalTableWitnesses*)
    n=0; for f in "$FAKE_STATE"/witness-*; do [[ -e $f && ! -e $FAKE_STATE/deleted ]] && n=$((n + 1)); done
    printf '%s\n' "$n" ;;
  "dynamodb describe-table "*RegionName==*)
    [[ $* =~ RegionName==\`\"([^\"]*)\" && -e $FAKE_STATE/${BASH_REMATCH[1]} ]] && printf '1\n' || printf '0\n' ;;
  "dynamodb describe-table "*) printf '0\n' ;;
esac
exit 0
"""
UNKNOWN_OPERATION = "UnknownOperationException"


class LockedReport(Report):
    """Report whose checks may come from several threads."""

    def __init__(self):
        super().__init__()
        self.lock = threading.Lock()

    def check(self, example, name, ok, details=""):
        with self.lock:
            return super().check(example, name, ok, details)


def read_models(paths):
    """(model name, path) for each model file."""
    out = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            out.append((yaml.load(f, Loader=yaml.BaseLoader)["name"], p))
    return out


def run(cmd, env=None, timeout=300, cwd=None):
    t0 = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout, cwd=cwd)
    return p, time.monotonic() - t0


def tail(p):
    return (p.stdout[-1500:] + "\n--- stderr\n" + p.stderr[-1500:]).strip()


# --------------------------------------------------------------------------
# the fake aws run

def parse_fake_log(path):
    """The logged calls: a list of argv lists."""
    with open(path, "rb") as f:
        fields = f.read().split(b"\0")
    calls, i = [], 0
    while i < len(fields) - 1:
        n = int(fields[i])
        calls.append([x.decode("utf-8") for x in fields[i + 1:i + 1 + n]])
        i += 1 + n
    return calls


def option(argv, name):
    return argv[argv.index(name) + 1] if name in argv else None


def from_requests(calls):
    """The canonical description of the table that the logged aws calls would make."""
    def body(c):
        return json.loads(option(c, "--cli-input-json"))

    ops = [(c[4], c[5], c) for c in calls]
    create = [c for s, o, c in ops if (s, o) == ("dynamodb", "create-table")]
    if len(create) != 1:
        raise ValueError(f"expected one create-table call, got {len(create)}")
    req, name = body(create[0]), option(create[0], "--table-name")
    types = {a["AttributeName"]: a["AttributeType"] for a in req["AttributeDefinitions"]}

    def keys(schema):
        return canonical._cfn_key_schema(schema, types)  # several HASH/RANGE: a multi-attribute key

    billing = req.get("BillingMode", "PROVISIONED")

    def cap(t):
        return {"read": t["ReadCapacityUnits"], "write": t["WriteCapacityUnits"]} if billing == "PROVISIONED" else None

    gsis, lsis = {}, {}
    for g in req.get("GlobalSecondaryIndexes") or []:
        pk, sk = keys(g["KeySchema"])
        gsis[g["IndexName"]] = {"partition_key": pk, "sort_key": sk, "projection": g["Projection"]["ProjectionType"],
                                "non_key_attributes": sorted(g["Projection"].get("NonKeyAttributes") or []),
                                "capacity": cap(g.get("ProvisionedThroughput") or {})}
    for i in req.get("LocalSecondaryIndexes") or []:
        _, sk = keys(i["KeySchema"])
        lsis[i["IndexName"]] = {"sort_key": sk, "projection": i["Projection"]["ProjectionType"],
                                "non_key_attributes": sorted(i["Projection"].get("NonKeyAttributes") or [])}
    ttl = [body(c)["TimeToLiveSpecification"] for s, o, c in ops if o == "update-time-to-live"]
    pitr = [body(c)["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"]
            for s, o, c in ops if o == "update-continuous-backups"]
    tag_calls = [body(c)["Tags"] for s, o, c in ops if o == "tag-resource"]
    create_tags = req.get("Tags") or []
    if tag_calls and tag_calls != [create_tags]:
        raise ValueError(f"tag-resource sends {tag_calls}, create-table {create_tags}")
    targets = {}
    for s, o, c in ops:
        if o == "register-scalable-target":
            b = body(c)
            targets[(option(c, "--resource-id"), b["ScalableDimension"])] = [b["MinCapacity"], b["MaxCapacity"]]
    autoscaling = {}
    for s, o, c in ops:
        if o == "put-scaling-policy":
            b, rid = body(c), option(c, "--resource-id")
            scope = "table" if rid == f"table/{name}" else "index/" + rid.split("/index/", 1)[1]
            which = "read" if b["ScalableDimension"].endswith("ReadCapacityUnits") else "write"
            autoscaling.setdefault(scope, {})[which] = targets[(rid, b["ScalableDimension"])] + [
                float(b["TargetTrackingScalingPolicyConfiguration"]["TargetValue"])]
    capacity = cap(req.get("ProvisionedThroughput") or {})
    if "table" in autoscaling and capacity:
        capacity = {"read": "autoscaled", "write": "autoscaled"}
    for scope in autoscaling:
        if scope.startswith("index/") and gsis.get(scope[6:], {}).get("capacity"):
            gsis[scope[6:]]["capacity"] = {"read": "autoscaled", "write": "autoscaled"}
    sse = req.get("SSESpecification") or {}
    stream = req.get("StreamSpecification") or {}
    replicas = [u["Create"]["RegionName"] for s, o, c in ops if o == "update-table"
                for u in body(c)["ReplicaUpdates"]]
    settings = canonical.empty_settings()

    def throughput(scope, part):
        o, w = part.get("OnDemandThroughput"), part.get("WarmThroughput")
        if o:
            settings["on_demand"][scope] = [o.get("MaxReadRequestUnits"), o.get("MaxWriteRequestUnits")]
        if w:
            settings["warm"][scope] = [w.get("ReadUnitsPerSecond"), w.get("WriteUnitsPerSecond")]

    throughput("table", req)
    for g in req.get("GlobalSecondaryIndexes") or []:
        throughput("index/" + g["IndexName"], g)
    days = [body(c)["PointInTimeRecoverySpecification"].get("RecoveryPeriodInDays")
            for s, o, c in ops if o == "update-continuous-backups"]
    settings["pitr_days"] = days[-1] if days else None
    for s, o, c in ops:
        if o == "update-contributor-insights":
            b = body(c)
            if b["ContributorInsightsAction"] == "ENABLE":
                settings["insights"]["index/" + b["IndexName"] if "IndexName" in b else "table"] = b.get(
                    "ContributorInsightsMode", "ACCESSED_AND_THROTTLED_KEYS")
        elif o == "put-resource-policy":
            settings["resource_policy"] = canonical.policy_key(body(c)["Policy"])
        elif o == "update-table":
            b = body(c)
            settings["consistency"] = b.get("MultiRegionConsistency", settings["consistency"])
            for u in b.get("GlobalTableWitnessUpdates") or []:
                settings["witness"] = u["Create"]["RegionName"]
    pk, sk = keys(req["KeySchema"])
    return {"table_name": name, "partition_key": pk, "sort_key": sk, "attributes": types,
            "billing_mode": billing, "capacity": capacity, "gsis": gsis, "lsis": lsis,
            "ttl": ttl[0]["AttributeName"] if ttl and ttl[0]["Enabled"] else None,
            "stream": stream.get("StreamViewType") if stream.get("StreamEnabled") else None,
            "point_in_time_recovery": bool(pitr and pitr[-1]),
            "deletion_protection": bool(req.get("DeletionProtectionEnabled")),
            "sse": (sse.get("KMSMasterKeyId") or "AWS_MANAGED") if sse.get("Enabled") else "AWS_OWNED",
            "table_class": req.get("TableClass", "STANDARD"),
            "tags": {t["Key"]: t["Value"] for t in create_tags},
            "autoscaling": autoscaling, "replicas": sorted(replicas), "settings": settings}


def executed_programs(strace_log, bash):
    """The programs the traced run executed (or tried to), besides the bash started first."""
    with open(strace_log, encoding="utf-8", errors="replace") as f:
        execs = re.findall(r'execve\("((?:[^"\\]|\\.)*)"', f.read())
    if execs and os.path.realpath(execs[0]) == os.path.realpath(bash):
        execs = execs[1:]
    return execs


def check_fake(report, name, path, scripts, work):
    """Step 3: the script under a fake aws, traced."""
    fake_bin = os.path.join(work, "fake-bin-" + name)
    os.makedirs(fake_bin)
    fake_aws = os.path.join(fake_bin, "aws")
    with open(fake_aws, "w") as f:
        f.write(FAKE_AWS)
    os.chmod(fake_aws, 0o755)
    log = os.path.join(work, f"fake-{name}.log")
    state = os.path.join(work, f"fake-state-{name}")
    os.makedirs(state)
    env = {"PATH": fake_bin, "FAKE_AWS_LOG": log, "FAKE_REGION": FAKE_REGION, "HOME": work, "FAKE_STATE": state,
           "DYNAMODB_ENDPOINT": FAKE_ENDPOINT, "AWS_REGION": FAKE_REGION, "DYNAMODEL_ENVIRONMENT": ENVIRONMENT}
    bash = shutil.which("bash")
    strace = shutil.which("strace")
    trace = os.path.join(work, f"strace-{name}.log")
    cmd = [bash, scripts["create"]]
    if strace:
        cmd = [strace, "-f", "-qq", "-e", "trace=execve", "-e", "signal=none", "-o", trace] + cmd
    open(log, "w").close()
    p, _ = run(cmd, env=env)
    if strace:
        others = [e for e in executed_programs(trace, bash) if e != fake_aws]
        report.check(name, "fake aws: create-table.sh executes nothing but aws (strace)", not others,
                     f"also executed: {others}")
    else:
        print(f"skip {name}: strace not installed; only PATH={fake_bin} limits what runs")
    if not report.check(name, "fake aws: create-table.sh exits 0", p.returncode == 0, tail(p)):
        return
    calls = parse_fake_log(log)
    wrong = [c for c in calls if c[:4] != ["--endpoint-url", FAKE_ENDPOINT, "--region", FAKE_REGION]]
    report.check(name, "fake aws: every call has --endpoint-url and --region", calls and not wrong,
                 f"{len(calls)} calls, without them: {wrong[:2]}")
    try:
        got = from_requests(calls)
        lines = canonical.diff(canonical.from_model(path, ENVIRONMENT), got)
        report.check(name, "fake aws: the requests make the model's table (names verbatim)", not lines,
                     "\n  ".join(lines))
    except (ValueError, KeyError, TypeError, json.JSONDecodeError) as e:
        report.fail(name, "fake aws: the requests make the model's table (names verbatim)", repr(e))
    open(log, "w").close()
    p, _ = run([bash, scripts["delete"]], env=env)
    report.check(name, "fake aws: delete-table.sh without --yes exits 2 and calls nothing",
                 p.returncode == 2 and not parse_fake_log(log), tail(p))
    for var, value in (("DYNAMODEL_ENVIRONMENT", "x;touch y"), ("DYNAMODEL_SKIP", "ttl,bogus")):
        open(log, "w").close()
        p, _ = run([bash, scripts["create"]], env=dict(env, **{var: value}))
        report.check(name, f"fake aws: create-table.sh refuses {var}={value!r} before any call",
                     p.returncode == 1 and var in p.stderr and not parse_fake_log(log), tail(p))
    check_fake_failures(report, name, path, scripts, env, log, state)
    if canonical.from_model(path)["ttl"]:
        # An existing table whose TTL is on for another attribute: stop, change nothing.
        open(log, "w").close()
        p, _ = run([bash, scripts["create"]], env=dict(env, FAKE_EXISTS="1", FAKE_TTL="ENABLED\tFalse"))
        ops = [c[5] for c in parse_fake_log(log)]
        report.check(name, "fake aws: existing table, TTL on another attribute: exit 1, nothing created or changed",
                     p.returncode == 1 and "another attribute" in p.stderr and "create-table" not in ops
                     and "update-time-to-live" not in ops, f"calls {ops}\n" + tail(p))


def check_fake_failures(report, name, path, scripts, env, log, state):
    """Step 3, continued: what an error of one settings step does, and the table name rule."""
    bash = shutil.which("bash")
    model = canonical.from_model(path)

    def create(**changes):
        for f in os.listdir(state):
            os.remove(os.path.join(state, f))
        open(log, "w").close()
        e = {k: v for k, v in dict(env, **changes).items() if v is not None}
        p, _ = run([bash, scripts["create"]], env=e)
        return p, parse_fake_log(log)

    def ops(calls):
        """The operation of each call (the word after the service, past the global options)."""
        out = []
        for c in calls:
            i = 0
            while i < len(c) and c[i].startswith("--"):
                i += 2
            out.append(c[i + 1] if i + 1 < len(c) else None)
        return out

    pitr_skipped = f"skipped: pitr (not implemented by {FAKE_ENDPOINT})"
    p, calls = create(FAKE_FAIL_OP="update-continuous-backups", FAKE_FAIL_ERROR=UNKNOWN_OPERATION)
    lines = p.stdout.splitlines()
    report.check(name, "fake aws: endpoint set, PITR answers UnknownOperationException: skipped, the script goes on",
                 p.returncode == 0 and pitr_skipped in lines and lines[-1].startswith("done: created ")
                 and "point-in-time recovery: true" not in lines and "point-in-time recovery: false" not in lines,
                 tail(p))
    p, calls = create(FAKE_FAIL_OP="update-continuous-backups", FAKE_FAIL_ERROR=UNKNOWN_OPERATION,
                      DYNAMODB_ENDPOINT=None)
    after = ops(calls)[ops(calls).index("update-continuous-backups") + 1:] if "update-continuous-backups" in ops(
        calls) else ["(no update-continuous-backups call)"]
    report.check(name, "fake aws: no endpoint (AWS), PITR answers UnknownOperationException: exit 1, nothing after it",
                 p.returncode == 1 and UNKNOWN_OPERATION in p.stderr and "skipped" not in p.stdout and not after
                 and all("--endpoint-url" not in c for c in calls), f"calls after PITR {after}\n" + tail(p))
    p, calls = create(FAKE_FAIL_OP="update-continuous-backups", FAKE_FAIL_ERROR="AccessDeniedException")
    report.check(name, "fake aws: endpoint set, PITR answers AccessDeniedException: exit 1, not skipped",
                 p.returncode == 1 and "AccessDeniedException" in p.stderr and "skipped" not in p.stdout, tail(p))
    p, calls = create(DYNAMODEL_SKIP="pitr")
    report.check(name, "fake aws: DYNAMODEL_SKIP=pitr: no update-continuous-backups call",
                 p.returncode == 0 and "update-continuous-backups" not in ops(calls)
                 and "point-in-time recovery: skipped (DYNAMODEL_SKIP)" in p.stdout.splitlines(), tail(p))
    if model["ttl"]:
        p, calls = create(FAKE_FAIL_OP="update-time-to-live", FAKE_FAIL_ERROR=UNKNOWN_OPERATION)
        report.check(name, "fake aws: endpoint set, TTL answers UnknownOperationException: skipped, PITR still set",
                     p.returncode == 0 and f"skipped: ttl (not implemented by {FAKE_ENDPOINT})" in p.stdout.splitlines()
                     and "update-continuous-backups" in ops(calls), tail(p))
    if model["autoscaling"]:
        p, calls = create(FAKE_FAIL_OP="register-scalable-target", FAKE_FAIL_ERROR=UNKNOWN_OPERATION)
        lines = p.stdout.splitlines()
        report.check(name, "fake aws: endpoint set, autoscaling answers UnknownOperationException: skipped once, "
                     "no scaling policy", p.returncode == 0 and lines.count(
                         f"skipped: autoscaling (not implemented by {FAKE_ENDPOINT})") == 1
                     and ops(calls).count("register-scalable-target") == 1
                     and "put-scaling-policy" not in ops(calls), tail(p))
    if model["replicas"]:
        # moto accepts ReplicaUpdates and lists no replica: skipped locally, an error on AWS.
        p, calls = create(FAKE_REPLICAS_IGNORED="1")
        report.check(name, "fake aws: endpoint set, a replica that never appears: skipped",
                     p.returncode == 0 and f"skipped: replicas (not implemented by {FAKE_ENDPOINT})"
                     in p.stdout.splitlines(), tail(p))
        p, calls = create(FAKE_REPLICAS_IGNORED="1", DYNAMODB_ENDPOINT=None)
        report.check(name, "fake aws: no endpoint (AWS), a replica that never appears: exit 1",
                     p.returncode == 1 and "is missing after update-table" in p.stderr, tail(p))
    # One table name rule: DYNAMODB_TABLE_NAME when set and not empty, else <environment>-<name>.
    custom = "Custom_table.name-1"
    p, calls = create(DYNAMODB_TABLE_NAME=custom)
    names = {option(c, "--table-name") for c in calls if "--table-name" in c}
    report.check(name, "fake aws: DYNAMODB_TABLE_NAME names the table in every call", p.returncode == 0
                 and names == {custom} and f"table {custom} at {FAKE_ENDPOINT}" in p.stdout.splitlines(),
                 f"names {names}\n" + tail(p))
    p, calls = create(DYNAMODB_TABLE_NAME="")
    names = {option(c, "--table-name") for c in calls if "--table-name" in c}
    report.check(name, "fake aws: empty DYNAMODB_TABLE_NAME: <environment>-<table.name>",
                 p.returncode == 0 and names == {canonical.from_model(path, ENVIRONMENT)["table_name"]},
                 f"names {names}\n" + tail(p))
    open(log, "w").close()
    for f in os.listdir(state):  # no replica: delete-table.sh would wait for it to go
        os.remove(os.path.join(state, f))
    p, _ = run([bash, scripts["delete"], "--yes"], env=dict(env, DYNAMODB_TABLE_NAME=custom, FAKE_EXISTS="1"))
    names = {option(c, "--table-name") for c in parse_fake_log(log) if "--table-name" in c}
    report.check(name, "fake aws: delete-table.sh uses DYNAMODB_TABLE_NAME", p.returncode == 0 and names == {custom},
                 f"names {names}\n" + tail(p))
    if model["settings"]["consistency"] == "STRONG":
        check_fake_delete_strong(report, name, scripts, env, log, state, model)
    for bad in ("ab", "x" * 256, "a b", "x;touch y", "caf\u00e9"):
        for kind in ("create", "delete"):
            open(log, "w").close()
            p, _ = run([bash, scripts[kind], "--yes"], env=dict(env, DYNAMODB_TABLE_NAME=bad))
            report.check(name, f"fake aws: {kind}-table.sh refuses DYNAMODB_TABLE_NAME={bad[:12]!r}... before any call",
                         p.returncode == 1 and "DYNAMODB_TABLE_NAME" in p.stderr and not parse_fake_log(log), tail(p))


def check_fake_delete_strong(report, name, scripts, env, log, state, model):
    """delete-table.sh of a multi-Region strongly consistent (MRSC) global table: every replica
    and the witness go in ONE update-table (a witness cannot be deleted alone, only with a
    replica: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteGlobalTableWitnessGroupMemberAction.html),
    before delete-table. moto 5.2.1 does not do this: it accepts ReplicaUpdates without acting on
    them, and knows neither GlobalTableWitnessUpdates nor Table.GlobalTableWitnesses; so the fake
    aws answers, and the request is checked against the UpdateTable input shape of the botocore
    the AWS CLI uses (the validation `--cli-input-json` gets)."""
    import botocore.session
    from botocore.validate import ParamValidator
    bash = shutil.which("bash")
    regions, witness = model["replicas"], model["settings"]["witness"]
    for f in os.listdir(state):
        os.remove(os.path.join(state, f))
    for r in regions:
        open(os.path.join(state, "replica-" + r), "w").close()
    if witness:
        open(os.path.join(state, "witness-" + witness), "w").close()
    open(log, "w").close()
    p, _ = run([bash, scripts["delete"], "--yes", "--disable-deletion-protection"], env=dict(env, FAKE_EXISTS="1"))
    calls = parse_fake_log(log)

    def op(c):
        i = 0
        while i < len(c) and c[i].startswith("--"):
            i += 2
        return c[i + 1] if i + 1 < len(c) else None

    ops = [op(c) for c in calls]
    bodies = [json.loads(option(c, "--cli-input-json")) for c in calls
              if op(c) == "update-table" and "--cli-input-json" in c]
    deletes = [b for b in bodies if "Delete" in json.dumps(b)]
    want = {"ReplicaUpdates": [{"Delete": {"RegionName": r}} for r in regions]}
    if witness:
        want["GlobalTableWitnessUpdates"] = [{"Delete": {"RegionName": witness}}]
    report.check(name, "fake aws: MRSC delete-table.sh removes every replica and the witness in one update-table, "
                 "then deletes the table", p.returncode == 0 and deletes == [want] and "delete-table" in ops
                 and ops.index("delete-table") > max(i for i, o in enumerate(ops) if o == "update-table")
                 and os.path.exists(os.path.join(state, "deleted")), f"update-table bodies {bodies}\nops {ops}\n" + tail(p))
    shape = botocore.session.get_session().get_service_model("dynamodb").operation_model("UpdateTable").input_shape
    results = [ParamValidator().validate(dict(b, TableName="t"), shape) for b in deletes]
    report.check(name, "fake aws: the MRSC delete request is a valid UpdateTable input (botocore's validation)",
                 deletes and not any(r.has_errors() for r in results),
                 "\n".join(r.generate_report() for r in results))
    open(log, "w").close()
    p, _ = run([bash, scripts["delete"], "--yes", "--disable-deletion-protection"],
               env=dict(env, FAKE_EXISTS="1", DYNAMODEL_SKIP="replicas"))
    report.check(name, "fake aws: MRSC delete-table.sh with DYNAMODEL_SKIP=replicas sends no replica update",
                 p.returncode == 0 and "replicas: skipped (DYNAMODEL_SKIP)" in p.stdout.splitlines()
                 and not any("Delete" in " ".join(c) for c in parse_fake_log(log) if op(c) == "update-table"),
                 tail(p))


# --------------------------------------------------------------------------
# the emulators

def expected_local_skips(model, emulator):
    """The settings steps the emulator does not implement, for this model, in script order."""
    steps = []
    if emulator == "dynalite":
        steps += ["ttl"] if model["ttl"] else []
        steps += ["pitr"]
        steps += ["autoscaling"] if model["autoscaling"] else []
    # moto 5.2.1 has no UpdateContributorInsights (HTTP 500); dynalite knows neither it nor
    # PutResourcePolicy (UnknownOperationException). moto implements PutResourcePolicy.
    steps += ["insights"] if model["settings"]["insights"] else []
    if emulator == "dynalite":
        steps += ["resource-policy"] if model["settings"]["resource_policy"] else []
    steps += ["replicas"] if model["replicas"] else []
    return steps


def skipped_steps(stdout, endpoint):
    pattern = re.compile(r"^skipped: (\S+) \(not implemented by " + re.escape(endpoint) + r"\)$")
    return [m.group(1) for m in map(pattern.match, stdout.splitlines()) if m]

def check_dynalite(report, name, path, scripts, endpoint, timings, delete):
    import boto3
    env = dict(os.environ, **AWS_ENV, DYNAMODB_ENDPOINT=endpoint, DYNAMODEL_ENVIRONMENT=ENVIRONMENT)
    env.pop("DYNAMODEL_SKIP", None)
    p, seconds = run(["bash", scripts["create"]], env=env)
    timings.append((name, "dynalite create", seconds))
    if not report.check(name, "dynalite: create-table.sh exits 0 with no DYNAMODEL_SKIP (DynamoDB accepts the "
                        "create-table)", p.returncode == 0, tail(p)):
        return
    want = canonical.from_model(path, ENVIRONMENT)
    report.compare(name, "dynalite: exactly the steps dynalite lacks print `skipped: <step> (not implemented by "
                   "<endpoint>)`", expected_local_skips(want, "dynalite"), skipped_steps(p.stdout, endpoint))
    ddb = boto3.client("dynamodb", endpoint_url=endpoint, region_name=REGION, aws_access_key_id="x",
                       aws_secret_access_key="x")
    t = ddb.describe_table(TableName=want["table_name"])["Table"]
    types = {a["AttributeName"]: a["AttributeType"] for a in t["AttributeDefinitions"]}
    keys = {k["KeyType"]: [k["AttributeName"], types.get(k["AttributeName"])] for k in t["KeySchema"]}
    got = {"status": t["TableStatus"], "attributes": types, "partition_key": keys.get("HASH"),
           "sort_key": keys.get("RANGE"),
           "gsis": sorted(g["IndexName"] for g in t.get("GlobalSecondaryIndexes") or []),
           "lsis": sorted(i["IndexName"] for i in t.get("LocalSecondaryIndexes") or []),
           "billing_mode": (t.get("BillingModeSummary") or {}).get("BillingMode", "PROVISIONED"),
           "tags": {x["Key"]: x["Value"] for x in ddb.list_tags_of_resource(ResourceArn=t["TableArn"])["Tags"]}}
    expected = {"status": "ACTIVE", "attributes": want["attributes"], "partition_key": want["partition_key"],
                "sort_key": want["sort_key"], "gsis": sorted(want["gsis"]), "lsis": sorted(want["lsis"]),
                "billing_mode": want["billing_mode"], "tags": want["tags"]}
    lines = canonical.diff(expected, got)
    report.check(name, "dynalite: the table has the model's keys, indexes, billing mode and tags", not lines,
                 "\n  ".join(lines))
    if not delete:
        return
    p, _ = run(["bash", scripts["delete"], "--yes", "--disable-deletion-protection"], env=env)
    gone = want["table_name"] not in ddb.list_tables()["TableNames"]
    report.check(name, "dynalite: delete-table.sh deletes the table, skipping only what dynalite lacks",
                 p.returncode == 0 and gone and skipped_steps(p.stdout, endpoint) == (
                     ["autoscaling"] if want["autoscaling"] else []), tail(p))


def check_moto(report, name, path, scripts, endpoint, timings, delete):
    import boto3
    env = dict(os.environ, **AWS_ENV, DYNAMODB_ENDPOINT=endpoint, DYNAMODEL_ENVIRONMENT=ENVIRONMENT)
    env.pop("DYNAMODEL_SKIP", None)
    want = canonical.from_model(path, ENVIRONMENT)
    table = want["table_name"]
    for attempt in ("1st", "2nd"):
        p, seconds = run(["bash", scripts["create"]], env=env)
        timings.append((name, f"moto create ({attempt})", seconds))
        ok = p.returncode == 0 and (attempt == "1st" or "created" not in p.stdout.splitlines())
        if not report.check(name, f"moto: create-table.sh {attempt} run exits 0 with no DYNAMODEL_SKIP" +
                            (", creates nothing" if attempt == "2nd" else ""), ok, tail(p)):
            return
        report.compare(name, f"moto: {attempt} run: only the steps moto lacks are skipped",
                       expected_local_skips(want, "moto"), skipped_steps(p.stdout, endpoint))
        # moto ignores TableClass (describe_table has no TableClassSummary) and lists no
        # replicas: the fake-aws check above compares the requests instead.
        lines = canonical.diff(canonical.without(want, "table_class", "replicas", "settings"),
                               canonical.without(canonical.from_moto(endpoint, table, REGION), "table_class",
                                                 "replicas", "settings"))
        report.check(name, f"moto: after the {attempt} run the table read back equals the model's "
                     "(table class, replicas: see fake aws)", not lines, "\n  ".join(lines))

    if not delete:
        return
    ddb = boto3.client("dynamodb", endpoint_url=endpoint, region_name=REGION, aws_access_key_id="x",
                       aws_secret_access_key="x")
    aas = boto3.client("application-autoscaling", endpoint_url=endpoint, region_name=REGION,
                       aws_access_key_id="x", aws_secret_access_key="x")

    def exists():
        try:
            ddb.describe_table(TableName=table)
            return True
        except ddb.exceptions.ResourceNotFoundException:
            return False

    p, _ = run(["bash", scripts["delete"]], env=env)
    report.check(name, "moto: delete-table.sh without --yes exits 2, table kept", p.returncode == 2 and exists(),
                 tail(p))
    if want["deletion_protection"]:
        p, _ = run(["bash", scripts["delete"], "--yes"], env=env)
        report.check(name, "moto: protected table: delete-table.sh --yes exits 3, table kept",
                     p.returncode == 3 and exists() and "--disable-deletion-protection" in p.stderr, tail(p))
    def targets():
        return [t for t in aas.describe_scalable_targets(ServiceNamespace="dynamodb")["ScalableTargets"]
                if t["ResourceId"] == f"table/{table}" or t["ResourceId"].startswith(f"table/{table}/")]

    # A scalable target the script finds missing (never registered, or removed by hand) is no
    # error: AWS answers ObjectNotFoundException, moto ValidationException; both "No scalable
    # target found". Remove one first, so the script meets that answer.
    gone = targets()[:1]
    for t in gone:
        aas.deregister_scalable_target(ServiceNamespace="dynamodb", ResourceId=t["ResourceId"],
                                       ScalableDimension=t["ScalableDimension"])
    p, seconds = run(["bash", scripts["delete"], "--yes", "--disable-deletion-protection"], env=env)
    timings.append((name, "moto delete", seconds))
    left = [t["ResourceId"] for t in targets()]
    report.check(name, "moto: delete-table.sh --yes --disable-deletion-protection deletes the table and its "
                 "scalable targets" + (f" (one of them, {gone[0]['ScalableDimension']}, removed before)" if gone else ""),
                 p.returncode == 0 and not exists() and not left, f"targets left {left}\n" + tail(p))
    p, _ = run(["bash", scripts["delete"], "--yes"], env=env)
    report.check(name, "moto: delete-table.sh again: nothing to delete, exit 0", p.returncode == 0, tail(p))


# --------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dynamodel", required=True)
    ap.add_argument("--examples", default=os.path.join(REPO, "examples"))
    ap.add_argument("--also", nargs="*", default=[])
    ap.add_argument("--fake-only", nargs="*", default=[],
                    help="models checked with the fake aws only (moto ignores ReplicaUpdates)")
    ap.add_argument("--moto-only", nargs="*", default=[],
                    help="models checked with the fake aws and moto, not dynalite (dynalite refuses a KeySchema "
                         "of more than two elements: a multi-attribute GSI key)")
    ap.add_argument("--jobs", type=int, default=4)
    ap.add_argument("--delete-all", action="store_true", help="run delete-table.sh for every model")
    args = ap.parse_args()
    report = LockedReport()
    started = time.monotonic()
    timings = []
    emulated = sorted(glob.glob(os.path.join(args.examples, "*.yaml"))) + args.also + args.moto_only
    no_dynalite = {n for n, _ in read_models(args.moto_only)}
    paths = emulated + args.fake_only
    models = read_models(paths)
    emulated_models = read_models(emulated)
    delete = {n for n, _ in emulated_models if args.delete_all or n in DELETE_MODELS}
    report.check("(all)", "delete-table.sh runs for some model", delete, f"none of {DELETE_MODELS} given")
    work = tempfile.mkdtemp(prefix="dynamodel-cli-")
    try:
        out = os.path.join(work, "out")
        p, seconds = run([args.dynamodel, "generate", *paths, "-t", "cli", "-o", out])
        timings.append(("(all)", "generate", seconds))
        if not report.check("(all)", "generate --target cli exits 0", p.returncode == 0, tail(p)):
            return finish(report, timings, started)
        scripts = {}
        for name, _ in models:
            s = {"create": os.path.join(out, name, "create-table.sh"),
                 "delete": os.path.join(out, name, "delete-table.sh")}
            for kind, f in s.items():
                with open(f, encoding="utf-8") as fh:
                    head = fh.read(1024)
                report.check(name, f"{os.path.basename(f)}: bash shebang and generated marker",
                             head.startswith("#!/usr/bin/env bash\n") and "Generated by dynamodel" in head, head[:200])
                q, _ = run(["bash", "-n", f])
                report.check(name, f"{os.path.basename(f)}: bash -n", q.returncode == 0, tail(q))
            scripts[name] = s
        all_scripts = [f for s in scripts.values() for f in s.values()]
        if shutil.which("shellcheck"):
            q, seconds = run(["shellcheck", "--shell=bash", "--severity=style", *all_scripts])
            timings.append(("(all)", "shellcheck", seconds))
            report.check("(all)", f"shellcheck passes all {len(all_scripts)} scripts clean",
                         q.returncode == 0 and not q.stdout.strip(), tail(q))
        else:
            print("skip (all): shellcheck not installed")

        t0 = time.monotonic()
        for name, path in models:
            check_fake(report, name, path, scripts[name], work)
        timings.append(("(all)", "fake aws runs", time.monotonic() - t0))

        moto = MotoServer()
        dynalite_proc, dynalite_url = start_dynalite()
        try:
            err = moto.wait_ready()
            if not report.check("(all)", "moto_server starts", err is None, err or ""):
                return finish(report, timings, started)

            def one(model):
                name, path = model
                if name not in no_dynalite:
                    check_dynalite(report, name, path, scripts[name], dynalite_url, timings, name in delete)
                check_moto(report, name, path, scripts[name], moto.url, timings, name in delete)

            t0 = time.monotonic()
            with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
                for f in [pool.submit(one, m) for m in emulated_models]:
                    try:
                        f.result()
                    except Exception as e:  # a crash in one model's checks fails it, not the run
                        report.fail("(all)", "no exception in the emulator checks", repr(e))
            timings.append(("(all)", "emulator runs", time.monotonic() - t0))
        finally:
            moto.stop()
            os.killpg(dynalite_proc.pid, signal.SIGTERM)
            dynalite_proc.wait()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return finish(report, timings, started)


def finish(report, timings, started):
    for name, what, seconds in timings:
        print(f"time {name}: {what}: {seconds:.1f} s")
    print(f"time total: {time.monotonic() - started:.1f} s")
    print(f"{report.passed} passed, {report.failed} failed")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
