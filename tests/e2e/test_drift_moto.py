#!/usr/bin/env python3
"""`dynamodel drift MODEL --endpoint URL` against moto_server with signatures checked.

examples/ecommerce.yaml is deployed with its create-table.sh and `dynamodel sample` items are
written. Then:

  - clean: exit 0 and no finding (text, json and sarif), the table name from the naming rule
    (no --table: dev-<table.name>; DYNAMODB_TABLE_NAME wins);
  - each change made by hand is reported with its rule and only that rule, exit 1, and the
    table is clean again once the change is undone: a GSI added (drift/index-unexpected), GSI1
    deleted and created again KEYS_ONLY (drift/projection), point-in-time recovery switched
    (drift/point-in-time-recovery), TTL switched on (drift/ttl), deletion protection switched
    (drift/deletion-protection), the stream switched off (drift/stream), a tag changed (drift/tags), a foreign item
    (drift/item-unknown-entity), an item with an attribute of another type (drift/item-type),
    an item without a required attribute (drift/item-missing-attribute);
  - tests/golden/multi-tenant-tickets (a multi-attribute GSI key) deployed: no drift; its model
    with the sort-key attributes in another order: drift/key-schema naming all of them;
  - errors, exit 2: a table that does not exist, an endpoint that does not answer.

Prints `ok`/`FAIL` per check; exits 1 if anything failed.
"""
import argparse
import copy
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from tools import REPO, free_port, signed_moto  # noqa: E402

MODEL = os.path.join(REPO, "examples", "ecommerce.yaml")


def run(cmd, env=None):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)


class Checks:
    def __init__(self):
        self.results = []

    def check(self, ok, what, detail=""):
        self.results.append((bool(ok), what, detail))
        print(f"{'ok  ' if ok else 'FAIL'} {what}" + ("" if ok else f"\n{detail}"), flush=True)
        return ok


