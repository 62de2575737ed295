#!/usr/bin/env python3
"""A valid synthetic dynamodel model of N entities, for benchmarks.

Single-table design: entity Ek has partition key "EK#{idK}" and sort key "META" on the
table, and takes part in GSI (k mod G) with partition key "EK#{parentK}" and sort key
"{createdAt}", where G = min(20, max(1, N // 10)): the GSIs grow with the model and are
overloaded by several entities each. Each entity has 3 access patterns that its keys serve:
a GetItem on the table, a Query on its GSI and an UpdateItem of a non-key attribute.

usage: bench/synthetic_model.py N [-o FILE]   (stdout by default)
"""
import argparse
import sys


def synthetic_model(n):
    g = min(20, max(1, n // 10))
    out = [f"dynamodel: 1", f"name: synthetic-{n}",
           f"description: Synthetic benchmark model with {n} entities and {g} GSIs",
           "table:", f"  name: Synthetic{n}",
           "  partition_key: {name: PK, type: S}", "  sort_key: {name: SK, type: S}",
           "  billing_mode: PAY_PER_REQUEST", "  point_in_time_recovery: true", "  deletion_protection: true",
           "  global_secondary_indexes:"]
    for i in range(g):
        out.append(f"    - {{name: GSI{i + 1}, partition_key: {{name: GSI{i + 1}PK, type: S}}, "
                   f"sort_key: {{name: GSI{i + 1}SK, type: S}}, projection: ALL}}")
    out.append("entities:")
    for k in range(n):
        gi = k % g + 1
        out += [f"  E{k}:",
                "    attributes:",
                f"      id{k}: {{type: S, required: true, format: ulid, max_length: 26}}",
                f"      parent{k}: {{type: S, required: true, format: uuid, max_length: 36}}",
                f"      createdAt: {{type: S, required: true, format: date-time, max_length: 24}}",
                f"      title: {{type: S, max_length: 200}}",
                f"      amount: {{type: N, max_digits: 12}}",
                "    keys:",
                f"      PK: \"E{k}#{{id{k}}}\"", "      SK: \"META\"",
                f"      GSI{gi}PK: \"E{k}#{{parent{k}}}\"", f"      GSI{gi}SK: \"{{createdAt}}\"",
                f"    expected: {{items: 100000, writes_per_second: 1}}"]
    out.append("access_patterns:")
    for k in range(n):
        gi = k % g + 1
        out += [f"  - {{id: AP{k}a, name: getE{k}, entity: E{k}, operation: GetItem, "
                f"key: {{PK: \"E{k}#{{id{k}}}\", SK: \"META\"}}, rate_per_second: 10}}",
                f"  - {{id: AP{k}b, name: listE{k}ByParent, entity: E{k}, operation: Query, index: GSI{gi}, "
                f"key: {{GSI{gi}PK: \"E{k}#{{parent{k}}}\", GSI{gi}SK: {{ge: \"{{from}}\"}}}}, limit: 20, returns: 20, "
                f"rate_per_second: 5}}",
                f"  - {{id: AP{k}c, name: updateE{k}Title, entity: E{k}, operation: UpdateItem, "
                f"key: {{PK: \"E{k}#{{id{k}}}\", SK: \"META\"}}, set: [title], rate_per_second: 1}}"]
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("-o", "--out")
    args = ap.parse_args()
    text = synthetic_model(args.n)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
