#!/usr/bin/env python3
"""`dynamodel report` and `dynamodel sample`, checked against independent sources:

- every example renders in both formats, deterministically, with all 8 sections;
- the capacity figures of the report (demand per key space, RCU/WCU per pattern) equal
  `dynamodel analyze --format json`;
- the cost figures of a small model equal a hand calculation written below, with the
  built-in price table and with a --pricing override;
- the HTML is self-contained (no script, link, external URL loaded) and opens in headless
  Chromium (Debian's chromium) without console errors; the DOM Chromium built has every
  section; the screenshot is not blank;
- the single-table view of a multi-attribute GSI key groups by the whole partition key
  (`{tenantId} + {region}`) and shows every sort-key attribute, against `sample`'s items;
- `sample` writes batch-write-item chunks (<= 25 requests) that moto_server accepts into a
  table created from the model, and the items appear in the table and its GSIs.
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
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from report import Report  # noqa: E402
import tools  # noqa: E402

REPO = tools.REPO
EXAMPLES = sorted(glob.glob(os.path.join(REPO, "examples", "*.yaml")))
# The 8 sections of every report; "who-can-do-what" is added when the model declares principals.
SECTIONS = ["summary", "findings", "key-design", "single-table", "access-patterns", "capacity-cost", "hot-keys",
            "item-sizes"]
MD_HEADINGS = ["## 1. Summary", "## 2. Findings", "## 3. Key design chart", "## 4. Single-table view",
               "## 5. Access-pattern matrix", "## 6. Capacity and cost", "## 7. Hot keys", "## 8. Item sizes"]
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars"]

# A model whose demand a reader can work out on paper: one entity, items far below 1 KB, no
# `expected.items` (so no storage), an eventually consistent GetItem at 400/s (0.5 RCU each:
# 200 RCU/s) and a PutItem at 100/s (1 WCU each: 100 WCU/s), no index.
HAND_MODEL = """dynamodel: 1
name: handcalc
table:
  name: Things
  partition_key: {name: PK, type: S}
  billing_mode: PAY_PER_REQUEST
  point_in_time_recovery: true
  deletion_protection: true
entities:
  Thing:
    attributes:
      id: {type: S, required: true, max_length: 10}
    keys:
      PK: "THING#{id}"
access_patterns:
  - {id: AP1, name: getThing, entity: Thing, operation: GetItem, key: {PK: "THING#{id}"}, rate_per_second: 400}
  - {id: AP2, name: putThing, entity: Thing, operation: PutItem, key: {PK: "THING#{id}"}, rate_per_second: 100}
