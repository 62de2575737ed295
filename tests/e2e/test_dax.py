#!/usr/bin/env python3
"""Proof of the DAX cluster (model `operations.dax`, issue 18).

For every example and golden model with a `dax:` section, and one small model written here
(tests/golden/minimal with a DAX cluster of its own: an explicit name, no security groups, TLS and
encryption at rest off, other TTLs):
  1. generate CloudFormation, Terraform, CDK and the CLI scripts and read each target's DAX
     resources into one neutral form (names after the environment, node type, nodes, subnets,
     security groups, the two TTL parameters, SSE, endpoint encryption, description, the role's
     trust, actions and resources):
     - CloudFormation: the AWS::DAX::* and the role of <model>.cfn.yaml (cfn-lint passes);
     - Terraform: dax.tf through hclfmt -require-no-change and @cdktf/hcl2json (the role's
       jsonencode() documents are read from the text);
     - CDK: the small model's project compiled with the pinned tsc and synthesized (its template
       goes through cfn-lint too); the others' stacks are compiled and synthesized by test_cdk;
     - CLI: create-dax.sh's requests (subnets, TTLs, CreateCluster's JSON, the role's policy);
     and require the four to be equal, and equal to the model;
  2. on moto_server (5.2.1): its CloudFormation has no AWS::DAX::* resources: a template whose
     outputs GetAtt the cluster is refused (an HTTP 500, checked); without the two DAX outputs
     the table's stack completes without any cluster (checked, so the day it changes is seen) and
     with the DAX role,
     whose inline policy is read back: only the DynamoDB actions DAX uses, only on the deployed
     table's ARN and its /index/*, trusted by dax.amazonaws.com only;
  3. moto has no DAX subnet or parameter groups (Describe/Create*Group are "not implemented",
     checked) and its CreateCluster ignores the subnet group, parameter group and security groups
     it is given: create-dax.sh (small model) is run on moto as generated, and must stop at the
     subnet group, saying so; then the same script with its subnet-group and parameter-group
     blocks cut out is run twice: the role (created by the first, whole run) is kept, the cluster
     is created once, the second run changes nothing, and describe_clusters reads back the model's node type, node count, role,
     SSE, endpoint encryption and description.
What is not tested: a real cluster (moto does not run DAX nodes or serve the DAX protocol), the
subnet/parameter groups' existence on an emulator, and whether DAX caches anything.

Usage: test_dax.py --dynamodel PATH
"""
import argparse
import ast
import glob
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
from tools import AWS_ENV, HCLFMT, TOOLS_DIR, CfnLoader, MotoServer, node_bin  # noqa: E402

import yaml  # noqa: E402

ENVIRONMENT = "e2e"
SMALL = "dax-small"
SMALL_DAX = """operations:
  dax:
    name: mini-cache
    node_type: dax.t3.small
    nodes: 3
    subnets: [subnet-0aaa1111, subnet-0bbb2222]
    item_ttl_seconds: 120
    query_ttl_seconds: 45
    encryption: false
    tls: false
"""
ACTIONS = sorted(["dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
                  "dynamodb:Scan", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                  "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem"])
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


def neutral(name, node_type, nodes, subnets, groups, item_ttl, query_ttl, sse, tls, description, trust, actions,
            resources):
    """One comparable form. `name` is what follows the environment; `resources` are written
    relative to the table's ARN (<table>, <table>/index/*)."""
    return {"name": name, "node_type": node_type, "nodes": int(nodes), "subnets": list(subnets),
            "security_groups": list(groups or []), "record-ttl-millis": str(item_ttl),
            "query-ttl-millis": str(query_ttl), "sse": bool(sse), "endpoint_encryption": tls,
            "description": description, "trust": trust, "actions": sorted(actions), "resources": sorted(resources)}


def expected(model):
    d = model["operations"]["dax"]
    return {"node_type": d["node_type"], "nodes": d.get("nodes", 3), "subnets": d["subnets"],
            "security_groups": d.get("security_groups", []),
            "record-ttl-millis": str(d.get("item_ttl_seconds", 300) * 1000),
            "query-ttl-millis": str(d.get("query_ttl_seconds", 300) * 1000),
            "sse": d.get("encryption", True), "endpoint_encryption": "TLS" if d.get("tls", True) else "NONE",
            "trust": "dax.amazonaws.com", "actions": ACTIONS, "resources": ["<table>", "<table>/index/*"]}


