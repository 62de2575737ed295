#!/usr/bin/env python3
"""The design review says what to fix first (issue 19), in headless Chromium at a typical
laptop viewport (1280x800):

- the findings section starts within the first two screens (its top, measured by Chromium's
  layout, under 2 x the viewport height), right after the summary;
- the key design chart keeps its first column fixed (position: sticky) and scrolls sideways
  instead of widening the page;
- the sample items are collapsed (a closed <details>);
- "Most important findings" never puts an info note above a warning, nor a warning above an
  error, in the HTML and in the Markdown.

The report is self-contained (no script); the test measures a copy of it with a small script
appended that writes the measurements into the DOM, and reads them with --dump-dom.
Ends with `N passed, M failed`.
"""
import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from report import Report  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
WIDTH, HEIGHT = 1280, 800
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars", f"--window-size={WIDTH},{HEIGHT}"]
# Appended to a copy of the report: the measurements as JSON in <pre id="measured">.
PROBE = """<script>
(function () {
  var f = document.getElementById('findings');
  var prev = f ? f.previousElementSibling : null;
  var keys = document.querySelector('#key-design table.keys');
  var first = keys ? keys.querySelector('td') : null;
  var wrap = keys ? keys.parentElement : null;
  var samples = document.querySelector('#single-table details.samples');
  var out = {
    viewport: window.innerHeight,
    findings_top: f ? f.getBoundingClientRect().top + window.scrollY : null,
    after: prev ? prev.id : null,
    sticky: first ? getComputedStyle(first).position : null,
    chart_scrolls: wrap ? getComputedStyle(wrap).overflowX : null,
    page_wider: document.documentElement.scrollWidth > window.innerWidth,
    samples_open: samples ? samples.open : null,
    top: Array.prototype.map.call(document.querySelectorAll('#summary ul.top li .pill'),
                                  function (e) { return e.textContent; })
  };
  var pre = document.createElement('pre');
  pre.id = 'measured';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>"""
RANK = {"error": 0, "warning": 1, "info": 2}


def ordered(severities):
    """True when the severities never rise: no warning after an info, no error after a warning."""
    ranks = [RANK[s] for s in severities]
    return ranks == sorted(ranks)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dynamodel", required=True)
    ap.add_argument("--keep", help="folder to keep the measured copies in")
    args = ap.parse_args()
    started = time.monotonic()
    r = Report()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        r.fail("html", "chromium", "Debian's chromium is not installed (./run.sh test installs it)")
        return r.finish(started)
    tmp = tempfile.mkdtemp(prefix="dynamodel-layout-")
    keep = args.keep or tmp
    os.makedirs(keep, exist_ok=True)
    models = sorted(glob.glob(os.path.join(REPO, "examples", "*.yaml")))
    models.append(os.path.join(REPO, "tests", "golden", "multi-tenant-tickets", "model.yaml"))
    for model in models:
        case = os.path.basename(model)[:-5] if not model.endswith("model.yaml") else os.path.basename(os.path.dirname(model))
        html = subprocess.run([args.dynamodel, "report", model, "--format", "html"], capture_output=True, text=True)
        md = subprocess.run([args.dynamodel, "report", model, "--format", "md"], capture_output=True, text=True)
        if not r.check(case, "report renders", html.returncode == 0 and md.returncode == 0,
                       html.stderr[-300:] + md.stderr[-300:]):
            continue
        top_md = re.findall(r"^\d+\. \*\*(error|warning|info)\*\*", md.stdout.split("## 2. Findings")[0], re.M)
        r.check(case, "md: most important findings ranked by severity", ordered(top_md), top_md)
        path = os.path.join(keep, f"{case}.measured.html")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(html.stdout.replace("</body>", PROBE + "\n</body>"))
        d = subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tempfile.mkdtemp(dir=tmp)}",
                            "--dump-dom", "file://" + path], capture_output=True, text=True, timeout=90)
        m = re.search(r'<pre id="measured">(.*?)</pre>', d.stdout, re.S)
        if not r.check(case, "chromium measured the page", m is not None, d.stderr[-300:]):
            continue
        got = json.loads(m.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
                         .replace("&amp;", "&"))
        # Headless Chromium's page is the window less its own frame (about 660 of 800 px): a screen
        # is what the page gets, never more than the window.
        screen = got["viewport"]
        r.check(case, f"the page gets most of a {WIDTH}x{HEIGHT} window", HEIGHT * 0.75 <= screen <= HEIGHT, screen)
        top = got["findings_top"]
        r.check(case, f"the findings section starts within the first two screens (at {top} px)",
                top is not None and top < 2 * screen, f"findings at {top} px, a screen is {screen} px")
        r.check(case, "the findings come right after the summary", got["after"] == "summary", got["after"])
        r.check(case, "the key chart's first column is fixed", got["sticky"] == "sticky", got["sticky"])
        r.check(case, "the key chart scrolls instead of widening the page",
                got["chart_scrolls"] == "auto" and not got["page_wider"], got)
        r.check(case, "the sample items are collapsed", got["samples_open"] is False, got["samples_open"])
        severities = [re.sub(r"^\d+\.\s*", "", t).strip() for t in got["top"]]
        r.check(case, "html: most important findings ranked by severity",
                all(s in RANK for s in severities) and ordered(severities), severities)
    return r.finish(started)


if __name__ == "__main__":
    sys.exit(main())
