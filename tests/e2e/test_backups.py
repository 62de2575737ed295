#!/usr/bin/env python3
"""Proof of the AWS Backup plan (model `operations.backups`) and the runbook scripts (issue 18).

For every example (three with a plan: a generated vault, a named vault with cold storage, a given
role; one with `backups: none`) and one small model written here:
  1. generate CloudFormation, Terraform, CDK and the CLI scripts; cfn-lint passes on every
     template; backup.tf passes hclfmt -require-no-change and parses with @cdktf/hcl2json;
  2. read the plan of each target into one neutral form (plan name after the environment, vault
     generated or named, rule name, schedule, retention, cold storage, selection name, role
     generated with its managed policies or given, the selected resource) and require the four
     to be the same and to say what the model says; a model without a plan has no AWS::Backup
     resource, no backup.tf, no create-backup-plan.sh and no CfnBackup* construct, and every model
     has backup.sh, restore.sh and export.sh;
  3. on moto_server: deploy the small model's table template (moto 5.2.1's CloudFormation has no
     AWS::Backup::* resource: the stack completes without them and list_backup_plans stays empty,
     checked here so the day it changes is seen), then create each template's vault and plan with
     boto3 as CloudFormation would and read them back with get_backup_plan;
  4. on moto, for the small model only (every `aws` call costs ~0.65 CPU-s): create-backup-plan.sh
     twice (the second run changes nothing; moto has no backup selections, which the script
     reports as skipped), backup.sh (an AVAILABLE backup named <table>-<UTC time>), restore.sh
     from that backup and to a point in time (new tables with the items; the
     model's PITR re-applied), its refusals (over the source, over an existing table, without
     --yes), and export.sh (full, COMPLETED, the items in S3).
What moto does not do: AWS::Backup::* in CloudFormation, backup selections, UpdateBackupPlan, the
AWS managed policies AWSBackupServiceRolePolicyForBackup/...ForRestores (not attachable there),
running a plan's schedule (no recovery point is ever made by the plan), cold storage, incremental
exports' time-window checks.

Usage: test_backups.py --dynamodel PATH
"""
import argparse
import glob
import gzip
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from tools import AWS_ENV, HCLFMT, TOOLS_DIR, CfnLoader, MotoServer  # noqa: E402

import yaml  # noqa: E402

ENVIRONMENT = "e2e"
CLI_MODEL = "backups-cli"
POLICIES = ("AWSBackupServiceRolePolicyForBackup", "AWSBackupServiceRolePolicyForRestores")
NODE_PARSE = r"""
const hcl = require(process.argv[1]);
const files = JSON.parse(require('fs').readFileSync(0, 'utf8'));
(async () => {
  const out = {};
  for (const f of files) {
    try { out[f] = {ok: await hcl.parse(f, require('fs').readFileSync(f, 'utf8'))}; }
    catch (e) { out[f] = {error: String(e && e.message || e)}; }
  }
  process.stdout.write(JSON.stringify(out));
})();
"""


class Report:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, what, ok, details=""):
        if ok:
            self.passed += 1
            print(f"ok   {what}")
        else:
            self.failed += 1
            print(f"FAIL {what}: {details}")
        return ok


def generate(binary, model, target, out):
    p = subprocess.run([binary, "--color", "never", "generate", model, "-t", target, "-o", out],
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"generate -t {target} {model}: exit {p.returncode}: {p.stderr}{p.stdout}")


def plan(name, vault, rule, schedule, delete, cold, selection, role, resources):
    """The neutral form. `name`: the plan's name after `<environment>-`; `vault`: "<generated>" or
    a name; `role`: ("<generated>", policies) or the ARN; `resources`: "<table>"."""
    return {"name": name, "vault": vault, "rule": rule, "schedule": schedule, "delete": int(delete),
            "cold": None if cold is None else int(cold), "selection": selection, "role": role,
            "resources": resources}


def expected(model):
    """The plan the model asks for, or None."""
    b = (model.get("operations") or {}).get("backups")
    if b is None or b == "none" or (isinstance(b, dict) and b.get("enabled") is False):
        return None
    suffix = re.sub(r"[^A-Za-z0-9_]", "-", model["table"]["name"]) + "-backups"
    vault = b.get("vault", "create")
    return plan(suffix, "<generated>" if vault == "create" else vault, "scheduled",
                b.get("schedule", "cron(0 5 ? * * *)"), b.get("retention_days", 35),
                b.get("cold_storage_after_days"), "table",
                b["role"] if "role" in b else ("<generated>", POLICIES), "<table>")


