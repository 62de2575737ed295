"""The result lines the Python test scripts print: `ok   <case>: <check>` or
`FAIL <case>: <check>: <details>`, and at the end `N passed, M failed`."""

import sys
import time


class Report:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, example, name, ok, details=""):
        if ok:
            self.passed += 1
            print(f"ok   {example}: {name}", flush=True)
        else:
            self.failed += 1
            print(f"FAIL {example}: {name}: {details}", flush=True)
        return ok

    def ok(self, example, name):
        return self.check(example, name, True)

    def fail(self, example, name, details):
        return self.check(example, name, False, details)

    def compare(self, example, name, expected, actual):
        return self.check(example, name, expected == actual, f"expected {expected!r}, got {actual!r}")

    def finish(self, started):
        """Ends a run: a run that checked nothing fails; prints the time (stderr) and the
        `N passed, M failed` line; returns the exit code."""
        if self.passed + self.failed == 0:
            self.fail("(all)", "checks", "nothing was checked")
        print(f"# {time.monotonic() - started:.1f} s", file=sys.stderr)
        print(f"{self.passed} passed, {self.failed} failed", flush=True)
        return 1 if self.failed else 0
