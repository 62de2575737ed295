#!/usr/bin/env python3
"""End-to-end test of the CloudFormation target.

For every examples/*.yaml:
  1. generate all templates with ONE `dynamodel generate` call;
  2. lint them all with ONE cfn-lint run (must print nothing and exit 0);
  3. deploy each template to a moto_server started here (boto3), and compare
     the resulting table (describe_table) and the stack outputs with the
     model, parsed independently of dynamodel with PyYAML;
  4. check what moto does not honour (TTL, PITR, SSE, table class, deletion
     and replace policies, tags, autoscaling) in the template itself.

Prints `ok   <example>: <check>` / `FAIL <example>: <check>: <details>` per
check and finally `N passed, M failed`; exits 1 if anything failed.

Usage: test_cloudformation.py [--dynamodel PATH] [--examples DIR]
"""

import argparse
import atexit
import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
ENVIRONMENT = "e2e"
ALL = "(all)"



# --------------------------------------------------------------------------
# reporting

from report import Report  # noqa: E402  (tests/e2e/report.py)
from tools import AWS_ENV, CfnLoader, MotoServer, moto_deployable, sibling_tool  # noqa: E402  (tests/e2e/tools.py)


# --------------------------------------------------------------------------
# YAML: CloudFormation templates (short intrinsic tags) and models

def load_model(path):
    """Returns (typed, text): the model loaded with SafeLoader (for booleans
    and numbers) and with BaseLoader (every scalar as its text, as the tool
    reads names, tags and ARNs)."""
    with open(path, encoding="utf-8") as f:
        source = f.read()
    return yaml.safe_load(source), yaml.load(source, Loader=yaml.BaseLoader)


class Table:
    """What the test needs from a model's `table`, with the format's defaults."""

    def __init__(self, typed, text):
        t, s = typed["table"], text["table"]
        self.name = s["name"]
        self.pk = (s["partition_key"]["name"], s["partition_key"]["type"])
        self.sk = (s["sort_key"]["name"], s["sort_key"]["type"]) if "sort_key" in s else None
        self.billing = s.get("billing_mode", "PAY_PER_REQUEST")
        self.provisioned = self.billing == "PROVISIONED"
        cap = t.get("capacity") or {}
        self.read = cap.get("read")
        self.write = cap.get("write")
        self.autoscaling = cap.get("autoscaling")
        self.table_class = s.get("table_class", "STANDARD")
        self.ttl = s.get("ttl_attribute")
        self.stream = s.get("stream")
        self.pitr = bool(t.get("point_in_time_recovery", False))
        self.deletion_protection = bool(t.get("deletion_protection", False))
        self.encryption = s.get("encryption", "AWS_OWNED")
        self.tags = list((s.get("tags") or {}).items())
        self.gsis = []
        for gt, gs in zip(t.get("global_secondary_indexes") or [],
                          s.get("global_secondary_indexes") or []):
            gcap = gt.get("capacity") or {}
            self.gsis.append({
                "name": gs["name"],
                "pk": keys_of(gs["partition_key"]),
                "sk": keys_of(gs["sort_key"]) if "sort_key" in gs else None,
                "projection": gs.get("projection", "ALL"),
                "read": gcap.get("read", self.read),
                "write": gcap.get("write", self.write),
                # A GSI with its own capacity scales as that block says; one without
                # capacity takes the table's capacity and autoscaling.
                "autoscaling": gcap.get("autoscaling") if gs.get("capacity") else self.autoscaling,
            })
        self.lsis = []
        for ls in s.get("local_secondary_indexes") or []:
            self.lsis.append({
                "name": ls["name"],
                "pk": self.pk,
                "sk": (ls["sort_key"]["name"], ls["sort_key"]["type"]),
                "projection": ls.get("projection", "ALL"),
            })

    def key_attributes(self):
        attrs = {self.pk}
        if self.sk:
            attrs.add(self.sk)
        for index in self.gsis + self.lsis:
            for key in (index["pk"], index["sk"]):
                if isinstance(key, list):
                    attrs.update(key)
                elif key:
                    attrs.add(key)
        return attrs


def keys_of(k):
    """(name, type) of a key attribute; a GSI key written as a list (a multi-attribute key):
    the list of them, in order."""
    if isinstance(k, list):
        return [(x["name"], x["type"]) for x in k]
    return (k["name"], k["type"])


