#!/usr/bin/env python3
"""The command line as users and CI meet it: help, version, exit codes, bad input, safe writing.

Each check runs the real binary. Ends with the line `N passed, M failed`.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tools import generate_targets  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLE = os.path.join(ROOT, "examples", "ecommerce.yaml")
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": {detail}"))


def run(*args, cwd=None, env=None, timeout=30):
    return subprocess.run([BIN, *args], capture_output=True, text=True, errors="replace", cwd=cwd, env=env,
                          timeout=timeout)


def expect(name, proc, code, stdout=None, stderr=None, no_stdout=None):
    problems = []
    if proc.returncode != code:
        problems.append(f"exit {proc.returncode}, expected {code}")
    if stdout is not None and stdout not in proc.stdout:
        problems.append(f"stdout lacks {stdout!r}")
    if stderr is not None and stderr not in proc.stderr:
        problems.append(f"stderr lacks {stderr!r}")
    if no_stdout is not None and no_stdout in proc.stdout:
        problems.append(f"stdout has {no_stdout!r}")
    check(name, not problems, "; ".join(problems) + f"\n  stdout: {proc.stdout[:800]!r}\n  stderr: {proc.stderr[:800]!r}")


def write(path, data, mode="w"):
    with open(path, mode) as fh:
        fh.write(data)


def main():
    global BIN
    ap = argparse.ArgumentParser()
    ap.add_argument("--dynamodel", required=True)
    BIN = os.path.abspath(ap.parse_args().dynamodel)
    tmp = tempfile.mkdtemp(prefix="dynamodel-cli-")
    try:
        cases(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


def cases(tmp):
    # --help and --version
    expect("--help", run("--help"), 0, stdout="validate")
    for cmd in ("validate", "generate", "view", "rules"):
        expect(f"{cmd} --help", run(cmd, "--help"), 0, stdout="Usage")
    expect("generate --help lists targets", run("generate", "--help"), 0, stdout="cloudformation")
    expect("--version", run("--version"), 0, stdout="model format 1")

    # usage errors: exit 2, message prefixed dynamodel:
    expect("no command", run(), 2, stderr="dynamodel:")
    expect("unknown option", run("validate", "--nope", EXAMPLE), 2, stderr="dynamodel:")
    expect("unknown target", run("generate", EXAMPLE, "-t", "pulumi", "-o", tmp), 2, stderr="dynamodel:")
    expect("bad --color", run("--color", "sometimes", "validate", EXAMPLE), 2, stderr="dynamodel:")
    expect("unknown --disable id", run("validate", "--disable", "table/pitr-disable", EXAMPLE), 2,
           stderr="did you mean 'table/pitr-disabled'")

    # exit codes of validate
    examples = sorted(os.path.join(ROOT, "examples", f) for f in os.listdir(os.path.join(ROOT, "examples"))
                      if f.endswith(".yaml"))
    expect("examples validate clean", run("validate", *examples), 0)
    warn = os.path.join(tmp, "warn.yaml")
    with open(os.path.join(ROOT, "tests", "golden", "minimal", "model.yaml")) as fh:
        write(warn, fh.read())
    expect("warnings alone exit 0", run("--color", "never", "validate", warn), 0,
           stdout="warning: point-in-time recovery is off")
    expect("--fail-on warning exits 1", run("validate", "--fail-on", "warning", warn), 1)
    expect("--disable silences a rule",
           run("validate", "--fail-on", "warning", "--disable", "table/pitr-disabled",
               "--disable", "table/deletion-protection-disabled",
               "--disable", "operations/backups-disabled", warn), 0, no_stdout="pitr")
    expect("--format json", run("validate", "--format", "json", warn), 0, stdout='"rule": "table/pitr-disabled"')
    expect("--color always colours", run("--color", "always", "validate", warn), 0, stdout="\x1b[")
    expect("--color never does not", run("--color", "never", "validate", warn), 0, no_stdout="\x1b[")

    # bad input: a clear message with file:line:col, exit 1 or 2, never a crash
    bad = os.path.join(tmp, "bad.yaml")
    write(bad, "dynamodel: 1\nname: [unclosed\n")
    expect("broken YAML", run("validate", bad), 1, stdout=f"{bad}:3:1: error: invalid YAML")
    write(bad, "")
    expect("empty file", run("validate", bad), 1, stdout=f"{bad}:1:1: error: the model is empty")
    write(bad, b"dynamodel: 1\nname: caf\xe9\n", "wb")
    expect("invalid UTF-8", run("validate", bad), 1, stdout=f"{bad}:2:10: error: the file is not valid UTF-8")
    write(bad, "dynamodel: 1\nname: x\ntable: " + "[" * 3000 + "]" * 3000 + "\n")
    expect("deep nesting", run("validate", bad), 1, stdout="nesting too deep")
    bomb = "dynamodel: 1\nname: bomb\nl0: &l0 [a, a, a, a, a, a, a, a, a, a]\n"
    for i in range(1, 9):
        bomb += f"l{i}: &l{i} [*l{i-1}, *l{i-1}, *l{i-1}, *l{i-1}, *l{i-1}, *l{i-1}]\n"
    bomb += "table: {name: Tbl, partition_key: {name: PK, type: S}, replicas: *l8}\n"
    write(bad, bomb)
    p = run("validate", bad, timeout=20)
    expect("alias bomb", p, 1, stdout=f"{bad}:")
    write(bad, "dynamodel: 1\nname: x\ntable: {name: T, partition_key: {name: PK, type: S}, billing_mode: FREE}\n")
    expect("wrong value", run("validate", bad), 1, stdout="'FREE' is not one of PAY_PER_REQUEST, PROVISIONED")
    write(bad, "dynamodel: 1\nname: x\ntable: {name: T, partition_key: {name: PK, type: S}, billingmode: PROVISIONED}\n")
    expect("unknown field with suggestion", run("validate", bad), 1,
           stdout=f"{bad}:3:54: error: unknown field 'billingmode' in table; did you mean 'billing_mode'?")
    big = os.path.join(tmp, "big.yaml")
    with open(big, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    expect("50 MB file", run("validate", big), 2, stderr="model files are limited to")
    empty = os.path.join(tmp, "no-models")
    os.makedirs(empty)
    expect("a folder without models", run("validate", empty), 2,
           stderr=f"dynamodel: {empty}: no model file (*.yaml or *.yml with `dynamodel:`) in the folder")
    expect("a missing file", run("validate", os.path.join(tmp, "nope.yaml")), 2, stderr="no such file")
    expect("one bad file among good ones exits 2", run("validate", EXAMPLE, os.path.join(tmp, "nope.yaml")), 2)

    # generate: nothing written on errors, atomic, never overwrites a foreign file
    out = os.path.join(tmp, "out")
    invalid = os.path.join(ROOT, "tests", "golden", "invalid", "model.yaml")
    expect("generate refuses a model with errors", run("generate", invalid, "-t", "cloudformation", "-o", out), 1,
           stderr="nothing written")
    check("no output after errors", not os.path.exists(out), str(os.listdir(out)) if os.path.exists(out) else "")
    expect("generate writes", run("generate", EXAMPLE, "-t", "cloudformation", "-o", out), 0,
           stdout="wrote " + os.path.join(out, "ecommerce.cfn.yaml"))
    expect("generate --check is clean", run("generate", EXAMPLE, "-t", "cloudformation", "-o", out, "--check"), 0)
    target = os.path.join(out, "ecommerce.cfn.yaml")
    with open(target) as fh:
        generated = fh.read()
    write(target, generated + "# edited by hand\n")
    expect("generate --check finds drift", run("generate", EXAMPLE, "-t", "cloudformation", "-o", out, "--check"), 1,
           stdout="ecommerce.cfn.yaml: out of date")
    expect("regenerating a generated file", run("generate", EXAMPLE, "-t", "cloudformation", "-o", out), 0,
           stdout="wrote")
    write(target, "my own template\n")
    expect("refuses to overwrite a foreign file", run("generate", EXAMPLE, "-t", "cloudformation", "-o", out), 2,
           stderr="use --force")
    with open(target) as fh:
        check("foreign file untouched", fh.read() == "my own template\n")
    expect("--force overwrites", run("generate", EXAMPLE, "-t", "cloudformation", "-o", out, "--force"), 0)
    leftovers = [f for f in os.listdir(out) if ".dynamodel-" in f]
    check("no temporary files left", not leftovers, str(leftovers))
    outfile = os.path.join(tmp, "a-file")
    write(outfile, "x")
    expect("--out is a file", run("generate", EXAMPLE, "-t", "cloudformation", "-o", outfile), 2,
           stderr="not a folder")
    dup = os.path.join(tmp, "dup.yaml")
    shutil.copy(EXAMPLE, dup)
    expect("two models with one name", run("generate", EXAMPLE, dup, "-t", "cloudformation", "-o", out), 2,
           stderr="both generate")

    # models a target cannot express are refused with the reason, nothing written
    gt = os.path.join(ROOT, "tests", "golden", "global-table", "model.yaml")
    with open(gt) as fh:
        global_model = fh.read()
    cmk = os.path.join(tmp, "cmk.yaml")
    write(cmk, global_model.replace("encryption: AWS_MANAGED", 'encryption: {kms_key_arn: "arn:aws:kms:us-east-1:1:key/x"}'))
    out3 = os.path.join(tmp, "out3")
    expect("replicas with a KMS key are refused", run("generate", cmk, "-t", "cloudformation", "-o", out3), 1,
           stderr="customer-managed KMS key belongs to one Region")
    fixed = os.path.join(tmp, "fixed.yaml")
    write(fixed, global_model.replace("        autoscaling: {min_read: 5, max_read: 20, min_write: 5, max_write: 20}\n", ""))
    expect("PROVISIONED global GSI without autoscaling is refused",
           run("generate", fixed, "-t", "cloudformation", "-o", out3), 1, stderr="GSI 'ByEmail' of a PROVISIONED global table")
    check("nothing written for refused models", not os.path.exists(out3))
    # ... as rule findings, with file:line:col and the rule id, also from validate
    for model, rule in ((cmk, "table/replica-encryption"), (fixed, "table/replica-autoscaling")):
        name = os.path.basename(model)
        finding = re.compile(r"^" + re.escape(model) + r":\d+:\d+: error: .* \[" + re.escape(rule) + r"\]$", re.M)
        g = run("generate", model, "-t", "all", "-o", out3)
        v = run("validate", model)
        check(f"{name}: generate reports {rule} with a location (exit 1)",
              g.returncode == 1 and finding.search(g.stderr), f"exit {g.returncode}: {g.stderr[-800:]!r}")
        check(f"{name}: validate reports the same {rule} (exit 1)",
              v.returncode == 1 and finding.search(v.stdout), f"exit {v.returncode}: {v.stdout[-800:]!r}")
    # A generator that still refuses a model the rules passed is an internal error (exit 2), not a
    # finding: switching the rule off (lint.disable) lets the CMK global table reach the generators.
    off = os.path.join(tmp, "cmk-off.yaml")
    with open(cmk) as fh:
        write(off, fh.read() + "lint:\n  disable: [table/replica-encryption]\n")
    v = run("validate", off)
    check("rule switched off: validate reports no error", v.returncode == 0, v.stdout[-800:])
    g = run("generate", off, "-t", "all", "-o", out3)
    check("rule switched off: generate exits 2 with 'dynamodel: internal error: ... (rule table/replica-encryption)'",
          g.returncode == 2 and re.search(r"^dynamodel: internal error: .*cmk-off\.yaml: .*"
                                          r"\(rule table/replica-encryption\)", g.stderr, re.M),
          f"exit {g.returncode}: {g.stderr[-800:]!r}")
    check("internal error: nothing written", not os.path.exists(out3))
    # --cdk-construct TableV2 forced on a design it cannot express: a target/cdk-fixed-write-capacity finding
    kms = os.path.join(ROOT, "tests", "golden", "provisioned-lsi-kms", "model.yaml")
    g = run("generate", kms, "-t", "cdk", "--cdk-construct", "TableV2", "-o", out3)
    check("forced TableV2 on fixed write capacity: generate exits 1 with target/cdk-fixed-write-capacity at a location",
          g.returncode == 1 and re.search(r"model\.yaml:\d+:\d+: error: .*\[target/cdk-fixed-write-capacity\]$", g.stderr, re.M)
          and not os.path.exists(out3), f"exit {g.returncode}: {g.stderr[-800:]!r}")
    v = run("validate", kms, "--cdk-construct", "TableV2")
    check("validate --cdk-construct TableV2 reports the same error", v.returncode == 1 and
          "[target/cdk-fixed-write-capacity]" in v.stdout, v.stdout[-800:])
    v = run("validate", kms)
    check("validate (auto) reports the choice of Table as info only", v.returncode == 0 and
          re.search(r": info: the cdk target generates a Table, not a TableV2: .*\[target/cdk-fixed-write-capacity\]$",
                    v.stdout, re.M), v.stdout[-800:])
    g = run("generate", kms, "-t", "cloudformation", "--cdk-construct", "TableV2", "-o", out3)
    check("--cdk-construct does not refuse a target that does not use it", g.returncode == 0, g.stderr[-800:])
    shutil.rmtree(out3, ignore_errors=True)

    # --templates: overrides, and a template using a name the view lacks is an error
    tdir = os.path.join(tmp, "templates", "cloudformation")
    os.makedirs(tdir)
    write(os.path.join(tdir, "table.yaml.mustache"), "# Generated by dynamodel (custom)\nName: {{table_name}}\n")
    out2 = os.path.join(tmp, "out2")
    expect("--templates overrides", run("generate", EXAMPLE, "-t", "cloudformation", "-o", out2, "--templates",
                                         os.path.join(tmp, "templates")), 0)
    with open(os.path.join(out2, "ecommerce.cfn.yaml")) as fh:
        check("custom template used and YAML-quoted", fh.read().endswith('Name: "Ecommerce"\n'))
    write(os.path.join(tdir, "table.yaml.mustache"), "x: {{no_such_name}}\n")
    expect("missing template variable is an error",
           run("generate", EXAMPLE, "-t", "cloudformation", "-o", out2, "--templates", os.path.join(tmp, "templates")),
           2, stderr="no_such_name")
    with open(os.path.join(out2, "ecommerce.cfn.yaml")) as fh:
        check("failed render left the old file", fh.read().endswith('Name: "Ecommerce"\n'))
    expect("view prints the template data", run("view", EXAMPLE, "-t", "cloudformation"), 0,
           stdout='"table_name": "Ecommerce"')

    # templates list | export: every built-in template, copied out and used back unchanged
    p = run("templates", "list")
    listed = p.stdout.split()
    check("templates list", p.returncode == 0 and "cloudformation/table.yaml.mustache" in listed
          and all(t.endswith(".mustache") and "/" in t for t in listed), p.stdout[:300])
    texp = os.path.join(tmp, "exported")
    p = run("templates", "export", texp)
    exported = sorted(os.path.relpath(os.path.join(b, f), texp) for b, _, fs in os.walk(texp) for f in fs)
    check("templates export writes every template", p.returncode == 0 and exported == sorted(listed),
          f"{p.returncode} {exported[:5]} {p.stderr[:300]}")
    expect("templates export again: unchanged", run("templates", "export", texp), 0, stdout="unchanged ")
    first = os.path.join(texp, listed[0])
    write(first, "# Generated by dynamodel, edited by a user\n")
    expect("templates export refuses to overwrite an edited template", run("templates", "export", texp), 2,
           stderr="--force")
    with open(first) as fh:
        check("edited template kept", fh.read() == "# Generated by dynamodel, edited by a user\n")
    expect("templates export --force", run("templates", "export", texp, "--force"), 0, stdout="wrote ")
    all_default = os.path.join(tmp, "all-default")
    all_exported = os.path.join(tmp, "all-exported")
    expect("generate --target all", run("generate", EXAMPLE, "-t", "all", "-o", all_default), 0, stdout="wrote ")
    expect("generate --target all with exported templates",
           run("generate", EXAMPLE, "-t", "all", "-o", all_exported, "--templates", texp), 0)
    targets = generate_targets(listed)
    check("--target all writes one folder per target", sorted(os.listdir(all_default)) == targets,
          str(os.listdir(all_default)))
    default_tree = {os.path.relpath(os.path.join(b, f), all_default): open(os.path.join(b, f), "rb").read()
                    for b, _, fs in os.walk(all_default) for f in fs}
    exported_tree = {os.path.relpath(os.path.join(b, f), all_exported): open(os.path.join(b, f), "rb").read()
                     for b, _, fs in os.walk(all_exported) for f in fs}
    check("exported templates give the same output", default_tree == exported_tree,
          str(set(default_tree) ^ set(exported_tree)))
    modes = {rel: os.stat(os.path.join(all_default, rel)).st_mode & 0o777 for rel in default_tree}
    check("scripts are executable (0755), other files 0644",
          all(m == (0o755 if rel.endswith(".sh") else 0o644) for rel, m in modes.items())
          and any(rel.endswith(".sh") for rel in modes), str({r: oct(m) for r, m in modes.items()}))
    expect("generate --check --target all is clean", run("generate", EXAMPLE, "-t", "all", "-o", all_default, "--check"),
           0)
    victim = sorted(default_tree)[-1]
    write(os.path.join(all_default, victim), "edited\n")
    gone = [f for f in sorted(default_tree)[:1] if f != victim]
    for f in gone:
        os.remove(os.path.join(all_default, f))
    p = run("generate", EXAMPLE, "-t", "all", "-o", all_default, "--check")
    check("generate --check lists the edited and the missing file",
          p.returncode == 1 and victim in p.stdout and all(f in p.stdout for f in gone)
          and len(p.stdout.splitlines()) == 1 + len(gone), p.stdout)
    for target in targets:
        expect(f"view --target {target}", run("view", EXAMPLE, "-t", target), 0, stdout='"dynamodel": {')

    # analyze: the numbers behind the rules
    expect("analyze --help", run("analyze", "--help"), 0, stdout="Usage")
    proc = run("analyze", EXAMPLE, "--format", "json")
    expect("analyze prints JSON", proc, 0, stdout='"max_item_bytes"')
    try:
        import json
        data = json.loads(proc.stdout)
        check("analyze JSON has entities, patterns and demand",
              list(data)[:2] == ["entities", "patterns"] and data["demand"][0]["name"] == "table"
              and data["total"]["rcu_per_second"] > 0
              and abs(data["total"]["rcu_per_second"] - sum(d["rcu_per_second"] for d in data["demand"])) < 1e-6
              and abs(data["total"]["wcu_per_second"] - sum(d["wcu_per_second"] for d in data["demand"])) < 1e-6,
              proc.stdout[:300])
    except ValueError as e:
        check("analyze JSON parses", False, str(e))
    expect("analyze text table", run("analyze", EXAMPLE), 0, stdout="rcu_per_second")
    # The text shows every section the JSON has: each hot key's key space and template, each
    # pattern's coverage verdict, the collisions and ambiguous prefixes (issue 19).
    text = run("analyze", EXAMPLE).stdout
    try:
        data = json.loads(proc.stdout)
        titles = {"entities": "Entities", "patterns": "Access patterns", "hot_keys": "Hot keys",
                  "collections": "Item collections", "demand": "Demand", "coverage": "Key coverage"}
        check("analyze text has a section for every JSON section",
              all(titles.get(k, "") and titles[k] in text for k in data if k not in ("total", "rates_stated")),
              [k for k in data if k not in titles and k not in ("total", "rates_stated")] or text[-400:])
        check("analyze text lists every hot key",
              all(f"{h['partition_key']} = {h['key_template']}" in text for h in data["hot_keys"]), text[-800:])
        check("analyze text gives every pattern's coverage verdict",
              all(f"  {c['pattern']} on {c['index'] or 'table'}: {'served' if c['served'] else 'not served'}" in text
                  for c in data["coverage"]["patterns"]), text[-800:])
    except (ValueError, KeyError) as e:
        check("analyze JSON parses for the text comparison", False, str(e))
    expect("analyze of a missing file", run("analyze", os.path.join(tmp, "nope.yaml")), 2, stderr="dynamodel:")
    bad = os.path.join(tmp, "bad-analyze.yaml")
    write(bad, "dynamodel: 1\nname: x\n")
    expect("analyze of a broken model prints its findings", run("analyze", bad), 1, stderr="schema/missing-field")

    output_formats_and_rules(tmp, warn)


def output_formats_and_rules(tmp, warn):
    """--format text|json|sarif|github, --fail-on, --disable, lint.disable, and `dynamodel rules`."""
    invalid_rel = os.path.join("tests", "golden", "invalid", "model.yaml")
    summary = re.compile(r"(\d+) errors?, (\d+) warnings?, (\d+) info in (\d+) files?\n$")
    p = run("--color", "never", "validate", invalid_rel, cwd=ROOT)
    m = summary.search(p.stdout)
    # The summary counts the findings printed above it, by severity.
    printed = [re.search(r"^\S+:\d+:\d+: (error|warning|info): ", line) for line in p.stdout.splitlines()]
    counts = [sum(1 for x in printed if x and x.group(1) == sev) for sev in ("error", "warning", "info")]
    check("text ends with the summary line", m is not None and counts[0] > 0 and m.group(4) == "1"
          and [int(m.group(i)) for i in (1, 2, 3)] == counts, f"printed {counts}; " + repr(p.stdout[-200:]))
    p = run("--color", "never", "validate", *[os.path.join(ROOT, "examples", f) for f in ("ecommerce.yaml",
                                                                                        "auth-tokens.yaml")])
    m = summary.search(p.stdout)
    check("summary counts the files", m is not None and m.group(1) == "0" and m.group(4) == "2", repr(p.stdout[-200:]))

    # json: one array on stdout, nothing else
    p = run("validate", "--format", "json", invalid_rel, cwd=ROOT)
    try:
        findings = json.loads(p.stdout)
        check("--format json is pure JSON", isinstance(findings, list) and findings and p.returncode == 1)
    except ValueError as e:
        findings = []
        check("--format json is pure JSON", False, str(e))

    # sarif: valid against the SARIF 2.1.0 schema, rule metadata, locations relative to %SRCROOT%
    import jsonschema
    with open(os.path.join(ROOT, "tests", "schema", "sarif", "sarif-2.1.0-rtm.5.json")) as fh:
        sarif_schema = json.load(fh)
    version = run("--version").stdout.split()[1]
    broken = os.path.join(tmp, "broken.yaml")
    write(broken, "dynamodel: 1\nname: [unclosed\n")
    dup_index = os.path.join("tests", "rules", "naming__duplicate-index.yaml")
    for name, args, code in (("invalid model", [invalid_rel], 1), ("warnings only", [warn], 0),
                             ("broken YAML", [broken], 1), ("two files", [invalid_rel, dup_index], 1),
                             ("clean examples", [os.path.join("examples", "ecommerce.yaml")], 0)):
        p = run("validate", "--format", "sarif", *args, cwd=ROOT)
        try:
            log = json.loads(p.stdout)
        except ValueError as e:
            check(f"sarif {name}: pure JSON", False, f"{e}: {p.stdout[:300]!r}")
            continue
        errors = sorted(jsonschema.Draft4Validator(sarif_schema).iter_errors(log), key=lambda e: list(e.path))
        check(f"sarif {name}: valid SARIF 2.1.0", not errors,
              "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5]))
        check(f"sarif {name}: exit {code}", p.returncode == code, f"exit {p.returncode}")
        run0 = log["runs"][0]
        driver = run0["tool"]["driver"]
        ids = [r["id"] for r in driver["rules"]]
        problems = []
        if len(log["runs"]) != 1 or driver["name"] != "dynamodel" or driver["version"] != version:
            problems.append(f"tool {driver.get('name')} {driver.get('version')}, runs {len(log['runs'])}")
        for rid in ("yaml/syntax", "schema/unknown-field", "table/pitr-disabled", "naming/table-name"):
            if rid not in ids:
                problems.append(f"rule {rid} not in tool.driver.rules")
        for r in driver["rules"]:
            if not r["shortDescription"]["text"] or r["defaultConfiguration"]["level"] not in ("error", "warning", "note"):
                problems.append(f"rule {r['id']} lacks metadata")
        for res in run0["results"]:
            if ids[res["ruleIndex"]] != res["ruleId"]:
                problems.append(f"ruleIndex {res['ruleIndex']} is not {res['ruleId']}")
            art = res["locations"][0]["physicalLocation"]["artifactLocation"]
            if os.path.isabs(args[0]):
                if not art["uri"].startswith("file:///"):
                    problems.append(f"absolute path as {art['uri']}")
            elif art["uri"] not in args or art.get("uriBaseId") != "%SRCROOT%":
                problems.append(f"uri {art} is not one of {args} under %SRCROOT%")
            if res["locations"][0]["physicalLocation"]["region"]["startLine"] < 1:
                problems.append("no startLine")
        check(f"sarif {name}: rules, results and locations", not problems, "; ".join(problems[:5]))
        if name == "broken YAML":
            check("sarif broken YAML: a yaml/syntax result",
                  [r["ruleId"] for r in run0["results"]] == ["yaml/syntax"], str(run0["results"])[:300])
        if name == "two files":
            p_json = run("validate", "--format", "json", *args, cwd=ROOT)
            notes = sum(len(f["notes"]) for f in json.loads(p_json.stdout))
            related = sum(len(r.get("relatedLocations", [])) for r in run0["results"])
            check("sarif: notes become relatedLocations", notes == related, f"{notes} notes, {related} related")
            check("sarif: one result per finding", len(run0["results"]) == len(json.loads(p_json.stdout)))
    p = run("validate", "--format", "sarif", "--disable", "table/pitr-disabled", warn)
    check("sarif honours --disable",
          p.returncode == 0 and all(r["ruleId"] != "table/pitr-disabled" for r in json.loads(p.stdout)["runs"][0]["results"]))

    # github: one workflow command per finding, then the summary line
    p = run("validate", "--format", "github", invalid_rel, cwd=ROOT)
    lines = p.stdout.splitlines()
    command = re.compile(r"^::(error|warning|notice) file=[^,:]+,line=\d+(,col=\d+)?,title=[a-z]+/[a-z-]+::.+$")
    bad = [line for line in lines[:-1] if not command.match(line)]
    check("--format github: workflow commands", p.returncode == 1 and len(lines) > 1 and not bad, str(bad[:3]))
    check("--format github: errors and warnings",
          any(line.startswith("::error file=" + invalid_rel + ",") for line in lines)
          and any(line.startswith("::warning ") for line in lines), p.stdout[:300])
    check("--format github: summary last", summary.search(p.stdout) is not None, lines[-1] if lines else "")
    odd = os.path.join(tmp, "a,b:c.yaml")
    shutil.copy(warn, odd)
    p = run("validate", "--format", "github", odd)
    check("--format github escapes ',' and ':' in file=", "file=" + odd.replace(",", "%2C").replace(":", "%3A") + ","
          in p.stdout, p.stdout[:300])

    # --fail-on, --disable and lint.disable
    expect("--fail-on none never fails on findings", run("validate", "--fail-on", "none", invalid_rel, cwd=ROOT), 0,
           stdout="error:")
    expect("--fail-on none still exits 2 on unreadable input",
           run("validate", "--fail-on", "none", os.path.join(tmp, "nope.yaml")), 2)
    expect("--fail-on info fails on warnings", run("validate", "--fail-on", "info", warn), 1)
    expect("--fail-on error passes warnings", run("validate", "--fail-on", "error", warn), 0)
    expect("bad --fail-on", run("validate", "--fail-on", "never", warn), 2, stderr="dynamodel:")
    with open(warn) as fh:
        model = fh.read()
    linted = os.path.join(tmp, "linted.yaml")
    write(linted, model + "lint:\n  disable: [table/pitr-disabled, table/deletion-protection-disabled,"
          " operations/backups-disabled]\n")
    expect("lint.disable switches rules off", run("--color", "never", "validate", "--fail-on", "warning", linted), 0,
           no_stdout="[table/pitr-disabled]")
    write(linted, model + "lint:\n  disable: [table/pitr-disable]\n")
    expect("lint.disable with an unknown id", run("validate", linted), 1, stdout="table/pitr-disabled")

    # dynamodel rules
    p = run("rules")
    with open(os.path.join(ROOT, "docs", "rules.md")) as fh:
        catalogue_ids = re.findall(r"^\| \[?`([a-z]+/[a-z-]+)`", fh.read(), re.M)
    listed = [line.split()[0] for line in p.stdout.splitlines() if line.strip()]
    check("rules lists the catalogue", p.returncode == 0 and listed == catalogue_ids and len(listed) > 50,
          f"{len(listed)} listed, {len(catalogue_ids)} in docs/rules.md")
    expect("rules shows severity and summary", p, 0, stdout="warning  point-in-time recovery off")
    p = run("rules", "table/pitr-disabled")
    for part in ("table/pitr-disabled (warning)", "Why: ", "Fails:", "Passes:", "point_in_time_recovery: true",
                 "AWS source: https://docs.aws.amazon.com/", "checkov CKV_AWS_28"):
        expect(f"rules table/pitr-disabled: {part}", p, 0, stdout=part)
    expect("rules explains a structural rule", run("rules", "schema/unknown-field"), 0, stdout="billing_mode")
    expect("rules explains a diff rule", run("rules", "change/backfill"), 0,
           stdout="AWS source: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.OnlineOps.html")
    expect("rules with an unknown id", run("rules", "table/pitr-disable"), 2,
           stderr="did you mean 'table/pitr-disabled'?")
    expect("rules with a far-off id", run("rules", "nothing-like-it"), 2, stderr="unknown rule id 'nothing-like-it'")
    expect("rules --format md", run("rules", "--format", "md"), 0, stdout="# The rule catalogue\n")
    expect("rules --format md RULE-ID", run("rules", "--format", "md", "naming/table-name"), 0,
           stdout="## `naming/table-name`")
    p = run("rules", "--format", "json")
    try:
        meta = json.loads(p.stdout)
        check("rules --format json", [m["id"] for m in meta] == catalogue_ids)
    except ValueError as e:
        check("rules --format json", False, str(e))

if __name__ == "__main__":
    sys.exit(main())
