"""Lighthouse over one page of each kind: performance, accessibility, best practices, SEO.

    make audit                                     # builds, then runs this (mobile)
    python audit/run_audit.py --preset desktop     # against an existing site/
    python audit/run_audit.py --fail-under 90      # exit 1 if any score is lower
    python audit/run_audit.py --runs 1             # quicker, noisier

Not part of `make test`: it takes a few minutes. The built site is served by audit/serve.py
(gzip, base path, 404.html) on 127.0.0.1, and each page is audited in a fresh headless
Chromium by npm's lighthouse (see package.json). Performance varies from run to run (more so
on a busy machine), so each page is audited --runs times and the run with the median
performance score is kept, as Lighthouse's own guidance suggests. Its JSON report goes to
.cache/lighthouse/<preset>/; for every score under 100 the audits that cost points are listed
under the table. The 404 page cannot reach 100 in best practices and SEO: its status is 404
(the http-status-code audit) and Chromium logs that response as a console error.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve import ROOT, start

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
HEADINGS = ["performance", "accessibility", "best-practices", "SEO"]

# One page of each kind (path under the base path).
PAGES = [
    ("home", ""),
    ("section index", "onboarding/"),
    ("content", "onboarding/company/"),
    ("checklist", "onboarding/first-month/"),
    ("agenda", "onboarding/schedule/"),
    ("quiz", "trade-email/quiz/"),
    ("track/dashboard", "progress/"),
    ("404", "no-such-page/"),
]


def lighthouse(url: str, report: Path, preset: str, expect_404: bool = False) -> dict:
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
    if preset == "desktop":
        command.append("--preset=desktop")
    if expect_404:
        command.append("--ignore-status-code")  # else Lighthouse refuses to audit an error page
    report.unlink(missing_ok=True)
    env = dict(os.environ)
    if Path(CHROMIUM).exists():
        env.setdefault("CHROME_PATH", CHROMIUM)
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not report.exists():
        raise SystemExit(f"lighthouse failed on {url} (exit {result.returncode}):\n{result.stderr[-3000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def score(category: dict) -> str:
    return "-" if category.get("score") is None else str(round(category["score"] * 100))


def losses(data: dict) -> list[str]:
    """The weighted audits that did not pass, per category under 100."""
    lines = []
    for name in CATEGORIES:
        category = data["categories"][name]
        if category.get("score") == 1:
            continue
        for ref in category["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if ref["weight"] and audit.get("score") is not None and audit["score"] < 1:
                value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                lines.append(f"    {name}: {audit['id']} score {audit['score']:.2f}, weight {ref['weight']}"
                             f" - {audit['title']}{value}")
    return lines


def median_run(url: str, report: Path, preset: str, runs: int, expect_404: bool) -> dict:
    """Audit `url` `runs` times; keep (and save as `report`) the run with the median performance."""
    results = []
    for number in range(runs):
        path = report.with_name(f"{report.stem}.run{number + 1}.json") if runs > 1 else report
        results.append((path, lighthouse(url, path, preset, expect_404)))
    results.sort(key=lambda result: result[1]["categories"]["performance"].get("score") or 0)
    path, data = results[len(results) // 2]
    if runs > 1:
        report.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        for other, _ in results:
            other.unlink()
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--preset", choices=["mobile", "desktop"], default="mobile",
                        help="Lighthouse's default mobile emulation and throttling, or its desktop preset")
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median is reported (default 3)")
    parser.add_argument("--reports", type=Path, default=ROOT / ".cache" / "lighthouse")
    parser.add_argument("--fail-under", type=int, default=None, metavar="SCORE",
                        help="exit 1 if any score is below SCORE")
    options = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `npm ci`")
    if not (options.site / "index.html").exists():
        raise SystemExit(f"no built site in {options.site}: run `make build`")

    reports = options.reports / options.preset
    reports.mkdir(parents=True, exist_ok=True)
    server, base_url = start(options.site)
    rows, details, lowest, benchmarks, warnings = [], [], 100, [], set()
    try:
        for kind, path in PAGES:
            print(f"lighthouse ({options.preset}, {options.runs}x) {base_url}{path}", file=sys.stderr, flush=True)
            data = median_run(base_url + path, reports / (kind.replace("/", "-").replace(" ", "-") + ".json"),
                              options.preset, options.runs, expect_404=kind == "404")
            benchmarks.append(data["environment"]["benchmarkIndex"])
            warnings.update(data.get("runWarnings", []))
            scores = [score(data["categories"][name]) for name in CATEGORIES]
            lowest = min([lowest] + [int(s) for s in scores if s != "-"])
            rows.append([kind, "/" + path] + scores)
            if problems := losses(data):
                details.append(f"  {kind} (/{path}):")
                details.extend(problems)
    finally:
        server.shutdown()

    header = ["page type", "path"] + HEADINGS
    widths = [max(len(str(row[i])) for row in rows + [header]) for i in range(len(header))]
    print(f"\nLighthouse {data['lighthouseVersion']}, {options.preset}, median of {options.runs} run(s) per page,"
          f" served gzip-compressed from {base_url}")
    for row in [header, ["-" * w for w in widths]] + rows:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))
    if details:
        print("\nWhat costs points:")
        print("\n".join(details))
    print(f"\nJSON reports: {reports}")
    print(f"CPU benchmark index {min(benchmarks):.0f}-{max(benchmarks):.0f}"
          + (" (Lighthouse expects 1000 or more: a slow or busy machine, performance reads low)"
             if min(benchmarks) < 1000 else ""))
    for warning in sorted(warnings):
        print(f"Lighthouse warning: {warning}")
    if options.fail_under is not None and lowest < options.fail_under:
        print(f"\nFAIL: a score of {lowest} is under {options.fail_under}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
