#!/usr/bin/env python3
"""`dynamodel diff` plans, applied to a real (emulated) table: for the deployable golden cases
of tests/diff (in-place and multi-step), deploy the OLD model's CloudFormation template to
moto_server, then apply each planned deployment with boto3 (update_table with ONE
GlobalSecondaryIndexUpdates Create or Delete per step; update_continuous_backups, tag_resource
and update_table for settings), and check after each step that the table's GSIs are the
planned intermediate state and at the end that the table equals the NEW model
(canonical.from_moto vs canonical.from_model). Where moto cannot apply a step the output says so.

Also `diff FILE --base REF` in a temporary git repository (a file absent at REF is all new).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import canonical  # noqa: E402
from report import Report  # noqa: E402
from tools import AWS_ENV, MotoServer  # noqa: E402

DIFF_DIR = os.path.join(os.path.dirname(HERE), "diff")
CASES = ["add-gsi", "add-two-gsis", "gsi-projection", "settings"]
# What moto's CloudFormation does not carry over to the table (same list as test_parity.py);
# the old table is compared without them, and the final table with only what the steps set.
NOT_IN_MOTO_CFN = ("ttl", "point_in_time_recovery", "sse", "table_class", "autoscaling", "capacity", "settings")


def gsi_create(desc, name):
    g = desc["gsis"][name]
    keys = [{"AttributeName": g["partition_key"][0], "KeyType": "HASH"}]
    if g["sort_key"]:
        keys.append({"AttributeName": g["sort_key"][0], "KeyType": "RANGE"})
    projection = {"ProjectionType": g["projection"]}
    if g["non_key_attributes"]:
        projection["NonKeyAttributes"] = g["non_key_attributes"]
    create = {"IndexName": name, "KeySchema": keys, "Projection": projection}
    if g["capacity"] and g["capacity"]["read"] != "autoscaled":
        create["ProvisionedThroughput"] = {"ReadCapacityUnits": g["capacity"]["read"],
                                           "WriteCapacityUnits": g["capacity"]["write"]}
    attrs = [g["partition_key"]] + ([g["sort_key"]] if g["sort_key"] else [])
    return create, [{"AttributeName": n, "AttributeType": t} for n, t in attrs]


def apply_settings(ddb, table, old, new, note):
    """The update_table action: the settings that differ, each with its own API call."""
    if old["point_in_time_recovery"] != new["point_in_time_recovery"]:
        ddb.update_continuous_backups(TableName=table, PointInTimeRecoverySpecification={
            "PointInTimeRecoveryEnabled": new["point_in_time_recovery"]})
    if old["tags"] != new["tags"]:
        arn = ddb.describe_table(TableName=table)["Table"]["TableArn"]
        gone = [k for k in old["tags"] if k not in new["tags"]]
        if gone:
            ddb.untag_resource(ResourceArn=arn, TagKeys=gone)
        ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": k, "Value": v} for k, v in new["tags"].items()])
    if old["deletion_protection"] != new["deletion_protection"]:
        ddb.update_table(TableName=table, DeletionProtectionEnabled=new["deletion_protection"])
    for k in ("billing_mode", "capacity", "ttl", "stream", "sse", "table_class", "replicas", "autoscaling"):
        if old[k] != new[k]:
            note(f"this test does not apply a change of {k} (not needed by the cases)")


def wait_active(ddb, table, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        t = ddb.describe_table(TableName=table)["Table"]
        if t["TableStatus"] == "ACTIVE" and all(g.get("IndexStatus", "ACTIVE") == "ACTIVE"
                                                 for g in t.get("GlobalSecondaryIndexes") or []):
            return
        time.sleep(0.05)


def run_case(rep, exe, moto, case, workdir):
    import boto3
    folder = os.path.join(DIFF_DIR, case)
    old_path, new_path = os.path.join(folder, "old.yaml"), os.path.join(folder, "new.yaml")
    old, new = canonical.from_model(old_path), canonical.from_model(new_path)
    out = os.path.join(workdir, case)
    g = subprocess.run([exe, "generate", old_path, "-t", "cloudformation", "-o", out], capture_output=True, text=True)
    if not rep.check(case, "generate old CloudFormation", g.returncode == 0, g.stderr):
        return
    templates = [os.path.join(r, f) for r, _, fs in os.walk(out) for f in fs if f.endswith(".yaml")]
    kw = dict(endpoint_url=moto.url, region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    cfn, ddb = boto3.client("cloudformation", **kw), boto3.client("dynamodb", **kw)
    stack = cfn.create_stack(StackName=f"diff-{case}", TemplateBody=open(templates[0]).read(),
                             Parameters=[{"ParameterKey": "Environment", "ParameterValue": "dev"}])["StackId"]
    status = None
    for _ in range(300):
        status = cfn.describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"]
        if status.endswith("COMPLETE") or status.endswith("FAILED"):
            break
        time.sleep(0.1)
    if not rep.compare(case, "old stack deployed", "CREATE_COMPLETE", status):
        return
    table = old["table_name"]
    deployed = canonical.from_moto(moto.url, table)
    diffs = canonical.diff(canonical.without(old, *NOT_IN_MOTO_CFN), canonical.without(deployed, *NOT_IN_MOTO_CFN))
    rep.check(case, "deployed table equals the old model (moto CFN: without " + ", ".join(NOT_IN_MOTO_CFN) + ")",
              not diffs, "; ".join(diffs))
    # PITR is not set by moto's CloudFormation: set it as the old model says, so that a PITR
    # change of the plan is a real change.
    if deployed["point_in_time_recovery"] != old["point_in_time_recovery"]:
        ddb.update_continuous_backups(TableName=table, PointInTimeRecoverySpecification={
            "PointInTimeRecoveryEnabled": old["point_in_time_recovery"]})
    deployed = canonical.from_moto(moto.url, table)
    unset = {k: deployed[k] for k in NOT_IN_MOTO_CFN if deployed[k] != old[k]}  # moto kept its defaults

    p = subprocess.run([exe, "diff", old_path, new_path, "--format", "json"], capture_output=True, text=True)
    plan = json.loads(p.stdout)["plan"]
    gsis = set(old["gsis"])
    for step in plan:
        if step["kind"] != "deployment":
            rep.fail(case, f"step {step['step']}", "a job in a case this test deploys")
            continue
        ops = [a for a in step["actions"] if a["action"] in ("create_gsi", "delete_gsi")]
        rep.check(case, f"step {step['step']}: at most one GSI operation", len(ops) <= 1, str(ops))
        try:
            for a in step["actions"]:
                if a["action"] == "update_table":
                    apply_settings(ddb, table, old, new, lambda text: print(f"note {case}: {text}"))
                elif a["action"] == "delete_gsi":
                    ddb.update_table(TableName=table, GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": a["index"]}}])
                    gsis.discard(a["index"])
                elif a["action"] == "create_gsi":
                    create, attrs = gsi_create(new, a["index"])
                    # All definitions: moto replaces the table's list with the one given.
                    current = ddb.describe_table(TableName=table)["Table"]["AttributeDefinitions"]
                    attrs = current + [x for x in attrs if x not in current]
                    ddb.update_table(TableName=table, AttributeDefinitions=attrs,
                                     GlobalSecondaryIndexUpdates=[{"Create": create}])
                    gsis.add(a["index"])
                else:
                    rep.fail(case, f"step {step['step']}", f"unexpected action {a['action']}")
            wait_active(ddb, table)
            live = {g["IndexName"] for g in ddb.describe_table(TableName=table)["Table"].get("GlobalSecondaryIndexes") or []}
            rep.compare(case, f"step {step['step']}: GSIs after the step", sorted(gsis), sorted(live))
        except Exception as e:  # noqa: BLE001 - moto refusing a step is reported, not fatal
            print(f"note {case}: moto could not apply step {step['step']}: {type(e).__name__}: {e}")
            rep.fail(case, f"step {step['step']} applied", f"{type(e).__name__}: {e}")
            return
    final = canonical.from_moto(moto.url, table)
    unchanged = {k: v for k, v in unset.items() if old[k] == new[k]}  # the plan does not touch them
    diffs = canonical.diff(dict(new, **unchanged), final)
    if unset:
        print(f"note {case}: moto's CloudFormation did not set {sorted(unset)}; compared as moto has them")
    rep.check(case, "final table equals the new model", not diffs, "; ".join(diffs))


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True, check=True,
                          env=dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
                                   GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com"))


def check_base(rep, exe, workdir):
    """`diff FILE --base REF`: the old text through git show, a file new at REF, bad refs."""
    repo = os.path.join(workdir, "repo")
    os.makedirs(os.path.join(repo, "models"))
    git(repo, "init", "-q", "-b", "main")
    model = os.path.join(repo, "models", "shop.yaml")
    with open(model, "w") as f:
        f.write(open(os.path.join(DIFF_DIR, "add-two-gsis", "old.yaml")).read())
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "old")
    with open(model, "w") as f:
        f.write(open(os.path.join(DIFF_DIR, "add-two-gsis", "new.yaml")).read())
    expected = subprocess.run([exe, "diff", os.path.join(DIFF_DIR, "add-two-gsis", "old.yaml"), model,
                               "--format", "json"], capture_output=True, text=True)
    for cwd, arg in ((repo, "models/shop.yaml"), (os.path.join(repo, "models"), "shop.yaml"), (workdir, model)):
        p = subprocess.run([exe, "diff", arg, "--base", "main", "--format", "json"], cwd=cwd, capture_output=True,
                           text=True)
        ok = p.returncode == 1 and json.loads(p.stdout)["plan"] == json.loads(expected.stdout)["plan"]
        rep.check("--base", f"main, run from {os.path.relpath(cwd, workdir)}", ok, f"exit {p.returncode}: {p.stderr}")
    fresh = os.path.join(repo, "models", "new.yaml")
    with open(fresh, "w") as f:
        f.write(open(os.path.join(DIFF_DIR, "add-gsi", "new.yaml")).read())
    p = subprocess.run([exe, "diff", fresh, "--base", "main"], capture_output=True, text=True)
    rep.check("--base", "file absent at REF: all new, exit 0", p.returncode == 0 and "create table" in p.stdout,
              f"exit {p.returncode}: {p.stdout}{p.stderr}")
    for bad in ("no-such-ref", "--output=/tmp/x"):
        p = subprocess.run([exe, "diff", model, "--base", bad], capture_output=True, text=True)
        rep.check("--base", f"bad revision {bad!r}: exit 2", p.returncode == 2, f"exit {p.returncode}: {p.stderr}")
    p = subprocess.run([exe, "diff", os.path.join(workdir, "outside.yaml"), "--base", "main"], capture_output=True,
                       text=True)
    rep.check("--base", "file outside a repository: exit 2", p.returncode == 2, f"exit {p.returncode}")
    p = subprocess.run([exe, "diff", model], capture_output=True, text=True)
    rep.check("usage", "one file without --base: exit 2", p.returncode == 2, f"exit {p.returncode}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dynamodel", required=True)
    args = ap.parse_args()
    exe = os.path.abspath(args.dynamodel)
    os.environ.update(AWS_ENV)
    rep = Report()
    start = time.monotonic()
    with tempfile.TemporaryDirectory() as workdir:
        check_base(rep, exe, workdir)
        moto = MotoServer()
        err = moto.wait_ready()
        if err:
            rep.fail("moto", "start", err)
        else:
            print("note: moto (and dynalite) accept several GSI creations in one UpdateTable, unlike DynamoDB "
                  "(one per call); the one-per-step rule is asserted on the plan, each step applied alone")
            for case in CASES:
                moto.reset()
                run_case(rep, exe, moto, case, workdir)
            moto.stop()
    print(f"{rep.passed} passed, {rep.failed} failed ({time.monotonic() - start:.1f} s)")
    return 1 if rep.failed else 0


if __name__ == "__main__":
    sys.exit(main())
