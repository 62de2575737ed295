#!/usr/bin/env python3
"""Parity of the IAM policies across targets (issue 17), each read by the tool that consumes it.

For every examples/*.yaml (all declare principals) the documents of `dynamodel generate -t iam`
are the reference; reduced by canonical_iam.py (resources as TABLE, TABLE/index/NAME or the key
ARN), each of these must equal them, principal by principal, in the same order:
- CloudFormation: the AWS::IAM::ManagedPolicy resources of the template, and the same policies
  after moto deployed the stack (`iam get-policy-version` of each policy the stack made);
- Terraform: iam.tf accepted by HashiCorp's HCL library (hclfmt -require-no-change) and parsed
  by @cdktf/hcl2json: each data "aws_iam_policy_document";
- CLI: create-table.sh then create-policies.sh against moto, run twice (the second run makes a
  new default version, nothing else): `iam get-policy-version` of each policy.
(The CDK stack's policies are compared in tests/e2e/test_cdk.py, which synthesizes the apps.)
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

import boto3
import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import canonical_iam as ci  # noqa: E402
from report import Report  # noqa: E402
from test_terraform import run_hclfmt, run_hcl2json  # noqa: E402
from tools import AWS_ENV, REPO, CfnLoader, MotoServer, moto_deployable  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dynamodel", required=True)
    ap.add_argument("--examples", nargs="*", default=sorted(glob.glob(os.path.join(REPO, "examples", "*.yaml"))))
    args = ap.parse_args()
    started = time.monotonic()
    rep = Report()
    binary = os.path.abspath(args.dynamodel)
    out = tempfile.mkdtemp(prefix="iam-parity-")
    moto = MotoServer()
    err = moto.wait_ready()
    if err:
        rep.fail("moto", "start", err)
        return rep.finish(started)
    env = dict(os.environ, **AWS_ENV)
    env["DYNAMODB_ENDPOINT"] = moto.url
    session = dict(endpoint_url=moto.url, region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    iam = boto3.client("iam", **session)
    cfn = boto3.client("cloudformation", **session)

    def deployed(arn):
        version = iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"]
        doc = iam.get_policy_version(PolicyArn=arn, VersionId=version)["PolicyVersion"]["Document"]
        return json.loads(doc) if isinstance(doc, str) else doc

    for path in args.examples:
        with open(path) as f:
            model = yaml.safe_load(f)
        name, table = model["name"], model["table"]["name"]
        principals = list(model.get("principals", {}))
        ps = [subprocess.run([binary, "generate", path, "-t", t, "-o", out], capture_output=True, text=True)
              for t in ("iam", "cloudformation", "terraform", "cli")]
        if not rep.check(name, "generate iam, cloudformation, terraform, cli", all(p.returncode == 0 for p in ps),
                         "".join(p.stderr for p in ps)):
            continue
        rep.check(name, "the example declares principals", bool(principals))
        ref = {}
        for who in principals:
            with open(os.path.join(out, name, who + ".policy.json")) as f:
                ref[who] = ci.canonical(json.load(f), ci.iam_target_resource(table))

        # CloudFormation: the template, then the stack on moto.
        cfn_path = os.path.join(out, name + ".cfn.yaml")
        with open(cfn_path) as f:
            template = yaml.load(f, Loader=CfnLoader)
        found = {}
        for logical_id, res in template["Resources"].items():
            if res["Type"] == "AWS::IAM::ManagedPolicy":
                who = res["Properties"]["Description"].split("principal ")[1].split(" ")[0]
                found[who] = ci.canonical(res["Properties"]["PolicyDocument"], ci.cloudformation_resource())
        rep.check(name, "cloudformation: one ManagedPolicy per principal, documents equal", found == ref,
                  json.dumps({"cfn": found, "iam": ref})[:3000])
        stack = "iam-" + name
        with open(cfn_path) as f:
            cfn.create_stack(StackName=stack, TemplateBody=moto_deployable(f.read()), Parameters=[
                {"ParameterKey": "Environment", "ParameterValue": "cfn"}])
        cfn.get_waiter("stack_create_complete").wait(StackName=stack, WaiterConfig={"Delay": 1, "MaxAttempts": 60})
        outputs = {o["OutputKey"]: o["OutputValue"] for o in cfn.describe_stacks(StackName=stack)["Stacks"][0]["Outputs"]}
        table_arn = outputs["TableArn"]
        got = {}
        for logical_id, res in template["Resources"].items():
            if res["Type"] == "AWS::IAM::ManagedPolicy":
                who = res["Properties"]["Description"].split("principal ")[1].split(" ")[0]
                got[who] = ci.canonical(deployed(outputs[logical_id + "Arn"]), ci.arn_resource(table_arn))
        rep.check(name, "cloudformation on moto: the deployed policies equal", got == ref,
                  json.dumps({"moto": got, "iam": ref})[:3000])

        # Terraform: hclfmt and hcl2json.
        tf = os.path.join(out, name, "iam.tf")
        fmt = run_hclfmt([tf])
        rep.check(name, "terraform: iam.tf hclfmt -require-no-change", fmt[tf][0] == 0, fmt[tf][1])
        parsed = run_hcl2json([tf])[tf]
        if rep.check(name, "terraform: hcl2json parses iam.tf", "ok" in parsed, parsed.get("error", "")):
            data = parsed["ok"]["data"]["aws_iam_policy_document"]
            docs = {who: ci.canonical(ci.terraform_document(data[who][0], "aws_dynamodb_table.table.arn"), str)
                    for who in data}
            rep.check(name, "terraform: one aws_iam_policy_document per principal, documents equal",
                      docs == ref, json.dumps({"tf": docs, "iam": ref})[:3000])
            policies = parsed["ok"]["resource"]["aws_iam_policy"]
            rep.check(name, "terraform: each aws_iam_policy uses its document",
                      all(policies[w][0]["policy"] == "${data.aws_iam_policy_document." + w + ".json}"
                          for w in principals), policies)

        # CLI: create-table.sh, create-policies.sh twice.
        for script in ("create-table.sh", "create-policies.sh", "create-policies.sh"):
            p = subprocess.run(["bash", os.path.join(out, name, script)], capture_output=True, text=True, env=env,
                               timeout=300)
            rep.check(name, f"cli: {script}", p.returncode == 0, p.stdout + p.stderr)
        table_arn = boto3.client("dynamodb", **session).describe_table(TableName="dev-" + table)["Table"]["TableArn"]
        got = {}
        for who in principals:
            arn = f"arn:aws:iam::123456789012:policy/dev-{name}-{who}"
            try:
                got[who] = ci.canonical(deployed(arn), ci.arn_resource(table_arn))
                versions = iam.list_policy_versions(PolicyArn=arn)["Versions"]
                rep.check(name, f"cli: {who}: second run made version 2 the default",
                          len(versions) == 2 and [v["VersionId"] for v in versions if v["IsDefaultVersion"]] == ["v2"],
                          versions)
            except Exception as e:  # noqa: BLE001 (reported)
                got[who] = repr(e)
        rep.check(name, "cli on moto: the created policies equal", got == ref, json.dumps({"cli": got, "iam": ref})[:3000])
    subprocess.run(["rm", "-rf", out])
    moto.stop()
    return rep.finish(started)


if __name__ == "__main__":
    sys.exit(main())
