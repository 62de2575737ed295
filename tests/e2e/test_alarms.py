#!/usr/bin/env python3
"""Proof of the CloudWatch alarms (model `operations.alarms`, issue 18).

For every example and golden model with alarms (every model whose alarms are not switched off):
  1. generate CloudFormation, Terraform, CDK and the CLI scripts, and read each target's alarms
     into one neutral form (name after the table's, metric, dimensions, statistic, period,
     evaluation periods, datapoints, threshold, comparison, missing data, actions):
     - CloudFormation: the AWS::CloudWatch::Alarm resources of <model>.cfn.yaml (cfn-lint passes
       on every template);
     - Terraform: alarms.tf through hclfmt -require-no-change and @cdktf/hcl2json;
     - CDK: the CfnAlarm constructs of lib/<model>-stack.ts (test_cdk compiles and synthesizes
       every stack; here the source is read);
     - CLI: the put_alarm calls of create-alarms.sh;
     and require the four to be the same set;
  2. check the set against the model: one alarm per GSI for the index throttles, one per
     operation the access patterns call for the latency, one per replica Region for the
     replication latency, capacity alarms only for PROVISIONED tables, the overrides applied;
  3. on moto_server: deploy the table's template (CREATE_COMPLETE); moto 5.2.1 creates no
     AWS::CloudWatch::Alarm from a template (its CloudFormation knows CloudWatch dashboards only:
     the stack completes and describe_alarms stays empty, checked here so the day it changes is
     seen), so each template alarm is put with PutMetricAlarm as CloudFormation would (Ref and Sub
     resolved) and read back with describe_alarms. A global table's template is not deployed (moto
     skips AWS::DynamoDB::GlobalTable and fails the stack); its alarms are put the same way. For one
     small model written here (tests/golden/minimal with `notify: create` and one alarm off),
     create-alarms.sh runs twice against moto (PutMetricAlarm replaces an alarm of the same name,
     CreateTopic returns the existing topic: the second run changes nothing) and its alarms, read
     back, must equal the template's.
moto stores alarms and answers describe_alarms; it does not evaluate them on DynamoDB's metrics
(it publishes none), so whether an alarm fires is not tested.

Usage: test_alarms.py --dynamodel PATH
"""
import argparse
import glob
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from tools import AWS_ENV, HCLFMT, TOOLS_DIR, CfnLoader, MotoServer, moto_deployable  # noqa: E402

import yaml  # noqa: E402

ENVIRONMENT = "e2e"
# The model whose create-alarms.sh runs on moto, twice (each `aws` call costs 0.5 to 2 s): the
# minimal golden model with a generated topic and one alarm off (4 alarms, one topic), written
# here; the script is one template for every model, and the others' calls are compared above.
CLI_MODEL = "alarms-cli"
CLI_MODEL_TEXT_SUFFIX = """operations:
  alarms:
    notify: create
    overrides:
      user-errors: {enabled: false}
"""
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


def alarm(suffix, metric, dims, statistic, period, evaluations, datapoints, threshold, comparison, missing,
          actions):
    """The neutral form: a tuple that compares whole. `dims` maps names to values, the table's own
    name written <table>."""
    return (suffix, metric, tuple(sorted(dims.items())), statistic, int(period), int(evaluations),
            int(datapoints), float(threshold), comparison, missing, actions)


def from_cloudformation(path, table):
    with open(path, encoding="utf-8") as fh:
        doc = yaml.load(fh, Loader=CfnLoader)
    out = {}
    prefix = "${Environment}-" + table + "-"
    for rid, res in doc["Resources"].items():
        if res["Type"] != "AWS::CloudWatch::Alarm":
            continue
        p = res["Properties"]
        name = p["AlarmName"]["Fn::Sub"]
        assert name.startswith(prefix), name
        dims = {}
        for d in p.get("Dimensions", []):
            v = d["Value"]
            dims[d["Name"]] = "<table>" if v == {"Ref": "Table"} else v
        actions = "none"
        if p.get("AlarmActions"):
            a = p["AlarmActions"][0]
            actions = "created" if a == {"Ref": "AlarmTopic"} else a
        out[name[len(prefix):]] = (rid, alarm(name[len(prefix):], p["MetricName"], dims,
                                              p.get("Statistic") or p.get("ExtendedStatistic"), p["Period"],
                                              p["EvaluationPeriods"], p["DatapointsToAlarm"], p["Threshold"],
                                              p["ComparisonOperator"], p["TreatMissingData"], actions), p)
    return out, doc


