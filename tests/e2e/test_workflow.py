#!/usr/bin/env python3
"""The workflow pieces of README "In your workflow", run for real:

1. `dynamodel init`: the starter model validates with no finding at all (--fail-on info),
   the default file name, never overwriting.
2. pre-commit (the Debian `pre-commit` tool): README's .pre-commit-config.yaml snippet as
   written, but for its placeholder URL, which becomes this repository (its `rev` must be the
   release tag of CMakeLists.txt's version and, in a clone that carries tags, a tag here that
   holds .pre-commit-hooks.yaml; CI clones the branch alone, without tags), in a
   temporary project repository that uses both
   hooks; a broken model fails `pre-commit run` and `git commit`, the fixed one passes, and a
   model changed without regenerating fails the generate-check hook.
3. The README's GitHub Actions example: the `run:` steps of the block after the
   `<!-- workflow-example` marker, read with PyYAML, run with bash -e in a clone of a
   temporary origin (a pull request that adds two GSIs). The build step is not run (a full
   build takes minutes; tests/e2e/test_install.py covers cmake --install and the .deb);
   `dynamodel` comes from the build under test on PATH.
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

DIFF_DIR = os.path.join(REPO, "tests", "diff")
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_NOSYSTEM": "1"}


def run(cmd, cwd, env, **kw):
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, **kw)


def git(cwd, env, *args):
    p = run(["git", *args], cwd, env)
    if p.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)}: {p.stderr}")
    return p.stdout.strip()


def check_init(rep, exe, work, env):
    d = os.path.join(work, "init")
    os.makedirs(d)
    p = run([exe, "init"], d, env)
    path = os.path.join(d, "dynamodel.yaml")
    rep.check("init", "writes dynamodel.yaml", p.returncode == 0 and os.path.isfile(path), p.stderr)
    v = run([exe, "validate", "dynamodel.yaml", "--fail-on", "info", "--format", "json"], d, env)
    findings = json.loads(v.stdout or "null")
    rep.check("init", "starter model: no finding at any severity", v.returncode == 0 and findings == [],
              f"exit {v.returncode}: {v.stdout[:2000]}")
    text = open(path).read()
    doc = __import__("yaml").safe_load(text)
    rep.check("init", "two entities, one GSI, three access patterns",
              len(doc["entities"]) == 2 and len(doc["table"]["global_secondary_indexes"]) == 1 and
              len(doc["access_patterns"]) == 3, str(doc.keys()))
    rep.check("init", "commented", text.count("\n#") >= 5, "few comments")
    import jsonschema
    schema = json.load(open(os.path.join(REPO, "schemas", "dynamodel.schema.json")))
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(doc)]
    rep.check("init", "starter model passes the JSON Schema", not errors, "; ".join(errors[:5]))
    with open(path, "a") as f:
        f.write("# mine\n")
    before = open(path).read()
    p = run([exe, "init"], d, env)
    rep.check("init", "never overwrites (exit 2, file unchanged)",
              p.returncode == 2 and open(path).read() == before and "already exists" in p.stderr,
              f"exit {p.returncode}: {p.stderr}")
    p = run([exe, "init", "other.yaml"], d, env)
    other = os.path.join(d, "other.yaml")
    rep.check("init", "FILE argument: the same starter model there, named after the file",
              p.returncode == 0 and os.path.isfile(other) and
              open(other).read().replace('"other"', '"init"').replace('"Other"', '"Init"').replace("other.yaml", "dynamodel.yaml") == text, p.stderr)
    rep.check("init", "dynamodel.yaml: named after its folder (init), table Init",
              doc["name"] == "init" and doc["table"]["name"] == "Init", f"{doc['name']} {doc['table']['name']}")
    rep.check("init", "no made-up ARN or account id", "111122223333" not in text and "arn:aws:kms:REGION" in text,
              text[:400])
    first = text.splitlines()[0]
    rep.check("init", "first line: yaml-language-server with the JSON Schema, a file that exists",
              first.startswith("# yaml-language-server: $schema=") and
              os.path.isfile(first.split("$schema=", 1)[1]), first)
    p = run([exe, "init", "services/Orders Service.yaml"], d, env)
    nested = os.path.join(d, "services", "Orders Service.yaml")
    ndoc = __import__("yaml").safe_load(open(nested).read()) if os.path.isfile(nested) else {}
    rep.check("init", "a missing folder is created; name and table from the file name",
              p.returncode == 0 and ndoc.get("name") == "orders-service" and
              ndoc.get("table", {}).get("name") == "OrdersService", p.stderr + str(ndoc.get("name")))
    v = run([exe, "validate", nested, "--fail-on", "info"], d, env)
    rep.check("init", "that model validates clean too", v.returncode == 0, v.stdout[-800:])
    gen = run([exe, "generate", "dynamodel.yaml", "-t", "cloudformation", "-o", "out"], d, env)
    written = {}
    for base, _, files in os.walk(os.path.join(d, "out")):
        for f in files:
            written[os.path.relpath(os.path.join(base, f), os.path.join(d, "out"))] = open(os.path.join(base, f)).read()
    cfn = [t for t in written.values() if "AWS::DynamoDB::Table" in t]
    rep.check("init", "starter model generates CloudFormation: one template with its table",
              gen.returncode == 0 and len(cfn) == 1 and f"-{doc['table']['name']}" in cfn[0],
              f"exit {gen.returncode}: {gen.stderr}; files {sorted(written)}")


def check_pre_commit(rep, exe, work, env):
    pre_commit = shutil.which("pre-commit")
    if not pre_commit:
        rep.fail("pre-commit", "tool", "pre-commit is not installed (./run.sh test installs the Debian package)")
        return
    hooks = os.path.join(work, "hooks-repo")
    os.makedirs(hooks)
    shutil.copy(os.path.join(REPO, ".pre-commit-hooks.yaml"), hooks)
    git(hooks, env, "init", "-q", "-b", "main")
    git(hooks, env, "add", ".")
    git(hooks, env, "commit", "-q", "-m", "hooks")
    rev = git(hooks, env, "rev-parse", "HEAD")

    proj = os.path.join(work, "project")
    os.makedirs(os.path.join(proj, "models"))
    git(proj, env, "init", "-q", "-b", "main")
    good = open(os.path.join(DIFF_DIR, "add-gsi", "old.yaml")).read()
    # Two models: pre-commit passes both to ONE dynamodel process (require_serial).
    shutil.copy(os.path.join(REPO, "examples", "auth-tokens.yaml"), os.path.join(proj, "models", "auth.yaml"))
    model = os.path.join(proj, "models", "shop.yaml")
    with open(model, "w") as f:
        f.write(good.replace("  billing_mode: PAY_PER_REQUEST\n", "  billing_mode: PAY_PER_REQEUST\n"))
    # README's snippet, with the hooks repository replaced by the local clone of this one.
    import yaml
    readme = open(os.path.join(REPO, "README.md"), encoding="utf-8").read()
    m = re.search(r"<!-- pre-commit-example[^\n]*-->\n```yaml\n(.*?)\n```", readme, re.S)
    if not rep.check("pre-commit", "README has the .pre-commit-config.yaml snippet", m is not None, "no marker"):
        return
    config = yaml.safe_load(m.group(1))
    # The snippet exactly as written, but for the placeholder URL: this repository (a clone, as
    # CI has it) at the snippet's own `rev`, which must be a tag that exists here.
    written_rev = config["repos"][0]["rev"]
    cmake = open(os.path.join(REPO, "CMakeLists.txt"), encoding="utf-8").read()
    version = re.search(r"project\(dynamodel\s+VERSION\s+([0-9.]+)", cmake)
    rep.compare("pre-commit", "the snippet's rev is the release tag of the version in CMakeLists.txt",
                f"v{version.group(1) if version else '?'}", written_rev)
    tags = subprocess.run(["git", "-C", REPO, "tag", "--list"], capture_output=True, text=True).stdout.split()
    tag = hooks_at_tag = None
    if not tags:
        # A clone of the branch alone (as CI makes) carries no tags at all: nothing to check the
        # rev against here. A clone with tags must have this one.
        print(f"note pre-commit: this clone carries no tags; {written_rev} is checked where tags exist")
    else:
        tag = subprocess.run(["git", "-C", REPO, "rev-parse", "--verify", "--quiet",
                              f"refs/tags/{written_rev}^{{commit}}"], capture_output=True, text=True)
        rep.check("pre-commit", f"the snippet's rev {written_rev} is a tag of this repository", tag.returncode == 0,
                  "git tag it (the release of the version in CMakeLists.txt)")
        hooks_at_tag = subprocess.run(["git", "-C", REPO, "show", f"{written_rev}:.pre-commit-hooks.yaml"],
                                      capture_output=True, text=True)
        rep.check("pre-commit", f"{written_rev} holds .pre-commit-hooks.yaml", hooks_at_tag.returncode == 0,
                  hooks_at_tag.stderr)
    if tag is not None and tag.returncode == 0 and hooks_at_tag.returncode == 0:
        config["repos"][0].update(repo=f"file://{REPO}")
    else:
        config["repos"][0].update(repo=f"file://{hooks}", rev=rev)
    rep.compare("pre-commit", "README snippet uses both hooks", ["dynamodel-validate", "dynamodel-generate-check"],
                [h["id"] for h in config["repos"][0]["hooks"]])
    with open(os.path.join(proj, ".pre-commit-config.yaml"), "w") as f:
        yaml.safe_dump(config, f, sort_keys=False)
    git(proj, env, "add", ".")
    t0 = time.monotonic()
    p = run([pre_commit, "run", "--all-files"], proj, env)
    first = time.monotonic() - t0
    rep.check("pre-commit", "broken model: run fails, naming the finding",
              p.returncode == 1 and "schema/invalid-value" in p.stdout and "models/shop.yaml" in p.stdout,
              f"exit {p.returncode}: {p.stdout[-3000:]}{p.stderr[-1000:]}")
    p = run([pre_commit, "install"], proj, env)
    rep.check("pre-commit", "install the git hook", p.returncode == 0, p.stdout + p.stderr)
    p = run(["git", "commit", "-q", "-m", "broken"], proj, env)
    rep.check("pre-commit", "git commit of the broken model is refused", p.returncode != 0, p.stdout + p.stderr)

    with open(model, "w") as f:
        f.write(good)
    g = run([exe, "generate", "models/auth.yaml", "models/shop.yaml", "--target", "cloudformation", "--out", "infra"],
            proj, env)
    rep.check("pre-commit", "generate infra", g.returncode == 0, g.stderr)
    git(proj, env, "add", ".")
    t0 = time.monotonic()
    p = run([pre_commit, "run", "--all-files"], proj, env)
    second = time.monotonic() - t0
    rep.check("pre-commit", "fixed model: run passes", p.returncode == 0, p.stdout[-3000:] + p.stderr[-1000:])
    p = run(["git", "commit", "-q", "-m", "fixed"], proj, env)
    rep.check("pre-commit", "git commit of the fixed model passes", p.returncode == 0, p.stdout + p.stderr)

    with open(model, "w") as f:
        f.write(good.replace("    Owner: commerce-platform\n", "    Owner: shop-team\n"))
    git(proj, env, "add", ".")
    p = run([pre_commit, "run", "--all-files"], proj, env)
    rep.check("pre-commit", "model changed without regenerating: generate-check fails",
              p.returncode == 1 and "out of date" in p.stdout, p.stdout[-3000:])
    print(f"note pre-commit: first run {first:.2f} s (clones the hooks repo), later run {second:.2f} s")


def workflow_example():
    """The `run:` steps of README's workflow example, parsed with PyYAML."""
    import yaml
    text = open(os.path.join(REPO, "README.md"), encoding="utf-8").read()
    m = re.search(r"<!-- workflow-example[^\n]*-->\n```yaml\n(.*?)\n```", text, re.S)
    if not m:
        return None
    doc = yaml.safe_load(m.group(1))
    (job,) = doc["jobs"].values()
    return doc, job["steps"]


