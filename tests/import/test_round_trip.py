#!/usr/bin/env python3
"""Round trips of `dynamodel import` through CloudFormation, for every examples/*.yaml and
tests/golden/*/model.yaml that generates a template (an AWS::DynamoDB::Table, or the
AWS::DynamoDB::GlobalTable of a model with replicas):

  dynamodel generate MODEL -t cloudformation  ->  dynamodel import TEMPLATE  ->  IMPORTED
  dynamodel generate IMPORTED -t cloudformation

The imported model must validate (exit 0: warnings and infos allowed), and the Resources of both
templates (the table, its scalable targets and scaling policies) must be equal, all but
TableName: the import reads the template's `!Sub "${Environment}-NAME"` with the parameter's
default, so the imported name must be `dev-NAME` (compared so). With `--items` from `dynamodel sample`, written as scan output,
each entity's key templates must equal the model's up to placeholder names (but for the keys of
indexes entered by `index_when`, whose samples alternate members and non-members).

Prints `ok`/`FAIL` per model and check; exits 1 if anything failed.
"""
import argparse
import glob
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "tests", "e2e"))

from tools import CfnLoader  # noqa: E402

# Models that generate no template.
NO_TABLE = {"invalid"}
# Models with a multi-attribute GSI key (a KeySchema of more than two elements), which dynalite
# refuses (it validates DynamoDB's schema of before Nov 2025): their live round trip runs on moto.
DYNALITE_REFUSES = {"multi-tenant-tickets"}
# Models whose entities the items importer cannot tell apart: tests/golden/stream-consumers (issue 18)
# has a partition key only, with several entities in it; `import --items` reads them as one entity
# `{}` (its limit, reported here rather than hidden). The table round trip still runs.
ONE_ENTITY_FROM_ITEMS = {"stream-consumers"}


def golden_case(model_path):
    """The case name of tests/golden/<case>/model.yaml; "" for any other model."""
    folder = os.path.dirname(os.path.abspath(model_path))
    return os.path.basename(folder) if os.path.dirname(folder) == os.path.join(REPO, "tests", "golden") else ""


def check_key_shapes(model, imported, label, check):
    """The entities of `imported` have the key templates of `model` up to placeholder names
    (`check(ok, what, detail)`), but for the keys of indexes entered by `index_when` (samples
    alternate members and non-members); a model of ONE_ENTITY_FROM_ITEMS is noted, not compared."""
    conditional = conditional_keys(model)
    wanted, got = key_shapes(model, conditional), key_shapes(imported, conditional)
    if golden_case(model) in ONE_ENTITY_FROM_ITEMS:
        print(f"note {label}: import reads {got} for {wanted}: entities in a partition-key-only table are not "
              "told apart (ONE_ENTITY_FROM_ITEMS)")
    else:
        check(wanted == got, "entities' key templates (up to placeholder names)", f"{wanted}\n!=\n{got}")


def table_template(folder):
    """The table's template among the `*.cfn.yaml` files `generate -t cloudformation` wrote in
    `folder` (not the stream consumers' `<model>.operations.cfn.yaml`)."""
    return sorted(t for t in glob.glob(os.path.join(folder, "*.cfn.yaml")) if not t.endswith(".operations.cfn.yaml"))[0]


def run(cmd, **kwargs):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, **kwargs)


def resources(path):
    """The Resources of a CloudFormation template (short tags in their long form)."""
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=CfnLoader)["Resources"]


def table_properties(path):
    return resources(path)["Table"]["Properties"]


def shape(key_template):
    """A key template with its placeholder names erased: `USER#{userId}` -> `USER#{}`."""
    return re.sub(r"\{[^{}]*\}", "{}", key_template.replace("{{", "\0").replace("}}", "\1"))


def dynamodel_argument(doc):
    """The absolute path given as --dynamodel (the script's usage: `doc`)."""
    parser = argparse.ArgumentParser(description=doc)
    parser.add_argument("--dynamodel", required=True)
    return os.path.abspath(parser.parse_args().dynamodel)