def key_schema(pk, sk):
    """[(name, HASH|RANGE)]: every partition-key attribute, then every sort-key attribute."""
    schema = [(k[0], "HASH") for k in (pk if isinstance(pk, list) else [pk])]
    if sk:
        schema += [(k[0], "RANGE") for k in (sk if isinstance(sk, list) else [sk])]
    return schema


def projection_of(model_projection):
    """(ProjectionType, sorted NonKeyAttributes) for a model projection."""
    if isinstance(model_projection, dict):
        return "INCLUDE", sorted(model_projection.get("include") or [])
    return model_projection, []


# --------------------------------------------------------------------------
# tools

# --------------------------------------------------------------------------
# template checks (what moto does not honour)

def check_template(rep, ex, path, table):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    first = text.split("\n", 1)[0]
    rep.check(ex, "template header", first.startswith("# Generated by dynamodel"),
              f"first line is {first!r}")
    try:
        doc = yaml.load(text, Loader=CfnLoader)
    except yaml.YAMLError as e:
        rep.fail(ex, "template parses", str(e).replace("\n", " "))
        return
    resources = (doc or {}).get("Resources") or {}
    res = resources.get("Table")
    if not isinstance(res, dict) or res.get("Type") != "AWS::DynamoDB::Table":
        rep.fail(ex, "template Table resource", "no resource Table of type AWS::DynamoDB::Table")
        return
    props = res.get("Properties") or {}

    rep.compare(ex, "template DeletionPolicy/UpdateReplacePolicy",
                ("Retain", "Retain"), (res.get("DeletionPolicy"), res.get("UpdateReplacePolicy")))

    expected_ttl = {"AttributeName": table.ttl, "Enabled": True} if table.ttl else None
    rep.compare(ex, "template TimeToLiveSpecification", expected_ttl,
                props.get("TimeToLiveSpecification"))

    pitr = (props.get("PointInTimeRecoverySpecification") or {}).get("PointInTimeRecoveryEnabled", False)
    rep.compare(ex, "template PointInTimeRecoveryEnabled", table.pitr, pitr)

    rep.compare(ex, "template DeletionProtectionEnabled", table.deletion_protection,
                props.get("DeletionProtectionEnabled", False))

    if isinstance(table.encryption, dict):
        expected_sse = {"SSEEnabled": True, "SSEType": "KMS",
                        "KMSMasterKeyId": table.encryption.get("kms_key_arn")}
    elif table.encryption == "AWS_MANAGED":
        expected_sse = {"SSEEnabled": True, "SSEType": "KMS"}
    else:
        expected_sse = None
    rep.compare(ex, "template SSESpecification", expected_sse, props.get("SSESpecification"))

    rep.compare(ex, "template TableClass", table.table_class, props.get("TableClass", "STANDARD"))

    expected_tags = [{"Key": k, "Value": v} for k, v in table.tags]
    rep.compare(ex, "template Tags", expected_tags,
                [{k: literal(v) for k, v in tag.items()} for tag in props.get("Tags") or []])

    check_autoscaling(rep, ex, resources, table)


def literal(value):
    """The string CloudFormation makes of `value`: a plain string, or an Fn::Join of plain
    strings (how dynamodel writes text holding `${`). Anything else is returned unchanged."""
    if isinstance(value, dict) and list(value) == ["Fn::Join"]:
        sep, parts = value["Fn::Join"]
        if isinstance(sep, str) and all(isinstance(p, str) for p in parts):
            return sep.join(parts)
    return value


