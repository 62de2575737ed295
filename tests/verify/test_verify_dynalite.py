#!/usr/bin/env python3
"""`dynamodel verify MODEL --endpoint URL` against dynalite (started here) and moto.

  - every examples/*.yaml, tests/cpp_accessors/*.yaml (but multi-attribute-tickets.yaml, whose
    multi-attribute GSI keys dynalite refuses) and the models of tests/verify/ (but
    wrong-hints.yaml) verify clean on dynalite: exit 0, no pattern MISMATCH, every pattern
    verified except transactions, which are "not verifiable" (dynalite has none), never passed;
    the table is deleted afterwards;
  - mixed.yaml: a filtered Query sends its FilterExpression and is charged for the items read
    before it; an UpdateItem of index key inputs moves the item in the GSI and the LSI;
  - the capacity worked examples of
    https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
    (tests/verify/worked-examples.yaml: a 7 KB item): PutItem 7 WCU, GetItem 1 RCU eventually
    consistent and 2 strongly consistent, measured and estimated; and on dynalite itself (boto3):
    a Query reading two 6.5 KB items (13 KB) consumes 2 RCU eventually consistent, a BatchGetItem
    of a 1.5 KB and a 6.5 KB item 3 RCU strongly consistent (each item rounded up: 4 KB + 8 KB);
  - tests/verify/wrong-hints.yaml (an enum value longer than the attribute's max_bytes) fails:
    exit 1, verify/size-model and verify/capacity with the measured and the estimated figures;
  - a pattern the coverage proof finds unserved fails (verify/not-served, exit 1);
  - --format md; `report --verified FILE` (md, html) shows verify's table, and nothing without it;
  - --keep leaves the table; --table of an existing table exits 2 (never writes to it); an AWS
    endpoint without --allow-aws and a closed port exit 2;
  - moto (items only: its capacity figures are not DynamoDB's): ecommerce.yaml, device-telemetry.yaml,
    project-staffing.yaml and mixed.yaml with --items-only, every transaction pattern verified;
  - multi-attribute GSI keys on moto (dynalite refuses a KeySchema of more than two elements):
    tests/cpp_accessors/multi-attribute-tickets.yaml and tests/verify/multi-attribute.yaml verify
    clean with --items-only, every pattern verified; in multi-attribute.yaml a Query sends `=` on
    both partition-key attributes (moto refuses a Query missing one: "Query condition missed key
    schema element"), `=` on the first sort-key attribute and a range on the second, returns
    several items in the order of the two-attribute sort key under Limit and ScanIndexForward
    false, and an UpdateItem of a sort-key attribute moves the item in the index.

Prints `ok`/`FAIL` per check; exits 1 if anything failed.
"""
import argparse
import glob
import json
import os
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
from tools import AWS_ENV, REPO, MotoServer, free_port, start_dynalite  # noqa: E402

FAILED = []


def check(ok, what, detail=""):
    print(("ok   " if ok else "FAIL ") + what + ("" if ok or not detail else "\n     " + detail[:3000]))
    if not ok:
        FAILED.append(what)


def verify(dynamodel, model, endpoint, *extra):
    cmd = [dynamodel, "verify", model, "--endpoint", endpoint, "--format", "json", *extra]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=dict(os.environ, **AWS_ENV))
    try:
        doc = json.loads(p.stdout) if p.stdout.strip() else None
    except json.JSONDecodeError:
        doc = None
    return p, doc


def pattern(doc, pid):
    return next(p for p in doc["patterns"] if p["id"] == pid)


def units(p, key_space="table"):
    return next(u for u in p["units"] if u["key_space"] == key_space)


def boto_client(endpoint):
    import boto3
    return boto3.client("dynamodb", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="x",
                        aws_secret_access_key="x")


MULTI_ATTRIBUTE_KEYS = {"multi-attribute-tickets.yaml"}
# Models with multi-attribute GSI keys: verified on moto only (dynalite refuses their KeySchema).
MOTO_MULTI_ATTRIBUTE = [os.path.join(REPO, "tests", "cpp_accessors", "multi-attribute-tickets.yaml"),
                        os.path.join(HERE, "multi-attribute.yaml")]