def strip_env(value, env_forms):
    """'${Environment}-x', {'Fn::Sub': ...}, {'Fn::Join': ['', [env, '-x']]} -> '-x'."""
    if isinstance(value, dict) and "Fn::Sub" in value:
        value = value["Fn::Sub"]
    if isinstance(value, dict) and "Fn::Join" in value:
        value = "".join(v if isinstance(v, str) else "<?>" for v in value["Fn::Join"][1])
    for e in env_forms:
        if isinstance(value, str) and value.startswith(e):
            return value[len(e):]
    return value


def table_relative(value, table_refs):
    if isinstance(value, dict) and "Fn::Sub" in value:
        s = value["Fn::Sub"]
        return s.replace("${Table.Arn}", "<table>")
    if isinstance(value, dict) and "Fn::Join" in value:
        parts = value["Fn::Join"][1]
        return "".join("<table>" if p in table_refs else (p if isinstance(p, str) else "<?>") for p in parts)
    return "<table>" if value in table_refs else value


def from_template(resources, env_forms):
    """The DAX resources of a CloudFormation template (ours, or CDK's synthesized one)."""
    by_type = {}
    for rid, r in resources.items():
        by_type.setdefault(r["Type"], []).append((rid, r.get("Properties", {})))
    [(_, cluster)] = by_type.get("AWS::DAX::Cluster", [])
    [(_, subnet)] = by_type.get("AWS::DAX::SubnetGroup", [])
    [(_, params)] = by_type.get("AWS::DAX::ParameterGroup", [])
    role_id = cluster["IAMRoleARN"]["Fn::GetAtt"][0]
    role = resources[role_id]["Properties"]
    table_ids = [rid for rid, r in resources.items() if r["Type"] in ("AWS::DynamoDB::Table",
                                                                      "AWS::DynamoDB::GlobalTable")]
    table_refs = [{"Fn::GetAtt": [t, "Arn"]} for t in table_ids]
    [policy] = role["Policies"]
    [stmt] = policy["PolicyDocument"]["Statement"]
    [trust] = role["AssumeRolePolicyDocument"]["Statement"]
    names = {strip_env(x, env_forms) for x in (cluster["ClusterName"], subnet["SubnetGroupName"],
                                                params["ParameterGroupName"])}
    ttl = params["ParameterNameValues"]
    out = neutral(names.pop() if len(names) == 1 else sorted(map(str, names)), cluster["NodeType"],
                  cluster["ReplicationFactor"], subnet["SubnetIds"], cluster.get("SecurityGroupIds"),
                  ttl["record-ttl-millis"], ttl["query-ttl-millis"], cluster["SSESpecification"]["SSEEnabled"],
                  cluster["ClusterEndpointEncryptionType"], cluster["Description"], trust["Principal"]["Service"],
                  stmt["Action"], [table_relative(r, table_refs) for r in stmt["Resource"]])
    return out, role_id


def from_terraform(parsed, text):
    res = parsed["resource"]
    cluster = res["aws_dax_cluster"]["dax"][0]
    subnet = res["aws_dax_subnet_group"]["dax"][0]
    params = res["aws_dax_parameter_group"]["dax"][0]
    ttl = {p["name"]: p["value"] for p in params["parameters"]}
    env = "${var.environment}"
    names = {strip_env(x, [env]) for x in (cluster["cluster_name"], subnet["name"], params["name"])}
    # The role's documents are jsonencode() expressions: read from the text.
    policy = text[text.index('resource "aws_iam_role_policy" "dax"'):]
    actions = json.loads(re.search(r"^      Action   = (\[.*\])$", policy, re.M).group(1))
    resources = re.search(r"^      Resource = \[(.*)\]$", policy, re.M).group(1)
    arn = re.match(r"([a-z0-9_.]+), ", resources).group(1)
    rel = [r.strip() for r in resources.split(", ")]
    rel = ["<table>" if r == arn else r.strip('"').replace("${" + arn + "}", "<table>") for r in rel]
    trust = re.search(r'Principal = \{ Service = "([^"]+)" \}', text).group(1)
    return neutral(names.pop() if len(names) == 1 else sorted(names), cluster["node_type"],
                   cluster["replication_factor"], subnet["subnet_ids"], cluster.get("security_group_ids"),
                   ttl["record-ttl-millis"], ttl["query-ttl-millis"],
                   cluster["server_side_encryption"][0]["enabled"], cluster["cluster_endpoint_encryption_type"],
                   cluster["description"], trust, actions, rel)