def from_terraform(parsed, table):
    out = {}
    prefix = "${var.environment}-" + table + "-"
    for block in (parsed.get("resource") or {}).get("aws_cloudwatch_metric_alarm", {}).values():
        a = block[0]
        name = a["alarm_name"]
        assert name.startswith(prefix), name
        dims = {k: ("<table>" if v.startswith("${") else v) for k, v in (a.get("dimensions") or {}).items()}
        actions = "none"
        if a.get("alarm_actions"):
            act = a["alarm_actions"]
            act = act[0] if isinstance(act, list) else act
            actions = "created" if "aws_sns_topic.alarms" in act else act
        suffix = name[len(prefix):]
        out[suffix] = alarm(suffix, a["metric_name"], dims, a.get("statistic") or a.get("extended_statistic"),
                            a["period"], a["evaluation_periods"], a["datapoints_to_alarm"], a["threshold"],
                            a["comparison_operator"], a["treat_missing_data"], actions)
    return out


CDK_ALARM = re.compile(r'new CfnAlarm\(this, "[A-Za-z0-9]+", \{\n(.*?)\n    \}\);', re.S)


def from_cdk(text, table):
    out = {}
    for m in CDK_ALARM.finditer(text):
        body = m.group(1)

        def field(name, pattern=r'("(?:[^"\\]|\\.)*"|[0-9.]+)'):
            f = re.search(r"^      " + name + r": " + pattern + r",$", body, re.M)
            return json.loads(f.group(1)) if f else None
        name = field("alarmName", r'props\.environment \+ ("(?:[^"\\]|\\.)*")')
        assert name.startswith("-" + table + "-"), name
        dims = {}
        for d in re.finditer(r'\{ name: ("[^"]+"), value: (this\.table\.tableName|"(?:[^"\\]|\\.)*") \}', body):
            dims[json.loads(d.group(1))] = "<table>" if d.group(2).startswith("this.") else json.loads(d.group(2))
        act = re.search(r"^      alarmActions: \[(.*)\],$", body, re.M)
        actions = "none"
        if act:
            actions = "created" if act.group(1) == "alarmTopic.topicArn" else json.loads(act.group(1))
        suffix = name[len(table) + 2:]
        out[suffix] = alarm(suffix, field("metricName"), dims, field("statistic") or field("extendedStatistic"),
                            field("period"), field("evaluationPeriods"), field("datapointsToAlarm"),
                            field("threshold"), field("comparisonOperator"), field("treatMissingData"), actions)
    return out


def cli_calls(path):
    """The put_alarm calls of create-alarms.sh: (suffix, kind, extra dimensions, request)."""
    calls = []
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    for line in re.findall(r"^put_alarm (.*?\n\}')$", text, re.M | re.S):
        suffix, kind, extra, request = shlex.split(line)
        calls.append((suffix, kind, extra, json.loads(request)))
    actions = "none"
    if re.search(r"^topic_arn=\$\(run_aws sns create-topic", text, re.M):
        actions = "created"
    else:
        m = re.search(r"^actions=\(--alarm-actions (.*)\)$", text, re.M)
        if m:
            actions = shlex.split(m.group(1))[0]
    return calls, actions


def from_cli(path):
    calls, actions = cli_calls(path)
    out = {}
    for suffix, kind, extra, r in calls:
        dims = {}
        if kind == "table":
            dims["TableName"] = "<table>"
            for d in json.loads("[" + extra[1:] + "]") if extra else []:
                dims[d["Name"]] = d["Value"]
        out[suffix] = alarm(suffix, r["MetricName"], dims, r.get("Statistic") or r.get("ExtendedStatistic"),
                            r["Period"], r["EvaluationPeriods"], r["DatapointsToAlarm"], r["Threshold"],
                            r["ComparisonOperator"], r["TreatMissingData"], actions)
    return out


