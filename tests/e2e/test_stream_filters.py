#!/usr/bin/env python3
"""Proof of the stream consumers' filters (model `operations.stream_consumers`, issue 18).

For every model with stream consumers (the examples and tests/golden/stream-consumers):
  1. generate the CloudFormation template and read each AWS::Lambda::EventSourceMapping's
     FilterCriteria (the Pattern strings as they would be deployed), and check that the CLI
     script's --filter-criteria and the Terraform/CDK patterns carry the same patterns;
  2. deploy <model>.operations.cfn.yaml on moto (after creating the functions there) and read the
     mappings back with list-event-source-mappings, filters included; run create-stream-consumers.sh
     twice for tests/golden/stream-consumers (create, then update: still one mapping per consumer);
  3. create the table on moto_server with the model's keys and stream, and write items of every
     entity: for each, two PutItems (INSERT), a PutItem over the first (MODIFY) and a DeleteItem of
     the second (REMOVE); the keys are the entity's key templates filled with sample values here,
     and each item carries the entity's discriminator (a string attribute with one enum value),
     which the filters of entities the keys do not tell apart read from NewImage and OldImage
     (tests/golden/stream-consumers-images);
  4. read the stream back (dynamodbstreams describe-stream, get-shard-iterator, get-records);
  5. evaluate each consumer's patterns on each record with the event-filtering rules of Lambda,
     implemented below independently of dynamodel (AND across the fields of a pattern, OR within a
     list, OR across patterns; literal equality, prefix, suffix, exists, anything-but, numeric,
     equals-ignore-case), and require that each consumer gets exactly the records of its entities
     and event names.
moto does not run Lambda's filtering (nor the event source mapping's delivery): step 5 is this
test's own matcher, itself checked first on known cases from Lambda's documentation
(https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html).

Usage: test_stream_filters.py --dynamodel PATH
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
from tools import AWS_ENV, CfnLoader, MotoServer, moto_deployable  # noqa: E402  (tests/e2e/tools.py)

import yaml  # noqa: E402

# ---------------------------------------------------------------------------------------------
# Lambda's event-filtering rules, as documented (invocation-eventfiltering.html, "Filter rule
# syntax"): a pattern is an object; every field of it must match (AND); a nested object matches
# the nested object of the event; a list matches when any of its elements matches the event value
# (OR; an event value that is a list matches when any of its elements does).

MISSING = object()
# The model whose create-stream-consumers.sh runs on moto (each `aws` call costs ~0.5 s; the script
# is one template for every model, and the other models' filters are compared with it above).
CLI_MODEL = "stream-consumers"


def _match_one(rule, value):
    if isinstance(rule, dict):
        if len(rule) != 1:
            raise ValueError(f"a comparison operator object has one key: {rule}")
        (op, arg), = rule.items()
        if op == "exists":
            return (value is not MISSING) == bool(arg)
        if value is MISSING:
            return False
        if op == "prefix":
            return isinstance(value, str) and value.startswith(arg)
        if op == "suffix":
            return isinstance(value, str) and value.endswith(arg)
        if op == "equals-ignore-case":
            return isinstance(value, str) and value.lower() == arg.lower()
        if op == "anything-but":
            if isinstance(arg, dict):  # {"anything-but": {"prefix": "x"}}
                return not _match_one(arg, value)
            values = arg if isinstance(arg, list) else [arg]
            return value not in values
        if op == "numeric":
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                return False
            ok = True
            for i in range(0, len(arg), 2):
                cmp, bound = arg[i], arg[i + 1]
                ok = ok and {"<": value < bound, "<=": value <= bound, "=": value == bound,
                             ">": value > bound, ">=": value >= bound}[cmp]
            return ok
        raise ValueError(f"unknown operator {op}")
    if value is MISSING:
        return False
    return rule == value


def _match_field(rules, value):
    if isinstance(rules, dict):
        if value is MISSING or not isinstance(value, dict):
            return False
        return all(_match_field(sub, value.get(k, MISSING)) for k, sub in rules.items())
    if not isinstance(rules, list):
        raise ValueError(f"a pattern's leaf is a list of rules, got {rules!r}")
    values = value if isinstance(value, list) else [value]
    return any(_match_one(rule, v) for rule in rules for v in values)


def pattern_matches(pattern, event):
    return all(_match_field(rules, event.get(k, MISSING)) for k, rules in pattern.items())


def filters_match(patterns, event):
    """No filter: every record. Otherwise the patterns are ORed."""
    return not patterns or any(pattern_matches(p, event) for p in patterns)


def check_matcher():
    """Known cases (the documentation's examples, and their negations); returns failures."""
    rec = {"eventName": "INSERT",
           "dynamodb": {"Keys": {"PK": {"S": "ORDER#1"}}, "NewImage": {"n": {"N": "5"}, "s": {"S": "Pat"}}}}
    cases = [
        ({"dynamodb": {"Keys": {"PK": {"S": [{"prefix": "ORDER#"}]}}}}, True),
        ({"dynamodb": {"Keys": {"PK": {"S": [{"prefix": "USER#"}]}}}}, False),
        ({"dynamodb": {"Keys": {"PK": {"S": ["ORDER#1"]}}}}, True),
        ({"dynamodb": {"Keys": {"PK": {"S": ["ORDER#"]}}}}, False),
        ({"eventName": ["INSERT", "MODIFY"]}, True),
        ({"eventName": ["REMOVE"]}, False),
        ({"eventName": ["INSERT"], "dynamodb": {"Keys": {"PK": {"S": [{"prefix": "USER#"}]}}}}, False),
        ({"dynamodb": {"NewImage": {"s": {"S": [{"anything-but": ["Pat"]}]}}}}, False),
        ({"dynamodb": {"NewImage": {"s": {"S": [{"anything-but": ["Ann"]}]}}}}, True),
        ({"dynamodb": {"NewImage": {"x": [{"exists": False}]}}}, True),
        ({"dynamodb": {"NewImage": {"s": [{"exists": True}]}}}, True),
        ({"dynamodb": {"OldImage": {"s": [{"exists": True}]}}}, False),
        ({"dynamodb": {"Keys": {"PK": {"S": [{"suffix": "#1"}]}}}}, True),
        ({"dynamodb": {"NewImage": {"s": {"S": ["Pat"]}}}}, True),
        ({"eventName": ["REMOVE"], "dynamodb": {"NewImage": {"s": {"S": ["Pat"]}}}}, False),
        ({"dynamodb": {"OldImage": {"s": {"S": ["Pat"]}}}}, False),
    ]
    return [f"matcher: {p} on the sample record gave {not want}, expected {want}"
            for p, want in cases if pattern_matches(p, rec) != want]


# ---------------------------------------------------------------------------------------------
# Sample keys from key templates: `{name}` / `{name|pad(N)}` / `{name|lower}` / `{name|upper}`,
# `{{` and `}}` literal braces.

TEMPLATE_PART = re.compile(r"\{\{|\}\}|\{([^{}|]+)(?:\|([a-z]+)(?:\((\d+)\))?)?\}|[^{}]+")


def sample_value(attr, seed):
    t = (attr or {}).get("type", "S")
    fmt = (attr or {}).get("format")
    if (attr or {}).get("enum"):
        return str(attr["enum"][seed % len(attr["enum"])])
    if t == "N":
        return str(10 + seed)
    if fmt == "uuid":
        return f"{seed:08x}-0000-4000-8000-{seed:012x}"
    if fmt == "ulid":
        return f"01HZ{seed:022d}"[:26]
    if fmt == "email":
        return f"User{seed}@Example.com"
    if fmt in ("date", "date-time"):
        return f"2025-01-{(seed % 28) + 1:02d}" + ("T10:00:00Z" if fmt == "date-time" else "")
    if fmt == "epoch-seconds":
        return str(1700000000 + seed)
    if t == "BOOL":
        return "true"
    return f"v{seed}x"


def fill(template, attributes, seed):
    out = ""
    for m in TEMPLATE_PART.finditer(template):
        text = m.group(0)
        if text == "{{":
            out += "{"
        elif text == "}}":
            out += "}"
        elif m.group(1):
            value = sample_value(attributes.get(m.group(1)), seed)
            if m.group(2) == "pad":
                value = value.rjust(int(m.group(3)), "0")
            elif m.group(2) == "lower":
                value = value.lower()
            elif m.group(2) == "upper":
                value = value.upper()
            out += value
        else:
            out += text
    return out


# ---------------------------------------------------------------------------------------------


class Report:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, what, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"ok   {what}")
        else:
            self.failed += 1
            print(f"FAIL {what}" + (f": {detail}" if detail else ""))
        return ok


