#!/usr/bin/env python3
"""Bad input: absurd but valid-YAML models must give findings, never a crash or a hang.

Each case is generated here (10,000 GSIs, a key template with 1,000 placeholders, an enum of
a million values, negative rates, sizes in the terabytes, names that clash...). For each,
`dynamodel validate --format json` must
  - finish (a generous 20 s timeout catches hangs; this is NOT a timing assertion),
  - exit 1 or 2 (not killed by a signal, no sanitizer report on stderr),
  - report no `internal-error` finding,
  - report at least one finding of the rules that name the problem.

Prints `ok   <case>: <check>` / `FAIL <case>: <check>: <details>` and `N passed, M failed`.

Usage: test_bad_input.py --dynamodel PATH
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from report import Report  # noqa: E402  (tests/e2e/report.py)

TIMEOUT_S = 20

HEADER = """dynamodel: 1
name: bad-input
table:
  name: Orders
  partition_key: {name: PK, type: S}
  sort_key: {name: SK, type: S}
  point_in_time_recovery: true
  deletion_protection: true
"""

ENTITY = """entities:
  Order:
    attributes:
      orderId: {type: S, required: true, max_length: 26}
      userId: {type: S, required: true, max_length: 26}
    keys:
      PK: "ORDER#{orderId}"
      SK: "ORDER"
"""

PATTERN = """access_patterns:
  - {id: AP1, name: getOrder, entity: Order, operation: GetItem, key: {PK: "ORDER#{orderId}", SK: "ORDER"}}