def from_cli(path):
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    base = shlex.split(re.search(r"^dax_base=(.*)$", text, re.M).group(1))[0]
    subnets = shlex.split(re.search(r"^subnets=\((.*)\)$", text, re.M).group(1))
    create = re.search(r"--cli-input-json ('(?:[^']|'\\'')*')", text).group(1)
    req = json.loads(shlex.split(create)[0])
    item = re.search(r"ParameterName=record-ttl-millis,ParameterValue=(\d+)", text).group(1)
    query = re.search(r"ParameterName=query-ttl-millis,ParameterValue=(\d+)", text).group(1)
    policy = re.search(r"^policy='(.*)'$", text, re.M).group(1)
    stmt = json.loads(policy.replace("'\"$table_arn\"'", "<table>"))["Statement"][0]
    trust = json.loads(re.search(r"^trust='(.*)'$", text, re.M).group(1))["Statement"][0]
    return neutral("-" + base, req["NodeType"], req["ReplicationFactor"], subnets, req.get("SecurityGroupIds"),
                   item, query, req["SSESpecification"]["Enabled"], req["ClusterEndpointEncryptionType"],
                   req["Description"], trust["Principal"]["Service"], stmt["Action"], stmt["Resource"]), req


def diff(a, b):
    return {k: (a.get(k), b.get(k)) for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)}