def generate(binary, model, target, out):
    p = subprocess.run([binary, "--color", "never", "generate", model, "-t", target, "-o", out],
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"generate -t {target} {model}: exit {p.returncode}: {p.stderr}{p.stdout}")


def consumers_from_cloudformation(path):
    with open(path, encoding="utf-8") as fh:
        template = yaml.load(fh, Loader=CfnLoader)
    out = {}
    for logical_id, res in template["Resources"].items():
        if res["Type"] != "AWS::Lambda::EventSourceMapping":
            continue
        props = res["Properties"]
        filters = props.get("FilterCriteria", {}).get("Filters", [])
        out[logical_id] = [json.loads(f["Pattern"]) for f in filters]
    return out


def patterns_from_cli(path):
    """The --filter-criteria argument of each put_consumer call (a shell word): consumer -> patterns."""
    with open(path, encoding="utf-8") as fh:
        text = fh.read().replace("\\\n", " ")
    out = {}
    for line in text.splitlines():
        if not line.startswith("put_consumer "):
            continue
        words = shlex.split(line)
        patterns = []
        if "--filter-criteria" in words:
            criteria = json.loads(words[words.index("--filter-criteria") + 1])
            patterns = [json.loads(f["Pattern"]) for f in criteria["Filters"]]
        out[words[1]] = patterns
    return out


