#!/usr/bin/env python3
"""Faults of `dynamodel generate`: a killed run, a full disk, hostile paths and inputs.

Every case drives the real binary against real faults:
  - kill: strace kills the process (SIGKILL) at its Nth rename (some files moved into place,
    the others still temporaries) and at its Nth fsync (temporaries only). Afterwards no output
    file is partial; `generate --check` exits 1 and lists every stray temporary; the next run
    removes them, says so, and leaves a tree equal (names, bytes, modes) to a clean run's.
  - full disk: a 64 KiB tmpfs mounted in a private mount namespace (`unshare -m` as root,
    `unshare -r -m` otherwise) gives a real ENOSPC. The run exits 2 and says so; a new output
    folder is gone again, an existing one holds exactly what it held before.
  - read-only folder: the output folder and its subfolders are mode 0555 and the run is not
    root (`setpriv` to nobody when the test runs as root): exit 2 with the reason, nothing
    changed, no temporary left.
  - symbolic links in the output path (a subfolder, a file) that lead outside --out: exit 2,
    nothing written there, no folder created.
  - a FIFO nobody writes to and /dev/zero as the model: exit 2 with a clear error, no hang.
  - hostile models (alias bomb, deep nesting, NUL bytes, invalid UTF-8, a file over the
    size cap, a model name with `../`): exit 1 or 2, no crash, no sanitizer report, nothing
    written.
Each run has a 20 s timeout that only catches hangs (not a timing assertion).

Prints `ok   <case>: <check>` / `FAIL <case>: <check>: <details>` and `N passed, M failed`.

Usage: test_generate_faults.py --dynamodel PATH [--model FILE]
"""

import argparse
import glob
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from report import Report  # noqa: E402  (tests/e2e/report.py)

TIMEOUT_S = 20
TEMPORARY = re.compile(r"^\..+\.dynamodel-[A-Za-z0-9]{6}$")  # io/writer.hpp is_temporary_name
CRASH_MARKERS = ("AddressSanitizer", "runtime error:", "terminate called", "Segmentation fault", "internal-error")


def tree(root):
    """{relative path: (bytes, mode)} of every file under root; folders as (None, mode)."""
    out = {}
    for dirpath, dirs, names in os.walk(root):
        for d in dirs:
            p = os.path.join(dirpath, d)
            out[os.path.relpath(p, root) + "/"] = (None, stat.S_IMODE(os.lstat(p).st_mode))
        for n in names:
            p = os.path.join(dirpath, n)
            with open(p, "rb") as f:
                out[os.path.relpath(p, root)] = (f.read(), stat.S_IMODE(os.lstat(p).st_mode))
    return out


def temporaries(root):
    return sorted(p for p in tree(root) if TEMPORARY.match(os.path.basename(p)))


def run(cmd, **kw):
    try:
        return subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=TIMEOUT_S, **kw)
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(cmd, "timeout", "", f"no answer within {TIMEOUT_S} s")


def describe(r):
    return f"exit {r.returncode}; stderr: {r.stderr.strip()[:400]!r}; stdout: {r.stdout.strip()[:200]!r}"


def no_crash(rep, case, r):
    rep.check(case, "exit 1 or 2", r.returncode in (1, 2), describe(r))
    bad = [m for m in CRASH_MARKERS if m in r.stderr]
    rep.check(case, "no crash report", not bad, f"{bad} in {r.stderr[:400]!r}")