def clean_models():
    models = sorted(glob.glob(os.path.join(REPO, "examples", "*.yaml")))
    # dynalite refuses a GSI key schema of more than two elements (multi-attribute keys): those
    # models are verified on moto (test_moto_multi_attribute).
    models += sorted(m for m in glob.glob(os.path.join(REPO, "tests", "cpp_accessors", "*.yaml"))
                     if os.path.basename(m) not in MULTI_ATTRIBUTE_KEYS)
    models += [os.path.join(HERE, m) for m in ("mixed.yaml", "worked-examples.yaml")]
    models.append(os.path.join(REPO, "tests", "golden", "provisioned-lsi-kms", "model.yaml"))
    return models


def test_clean(dynamodel, endpoint):
    for model in clean_models():
        name = os.path.relpath(model, REPO)
        p, doc = verify(dynamodel, model, endpoint)
        if doc is None:
            check(False, f"{name}: verify prints JSON", p.stderr + p.stdout)
            continue
        bad = [x for x in doc["patterns"] if x["status"] == "MISMATCH"]
        check(p.returncode == 0 and not bad, f"{name}: verifies clean (exit {p.returncode})",
              json.dumps(bad or doc["findings"], indent=1))
        for x in doc["patterns"]:
            # dynalite has no transactions; verify does not run Replay: never passed
            if x["operation"].startswith("Transact") or x["operation"] == "Replay":
                check(x["status"] == "not verifiable", f"{name} {x['id']}: {x['operation']} not verifiable on dynalite")
            else:
                check(x["status"] == "verified", f"{name} {x['id']}: {x['operation']} verified", json.dumps(x))
                check(x["items_expected"] == x["items_returned"] and x["units"] and
                      units(x, x["units"][0]["key_space"])["measured"] is not None,
                      f"{name} {x['id']}: items and measured units present", json.dumps(x))
        tables = boto_client(endpoint).list_tables()["TableNames"]
        check(doc["table"] not in tables, f"{name}: table deleted afterwards")
    p = subprocess.run([dynamodel, "verify", os.path.join(REPO, "examples", "ecommerce.yaml"), "--endpoint", endpoint],
                       capture_output=True, text=True, timeout=300, env=dict(os.environ, **AWS_ENV))
    check(p.returncode == 0 and "17 patterns: 15 verified, 0 mismatched, 2 not verifiable" in p.stdout,
          "ecommerce.yaml: text output and summary", p.stdout + p.stderr)


def test_filter_and_key_moves(dynamodel, endpoint):
    """mixed.yaml: the filter is sent and checked after filtering, capacity on the items read
    before it; an UpdateItem of index key inputs moves the item in the GSI and the LSI."""
    p, doc = verify(dynamodel, os.path.join(HERE, "mixed.yaml"), endpoint)
    if doc is None:
        return check(False, "mixed.yaml: JSON", p.stderr)
    ap13 = pattern(doc, "AP13")
    sent = [n for n in ap13["notes"] if n.startswith("filter sent:")]
    check(ap13["status"] == "verified" and sent and "#f0 <> :f0" in sent[0], "filter sent and verified", json.dumps(ap13))
    ap3 = pattern(doc, "AP3")  # the same key condition without the filter: the same items read
    check(units(ap13)["estimated"] == units(ap3)["estimated"] and units(ap13)["measured"] == units(ap3)["measured"],
          "a filtered Query is charged for the items read before the filter", json.dumps([ap3["units"], ap13["units"]]))
    check(ap13["items_returned"] is not None and ap13["items_returned"] < ap3["items_returned"],
          "the filter leaves fewer items than the key condition selects", json.dumps([ap3, ap13]))
    ap14 = pattern(doc, "AP14")
    check(ap14["status"] == "verified" and
          any("ByEmail reflects the key change" in n for n in ap14["notes"]) and
          any("ByJoined reflects the key change" in n for n in ap14["notes"]),
          "an UpdateItem of key inputs moves the item in the GSI and the LSI", json.dumps(ap14))
    gsi = [u for u in ap14["units"] if u["key_space"] == "ByEmail"]
    check(gsi and gsi[0]["estimated"] == 2, "a GSI key move is estimated as two index writes (delete + put)",
          json.dumps(ap14["units"]))


