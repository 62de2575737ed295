#!/usr/bin/env python3
"""Counts `dynamodel validate` findings by severity per test model, for two binaries (before and
after), and prints the Markdown table of docs/measurements/issue-15-findings.md.

  python3 docs/measurements/count_findings.py --before OLD/dynamodel --after build/dynamodel

Models: tests/cpp_accessors/*.yaml, examples/*.yaml, tests/golden/*/model.yaml (paths relative to
the repository root). A model the old binary refuses with schema findings on fields it does not
know is "n/a (new fields)". A model is "no-rate" when none of its access patterns states
rate_per_second and no entity states expected.writes_per_second.
"""
import argparse
import glob
import json
import os
import statistics
import subprocess
import tempfile

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def models():
    found = []
    for pattern in ("tests/cpp_accessors/*.yaml", "examples/*.yaml", "tests/golden/*/model.yaml"):
        found += sorted(os.path.relpath(p, REPO) for p in glob.glob(os.path.join(REPO, pattern)))
    return found


def no_rates(rel):
    with open(os.path.join(REPO, rel), encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
    if not isinstance(doc, dict):
        return False
    for p in doc.get("access_patterns") or []:
        if isinstance(p, dict) and "rate_per_second" in p:
            return False
    for e in (doc.get("entities") or {}).values():
        if isinstance(e, dict) and isinstance(e.get("expected"), dict) and "writes_per_second" in e["expected"]:
            return False
    return True


def stripped(rel):
    """The model without the fields issue 15 added (key_escaping, key_only, expected.item_bytes,
    filter, reads, value conditions, alias), as YAML text: what the old binary can read."""
    with open(os.path.join(REPO, rel), encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
    doc.pop("key_escaping", None)
    for e in (doc.get("entities") or {}).values():
        for a in (e.get("attributes") or {}).values():
            a.pop("key_only", None)
        if isinstance(e.get("expected"), dict):
            e["expected"].pop("item_bytes", None)
            if not e["expected"]:
                e.pop("expected")

    def strip_pattern(p):
        for field in ("filter", "reads", "alias"):
            p.pop(field, None)
        if p.get("condition") not in (None, "exists", "not_exists"):
            p.pop("condition")
        for act in p.get("actions") or []:
            strip_pattern(act)

    for p in doc.get("access_patterns") or []:
        strip_pattern(p)
    return yaml.safe_dump(doc, sort_keys=False)


def count(binary, rel, text=None):
    with tempfile.TemporaryDirectory() as tmp:
        if text is not None:
            rel = os.path.join(tmp, os.path.basename(rel))
            with open(rel, "w", encoding="utf-8") as fh:
                fh.write(text)
        p = subprocess.run([binary, "--color", "never", "validate", "--format", "json", rel], cwd=REPO,
                           capture_output=True, text=True, timeout=60)
    findings = json.loads(p.stdout or "[]")
    by = {"error": 0, "warning": 0, "info": 0}
    rules = []
    for f in findings:
        by[f["severity"]] = by.get(f["severity"], 0) + 1
        rules.append(f"{f['severity'][0]}:{f['rule']}")
    new_fields = any(f["rule"] in ("schema/unknown-field", "schema/invalid-value") for f in findings)
    return by, rules, new_fields


def cell(by):
    return f"{by['error']} / {by['warning']} / {by['info']}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", required=True)
    ap.add_argument("--after", required=True)
    ap.add_argument("--rules", action="store_true", help="also print each model's rule ids")
    args = ap.parse_args()
    before_bin, after_bin = os.path.abspath(args.before), os.path.abspath(args.after)
    print("| model | rates | before (E / W / I) | after (E / W / I) | the model stripped of issue 15's fields |")
    print("|---|---|---|---|---|")
    stripped_rows = []
    totals_before, totals_after = [], []
    for rel in models():
        b, b_rules, b_new = count(before_bin, rel)
        a, a_rules, _ = count(after_bin, rel)
        rate_free = no_rates(rel)
        before_cell = "n/a (new fields)" if b_new and not (a["error"] and b["error"] == a["error"]) else cell(b)
        stripped_cells = ""
        if before_cell == "n/a (new fields)":
            text = stripped(rel)
            sb, sb_rules, _ = count(before_bin, rel, text)
            sa, sa_rules, _ = count(after_bin, rel, text)
            stripped_cells = f"without the new fields: before {cell(sb)}, after {cell(sa)}"
            stripped_rows.append((rel, sb_rules, sa_rules))
        print(f"| {rel} | {'none' if rate_free else 'stated'} | {before_cell} | {cell(a)} | {stripped_cells} |")
        if rate_free and not a["error"]:
            totals_after.append(sum(a.values()))
            if before_cell != "n/a (new fields)":
                totals_before.append((sum(b.values()), sum(a.values())))
        if args.rules:
            print(f"<!-- before: {' '.join(sorted(b_rules))} -->")
            print(f"<!-- after:  {' '.join(sorted(a_rules))} -->")
    print()
    if args.rules:
        for rel, b_rules, a_rules in stripped_rows:
            print(f"<!-- stripped {rel} before: {' '.join(sorted(b_rules))} -->")
            print(f"<!-- stripped {rel} after:  {' '.join(sorted(a_rules))} -->")
    if totals_before:
        print(f"Median findings per no-rate design (no-rate models without errors): over the "
              f"{len(totals_before)} the old binary reads, before {statistics.median(t[0] for t in totals_before)}, "
              f"after {statistics.median(t[1] for t in totals_before)}; over all {len(totals_after)}, after "
              f"{statistics.median(totals_after)}.")


if __name__ == "__main__":
    main()