def template_regex(key_template):
    """A key template as a regex: literal text, each {placeholder} one or more characters."""
    out, i = "", 0
    for m in re.finditer(r"\{([^{}]*)\}", key_template):
        out += re.escape(key_template[i:m.start()]) + ".+"
        i = m.end()
    return re.compile(out + re.escape(key_template[i:]) + r"\Z")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dynamodel", required=True)
    binary = parser.parse_args().dynamodel
    checks = Checks()
    check = checks.check
    with open(MODEL, encoding="utf-8") as f:
        model = yaml.safe_load(f)
    table_name = "dev-" + model["table"]["name"]
    pk = model["table"]["partition_key"]["name"]
    sk = model["table"]["sort_key"]["name"]

    moto, env = signed_moto()
    if moto is None:
        print(f"FAIL moto_server: {env}")
        return 1
    env["DYNAMODEL_ENVIRONMENT"] = "dev"
    env.pop("DYNAMODB_TABLE_NAME", None)
    url = moto.url

    def aws(*args):
        p = run(["aws", "--endpoint-url", url, "--region", "us-east-1", "--output", "json", "dynamodb", *args], env=env)
        if p.returncode != 0:
            raise RuntimeError(f"aws {' '.join(args[:2])}: {p.stderr}")
        return json.loads(p.stdout) if p.stdout.strip() else {}

    def drift(*extra, fmt="json", environment=None):
        return run([binary, "--color", "never", "drift", MODEL, "--endpoint", url, "--format", fmt, *extra],
                   env=environment or env)

    def expect(what, rules, needle=""):
        """drift reports exactly `rules` (a set of ids), exit 1; `needle` appears in a message."""
        p = drift()
        try:
            findings = json.loads(p.stdout)
        except ValueError:
            check(False, what + ": json output", p.stdout + p.stderr)
            return
        got = {f["rule"] for f in findings}
        check(p.returncode == 1, what + ": exit 1", f"exit {p.returncode}\n{p.stderr}")
        check(got == rules, what + f": reported {sorted(rules)}", json.dumps(findings, indent=1))
        if needle:
            check(any(needle in f["message"] for f in findings), what + f": a message names {needle}",
                  json.dumps(findings, indent=1))

    def clean(what):
        p = drift()
        check(p.returncode == 0 and json.loads(p.stdout or "null") == [], what + ": no drift, exit 0",
              f"exit {p.returncode}\n{p.stdout}{p.stderr}")

    try:
        with tempfile.TemporaryDirectory() as tmp:
            p = run([binary, "generate", MODEL, "-t", "cli", "-o", os.path.join(tmp, "cli")])
            check(p.returncode == 0, "generate -t cli", p.stderr)
            script = glob.glob(os.path.join(tmp, "cli", "*", "create-table.sh"))[0]
            p = run(["bash", script], env=dict(env, DYNAMODB_ENDPOINT=url))
            if not check(p.returncode == 0, "create-table.sh deploys", p.stdout + p.stderr):
                return 1
            sample = run([binary, "sample", MODEL, "-n", "3", "--table", table_name])
            items = []
            for chunk in json.loads(sample.stdout)["chunks"]:
                aws("batch-write-item", "--request-items", json.dumps(chunk))
                items += [r["PutRequest"]["Item"] for requests in chunk.values() for r in requests]

            # Clean, in every format; the table name from the naming rule.
            clean("deployed from the model")
            p = drift(fmt="text")
            check(p.returncode == 0 and f"no drift: {table_name}" in p.stdout, "text: `no drift: <table>`", p.stdout)
            p = drift(fmt="sarif")
            sarif = json.loads(p.stdout)
            rule_ids = {r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
            check(p.returncode == 0 and sarif["runs"][0]["results"] == [] and "drift/projection" in rule_ids,
                  "sarif: no result, the drift rules listed", p.stdout[:2000])
            p = drift(environment=dict(env, DYNAMODB_TABLE_NAME="other-table"))
            check(p.returncode == 2 and "other-table" in p.stderr, "DYNAMODB_TABLE_NAME names the table read",
                  p.stderr)

            # A GSI added by hand. UpdateTable's AttributeDefinitions: all of them (moto replaces the
            # table's list with the request's, where DynamoDB needs only the new index's keys).
            described = aws("describe-table", "--table-name", table_name)["Table"]
            all_definitions = described["AttributeDefinitions"]
            aws("update-table", "--table-name", table_name, "--attribute-definitions",
                json.dumps(all_definitions + [{"AttributeName": "extraPk", "AttributeType": "S"}]),
                "--global-secondary-index-updates",
                json.dumps([{"Create": {"IndexName": "HandMade",
                                        "KeySchema": [{"AttributeName": "extraPk", "KeyType": "HASH"}],
                                        "Projection": {"ProjectionType": "KEYS_ONLY"}}}]))
            expect("a GSI added by hand", {"drift/index-unexpected"}, "HandMade")
            aws("update-table", "--table-name", table_name,
                "--global-secondary-index-updates", json.dumps([{"Delete": {"IndexName": "HandMade"}}]))
            clean("the hand-made GSI deleted")

            # GSI1 recreated with another projection.
            described = aws("describe-table", "--table-name", table_name)["Table"]
            gsi = next(g for g in described["GlobalSecondaryIndexes"] if g["IndexName"] == "GSI1")
            definitions = all_definitions
            create = {"IndexName": "GSI1", "KeySchema": gsi["KeySchema"]}
            aws("update-table", "--table-name", table_name,
                "--global-secondary-index-updates", json.dumps([{"Delete": {"IndexName": "GSI1"}}]))
            aws("update-table", "--table-name", table_name, "--attribute-definitions", json.dumps(definitions),
                "--global-secondary-index-updates",
                json.dumps([{"Create": dict(create, Projection={"ProjectionType": "KEYS_ONLY"})}]))
            expect("GSI1 recreated KEYS_ONLY", {"drift/projection"}, "KEYS_ONLY")
            aws("update-table", "--table-name", table_name,
                "--global-secondary-index-updates", json.dumps([{"Delete": {"IndexName": "GSI1"}}]))
            expect("GSI1 deleted", {"drift/index-missing"}, "GSI1")
            aws("update-table", "--table-name", table_name, "--attribute-definitions", json.dumps(definitions),
                "--global-secondary-index-updates", json.dumps([{"Create": dict(create, Projection=gsi["Projection"])}]))
            clean("GSI1 recreated as the model says")

            # Point-in-time recovery switched.
            pitr = bool(model["table"].get("point_in_time_recovery", False))
            aws("update-continuous-backups", "--table-name", table_name, "--point-in-time-recovery-specification",
                f"PointInTimeRecoveryEnabled={'false' if pitr else 'true'}")
            expect("PITR switched", {"drift/point-in-time-recovery"})
            aws("update-continuous-backups", "--table-name", table_name, "--point-in-time-recovery-specification",
                f"PointInTimeRecoveryEnabled={'true' if pitr else 'false'}")
            clean("PITR back")

            # TTL switched on by hand (the model has none).
            aws("update-time-to-live", "--table-name", table_name,
                "--time-to-live-specification", "Enabled=true,AttributeName=expiresAt")
            expect("TTL on by hand", {"drift/ttl"}, "expiresAt")
            aws("update-time-to-live", "--table-name", table_name,
                "--time-to-live-specification", "Enabled=false,AttributeName=expiresAt")
            clean("TTL off again")

            # Deletion protection switched.
            protected = bool(model["table"].get("deletion_protection", False))
            aws("update-table", "--table-name", table_name,
                "--no-deletion-protection-enabled" if protected else "--deletion-protection-enabled")
            expect("deletion protection switched", {"drift/deletion-protection"})
            aws("update-table", "--table-name", table_name,
                "--deletion-protection-enabled" if protected else "--no-deletion-protection-enabled")
            clean("deletion protection back")

            # A tag changed.
            arn = described["TableArn"]
            tag_key, tag_value = next(iter(model["table"]["tags"].items()))
            aws("tag-resource", "--resource-arn", arn, "--tags", f"Key={tag_key},Value=changed-by-hand")
            expect("a tag changed", {"drift/tags"}, tag_key)
            aws("tag-resource", "--resource-arn", arn, "--tags", f"Key={tag_key},Value={tag_value}")
            clean("the tag back")

            # A foreign item.
            foreign = {pk: {"S": "LEGACY#1"}, sk: {"S": "WRITTEN-BY-HAND"}}
            aws("put-item", "--table-name", table_name, "--item", json.dumps(foreign))
            expect("a foreign item", {"drift/item-unknown-entity"}, "LEGACY#1")
            silenced = os.path.join(tmp, "silenced.yaml")
            with open(MODEL, encoding="utf-8") as f, open(silenced, "w", encoding="utf-8") as out:
                out.write(f.read() + "\nlint:\n  disable: [drift/item-unknown-entity]\n")
            p = run([binary, "drift", silenced, "--endpoint", url, "--format", "json"], env=env)
            check(p.returncode == 0 and json.loads(p.stdout or "null") == [],
                  "lint.disable: [drift/item-unknown-entity] silences it", f"exit {p.returncode}\n{p.stdout}{p.stderr}")
            aws("delete-item", "--table-name", table_name, "--key", json.dumps(foreign))
            clean("the foreign item deleted")

            # An item of an entity with a required, non-key attribute of type S or N: wrong type, then missing.
            key_names = {pk, sk} | {g["partition_key"]["name"] for g in model["table"].get("global_secondary_indexes", [])} \
                | {g["sort_key"]["name"] for g in model["table"].get("global_secondary_indexes", []) if "sort_key" in g}
            victim = attribute = None
            for entity in model["entities"].values():
                pk_re, sk_re = template_regex(entity["keys"][pk]), template_regex(entity["keys"][sk])
                required = [n for n, a in entity["attributes"].items()
                            if a.get("required") and a["type"] in ("S", "N") and n not in key_names]
                mine = [i for i in items if pk_re.match(i[pk]["S"]) and sk_re.match(i[sk]["S"])]
                if required and mine:
                    victim, attribute = mine[0], required[0]
                    break
            if check(victim is not None, "an item with a required S or N attribute to change"):
                wrong = copy.deepcopy(victim)
                wrong[attribute] = {"BOOL": True}
                aws("put-item", "--table-name", table_name, "--item", json.dumps(wrong))
                expect("an attribute of another type", {"drift/item-type"}, attribute)
                missing = {k: v for k, v in victim.items() if k != attribute}
                aws("put-item", "--table-name", table_name, "--item", json.dumps(missing))
                expect("a required attribute missing", {"drift/item-missing-attribute"}, attribute)
                aws("put-item", "--table-name", table_name, "--item", json.dumps(victim))
                clean("the item restored")

            # The stream switched off: last, since moto refuses to enable it again ("Cannot enable stream").
            aws("update-table", "--table-name", table_name, "--stream-specification", "StreamEnabled=false")
            expect("stream off", {"drift/stream"}, "NEW_AND_OLD_IMAGES")

            # A multi-attribute GSI key (tests/golden/multi-tenant-tickets): deployed as the model
            # says, no drift; the model's sort-key attributes in another order, drift/key-schema
            # naming every attribute of both.
            multi = os.path.join(REPO, "tests", "golden", "multi-tenant-tickets", "model.yaml")
            p = run([binary, "generate", multi, "-t", "cli", "-o", os.path.join(tmp, "multi")])
            check(p.returncode == 0, "multi-attribute key: generate -t cli", p.stderr)
            p = run(["bash", glob.glob(os.path.join(tmp, "multi", "*", "create-table.sh"))[0]],
                    env=dict(env, DYNAMODB_ENDPOINT=url))
            if check(p.returncode == 0, "multi-attribute key: create-table.sh deploys", p.stdout + p.stderr):
                p = run([binary, "drift", multi, "--endpoint", url, "--format", "json"], env=env)
                check(p.returncode == 0 and json.loads(p.stdout or "null") == [],
                      "multi-attribute key: deployed from the model, no drift", f"exit {p.returncode}\n{p.stdout}{p.stderr}")
                text = open(multi, encoding="utf-8").read()
                swapped = text.replace("sort_key: [{name: status, type: S}, {name: updatedAt, type: N}]",
                                       "sort_key: [{name: updatedAt, type: N}, {name: status, type: S}]")
                check(swapped != text, "multi-attribute key: the model's sort key reordered")
                other = os.path.join(tmp, "multi-swapped.yaml")
                with open(other, "w", encoding="utf-8") as f:
                    f.write(swapped)
                p = run([binary, "drift", other, "--endpoint", url, "--format", "json"], env=env)
                found = json.loads(p.stdout or "[]") if p.stdout.strip().startswith("[") else []
                check(p.returncode == 1 and {f["rule"] for f in found} == {"drift/key-schema"} and any(
                    "tenantId (S), region (S) / status (S), updatedAt (N)" in f["message"] for f in found),
                      "multi-attribute key: another order is drift/key-schema, every attribute named",
                      f"exit {p.returncode}\n{p.stdout}{p.stderr}")

            # Errors.
            p = drift("--table", "no-such-table")
            check(p.returncode == 2 and "does not exist" in p.stderr and p.stdout == "", "missing table: exit 2",
                  f"exit {p.returncode}\n{p.stdout}{p.stderr}")
            closed = f"http://127.0.0.1:{free_port()}"
            p = run([binary, "drift", MODEL, "--endpoint", closed], env=env)
            check(p.returncode == 2 and f"{closed} does not answer" in p.stderr, "closed port: exit 2",
                  f"exit {p.returncode}\n{p.stderr}")
    except (RuntimeError, ValueError, KeyError, StopIteration) as e:
        check(False, "the test itself", repr(e))
    finally:
        moto.stop()
    failed = sum(1 for r in checks.results if not r[0])
    print(f"{len(checks.results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
