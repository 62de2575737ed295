#!/usr/bin/env python3
"""The install story: `cmake --install BUILD --prefix TMP` puts the binary, templates, schema,
LICENSE, the Debian copyright file, every doc page and the examples in place; `cpack -G DEB` builds the Debian package, inspected with `dpkg-deb -f`, installed
by `dpkg -i` into a temporary root with its own package database (no change to this machine),
and its dependencies resolved by `apt-get install --simulate`; the installed `dynamodel --version`
prints the version and the model format, it validates an example, and the schema is there.
"""

import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from report import Report  # noqa: E402


def run(cmd, cwd=None, timeout=300):
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def check_tree(rep, label, root, prefix):
    exe = os.path.join(root, prefix.lstrip("/"), "bin", "dynamodel")
    share = os.path.join(root, prefix.lstrip("/"), "share")
    rep.check(label, "bin/dynamodel", os.access(exe, os.X_OK), exe)
    def contents(base):
        """Relative path -> bytes of every template under base/templates."""
        out = {}
        for path in glob.glob(os.path.join(base, "templates", "*", "*.mustache")):
            with open(path, "rb") as f:
                out[os.path.relpath(path, base)] = f.read()
        return out

    def same_file(installed, source):
        if not os.path.isfile(installed):
            return False
        with open(installed, "rb") as a, open(source, "rb") as b:
            return a.read() == b.read()

    installed, source = contents(os.path.join(share, "dynamodel")), contents(REPO)
    rep.compare(label, "share/dynamodel/templates: every template", sorted(source), sorted(installed))
    rep.check(label, "share/dynamodel/templates: the repository's bytes", installed == source,
              ", ".join(k for k in source if installed.get(k) != source[k])[:500])
    rep.check(label, "share/dynamodel/schemas/dynamodel.schema.json is the repository's",
              same_file(os.path.join(share, "dynamodel", "schemas", "dynamodel.schema.json"),
                        os.path.join(REPO, "schemas", "dynamodel.schema.json")), share)
    rep.check(label, "share/doc/dynamodel/README.md is the repository's",
              same_file(os.path.join(share, "doc", "dynamodel", "README.md"), os.path.join(REPO, "README.md")), share)
    for rel in ("LICENSE", "packaging/debian/copyright"):
        rep.check(label, f"share/doc/dynamodel/{os.path.basename(rel)} is the repository's {rel}",
                  same_file(os.path.join(share, "doc", "dynamodel", os.path.basename(rel)), os.path.join(REPO, rel)),
                  share)
    docs = sorted(os.path.relpath(p, os.path.join(REPO, "docs"))
                  for p in glob.glob(os.path.join(REPO, "docs", "**", "*.md"), recursive=True))
    missing = [d for d in docs if not same_file(os.path.join(share, "doc", "dynamodel", "docs", d),
                                                 os.path.join(REPO, "docs", d))]
    rep.check(label, f"share/doc/dynamodel/docs: every doc page ({len(docs)})", docs and not missing, missing)
    examples = sorted(os.path.basename(p) for p in glob.glob(os.path.join(REPO, "examples", "*.yaml")))
    missing = [e for e in examples if not same_file(os.path.join(share, "dynamodel", "examples", e),
                                                     os.path.join(REPO, "examples", e))]
    rep.check(label, f"share/dynamodel/examples: every example ({len(examples)})", examples and not missing, missing)
    for rel in ("bash-completion/completions/dynamodel", "zsh/vendor-completions/_dynamodel",
                "fish/vendor_completions.d/dynamodel.fish", "man/man1/dynamodel.1"):
        path = os.path.join(share, rel)
        with open(path, encoding="utf-8") if os.path.isfile(path) else open(os.devnull) as f:
            text = f.read().replace("\\-", "-")  # roff writes a minus as \-
        rep.check(label, f"share/{rel}: generated from the command line (names validate --fail-on)",
                  "validate" in text and "fail-on" in text, path)
    if not os.access(exe, os.X_OK):
        return
    p = run([exe, "--version"])
    cmake = open(os.path.join(REPO, "CMakeLists.txt")).read()
    version = re.search(r"project\(dynamodel VERSION ([0-9.]+)", cmake).group(1)
    fmt = re.search(r"set\(DYNAMODEL_FORMAT_VERSION ([0-9]+)\)", cmake).group(1)
    rep.compare(label, "dynamodel --version", f"dynamodel {version} (model format {fmt})", p.stdout.strip())
    p = run([exe, "validate", os.path.join(REPO, "examples", "ecommerce.yaml")])
    rep.check(label, "validate examples/ecommerce.yaml", p.returncode == 0 and "0 errors" in p.stdout,
              f"exit {p.returncode}: {p.stdout[-500:]}{p.stderr}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True, help="the CMake build folder of the binary under test")
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    rep = Report()
    start = time.monotonic()
    with tempfile.TemporaryDirectory() as work:
        prefix = os.path.join(work, "prefix")
        p = run(["cmake", "--install", build, "--prefix", prefix])
        if rep.check("cmake --install", "exit 0", p.returncode == 0, p.stderr):
            check_tree(rep, "cmake --install", prefix, "/")
        # cpack writes into the build folder's _CPack_Packages and the .deb to -B.
        p = run(["cpack", "-G", "DEB", "-B", os.path.join(work, "pkg")], cwd=build, timeout=600)
        debs = glob.glob(os.path.join(work, "pkg", "*.deb"))
        if not rep.check("cpack", "cpack -G DEB builds one .deb", p.returncode == 0 and len(debs) == 1,
                         p.stdout[-1500:] + p.stderr[-1500:]):
            print(f"{rep.passed} passed, {rep.failed} failed")
            return 1
        deb = debs[0]
        fields = {f: run(["dpkg-deb", "-f", deb, f]).stdout.strip() for f in ("Package", "Version", "Depends")}
        rep.compare("deb", "Package", "dynamodel", fields["Package"])
        rep.check("deb", "Depends lists the shared libraries (dpkg-shlibdeps)",
                  "libyaml-cpp" in fields["Depends"] and "libc6" in fields["Depends"], fields["Depends"])
        # libcurl is loaded with dlopen (src/live/curl_loader.cpp): Depends names it by hand.
        rep.check("deb", "Depends names libcurl4 (loaded with dlopen)", "libcurl4" in fields["Depends"],
                  fields["Depends"])
        listing = run(["dpkg-deb", "-c", deb]).stdout
        rep.check("deb", "installs ./usr/bin/dynamodel", "./usr/bin/dynamodel" in listing, listing[:800])
        # Installed by dpkg itself, into a temporary root with its own (empty) package database:
        # dpkg unpacks, configures and records it; the dependencies are checked against this
        # machine's packages by apt's resolver (simulated: nothing changes here).
        root = os.path.join(work, "root")
        admin = os.path.join(root, "var", "lib", "dpkg")
        for d in ("info", "updates"):
            os.makedirs(os.path.join(admin, d))
        open(os.path.join(admin, "status"), "w").close()
        p = run(["dpkg", "--force-not-root", "--force-depends", "--force-script-chrootless", f"--instdir={root}",
                 f"--admindir={admin}", "-i", deb])
        status = run(["dpkg", f"--admindir={admin}", "-s", "dynamodel"]).stdout
        if rep.check("deb", "dpkg -i (temporary root): install ok installed",
                     p.returncode == 0 and "Status: install ok installed" in status, p.stdout[-800:] + p.stderr[-800:]):
            check_tree(rep, "deb", root, "/usr")
        p = run(["apt-get", "install", "--simulate", "--no-install-recommends", deb])
        rep.check("deb", "apt-get install --simulate ./dynamodel_*.deb: dependencies satisfiable here",
                  p.returncode == 0 and "dynamodel" in p.stdout, p.stdout[-800:] + p.stderr[-800:])
        print(f"note: {os.path.basename(deb)}, {os.path.getsize(deb) // 1024} KiB")
    print(f"{rep.passed} passed, {rep.failed} failed ({time.monotonic() - start:.1f} s)")
    return 1 if rep.failed else 0


if __name__ == "__main__":
    sys.exit(main())