def test_formats_and_report(dynamodel, endpoint):
    """--format md, and `report --verified FILE` (md and html) with verify's JSON."""
    import tempfile
    model = os.path.join(REPO, "examples", "ecommerce.yaml")
    env = dict(os.environ, **AWS_ENV)
    md = subprocess.run([dynamodel, "verify", model, "--endpoint", endpoint, "--format", "md"], capture_output=True,
                        text=True, timeout=300, env=env)
    check(md.returncode == 0 and "| AP7 getOrder | GetItem | 1 / 1 | RCU | table | 1.5 | 1.5 | verified |" in md.stdout,
          "--format md: a row per pattern", md.stdout[-2000:] + md.stderr)
    p, doc = verify(dynamodel, model, endpoint)
    with tempfile.TemporaryDirectory() as tmp:
        verified = os.path.join(tmp, "verified.json")
        with open(verified, "w", encoding="utf-8") as fh:
            json.dump(doc, fh)
        for fmt, row in (("md", "| AP7 getOrder | GetItem | 1 / 1 | RCU | table | 1.5 | 1.5 | verified |"),
                         ("html", "<td>AP7 getOrder</td><td>GetItem</td><td>1 / 1</td>")):
            r = subprocess.run([dynamodel, "report", model, "--format", fmt, "--verified", verified],
                               capture_output=True, text=True, timeout=60)
            check(r.returncode == 0 and "Verified on an engine" in r.stdout and row in r.stdout,
                  f"report --format {fmt} --verified: the verification table", r.stderr + r.stdout[-1500:])
        plain = subprocess.run([dynamodel, "report", model], capture_output=True, text=True, timeout=60).stdout
        check("Verified on an engine" not in plain, "report without --verified: no verification section")
        with open(verified, "w", encoding="utf-8") as fh:
            fh.write("[1, 2]")
        r = subprocess.run([dynamodel, "report", model, "--verified", verified], capture_output=True, text=True)
        check(r.returncode == 2 and "--verified" in r.stderr, "report --verified of another JSON: exit 2", r.stderr)


def test_worked_examples(dynamodel, endpoint):
    p, doc = verify(dynamodel, os.path.join(HERE, "worked-examples.yaml"), endpoint)
    if doc is None:
        return check(False, "worked-examples.yaml: JSON", p.stderr)
    for pid, unit, figure in (("AP3", "WCU", 7), ("AP1", "RCU", 1), ("AP2", "RCU", 2), ("AP4", "WCU", 7)):
        u = units(pattern(doc, pid))
        check(pattern(doc, pid)["unit"] == unit and u["estimated"] == figure and u["measured"] == figure,
              f"worked example {pid}: 7 KB item costs {figure} {unit}, estimated and measured", json.dumps(u))
    # The Query and BatchGetItem examples on the engine itself (the same rounding verify's
    # estimates use; tests/unit/verify_test.cpp pins read_units for them).
    db = boto_client(endpoint)
    db.create_table(TableName="worked", BillingMode="PAY_PER_REQUEST",
                    AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                          {"AttributeName": "sk", "AttributeType": "S"}],
                    KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}])
    for _ in range(100):  # CreateTable answers while the table is CREATING
        if db.describe_table(TableName="worked")["Table"]["TableStatus"] == "ACTIVE":
            break
        time.sleep(0.05)

    def item(sk, total):  # pk "p" (2+1), sk (2+1), body: the rest
        return {"pk": {"S": "p"}, "sk": {"S": sk}, "body": {"B": b"x" * (total - 6 - 4)}}
    db.put_item(TableName="worked", Item=item("a", 6656))   # 6.5 KB
    db.put_item(TableName="worked", Item=item("b", 6656))
    db.put_item(TableName="worked", Item=item("c", 1536))   # 1.5 KB
    q = db.query(TableName="worked", KeyConditionExpression="pk = :p AND sk BETWEEN :a AND :b",
                 ExpressionAttributeValues={":p": {"S": "p"}, ":a": {"S": "a"}, ":b": {"S": "b"}},
                 ReturnConsumedCapacity="TOTAL")
    check(q["ConsumedCapacity"]["CapacityUnits"] == 2.0, "worked example: Query of 13 KB costs 2 RCU (eventually)",
          json.dumps(q["ConsumedCapacity"]))
    b = db.batch_get_item(RequestItems={"worked": {"Keys": [{"pk": {"S": "p"}, "sk": {"S": "c"}},
                                                            {"pk": {"S": "p"}, "sk": {"S": "a"}}],
                                                   "ConsistentRead": True}}, ReturnConsumedCapacity="TOTAL")
    check(b["ConsumedCapacity"][0]["CapacityUnits"] == 3.0,
          "worked example: BatchGetItem of 1.5 KB + 6.5 KB costs 3 RCU (strongly: 4 KB + 8 KB)",
          json.dumps(b["ConsumedCapacity"]))
    db.delete_table(TableName="worked")