def from_moto(cw, table, topic_arn):
    out = {}
    pages = cw.get_paginator("describe_alarms").paginate(AlarmTypes=["MetricAlarm"])
    for page in pages:
        for a in page["MetricAlarms"]:
            prefix = table + "-"
            if not a["AlarmName"].startswith(prefix):
                continue
            suffix = a["AlarmName"][len(prefix):]
            dims = {d["Name"]: ("<table>" if d["Value"] == table else d["Value"]) for d in a.get("Dimensions", [])}
            actions = "none"
            if a.get("AlarmActions"):
                actions = "created" if a["AlarmActions"][0] == topic_arn else a["AlarmActions"][0]
            out[suffix] = alarm(suffix, a["MetricName"], dims, a.get("Statistic") or a.get("ExtendedStatistic"),
                                a["Period"], a["EvaluationPeriods"], a.get("DatapointsToAlarm", 0), a["Threshold"],
                                a["ComparisonOperator"], a.get("TreatMissingData", "missing"), actions)
    return out


def expected_suffixes(model):
    """The alarm names (after the table's) the model calls for, from the model itself."""
    t = model["table"]
    alarms = (model.get("operations") or {}).get("alarms") or {}
    overrides = alarms.get("overrides") or {}
    off = {k for k, v in overrides.items() if v.get("enabled") is False}
    gsis = [g["name"] for g in t.get("global_secondary_indexes") or []]
    replicas = t.get("replicas") or []
    if isinstance(replicas, dict):
        replicas = replicas.get("regions") or []
    ops = set()
    for p in model["access_patterns"]:
        op = p["operation"]
        ops |= {"Query", "UpdateItem"} if op == "Replay" else {op}
    out = {"read-throttle-events", "write-throttle-events", "system-errors", "user-errors"}
    out |= {f"gsi-{rw}-throttle-events-{g}" for g in gsis for rw in ("read", "write")}
    out |= {f"successful-request-latency-{op}" for op in ops}
    out |= {f"replication-latency-{r}" for r in replicas}
    if t.get("billing_mode") == "PROVISIONED":
        out |= {f"consumed-{rw}-capacity{'-' + g if g else ''}" for g in [""] + gsis for rw in ("read", "write")}
    return {s for s in out if not any(s == k or s.startswith(k + "-") for k in off)}


def check_model(binary, path, parsed_tf, tmp, rep):
    with open(path, encoding="utf-8") as fh:
        model = yaml.safe_load(fh)
    name, table = model["name"], model["table"]["name"]
    cfn, doc = from_cloudformation(os.path.join(tmp, f"{name}.cfn.yaml"), table)
    want = expected_suffixes(model)
    rep.check(f"{name}: the template's alarms are the model's ({len(cfn)})", set(cfn) == want,
              f"missing {sorted(want - set(cfn))}, extra {sorted(set(cfn) - want)}")
    base = {s: a for s, (_, a, _) in cfn.items()}
    tf_file = os.path.join(tmp, name, "alarms.tf")
    tf_parsed = parsed_tf.get(tf_file, {})
    if rep.check(f"{name}: hcl2json parses alarms.tf", "ok" in tf_parsed, tf_parsed.get("error", "")):
        tf = from_terraform(tf_parsed["ok"], table)
        rep.check(f"{name}: Terraform's alarms are the template's", tf == base,
                  f"{sorted(set(tf.items()) ^ set(base.items()))[:4]}")
    with open(os.path.join(tmp, "cdk", name, "lib", f"{name}-stack.ts"), encoding="utf-8") as fh:
        cdk = from_cdk(fh.read(), table)
    rep.check(f"{name}: CDK's alarms are the template's", cdk == base,
              f"{sorted(set(cdk.items()) ^ set(base.items()))[:4]}")
    cli = from_cli(os.path.join(tmp, name, "create-alarms.sh"))
    rep.check(f"{name}: the CLI script's alarms are the template's", cli == base,
              f"{sorted(set(cli.items()) ^ set(base.items()))[:4]}")
    overrides = ((model.get("operations") or {}).get("alarms") or {}).get("overrides") or {}
    for oid, o in overrides.items():
        for field, index in (("threshold", 7), ("period", 4), ("evaluation_periods", 5), ("datapoints", 6)):
            if field in o:
                hit = [a for s, a in base.items() if s == oid or s.startswith(oid + "-")]
                rep.check(f"{name}: override {oid}.{field} applied", hit and all(a[index] == o[field] for a in hit),
                          f"{hit}")
    return model, cfn, doc