def check_autoscaling(rep, ex, resources, table):
    targets = {k: v for k, v in resources.items()
               if isinstance(v, dict) and v.get("Type") == "AWS::ApplicationAutoScaling::ScalableTarget"}
    policies = {k: v for k, v in resources.items()
                if isinstance(v, dict) and v.get("Type") == "AWS::ApplicationAutoScaling::ScalingPolicy"}
    other = sorted(k for k, v in resources.items()
                   if isinstance(v, dict) and str(v.get("Type", "")).startswith("AWS::ApplicationAutoScaling::")
                   and k not in targets and k not in policies)

    # expected: (dimension, index name or None) -> (min, max, target utilization)
    expected = {}
    if table.provisioned:
        a = table.autoscaling
        if a:
            target = a.get("target_utilization", 70)
            expected[("dynamodb:table:ReadCapacityUnits", None)] = (a["min_read"], a["max_read"], target)
            expected[("dynamodb:table:WriteCapacityUnits", None)] = (a["min_write"], a["max_write"], target)
        for g in table.gsis:
            a = g["autoscaling"]
            if a:
                target = a.get("target_utilization", 70)
                expected[("dynamodb:index:ReadCapacityUnits", g["name"])] = (a["min_read"], a["max_read"], target)
                expected[("dynamodb:index:WriteCapacityUnits", g["name"])] = (a["min_write"], a["max_write"], target)

    if not expected:
        found = sorted(targets) + sorted(policies) + other
        why = "PAY_PER_REQUEST" if not table.provisioned else "no autoscaling in the model"
        rep.check(ex, "template autoscaling (none)", not found,
                  f"{why}, but the template has {found}")
        return

    problems = []
    if other:
        problems.append(f"unexpected resources {other}")
    seen = {}
    for logical, res in sorted(targets.items()):
        p = res.get("Properties") or {}
        dim = p.get("ScalableDimension")
        rid = p.get("ResourceId")
        sub = rid.get("Fn::Sub") if isinstance(rid, dict) else rid
        if isinstance(sub, list):
            sub = sub[0]
        index = None
        if isinstance(sub, str) and "/index/" in sub:
            index = sub.rsplit("/index/", 1)[1]
        if not isinstance(sub, str) or not sub.startswith("table/") or "${Table}" not in sub:
            problems.append(f"{logical}: ResourceId {rid!r} is not table/${{Table}}[/index/NAME]")
        if p.get("ServiceNamespace") != "dynamodb":
            problems.append(f"{logical}: ServiceNamespace {p.get('ServiceNamespace')!r}")
        key = (dim, index)
        if key in seen:
            problems.append(f"{logical}: duplicate target for {key} (also {seen[key]})")
        seen[key] = logical
        if key not in expected:
            problems.append(f"{logical}: unexpected scalable target {dim} index={index}")
            continue
        lo, hi, target = expected[key]
        if (p.get("MinCapacity"), p.get("MaxCapacity")) != (lo, hi):
            problems.append(f"{logical}: Min/MaxCapacity expected {(lo, hi)}, "
                            f"got {(p.get('MinCapacity'), p.get('MaxCapacity'))}")
        metric = ("DynamoDBReadCapacityUtilization" if dim.endswith("ReadCapacityUnits")
                  else "DynamoDBWriteCapacityUtilization")
        mine = [(k, v) for k, v in policies.items()
                if (v.get("Properties") or {}).get("ScalingTargetId") == {"Ref": logical}]
        if len(mine) != 1:
            problems.append(f"{logical}: expected 1 ScalingPolicy with ScalingTargetId !Ref {logical}, "
                            f"found {[k for k, _ in mine]}")
            continue
        pk, pol = mine[0]
        pp = pol.get("Properties") or {}
        cfg = pp.get("TargetTrackingScalingPolicyConfiguration") or {}
        got_metric = (cfg.get("PredefinedMetricSpecification") or {}).get("PredefinedMetricType")
        if pp.get("PolicyType") != "TargetTrackingScaling":
            problems.append(f"{pk}: PolicyType {pp.get('PolicyType')!r}")
        tv = cfg.get("TargetValue")
        if not isinstance(tv, (int, float)) or isinstance(tv, bool) or float(tv) != float(target):
            problems.append(f"{pk}: TargetValue expected {target}, got {tv!r}")
        if got_metric != metric:
            problems.append(f"{pk}: PredefinedMetricType expected {metric}, got {got_metric!r}")
    for key in expected:
        if key not in seen:
            problems.append(f"missing scalable target {key[0]}" + (f" index={key[1]}" if key[1] else ""))
    orphans = sorted(k for k, v in policies.items()
                     if (v.get("Properties") or {}).get("ScalingTargetId") not in
                     [{"Ref": t} for t in targets])
    if orphans:
        problems.append(f"policies without a scalable target of this template: {orphans}")
    rep.check(ex, f"template autoscaling ({len(expected)} targets)", not problems, "; ".join(problems))


