#!/usr/bin/env python3
"""Parity: every target describes the same table.

For every examples/*.yaml, `dynamodel generate --target all` (plus the Terraform module and CDK
Table flavours) runs once, and each artefact is reduced to the canonical table description of
canonical.py by the real tool that consumes it:
  cloudformation       the template (PyYAML), and the stack deployed to moto_server
  cli                  create-table.sh run against moto_server, the table read back with boto3
  cdk TableV2 / Table  the app compiled with tsc and synthesized offline by aws-cdk-lib
  terraform            resource and module style, parsed by @cdktf/hcl2json
Each description must equal the model's (canonical.from_model, read independently of dynamodel
with PyYAML), and so they all equal each other. moto's CloudFormation does not apply TTL, PITR,
SSE, the table class or Application Auto Scaling resources, and moto's CreateTable ignores the
table class: those fields of a moto description are marked "(not in moto)" and are compared
from the template (CloudFormation) or left to test_cli_scripts.py (which checks the class in
the request the script sends). The Terraform registry module always adds a tag Name (the table
name): its description is compared with the model's tags plus that one.

A flavour (module style, CDK Table) that refuses a model with a target/* rule (a setting it cannot
express, e.g. tests/golden/table-settings-mrsc with the CDK Table) is checked to refuse it with
`validate` and is left out of that model's row ("refused"); any other refusal fails.

Prints a matrix (example x artefact; `-`: left out as above), `ok`/`FAIL` lines and `N passed, M failed`.
With --also tests/golden/quoting/model.yaml (as ctest runs it), the same holds for attribute
names full of quotes, backslashes, $(...), backticks, ${...}, #{...}, */, newlines and non-ASCII
text: every target delivers them verbatim.

Usage: test_parity.py --dynamodel PATH [--examples DIR] [--also MODEL...]
"""

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import canonical  # noqa: E402
import canonical_terraform  # noqa: E402
from report import Report  # noqa: E402
from test_cdk import SYNTH_DRIVER  # noqa: E402  (one node process synthesizes many apps)
from test_terraform import run_hcl2json  # noqa: E402
from tools import AWS_ENV, TOOLS_DIR, CfnLoader, MotoServer, moto_deployable, node_bin  # noqa: E402

REGION = "us-east-1"
ENVIRONMENT = "dev"
NOT_IN_MOTO_CFN = ("ttl", "point_in_time_recovery", "sse", "table_class", "autoscaling", "capacity", "settings")
NOT_IN_MOTO = ("table_class", "settings", "replicas")  # moto accepts ReplicaUpdates and lists none
NOT_DEPLOYED = set()  # models whose CloudFormation stack moto cannot create (global tables)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, **kw)


def model_names(paths):
    return {p: yaml.load(open(p, encoding="utf-8"), Loader=yaml.BaseLoader)["name"] for p in paths}


def cloudformation(rep, moto, paths, names, out, descriptions):
    import boto3
    cfn = boto3.client("cloudformation", endpoint_url=moto.url, region_name=REGION)
    for p in paths:
        path = os.path.join(out, "cloudformation", names[p] + ".cfn.yaml")
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        template = canonical.from_cloudformation(yaml.load(text, Loader=CfnLoader), ENVIRONMENT, REGION)
        descriptions[p]["cloudformation template"] = template
        if "AWS::DynamoDB::GlobalTable" in text:
            # moto 5.2.1's CloudFormation answers 500 to AWS::DynamoDB::GlobalTable: the template
            # stands for the stack (cfn-lint checks it in cdk_e2e and the goldens' reviewers).
            print(f"note {names[p]}: moto does not deploy AWS::DynamoDB::GlobalTable; no stack in moto")
            NOT_DEPLOYED.add(p)
            continue
        moto.reset()
        stack = "parity-" + names[p]
        cfn.create_stack(StackName=stack, TemplateBody=moto_deployable(text),
                         Parameters=[{"ParameterKey": "Environment", "ParameterValue": ENVIRONMENT}])
        cfn.get_waiter("stack_create_complete").wait(StackName=stack, WaiterConfig={"Delay": 0.2, "MaxAttempts": 300})
        deployed = canonical.from_moto(moto.url, template["table_name"], REGION)
        # What moto's CloudFormation does not apply comes from the template.
        for k in NOT_IN_MOTO_CFN:
            deployed[k] = template[k]
        for name, gsi in deployed["gsis"].items():  # a GSI's capacity under autoscaling, likewise
            if name in template["gsis"]:
                gsi["capacity"] = template["gsis"][name]["capacity"]
        descriptions[p]["cloudformation stack in moto (" + ", ".join(NOT_IN_MOTO_CFN) + " from the template)"] = deployed


