"""Search quality on a built site: top-1, top-3 and empty results per query set (issue #30).

    .venv/bin/python -m benchmarks.search_eval SITE_DIR [--engine material|handbook] [--show tuning,dev]

Serves SITE_DIR on a loopback port, types every question of the query sets into the search box in
Chromium and reads the ranked result pages. Sets: tuning (tests/browser/search_queries.yml), dev
(benchmarks/search_dev.yml, questions to debug with) and held-out (tests/browser/search_heldout.yml).
The held-out set is printed as totals only, never question by question: it is for judging a
change, not for tuning (see the file). `--show` lists the misses of the sets named.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import subprocess
import threading
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[1]
SETS = {
    "tuning": ROOT / "tests" / "browser" / "search_queries.yml",
    "dev": ROOT / "benchmarks" / "search_dev.yml",
    "dev2": ROOT / "benchmarks" / "search_dev2_*.yml",  # written in parts
    "held-out": ROOT / "tests" / "browser" / "search_heldout.yml",
}
CHROMIUM = "/usr/bin/chromium"

MATERIAL_RESULTS = """() => {
  const meta = document.querySelector(".md-search-result__meta").textContent.trim();
  const links = Array.from(document.querySelectorAll(
    ".md-search-result__list > .md-search-result__item a.md-search-result__link"), a => a.href);
  return { done: links.length > 0 || /没有找到/.test(meta), links };
}"""
HANDBOOK_RESULTS = """() => {
  const box = document.querySelector("[data-hb-search-status]");
  const links = Array.from(document.querySelectorAll("a[data-hb-search-result]"), a => a.href);
  return { done: !!box && box.dataset.hbSearchStatus === "done", links };
}"""


def load(pattern: Path) -> list[tuple[str, str]]:
    """The questions of a set's file (or files, for a pattern), as (question, expected page)."""
    questions = []
    for path in sorted(pattern.parent.glob(pattern.name)):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        questions += [(str(query), expected) for entries in data.values() for query, expected in entries.items()]
    return questions


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def pages_of(links: list[str]) -> list[str]:
    pages: list[str] = []
    for href in links:
        path = urlsplit(href).path.lstrip("/")
        if path not in pages:
            pages.append(path)
    return pages


def node_ranks(site: Path, queries: list[str]) -> list[list[str]]:
    """Ranked pages per query from benchmarks/search_rank.js (the browser's code, in Node)."""
    result = subprocess.run(["node", str(ROOT / "benchmarks" / "search_rank.js")], check=True, capture_output=True,
                            input=json.dumps({"site": str(site), "queries": queries}), text=True)
    ranks: list[list[str]] = json.loads(result.stdout)
    return ranks


def report(engine: str, name: str, rows: list[tuple[str, str, int | None, list[str]]], show: set[str]) -> None:
    total = len(rows)
    top1 = sum(1 for row in rows if row[2] == 1) / total
    top3 = sum(1 for row in rows if row[2] and row[2] <= 3) / total
    empty = sum(1 for row in rows if not row[3])
    print(f"{engine:9} {name:9} {total:4} questions: top-1 {top1:6.1%}  top-3 {top3:6.1%}  empty {empty}")
    if name in show and name != "held-out":
        for query, expected, rank, top in rows:
            if rank != 1:
                print(f"    {query} → {expected}: rank {rank or '-'}; got {', '.join(top) or '(nothing)'}")


def run_node(site: Path, show: set[str], sets: dict[str, Path]) -> None:
    for name, path in sets.items():
        queries = load(path)
        if not queries:
            continue
        ranks = node_ranks(site, [query for query, _ in queries])
        rows = [(query, expected, pages.index(expected) + 1 if expected in pages else None, pages[:3])
                for (query, expected), pages in zip(queries, ranks, strict=True)]
        report("node", name, rows, show)


def run(site: Path, engine: str, show: set[str], sets: dict[str, Path]) -> None:
    from playwright.sync_api import sync_playwright

    server, url = serve(site)
    script = MATERIAL_RESULTS if engine == "material" else HANDBOOK_RESULTS
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(url)
        page.keyboard.press("/")
        box = page.locator("input.md-search__input, input[data-hb-search-input]").first
        for name, path in sets.items():
            rows = []
            for query, expected in load(path):
                box.fill("")
                page.keyboard.press("End")
                page.wait_for_timeout(30)
                box.fill(query)
                page.keyboard.press("End")
                page.wait_for_function(script.replace("return {", "const r = {").replace("};\n}", "}; return r.done;\n}"))
                pages = pages_of(page.evaluate(script)["links"])
                rank = pages.index(expected) + 1 if expected in pages else None
                rows.append((query, expected, rank, pages[:3]))
            if rows:
                report(engine, name, rows, show)
        browser.close()
    server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--engine", choices=["material", "handbook", "node"], default="handbook")
    parser.add_argument("--show", default="", help="comma-separated sets whose misses are listed (not held-out)")
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated sets to run (default: all)")
    args = parser.parse_args()
    show = set(filter(None, args.show.split(",")))
    sets = {name: SETS[name] for name in args.sets.split(",") if name in SETS}
    if args.engine == "node":
        run_node(args.site, show, sets)
    else:
        run(args.site, args.engine, show, sets)


if __name__ == "__main__":
    main()
