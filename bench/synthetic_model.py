#!/usr/bin/env python3
"""Valid synthetic dynamodel models for benchmarks and the scale regression test, in three shapes.

- `growing` (the default; bench/scale.py's first shape): entity Ek has partition key
  "EK#{idK}" and sort key "META" on the table, and takes part in GSI (k mod G) with partition
  key "EK#{parentK}" and sort key "{createdAt}", where G = min(20, max(1, N // 10)): the GSIs
  grow with the model and are overloaded by several entities each. Each entity has 3 access
  patterns that its keys serve: a GetItem on the table, a Query on its GSI and an UpdateItem of
  a non-key attribute.
- `shared`: the same entities and patterns, but every entity is in all of three GSIs whose sort
  keys are free-form templates ("{createdAt}", "{updatedAt}", "{createdAt}"); the Query of Ek
  reads GSI (k mod 3) + 1. Per GSI, N entities share one key space.
- `collection`: N small entities sharing one partition key "T#{t}" on the table, sort key
  "EK#{i}", read by one Query that lists every entity (`entities: [...]`), with the infos that ask for
  size hints turned off (`lint.disable`). About 130 bytes per entity: 32,000 entities stay
  under the 4 MiB input cap. Validates with no finding.

usage: bench/synthetic_model.py N [--shape growing|shared|collection] [-o FILE]   (stdout by default)
"""
import argparse
import sys

SHAPES = ("growing", "shared", "collection")


def _header(n, shape, gsis):
    out = ["dynamodel: 1", f"name: synthetic-{shape}-{n}",
           f"description: Synthetic benchmark model ({shape}) with {n} entities and {gsis} GSIs",
           "table:", f"  name: Synthetic{n}",
           "  partition_key: {name: PK, type: S}", "  sort_key: {name: SK, type: S}",
           "  billing_mode: PAY_PER_REQUEST", "  point_in_time_recovery: true", "  deletion_protection: true"]
    if gsis:
        out.append("  global_secondary_indexes:")
    for i in range(gsis):
        out.append(f"    - {{name: GSI{i + 1}, partition_key: {{name: GSI{i + 1}PK, type: S}}, "
                   f"sort_key: {{name: GSI{i + 1}SK, type: S}}, projection: ALL}}")
    return out


def _entities_and_patterns(n, shape, g):
    """`growing` and `shared`: the entities (GSI keys per shape) and their three patterns."""
    out = ["entities:"]
    for k in range(n):
        out += [f"  E{k}:",
                "    attributes:",
                f"      id{k}: {{type: S, required: true, format: ulid, max_length: 26}}",
                f"      parent{k}: {{type: S, required: true, format: uuid, max_length: 36}}",
                "      createdAt: {type: S, required: true, format: date-time, max_length: 24}"]
        if shape == "shared":
            out.append("      updatedAt: {type: S, required: true, format: date-time, max_length: 24}")
        out += ["      title: {type: S, max_length: 200}",
                "      amount: {type: N, max_digits: 12}",
                "    keys:",
                f"      PK: \"E{k}#{{id{k}}}\"", "      SK: \"META\""]
        if shape == "shared":
            for gi, sk in ((1, "createdAt"), (2, "updatedAt"), (3, "createdAt")):
                out += [f"      GSI{gi}PK: \"E{k}#G{gi}#{{parent{k}}}\"", f"      GSI{gi}SK: \"{{{sk}}}\""]
        else:
            gi = k % g + 1
            out += [f"      GSI{gi}PK: \"E{k}#{{parent{k}}}\"", f"      GSI{gi}SK: \"{{createdAt}}\""]
        out.append("    expected: {items: 100000, writes_per_second: 1}")
    out.append("access_patterns:")
    for k in range(n):
        gi = k % g + 1
        gpk = f"E{k}#G{gi}#{{parent{k}}}" if shape == "shared" else f"E{k}#{{parent{k}}}"
        out += [f"  - {{id: AP{k}a, name: getE{k}, entity: E{k}, operation: GetItem, "
                f"key: {{PK: \"E{k}#{{id{k}}}\", SK: \"META\"}}, rate_per_second: 10}}",
                f"  - {{id: AP{k}b, name: listE{k}ByParent, entity: E{k}, operation: Query, index: GSI{gi}, "
                f"key: {{GSI{gi}PK: \"{gpk}\", GSI{gi}SK: {{ge: \"{{from}}\"}}}}, limit: 20, returns: 20, "
                f"rate_per_second: 5}}",
                f"  - {{id: AP{k}c, name: updateE{k}Title, entity: E{k}, operation: UpdateItem, "
                f"key: {{PK: \"E{k}#{{id{k}}}\", SK: \"META\"}}, set: [title], rate_per_second: 1}}"]
    return out


def _collection(n):
    out = _header(n, "collection", 0)
    out.append("entities:")
    for k in range(n):
        out.append(f"  E{k}: {{attributes: {{t: {{type: S, required: true}}, i: {{type: S, required: true}}}}, "
                   f"keys: {{PK: \"T#{{t}}\", SK: \"E{k}#{{i}}\"}}}}")
    out.append("access_patterns:")
    out.append("  - id: AP1")
    out.append("    name: readCollection")
    out.append("    operation: Query")
    out.append("    key: {PK: \"T#{t}\"}")
    out.append("    entities: [" + ", ".join(f"E{k}" for k in range(n)) + "]")
    # Size hints would not fit under the input cap; the infos that ask for them are turned off.
    out.append("lint: {disable: [size/unbounded, access/page-size, table/encryption-cmk]}")
    return out


def synthetic_model(n, shape="growing"):
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}")
    if shape == "collection":
        out = _collection(n)
    else:
        g = 3 if shape == "shared" else min(20, max(1, n // 10))
        out = _header(n, shape, g) + _entities_and_patterns(n, shape, g)
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("--shape", choices=SHAPES, default="growing")
    ap.add_argument("-o", "--out")
    args = ap.parse_args()
    text = synthetic_model(args.n, args.shape)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