"""
# The hand calculation, us-east-1 STANDARD prices of data/pricing/us-east-1.json
# ($0.125 / million reads, $0.625 / million writes, $0.00013 per RCU-hour, $0.00065 per WCU-hour),
# 730 hours = 2,628,000 s a month:
#   on-demand   200 x 2.628e6 / 1e6 x 0.125 = 65.70;  100 x 2.628e6 / 1e6 x 0.625 = 164.25  -> 229.95
#   provisioned 200 x 730 x 0.00013 = 18.98;          100 x 730 x 0.00065 = 47.45           -> 66.43
#   headroom at the default 70% target: ceil(200 / .7) = 286 RCU, ceil(100 / .7) = 143 WCU:
#               286 x 730 x 0.00013 = 27.1414;        143 x 730 x 0.00065 = 67.8535         -> 94.99
#   break-even  0.00065 / (3600 x 0.625e-6) = 28.9% (writes), 0.00013 / (3600 x 0.125e-6) = 28.9% (reads)
#   a typical day: the peak for 8 hours, a third of it for 16: (8 + 16 / 3) / 24 = 5/9 of the
#   request cost (no storage here), at the typical item size (the same units here: an item of
#   at most ~20 bytes is 1 RCU / 1 WCU either way): 229.95 x 5/9 = 127.75; 94.9949 x 5/9 = 52.7749 -> 52.77
HAND = {"On-demand, worst case (peak around the clock)": "$229.95", "Provisioned at exactly the demand": "$66.43",
        "Provisioned with autoscaling headroom, worst case": "$94.99",
        "On-demand, typical day (typical items; peak 8 hours, a third of it 16 hours: 55.6% of the peak)": "$127.75",
        "Provisioned with autoscaling headroom, typical day (typical items)": "$52.77"}
# With every price doubled (--pricing), every figure doubles (105.5498 -> 105.55).
HAND_DOUBLE = {"On-demand, worst case (peak around the clock)": "$459.90",
               "Provisioned at exactly the demand": "$132.86",
               "Provisioned with autoscaling headroom, worst case": "$189.99",
               "On-demand, typical day (typical items; peak 8 hours, a third of it 16 hours: 55.6% of the peak)": "$255.50",
               "Provisioned with autoscaling headroom, typical day (typical items)": "$105.55"}


def md_table_rows(md, heading, header=True):
    """The rows (lists of cell texts) of the first table after `heading` (without its header row;
    header=False: `heading` is the header row itself)."""
    part = md.split(heading, 1)[1]
    rows, seen = [], False
    for line in part.splitlines():
        if line.startswith("|"):
            seen = True
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                rows.append(cells)
        elif seen:
            break
    return rows[1:] if header else rows


def number(text):
    return float(re.sub(r"[*,$\\]", "", text).split()[0])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dynamodel", required=True)
    ap.add_argument("--keep", help="folder to keep the HTML reports and screenshots in")
    args = ap.parse_args()
    binary = os.path.abspath(args.dynamodel)
    r = Report()
    tmp = tempfile.mkdtemp(prefix="dynamodel-report-")
    keep = args.keep or tmp
    os.makedirs(keep, exist_ok=True)

    def run(*argv, cwd=None):
        return subprocess.run([binary, "--color", "never", *argv], capture_output=True, text=True, cwd=cwd, timeout=60)

    # --- every example, both formats ---------------------------------------------------------
    html_files = {}
    for path in EXAMPLES:
        case = os.path.basename(path)[:-5]
        analysis = json.loads(run("analyze", path, "--format", "json").stdout)
        for fmt in ("md", "html"):
            p1, p2 = run("report", path, "--format", fmt), run("report", path, "--format", fmt)
            r.check(case, f"report --format {fmt} exit 0", p1.returncode == 0, p1.stderr[:400])
            r.check(case, f"report --format {fmt} deterministic", p1.stdout == p2.stdout and p1.stdout)
            r.check(case, f"report --format {fmt} carries the generated marker",
                    "Generated by dynamodel" in p1.stdout[:400])
            if fmt == "html":
                html_files[case] = os.path.join(keep, f"report-{case}.html")
                with open(html_files[case], "w", encoding="utf-8") as fh:
                    fh.write(p1.stdout)
                low = p1.stdout.lower()
                bad = [t for t in ("<script", "<link", "<img", "<iframe", "src=", "url(", "@import", "@font-face")
                       if t in low]
                r.check(case, "html self-contained", not bad, bad)
                r.check(case, "html has every section", all(f'id="{s}"' in p1.stdout for s in SECTIONS))
                r.check(case, "html has 'Who can do what' exactly when the model declares principals",
                        ('id="who-can-do-what"' in p1.stdout) == ("\nprincipals:" in open(path, encoding="utf-8").read()))
                r.check(case, "html has the hot-key chart (inline svg)", "<svg" in p1.stdout or "No key space" in p1.stdout)
                continue
            md = p1.stdout
            r.check(case, "md has every section", all(h in md for h in MD_HEADINGS),
                    [h for h in MD_HEADINGS if h not in md])
            # Capacity figures: section 5 against the analysis JSON's demand.
            rows = {row[0].strip("*"): row for row in md_table_rows(md, "## 6. Capacity and cost")}
            for d in analysis["demand"] + [analysis["total"]]:
                row = rows.get(d["name"])
                ok = row is not None and abs(number(row[1]) - round(d["rcu_per_second"], 2)) < 0.006 \
                    and abs(number(row[2]) - round(d["wcu_per_second"], 2)) < 0.006
                r.check(case, f"capacity of {d['name']} agrees with analyze", ok,
                        f"report {row[:3] if row else None}, analyze {d['rcu_per_second']} / {d['wcu_per_second']}")
            prow = {row[0].split("**")[1]: row for row in md_table_rows(md, "## 5. Access-pattern matrix")}
            mismatched = []
            for p in analysis["patterns"]:
                row = prow.get(p["id"])
                wcu = (p["wcu_per_call"] + p["index_wcu_per_call"]) * p["rate_per_second"]
                if row is None or abs(number(row[10]) - round(p["rcu_per_second"], 2)) > 0.006 \
                        or abs(number(row[11]) - round(wcu, 2)) > 0.006 \
                        or abs(number(row[7]) - round(p["rcu_per_call"], 2)) > 0.006:
                    mismatched.append(p["id"])
            r.check(case, "per-pattern RCU/WCU agree with analyze", not mismatched, mismatched)

    # --- the Markdown as GitHub renders it (cmark-gfm, GitHub's parser) ------------------------
    cmark = shutil.which("cmark-gfm")
    if not cmark:
        r.fail("markdown", "cmark-gfm", "Debian's cmark-gfm is not installed (./run.sh test installs it)")
    else:
        import canonical  # noqa: E402
        for path in EXAMPLES + [os.path.join(REPO, "tests", "golden", "quoting", "model.yaml")]:
            case = os.path.basename(path)[:-5] if "golden" not in path else "quoting"
            md = run("report", path, cwd=os.path.dirname(path)).stdout
            html = subprocess.run([cmark, "-e", "table", "-e", "strikethrough", "-e", "autolink", "--unsafe"],
                                  input=md, capture_output=True, text=True).stdout
            separators = sum(1 for line in md.splitlines() if re.match(r"^\|(-|:)", line))
            # 8 sections, a 9th, "Who can do what", when the model declares principals (issue 17), and
            # "Operations" when it has stream consumers or alarms (issue 18; alarms are on unless
            # operations.alarms.enabled is false).
            with open(path, encoding="utf-8") as fh:
                model = yaml.safe_load(fh) or {}
            operations = model.get("operations") or {}
            alarms_on = (operations.get("alarms") or {}).get("enabled", True) is not False
            sections = 8 + ("principals" in model) + bool(operations.get("stream_consumers") or alarms_on)
            r.check(case, "GFM: every Markdown table renders as a table, every section as a heading",
                    html.count("<table>") == separators and html.count("<h2>") == sections,
                    f"{html.count('<table>')} tables of {separators}, {html.count('<h2>')} headings")
            # The key chart's header cells, as rendered, are the model's key attribute names verbatim.
            desc = canonical.from_model(path)
            names = [desc["partition_key"][0]] + ([desc["sort_key"][0]] if desc["sort_key"] else [])
            for g in desc["gsis"].values():
                names += [g["partition_key"][0]] + ([g["sort_key"][0]] if g["sort_key"] else [])
            names += [lsi["sort_key"][0] for lsi in desc["lsis"].values()]
            chart = html.split("3. Key design chart", 1)[1].split("</thead>", 1)[0]
            cells = [re.sub(r"<br\s*/?>", "\n", c) for c in re.findall(r"<th[^>]*>(.*?)</th>", chart, re.S)][1:]
            import html as htmllib  # noqa: E402
            got = [htmllib.unescape(re.sub(r"<[^>]+>", "", c)).rsplit("\n", 1)[0] for c in cells]
            r.compare(case, "GFM: key chart headers are the key attribute names, verbatim", sorted(names), sorted(got))

    # --- the single-table view of a multi-attribute GSI key -------------------------------------
    # Grouped by the whole partition key (every partition-key attribute, `{a} + {b}`), each row's
    # sort key every sort-key attribute; checked against `dynamodel sample`'s items (same count
    # per entity and seed) grouped here by those attributes.
    multi = os.path.join(REPO, "tests", "golden", "multi-tenant-tickets", "model.yaml")
    md = run("report", multi).stdout
    lead = re.search(r"(\d+) sample items \((\d+) per entity, seed (\d+)", md)
    items = []
    if lead:
        doc = json.loads(run("sample", multi, "--count", lead.group(2), "--seed", lead.group(3)).stdout)
        items = [{k: next(iter(v.values())) for k, v in req["PutRequest"]["Item"].items()}
                 for c in doc["chunks"] for req in c[doc["table"]]]
    view = md.split("<b>GSI ByTenantStatus</b>", 1)[-1].split("</details>", 1)[0]
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in view.splitlines()
            if line.startswith("| ")]
    r.compare("multi-attribute view", "header: the whole partition key and every sort-key attribute",
              ["{tenantId} + {region}", "{status} + {updatedAt}"], rows[0][:2] if rows else None)
    want = sorted((f"{i['tenantId']} + {i['region']}", f"{i['status']} + {i['updatedAt']}") for i in items)
    got = sorted((row[0].strip("*"), row[1]) for row in rows[1:])
    r.compare("multi-attribute view", "one row per sample item under its (tenantId, region) partition, sort key "
              "(status, updatedAt)", want, got)
    r.check("multi-attribute view", "the key attributes are not repeated among the row's attributes",
            rows[1:] and not any(a + ":" in row[3] for row in rows[1:]
                                 for a in ("tenantId", "region", "status", "updatedAt")), rows)

    # --- hand-calculated cost ----------------------------------------------------------------
    hand = os.path.join(tmp, "handcalc.yaml")
    with open(hand, "w") as fh:
        fh.write(HAND_MODEL)
    demand = json.loads(run("analyze", hand, "--format", "json").stdout)["demand"][0]
    r.check("handcalc", "demand is 200 RCU/s and 100 WCU/s (the premise of the hand calculation)",
            demand["rcu_per_second"] == 200 and demand["wcu_per_second"] == 100 and demand["storage_bytes"] == 0, demand)
    with open(os.path.join(REPO, "data", "pricing", "us-east-1.json")) as fh:
        prices = json.load(fh)
    double = json.loads(json.dumps(prices))
    for cls in double["table_classes"].values():
        for k in cls:
            cls[k] *= 2
    double_path = os.path.join(tmp, "double.json")
    with open(double_path, "w") as fh:
        json.dump(double, fh)
    for label, extra, expected in (("built-in prices", [], HAND), ("--pricing doubled", ["--pricing", double_path], HAND_DOUBLE)):
        p = run("report", hand, *extra)
        totals = {row[0]: row[1].replace("*", "").replace("\\", "")
                  for row in md_table_rows(p.stdout, "| Monthly total, storage included | |\n", header=False)}
        for name, value in expected.items():
            r.compare("handcalc", f"{label}: {name}", value, totals.get(name))
    p = run("report", hand)
    r.check("handcalc", "break-even 28.9% for reads and writes",
            "above 28.9% (reads) and 28.9% (writes)" in p.stdout, re.findall(r"Break-even.{0,120}", p.stdout)[:1])
    bad = os.path.join(tmp, "bad-pricing.json")
    with open(bad, "w") as fh:
        fh.write('{"region": "x"}')
    p = run("report", hand, "--pricing", bad)
    r.check("handcalc", "a broken --pricing file is a usage error", p.returncode == 2 and "currency" in p.stderr, p.stderr)

    # --- --out: atomic, refuses a foreign file ------------------------------------------------
    out = os.path.join(tmp, "review.md")
    with open(out, "w") as fh:
        fh.write("my notes\n")
    p = run("report", hand, "--out", out)
    with open(out) as fh:
        r.check("handcalc", "--out refuses to overwrite a file dynamodel did not write",
                p.returncode == 2 and fh.read() == "my notes\n", p.stderr)
    p = run("report", hand, "--out", out, "--force")
    p2 = run("report", hand, "--out", out)
    r.check("handcalc", "--out --force writes, then unchanged", p.returncode == 0 and p2.stdout.startswith("unchanged"),
            p.stderr + p2.stdout)

    # --- --templates DIR: users restyle the report ----------------------------------------------
    tdir = os.path.join(tmp, "templates")
    run("templates", "export", tdir)
    md_t = os.path.join(tdir, "report", "report.md.mustache")
    with open(md_t) as fh:
        text = fh.read()
    with open(md_t, "w") as fh:
        fh.write(text.replace("# Design review: ", "# Our review of "))
    p = run("report", hand, "--templates", tdir)
    r.check("handcalc", "--templates DIR replaces the built-in report template",
            p.returncode == 0 and "# Our review of handcalc" in p.stdout, p.stderr)
    broken = os.path.join(tmp, "broken.yaml")
    with open(broken, "w") as fh:
        fh.write("dynamodel: 1\nname: [\n")
    p = run("report", broken)
    r.check("broken", "a model that does not load: exit 1, no report", p.returncode == 1 and not p.stdout, p.stdout[:200])

    # --- headless Chromium -------------------------------------------------------------------
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        r.fail("html", "chromium", "Debian's chromium is not installed (./run.sh test installs it)")
    else:
        blank = os.path.join(tmp, "blank.html")
        with open(blank, "w") as fh:
            fh.write("<!DOCTYPE html><html><body></body></html>")
        blank_png = os.path.join(tmp, "blank.png")
        subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tempfile.mkdtemp(dir=tmp)}",
                        "--window-size=1280,2000", f"--screenshot={blank_png}", "file://" + blank],
                       capture_output=True, timeout=60)
        blank_size = os.path.getsize(blank_png) if os.path.exists(blank_png) else 0
        for case in ("ecommerce",) + tuple(c for c in sorted(html_files) if c != "ecommerce")[:1]:
            html = html_files.get(case)
            if not html:
                continue
            png = os.path.join(keep, f"report-{case}.png")
            p = subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tempfile.mkdtemp(dir=tmp)}",
                                "--window-size=1280,2000", "--enable-logging=stderr", "--v=0",
                                f"--screenshot={png}", "file://" + html], capture_output=True, text=True, timeout=90)
            console = [l for l in p.stderr.splitlines() if "CONSOLE" in l or "Uncaught" in l or "net::ERR" in l]
            r.check(case, "chromium: screenshot taken without console errors",
                    p.returncode == 0 and os.path.exists(png) and not console, console[:5] or p.stderr[-500:])
            size = os.path.getsize(png) if os.path.exists(png) else 0
            r.check(case, "chromium: screenshot is not blank", blank_size and size > 5 * blank_size,
                    f"{size} bytes against a blank page's {blank_size}")
            d = subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tempfile.mkdtemp(dir=tmp)}",
                                "--dump-dom", "file://" + html], capture_output=True, text=True, timeout=90)
            pdf = os.path.join(keep, f"report-{case}.pdf")
            subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tempfile.mkdtemp(dir=tmp)}",
                            "--no-pdf-header-footer", f"--print-to-pdf={pdf}", "file://" + html],
                           capture_output=True, timeout=90)
            pages = len(re.findall(rb"/Type\s*/Page[^s]", open(pdf, "rb").read())) if os.path.exists(pdf) else 0
            r.check(case, "chromium: prints (PDF through the print stylesheet)", pages >= 2, f"{pages} pages")
            missing = [s for s in SECTIONS if f'id="{s}"' not in d.stdout]
            r.check(case, "chromium: the DOM has every section and the chart",
                    not missing and "<svg" in d.stdout and "<table" in d.stdout, missing or d.stderr[-300:])

    # --- sample: batch-write-item JSON into moto ---------------------------------------------
    import boto3  # noqa: E402
    import canonical  # noqa: E402
    moto = tools.MotoServer()
    err = moto.wait_ready()
    if err:
        r.fail("sample", "moto_server", err)
    else:
        client = boto3.client("dynamodb", endpoint_url=moto.url, region_name="us-east-1",
                              aws_access_key_id="x", aws_secret_access_key="x")
        for path in EXAMPLES:
            case = os.path.basename(path)[:-5]
            p1, p2 = run("sample", path, "--count", "12", "--seed", "7"), run("sample", path, "--count", "12", "--seed", "7")
            p3 = run("sample", path, "--count", "12", "--seed", "8")
            r.check(case, "sample deterministic per seed", p1.stdout == p2.stdout and p1.stdout != p3.stdout, p1.stderr)
            doc = json.loads(p1.stdout)
            chunks = doc["chunks"]
            items = [req["PutRequest"]["Item"] for c in chunks for req in c[doc["table"]]]
            r.check(case, "sample chunks hold at most 25 requests, all items",
                    all(len(c[doc["table"]]) <= 25 for c in chunks) and len(items) == doc["items"] > 0)
            desc = canonical.from_model(path)
            keys = [desc["partition_key"]] + ([desc["sort_key"]] if desc["sort_key"] else [])
            schema = lambda ks: [{"AttributeName": k[0], "KeyType": t} for k, t in zip(ks, ("HASH", "RANGE"))]  # noqa: E731
            create = {"TableName": doc["table"], "BillingMode": "PAY_PER_REQUEST", "KeySchema": schema(keys),
                      "AttributeDefinitions": [{"AttributeName": n, "AttributeType": t} for n, t in desc["attributes"].items()]}
            gsis = [{"IndexName": n, "KeySchema": schema([g["partition_key"]] + ([g["sort_key"]] if g["sort_key"] else [])),
                     "Projection": {"ProjectionType": "ALL"}} for n, g in desc["gsis"].items()]
            if gsis:
                create["GlobalSecondaryIndexes"] = gsis
            lsis = [{"IndexName": n, "KeySchema": schema([desc["partition_key"], l["sort_key"]]),
                     "Projection": {"ProjectionType": "ALL"}} for n, l in desc["lsis"].items()]
            if lsis:
                create["LocalSecondaryIndexes"] = lsis
            moto.reset()
            try:
                client.create_table(**create)
                unprocessed = 0
                for c in chunks:
                    unprocessed += len(client.batch_write_item(RequestItems=c).get("UnprocessedItems", {}))
                count = client.scan(TableName=doc["table"], Select="COUNT")["Count"]
                r.check(case, f"moto accepted the {len(chunks)} batch-write-item chunks; the table has every item",
                        unprocessed == 0 and count == len(items), f"{count} of {len(items)} items")
                for n, g in desc["gsis"].items():
                    expected = sum(1 for it in items if g["partition_key"][0] in it
                                   and (not g["sort_key"] or g["sort_key"][0] in it))
                    got = client.scan(TableName=doc["table"], IndexName=n, Select="COUNT")["Count"]
                    r.compare(case, f"GSI {n} holds the items with its keys (sparse)", expected, got)
            except Exception as e:  # noqa: BLE001
                r.fail(case, "sample into moto", repr(e)[:400])
        moto.stop()

    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{r.passed} passed, {r.failed} failed")
    return 1 if r.failed else 0


if __name__ == "__main__":
    sys.exit(main())