def doc_resources(tmp, name):
    with open(os.path.join(tmp, f"{name}.cfn.yaml"), encoding="utf-8") as fh:
        return yaml.load(fh, Loader=CfnLoader)["Resources"]


def resolve(value, table):
    if isinstance(value, dict) and "Ref" in value:
        return table if value["Ref"] == "Table" else value
    if isinstance(value, dict) and "Fn::Sub" in value:
        return value["Fn::Sub"].replace("${Environment}", ENVIRONMENT)
    if isinstance(value, list):
        return [resolve(v, table) for v in value]
    if isinstance(value, dict):
        return {k: resolve(v, table) for k, v in value.items()}
    return value


def on_moto(binary, path, model, cfn, tmp, moto, rep):
    import boto3
    cfg = dict(endpoint_url=moto.url, region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    cf, cw = boto3.client("cloudformation", **cfg), boto3.client("cloudwatch", **cfg)
    name, table = model["name"], f"{ENVIRONMENT}-{model['table']['name']}"
    moto.reset()
    stack = f"alarms-{name}"
    resources = doc_resources(tmp, name)
    topic_arn = None
    if any(r["Type"] == "AWS::DynamoDB::GlobalTable" for r in resources.values()):
        # moto skips AWS::DynamoDB::GlobalTable and then fails the stack (an HTTP 500): the
        # template is not deployed (cfn-lint checked it); its alarms are put as below.
        print(f"note {name}: a global table's template is not deployed on moto (it has no GlobalTable)")
        if "AlarmTopic" in resources:
            topic_arn = boto3.client("sns", **cfg).create_topic(Name=f"{name}-alarms")["TopicArn"]
    else:
        with open(os.path.join(tmp, f"{name}.cfn.yaml"), encoding="utf-8") as fh:
            cf.create_stack(StackName=stack, TemplateBody=moto_deployable(fh.read()),
                            Parameters=[{"ParameterKey": "Environment", "ParameterValue": ENVIRONMENT}])
        status = "?"
        for _ in range(100):
            status = cf.describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"]
            if status.endswith("COMPLETE") or status.endswith("FAILED"):
                break
            time.sleep(0.1)
        if not rep.check(f"{name}: the table's stack deploys on moto", status == "CREATE_COMPLETE", status):
            return
        deployed = cw.describe_alarms()["MetricAlarms"]
        rep.check(f"{name}: moto creates no alarm from the template (its CloudFormation has no "
                  f"AWS::CloudWatch::Alarm; if this fails, compare the deployed alarms instead)",
                  deployed == [], f"{len(deployed)} alarms")
        for r in cf.list_stack_resources(StackName=stack)["StackResourceSummaries"]:
            if r.get("LogicalResourceId") == "AlarmTopic":
                topic_arn = r["PhysicalResourceId"]
        rep.check(f"{name}: the stack has the alarms' SNS topic exactly when notify is create",
                  (topic_arn is not None) == ("AlarmTopic" in resources), f"{topic_arn}")
    # Each template alarm as CloudFormation would put it.
    for _, (_, _, props) in cfn.items():
        p = resolve(props, table)
        if topic_arn and p.get("AlarmActions") == [{"Ref": "AlarmTopic"}]:
            p["AlarmActions"] = [topic_arn]
        cw.put_metric_alarm(**p)
    got = from_moto(cw, table, topic_arn)
    want = {s: a for s, (_, a, _) in cfn.items()}
    rep.check(f"{name}: describe_alarms reads the template's {len(want)} alarms back", got == want,
              f"{sorted(set(got.items()) ^ set(want.items()))[:4]}")
    if name != CLI_MODEL:
        return
    # The CLI script, twice, on a fresh moto: the same alarms, once each.
    moto.reset()
    env = dict(os.environ, **AWS_ENV, DYNAMODEL_ENVIRONMENT=ENVIRONMENT, DYNAMODB_ENDPOINT=moto.url)
    script = os.path.join(tmp, name, "create-alarms.sh")
    runs = []
    for attempt in (1, 2):
        r = subprocess.run(["bash", script], env=env, capture_output=True, text=True, timeout=300)
        rep.check(f"{name}: create-alarms.sh run {attempt} exits 0", r.returncode == 0, r.stderr[-800:])
        topics = boto3.client("sns", **cfg).list_topics()["Topics"]
        runs.append((from_moto(cw, table, topics[0]["TopicArn"] if topics else None), len(topics)))
    rep.check(f"{name}: create-alarms.sh puts the template's alarms", runs[0][0] == want,
              f"{sorted(set(runs[0][0].items()) ^ set(want.items()))[:4]}")
    rep.check(f"{name}: a second run changes nothing (same alarms, one topic)",
              runs[1] == runs[0] and runs[1][1] <= 1, f"{len(runs[1][0])} alarms, {runs[1][1]} topics")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dynamodel", required=True)
    binary = os.path.abspath(ap.parse_args().dynamodel)
    started = time.monotonic()
    rep = Report()
    models = []
    for path in sorted(glob.glob(os.path.join(REPO, "examples", "*.yaml")) +
                       glob.glob(os.path.join(REPO, "tests", "golden", "*", "model.yaml"))):
        with open(path, encoding="utf-8") as fh:
            try:
                m = yaml.safe_load(fh)
            except yaml.YAMLError:
                continue
        if not isinstance(m, dict) or "table" not in m:
            continue
        if ((m.get("operations") or {}).get("alarms") or {}).get("enabled") is False:
            continue
        p = subprocess.run([binary, "--color", "never", "validate", path], capture_output=True, text=True)
        if p.returncode == 0:
            models.append(os.path.realpath(path))
    models = sorted(set(models))
    rep.check("models with alarms found", len(models) >= 5, f"{models}")
    tmp = tempfile.mkdtemp(prefix="dynamodel-alarms-")
    with open(os.path.join(REPO, "tests", "golden", "minimal", "model.yaml"), encoding="utf-8") as fh:
        text = fh.read().replace("name: minimal", "name: " + CLI_MODEL, 1) + CLI_MODEL_TEXT_SUFFIX
    cli_model = os.path.join(tmp, "cli", "model.yaml")
    os.makedirs(os.path.dirname(cli_model))
    with open(cli_model, "w", encoding="utf-8") as fh:
        fh.write(text)
    models.append(cli_model)
    outs = {}
    for path in models:
        out = os.path.join(tmp, os.path.basename(os.path.dirname(path)) + "-" + os.path.basename(path))
        for target in ("cloudformation", "terraform", "cli"):
            generate(binary, path, target, out)
        generate(binary, path, "cdk", os.path.join(out, "cdk"))
        outs[path] = out
    tf_files = sorted(glob.glob(os.path.join(tmp, "*", "*", "alarms.tf")))
    templates = sorted(glob.glob(os.path.join(tmp, "*", "*.cfn.yaml")))
    lint = subprocess.run(["cfn-lint", "--format", "parseable", *templates], capture_output=True, text=True)
    rep.check(f"cfn-lint passes on the {len(templates)} templates", lint.returncode == 0, lint.stdout[-2000:])
    fmt = [subprocess.run([HCLFMT, "-require-no-change", f], capture_output=True, text=True) for f in tf_files]
    rep.check(f"hclfmt -require-no-change passes on the {len(tf_files)} alarms.tf",
              all(r.returncode == 0 for r in fmt), " ".join(r.stderr for r in fmt if r.returncode)[-1500:])
    module = os.path.join(TOOLS_DIR, "node_modules", "@cdktf", "hcl2json")
    p = subprocess.run(["node", "-e", NODE_PARSE, module], input=json.dumps(tf_files), capture_output=True,
                       text=True, timeout=120)
    parsed_tf = json.loads(p.stdout) if p.returncode == 0 else {}
    rep.check("hcl2json ran", p.returncode == 0, p.stderr[-500:])
    moto = MotoServer()
    try:
        err = moto.wait_ready()
        if not rep.check("moto_server answers", err is None, err or ""):
            return 1
        for path in models:
            model, cfn, _ = check_model(binary, path, parsed_tf, outs[path], rep)
            on_moto(binary, path, model, cfn, outs[path], moto, rep)
    finally:
        moto.stop()
    print(f"{rep.passed} passed, {rep.failed} failed ({time.monotonic() - started:.1f} s)")
    return 1 if rep.failed else 0


if __name__ == "__main__":
    os.environ.update(AWS_ENV)
    sys.exit(main())
