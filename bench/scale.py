#!/usr/bin/env python3
"""Benchmark: how `dynamodel validate` and `dynamodel analyze --format json` scale with the
model's size, on synthetic models (bench/synthetic_model.py) of about 10, 100 and 1,000
entities. Prints the median wall time of several runs, the peak RSS, and the time per entity
(roughly constant when the run is linear). Builds nothing: pass a build dir or a binary.

usage: bench/scale.py [BUILD_DIR_OR_BINARY (default ./build)] [--runs 5] [--sizes 10 100 1000]
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from synthetic_model import synthetic_model  # noqa: E402


def measure(cmd, runs):
    """(median seconds, peak RSS in MiB, exit code of the last run); one process per run, so
    each run's RUSAGE_CHILDREN maximum is read by a fresh measuring child."""
    probe = ("import resource,subprocess,sys,time;t=time.perf_counter();"
             "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL).returncode;"
             "d=time.perf_counter()-t;print(d,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,r)")
    times, rss, code = [], 0, 0
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, check=True).stdout
        t, kb, code = out.split()
        times.append(float(t))
        rss = max(rss, int(kb))
    return statistics.median(times), rss / 1024, int(code)


def has_analyze(binary):
    return subprocess.run([binary, "analyze", "--help"], capture_output=True).returncode == 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build", nargs="?", default=os.path.join(ROOT, "build"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    args = ap.parse_args()
    binary = os.path.join(args.build, "dynamodel") if os.path.isdir(args.build) else args.build
    commands = [("validate", ["validate"])]
    if has_analyze(binary):
        commands.append(("analyze --format json", ["analyze", "--format", "json"]))
    else:
        print("(no `analyze` subcommand in this build: measuring validate only)")
    print(f"{binary}, median of {args.runs} runs")
    print(f"{'command':<22} {'entities':>8} {'patterns':>8} {'GSIs':>4} {'lines':>7} {'median ms':>10} "
          f"{'ms/entity':>10} {'peak RSS MiB':>12} {'exit':>4}")
    with tempfile.TemporaryDirectory() as work:
        for n in args.sizes:
            path = os.path.join(work, f"synthetic-{n}.yaml")
            text = synthetic_model(n)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            for label, sub in commands:
                median, rss, code = measure([binary, *sub, path], args.runs)
                print(f"{label:<22} {n:>8} {3 * n:>8} {min(20, max(1, n // 10)):>4} {text.count(chr(10)):>7} "
                      f"{median * 1000:>10.1f} {median * 1000 / n:>10.3f} {rss:>12.1f} {code:>4}", flush=True)
    print("exit: 0 no findings at --fail-on's level, 1 findings (the synthetic model should give 0)")


if __name__ == "__main__":
    main()