def case_kill(rep, dynamodel, model, clean, work, syscall, n):
    """SIGKILL at the nth `syscall`, then --check, then a clean-up run."""
    case = f"kill-at-{syscall}-{n}"
    out = os.path.join(work, case)
    names = "rename,renameat,renameat2" if syscall == "rename" else syscall
    r = run(["strace", "-f", "-qq", "-o", os.devnull, "-e", f"trace={names}",
             "-e", f"inject={names}:signal=SIGKILL:when={n}",
             dynamodel, "generate", model, "--target", "all", "--out", out])
    if not rep.check(case, "killed by SIGKILL", r.returncode in (-9, 137) and "wrote" not in r.stdout, describe(r)):
        return
    after = tree(out)
    strays = temporaries(out)
    expected_strays = len([p for p in clean if not p.endswith("/")]) - (n - 1 if syscall == "rename" else 0)
    if syscall == "fsync":
        expected_strays = n  # n temporaries made, the nth being flushed when killed
    rep.compare(case, "temporaries left by the kill", expected_strays, len(strays))
    partial = [p for p, (data, _) in after.items()
               if data is not None and p not in strays and (p not in clean or clean[p][0] != data)]
    rep.check(case, "no partial or foreign output file", not partial, f"{partial[:5]}")

    c = run([dynamodel, "generate", model, "--target", "all", "--out", out, "--check"])
    listed = sorted(os.path.relpath(line.split(": stray temporary")[0], out)
                    for line in c.stdout.splitlines() if ": stray temporary of an interrupted run" in line)
    rep.check(case, "--check exits 1", c.returncode == 1, describe(c))
    rep.compare(case, "--check lists every stray temporary", strays, listed)

    g = run([dynamodel, "generate", model, "--target", "all", "--out", out])
    rep.check(case, "next run succeeds", g.returncode == 0, describe(g))
    removed = sorted(os.path.relpath(line[len("removed stray temporary "):], out)
                     for line in g.stdout.splitlines() if line.startswith("removed stray temporary "))
    rep.compare(case, "next run reports the temporaries it removed", strays, removed)
    final = tree(out)
    rep.check(case, "tree equals a clean run's (names, bytes, modes)", final == clean,
              f"only here: {sorted(set(final) - set(clean))[:5]}, missing: {sorted(set(clean) - set(final))[:5]}, "
              f"different: {sorted(p for p in set(final) & set(clean) if final[p] != clean[p])[:5]}")
    c2 = run([dynamodel, "generate", model, "--target", "all", "--out", out, "--check"])
    rep.check(case, "--check exits 0 afterwards", c2.returncode == 0 and not c2.stdout.strip(), describe(c2))


def mount_namespace_command():
    """The prefix that runs a command in a private mount namespace where it may mount."""
    return ["unshare", "-m"] if os.geteuid() == 0 else ["unshare", "-r", "-m"]


FULL_DISK_SCRIPT = r"""
mnt=$1 dynamodel=$2 model=$3 logs=$4
mount -t tmpfs -o size=64k dynamodel-test "$mnt" || exit 97
# an earlier, small output that fits
"$dynamodel" generate "$model" --target cloudformation --out "$mnt/kept" >"$logs/first.out" 2>"$logs/first.err"
echo $? >"$logs/first.rc"
(cd "$mnt" && find . -type f -exec sha256sum {} + | sort) >"$logs/before"
"$dynamodel" generate "$model" --target all --out "$mnt/new/out" >"$logs/new.out" 2>"$logs/new.err"
echo $? >"$logs/new.rc"
"$dynamodel" generate "$model" --target all --out "$mnt/kept" >"$logs/kept.out" 2>"$logs/kept.err"
echo $? >"$logs/kept.rc"
(cd "$mnt" && find . -mindepth 1 | sort) >"$logs/listing"
(cd "$mnt" && find . -type f -exec sha256sum {} + | sort) >"$logs/after"
"""


def case_full_disk(rep, dynamodel, model, clean, work):
    case = "full-disk"
    total = sum(len(data) for data, _ in clean.values() if data is not None)
    if not rep.check(case, "the output is larger than the 64 KiB disk", total > 64 * 1024, f"{total} bytes"):
        return
    mnt = os.path.join(work, "mnt")
    logs = os.path.join(work, "full-disk-logs")
    os.makedirs(mnt)
    os.makedirs(logs)
    r = run([*mount_namespace_command(), "sh", "-c", FULL_DISK_SCRIPT, "sh", mnt, dynamodel, model, logs])
    if not rep.check(case, "a tmpfs could be mounted in a mount namespace", r.returncode == 0, describe(r)):
        return

    def log(name):
        with open(os.path.join(logs, name), encoding="utf-8") as f:
            return f.read()
    rep.check(case, "the small output fits", log("first.rc").strip() == "0", log("first.err"))
    for run_name in ("new", "kept"):
        err = log(f"{run_name}.err")
        rep.check(case, f"{run_name}: exit 2", log(f"{run_name}.rc").strip() == "2", err)
        rep.check(case, f"{run_name}: says the disk is full and nothing was written",
                  "No space left on device" in err and "nothing was written" in err, err)
        rep.check(case, f"{run_name}: prints no `wrote` line", "wrote" not in log(f"{run_name}.out"), log(f"{run_name}.out"))
    listing = log("listing").split()
    rep.check(case, "the new output folder (and its parent) are gone", not any(p.startswith("./new") for p in listing),
              f"{listing[:8]}")
    rep.check(case, "no temporary left", not any(TEMPORARY.match(os.path.basename(p)) for p in listing), f"{listing}")
    rep.check(case, "the earlier output is exactly as before (no new folder, same bytes)",
              log("before") == log("after") and all(p.startswith("./kept") for p in listing)
              and not any(p.startswith("./kept/") and p.count("/") > 2 for p in listing),
              f"before {log('before')!r} after {log('after')!r} listing {listing}")