def from_cloudformation(doc):
    res = doc["Resources"]
    backup = {k: v for k, v in res.items() if v["Type"].startswith("AWS::Backup::")}
    if not backup:
        return None
    p = res["BackupPlan"]["Properties"]["BackupPlan"]
    sub = p["BackupPlanName"]["Fn::Sub"]
    assert sub[1] == {"Env": {"Fn::Join": ["-", {"Fn::Split": [".", {"Ref": "Environment"}]}]}}, sub
    name = sub[0].removeprefix("${Env}-")
    rule = p["BackupPlanRule"][0]
    vault = rule["TargetBackupVault"]
    if vault == {"Ref": "BackupVault"}:
        vname = res["BackupVault"]["Properties"]["BackupVaultName"]["Fn::Sub"]
        assert vname == p["BackupPlanName"]["Fn::Sub"], vname
        assert res["BackupVault"].get("DeletionPolicy") == "Retain"
        vault = "<generated>"
    sel = res["BackupSelection"]["Properties"]
    assert sel["BackupPlanId"] == {"Ref": "BackupPlan"}
    role = sel["BackupSelection"]["IamRoleArn"]
    if role == {"Fn::GetAtt": ["BackupRole", "Arn"]}:
        arns = res["BackupRole"]["Properties"]["ManagedPolicyArns"]
        role = ("<generated>", tuple(a["Fn::Sub"].rsplit("/", 1)[1] for a in arns))
        trust = res["BackupRole"]["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]
        assert trust["Principal"] == {"Service": "backup.amazonaws.com"}, trust
    resources = sel["BackupSelection"]["Resources"]
    return plan(name, vault, rule["RuleName"], rule["ScheduleExpression"], rule["Lifecycle"]["DeleteAfterDays"],
                rule["Lifecycle"].get("MoveToColdStorageAfterDays"), sel["BackupSelection"]["SelectionName"],
                role, "<table>" if resources == [{"Fn::GetAtt": ["Table", "Arn"]}] else resources)


def from_terraform(parsed):
    res = parsed["resource"]
    p = res["aws_backup_plan"]["table"][0]
    env = '${replace(var.environment, ".", "-")}-'
    assert p["name"].startswith(env), p["name"]
    rule = p["rule"][0]
    lifecycle = rule["lifecycle"][0]
    vault = rule["target_vault_name"]
    if vault == "${aws_backup_vault.table.name}":
        assert res["aws_backup_vault"]["table"][0]["name"] == p["name"]
        vault = "<generated>"
    sel = res["aws_backup_selection"]["table"][0]
    assert sel["plan_id"] == "${aws_backup_plan.table.id}", sel
    role = sel["iam_role_arn"]
    if role == "${aws_iam_role.backup.arn}":
        attached = res["aws_iam_role_policy_attachment"]
        role = ("<generated>", tuple(a[0]["policy_arn"].rsplit("/", 1)[1] for a in attached.values()))
        assume = parsed["data"]["aws_iam_policy_document"]["backup_assume"][0]["statement"][0]
        assert assume["principals"][0]["identifiers"] == ["backup.amazonaws.com"], assume
    resources = sel["resources"]
    return plan(p["name"][len(env):], vault, rule["rule_name"], rule["schedule"], lifecycle["delete_after"],
                lifecycle.get("cold_storage_after"), sel["name"], role,
                "<table>" if resources in ("${[aws_dynamodb_table.table.arn]}", ["${aws_dynamodb_table.table.arn}"])
                else resources)


def from_cdk(text):
    if "CfnBackupPlan" not in text:
        return None

    def field(name, pattern=r'("(?:[^"\\]|\\.)*"|[0-9]+|[A-Za-z.]+)'):
        m = re.search(r"\b" + name + r": " + pattern, text)
        if not m:
            return None
        v = m.group(1)
        return json.loads(v) if v.startswith('"') or v.isdigit() else v

    m = re.search(r'backupPlanName: props\.environment\.split\("\."\)\.join\("-"\) \+ ("[^"]*")', text)
    name = json.loads(m.group(1)).removeprefix("-")
    vault = field("targetBackupVault")
    if vault == "backupVault.ref":
        assert re.search(r'backupVaultName: props\.environment\.split\("\."\)\.join\("-"\) \+ "-' +
                         re.escape(name) + '"', text)
        vault = "<generated>"
    role = field("iamRoleArn")
    if role == "backupRole.attrArn":
        role = ("<generated>", tuple(re.findall(r"service-role/([A-Za-z]+)`", text)))
    return plan(name, vault, field("ruleName"), field("scheduleExpression"), field("deleteAfterDays"),
                field("moveToColdStorageAfterDays"), field("selectionName"), role,
                "<table>" if "resources: [this.table.tableArn]" in text else None)


def from_cli(path):
    """The plan create-backup-plan.sh creates, read from its source (its run on moto is below)."""
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    values = {}
    for line in lines:
        m = re.match(r"^(vault|rule|role_arn|role_name|name)=(.*)$", line)
        if m:
            values[m.group(1)] = shlex.split(m.group(2))[0] if m.group(2) else ""
    assert values["name"] == "${table//./-}-backups", values["name"]
    rule = json.loads(values["rule"].replace("$vault", "<vault>"))
    vault = "<generated>" if values["vault"] == "$name" else values["vault"]
    role = ("<generated>", tuple(re.findall(r"^attach ([A-Za-z]+)$", "\n".join(lines), re.M))) \
        if "role_name" in values else values["role_arn"]
    sel = re.search(r"\"SelectionName\":\"([^\"]+)\".*\"Resources\":\[\"'\"\$table_arn\"'\"\]", "\n".join(lines))
    return plan("<table>-backups", vault, rule["RuleName"], rule["ScheduleExpression"],
                rule["Lifecycle"]["DeleteAfterDays"], rule["Lifecycle"].get("MoveToColdStorageAfterDays"),
                sel.group(1) if sel else None, role, "<table>" if sel else None)


def resolve(value, env):
    """CloudFormation's Ref/Sub of the plan's properties, as a stack in environment `env`."""
    if isinstance(value, dict) and "Fn::Sub" in value and isinstance(value["Fn::Sub"], list):
        return value["Fn::Sub"][0].replace("${Env}", env.replace(".", "-"))
    if isinstance(value, dict):
        return {k: resolve(v, env) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, env) for v in value]
    return value


