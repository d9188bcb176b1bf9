"""How long the trainers' cohort view takes to read a class's progress files (issue #33: 60 files
in under a second on a phone).

Builds the handbook (or uses --site), serves it on the loopback, opens docs/trainers/cohort.md in
Chromium at a phone's width with the CPU slowed down (--cpu-slowdown, default 4: a mid-range phone
against a desktop core), and N times: picks 60 generated export files and measures, in the page,
from the file input's change event to the 60th row in the table (the files read, each checked by
the import code, the table and the item analysis drawn). Prints the figures; checks no limit.

    python -m benchmarks.cohort_bench [--files 60] [--repeat 5] [--cpu-slowdown 4] [--site DIR]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import random
import statistics
import sys
import tempfile
import threading
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from helpers import CHROMIUM, CHROMIUM_ARGS, build, site_base_path  # noqa: E402


def exports(count: int, folder: Path) -> list[str]:
    """`count` progress files as 我的进度 exports them (format version 2), seeded."""
    data = ROOT / "data"
    quizzes = {path.stem: [q["id"] for q in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]]
               for path in (data / "quizzes").glob("*.yml")}
    checklists = {path.stem: [item["id"] for group in yaml.safe_load(path.read_text(encoding="utf-8"))["groups"]
                              for item in group["items"]] for path in (data / "checklists").glob("*.yml")}
    chance = random.Random(60)
    paths = []
    for n in range(count):
        items: dict[str, dict] = {}
        for checklist, ids in checklists.items():
            items[f"checklist.{checklist}"] = {"v": 1, "done": {i: "2027-03-04" for i in ids if chance.random() < .7}}
        for quiz, ids in quizzes.items():
            results = {q: int(chance.random() < .75) for q in ids}
            score = round(100 * sum(results.values()) / len(ids))
            items[f"quiz.{quiz}"] = {"v": 2, "set": ",".join(ids), "best": score, "passed": score >= 80, "last": score,
                                     "lastDate": "2027-03-05", "bestDate": "2027-03-05", "results": results}
        path = folder / f"学员{n:02d}.json"
        path.write_text(json.dumps({"format": "handbook-progress", "version": 2, "exported": "2027-03-09T01:30:00Z",
                                    "name": f"学员{n:02d}", "items": items}, ensure_ascii=False), encoding="utf-8")
        paths.append(str(path))
    return paths


class Handler(http.server.SimpleHTTPRequestHandler):
    base_path = "/"

    def translate_path(self, path):
        if path.startswith(self.base_path):
            path = "/" + path[len(self.base_path):]
        return super().translate_path(path)

    def log_message(self, *args):
        pass


# Started before the files are given (evaluate would wait for a returned promise): kept on window.
MEASURE = """count => { window.__hbTiming = new Promise(done => {
    const root = document.querySelector('[data-hb-widget=cohort]');
    const rows = root.querySelector('[data-hb-rows]');
    let start = null;
    root.querySelector('[data-hb-files]').addEventListener('change', () => { start = performance.now(); }, {capture: true, once: true});
    new MutationObserver((changes, observer) => {
        if (start !== null && rows.children.length >= count) { observer.disconnect(); done(performance.now() - start); }
    }).observe(rows, {childList: true});
}); }"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cpu-slowdown", type=float, default=4)
    parser.add_argument("--site", type=Path, help="a built site to use instead of building one")
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        site = options.site
        if site is None:
            site = folder / "site"
            result = build(ROOT, site)
            if result.returncode:
                sys.exit(f"build failed:\n{result.stderr}")
        files = exports(options.files, folder)
        handler = functools.partial(type("H", (Handler,), {"base_path": site_base_path()}), directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}{site_base_path()}trainers/cohort/"
        timings = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN")
            page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": options.cpu_slowdown})
            page.goto(url)
            page.wait_for_selector("[data-hb-widget=cohort][data-hb-ready]", state="attached")
            for _ in range(options.repeat):
                page.evaluate(MEASURE, options.files)
                page.set_input_files("[data-hb-files]", files)
                timings.append(page.evaluate("window.__hbTiming"))
                page.click("[data-hb-widget=cohort] [data-hb-action=clear]")
            browser.close()
        server.shutdown()
    print(f"cohort view: {options.files} files, CPU slowed down {options.cpu_slowdown:g}x, 390 px wide")
    print("  runs (ms): " + ", ".join(f"{t:.0f}" for t in timings))
    print(f"  median {statistics.median(timings):.0f} ms, max {max(timings):.0f} ms (the first run also loads the import code)")


if __name__ == "__main__":
    main()