# --------------------------------------------------------------------------
# deployed stack checks

def stack_events(cfn, stack):
    try:
        events = cfn.describe_stack_events(StackName=stack)["StackEvents"]
    except Exception as e:  # noqa: BLE001 - diagnostics only
        return f"(no events: {e})"
    reasons = [f"{e.get('LogicalResourceId')} {e.get('ResourceStatus')}: {e.get('ResourceStatusReason')}"
               for e in events if e.get("ResourceStatusReason")]
    return " | ".join(reasons) or "(no reasons in the stack events)"


def wait_stack(cfn, stack, done, timeout=30.0):
    """Polls describe_stacks until `done`; returns (status, stack dict)."""
    deadline = time.monotonic() + timeout
    status, desc = None, None
    while time.monotonic() < deadline:
        desc = cfn.describe_stacks(StackName=stack)["Stacks"][0]
        status = desc["StackStatus"]
        if status == done or status.endswith("_FAILED") or "ROLLBACK" in status:
            return status, desc
        time.sleep(0.1)
    return status, desc


def check_stack(rep, ex, cfn, ddb, template_path, table, model_name):
    stack = f"e2e-{model_name}"
    with open(template_path, encoding="utf-8") as f:
        body = f.read()
    # moto 5.2.1 has no AWS::DAX::* and answers an HTTP 500 to an output's GetAtt on one
    # (tests/e2e/test_dax.py asserts it): the DAX outputs, which end the template, are left out.
    if moto_deployable(body) != body:
        body = moto_deployable(body)
        print(f"note {model_name}: deployed without its DAX outputs (moto has no AWS::DAX::Cluster)")
    try:
        stack = cfn.create_stack(
            StackName=stack, TemplateBody=body,
            Parameters=[{"ParameterKey": "Environment", "ParameterValue": ENVIRONMENT}])["StackId"]
        status, desc = wait_stack(cfn, stack, "CREATE_COMPLETE")
    except Exception as e:  # noqa: BLE001 - any client error is a failure
        rep.fail(ex, "stack create", f"{type(e).__name__}: {e}")
        return
    if status != "CREATE_COMPLETE":
        rep.fail(ex, "stack create", f"status {status}: {stack_events(cfn, stack)}")
        return
    rep.ok(ex, "stack create")

    table_name = None
    try:
        table_name = check_table(rep, ex, ddb, desc, table, policy_outputs(template_path))
    finally:
        try:
            # a deleted stack is found by its id only, not by its name
            cfn.delete_stack(StackName=stack)
            status, _ = wait_stack(cfn, stack, "DELETE_COMPLETE")
            if not rep.compare(ex, "stack delete", "DELETE_COMPLETE", status):
                return
        except Exception as e:  # noqa: BLE001
            rep.fail(ex, "stack delete", f"{type(e).__name__}: {e}")
            return
    if table_name:
        # DeletionPolicy: Retain, so the table outlives its stack
        try:
            ddb.describe_table(TableName=table_name)
            rep.ok(ex, "table retained after stack delete")
        except Exception as e:  # noqa: BLE001
            rep.fail(ex, "table retained after stack delete", f"{type(e).__name__}: {e}")


def policy_outputs(template_path):
    """The ARN output of each AWS::IAM::ManagedPolicy of the template (one per principal, issue 17;
    their documents are compared by test_iam_parity.py)."""
    with open(template_path, encoding="utf-8") as f:
        resources = yaml.load(f, Loader=CfnLoader)["Resources"]
    return {logical_id + "Arn" for logical_id, r in resources.items() if r["Type"] == "AWS::IAM::ManagedPolicy"}