def check_model(path, out, parsed_tf, rep):
    with open(path, encoding="utf-8") as fh:
        model = yaml.safe_load(fh)
    name = model["name"]
    want = expected(model)
    with open(os.path.join(out, f"{name}.cfn.yaml"), encoding="utf-8") as fh:
        doc = yaml.load(fh, Loader=CfnLoader)
    cfn = from_cloudformation(doc)
    rep.check(f"{name}: the template's plan is the model's", cfn == want, f"{cfn} != {want}")
    tf_path = os.path.join(out, name, "backup.tf")
    if want is None:
        rep.check(f"{name}: no backup.tf without a plan", not os.path.exists(tf_path))
        tf = None
    else:
        entry = parsed_tf.get(tf_path, {})
        if rep.check(f"{name}: hcl2json parses backup.tf", "ok" in entry, entry.get("error", "missing")):
            tf = from_terraform(entry["ok"])
            rep.check(f"{name}: backup.tf's plan is the template's", tf == cfn, f"{tf} != {cfn}")
    with open(os.path.join(out, "cdk", name, "lib", f"{name}-stack.ts"), encoding="utf-8") as fh:
        cdk = from_cdk(fh.read())
    rep.check(f"{name}: the CDK stack's plan is the template's", cdk == cfn, f"{cdk} != {cfn}")
    cli = from_cli(os.path.join(out, name, "create-backup-plan.sh"))
    cli_want = None if cfn is None else dict(cfn, name="<table>-backups")
    rep.check(f"{name}: create-backup-plan.sh's plan is the template's", cli == cli_want, f"{cli} != {cli_want}")
    runbook = [s for s in ("backup.sh", "restore.sh", "export.sh") if os.path.exists(os.path.join(out, name, s))]
    rep.check(f"{name}: the runbook scripts are generated", len(runbook) == 3, f"{runbook}")
    return model, doc, cfn