def test_wrong_hints(dynamodel, endpoint):
    p, doc = verify(dynamodel, os.path.join(HERE, "wrong-hints.yaml"), endpoint)
    if doc is None:
        return check(False, "wrong-hints.yaml: JSON", p.stderr)
    rules = {f["rule"] for f in doc["findings"]}
    check(p.returncode == 1, f"wrong-hints.yaml: exit 1 (got {p.returncode})")
    check({"verify/size-model", "verify/capacity"} <= rules, "wrong-hints.yaml: size-model and capacity findings",
          json.dumps(doc["findings"], indent=1))
    put = pattern(doc, "AP2")
    u = units(put)
    check(put["status"] == "MISMATCH" and u["estimated"] == 1 and u["measured"] == 2,
          "wrong-hints.yaml: PutItem measured 2 WCU vs estimated 1", json.dumps(put))
    msg = next((f["message"] for f in doc["findings"] if f["rule"] == "verify/capacity"), "")
    check("consumed 2 WCU" in msg and "estimates 1 WCU" in msg, "wrong-hints.yaml: message gives both figures", msg)


def test_not_served(dynamodel, endpoint):
    """A pattern the coverage proof finds unserved fails here too (never passed, never run)."""
    import tempfile
    with open(os.path.join(HERE, "worked-examples.yaml"), encoding="utf-8") as fh:
        text = fh.read()
    text += """  - id: AP5
    name: docsByBody
    entity: Doc
    operation: Query
    key: {body: "{body}"}
"""
    with tempfile.TemporaryDirectory() as tmp:
        model = os.path.join(tmp, "unserved.yaml")
        with open(model, "w", encoding="utf-8") as fh:
            fh.write(text)
        p, doc = verify(dynamodel, model, endpoint)
    if doc is None:
        return check(False, "unserved pattern: JSON", p.stderr)
    ap5 = pattern(doc, "AP5")
    check(p.returncode == 1 and ap5["status"] == "MISMATCH" and
          any(f["rule"] == "verify/not-served" for f in doc["findings"]),
          "an unserved pattern fails (verify/not-served, exit 1)", json.dumps(ap5) + p.stderr)


def test_errors(dynamodel, endpoint):
    model = os.path.join(HERE, "worked-examples.yaml")
    p, doc = verify(dynamodel, model, endpoint, "--keep", "--table", "verify-kept")
    tables = boto_client(endpoint).list_tables()["TableNames"]
    check(p.returncode == 0 and "verify-kept" in tables, "--keep leaves the table", p.stderr)
    p, doc = verify(dynamodel, model, endpoint, "--table", "verify-kept")
    check(p.returncode == 2 and "exists" in p.stderr, "an existing table: exit 2, not written", p.stderr)
    p, _ = verify(dynamodel, model, "https://dynamodb.eu-west-1.amazonaws.com")
    check(p.returncode == 2 and "--allow-aws" in p.stderr, "an AWS endpoint needs --allow-aws (exit 2)", p.stderr)
    p, _ = verify(dynamodel, model, f"http://127.0.0.1:{free_port()}")
    check(p.returncode == 2 and "does not answer" in p.stderr, "a closed port: exit 2", p.stderr)


MOTO_MODELS = [os.path.join(REPO, "examples", "ecommerce.yaml"), os.path.join(REPO, "examples", "device-telemetry.yaml"),
               os.path.join(REPO, "tests", "cpp_accessors", "project-staffing.yaml"), os.path.join(HERE, "mixed.yaml")]


