#!/usr/bin/env python3
"""Checks schemas/dynamodel.schema.json.

- the schema is a valid JSON Schema (draft 2020-12) and every property has a
  description;
- every examples/*.yaml and tests/schema/valid/*.yaml validates;
- every tests/schema/invalid/*.yaml is rejected, with an error that mentions
  the text of its first line `# expect: <text>` (in the message or the path),
  and all its errors are at one place (each case breaks one thing).

Prints one line per case and ends with `N passed, M failed`; exit 1 on failure.
Usage: test_schema.py [--root REPO_ROOT]
"""
import argparse
import glob
import json
import os
import re
import sys

import jsonschema
import yaml

SCHEMA_REL = os.path.join("schemas", "dynamodel.schema.json")


class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema scalars, as editors
    (yaml-language-server) read them: `yes`/`on` and `2024-01-01` stay
    strings, `010` is decimal, `1:20` is a string."""


Yaml12Loader.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$",
     "-+0123456789"),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
     r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+0123456789."),
]:
    Yaml12Loader.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))


def _construct_int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=Yaml12Loader)


def all_errors(errors):
    """The errors and, recursively, the errors of their oneOf/anyOf branches."""
    for e in errors:
        yield e
        yield from all_errors(e.context or [])


def describe(e):
    return f"{e.json_path}: {e.message}"


def short(text, n=160):
    return text if len(text) <= n else text[: n - 3] + "..."


def check_modeline(path, schema_path):
    """A `# yaml-language-server: $schema=...` line must point at the schema."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"#\s*yaml-language-server:\s*\$schema=(\S+)", line)
            if m:
                target = m.group(1)
                if "://" in target:
                    return None
                resolved = os.path.normpath(os.path.join(os.path.dirname(path), target))
                if resolved != os.path.normpath(schema_path):
                    return f"modeline $schema={target} does not point at {SCHEMA_REL}"
                return None
    return None


def schema_lint(schema):
    """Every property has a description; every object def is closed."""
    problems = []

    def walk(node, where):
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                if node.get("additionalProperties") is not False:
                    problems.append(f"{where}: additionalProperties is not false")
                for name, prop in node["properties"].items():
                    if not isinstance(prop, dict) or not prop.get("description"):
                        problems.append(f"{where}/properties/{name}: no description")
            for k, v in node.items():
                walk(v, f"{where}/{k}")
        elif isinstance(node, list):
            for k, v in enumerate(node):
                walk(v, f"{where}/{k}")

    walk(schema, "#")
    return problems


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", default=os.path.normpath(os.path.join(here, "..", "..")),
                    help="repository root (default: this script's ../..)")
    args = ap.parse_args()
    root = os.path.abspath(args.root)
    schema_path = os.path.join(root, SCHEMA_REL)

    passed = failed = 0

    def report(ok, name, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
        print(f"{'ok  ' if ok else 'FAIL'} {name}" + (f"  -- {detail}" if detail else ""))

    # 1. the schema itself
    try:
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.SchemaError) as exc:
        report(False, f"schema {SCHEMA_REL}", short(str(exc).splitlines()[0]))
        print(f"{passed} passed, {failed} failed")
        return 1
    report(True, f"schema {SCHEMA_REL} is a valid draft 2020-12 schema")
    problems = schema_lint(schema)
    report(not problems, "schema: every property described, every object closed",
           "; ".join(problems[:5]))
    validator = jsonschema.Draft202012Validator(schema)

    def rel(p):
        return os.path.relpath(p, root)

    def load(path):
        try:
            return load_yaml(path), None
        except (OSError, yaml.YAMLError) as exc:
            return None, short(" ".join(str(exc).split()))

    # 2. models that must pass
    examples = sorted(glob.glob(os.path.join(root, "examples", "*.yaml")))
    report(bool(examples), "examples/*.yaml exist", "" if examples else "no examples found")
    valid = sorted(glob.glob(os.path.join(root, "tests", "schema", "valid", "*.yaml")))
    for path in examples + valid:
        doc, err = load(path)
        if err:
            report(False, f"valid   {rel(path)}", f"YAML error: {err}")
            continue
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        modeline = check_modeline(path, schema_path)
        if errors:
            report(False, f"valid   {rel(path)}",
                   f"{len(errors)} error(s): " + " | ".join(short(describe(e)) for e in errors[:3]))
        elif modeline:
            report(False, f"valid   {rel(path)}", modeline)
        else:
            report(True, f"valid   {rel(path)}")

    # 3. models that must fail, with the expected error
    invalid = sorted(glob.glob(os.path.join(root, "tests", "schema", "invalid", "*.yaml")))
    report(bool(invalid), "tests/schema/invalid/*.yaml exist", "" if invalid else "none found")
    for path in invalid:
        name = f"invalid {rel(path)}"
        with open(path, encoding="utf-8") as f:
            first = f.readline()
        m = re.match(r"#\s*expect:\s*(.+?)\s*$", first)
        if not m:
            report(False, name, "first line is not `# expect: <text>`")
            continue
        expect = m.group(1)
        doc, err = load(path)
        if err:
            report(False, name, f"YAML error (the case must be valid YAML): {err}")
            continue
        errors = list(validator.iter_errors(doc))
        if not errors:
            report(False, name, "passed validation but must fail")
            continue
        texts = [describe(e) for e in all_errors(errors)]
        paths = sorted({e.json_path for e in errors})
        if len(paths) > 1:
            report(False, name, "more than one mistake (errors at "
                   + ", ".join(paths[:4]) + "): a case must break one thing")
        elif any(expect in t for t in texts):
            report(True, name)
        else:
            report(False, name, f"no error mentions {expect!r}; got: "
                   + " | ".join(short(t) for t in texts[:3]))

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