def cli_scripts(rep, moto, paths, names, out, descriptions):
    env = dict(os.environ, **AWS_ENV, DYNAMODB_ENDPOINT=moto.url, DYNAMODEL_ENVIRONMENT=ENVIRONMENT)
    for p in paths:
        moto.reset()
        script = os.path.join(out, "cli", names[p], "create-table.sh")
        r = run(["bash", script], env=env)
        if not rep.check(names[p], "cli: create-table.sh against moto", r.returncode == 0,
                         (r.stdout + r.stderr)[-1500:]):
            continue
        want = canonical.from_model(p, ENVIRONMENT)
        got = canonical.from_moto(moto.url, want["table_name"], REGION)
        for k in NOT_IN_MOTO:
            got[k] = "(not in moto)"
        descriptions[p]["cli script in moto (" + ", ".join(NOT_IN_MOTO) + " not in moto)"] = got


def cdk(rep, paths, names, outs, tmp, descriptions, refused=None):
    """Compiles every generated CDK app with one tsc run and synthesizes them in one node process."""
    os.symlink(os.path.join(TOOLS_DIR, "node_modules"), os.path.join(tmp, "node_modules"))
    refused = refused or {}
    projects = [(construct, p, os.path.join(out, "cdk", names[p])) for construct, out in outs for p in paths
                if p not in refused.get(construct, ())]
    with open(os.path.join(projects[0][2], "tsconfig.json"), encoding="utf-8") as fh:
        options = json.loads("\n".join(line for line in fh if not line.lstrip().startswith("//")))["compilerOptions"]
    options = dict(options, rootDir=".", outDir="dist")
    include = [os.path.relpath(os.path.join(project, d, "*.ts"), tmp) for _, _, project in projects for d in ("bin", "lib")]
    with open(os.path.join(tmp, "tsconfig.json"), "w", encoding="utf-8") as fh:
        json.dump({"compilerOptions": options, "include": include}, fh)
    r = run([node_bin("tsc"), "-p", tmp, "--pretty", "false"], cwd=tmp)
    if not rep.check("(all)", "cdk: tsc compiles every app", r.returncode == 0, (r.stdout + r.stderr)[-1500:]):
        return
    jobs = []
    for construct, p, project in projects:
        bin_js = os.path.join(tmp, "dist", os.path.relpath(project, tmp), "bin", names[p] + ".js")
        jobs.append({"id": f"{construct}/{names[p]}", "bin": bin_js, "outdir": os.path.join(tmp, "cdk.out", construct, names[p]),
                     "context": {"region": REGION}})
    with open(os.path.join(tmp, "jobs.json"), "w", encoding="utf-8") as fh:
        json.dump(jobs, fh)
    with open(os.path.join(tmp, "synth.js"), "w", encoding="utf-8") as fh:
        fh.write(SYNTH_DRIVER)
    results_path = os.path.join(tmp, "results.json")
    r = run(["node", os.path.join(tmp, "synth.js"), os.path.join(tmp, "jobs.json"), results_path], cwd=tmp,
            env=dict(os.environ, CDK_DISABLE_CLI_TELEMETRY="true"))
    results = {}
    if os.path.exists(results_path):
        with open(results_path, encoding="utf-8") as fh:
            results = {x["id"]: x for x in json.load(fh)}
    for (construct, p, _), job in zip(projects, jobs):
        res = results.get(job["id"]) or {"error": f"not synthesized: {(r.stdout + r.stderr)[-800:]}"}
        if not rep.check(names[p], f"cdk {construct}: synth", res["error"] is None, res["error"]):
            continue
        templates = [f for f in glob.glob(os.path.join(job["outdir"], "*.template.json"))
                     if not f.endswith(".nested.template.json")]
        with open(templates[0], encoding="utf-8") as fh:
            descriptions[p][f"cdk {construct} (synthesized)"] = canonical.from_cloudformation(json.load(fh), ENVIRONMENT,
                                                                                            REGION)


def terraform(rep, paths, names, outs, descriptions, refused=None):
    refused = refused or {}
    files = [f for _, out in outs for p in paths for f in sorted(glob.glob(os.path.join(out, "terraform", names[p], "*.tf")))]
    parsed = run_hcl2json(files)  # {file: {"ok": json} | {"error": text}}
    for style, out in outs:
        for p in paths:
            if p in refused.get(style, ()):
                continue
            folder = os.path.join(out, "terraform", names[p])
            mine = {os.path.basename(f): v.get("ok") for f, v in parsed.items() if os.path.dirname(f) == folder}
            errors = [f"{f}: {v['error']}" for f, v in parsed.items() if os.path.dirname(f) == folder and "error" in v]
            if rep.check(names[p], f"terraform {style}: hcl2json parses every file", not errors, "; ".join(errors)):
                descriptions[p][f"terraform {style} (hcl2json)"] = canonical_terraform.from_terraform(mine, ENVIRONMENT)