def test_moto(dynamodel, url):
    """moto runs the transactions dynalite lacks: items only (--items-only), every transaction
    pattern verified with its items read back."""
    for model in MOTO_MODELS:
        name = os.path.relpath(model, REPO)
        p, doc = verify(dynamodel, model, url, "--items-only")
        bad = [x for x in (doc or {}).get("patterns", []) if x["status"] == "MISMATCH"]
        check(p.returncode == 0 and doc and not bad, f"moto: {name} items verify (--items-only)",
              p.stderr + json.dumps(bad))
        transactions = [x for x in (doc or {}).get("patterns", []) if x["operation"].startswith("Transact")]
        check(bool(transactions), f"moto: {name} has transaction patterns")
        for x in transactions:
            check(x["status"] == "verified" and x["items_expected"] and
                  x["items_expected"] == x["items_returned"],
                  f"moto: {name} {x['id']} {x['operation']} verified, items read back", json.dumps(x))


def test_moto_multi_attribute(dynamodel, url):
    """Multi-attribute GSI keys: every partition-key attribute with `=`, sort-key attributes left
    to right, the order of a multi-attribute sort key, an index move. Items only (moto)."""
    for model in MOTO_MULTI_ATTRIBUTE:
        name = os.path.relpath(model, REPO)
        p, doc = verify(dynamodel, model, url, "--items-only")
        if doc is None:
            check(False, f"moto: {name}: verify prints JSON", p.stderr + p.stdout)
            continue
        bad = [x for x in doc["patterns"] if x["status"] != "verified"]
        check(p.returncode == 0 and not bad, f"moto: {name}: every pattern verified (--items-only)",
              p.stderr + json.dumps(bad or doc["findings"], indent=1))
        for x in doc["patterns"]:
            check(x["items_expected"] == x["items_returned"], f"moto: {name} {x['id']}: items as expected",
                  json.dumps(x))
        if not name.endswith("tests/verify/multi-attribute.yaml"):
            continue
        # The three sample tasks share the one partition (core, eu-west): the whole-key Query
        # reads them all, cut to 2 by Limit in (status, priority) order, descending.
        ap3, ap4, ap5, ap7 = (pattern(doc, i) for i in ("AP3", "AP4", "AP5", "AP7"))
        check(ap3["items_expected"] == 2 and ap3["items_returned"] == 2,
              "multi-attribute: Limit 2 of the partition's 3 items, in the sort key's order", json.dumps(ap3))
        check(ap4["items_expected"] >= 1 and ap5["items_expected"] >= 1 and
              ap5["items_expected"] <= ap4["items_expected"],
              "multi-attribute: `=` on status, then a range on priority, select within the partition",
              json.dumps([ap4, ap5]))
        check(any("sort-key parameters chosen to span the partition: priority between" in n for n in ap5["notes"]),
              "multi-attribute: the range on the second sort-key attribute is sent", json.dumps(ap5))
        check(any("ByTeamRegion reflects the key change" in n for n in ap7["notes"]),
              "multi-attribute: an UpdateItem of a sort-key attribute moves the item in the index",
              json.dumps(ap7))


def with_moto(*tests):
    """Runs each test(url) against one moto server, stopped afterwards."""
    moto = MotoServer()
    error = moto.wait_ready()
    if error:
        return check(False, "moto starts", error)
    try:
        for test in tests:
            test(moto.url)
    finally:
        moto.stop()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dynamodel", required=True)
    args = ap.parse_args()
    proc, endpoint = start_dynalite()
    try:
        test_clean(args.dynamodel, endpoint)
        test_filter_and_key_moves(args.dynamodel, endpoint)
        test_formats_and_report(args.dynamodel, endpoint)
        test_worked_examples(args.dynamodel, endpoint)
        test_wrong_hints(args.dynamodel, endpoint)
        test_not_served(args.dynamodel, endpoint)
        test_errors(args.dynamodel, endpoint)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
    with_moto(lambda url: test_moto(args.dynamodel, url), lambda url: test_moto_multi_attribute(args.dynamodel, url))
    print(f"{len(FAILED)} failed" if FAILED else "all passed")
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
