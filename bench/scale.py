#!/usr/bin/env python3
"""Benchmark: how `dynamodel validate` scales with the model's size, against the yaml-cpp floor
(bench/yaml_floor.cpp: yaml-cpp alone loading and walking the same file), in one run.

Shapes (bench/synthetic_model.py): `growing` (GSIs grow with the model, 10 entities per GSI)
and `shared` (every entity in three GSIs with free-form sort keys such as "{createdAt}"), at
10, 100 and 1,000 entities; then the `collection` shape (32,000 small entities sharing one
partition key, just under the 4 MiB input cap), validate only. For each: the median wall time
of several runs and the peak RSS, of `validate` and of the floor; then the ratios
1,000 vs 100 entities (linear is 10x) and validate vs floor at 1,000 entities.

Targets (issue 12): at 1,000 entities validate costs at most 1.5x the floor and at most 11x
its 100-entity time, for both shapes; the 32,000-entity model validates in a few seconds.
Builds nothing: pass the build dir holding `dynamodel` and `yaml_floor`.

usage: bench/scale.py [BUILD_DIR (default ./build)] [--runs 5] [--sizes 10 100 1000]
                      [--collection 32000 (0: skip)]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from synthetic_model import synthetic_model  # noqa: E402


def measure(cmd, runs):
    """(median wall seconds, median CPU seconds (user + system), peak RSS in MiB, exit code of
    the last run); one process per run, so each run's RUSAGE_CHILDREN is read by a fresh
    measuring child. On a busy machine the CPU time is the steadier of the two."""
    probe = ("import resource,subprocess,sys,time;t=time.perf_counter();"
             "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL).returncode;"
             "d=time.perf_counter()-t;u=resource.getrusage(resource.RUSAGE_CHILDREN);"
             "print(d,u.ru_utime+u.ru_stime,u.ru_maxrss,r)")
    times, cpus, rss, code = [], [], 0, 0
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, check=True).stdout
        t, cpu, kb, code = out.split()
        times.append(float(t))
        cpus.append(float(cpu))
        rss = max(rss, int(kb))
    return statistics.median(times), statistics.median(cpus), rss / 1024, int(code)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build", nargs="?", default=os.path.join(ROOT, "build"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    ap.add_argument("--collection", type=int, default=32000)
    args = ap.parse_args()
    dynamodel = os.path.join(args.build, "dynamodel")
    floor = os.path.join(args.build, "yaml_floor")
    for binary in (dynamodel, floor):
        if not os.access(binary, os.X_OK):
            sys.exit(f"scale.py: {binary} not found: build it first (cmake --build {args.build})")
    print(f"{dynamodel}, median of {args.runs} runs; floor: {floor}")
    print(f"{'shape':<10} {'entities':>8} {'KiB':>6} {'validate ms':>11} {'cpu ms':>8} {'RSS MiB':>8} "
          f"{'floor ms':>9} {'cpu ms':>8} {'RSS MiB':>8} {'v/floor':>7} {'cpu v/f':>7} {'exit':>4}")
    results = {}
    with tempfile.TemporaryDirectory() as work:
        runs = [(shape, n) for shape in ("growing", "shared") for n in args.sizes]
        if args.collection:
            runs.append(("collection", args.collection))
        for shape, n in runs:
            path = os.path.join(work, f"{shape}-{n}.yaml")
            text = synthetic_model(n, shape)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            r = max(1, args.runs if shape != "collection" else min(args.runs, 3))
            v, v_cpu, v_rss, code = measure([dynamodel, "validate", path], r)
            fl, fl_cpu, fl_rss, _ = measure([floor, path], r)
            results[(shape, n)] = (v, fl, v_cpu, fl_cpu)
            print(f"{shape:<10} {n:>8} {len(text.encode()) // 1024:>6} {v * 1000:>11.1f} {v_cpu * 1000:>8.1f} "
                  f"{v_rss:>8.1f} {fl * 1000:>9.1f} {fl_cpu * 1000:>8.1f} {fl_rss:>8.1f} {v / fl:>7.2f} "
                  f"{v_cpu / fl_cpu:>7.2f} {code:>4}", flush=True)
    print("exit: 0 no findings at --fail-on's level, 1 findings (the synthetic models should give 0)")
    big, small = max(args.sizes), sorted(args.sizes)[-2] if len(args.sizes) > 1 else None
    for shape in ("growing", "shared"):
        v_big, fl_big, c_big, cf_big = results[(shape, big)]
        line = (f"{shape}: validate/floor at {big} entities = {v_big / fl_big:.2f}x wall, {c_big / cf_big:.2f}x cpu "
                f"(target <= 1.5x)")
        if small:
            v_small, _, c_small, _ = results[(shape, small)]
            line += (f"; validate {big} vs {small} entities = {v_big / v_small:.1f}x wall, {c_big / c_small:.1f}x cpu "
                     f"(target <= {1.1 * big / small:g}x)")
        print(line)


if __name__ == "__main__":
    main()
