#!/usr/bin/env python3
"""The code of an access pattern is the templates' to write (docs/templates.md, cpp): export the
templates, restyle the partial of one operation (cpp/partials/get_item.mustache: a comment line
naming the function, and the local `r` renamed `got_item`), generate with `--templates`, and
check that every GetItem accessor, and nothing else, changed that way; the restyled accessors
still compile (g++ -fsyntax-only, when g++ is there). A partial that does not exist is an error.

Usage: test_template_restyle.py --dynamodel PATH
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

from report import Report  # noqa: E402

CASE = "template-restyle"
MODEL = os.path.join(REPO, "examples", "ecommerce.yaml")
PARTIAL = os.path.join("cpp", "partials", "get_item.mustache")


def read_tree(root):
    tree = {}
    for folder, _, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as fh:
                tree[os.path.relpath(path, root)] = fh.read()
    return tree


def restyle(text):
    """The edit a user makes: a comment line after the signature, and `r` renamed."""
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("std::optional<"))
    lines.insert(at + 1, "  // restyled: {%&fn%} reads one item")
    text = "\n".join(lines)
    return re.sub(r"\br\b", "got_item", text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dynamodel", required=True)
    binary = ap.parse_args().dynamodel
    started = time.monotonic()
    rep = Report()
    tmp = tempfile.mkdtemp(prefix="dynamodel-restyle-")
    try:
        run = lambda *args: subprocess.run([binary, *args], capture_output=True, text=True)  # noqa: E731
        templates = os.path.join(tmp, "templates")
        p = run("templates", "export", templates)
        rep.check(CASE, "templates export", p.returncode == 0, p.stderr)
        path = os.path.join(templates, PARTIAL)
        with open(path, encoding="utf-8") as fh:
            original = fh.read()
        edited = restyle(original)
        rep.check(CASE, "the partial has a local `r` to rename", "got_item" in edited, original)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(edited)

        plain, styled = os.path.join(tmp, "plain"), os.path.join(tmp, "styled")
        p = run("generate", MODEL, "-t", "cpp", "-o", plain)
        rep.check(CASE, "generate", p.returncode == 0, p.stderr)
        p = run("generate", MODEL, "-t", "cpp", "-o", styled, "--templates", templates)
        rep.check(CASE, "generate --templates (restyled get_item)", p.returncode == 0, p.stderr)
        view = json.loads(run("view", MODEL, "-t", "cpp").stdout)
        getters = [pat["fn"] for pat in view["patterns"] if pat["get_item"]]
        rep.check(CASE, "the model has GetItem patterns", bool(getters), view["patterns"])

        a, b = read_tree(plain), read_tree(styled)
        source = os.path.join("ecommerce", "ecommerce.cpp")
        rep.compare(CASE, "the same files", sorted(a), sorted(b))
        rep.compare(CASE, "only the accessors' source changed", [source],
                    sorted(k for k in a if a.get(k) != b.get(k)))
        text = b.get(source, "")
        found = re.findall(r"^std::optional<\w+> Table::(\w+)\(.*\) \{\n  // restyled: (\w+) reads one item\n",
                           text, re.M)
        rep.compare(CASE, "a comment line atop every GetItem accessor", [(f, f) for f in getters], found)
        bodies = re.findall(r"^std::optional<\w+> Table::\w+\(.*?^}\n", text, re.M | re.S)
        rep.check(CASE, "`r` renamed in every GetItem accessor",
                  len(bodies) == len(getters) and all("got_item" in x and not re.search(r"\br\b", x) for x in bodies),
                  bodies)
        undone = re.sub(r"\bgot_item\b", "r", re.sub(r"^  // restyled: \w+ reads one item\n", "", text, flags=re.M))
        rep.check(CASE, "nothing else changed", undone == a.get(source), "")

        cxx = shutil.which("g++")
        if cxx:
            folder = os.path.join(styled, "ecommerce")
            p = subprocess.run([cxx, "-std=c++20", "-Wall", "-Wextra", "-Werror", "-fsyntax-only", "-I", folder,
                                os.path.join(folder, "ecommerce.cpp")], capture_output=True, text=True)
            rep.check(CASE, "the restyled accessors compile (g++ -fsyntax-only)", p.returncode == 0, p.stderr[-1500:])

        with open(path, "w", encoding="utf-8") as fh:
            fh.write(original.replace("{%>key%}", "{%>no_such_partial%}"))
        p = run("generate", MODEL, "-t", "cpp", "-o", os.path.join(tmp, "bad"), "--templates", templates)
        rep.check(CASE, "a partial that does not exist is an error",
                  p.returncode == 2 and "no_such_partial" in p.stderr and not os.path.exists(os.path.join(tmp, "bad")),
                  f"exit {p.returncode}: {p.stderr}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return rep.finish(started)


if __name__ == "__main__":
    sys.exit(main())