def cdk_synth(binary, model_path, tmp, rep):
    """Compile and synthesize the small model's CDK app: its template's resources, or None."""
    out = os.path.join(tmp, "cdk-small")
    generate(binary, model_path, "cdk", out)
    [project] = [os.path.dirname(p) for p in glob.glob(os.path.join(out, "*", "package.json"))]
    os.symlink(os.path.join(TOOLS_DIR, "node_modules"), os.path.join(project, "node_modules"))
    r = subprocess.run([node_bin("tsc"), "-p", project, "--pretty", "false"], capture_output=True, text=True,
                       cwd=project, timeout=300)
    if not rep.check("CDK: the small model's project compiles (tsc)", r.returncode == 0,
                     (r.stdout + r.stderr)[-1500:]):
        return None
    [app] = glob.glob(os.path.join(project, "dist", "bin", "*.js"))
    cdk_out = os.path.join(tmp, "cdk.out")
    env = dict(os.environ, CDK_OUTDIR=cdk_out, CDK_CONTEXT_JSON=json.dumps({"environment": ENVIRONMENT}))
    r = subprocess.run(["node", app], capture_output=True, text=True, env=env, timeout=300)
    templates = glob.glob(os.path.join(cdk_out, "*.template.json"))
    if not rep.check("CDK: the app synthesizes", r.returncode == 0 and len(templates) == 1,
                     (r.stdout + r.stderr)[-1500:]):
        return None
    bad = subprocess.run(["node", app], capture_output=True, text=True, timeout=300,
                         env=dict(env, CDK_OUTDIR=os.path.join(tmp, "cdk.bad"),
                                  CDK_CONTEXT_JSON=json.dumps({"environment": "has_underscore"})))
    rep.check("CDK: an environment a DAX cluster name cannot hold is refused",
              bad.returncode != 0 and "DAX" in bad.stderr, bad.stderr[-500:])
    return templates[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dynamodel", required=True)
    binary = os.path.abspath(ap.parse_args().dynamodel)
    started = time.monotonic()
    rep = Report()
    tmp = tempfile.mkdtemp(prefix="dynamodel-dax-")
    models = []
    for path in sorted(glob.glob(os.path.join(REPO, "examples", "*.yaml")) +
                       glob.glob(os.path.join(REPO, "tests", "golden", "*", "model.yaml"))):
        with open(path, encoding="utf-8") as fh:
            try:
                m = yaml.safe_load(fh)
            except yaml.YAMLError:
                continue
        if isinstance(m, dict) and "dax" in (m.get("operations") or {}):
            models.append(os.path.realpath(path))
    models = sorted(set(models))
    rep.check("models with a DAX cluster found", len(models) >= 1, f"{models}")
    with open(os.path.join(REPO, "tests", "golden", "minimal", "model.yaml"), encoding="utf-8") as fh:
        text = fh.read().replace("name: minimal", "name: " + SMALL, 1)
    if "\noperations:" in text:
        raise RuntimeError("tests/golden/minimal has operations: the small model cannot append its own")
    small = os.path.join(tmp, "small", "model.yaml")
    os.makedirs(os.path.dirname(small))
    with open(small, "w", encoding="utf-8") as fh:
        fh.write(text + SMALL_DAX)
    models.append(small)

    outs, parsed_models = {}, {}
    for path in models:
        out = os.path.join(tmp, os.path.basename(os.path.dirname(path)) + "-" + os.path.basename(path))
        for target in ("cloudformation", "terraform", "cli"):
            generate(binary, path, target, out)
        outs[path] = out
        with open(path, encoding="utf-8") as fh:
            parsed_models[path] = yaml.safe_load(fh)
    templates = sorted(glob.glob(os.path.join(tmp, "*", "*.cfn.yaml")))
    cdk_template = cdk_synth(binary, small, tmp, rep)
    lint = subprocess.run(["cfn-lint", "--format", "parseable", *templates, *([cdk_template] if cdk_template else [])],
                          capture_output=True, text=True)
    rep.check(f"cfn-lint passes on the {len(templates)} templates and the synthesized CDK one",
              lint.returncode == 0, lint.stdout[-2000:])
    tf_files = sorted(glob.glob(os.path.join(tmp, "*", "*", "dax.tf")))
    rep.check("every model has dax.tf", len(tf_files) == len(models), f"{tf_files}")
    fmt = [subprocess.run([HCLFMT, "-require-no-change", f], capture_output=True, text=True) for f in tf_files]
    rep.check(f"hclfmt -require-no-change passes on the {len(tf_files)} dax.tf",
              all(r.returncode == 0 for r in fmt), " ".join(r.stderr for r in fmt if r.returncode)[-1500:])
    module = os.path.join(TOOLS_DIR, "node_modules", "@cdktf", "hcl2json")
    p = subprocess.run(["node", "-e", NODE_PARSE, module], input=json.dumps(tf_files), capture_output=True,
                       text=True, timeout=120)
    parsed_tf = json.loads(p.stdout) if p.returncode == 0 else {}
    rep.check("hcl2json ran", p.returncode == 0, p.stderr[-500:])

    cfn_forms = {}
    for path in models:
        model, out = parsed_models[path], outs[path]
        name = model["name"]
        with open(os.path.join(out, f"{name}.cfn.yaml"), encoding="utf-8") as fh:
            doc = yaml.load(fh, Loader=CfnLoader)
        cfn, _ = from_template(doc["Resources"], ["${Environment}"])
        cfn_forms[path] = (cfn, doc)
        want = expected(model)
        rep.check(f"{name}: the template's DAX cluster is the model's", {k: cfn[k] for k in want} == want,
                  diff({k: cfn[k] for k in want}, want))
        rep.check(f"{name}: one name for the cluster, subnet and parameter group, within 20 characters with "
                  f"the longest environment", isinstance(cfn["name"], str) and
                  len(cfn["name"]) + int(doc["Parameters"]["Environment"]["MaxLength"]) <= 20, f"{cfn['name']}")
        rep.check(f"{name}: the template outputs the cluster's endpoint",
                  doc["Outputs"]["DaxClusterEndpoint"]["Value"] ==
                  {"Fn::GetAtt": ["DaxCluster", "ClusterDiscoveryEndpointURL"]}, f"{doc['Outputs']}")
        tf_file = os.path.join(out, name, "dax.tf")
        if rep.check(f"{name}: hcl2json parses dax.tf", "ok" in parsed_tf.get(tf_file, {}),
                     parsed_tf.get(tf_file, {}).get("error", "")):
            with open(tf_file, encoding="utf-8") as fh:
                tf = from_terraform(parsed_tf[tf_file]["ok"], fh.read())
            rep.check(f"{name}: Terraform's DAX resources are the template's", tf == cfn, diff(tf, cfn))
        cli, _ = from_cli(os.path.join(out, name, "create-dax.sh"))
        rep.check(f"{name}: create-dax.sh's requests are the template's", cli == cfn, diff(cli, cfn))
    if cdk_template:
        with open(cdk_template, encoding="utf-8") as fh:
            synth = json.load(fh)
        cdk, _ = from_template(synth["Resources"], [ENVIRONMENT])
        rep.check(f"{SMALL}: CDK's synthesized DAX resources are the template's", cdk == cfn_forms[small][0],
                  diff(cdk, cfn_forms[small][0]))

    moto = MotoServer()
    try:
        err = moto.wait_ready()
        if not rep.check("moto_server answers", err is None, err or ""):
            return 1
        on_moto(moto, small, parsed_models[small], outs[small], cfn_forms[small], rep)
    finally:
        moto.stop()
    print(f"{rep.passed} passed, {rep.failed} failed ({time.monotonic() - started:.1f} s)")
    return 1 if rep.failed else 0


def on_moto(moto, path, model, out, cfn_form, rep):
    import boto3
    from botocore.exceptions import ClientError
    cfg = dict(endpoint_url=moto.url, region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    cf, dax, iam = (boto3.client(s, **cfg) for s in ("cloudformation", "dax", "iam"))
    name, table = model["name"], f"{ENVIRONMENT}-{model['table']['name']}"
    cfn, doc = cfn_form
    want = expected(model)

    # The table's stack, with its DAX resources. moto 5.2.1 cannot take the template whole: an
    # output's !GetAtt on a resource type it does not know (AWS::DAX::Cluster) is an HTTP 500
    # (checked, so the day it can is seen); the template without the two DAX outputs deploys.
    stack = "dax-" + name
    with open(os.path.join(out, f"{name}.cfn.yaml"), encoding="utf-8") as fh:
        body = fh.read()
    params = dict(Capabilities=["CAPABILITY_IAM"],
                  Parameters=[{"ParameterKey": "Environment", "ParameterValue": ENVIRONMENT}])
    try:
        cf.create_stack(StackName=stack + "-whole", TemplateBody=body, **params)
        whole = "accepted"
    except Exception as e:  # noqa: BLE001 - moto answers an HTML 500 that botocore cannot parse
        whole = f"{type(e).__name__}: {e}"
    rep.check(f"{name}: moto's CloudFormation cannot deploy the template with its DAX outputs (an output's "
              f"GetAtt on AWS::DAX::Cluster, a type it lacks; if this fails, deploy the whole template)",
              "500" in whole, whole[:300])
    cut = body.index("\n  DaxClusterEndpoint:\n")
    rep.check(f"{name}: the DAX outputs end the template", body[cut:].count("\n  ") == 6 and
              body.rstrip().endswith("!GetAtt DaxCluster.Arn"), body[cut:])
    moto.reset()
    cf.create_stack(StackName=stack, TemplateBody=body[:cut + 1], **params)
    status = "?"
    for _ in range(100):
        status = cf.describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"]
        if status.endswith("COMPLETE") or status.endswith("FAILED"):
            break
        time.sleep(0.1)
    if rep.check(f"{name}: the table's stack with its DAX resources deploys on moto", status == "CREATE_COMPLETE",
                 status):
        clusters = dax.describe_clusters()["Clusters"]
        rep.check(f"{name}: moto's CloudFormation creates no DAX cluster (it has no AWS::DAX::*; if this fails, "
                  f"read the deployed cluster back instead)", clusters == [], f"{clusters}")
        physical = {r["LogicalResourceId"]: r.get("PhysicalResourceId")
                    for r in cf.list_stack_resources(StackName=stack)["StackResourceSummaries"]}
        table_arn = boto3.client("dynamodb", **cfg).describe_table(TableName=table)["Table"]["TableArn"]
        role_name = physical.get("DaxRole")
        if rep.check(f"{name}: the stack has the DAX role", bool(role_name), f"{physical}"):
            check_role(iam, role_name, table_arn, want, f"{name} (CloudFormation)", rep)

    # moto has no DAX subnet or parameter groups: checked, so the day it has them is seen.
    for call, kw in (("describe_subnet_groups", {"SubnetGroupNames": ["x"]}),
                     ("describe_parameter_groups", {"ParameterGroupNames": ["x"]})):
        try:
            getattr(dax, call)(**kw)
            answered = "answers"
        except ClientError as e:
            answered = e.response["Error"].get("Code", "") + " " + str(e)
        except Exception as e:  # noqa: BLE001 - moto's NotImplementedError arrives as an HTTP 500
            answered = f"{type(e).__name__}: {e}"
        rep.check(f"moto 5.2.1 has no {call} (if this fails, run create-dax.sh whole below)",
                  "not been implemented" in answered or "500" in answered, answered[:300])

    # create-dax.sh as generated: stops at the subnet group on moto.
    moto.reset()
    boto3.client("dynamodb", **cfg).create_table(
        TableName=table, BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "PK", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}])
    table_arn = boto3.client("dynamodb", **cfg).describe_table(TableName=table)["Table"]["TableArn"]
    env = dict(os.environ, **AWS_ENV)
    env.update(DYNAMODEL_ENVIRONMENT=ENVIRONMENT, DYNAMODB_ENDPOINT=moto.url, AWS_REGION="us-east-1")
    script = os.path.join(out, name, "create-dax.sh")
    r = subprocess.run(["bash", script], env=env, capture_output=True, text=True, timeout=300)
    rep.check(f"{name}: create-dax.sh on moto creates the role, then stops at the subnet group (moto has "
              f"none), saying so", r.returncode != 0 and "created role" in r.stdout and
              "cannot read subnet group" in r.stderr, r.stdout[-300:] + r.stderr[-500:])
    # The script without its subnet-group and parameter-group blocks, twice.
    with open(script, encoding="utf-8") as fh:
        text = fh.read()
    start, end = text.index("# The subnet group.\n"), text.index("# The cluster:")
    cut = os.path.join(out, name, "create-dax.moto.sh")
    with open(cut, "w", encoding="utf-8") as fh:
        fh.write(text[:start] + text[end:])
    runs = []
    for attempt in (1, 2):
        r = subprocess.run(["bash", cut], env=env, capture_output=True, text=True, timeout=300)
        rep.check(f"{name}: create-dax.sh (no subnet/parameter group) run {attempt} exits 0", r.returncode == 0,
                  r.stdout[-300:] + r.stderr[-800:])
        runs.append((r.stdout, dax.describe_clusters()["Clusters"], iam.list_roles()["Roles"]))
    rep.check(f"{name}: run 1 keeps the role and creates the cluster",
              "created role" not in runs[0][0] and "created cluster" in runs[0][0], runs[0][0])
    rep.check(f"{name}: run 2 changes nothing (same cluster, same roles, nothing created)",
              "created" not in runs[1][0] and "is up to date" in runs[1][0] and
              [c["ClusterName"] for c in runs[1][1]] == [c["ClusterName"] for c in runs[0][1]] and
              [x["Arn"] for x in runs[1][2]] == [x["Arn"] for x in runs[0][2]], runs[1][0])
    clusters = runs[1][1]
    if rep.check(f"{name}: describe_clusters reads one cluster back", len(clusters) == 1, f"{clusters}"):
        c = clusters[0]
        role_name = c["IamRoleArn"].rsplit("/", 1)[1]
        got = {"name": c["ClusterName"][len(ENVIRONMENT):], "node_type": c["NodeType"], "nodes": c["TotalNodes"],
               "sse": c["SSEDescription"]["Status"] == "ENABLED",
               "endpoint_encryption": c["ClusterEndpointEncryptionType"], "description": c["Description"]}
        exp = {k: cfn[k] for k in got}
        rep.check(f"{name}: the cluster read back is the template's", got == exp, diff(got, exp))
        rep.check(f"{name}: the cluster's role is <environment>{cfn['name']}-dax",
                  role_name == f"{ENVIRONMENT}{cfn['name']}-dax", role_name)
        check_role(iam, role_name, table_arn, want, f"{name} (create-dax.sh)", rep)


