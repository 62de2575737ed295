#!/usr/bin/env python3
"""The C++ sources follow .clang-format: `clang-format --dry-run --Werror` over every tracked
C++ file of src/, tests/ (unit, cpp_accessors), fuzz/ and bench/, except generated files (their
first line says `// GENERATED`). Fix with: clang-format-14 -i --style=file FILE...
"""
import os
import shutil
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PATTERNS = ("src/*.cpp", "src/*.hpp", "tests/unit/*.cpp", "tests/unit/*.hpp", "tests/cpp_accessors/*.cpp",
            "tests/cpp_accessors/*.hpp", "fuzz/*.cpp", "fuzz/*.hpp", "bench/*.cpp")


def main():
    tool = shutil.which("clang-format-14") or shutil.which("clang-format")
    if not tool:
        print("not ok - clang-format is missing (./run.sh test installs it)")
        return 1
    files = subprocess.run(["git", "-C", REPO, "ls-files", *PATTERNS], capture_output=True, text=True,
                           check=True).stdout.split()
    checked = []
    for f in files:
        with open(os.path.join(REPO, f), encoding="utf-8") as fh:
            if fh.readline().startswith("// GENERATED"):
                continue
        checked.append(f)
    if len(checked) < 100:
        print(f"not ok - only {len(checked)} C++ files found: the file discovery is broken")
        return 1
    p = subprocess.run([tool, "--style=file", "--dry-run", "--Werror", *checked], cwd=REPO, capture_output=True,
                       text=True)
    if p.returncode != 0:
        print("not ok - clang-format: these lines differ from .clang-format's style:")
        print(p.stderr[-6000:])
        return 1
    print(f"ok - {len(checked)} C++ files follow .clang-format")
    return 0


if __name__ == "__main__":
    sys.exit(main())