def check_ci_example(rep, exe, work, env):
    found = workflow_example()
    if not rep.check("ci", "README has the workflow example", found is not None, "no <!-- workflow-example --> block"):
        return
    doc, steps = found
    rep.check("ci", "runs on pull requests", "pull_request" in (doc.get(True) or doc.get("on") or {}), str(doc.keys()))
    uses = [s.get("uses", "") for s in steps]
    rep.check("ci", "uploads SARIF to code scanning", any(u.startswith("github/codeql-action/upload-sarif") for u in uses),
              str(uses))
    scripts = [(s.get("name", ""), s["run"], s.get("if", "")) for s in steps if "run" in s]
    joined = "\n".join(r for _, r, _ in scripts)
    for needle in ("--format sarif", "diff", "--base origin/main", "generate", "--check", "cmake --install"):
        rep.check("ci", f"example uses {needle!r}", needle in joined, "missing")

    origin = os.path.join(work, "origin.git")
    seed = os.path.join(work, "seed")
    os.makedirs(os.path.join(seed, "models"))
    git(work, env, "init", "-q", "--bare", "-b", "main", origin)
    git(seed, env, "init", "-q", "-b", "main")
    shutil.copy(os.path.join(DIFF_DIR, "add-two-gsis", "old.yaml"), os.path.join(seed, "models", "shop.yaml"))
    shutil.copy(os.path.join(REPO, "examples", "auth-tokens.yaml"), os.path.join(seed, "models", "auth.yaml"))
    run([exe, "generate", "models/auth.yaml", "models/shop.yaml", "-t", "cloudformation", "-o", "infra"], seed, env)
    git(seed, env, "add", ".")
    git(seed, env, "commit", "-q", "-m", "base")
    git(seed, env, "remote", "add", "origin", origin)
    git(seed, env, "push", "-q", "origin", "main")
    clone = os.path.join(work, "pr")
    git(work, env, "clone", "-q", origin, clone)
    git(clone, env, "checkout", "-q", "-b", "feature")
    shutil.copy(os.path.join(DIFF_DIR, "add-two-gsis", "new.yaml"), os.path.join(clone, "models", "shop.yaml"))
    run([exe, "generate", "models/auth.yaml", "models/shop.yaml", "-t", "cloudformation", "-o", "infra"], clone, env)
    git(clone, env, "commit", "-q", "-am", "two GSIs")

    summary = os.path.join(work, "step-summary.md")
    step_env = dict(env, GITHUB_STEP_SUMMARY=summary, GITHUB_EVENT_NAME="pull_request")

    def run_steps(label):
        results = {}
        for name, script, cond in scripts:
            if "cmake --build" in script:
                check_build_step(script)
                print(f"note ci: step {name!r} not run here (a full build takes minutes; test_install.py "
                      "covers cmake --install and the .deb)")
                continue
            p = run(["bash", "-e", "-o", "pipefail", "-c", script], clone, step_env)
            results[name] = p
        return results

    def check_build_step(script):
        """What can be checked of the build step without building: its -D options exist in
        CMakeLists.txt and its Debian packages are known to apt."""
        cmake = open(os.path.join(REPO, "CMakeLists.txt")).read()
        for opt in re.findall(r"-D([A-Z_]+)=", script):
            rep.check("ci", f"build step: -D{opt} is an option", opt.startswith("CMAKE_") or f"option({opt} " in cmake,
                      "not in CMakeLists.txt")
        m = re.search(r"apt-get install ([^\n]*)", script)
        pkgs = [w for w in (m.group(1).split() if m else []) if not w.startswith("-")]
        p = run(["apt-cache", "show", "--no-all-versions", *pkgs], work, env)
        rep.check("ci", f"build step: {len(pkgs)} Debian packages known to apt", p.returncode == 0 and len(pkgs) > 3,
                  p.stderr[-500:])

    res = run_steps("pr")
    by_kw = lambda kw: next((p for n, p in res.items() if kw in n.lower()), None)  # noqa: E731
    v, d, g = by_kw("validate"), by_kw("safe"), by_kw("generated")
    if v:
        sarif = json.load(open(os.path.join(clone, "dynamodel.sarif")))
        rep.check("ci", "validate step: exit 0 and a SARIF 2.1.0 log",
                  v.returncode == 0 and sarif.get("version") == "2.1.0" and "dynamodel" in v.stdout,
                  f"exit {v.returncode}: {v.stderr}")
    if d:
        text = open(summary).read() if os.path.exists(summary) else ""
        rep.check("ci", "diff step: fails the PR that adds two GSIs, plan in the job summary",
                  d.returncode == 1 and "Rollout plan" in text and "GSI3" in text,
                  f"exit {d.returncode}: {d.stderr} {text[:500]}")
    if g:
        rep.check("ci", "generate --check step: passes when infra is current", g.returncode == 0, g.stdout + g.stderr)
    # Drift: a hand edit of a generated file fails the check step.
    infra = [os.path.join(r, f) for r, _, fs in os.walk(os.path.join(clone, "infra")) for f in fs]
    with open(infra[0], "a") as f:
        f.write("# edited by hand\n")
    name, script, _ = next(s for s in scripts if "generated" in s[0].lower())
    p = run(["bash", "-e", "-c", script], clone, step_env)
    rep.check("ci", "generate --check step: fails on drift", p.returncode == 1 and "out of date" in p.stdout,
              f"exit {p.returncode}: {p.stdout}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dynamodel", required=True)
    args = ap.parse_args()
    exe = os.path.abspath(args.dynamodel)
    rep = Report()
    start = time.monotonic()
    with tempfile.TemporaryDirectory() as work:
        bindir = os.path.join(work, "bin")
        os.makedirs(bindir)
        os.symlink(exe, os.path.join(bindir, "dynamodel"))
        env = dict(os.environ, **GIT_ENV, PATH=bindir + os.pathsep + os.environ.get("PATH", ""),
                   PRE_COMMIT_HOME=os.path.join(work, "pre-commit-home"), HOME=work)
        for check in (check_init, check_pre_commit, check_ci_example):
            try:
                check(rep, exe, work, env)
            except Exception as e:  # noqa: BLE001 - report and go on with the next part
                rep.fail(check.__name__, "ran", f"{type(e).__name__}: {e}")
    print(f"{rep.passed} passed, {rep.failed} failed ({time.monotonic() - start:.1f} s)")
    return 1 if rep.failed else 0


if __name__ == "__main__":
    sys.exit(main())