def as_unprivileged():
    """A prefix that runs a command without root's right to write anywhere."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def case_read_only(rep, dynamodel, model, work):
    case = "read-only-folder"
    out = os.path.join(work, "ro", "out")
    g = run([dynamodel, "generate", model, "--target", "cloudformation", "--out", out])
    if not rep.check(case, "first run", g.returncode == 0, describe(g)):
        return
    files = [p for p in tree(out) if not p.endswith("/")]
    stale = os.path.join(out, files[0])
    with open(stale, "a", encoding="utf-8") as f:
        f.write("# an older version\n")  # the run wants to replace this file
    before = tree(out)
    for dirpath, _, _ in os.walk(out):
        os.chmod(dirpath, 0o555)
    os.chmod(work, 0o755)
    os.chmod(os.path.dirname(out), 0o755)
    try:
        r = run([*as_unprivileged(), dynamodel, "generate", model, "--target", "cloudformation", "--out", out])
        rep.check(case, "exit 2", r.returncode == 2, describe(r))
        rep.check(case, "names the file and the reason", "Permission denied" in r.stderr and files[0] in r.stderr
                  and "nothing was written" in r.stderr, describe(r))
        rep.check(case, "nothing changed, no temporary", tree(out) == before, "the folder changed")
        # A new output folder inside a read-only one: cannot be created, clear error.
        r2 = run([*as_unprivileged(), dynamodel, "generate", model, "--target", "cloudformation",
                  "--out", os.path.join(out, "sub", "deeper")])
        rep.check(case, "new folder in a read-only folder: exit 2, says why",
                  r2.returncode == 2 and "cannot create the folder" in r2.stderr and "Permission denied" in r2.stderr,
                  describe(r2))
        rep.check(case, "new folder in a read-only folder: nothing created", tree(out) == before, "the folder changed")
    finally:
        for dirpath, _, _ in os.walk(out):
            os.chmod(dirpath, 0o755)


def case_symlinks(rep, dynamodel, model, work):
    case = "symlink-in-output-path"
    out = os.path.join(work, "links", "out")
    outside = os.path.join(work, "links", "outside")
    os.makedirs(out)
    os.makedirs(outside)
    os.symlink(outside, os.path.join(out, "cloudformation"))
    r = run([dynamodel, "generate", model, "--target", "all", "--out", out])
    rep.check(case, "subfolder link leading out: exit 2, says why",
              r.returncode == 2 and "refusing to write outside" in r.stderr, describe(r))
    rep.check(case, "subfolder link: nothing written outside", os.listdir(outside) == [], f"{os.listdir(outside)}")
    rep.check(case, "subfolder link: no folder created in --out", os.listdir(out) == ["cloudformation"],
              f"{os.listdir(out)}")

    case = "symlink-as-output-file"
    out2 = os.path.join(work, "links", "out2")
    g = run([dynamodel, "generate", model, "--target", "cloudformation", "--out", out2])
    name = sorted(p for p in tree(out2) if not p.endswith("/"))[0]
    victim = os.path.join(outside, "victim.txt")
    with open(victim, "w", encoding="utf-8") as f:
        f.write("not yours\n")
    os.remove(os.path.join(out2, name))
    os.symlink(victim, os.path.join(out2, name))
    r = run([dynamodel, "generate", model, "--target", "cloudformation", "--out", out2])
    rep.check(case, "exit 2, says why", g.returncode == 0 and r.returncode == 2 and "refusing to" in r.stderr,
              describe(r))
    with open(victim, encoding="utf-8") as f:
        rep.compare(case, "the link's target is untouched", "not yours\n", f.read())


def case_special_inputs(rep, dynamodel, work):
    fifo = os.path.join(work, "model.fifo")
    os.mkfifo(fifo)
    for name, path in (("fifo-as-model", fifo), ("dev-zero-as-model", "/dev/zero")):
        for command in (["validate", path], ["generate", path, "--target", "all", "--out", os.path.join(work, name)]):
            started = time.monotonic()
            r = run([dynamodel, *command])
            rep.check(name, f"{command[0]}: exit 2 with a clear error, no hang",
                      r.returncode == 2 and "not a regular file" in r.stderr, describe(r))
            rep.check(name, f"{command[0]}: returns at once", time.monotonic() - started < TIMEOUT_S / 2,
                      f"{time.monotonic() - started:.1f} s")
        rep.check(name, "nothing written", not os.path.exists(os.path.join(work, name)), "the output folder exists")


def hostile_models(model_text):
    header = "dynamodel: 1\n"
    # 10^9 leaves under lint.disable, a field the loader walks ("billion laughs")
    levels = "abcdefghi"
    bomb = model_text + "x-a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"x-{cur}: &{cur} [{', '.join(['*' + prev] * 10)}]\n" for prev, cur in zip(levels, levels[1:]))
    bomb += "lint:\n  disable: *i\n"
    return {
        "alias-bomb": bomb.encode(),
        "deep-flow-nesting": (header + "table: " + "[" * 100_000 + "]" * 100_000 + "\n").encode(),
        "deep-block-nesting": (header + "".join("  " * i + f"k{i}:\n" for i in range(1_500))).encode(),
        "nul-bytes": model_text.encode().replace(b"\n", b"\n\x00", 3),
        "invalid-utf8": model_text.encode().replace(b"name:", b"name: \xff\xfe\xc3(", 2),
        "over-the-size-cap": (model_text + "#" + "x" * (5 * 1024 * 1024) + "\n").encode(),
        "model-name-leading-out": re.sub(r"(?m)^name: .*$", "name: ../../escape", model_text, count=1).encode(),
        "binary-garbage": bytes(range(256)) * 64,
    }


def case_hostile_models(rep, dynamodel, model, work):
    with open(model, encoding="utf-8") as f:
        text = f.read()
    before = sorted(os.listdir(work))
    for name, data in hostile_models(text).items():
        case = f"hostile-model-{name}"
        path = os.path.join(work, f"{name}.yaml")
        with open(path, "wb") as f:
            f.write(data)
        out = os.path.join(work, f"{name}-out")
        r = run([dynamodel, "generate", path, "--target", "all", "--out", out])
        no_crash(rep, case, r)
        rep.check(case, "an error message", r.stderr.strip() != "", describe(r))
        rep.check(case, "nothing written", not os.path.exists(out), f"{out} exists")
        rep.check(case, "nothing written beside --out", sorted(os.listdir(work)) == sorted(before + [f"{name}.yaml"]),
                  f"{sorted(set(os.listdir(work)) - set(before))}")
        before = sorted(os.listdir(work))
        escaped = glob.glob(os.path.join(os.path.dirname(work), "escape*"))
        rep.check(case, "nothing written outside the work folder", not escaped, f"{escaped}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    ap.add_argument("--dynamodel", required=True)
    ap.add_argument("--model", default=os.path.join(REPO, "examples", "ecommerce.yaml"))
    args = ap.parse_args()
    dynamodel = os.path.abspath(args.dynamodel)
    model = os.path.abspath(args.model)
    started = time.monotonic()
    rep = Report()
    work = tempfile.mkdtemp(prefix="dynamodel-faults-")
    try:
        clean_dir = os.path.join(work, "clean")
        g = run([dynamodel, "generate", model, "--target", "all", "--out", clean_dir])
        if rep.check("clean", "a clean run", g.returncode == 0, describe(g)):
            clean = tree(clean_dir)
            files = len([p for p in clean if not p.endswith("/")])
            rep.check("clean", "no temporary after a clean run", not temporaries(clean_dir), f"{temporaries(clean_dir)}")
            for n in sorted({1, files // 2, files}):
                case_kill(rep, dynamodel, model, clean, work, "rename", n)
            case_kill(rep, dynamodel, model, clean, work, "fsync", 3)
            case_full_disk(rep, dynamodel, model, clean, work)
        case_read_only(rep, dynamodel, model, work)
        case_symlinks(rep, dynamodel, model, work)
        case_special_inputs(rep, dynamodel, work)
        case_hostile_models(rep, dynamodel, model, work)
    finally:
        for dirpath, _, _ in os.walk(work):
            os.chmod(dirpath, 0o755)
        shutil.rmtree(work, ignore_errors=True)
    return rep.finish(started)


if __name__ == "__main__":
    sys.exit(main())
