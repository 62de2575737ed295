#!/usr/bin/env python3
"""The linter conventions of `dynamodel validate` (issue 19), each through the real binary and,
for the report formats, a real consumer:

- inputs: a folder (recursively, only YAML files with `dynamodel:`), a quoted glob with `**`,
  `-` for standard input with --stdin-filename; the summary counts only the files read;
- --select / --ignore by id or group, --severity RULE=LEVEL, unknown ids as usage errors;
- --quiet, --statistics, --output FILE (atomic; no stray temporary);
- `# dynamodel: ignore[...] -- reason` suppressions: silenced findings leave the text output
  and the exit code, SARIF keeps them as suppressed results (valid against the SARIF 2.1.0
  schema), the lint/* findings for unknown ids, missing reasons and unused suppressions;
- --write-baseline then --baseline: only new findings fail;
- --format gitlab valid against GitLab's documented report format (a JSON Schema written from
  GitLab's page), junit and checkstyle valid against their XML Schemas (xmllint);
- --color after the command, FORCE_COLOR.

Ends with `N passed, M failed`.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCHEMAS = os.path.join(ROOT, "tests", "schema")
results = []

# A design with two findings a team may accept: a Scan (access/scan, warning) and a Query whose
# partition key is a constant (hot/constant-partition-key or similar).
MODEL = """\
dynamodel: 1
name: conventions
table:
  name: Tickets
  partition_key: {name: PK, type: S}
  sort_key: {name: SK, type: S}
  point_in_time_recovery: true
  deletion_protection: true
  encryption: {kms_key_arn: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}
entities:
  Ticket:
    attributes:
      ticketId: {type: S, required: true, max_length: 26}
      title: {type: S, required: true, max_length: 200}
    keys:
      PK: "TICKET#{ticketId}"
      SK: "META"
access_patterns:
  - {id: AP1, name: getTicket, entity: Ticket, operation: GetItem, key: {PK: "TICKET#{ticketId}", SK: "META"}}
  - id: AP2
    name: exportTickets
    entity: Ticket
    operation: Scan