def deploy_operations_stack(name, path, consumers, patterns, stream_arn, cfg, rep):
    """Deploys <model>.operations.cfn.yaml on moto (after creating the consumers' functions there)
    and reads the event source mappings back: one per consumer, on the stream, with the template's
    settings and, where moto keeps them, its filters."""
    import boto3
    import io
    import zipfile
    functions = {}
    for c, spec in consumers.items():
        fn = spec["function"]
        if fn.startswith("arn:"):
            parts = fn.split(":")
            if parts[3] != "us-east-1" or parts[4] != "123456789012":
                print(f"note {name}/{c}: function {fn} is outside moto's Region and account: stack and "
                      "script not run")
                return False
            fn = parts[6]
        functions[c] = fn
    iam = boto3.client("iam", **cfg)
    lam = boto3.client("lambda", **cfg)
    cfn = boto3.client("cloudformation", **cfg)
    role = iam.create_role(RoleName=f"consumers-{name}", AssumeRolePolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                                                 "Action": "sts:AssumeRole"}]}))["Role"]["Arn"]
    code = io.BytesIO()
    with zipfile.ZipFile(code, "w") as z:
        z.writestr("handler.py", "def handler(event, context):\n    return None\n")
    for fn in sorted(set(functions.values())):
        lam.create_function(FunctionName=fn, Runtime="python3.11", Role=role, Handler="handler.handler",
                            Code={"ZipFile": code.getvalue()})
    with open(path, encoding="utf-8") as fh:
        body = fh.read()
    stack = f"operations-{name}"
    try:
        cfn.create_stack(StackName=stack, TemplateBody=moto_deployable(body),
                         Parameters=[{"ParameterKey": "StreamArn", "ParameterValue": stream_arn}])
    except Exception as e:  # noqa: BLE001 - reported as a failure
        rep.check(f"{name}: the operations stack deploys on moto", False, str(e))
        return False
    status = ""
    for _ in range(100):
        status = cfn.describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"]
        if not status.endswith("IN_PROGRESS"):
            break
        time.sleep(0.1)
    if not rep.check(f"{name}: the operations stack deploys on moto", status == "CREATE_COMPLETE", status):
        return False
    mappings = lam.list_event_source_mappings(EventSourceArn=stream_arn)["EventSourceMappings"]
    by_function = {m["FunctionArn"].split(":")[6]: m for m in mappings}
    rep.check(f"{name}: list-event-source-mappings shows one mapping per consumer on the stream",
              sorted(by_function) == sorted(set(functions.values())) and len(mappings) == len(consumers),
              f"{sorted(by_function)}")
    filters_kept = 0
    for c, fn in functions.items():
        m = by_function.get(fn, {})
        spec = consumers[c]
        rep.check(f"{name}/{c}: mapping's batch size is the model's",
                  m.get("BatchSize") == spec.get("batch_size", m.get("BatchSize")), f"{m.get('BatchSize')}")
        got = [json.loads(f["Pattern"]) for f in (m.get("FilterCriteria") or {}).get("Filters", [])]
        if got:
            filters_kept += 1
            rep.check(f"{name}/{c}: the deployed mapping's filters are the template's",
                      got == patterns.get(logical_id(c)), f"{got}")
    if not filters_kept and any(patterns.values()):
        print(f"note {name}: moto's CloudFormation does not keep FilterCriteria on the mappings; the "
              "filters are checked from the template")
    return True


