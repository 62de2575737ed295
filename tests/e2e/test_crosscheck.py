#!/usr/bin/env python3
"""Cross-check: every design that DynamoDB (as emulated by dynalite) or cfn-lint rejects,
dynamodel rejects too.

Corpus: every tests/rules/*.yaml fixture that PyYAML loads into a table with a partition key,
the examples, and the hand-made broken designs of tests/crosscheck/. For each model, this
script translates the table into a CreateTable request and into a minimal CloudFormation
template itself, with PyYAML, independently of dynamodel's own targets. Then:
  1. the CreateTable requests go to a dynalite started here (a stricter DynamoDB emulator
     that answers with real DynamoDB's validation messages);
  2. the templates go through ONE cfn-lint run (--format json); an E-level finding rejects;
  3. `dynamodel validate` runs on every model.
For every model rejected by dynalite or cfn-lint, dynamodel must exit 1 with at least one
error. The script also requires a minimum number of rejections from each tool, so that it
cannot pass vacuously.

Prints `ok   <model>: <check>` / `FAIL <model>: <check>: <details>`, the rejection counts,
and `N passed, M failed`; exits 1 if anything failed.

Usage: test_crosscheck.py --dynamodel PATH [--dynalite PATH] [--min-dynalite N] [--min-cfn-lint N]
"""

import argparse
import glob
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from report import Report  # noqa: E402  (tests/e2e/report.py)
from tools import start_dynalite  # noqa: E402  (tests/e2e/tools.py)

os.environ.update({
    "AWS_ACCESS_KEY_ID": "x",
    "AWS_SECRET_ACCESS_KEY": "x",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_EC2_METADATA_DISABLED": "true",
})


# --------------------------------------------------------------------------
# the corpus

def corpus():
    files = sorted(glob.glob(os.path.join(REPO, "tests", "rules", "*.yaml")))
    files += sorted(glob.glob(os.path.join(REPO, "examples", "*.yaml")))
    files += sorted(glob.glob(os.path.join(REPO, "tests", "crosscheck", "*.yaml")))
    models = []
    for path in files:
        try:
            with open(path, encoding="utf-8") as f:
                doc = yaml.safe_load(f)
        except (yaml.YAMLError, UnicodeDecodeError):
            continue  # not YAML: neither tool can be given anything
        table = doc.get("table") if isinstance(doc, dict) else None
        if not isinstance(table, dict) or not isinstance(table.get("partition_key"), dict):
            continue
        models.append((os.path.relpath(path, REPO), doc))
    return models


# --------------------------------------------------------------------------
# translation of a model's table, independent of dynamodel

def key_name(key):
    return key.get("name") if isinstance(key, dict) else None


def attribute_definitions(table):
    """One definition per distinct (name, type) of the key attributes in use; a name declared
    with two types gives two definitions, which is what such a design asks DynamoDB for."""
    keys = [table.get("partition_key"), table.get("sort_key")]
    for g in table.get("global_secondary_indexes") or []:
        keys += [g.get("partition_key"), g.get("sort_key")]
    for li in table.get("local_secondary_indexes") or []:
        keys.append(li.get("sort_key"))
    # A multi-attribute GSI key (issue 16) is a list of {name, type}.
    keys = [item for k in keys for item in (k if isinstance(k, list) else [k])]
    out = []
    for k in keys:
        if isinstance(k, dict):
            d = {"AttributeName": str(k.get("name")), "AttributeType": str(k.get("type"))}
            if d not in out:
                out.append(d)
    return out


def key_schema(pk, sk):
    """HASH then RANGE elements; a multi-attribute GSI key (a list) gives one element per
    attribute, in order."""
    out = [{"AttributeName": str(key_name(k)), "KeyType": "HASH"} for k in (pk if isinstance(pk, list) else [pk])]
    for k in sk if isinstance(sk, list) else [sk]:
        if isinstance(k, dict):
            out.append({"AttributeName": str(key_name(k)), "KeyType": "RANGE"})
    return out


def projection(p):
    if p is None or p == "ALL":
        return {"ProjectionType": "ALL"}
    if p == "KEYS_ONLY":
        return {"ProjectionType": "KEYS_ONLY"}
    if isinstance(p, dict) and "include" in p:
        return {"ProjectionType": "INCLUDE", "NonKeyAttributes": [str(a) for a in p["include"] or []]}
    return {"ProjectionType": str(p)}


def throughput(capacity):
    if not isinstance(capacity, dict):
        return None
    return {"ReadCapacityUnits": capacity.get("read"), "WriteCapacityUnits": capacity.get("write")}


