#!/usr/bin/env python3
"""Benchmark: how long `dynamodel validate` takes on the bundled examples, as a pre-commit
hook would run it, against cfn-lint on the CloudFormation generated from the same models,
measured in one run on one machine (report the ratio, not the absolute times).

usage: bench/validate_speed.py [--dynamodel build/dynamodel] [--runs 30]
"""
import argparse
import glob
import os
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def median_seconds(cmd, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dynamodel", default=os.path.join(ROOT, "build", "dynamodel"))
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    examples = sorted(glob.glob(os.path.join(ROOT, "examples", "*.yaml")))
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([args.dynamodel, "generate", *examples, "-t", "cloudformation", "-o", out], check=True,
                       stdout=subprocess.DEVNULL)
        templates = sorted(glob.glob(os.path.join(out, "*.yaml")))
        baseline = median_seconds(["true"], args.runs)
        validate = median_seconds([args.dynamodel, "validate", *examples], args.runs)
        generate = median_seconds([args.dynamodel, "generate", *examples, "-t", "cloudformation", "-o", out],
                                  args.runs)
        cfn_lint = median_seconds(["cfn-lint", *templates], max(3, args.runs // 10))
    print(f"{len(examples)} example models, median of {args.runs} runs")
    print(f"  process start (`true`)       {baseline * 1000:8.1f} ms")
    print(f"  dynamodel validate           {validate * 1000:8.1f} ms")
    print(f"  dynamodel generate           {generate * 1000:8.1f} ms")
    print(f"  cfn-lint on the templates    {cfn_lint * 1000:8.1f} ms")
    print(f"  cfn-lint / dynamodel validate = {cfn_lint / validate:.0f}x")


if __name__ == "__main__":
    main()