def run_cli_script(name, script, consumers, patterns, keys, t, moto, cfg, rep):
    """create-stream-consumers.sh on a second table of the same shape, twice: the first run creates
    one mapping per consumer, the second updates them (no second mapping)."""
    import boto3
    ddb = boto3.client("dynamodb", **cfg)
    lam = boto3.client("lambda", **cfg)
    table = f"streams-{name}-cli"
    ddb.create_table(
        TableName=table, BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": k["name"], "AttributeType": k["type"]} for k in keys],
        KeySchema=[{"AttributeName": k["name"], "KeyType": kt} for k, kt in zip(keys, ["HASH", "RANGE"])],
        StreamSpecification={"StreamEnabled": True, "StreamViewType": t.get("stream") or "NEW_AND_OLD_IMAGES"})
    stream_arn = ddb.describe_table(TableName=table)["Table"]["LatestStreamArn"]
    env = dict(os.environ, **AWS_ENV)
    env.update(DYNAMODB_TABLE_NAME=table, DYNAMODB_ENDPOINT=moto.url)
    for run in ("first", "second"):
        p = subprocess.run(["bash", script], capture_output=True, text=True, env=env, timeout=120)
        verb = "created" if run == "first" else "updated"
        rep.check(f"{name}: create-stream-consumers.sh ({run} run) {verb} every consumer",
                  p.returncode == 0 and p.stdout.count(f"{verb} stream consumer") == len(consumers),
                  f"exit {p.returncode}: {p.stdout}{p.stderr}"[-1500:])
    mappings = lam.list_event_source_mappings(EventSourceArn=stream_arn)["EventSourceMappings"]
    rep.check(f"{name}: after two runs, one mapping per consumer on the stream", len(mappings) == len(consumers),
              f"{len(mappings)} mappings")
    by_function = {m["FunctionArn"].split(":")[6]: m for m in mappings}
    for c, spec in consumers.items():
        fn = spec["function"].split(":")[6] if spec["function"].startswith("arn:") else spec["function"]
        got = [json.loads(f["Pattern"]) for f in (by_function.get(fn, {}).get("FilterCriteria") or {}).get("Filters", [])]
        rep.check(f"{name}/{c}: the script's mapping has the template's filters", got == patterns.get(c, []),
                  f"{got}")


def patterns_from_text(text, start, pattern_re):
    """Terraform or CDK source: consumer id -> its patterns, each a double-quoted string literal
    (HCL and TypeScript escape as JSON does for these texts) matched by `pattern_re`."""
    out = {}
    for block in re.split(start, text)[1:]:
        ident, body = block.split("\n", 1)
        out[ident] = [json.loads(json.loads(m)) for m in re.findall(pattern_re, body)]
    return out


def logical_id(name):
    return "Consumer" + "".join(part[:1].upper() + part[1:] for part in name.split("-"))