def check_table(rep, ex, ddb, stack_desc, table, extra_outputs=frozenset()):
    outputs = {o["OutputKey"]: o.get("OutputValue") for o in stack_desc.get("Outputs") or []}
    expected_outputs = {"TableName", "TableArn"} | ({"StreamArn"} if table.stream else set()) | set(extra_outputs)
    rep.compare(ex, "stack outputs", sorted(expected_outputs), sorted(outputs))

    name = outputs.get("TableName")
    rep.compare(ex, "table name", f"{ENVIRONMENT}-{table.name}", name)
    if not name:
        return None
    try:
        t = ddb.describe_table(TableName=name)["Table"]
    except Exception as e:  # noqa: BLE001
        rep.fail(ex, "describe_table", f"{type(e).__name__}: {e}")
        return None

    if "TableArn" in outputs:
        rep.compare(ex, "output TableArn", t.get("TableArn"), outputs["TableArn"])
    if table.stream and "StreamArn" in outputs:
        rep.compare(ex, "output StreamArn", t.get("LatestStreamArn"), outputs["StreamArn"])

    def schema(ks):
        return [(k["AttributeName"], k["KeyType"]) for k in ks or []]

    rep.compare(ex, "table key schema", key_schema(table.pk, table.sk), schema(t.get("KeySchema")))

    defs = [(a["AttributeName"], a["AttributeType"]) for a in t.get("AttributeDefinitions") or []]
    rep.check(ex, "attribute definitions",
              sorted(defs) == sorted(table.key_attributes()) and len(set(defs)) == len(defs),
              f"expected {sorted(table.key_attributes())}, got {sorted(defs)}")

    # billing mode and table throughput
    mode = (t.get("BillingModeSummary") or {}).get("BillingMode")
    pt = t.get("ProvisionedThroughput") or {}
    got_rw = (pt.get("ReadCapacityUnits", 0), pt.get("WriteCapacityUnits", 0))
    if table.provisioned:
        rep.check(ex, "billing mode", mode in (None, "PROVISIONED"),
                  f"expected PROVISIONED, got {mode!r}")
        rep.compare(ex, "table provisioned throughput", (table.read, table.write), got_rw)
    else:
        rep.compare(ex, "billing mode", "PAY_PER_REQUEST", mode)
        rep.compare(ex, "table provisioned throughput (none)", (0, 0), got_rw)

    # stream
    ss = t.get("StreamSpecification") or {}
    got_stream = (bool(ss.get("StreamEnabled")), ss.get("StreamViewType") if ss.get("StreamEnabled") else None)
    rep.compare(ex, "stream", (bool(table.stream), table.stream), got_stream)

    # indexes
    check_indexes(rep, ex, "GSI", table.gsis, t.get("GlobalSecondaryIndexes") or [], table, schema)
    check_indexes(rep, ex, "LSI", table.lsis, t.get("LocalSecondaryIndexes") or [], table, schema)
    return name


def check_indexes(rep, ex, kind, model_indexes, got_indexes, table, schema):
    got = {i["IndexName"]: i for i in got_indexes}
    rep.compare(ex, f"{kind} names", sorted(i["name"] for i in model_indexes),
                sorted(i["IndexName"] for i in got_indexes))
    for m in model_indexes:
        g = got.get(m["name"])
        if g is None:
            continue
        problems = []
        exp_ks, got_ks = key_schema(m["pk"], m["sk"]), schema(g.get("KeySchema"))
        if exp_ks != got_ks:
            problems.append(f"KeySchema expected {exp_ks}, got {got_ks}")
        proj = g.get("Projection") or {}
        exp_proj = projection_of(m["projection"])
        got_proj = (proj.get("ProjectionType"), sorted(proj.get("NonKeyAttributes") or []))
        if exp_proj != got_proj:
            problems.append(f"Projection expected {exp_proj}, got {got_proj}")
        if kind == "GSI":
            pt = g.get("ProvisionedThroughput") or {}
            got_rw = (pt.get("ReadCapacityUnits", 0), pt.get("WriteCapacityUnits", 0))
            exp_rw = (m["read"], m["write"]) if table.provisioned else (0, 0)
            if exp_rw != got_rw:
                problems.append(f"ProvisionedThroughput expected {exp_rw}, got {got_rw}")
        rep.check(ex, f"{kind} {m['name']}", not problems, "; ".join(problems))


# --------------------------------------------------------------------------
# cfn-lint