def conditional_keys(model_path):
    """The key attributes of the indexes that some entity enters only by `index_when`: its samples
    alternate members and non-members, and an import cannot tell a conditional key from an absent
    one, so they are left out of the comparison."""
    with open(model_path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    names = {w for e in doc["entities"].values() for w in (e.get("index_when") or {})}
    out = set()
    for g in doc["table"].get("global_secondary_indexes") or []:
        if g["name"] in names:
            out |= {g["partition_key"]["name"]} | ({g["sort_key"]["name"]} if g.get("sort_key") else set())
    for l in doc["table"].get("local_secondary_indexes") or []:
        if l["name"] in names:
            out.add(l["sort_key"]["name"])
    return out


def key_shapes(model_path, leave_out=frozenset()):
    """The entities' key templates of a model, placeholder names erased, sorted; without the key
    attributes `leave_out`."""
    with open(model_path, encoding="utf-8") as f:
        model = yaml.safe_load(f)
    # A GSI key written as a list of one partition-key and at most one sort-key attribute has the
    # KeySchema of a plain GSI: an import reads each attribute as its own whole-value key template.
    plain = []
    for gsi in model["table"].get("global_secondary_indexes") or []:
        pk, sk = gsi["partition_key"], gsi.get("sort_key") or []
        if isinstance(pk, list) and len(pk) == 1 and isinstance(sk, list) and len(sk) <= 1:
            plain.append([k["name"] for k in pk + sk])
    shapes = []
    for e in model["entities"].values():
        keys = {k: shape(t) for k, t in e["keys"].items()}
        for names in plain:
            if all(n in (e.get("attributes") or {}) for n in names):
                keys.update((n, "{}") for n in names)
        shapes.append(sorted((k, v) for k, v in keys.items() if k not in leave_out))
    return sorted(shapes)


def scan_output(sample_json):
    """`dynamodel sample` output (batch-write chunks) as `aws dynamodb scan` prints items."""
    items = [r["PutRequest"]["Item"] for chunk in sample_json["chunks"] for reqs in chunk.values() for r in reqs]
    return {"Items": items, "Count": len(items), "ScannedCount": len(items)}


# Issue 16's table settings. Neither emulator keeps them: describe-table on moto 5.2.1 and
# dynalite answers no OnDemandThroughput or WarmThroughput, and neither answers the recovery
# period, contributor insights or a resource policy. The live reader does not read them yet
# either, so they are left out of the round trip; test_cli_scripts, test_cloudformation and
# the parity test check that every target writes them. The CloudFormation importer says so in a
# TODO line per setting (checked in check_model).
SETTINGS_NOT_KEPT = ("OnDemandThroughput", "WarmThroughput", "ContributorInsightsSpecification", "ResourcePolicy",
                     "MultiRegionConsistency", "GlobalTableWitnesses", "ReadOnDemandThroughputSettings",
                     "WriteOnDemandThroughputSettings")


def settings_not_kept_in(properties, found=None):
    """The names of SETTINGS_NOT_KEPT (and RecoveryPeriodInDays) present anywhere in a table's
    properties: the table, its GSIs, a global table's replicas and their GSIs."""
    found = set() if found is None else found
    if isinstance(properties, dict):
        for k, v in properties.items():
            if k in SETTINGS_NOT_KEPT or k == "RecoveryPeriodInDays":
                found.add(k)
            elif k != "Tags":
                settings_not_kept_in(v, found)
    elif isinstance(properties, list):
        for v in properties:
            settings_not_kept_in(v, found)
    return found


def without_settings_not_kept(properties):
    """`properties` without SETTINGS_NOT_KEPT and RecoveryPeriodInDays, at every level (and a
    replica's GSI entry that only carried them)."""
    if isinstance(properties, dict):
        out = {k: without_settings_not_kept(v) for k, v in properties.items()
               if k not in SETTINGS_NOT_KEPT and k != "RecoveryPeriodInDays"}
        if isinstance(out.get("GlobalSecondaryIndexes"), list):
            out["GlobalSecondaryIndexes"] = [g for g in out["GlobalSecondaryIndexes"]
                                             if not (isinstance(g, dict) and set(g) == {"IndexName"})]
            if not out["GlobalSecondaryIndexes"]:
                del out["GlobalSecondaryIndexes"]
        return out
    if isinstance(properties, list):
        return [without_settings_not_kept(v) for v in properties]
    return properties


def models_with_a_table(leave_out=()):
    """examples/*.yaml and tests/golden/*/model.yaml but those without a table and the golden
    cases in `leave_out`: (name, path)."""
    models = sorted(glob.glob(os.path.join(REPO, "examples", "*.yaml")))
    models += sorted(m for m in glob.glob(os.path.join(REPO, "tests", "golden", "*", "model.yaml"))
                     if os.path.basename(os.path.dirname(m)) not in NO_TABLE | set(leave_out))
    return [(os.path.relpath(m, REPO).replace("/", "_"), m) for m in distinct_files(models)]


def distinct_files(paths):
    """`paths` without those whose bytes equal an earlier one's: the golden copies of the
    examples (tests/golden/example-*/model.yaml) would deploy and import the same table twice."""
    seen, out = set(), []
    for path in paths:
        with open(path, "rb") as f:
            digest = hashlib.sha256(f.read()).digest()
        if digest not in seen:
            seen.add(digest)
            out.append(path)
    return out


def summary(results):
    """Prints the (ok, model, check, detail) results; returns the exit code."""
    for ok, name, check, detail in results:
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {check}" + ("" if ok else f"\n{detail}"))
    failed = sum(1 for r in results if not r[0])
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


def import_and_validate(binary, args, imported, name, results):
    """`dynamodel import ARGS --out IMPORTED`, then validate IMPORTED, each a result; False when
    the import failed."""
    p = run([binary, "import", *args, "--out", imported])
    if p.returncode != 0:
        results.append((False, name, "import", p.stderr))
        return False
    v = run([binary, "--color", "never", "validate", imported])
    results.append((v.returncode == 0, name, "imported model validates", v.stdout + v.stderr))
    return True


def check_model(binary, model, name, tmp, results):
    out = os.path.join(tmp, name)
    p = run([binary, "generate", model, "-t", "cloudformation", "-o", out])
    if p.returncode != 0:
        results.append((False, name, "generate", p.stderr))
        return
    template = table_template(out)
    imported = os.path.join(tmp, name + ".imported.yaml")
    if not import_and_validate(binary, [template], imported, name, results):
        return
    out2 = os.path.join(tmp, name + ".again")
    p = run([binary, "generate", imported, "-t", "cloudformation", "-o", out2])
    if p.returncode != 0:
        results.append((False, name, "generate the imported model", p.stderr))
        return
    # The principals' IAM policies (issue 17) come from the model's `principals`, and the alarms and
    # their SNS topic (issue 18) from `operations.alarms` and the access patterns, which a table's
    # template does not describe back (the importer reads the table and its autoscaling only; the
    # imported model gets the default alarms again), and neither are the AWS Backup plan and the DAX
    # cluster with their IAM roles (`operations.backups`, `operations.dax`): the round trip compares
    # the table and its autoscaling.
    not_described = {"AWS::IAM::ManagedPolicy", "AWS::CloudWatch::Alarm", "AWS::SNS::Topic", "AWS::IAM::Role",
                     "AWS::Backup::BackupVault", "AWS::Backup::BackupPlan", "AWS::Backup::BackupSelection",
                     "AWS::DAX::Cluster", "AWS::DAX::SubnetGroup", "AWS::DAX::ParameterGroup"}
    original = {k: v for k, v in resources(template).items() if v.get("Type") not in not_described}
    again = {k: v for k, v in resources(table_template(out2)).items() if v.get("Type") not in not_described}
    # Issue 16's settings are a TODO line each in the imported model, and are left out below.
    with open(imported, encoding="utf-8") as f:
        imported_text = f.read()
    for setting in sorted(settings_not_kept_in(original["Table"]["Properties"])):
        results.append((f".{setting} is not carried over yet" in imported_text, name,
                        f"{setting}: a TODO line says it is not carried over", imported_text))
    original["Table"]["Properties"] = without_settings_not_kept(original["Table"]["Properties"])
    again["Table"]["Properties"] = without_settings_not_kept(again["Table"]["Properties"])
    original_name = original["Table"]["Properties"].pop("TableName")
    again_name = again["Table"]["Properties"].pop("TableName")
    expected_name = {"Fn::Sub": original_name["Fn::Sub"].replace("${Environment}-", "${Environment}-dev-")}
    results.append((again_name == expected_name, name, "table name", f"{again_name} != {expected_name}"))
    same = original == again
    detail = "" if same else json.dumps(original, indent=1, sort_keys=True) + "\n!=\n" + json.dumps(again, indent=1,
                                                                                                  sort_keys=True)
    results.append((same, name, "table and autoscaling resources equal", detail))

    # Entities from sample items.
    sample = run([binary, "sample", model, "-n", "3"])
    if sample.returncode != 0:
        results.append((False, name, "sample", sample.stderr))
        return
    scan = os.path.join(tmp, name + ".scan.json")
    with open(scan, "w", encoding="utf-8") as f:
        json.dump(scan_output(json.loads(sample.stdout)), f)
    with_items = os.path.join(tmp, name + ".items.yaml")
    p = run([binary, "import", template, "--items", scan, "--out", with_items])
    if p.returncode != 0:
        results.append((False, name, "import --items", p.stderr))
        return
    v = run([binary, "--color", "never", "validate", with_items])
    results.append((v.returncode == 0, name, "model with entities validates", v.stdout + v.stderr))
    check_key_shapes(model, with_items, name, lambda ok, what, detail: results.append((ok, name, what, detail)))


def check_every_model(doc, check, leave_out=()):
    """Runs `check(binary, model, name, tmp, results)` for each model with a table but the golden
    cases in `leave_out` (--dynamodel read as `doc` describes); prints the results and returns
    the exit code."""
    binary = dynamodel_argument(doc)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, model in models_with_a_table(leave_out):
            check(binary, model, name, tmp, results)
    return summary(results)


def main():
    return check_every_model(__doc__, check_model)


if __name__ == "__main__":
    sys.exit(main())