def run_model(binary, model_path, moto, rep):
    import boto3
    with open(model_path, encoding="utf-8") as fh:
        model = yaml.safe_load(fh)
    name = model["name"]
    consumers = (model.get("operations") or {}).get("stream_consumers") or {}
    tmp = tempfile.mkdtemp(prefix="dynamodel-streams-")
    generate(binary, model_path, "cloudformation", tmp)
    generate(binary, model_path, "cli", tmp)
    cfn = consumers_from_cloudformation(os.path.join(tmp, f"{name}.operations.cfn.yaml"))
    cli = patterns_from_cli(os.path.join(tmp, name, "create-stream-consumers.sh"))
    generate(binary, model_path, "terraform", tmp)
    generate(binary, model_path, "cdk", tmp)
    with open(os.path.join(tmp, name, "operations.tf"), encoding="utf-8") as fh:
        tf = patterns_from_text(fh.read(), r'resource "aws_lambda_event_source_mapping" "', r'pattern = ("(?:[^"\\]|\\.)*")')
    with open(os.path.join(tmp, name, "lib", f"{name}-stack.ts"), encoding="utf-8") as fh:
        cdk = patterns_from_text(fh.read(), r'new CfnEventSourceMapping\(this, "', r'\{ pattern: ("(?:[^"\\]|\\.)*") \}')
    rep.check(f"{name}: one event source mapping per consumer",
              sorted(cfn) == sorted(logical_id(c) for c in consumers), f"{sorted(cfn)} vs {sorted(consumers)}")
    for c in consumers:
        rep.check(f"{name}/{c}: the Terraform filter is the template's",
                  tf.get(c.replace("-", "_") + '" {') == cfn.get(logical_id(c)), f"{sorted(tf)}")
        rep.check(f"{name}/{c}: the CDK filter is the template's",
                  cdk.get(logical_id(c) + '", {') == cfn.get(logical_id(c)), f"{sorted(cdk)}")
        rep.check(f"{name}/{c}: the CLI script's filter is the template's",
                  cli.get(c) == cfn.get(logical_id(c)), f"{cli.get(c)} vs {cfn.get(logical_id(c))}")

    # The table: keys and stream of the model (indexes play no part in stream records' Keys).
    t = model["table"]
    keys = [t["partition_key"]] + ([t["sort_key"]] if t.get("sort_key") else [])
    cfg = dict(endpoint_url=moto.url, region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    ddb = boto3.client("dynamodb", **cfg)
    streams = boto3.client("dynamodbstreams", **cfg)
    table = f"streams-{name}"
    ddb.create_table(
        TableName=table, BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": k["name"], "AttributeType": k["type"]} for k in keys],
        KeySchema=[{"AttributeName": k["name"], "KeyType": kt} for k, kt in zip(keys, ["HASH", "RANGE"])],
        StreamSpecification={"StreamEnabled": True,
                             "StreamViewType": t.get("stream") or "NEW_AND_OLD_IMAGES"})

    # Items of every entity: INSERT, INSERT, MODIFY (the first again), REMOVE (the second).
    written = {}  # the item's key values (a tuple) -> entity
    seed = 0
    for entity, spec in model["entities"].items():
        attrs = spec.get("attributes", {})
        items = []
        for _ in range(2):
            seed += 1
            item = {k["name"]: {"S": fill(spec["keys"][k["name"]], attrs, seed)} for k in keys}
            key_tuple = tuple(item[k["name"]]["S"] for k in keys)
            if key_tuple in written:
                # a constant key (a singleton): both puts write the same item
                rep.check(f"{name}/{entity}: sample keys differ from another entity's",
                          written[key_tuple] == entity, f"{key_tuple} also {written[key_tuple]}")
            written[key_tuple] = entity
            items.append(item)
        # An entity's discriminator (a string attribute with one enum value) is in every item: the
        # filters of entities the keys do not tell apart read it from NewImage and OldImage.
        tags = {a: {"S": str(v["enum"][0])} for a, v in attrs.items()
                if (v or {}).get("type", "S") == "S" and len((v or {}).get("enum") or []) == 1}
        ddb.put_item(TableName=table, Item=dict(items[0], note={"S": "first"}, **tags))
        ddb.put_item(TableName=table, Item=dict(items[1], note={"S": "second"}, **tags))
        ddb.put_item(TableName=table, Item=dict(items[0], note={"S": "changed"}, **tags))
        ddb.delete_item(TableName=table, Key=items[1])

    # The stream, every shard from its start.
    arn = ddb.describe_table(TableName=table)["Table"]["LatestStreamArn"]
    records = []
    for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
        it = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"],
                                        ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        for _ in range(100):
            page = streams.get_records(ShardIterator=it, Limit=1000)
            records += page["Records"]
            it = page.get("NextShardIterator")
            if not it or not page["Records"]:
                break
    seen = {}
    for r in records:
        key_tuple = tuple(r["dynamodb"]["Keys"][k["name"]]["S"] for k in keys)
        seen.setdefault(written.get(key_tuple, "?"), set()).add(r["eventName"])
    for entity in model["entities"]:
        want = {"INSERT", "MODIFY", "REMOVE"}
        rep.check(f"{name}/{entity}: the stream has its {'/'.join(sorted(want))} records",
                  want <= seen.get(entity, set()), f"saw {sorted(seen.get(entity, set()))}")

    # Each consumer, on every record: exactly its entities' events.
    for c, spec in consumers.items():
        patterns = cfn.get(logical_id(c), [])
        entities = set(spec.get("entities") or model["entities"])
        events = set(spec.get("events") or ["INSERT", "MODIFY", "REMOVE"])
        rep.check(f"{name}/{c}: has a filter", bool(patterns) or not (spec.get("entities") or spec.get("events")))
        wrong = []
        got = wanted = 0
        for r in records:
            key_tuple = tuple(r["dynamodb"]["Keys"][k["name"]]["S"] for k in keys)
            entity = written.get(key_tuple)
            event = {"eventName": r["eventName"], "dynamodb": r["dynamodb"]}
            want = entity in entities and r["eventName"] in events
            got_it = filters_match(patterns, event)
            got += got_it
            wanted += want
            if got_it != want:
                wrong.append(f"{r['eventName']} {entity} {key_tuple}: {'delivered' if got_it else 'missed'}")
        rep.check(f"{name}/{c}: gets exactly {sorted(entities)} x {sorted(events)} "
                  f"({got} of {len(records)} records)", wanted > 0 and not wrong,
                  "; ".join(wrong[:6]) or "no record is this consumer's")
    ddb.delete_table(TableName=table)

    # The mappings themselves, on tables of their own (moto hands the records of a stream that has
    # a mapping to the function instead of keeping them for get-records).
    stack_table = f"streams-{name}-stack"
    ddb.create_table(
        TableName=stack_table, BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": k["name"], "AttributeType": k["type"]} for k in keys],
        KeySchema=[{"AttributeName": k["name"], "KeyType": kt} for k, kt in zip(keys, ["HASH", "RANGE"])],
        StreamSpecification={"StreamEnabled": True, "StreamViewType": t.get("stream") or "NEW_AND_OLD_IMAGES"})
    stream_arn = ddb.describe_table(TableName=stack_table)["Table"]["LatestStreamArn"]
    if deploy_operations_stack(name, os.path.join(tmp, f"{name}.operations.cfn.yaml"), consumers, cfn,
                               stream_arn, cfg, rep) and name == CLI_MODEL:
        run_cli_script(name, os.path.join(tmp, name, "create-stream-consumers.sh"), consumers, cli, keys, t,
                       moto, cfg, rep)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dynamodel", required=True)
    binary = os.path.abspath(ap.parse_args().dynamodel)
    started = time.monotonic()
    rep = Report()
    for failure in check_matcher():
        rep.check("the filter matcher", False, failure)
    rep.check("the filter matcher agrees with Lambda's documented examples", not check_matcher())
    models = []
    for path in sorted(glob.glob(os.path.join(REPO, "examples", "*.yaml")) +
                       glob.glob(os.path.join(REPO, "tests", "golden", "*", "model.yaml"))):
        with open(path, encoding="utf-8") as fh:
            m = yaml.safe_load(fh)
        if isinstance(m, dict) and (m.get("operations") or {}).get("stream_consumers"):
            models.append(path)
    # Symlinked golden cases (example-*) are the examples again.
    models = sorted({os.path.realpath(p) for p in models})
    rep.check("models with stream consumers found", len(models) >= 3, f"{models}")
    rep.check("a model whose consumers filter on images is among them",
              any(p.endswith(os.path.join("stream-consumers-images", "model.yaml")) for p in models), f"{models}")
    moto = MotoServer()
    try:
        err = moto.wait_ready()
        if not rep.check("moto_server answers", err is None, err or ""):
            return 1
        for path in models:
            run_model(binary, path, moto, rep)
    finally:
        moto.stop()
    print(f"{rep.passed} passed, {rep.failed} failed ({time.monotonic() - started:.1f} s)")
    return 1 if rep.failed else 0


if __name__ == "__main__":
    os.environ.update(AWS_ENV)
    sys.exit(main())