"""


def case_many_gsis():
    gsis = "".join(f"    - {{name: GSI{i:05d}, partition_key: {{name: GPK, type: S}}, projection: KEYS_ONLY}}\n"
                   for i in range(10_000))
    return HEADER + "  global_secondary_indexes:\n" + gsis + ENTITY + PATTERN


def case_many_placeholders():
    attrs = "".join(f"      a{i}: {{type: S, required: true, max_length: 26}}\n" for i in range(1000))
    template = "#".join(f"{{a{i}}}" for i in range(1000))
    return (HEADER + "entities:\n  Order:\n    attributes:\n" + attrs +
            f"    keys:\n      PK: \"{template}\"\n      SK: \"ORDER\"\n" +
            f"access_patterns:\n  - {{id: AP1, name: getOrder, entity: Order, operation: GetItem, "
            f"key: {{PK: \"{template}\", SK: \"ORDER\"}}}}\n")


def case_million_enum():
    # A million values, then one that is not a scalar: the finding must point at it.
    values = ", ".join(f"V{i}" for i in range(1_000_000))
    return (HEADER + "entities:\n  Order:\n    attributes:\n"
            "      orderId: {type: S, required: true, max_length: 26}\n"
            f"      status: {{type: S, enum: [{values}, [nested]]}}\n"
            "    keys:\n      PK: \"ORDER#{orderId}\"\n      SK: \"ORDER\"\n" + PATTERN)


def case_negative_rates():
    return (HEADER + ENTITY.replace('      SK: "ORDER"\n', '      SK: "ORDER"\n    expected: {items: -5, writes_per_second: -100}\n') +
            "access_patterns:\n  - {id: AP1, name: getOrder, entity: Order, operation: GetItem, "
            "key: {PK: \"ORDER#{orderId}\", SK: \"ORDER\"}, rate_per_second: -50}\n")


def case_terabytes():
    return (HEADER + ENTITY.replace("      userId: {type: S, required: true, max_length: 26}\n",
                                    "      userId: {type: S, required: true, max_length: 26}\n"
                                    "      blob: {type: B, max_bytes: 1000000000000000}\n"
                                    "      text: {type: S, max_length: 1000000000000000000000}\n") + PATTERN)


def case_duplicate_entity():
    return HEADER + ENTITY + ENTITY.replace("entities:\n", "") + PATTERN


def case_repeated_pattern_ids():
    return (HEADER + ENTITY + PATTERN +
            "  - {id: AP1, name: getOrder, entity: Order, operation: GetItem, key: {PK: \"ORDER#{orderId}\", SK: \"ORDER\"}}\n")


def case_index_named_like_table():
    return (HEADER + "  global_secondary_indexes:\n"
            "    - {name: Orders, partition_key: {name: GPK, type: S}}\n"
            "  local_secondary_indexes:\n"
            "    - {name: Orders, sort_key: {name: LSK, type: S}}\n" +
            ENTITY.replace('      SK: "ORDER"\n', '      SK: "ORDER"\n      GPK: "USER#{userId}"\n      LSK: "U#{userId}"\n') +
            PATTERN)


def case_attribute_like_key_other_type():
    return (HEADER + ENTITY.replace("      userId: {type: S, required: true, max_length: 26}\n",
                                    "      userId: {type: S, required: true, max_length: 26}\n"
                                    "      PK: {type: N, required: true}\n") + PATTERN)


def case_entity_named_like_attribute_and_index():
    # Every name is the same word: table, index, entity, attribute, pattern.
    return ("dynamodel: 1\nname: bad-input\ntable:\n  name: Orders\n"
            "  partition_key: {name: Orders, type: S}\n"
            "  global_secondary_indexes:\n    - {name: Orders, partition_key: {name: Orders, type: N}}\n"
            "entities:\n  Orders:\n    attributes:\n      Orders: {type: S, required: true, max_length: 10}\n"
            "    keys:\n      Orders: \"{Orders}\"\n"
            "access_patterns:\n  - {id: Orders, name: Orders, entity: Orders, operation: GetItem, key: {Orders: \"{Orders}\"}}\n")


def case_deep_nesting():
    depth = 2000
    return HEADER + ENTITY + PATTERN + "lint: " + "[" * depth + "]" * depth + "\n"


def case_huge_table_name():
    return HEADER.replace("name: Orders", "name: " + "T" * 1_000_000) + ENTITY + PATTERN


# (name, generator, rules any of which names the problem)
CASES = [
    ("10000-gsis", case_many_gsis, {"index/gsi-limit"}),
    ("1000-placeholders", case_many_placeholders, {"keys/size"}),
    ("million-value-enum", case_million_enum, {"schema/invalid-value", "model files are limited to"}),
    ("negative-rates", case_negative_rates, {"schema/invalid-value"}),
    ("terabyte-sizes", case_terabytes, {"size/item-limit", "schema/invalid-value"}),
    ("entity-named-like-another", case_duplicate_entity, {"schema/duplicate-key"}),
    ("repeated-pattern-ids", case_repeated_pattern_ids, {"access/duplicate-pattern"}),
    ("index-named-like-table", case_index_named_like_table, {"naming/duplicate-index"}),
    ("attribute-named-like-key-other-type", case_attribute_like_key_other_type,
     {"keys/type-mismatch", "table/attribute-type-conflict", "keys/not-a-key"}),
    ("one-name-for-everything", case_entity_named_like_attribute_and_index,
     {"table/attribute-type-conflict", "keys/type-mismatch", "schema/invalid-value"}),
    ("nesting-2000-deep", case_deep_nesting, {"yaml/syntax"}),
    ("megabyte-table-name", case_huge_table_name, {"naming/table-name"}),
]

SANITIZER_MARKS = ("AddressSanitizer", "UndefinedBehaviorSanitizer", "runtime error:", "LeakSanitizer",
                   "terminate called", "Segmentation fault")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dynamodel", required=True)
    ap.add_argument("cases", nargs="*", help="only these cases")
    args = ap.parse_args()
    report = Report()
    with tempfile.TemporaryDirectory() as work:
        for name, make, rules in CASES:
            if args.cases and name not in args.cases:
                continue
            path = os.path.join(work, f"{name}.yaml")
            with open(path, "w", encoding="utf-8") as f:
                f.write(make())
            try:
                run = subprocess.run([args.dynamodel, "validate", "--format", "json", path],
                                     capture_output=True, text=True, errors="replace", timeout=TIMEOUT_S)
            except subprocess.TimeoutExpired:
                report.fail(name, "finishes", f"still running after {TIMEOUT_S} s (a hang?)")
                continue
            report.ok(name, "finishes")
            report.check(name, "exits 1 or 2", run.returncode in (1, 2),
                         f"exit {run.returncode}; stderr: {run.stderr[-500:]}")
            marks = [m for m in SANITIZER_MARKS if m in run.stderr]
            report.check(name, "no crash report on stderr", not marks, f"{marks}: {run.stderr[-1000:]}")
            try:
                findings = json.loads(run.stdout) if run.stdout.strip() else []
            except json.JSONDecodeError as e:
                report.fail(name, "JSON output", f"{e}: {run.stdout[:300]}")
                continue
            ids = [d.get("rule") for d in findings]
            report.check(name, "no internal-error finding", "internal-error" not in ids,
                         [d.get("message") for d in findings if d.get("rule") == "internal-error"])
            # A file the loader refuses outright (exit 2) says why on stderr, not as a finding.
            named = rules & set(ids) or (run.returncode == 2 and any(r in run.stderr for r in rules))
            report.check(name, f"a finding of {' or '.join(sorted(rules))}", bool(named),
                         f"rules reported: {sorted(set(ids))}; stderr: {run.stderr[-300:]}")
    print(f"{report.passed} passed, {report.failed} failed")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