def check_role(iam, role_name, table_arn, want, what, rep):
    role = iam.get_role(RoleName=role_name)["Role"]
    trust = role["AssumeRolePolicyDocument"]
    if isinstance(trust, str):
        trust = json.loads(trust)
    principals = [s["Principal"] for s in trust["Statement"]]
    rep.check(f"{what}: the role trusts dax.amazonaws.com only", principals == [{"Service": "dax.amazonaws.com"}],
              f"{principals}")
    names = iam.list_role_policies(RoleName=role_name)["PolicyNames"]
    attached = iam.list_attached_role_policies(RoleName=role_name)["AttachedPolicies"]
    if not rep.check(f"{what}: the role has one inline policy and nothing attached", len(names) == 1 and not attached,
                     f"{names} {attached}"):
        return
    document = iam.get_role_policy(RoleName=role_name, PolicyName=names[0])["PolicyDocument"]
    if isinstance(document, str):
        try:
            document = json.loads(document)
        except ValueError:  # moto keeps a document its CloudFormation was given as Python's repr
            document = ast.literal_eval(document)
    [stmt] = document["Statement"]
    resources = stmt["Resource"] if isinstance(stmt["Resource"], list) else [stmt["Resource"]]
    rep.check(f"{what}: the policy grants only the DynamoDB actions DAX uses", sorted(stmt["Action"]) == want["actions"],
              f"{stmt['Action']}")
    rep.check(f"{what}: the policy's resources are only this table and its indexes",
              sorted(resources) == sorted([table_arn, table_arn + "/index/*"]), f"{resources} vs {table_arn}")


if __name__ == "__main__":
    sys.exit(main())