"""


def check(name, ok, detail=""):
    results.append(ok)
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": {detail}"))
    return ok


def run(*args, cwd=None, env=None, stdin=None):
    return subprocess.run([BIN, *args], capture_output=True, text=True, errors="replace", cwd=cwd, env=env,
                          input=stdin, timeout=60)


def findings(p):
    try:
        return json.loads(p.stdout)
    except json.JSONDecodeError:
        return None


def rules_of(p):
    return sorted(f["rule"] for f in (findings(p) or []))


def xml_valid(schema, text, tmp, name):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    p = subprocess.run(["xmllint", "--noout", "--schema", os.path.join(SCHEMAS, schema), path], capture_output=True,
                       text=True)
    return p.returncode == 0, p.stderr[-800:]


def main():
    global BIN
    ap = argparse.ArgumentParser()
    ap.add_argument("--dynamodel", required=True)
    BIN = os.path.abspath(ap.parse_args().dynamodel)
    with tempfile.TemporaryDirectory() as tmp:
        models = os.path.join(tmp, "models")
        os.makedirs(os.path.join(models, "team", "deep"))
        os.makedirs(os.path.join(models, ".git"))
        for rel in ("a.yaml", "team/b.yml", "team/deep/c.yaml", ".git/ignored.yaml"):
            with open(os.path.join(models, rel), "w", encoding="utf-8") as f:
                f.write(MODEL.replace("name: conventions", "name: m" + str(abs(hash(rel)) % 1000)))
        with open(os.path.join(models, "team", "not-a-model.yaml"), "w", encoding="utf-8") as f:
            f.write("key: value\n")
        base = os.path.join(models, "a.yaml")

        # Inputs.
        p = run("validate", "--format", "json", "--fail-on", "none", models)
        files = sorted({os.path.relpath(f["file"], models) for f in findings(p) or []})
        check("folder: the three models, recursively, not .git nor a YAML file without dynamodel:",
              p.returncode == 0 and files == ["a.yaml", "team/b.yml", "team/deep/c.yaml"], f"{files} {p.stderr}")
        p = run("validate", "--fail-on", "none", models)
        check("folder: the summary counts the files read", p.stdout.rstrip().endswith("in 3 files"), p.stdout[-200:])
        p = run("validate", "--fail-on", "none", "models/**/[a-c].yaml", cwd=tmp)
        check("glob with ** expanded by the tool (a.yaml, team/deep/c.yaml; not b.yml)",
              p.returncode == 0 and p.stdout.rstrip().endswith("in 2 files"), p.stdout[-300:] + p.stderr)
        p = run("validate", "nothing/*.yaml", cwd=tmp)
        check("a glob that matches nothing: exit 2 with a message", p.returncode == 2 and "no file matches" in p.stderr,
              p.stderr)
        p = run("validate", "--fail-on", "none", "missing.yaml", base, cwd=tmp)
        check("an unreadable input: exit 2, the others checked, only files read counted",
              p.returncode == 2 and p.stdout.rstrip().endswith("in 1 file"), p.stdout[-200:] + p.stderr)
        p = run("validate", "--format", "json", "--stdin-filename", "models/piped.yaml", "-", stdin=MODEL)
        locs = {f["file"] for f in findings(p) or []}
        check("standard input with --stdin-filename in the locations", p.returncode == 0 and locs == {"models/piped.yaml"},
              f"{locs} {p.stderr}")

        # Choosing rules.
        all_rules = rules_of(run("validate", "--format", "json", base))
        check("the model's findings include access/scan", "access/scan" in all_rules, all_rules)
        p = run("validate", "--format", "json", "--select", "access/*", base)
        check("--select access/*: only access/ rules",
              rules_of(p) and all(r.startswith("access/") for r in rules_of(p)), rules_of(p))
        p = run("validate", "--format", "json", "--ignore", "access/*", base)
        check("--ignore access/*: no access/ rule", not any(r.startswith("access/") for r in rules_of(p)), rules_of(p))
        p = run("validate", "--format", "json", "--severity", "access/scan=error", base)
        sev = {f["rule"]: f["severity"] for f in findings(p) or []}
        check("--severity access/scan=error: reported as error, exit 1",
              sev.get("access/scan") == "error" and p.returncode == 1, f"{sev} exit {p.returncode}")
        for args, what in ((["--select", "acess/*"], "--select"), (["--ignore", "hto/*"], "--ignore"),
                           (["--severity", "access/scan=fatal"], "--severity level"),
                           (["--severity", "access/scn=error"], "--severity rule")):
            p = run("validate", *args, base)
            check(f"{what} with an unknown value: exit 2 with a message",
                  p.returncode == 2 and "dynamodel:" in p.stderr and "internal error" not in p.stderr, p.stderr)
        p = run("validate", "--select", "acess/scan", base)
        check("--select suggests the closest id", "did you mean 'access/scan'" in p.stderr, p.stderr)

        # Output options.
        p = run("validate", "--quiet", base)
        check("--quiet: no warning, no summary", p.returncode == 0 and p.stdout == "", repr(p.stdout))
        p = run("validate", "--statistics", base)
        check("--statistics: a count per rule", "access/scan" in p.stdout and "1  access/scan  warning" in p.stdout,
              p.stdout)
        out = os.path.join(tmp, "reports", "findings.sarif")
        os.makedirs(os.path.dirname(out))
        with open(out, "w", encoding="utf-8") as f:
            f.write("an old report")
        p = run("validate", "--format", "sarif", "--output", out, base)
        with open(out, encoding="utf-8") as f:
            written = f.read()
        check("--output FILE: the report in the file, nothing on stdout, the old file replaced",
              p.returncode == 0 and p.stdout == "" and written.startswith("{"), p.stdout[:200] + p.stderr)
        check("--output: no temporary left", os.listdir(os.path.dirname(out)) == ["findings.sarif"],
              os.listdir(os.path.dirname(out)))

        # Suppressions.
        suppressed = os.path.join(tmp, "suppressed.yaml")
        with open(suppressed, "w", encoding="utf-8") as f:
            f.write(MODEL.replace("  - id: AP2\n",
                                  "  # dynamodel: ignore[access/scan] -- the nightly export, off-peak\n  - id: AP2\n")
                    .replace("  - {id: AP1,", "  # dynamodel: ignore[size/*] -- nothing to silence here\n  - {id: AP1,"))
        p = run("validate", "--format", "json", suppressed)
        got = rules_of(p)
        check("suppression: access/scan silenced, the unused one reported",
              "access/scan" not in got and got.count("lint/unused-suppression") == 1, got)
        with open(os.path.join(SCHEMAS, "sarif", "sarif-2.1.0-rtm.5.json"), encoding="utf-8") as f:
            sarif_schema = json.load(f)
        p = run("validate", "--format", "sarif", suppressed)
        log = json.loads(p.stdout)
        errors = list(jsonschema.Draft4Validator(sarif_schema).iter_errors(log))
        check("SARIF with suppressions: valid SARIF 2.1.0", not errors, [e.message for e in errors[:3]])
        sup = [r for r in log["runs"][0]["results"] if r.get("suppressions")]
        check("SARIF: the silenced finding as a suppressed result with its justification",
              len(sup) == 1 and sup[0]["ruleId"] == "access/scan" and
              sup[0]["suppressions"][0] == {"kind": "inSource", "status": "accepted",
                                            "justification": "the nightly export, off-peak"}, sup)

        # Baseline.
        baseline = os.path.join(tmp, "baseline.json")
        p = run("validate", "--write-baseline", baseline, base)
        check("--write-baseline: exit 0, file written", p.returncode == 0 and os.path.exists(baseline), p.stderr)
        p = run("validate", "--baseline", baseline, "--fail-on", "warning", "--format", "json", base)
        check("--baseline: the known findings no longer reported nor failing", p.returncode == 0 and findings(p) == [],
              f"exit {p.returncode} {p.stdout[:300]}")
        worse = os.path.join(models, "a.yaml")
        with open(worse, "a", encoding="utf-8") as f:
            f.write("  - id: AP3\n    name: exportAgain\n    entity: Ticket\n    operation: Scan\n")
        p = run("validate", "--baseline", baseline, "--fail-on", "warning", "--format", "json", base)
        check("--baseline: a new finding fails (the new Scan; its pagination note changed too)",
              p.returncode == 1 and "access/scan" in rules_of(p) and rules_of(p).count("access/scan") == 1, rules_of(p))
        with open(os.path.join(tmp, "bad-baseline.json"), "w", encoding="utf-8") as f:
            f.write("[1, 2]")
        p = run("validate", "--baseline", os.path.join(tmp, "bad-baseline.json"), base)
        check("a file that is not a baseline: exit 2", p.returncode == 2 and "baseline" in p.stderr, p.stderr)

        # CI formats, each against its consumer's schema.
        p = run("validate", "--format", "gitlab", "--fail-on", "none", models)
        with open(os.path.join(SCHEMAS, "gitlab", "code-quality.schema.json"), encoding="utf-8") as f:
            gl_schema = json.load(f)
        report = json.loads(p.stdout)
        errors = list(jsonschema.Draft7Validator(gl_schema).iter_errors(report))
        check("gitlab: valid against GitLab's report format", report and not errors, [e.message for e in errors[:3]])
        prints = [r["fingerprint"] for r in report]
        check("gitlab: fingerprints unique", len(prints) == len(set(prints)), prints)
        if not shutil.which("xmllint"):
            check("xmllint installed (libxml2-utils)", False)
        else:
            p = run("validate", "--format", "junit", models, suppressed)
            ok, why = xml_valid("junit/junit.xsd", p.stdout, tmp, "junit.xml")
            check("junit: valid against the JUnit schema", ok, why)
            check("junit: a suite per file read, warnings not failures under --fail-on error",
                  p.stdout.count("<testsuite ") == 4 and "<failure" not in p.stdout, p.stdout[:600])
            p = run("validate", "--format", "junit", "--fail-on", "warning", base)
            check("junit: --fail-on warning makes the Scan a failure", "<failure" in p.stdout, p.stdout[:600])
            p = run("validate", "--format", "checkstyle", models)
            ok, why = xml_valid("checkstyle/checkstyle.xsd", p.stdout, tmp, "checkstyle.xml")
            check("checkstyle: valid against the checkstyle schema", ok, why)
            check("checkstyle: source is dynamodel.RULE", 'source="dynamodel.access/scan"' in p.stdout, p.stdout[:600])

        # Repository configuration: .dynamodel.yaml found from the current folder up to the root
        # of the repository (.git), with precedence flags > model lint: > configuration > defaults.
        repo = os.path.join(tmp, "repo")
        os.makedirs(os.path.join(repo, ".git"))
        os.makedirs(os.path.join(repo, "models", "legacy"))
        os.makedirs(os.path.join(repo, "deep", "er"))
        shutil.copy(base, os.path.join(repo, "models", "t.yaml"))
        shutil.copy(base, os.path.join(repo, "models", "legacy", "old.yaml"))
        config = os.path.join(repo, ".dynamodel.yaml")
        with open(config, "w", encoding="utf-8") as f:
            f.write('fail_on: warning\nexclude: ["models/legacy/*"]\nseverity: {"access/page-size": warning}\n'
                    'disable: [access/unreachable-entity]\n')
        where = os.path.join(repo, "deep", "er")
        p = run("validate", "--format", "json", "../../models", cwd=where)
        got = findings(p) or []
        check("config: discovered from a subfolder; exclude leaves out models/legacy; fail_on warning -> exit 1",
              p.returncode == 1 and {os.path.basename(f["file"]) for f in got} == {"t.yaml"}, f"{p.returncode} {got}")
        sev = {f["rule"]: f["severity"] for f in got}
        check("config: severity raises access/page-size to warning", sev.get("access/page-size") == "warning", sev)
        check("config: disable", "access/unreachable-entity" not in sev, sev)
        p = run("validate", "--fail-on", "error", "../../models", cwd=where)
        check("config: a flag wins over the file (--fail-on error -> exit 0)", p.returncode == 0, p.stdout[-300:])
        p = run("validate", "--no-config", "--format", "json", "../../models", cwd=where)
        check("--no-config: defaults (both models, exit 0)",
              p.returncode == 0 and len({f["file"] for f in findings(p) or []}) == 2, p.stdout[:300])
        p = run("validate", "--format", "json", "--fail-on", "none", os.path.join("repo", "models"), cwd=tmp)
        check("config: found from the current folder only (outside the repository: none, legacy checked)",
              p.returncode == 0 and any("legacy" in f["file"] for f in findings(p) or []), p.stdout[:300] + p.stderr)
        other = os.path.join(tmp, "other-config.yaml")
        with open(other, "w", encoding="utf-8") as f:
            f.write("disable: [access/*]\n")
        p = run("validate", "--config", other, "--format", "json", "../../models", cwd=where)
        check("--config FILE replaces the discovered one",
              p.returncode == 0 and not any(r.startswith("access/") for r in rules_of(p)), rules_of(p))
        p = run("generate", "--config", other, "../../models/t.yaml", "-t", "cloudformation", "-o", "out", cwd=where)
        check("generate reads the configuration too", p.returncode == 0, p.stderr)
        # quota: the model's lint.quota wins over the configuration's, which wins over 20.
        gsis = "".join(f"    - {{name: G{i}, partition_key: {{name: G{i}PK, type: S}}}}\n" for i in range(3))
        quota_model = os.path.join(repo, "models", "quota.yaml")
        with open(quota_model, "w", encoding="utf-8") as f:
            f.write(MODEL.replace("  encryption:", "  global_secondary_indexes:\n" + gsis + "  encryption:"))
        with open(config, "w", encoding="utf-8") as f:
            f.write("quota: {global_secondary_indexes: 2}\n")
        p = run("validate", "--format", "json", "--select", "index/gsi-limit", quota_model, cwd=where)
        check("config quota 2: three GSIs are index/gsi-limit", rules_of(p) == ["index/gsi-limit"], rules_of(p))
        with open(quota_model, "a", encoding="utf-8") as f:
            f.write("lint: {quota: {global_secondary_indexes: 5}}\n")
        p = run("validate", "--format", "json", "--select", "index/gsi-limit", quota_model, cwd=where)
        check("the model's lint.quota wins over the configuration", rules_of(p) == [], rules_of(p))
        with open(config, "w", encoding="utf-8") as f:
            f.write("fail_on: warnin\nbogus: 1\n")
        p = run("validate", "../../models", cwd=where)
        check("a broken configuration: exit 2, every problem with line:column",
              p.returncode == 2 and ".dynamodel.yaml:1:10:" in p.stderr and "unknown field 'bogus'" in p.stderr,
              p.stderr)
        with open(config, "w", encoding="utf-8") as f:
            f.write("disable: [acess/scan]\n")
        p = run("validate", "../../models", cwd=where)
        check("a configuration naming an unknown rule: exit 2 with the closest id",
              p.returncode == 2 and "did you mean 'access/scan'" in p.stderr, p.stderr)

        # Colour.
        p = run("validate", base, "--color", "always")
        check("--color after the command", p.returncode == 0 and "\x1b[" in p.stdout, repr(p.stdout[:200]))
        env = dict(os.environ, FORCE_COLOR="1")
        env.pop("NO_COLOR", None)
        p = run("validate", base, env=env)
        check("FORCE_COLOR=1 colours a pipe", "\x1b[" in p.stdout, repr(p.stdout[:200]))
        env["FORCE_COLOR"] = "0"
        p = run("validate", base, env=env)
        check("FORCE_COLOR=0 does not", "\x1b[" not in p.stdout, repr(p.stdout[:200]))

    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