def create_table_request(table):
    """The CreateTable request that deploys the model's table."""
    provisioned = table.get("billing_mode") == "PROVISIONED"
    req = {
        "TableName": str(table.get("name")),
        "AttributeDefinitions": attribute_definitions(table),
        "KeySchema": key_schema(table.get("partition_key"), table.get("sort_key")),
        "BillingMode": "PROVISIONED" if provisioned else "PAY_PER_REQUEST",
    }
    if throughput(table.get("capacity")) is not None:
        req["ProvisionedThroughput"] = throughput(table.get("capacity"))
    gsis = []
    for g in table.get("global_secondary_indexes") or []:
        gsi = {"IndexName": str(g.get("name")), "KeySchema": key_schema(g.get("partition_key"), g.get("sort_key")),
               "Projection": projection(g.get("projection"))}
        # A GSI without capacity of its own gets the table's (as the model format says).
        cap = throughput(g.get("capacity")) or (throughput(table.get("capacity")) if provisioned else None)
        if cap is not None:
            gsi["ProvisionedThroughput"] = cap
        gsis.append(gsi)
    if gsis:
        req["GlobalSecondaryIndexes"] = gsis
    lsis = [{"IndexName": str(li.get("name")), "KeySchema": key_schema(table.get("partition_key"), li.get("sort_key")),
             "Projection": projection(li.get("projection"))}
            for li in table.get("local_secondary_indexes") or []]
    if lsis:
        req["LocalSecondaryIndexes"] = lsis
    if table.get("stream"):
        req["StreamSpecification"] = {"StreamEnabled": True, "StreamViewType": str(table["stream"])}
    return req


def cloudformation_template(table):
    """A minimal CloudFormation template of one AWS::DynamoDB::Table for the model's table."""
    props = dict(create_table_request(table))
    if "StreamSpecification" in props:
        props["StreamSpecification"] = {"StreamViewType": props["StreamSpecification"]["StreamViewType"]}
    if table.get("ttl_attribute") is not None:
        props["TimeToLiveSpecification"] = {"AttributeName": str(table["ttl_attribute"]), "Enabled": True}
    if table.get("point_in_time_recovery") is not None:
        props["PointInTimeRecoverySpecification"] = {
            "PointInTimeRecoveryEnabled": bool(table["point_in_time_recovery"])}
    if table.get("deletion_protection") is not None:
        props["DeletionProtectionEnabled"] = bool(table["deletion_protection"])
    if table.get("table_class"):
        props["TableClass"] = str(table["table_class"])
    enc = table.get("encryption")
    if isinstance(enc, dict):
        props["SSESpecification"] = {"SSEEnabled": True, "SSEType": "KMS",
                                     "KMSMasterKeyId": str(enc.get("kms_key_arn"))}
    elif enc == "AWS_MANAGED":
        props["SSESpecification"] = {"SSEEnabled": True, "SSEType": "KMS"}
    tags = table.get("tags")
    if isinstance(tags, dict):
        props["Tags"] = [{"Key": str(k), "Value": str(v)} for k, v in tags.items()]
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Resources": {"Table": {"Type": "AWS::DynamoDB::Table", "DeletionPolicy": "Retain",
                                "UpdateReplacePolicy": "Retain", "Properties": props}},
    }


# --------------------------------------------------------------------------
# the tools

def dynalite_verdicts(client, models):
    """{model: None (accepted) or the error message}."""
    from botocore.exceptions import ClientError, ParamValidationError
    verdicts = {}
    for name, doc in models:
        req = create_table_request(doc["table"])
        try:
            client.create_table(**req)
        except ClientError as e:
            verdicts[name] = f"{e.response['Error']['Code']}: {e.response['Error']['Message']}"
            continue
        except ParamValidationError as e:  # a request botocore cannot even serialize
            verdicts[name] = f"ParamValidationError: {e}"
            continue
        verdicts[name] = None
        for _ in range(100):  # the next model may use the same table name
            status = client.describe_table(TableName=req["TableName"])["Table"]["TableStatus"]
            if status == "ACTIVE":
                break
            time.sleep(0.05)
        client.delete_table(TableName=req["TableName"])
        for _ in range(100):
            try:
                client.describe_table(TableName=req["TableName"])
                time.sleep(0.05)
            except ClientError:
                break
    return verdicts