def expected_for(want, artefact, got):
    """The model's description as this artefact can say it: fields a tool cannot show are
    taken as they came, and the registry module terraform-aws-modules/dynamodb-table always
    adds a tag Name = the table name (its main.tf: tags = merge(var.tags, {Name = ...}))."""
    expected = dict(want, **{k: v for k, v in got.items() if v == "(not in moto)"})
    if artefact.startswith("terraform module"):
        expected["tags"] = dict(want["tags"], Name=want["table_name"])
    return expected


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dynamodel", required=True)
    ap.add_argument("--examples", default=os.path.join(REPO, "examples"))
    ap.add_argument("--also", nargs="*", default=[], help="more models (e.g. the hostile-names quoting model)")
    args = ap.parse_args()
    binary = os.path.abspath(args.dynamodel)
    rep = Report()
    started = time.monotonic()
    paths = sorted(glob.glob(os.path.join(args.examples, "*.yaml"))) + [os.path.abspath(p) for p in args.also]
    names = model_names(paths)
    descriptions = {p: {} for p in paths}
    tmp = tempfile.mkdtemp(prefix="dynamodel-parity-")
    moto = MotoServer()
    try:
        outs = {"default": os.path.join(tmp, "default"), "module": os.path.join(tmp, "module"),
                "Table": os.path.join(tmp, "table")}
        refused = {}  # flavour -> models it refuses with a target/* rule
        for flavour, extra in (("default", []), ("module", ["--terraform-style", "module"]),
                               ("Table", ["--cdk-construct", "Table"])):
            mine = []
            for p in paths:
                v = run([binary, "validate", "--format", "json", *extra, p])
                errors = {d["rule"] for d in json.loads(v.stdout or "[]") if d["severity"] == "error"}
                if flavour != "default" and errors and all(e.startswith("target/") for e in errors):
                    refused.setdefault(flavour, set()).add(p)
                    print(f"note {names[p]}: {flavour} refuses it ({', '.join(sorted(errors))}): left out")
                else:
                    mine.append(p)
            r = run([binary, "generate", *mine, "-t", "all", "-o", outs[flavour], *extra])
            if not rep.check("(all)", f"generate --target all {' '.join(extra)}".strip(), r.returncode == 0,
                             r.stderr[-1500:]):
                return 1
        error = moto.wait_ready()
        if not rep.check("(all)", "moto_server starts", error is None, error):
            return 1
        os.environ.update(AWS_ENV)
        cloudformation(rep, moto, paths, names, outs["default"], descriptions)
        cli_scripts(rep, moto, paths, names, outs["default"], descriptions)
        cdk(rep, paths, names, [("TableV2", outs["default"]), ("Table", outs["Table"])], tmp, descriptions,
            {"Table": refused.get("Table", set())})
        terraform(rep, paths, names, [("resource", outs["default"]), ("module", outs["module"])], descriptions,
                  {"module": refused.get("module", set())})

        artefacts = sorted({a for d in descriptions.values() for a in d})
        for p in paths:
            want = canonical.from_model(p, ENVIRONMENT)
            for artefact in artefacts:
                got = descriptions[p].get(artefact)
                flavour = "module" if artefact.startswith("terraform module") else \
                    "Table" if artefact.startswith("cdk Table ") else None
                if got is None and p in refused.get(flavour, ()):
                    continue  # refused with a target/* finding, checked above
                if got is None and p in NOT_DEPLOYED and artefact.startswith("cloudformation stack"):
                    continue
                if got is None:
                    rep.fail(names[p], f"{artefact} = model", "no description (see the failures above)")
                    continue
                expected = expected_for(want, artefact, got)
                lines = canonical.diff(expected, got)
                rep.check(names[p], f"{artefact} = model", not lines, "\n    ".join(lines))
        print("\nparity matrix (= : the artefact's table equals the model's)")
        print("  " + " | ".join(["example".ljust(18)] + [a.split(" (")[0] for a in artefacts]))
        for p in paths:
            want = canonical.from_model(p, ENVIRONMENT)
            cells = []
            for a in artefacts:
                got = descriptions[p].get(a)
                expected = expected_for(want, a, got or {})
                flavour = "module" if a.startswith("terraform module") else "Table" if a.startswith("cdk Table ") else None
                left_out = got is None and (p in refused.get(flavour, ()) or
                                            (p in NOT_DEPLOYED and a.startswith("cloudformation stack")))
                cells.append("-" if left_out else "=" if got is not None and not canonical.diff(expected, got) else "X")
            print("  " + " | ".join([names[p].ljust(18)] + [c.center(len(a.split(" (")[0])) for c, a in zip(cells, artefacts)]))
    finally:
        moto.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"# {time.monotonic() - started:.1f} s")
    print(f"{rep.passed} passed, {rep.failed} failed")
    return 1 if rep.failed else 0


if __name__ == "__main__":
    sys.exit(main())