def start_cfn_lint(paths):
    return subprocess.Popen([sibling_tool("cfn-lint"), "--format", "parseable", "--", *paths],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def report_cfn_lint(rep, proc, path_by_example):
    out, err = proc.communicate(timeout=120)
    out = out.decode(errors="replace")
    err = err.decode(errors="replace")
    lines = [l for l in (out + err).splitlines() if l.strip()]
    used = set()
    for ex, path in path_by_example.items():
        mine = [l for l in lines if l.startswith(path + ":")]
        used.update(mine)
        rep.check(ex, "cfn-lint", not mine, " | ".join(mine))
    rest = [l for l in lines if l not in used]
    if rest or (proc.returncode != 0 and not used):
        rep.fail(ALL, "cfn-lint", f"exit {proc.returncode}; output: {' | '.join(rest)[:2000]}")


# --------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    ap.add_argument("--dynamodel", default=os.path.join(REPO, "build", "dynamodel"))
    ap.add_argument("--examples", default=os.path.join(REPO, "examples"))
    ap.add_argument("--also", nargs="*", default=[],
                    help="more model files (a golden case's model.yaml is named after its folder)")
    args = ap.parse_args()

    # SIGTERM/SIGINT run the finally blocks and atexit handlers (moto is killed)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    rep = Report()
    started = time.monotonic()
    examples = sorted(glob.glob(os.path.join(args.examples, "*.yaml")))
    if not examples:
        rep.fail(ALL, "examples", f"no *.yaml in {args.examples}")
        return rep.finish(started)

    examples += [os.path.abspath(p) for p in args.also]
    models = {}
    for path in examples:
        ex = os.path.splitext(os.path.basename(path))[0]
        if ex == "model":
            ex = os.path.basename(os.path.dirname(path))
        try:
            typed, text = load_model(path)
            models[ex] = (path, text["name"], Table(typed, text))
        except Exception as e:  # noqa: BLE001
            rep.fail(ex, "model parses (PyYAML)", f"{type(e).__name__}: {e}")
    names = [m[1] for m in models.values()]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        rep.fail(ALL, "distinct model names", f"{dup} are used by several examples")

    tmp = tempfile.mkdtemp(prefix="dynamodel-e2e-cfn-")
    atexit.register(shutil.rmtree, tmp, True)
    moto = None
    lint = None
    try:
        out_dir = os.path.join(tmp, "out")
        gen = subprocess.run([args.dynamodel, "generate", *examples,
                              "--target", "cloudformation", "--out", out_dir],
                             stdin=subprocess.DEVNULL, capture_output=True, text=True)
        rep.check(ALL, "dynamodel generate", gen.returncode == 0,
                  f"exit {gen.returncode}: {(gen.stdout + gen.stderr).strip()}")

        templates = {}
        for ex, (_, name, _) in models.items():
            p = os.path.join(out_dir, f"{name}.cfn.yaml")
            if rep.check(ex, "template written", os.path.isfile(p), f"no {p}"):
                templates[ex] = p
        if not templates:
            return rep.finish(started)

        # cfn-lint and moto start in parallel; the template checks run meanwhile
        lint = start_cfn_lint(list(templates.values()))
        moto = MotoServer()

        for ex, p in templates.items():
            check_template(rep, ex, p, models[ex][2])

        for k, v in AWS_ENV.items():
            os.environ[k] = v
        for k in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL",
                  "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_CLOUDFORMATION"):
            os.environ.pop(k, None)
        import boto3  # noqa: E402 - imported while cfn-lint and moto start
        from botocore.config import Config

        report_cfn_lint(rep, lint, templates)
        lint = None

        err = moto.wait_ready()
        if not rep.check(ALL, "moto_server answers", err is None, err or ""):
            return rep.finish(started)
        session = boto3.session.Session()
        cfg = Config(retries={"max_attempts": 1}, connect_timeout=5, read_timeout=30)
        cfn = session.client("cloudformation", endpoint_url=moto.url, config=cfg)
        ddb = session.client("dynamodb", endpoint_url=moto.url, config=cfg)
        for ex, p in templates.items():
            _, name, table = models[ex]
            try:
                check_stack(rep, ex, cfn, ddb, p, table, name)
            except Exception as e:  # noqa: BLE001 - report and go on with the next example
                rep.fail(ex, "stack checks", f"{type(e).__name__}: {e}")
    finally:
        if lint is not None and lint.poll() is None:
            lint.kill()
            lint.wait()
        if moto is not None:
            moto.stop()
    return rep.finish(started)



if __name__ == "__main__":
    sys.exit(main())