def run(script, args, env, rep=None, what=None, code=0):
    r = subprocess.run(["bash", script, *args], env=env, capture_output=True, text=True, timeout=300)
    if rep is not None:
        rep.check(what, r.returncode == code, f"exit {r.returncode}: {r.stderr[-800:]}")
    return r


def on_moto_template(model, doc, moto, rep):
    """The template's vault and plan, created with boto3 as CloudFormation would, read back."""
    import boto3
    cfg = dict(endpoint_url=moto.url, region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    backup = boto3.client("backup", **cfg)
    name = model["name"]
    moto.reset()
    res = doc["Resources"]
    vault_name = None
    if "BackupVault" in res:
        vault_name = resolve(res["BackupVault"]["Properties"]["BackupVaultName"], ENVIRONMENT)
        backup.create_backup_vault(BackupVaultName=vault_name)
    p = resolve(res["BackupPlan"]["Properties"]["BackupPlan"], ENVIRONMENT)
    rules = []
    for r in p["BackupPlanRule"]:
        target = vault_name if r["TargetBackupVault"] == {"Ref": "BackupVault"} else r["TargetBackupVault"]
        rules.append({"RuleName": r["RuleName"], "TargetBackupVaultName": target,
                      "ScheduleExpression": r["ScheduleExpression"], "Lifecycle": r["Lifecycle"]})
    plan_id = backup.create_backup_plan(BackupPlan={"BackupPlanName": p["BackupPlanName"], "Rules": rules})[
        "BackupPlanId"]
    got = backup.get_backup_plan(BackupPlanId=plan_id)["BackupPlan"]
    back = [{k: r.get(k) for k in ("RuleName", "TargetBackupVaultName", "ScheduleExpression", "Lifecycle")}
            for r in got["Rules"]]
    rep.check(f"{name}: get_backup_plan reads the template's plan back",
              got["BackupPlanName"] == p["BackupPlanName"] and back == rules, f"{got} != {p}")
    if vault_name:
        names = [v["BackupVaultName"] for v in backup.list_backup_vaults()["BackupVaultList"]]
        rep.check(f"{name}: the vault {vault_name} is listed", vault_name in names, f"{names}")


def on_moto_cli(out, model, doc, moto, rep):
    import boto3
    cfg = dict(endpoint_url=moto.url, region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    cf, ddb = boto3.client("cloudformation", **cfg), boto3.client("dynamodb", **cfg)
    backup, s3 = boto3.client("backup", **cfg), boto3.client("s3", **cfg)
    name, table = model["name"], f"{ENVIRONMENT}-{model['table']['name']}"
    moto.reset()
    # The table from its template: what moto does with the AWS::Backup::* resources.
    with open(os.path.join(out, f"{name}.cfn.yaml"), encoding="utf-8") as fh:
        cf.create_stack(StackName=name, TemplateBody=fh.read(), Capabilities=["CAPABILITY_IAM"],
                        Parameters=[{"ParameterKey": "Environment", "ParameterValue": ENVIRONMENT}])
    status = "?"
    for _ in range(100):
        status = cf.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"]
        if status.endswith("COMPLETE") or status.endswith("FAILED"):
            break
        time.sleep(0.1)
    if not rep.check(f"{name}: the table's stack (with its AWS::Backup resources) deploys on moto",
                     status == "CREATE_COMPLETE", status):
        return
    plans = backup.list_backup_plans()["BackupPlansList"]
    rep.check(f"{name}: moto's CloudFormation creates no backup plan from the template (no AWS::Backup::* "
              f"support; if this fails, compare the deployed plan instead)", plans == [], f"{plans}")
    ddb.update_continuous_backups(TableName=table,
                                  PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
    for i in range(3):
        ddb.put_item(TableName=table, Item={"sessionId": {"S": f"s{i}"}})
    env = dict(os.environ, **AWS_ENV, DYNAMODEL_ENVIRONMENT=ENVIRONMENT, DYNAMODB_ENDPOINT=moto.url)
    scripts = os.path.join(out, name)

    # create-backup-plan.sh, twice.
    states = []
    for attempt in (1, 2):
        r = run(os.path.join(scripts, "create-backup-plan.sh"), [], env, rep,
                f"{name}: create-backup-plan.sh run {attempt} exits 0")
        plans = backup.list_backup_plans()["BackupPlansList"]
        got = [backup.get_backup_plan(BackupPlanId=p["BackupPlanId"])["BackupPlan"] for p in plans]
        vaults = sorted(v["BackupVaultName"] for v in backup.list_backup_vaults()["BackupVaultList"])
        states.append((json.dumps(got, sort_keys=True, default=str), vaults, r.stdout))
    want = resolve(doc["Resources"]["BackupPlan"]["Properties"]["BackupPlan"], ENVIRONMENT)
    got = json.loads(states[0][0])
    rule = got[0]["Rules"][0] if got else {}
    rep.check(f"{name}: the script's plan is the template's",
              len(got) == 1 and got[0]["BackupPlanName"] == want["BackupPlanName"] and
              rule.get("ScheduleExpression") == want["BackupPlanRule"][0]["ScheduleExpression"] and
              rule.get("Lifecycle") == want["BackupPlanRule"][0]["Lifecycle"] and
              rule.get("TargetBackupVaultName") == want["BackupPlanName"], f"{got} vs {want}")
    rep.check(f"{name}: the script creates the generated vault", states[0][1] == [want["BackupPlanName"]],
              f"{states[0][1]}")
    rep.check(f"{name}: a second run changes nothing (one plan, one vault, 'unchanged')",
              states[1][:2] == states[0][:2] and "unchanged" in states[1][2] and "exists" in states[1][2],
              states[1][2])
    rep.check(f"{name}: moto has no backup selections: the script says it skipped them",
              "skipped: backup selection (not implemented by" in states[0][2], states[0][2][-500:])
    iam = boto3.client("iam", **cfg)
    attached = sorted(p["PolicyName"] for p in
                      iam.list_attached_role_policies(RoleName=f"{table}-backup")["AttachedPolicies"])
    # moto 5.2.1's IAM has no AWS managed policies of AWS Backup: the script says it skipped them.
    rep.check(f"{name}: moto has no AWS managed backup policies: the script says it skipped attaching them",
              attached == [] and all(f"skipped: attach {p} (no such AWS managed policy" in states[0][2]
                                     for p in POLICIES), f"{attached} {states[0][2][-600:]}")

    # backup.sh: a named, dated, AVAILABLE backup.
    r = run(os.path.join(scripts, "backup.sh"), [], env, rep, f"{name}: backup.sh exits 0")
    arn = r.stdout.strip()
    d = ddb.describe_backup(BackupArn=arn)["BackupDescription"]["BackupDetails"] if arn.startswith("arn:") else {}
    rep.check(f"{name}: backup.sh prints the ARN of an AVAILABLE backup named <table>-<UTC yyyymmdd-HHMMSS>",
              d.get("BackupStatus") == "AVAILABLE" and re.fullmatch(re.escape(table) + r"-\d{8}-\d{6}",
                                                                      d.get("BackupName", "")), f"{arn} {d}")

    # restore.sh: its refusals, then from the backup and to a point in time.
    restore = os.path.join(scripts, "restore.sh")
    run(restore, ["--to", table, "--latest", "--yes"], env, rep, f"{name}: restore.sh refuses the source (3)", 3)
    r = run(restore, ["--to", "restored-no-yes", "--latest"], env, rep, f"{name}: restore.sh refuses without --yes (2)",
            2)
    names = ddb.list_tables()["TableNames"]
    rep.check(f"{name}: ... and creates nothing", "restored-no-yes" not in names, f"{names}")
    r = run(restore, ["--to", "restored-backup", "--from-backup", arn, "--yes"], env, rep,
            f"{name}: restore.sh --from-backup exits 0")
    count = ddb.scan(TableName="restored-backup", Select="COUNT")["Count"] if r.returncode == 0 else -1
    rep.check(f"{name}: the table restored from the backup has the 3 items", count == 3, f"{count}")
    rep.check(f"{name}: restore.sh says what a restore does not carry over",
              "not carried over by a restore" in r.stderr and "TTL settings" in r.stderr, r.stderr[-500:])
    run(restore, ["--to", "restored-backup", "--from-backup", arn, "--yes"], env, rep,
        f"{name}: restore.sh refuses an existing table (3)", 3)
    # (moto copies every item whatever the time: only the request's shape is proven here.)
    when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    r = run(restore, ["--to", "restored-pitr", "--to-time", when, "--yes", "--apply-model-settings"], env, rep,
            f"{name}: restore.sh --to-time {when} --apply-model-settings exits 0")
    if r.returncode == 0:
        count = ddb.scan(TableName="restored-pitr", Select="COUNT")["Count"]
        pitr = ddb.describe_continuous_backups(TableName="restored-pitr")["ContinuousBackupsDescription"][
            "PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"]
        rep.check(f"{name}: the table restored to a point in time has the items and the model's PITR",
                  count == 3 and pitr == "ENABLED", f"{count} items, PITR {pitr}")
    run(restore, ["--to", "restored-bad-time", "--to-time", "yesterday", "--yes"], env, rep,
        f"{name}: restore.sh refuses a time that is not ISO 8601 (2)", 2)

    # export.sh: full, to a bucket.
    s3.create_bucket(Bucket="exports")
    r = run(os.path.join(scripts, "export.sh"), ["--bucket", "exports", "--prefix", "tables"], env, rep,
            f"{name}: export.sh exits 0")
    rep.check(f"{name}: export.sh reports COMPLETED with 3 items",
              re.search(r"export COMPLETED: 3 items", r.stderr) is not None, r.stderr[-500:])
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket="exports").get("Contents", [])]
    items = 0
    for k in keys:
        if k.endswith(".gz"):
            body = s3.get_object(Bucket="exports", Key=k)["Body"].read()
            items += len(gzip.decompress(body).decode().splitlines())
    rep.check(f"{name}: the export's 3 items are in s3://exports/tables/", items == 3 and
              all(k.startswith("tables/") for k in keys), f"{keys}")
    # The incremental form's arguments are checked before any AWS call (moto does not check the
    # time window an incremental export needs, so only the refusals are proven here).
    run(os.path.join(scripts, "export.sh"), ["--bucket", "exports", "--incremental", "--from", "2026-01-01T00:00:00Z"],
        env, rep, f"{name}: export.sh --incremental refuses a missing --to (2)", 2)
    run(os.path.join(scripts, "export.sh"), ["--bucket", "exports", "--format", "CSV"], env, rep,
        f"{name}: export.sh refuses a format other than DYNAMODB_JSON and ION (2)", 2)
    ddb.update_continuous_backups(TableName="restored-backup",
                                  PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": False})
    env_off = dict(env, DYNAMODB_TABLE_NAME="restored-backup")
    run(os.path.join(scripts, "export.sh"), ["--bucket", "exports"], env_off, rep,
        f"{name}: export.sh refuses a table without PITR (3)", 3)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dynamodel", required=True)
    binary = os.path.abspath(ap.parse_args().dynamodel)
    started = time.monotonic()
    rep = Report()
    tmp = tempfile.mkdtemp(prefix="dynamodel-backups-")
    models = sorted(glob.glob(os.path.join(REPO, "examples", "*.yaml")))
    with open(os.path.join(REPO, "tests", "golden", "minimal", "model.yaml"), encoding="utf-8") as fh:
        text = fh.read().replace("name: minimal", "name: " + CLI_MODEL, 1)
    text = text.replace("  partition_key: {name: sessionId, type: S}\n",
                        "  partition_key: {name: sessionId, type: S}\n  point_in_time_recovery: true\n", 1)
    text += ("operations:\n  alarms: {enabled: false}\n  backups:\n    schedule: \"cron(15 2 ? * * *)\"\n"
             "    retention_days: 100\n    cold_storage_after_days: 10\n    vault: create\n")
    cli_model = os.path.join(tmp, "cli", "model.yaml")
    os.makedirs(os.path.dirname(cli_model))
    with open(cli_model, "w", encoding="utf-8") as fh:
        fh.write(text)
    models.append(cli_model)
    p = subprocess.run([binary, "--color", "never", "validate", cli_model], capture_output=True, text=True)
    rep.check(f"{CLI_MODEL} validates", p.returncode == 0, p.stdout[-800:])
    outs = {}
    for path in models:
        out = os.path.join(tmp, "out-" + os.path.basename(os.path.dirname(path)) + "-" + os.path.basename(path))
        for target in ("cloudformation", "terraform", "cli"):
            generate(binary, path, target, out)
        generate(binary, path, "cdk", os.path.join(out, "cdk"))
        outs[path] = out
    rep.check("the examples: at least one plan with a generated vault, one with a named vault, one none",
              sum(1 for path in models[:-1] if expected(yaml.safe_load(open(path, encoding="utf-8"))) is None) >= 1
              and len(glob.glob(os.path.join(tmp, "out-*", "*", "backup.tf"))) >= 3)
    templates = sorted(glob.glob(os.path.join(tmp, "out-*", "*.cfn.yaml")))
    lint = subprocess.run(["cfn-lint", "--format", "parseable", *templates], capture_output=True, text=True)
    rep.check(f"cfn-lint passes on the {len(templates)} templates", lint.returncode == 0, lint.stdout[-2000:])
    tf_files = sorted(glob.glob(os.path.join(tmp, "out-*", "*", "backup.tf")))
    fmt = [subprocess.run([HCLFMT, "-require-no-change", f], capture_output=True, text=True) for f in tf_files]
    rep.check(f"hclfmt -require-no-change passes on the {len(tf_files)} backup.tf",
              all(r.returncode == 0 for r in fmt), " ".join(r.stderr for r in fmt if r.returncode)[-1500:])
    module = os.path.join(TOOLS_DIR, "node_modules", "@cdktf", "hcl2json")
    p = subprocess.run(["node", "-e", NODE_PARSE, module], input=json.dumps(tf_files), capture_output=True,
                       text=True, timeout=120)
    parsed_tf = json.loads(p.stdout) if p.returncode == 0 else {}
    rep.check("hcl2json ran", p.returncode == 0, p.stderr[-500:])
    checked = {path: check_model(path, outs[path], parsed_tf, rep) for path in models}
    scripts = sorted(f for pattern in ("create-backup-plan.sh", "backup.sh", "restore.sh", "export.sh")
                     for f in glob.glob(os.path.join(tmp, "out-*", "*", pattern)))
    bad = [f for f in scripts if subprocess.run(["bash", "-n", f], capture_output=True).returncode != 0]
    rep.check(f"bash -n passes on the {len(scripts)} backup and runbook scripts", not bad, f"{bad}")
    if shutil.which("shellcheck"):
        q = subprocess.run(["shellcheck", "--shell=bash", "--severity=style", *scripts], capture_output=True, text=True)
        rep.check(f"shellcheck passes the {len(scripts)} scripts clean", q.returncode == 0 and not q.stdout.strip(),
                  q.stdout[-2000:])
    else:
        print("skip: shellcheck not installed")
    one = os.path.join(outs[cli_model], CLI_MODEL)
    for script in ("backup.sh", "restore.sh", "export.sh", "create-backup-plan.sh"):
        with open(os.path.join(one, script), encoding="utf-8") as fh:
            head = fh.read(4096)
        rep.check(f"{script}: its header documents the exit codes", "# Exit codes: 0 " in head, head[:300])
    for script in ("backup.sh", "restore.sh", "export.sh"):
        r = subprocess.run(["bash", os.path.join(one, script), "--help"], capture_output=True, text=True)
        rep.check(f"{script} --help prints its usage, exit 0", r.returncode == 0 and r.stdout.startswith("usage:"),
                  r.stdout + r.stderr)
        r = subprocess.run(["bash", os.path.join(one, script), "--bogus"], capture_output=True, text=True)
        rep.check(f"{script} refuses an unknown argument (exit 2)", r.returncode == 2, r.stderr)
    moto = MotoServer()
    try:
        err = moto.wait_ready()
        if not rep.check("moto_server answers", err is None, err or ""):
            return 1
        for path in models:
            model, doc, cfn = checked[path]
            if cfn is not None:
                on_moto_template(model, doc, moto, rep)
        model, doc, _ = checked[cli_model]
        on_moto_cli(outs[cli_model], model, doc, moto, rep)
    finally:
        moto.stop()
    print(f"{rep.passed} passed, {rep.failed} failed ({time.monotonic() - started:.1f} s)")
    return 1 if rep.failed else 0


if __name__ == "__main__":
    os.environ.update(AWS_ENV)
    sys.exit(main())