def cfn_lint_verdicts(models, workdir):
    """{model: None or the E-level messages}, from one cfn-lint run over all templates."""
    files = {}
    for i, (name, doc) in enumerate(models):
        path = os.path.join(workdir, f"t{i:03d}.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(cloudformation_template(doc["table"]), f, indent=1)
        files[path] = name
    run = subprocess.run(["cfn-lint", "--format", "json", "--", *files], capture_output=True, text=True)
    if run.returncode not in (0, 2, 4, 6, 8, 10, 12, 14):
        raise RuntimeError(f"cfn-lint failed ({run.returncode}): {run.stderr[-2000:]}")
    verdicts = {name: None for name in files.values()}
    for finding in json.loads(run.stdout or "[]"):
        if finding.get("Level") != "Error":
            continue
        name = files[os.path.join(workdir, os.path.basename(finding["Filename"]))]
        msg = f"{finding['Rule']['Id']}: {finding['Message']}"
        verdicts[name] = msg if verdicts[name] is None else verdicts[name] + "; " + msg
    return verdicts


def dynamodel_verdict(dynamodel, path):
    """(exit code, number of error findings)."""
    run = subprocess.run([dynamodel, "validate", "--format", "json", os.path.join(REPO, path)],
                         capture_output=True, text=True, timeout=60)
    try:
        errors = sum(1 for d in json.loads(run.stdout) if d.get("severity") == "error")
    except (json.JSONDecodeError, AttributeError):
        errors = 0
    return run.returncode, errors


# --------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dynamodel", required=True)
    ap.add_argument("--dynalite", default=os.path.join(REPO, "tests", "tools", "node_modules", ".bin", "dynalite"))
    ap.add_argument("--min-dynalite", type=int, default=15)
    ap.add_argument("--min-cfn-lint", type=int, default=8)
    args = ap.parse_args()
    import boto3

    report = Report()
    models = corpus()
    print(f"{len(models)} models in the corpus", flush=True)
    if not os.path.exists(args.dynalite):
        report.fail("(setup)", "dynalite", f"{args.dynalite} is missing: run `npm ci` in tests/tools")
        print(f"{report.passed} passed, {report.failed} failed")
        return 1
    proc, endpoint = start_dynalite(args.dynalite)
    try:
        # No client-side parameter validation: the emulator, not botocore, must judge the request.
        from botocore.config import Config
        client = boto3.client("dynamodb", endpoint_url=endpoint, region_name="us-east-1",
                              config=Config(parameter_validation=False, retries={"max_attempts": 1}))
        by_dynalite = dynalite_verdicts(client, models)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    with tempfile.TemporaryDirectory() as work:
        by_cfn_lint = cfn_lint_verdicts(models, work)

    for name, doc in models:
        rejections = [f"{tool}: {msg}" for tool, msg in (("dynalite", by_dynalite[name]),
                                                         ("cfn-lint", by_cfn_lint[name])) if msg]
        quota = ((doc.get("lint") or {}).get("quota") or {}) if isinstance(doc.get("lint"), dict) else {}
        if (isinstance(quota, dict) and isinstance(quota.get("global_secondary_indexes"), int)
                and quota["global_secondary_indexes"] > 20):
            # The model says the account's GSI quota is raised; dynalite only knows the default.
            rejections = [r for r in rejections if "GlobalSecondaryIndex count exceeds" not in r]
        # dynalite predates multi-attribute GSI keys (Nov 2025): it refuses any key schema of more
        # than two elements, which DynamoDB and cfn-lint accept (README, verification notes).
        rejections = [r for r in rejections if not (r.startswith("dynalite:") and "keySchema' failed to satisfy "
                                                    "constraint: Member must have length less than or equal to 2" in r)]
        if not rejections:
            continue
        code, errors = dynamodel_verdict(args.dynamodel, name)
        report.check(name, "rejected by " + " and ".join(r.split(":")[0] for r in rejections) + ", so by dynamodel",
                     code == 1 and errors > 0,
                     f"dynamodel validate exited {code} with {errors} error(s); " + " | ".join(rejections))

    n_dyn = sum(1 for v in by_dynalite.values() if v)
    n_cfn = sum(1 for v in by_cfn_lint.values() if v)
    print(f"dynalite rejected {n_dyn} of {len(models)} designs, cfn-lint {n_cfn}", flush=True)
    report.check("(corpus)", f"dynalite rejects at least {args.min_dynalite} designs", n_dyn >= args.min_dynalite,
                 f"only {n_dyn}")
    report.check("(corpus)", f"cfn-lint rejects at least {args.min_cfn_lint} designs", n_cfn >= args.min_cfn_lint,
                 f"only {n_cfn}")
    # A design all three accept must be accepted: the examples are the control group.
    for name, _ in models:
        if name.startswith("examples/"):
            report.check(name, "accepted by dynalite and cfn-lint", not by_dynalite[name] and not by_cfn_lint[name],
                         f"dynalite: {by_dynalite[name]}; cfn-lint: {by_cfn_lint[name]}")
    print(f"{report.passed} passed, {report.failed} failed")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
