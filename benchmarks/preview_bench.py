"""`make bench-preview`: how long a saved file takes to show in the browser under `make serve`.

Issue #22: on the real handbook, a saved Markdown or data file shows in the browser within 2 s.
This copies the real handbook (and, for comparison, the benchmark's stock variant, see
benchmarks/variants.py) into git repositories in a temporary folder, starts `dev/serve.py` in
the handbook (`python -m mkdocs serve` in stock; with --plain also in a second copy of the
handbook, "plain", as `make serve` ran before dev/preview.py), opens a page in Chromium, and N
times per kind:

- markdown: appends a paragraph with a unique marker to docs/onboarding/index.md;
- data: adds a unique marker to a checklist item in data/checklists/first-day.yml (shown on that
  page; stock has no data files, its checklists are plain Markdown, so it has no data figure),

and measures the wall time from the file write to the first frame drawn of a page load that
shows the marker (MkDocs' livereload reloads the page). The runs are interleaved (handbook
markdown, plain markdown, stock markdown, handbook data, plain data, ...). From the server's output lines, timed as they arrive, each figure is split into:
watch (write -> "Detected file changes"), wait (-> "Building documentation..."), build
(-> "Reloading browsers") and reload (-> the reloaded page's first frame). Medians, min and max
are printed and written to benchmarks/preview-results.json. No time limit is checked: this only measures.

    python -m benchmarks.preview_bench [--repeat 5] [--plain] [--no-stock] [--output FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path

from . import variants
from .build_bench import machine, source_version
from .synthetic import REPO

RESULTS = Path(__file__).resolve().parent / "preview-results.json"
SERVE = REPO / "dev" / "serve.py"
PAGE = "onboarding/"  # shows docs/onboarding/index.md and the first-day checklist
MARKDOWN = Path("docs/onboarding/index.md")
DATA = Path("data/checklists/first-day.yml")
DATA_TEXT = "带上笔和本子，准备随时记"  # an item's text in DATA, shown on PAGE
# as tests/helpers.py launches Chromium
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
START_TIMEOUT_S = 180
EDIT_TIMEOUT_S = 60
SETTLE_S = 1.0  # after a reload: the page's livereload poll is waiting again, the watcher is idle
# the server's lines that split a figure into parts (MkDocs' livereload and serve log)
DETECTED = "Detected file changes"
BUILDING = "Building documentation..."
RELOADING = "Reloading browsers"
PARTS = ("watch", "wait", "build", "reload")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as finder:
        finder.bind(("127.0.0.1", 0))
        return finder.getsockname()[1]


class Server:
    """A preview server in a project (command(port)), its output lines kept with the time each arrived."""

    def __init__(self, project: Path, name: str, command):
        self.name = name
        self.project = project
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.lines: list[tuple[float, str]] = []
        self._lock = threading.Lock()
        env = dict(os.environ, PYTHONUNBUFFERED="1", NO_MKDOCS_2_WARNING="1")
        self.process = subprocess.Popen(command(self.port), cwd=project,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                        encoding="utf-8", errors="replace", env=env, start_new_session=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            with self._lock:
                self.lines.append((time.time(), line.rstrip("\n")))

    def output(self) -> str:
        with self._lock:
            return "\n".join(line for _, line in self.lines)

    def wait_until_serving(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name}: dev/serve.py stopped:\n{self.output()}")
            try:
                with urllib.request.urlopen(self.url, timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"{self.name}: not serving after {START_TIMEOUT_S} s:\n{self.output()}")

    def first_after(self, since: float, text: str) -> float | None:
        with self._lock:
            return next((at for at, line in self.lines if at >= since and text in line), None)

    def stop(self) -> None:
        """Ctrl+C, as a trainer stops it: dev/serve.py and its MkDocs child share this session."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


# In every document the page loads: the time its first frame after DOMContentLoaded is drawn,
# and its text. (Playwright's own waiting polls every 0.5 s after a few tries: too coarse.)
REPORT_LOADS = """
document.addEventListener("DOMContentLoaded", () => requestAnimationFrame(() =>
  window.hbPreviewLoaded(Date.now(), document.body.innerText)));
"""


class Loads:
    """The documents a page has shown: (wall time in s, text), as reported by REPORT_LOADS."""

    def __init__(self, page):
        self.page = page
        self.seen: list[tuple[float, str]] = []
        page.expose_function("hbPreviewLoaded", lambda at_ms, text: self.seen.append((at_ms / 1000, text)))
        page.add_init_script(REPORT_LOADS)

    def wait(self, since: float, shows, timeout_s: float = EDIT_TIMEOUT_S) -> float:
        """The time the first document loaded after `since` for which shows(text) was drawn."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            for at, text in self.seen:
                if at >= since and shows(text):
                    return at
            self.page.wait_for_timeout(10)  # lets Playwright deliver the page's reports
        raise TimeoutError(f"no such page load within {timeout_s} s")


def measure_edit(server: Server, loads: Loads, relative: Path, edit) -> dict:
    """Write the edited file, wait for its marker in the page; the seconds from the write on."""
    marker = "hbpreview" + uuid.uuid4().hex[:10]
    path = server.project / relative
    original = path.read_text(encoding="utf-8")
    try:
        started = time.time()
        path.write_text(edit(original, marker), encoding="utf-8")
        visible = loads.wait(started, lambda text: marker in text)
    except Exception as error:
        raise SystemExit(f"{server.name}: {relative} edit not visible: {error}\n{server.output()[-4000:]}") from error
    loads.page.wait_for_load_state("load")  # the reloaded page's livereload poll starts on "load"
    time.sleep(SETTLE_S)
    points = [started, server.first_after(started, DETECTED), server.first_after(started, BUILDING),
              server.first_after(started, RELOADING), visible]
    parts = None
    if all(points):
        parts = {name: round(b - a, 3) for name, a, b in zip(PARTS, points[:-1], points[1:], strict=True)}
    return {"total_s": round(visible - started, 3), "parts": parts, "restore": (path, original, marker)}


def restore(sample: dict, loads: Loads) -> None:
    """Put the file back and wait until the page no longer shows the marker, so the next edit
    starts from an idle server and a page that is waiting for the next reload."""
    path, original, marker = sample.pop("restore")
    started = time.time()
    path.write_text(original, encoding="utf-8")
    loads.wait(started, lambda text: marker not in text)
    loads.page.wait_for_load_state("load")
    time.sleep(SETTLE_S)


def markdown_edit(text: str, marker: str) -> str:
    return text.rstrip("\n") + f"\n\n预览计时 {marker}\n"


def data_edit(text: str, marker: str) -> str:
    if DATA_TEXT not in text:
        raise SystemExit(f"{DATA} no longer has the item text {DATA_TEXT!r}: update benchmarks/preview_bench.py")
    return text.replace(DATA_TEXT, f"{DATA_TEXT} {marker}", 1)


def summarise(samples: list[dict]) -> dict:
    totals = [s["total_s"] for s in samples]
    parts = [s["parts"] for s in samples if s["parts"]]
    return {"median_s": round(statistics.median(totals), 3), "min_s": min(totals), "max_s": max(totals),
            "runs_s": totals,
            "parts_median_s": {name: round(statistics.median(p[name] for p in parts), 3) for name in PARTS} if parts else None}


def table(results: dict) -> str:
    rows = [f"{'variant':10} {'kind':9} {'runs':>4} {'median s':>9} {'min s':>7} {'max s':>7}   "
            + "  ".join(f"{name:>6}" for name in PARTS)]
    for variant, kinds in results.items():
        for kind, figures in kinds.items():
            parts = figures["parts_median_s"] or {}
            rows.append(f"{variant:10} {kind:9} {len(figures['runs_s']):>4} {figures['median_s']:>9.2f} "
                        f"{figures['min_s']:>7.2f} {figures['max_s']:>7.2f}   "
                        + "  ".join(f"{parts.get(name, float('nan')):>6.2f}" for name in PARTS))
    return "\n".join(rows)


def run(workdir: Path, repeat: int, stock: bool, plain: bool) -> dict:
    from playwright.sync_api import sync_playwright

    handbook = workdir / "handbook"
    variants.write_real_project(handbook)
    variants.commit(handbook)
    projects = {"handbook": handbook}
    if plain:  # its own copy, so its edits do not rebuild the other one
        projects["plain"] = workdir / "plain"
        shutil.copytree(handbook, projects["plain"], symlinks=True)
    if stock:
        projects["stock"] = workdir / "stock"
        variants.write_stock_project(handbook, projects["stock"])
        variants.commit(projects["stock"])
    # the rounds, interleaved: what each one edits in which project
    kinds = [("handbook", "markdown", MARKDOWN, markdown_edit)]
    if plain:
        kinds.append(("plain", "markdown", MARKDOWN, markdown_edit))
    if stock:
        kinds.append(("stock", "markdown", MARKDOWN, markdown_edit))
    kinds.append(("handbook", "data", DATA, data_edit))
    if plain:
        kinds.append(("plain", "data", DATA, data_edit))

    # the handbook as `make serve` runs it; plain and stock as MkDocs serves them
    mkdocs_serve = lambda port: [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]  # noqa: E731
    commands = {"handbook": lambda port: [sys.executable, str(SERVE), "--port", str(port)],
                "plain": mkdocs_serve, "stock": mkdocs_serve}
    servers = {name: Server(project, name, commands[name]) for name, project in projects.items()}
    samples: dict[str, dict[str, list]] = {name: {} for name in projects}
    try:
        for server in servers.values():
            server.wait_until_serving()
        with sync_playwright() as playwright:
            options = {"args": CHROMIUM_ARGS}
            if Path(CHROMIUM).exists():
                options["executable_path"] = CHROMIUM
            browser = playwright.chromium.launch(**options)
            pages = {}
            for name, server in servers.items():
                pages[name] = Loads(browser.new_page())
                pages[name].page.goto(server.url + PAGE, wait_until="load")
            time.sleep(SETTLE_S)
            for round_number in range(repeat):
                for name, kind, relative, edit in kinds:
                    sample = measure_edit(servers[name], pages[name], relative, edit)
                    restore(sample, pages[name])  # the next round edits the original again
                    samples[name].setdefault(kind, []).append(sample)
                    print(f"round {round_number + 1}/{repeat}  {name:9} {kind:9} {sample['total_s']:.2f} s  {sample['parts']}",
                          flush=True)
            browser.close()
    finally:
        for server in servers.values():
            server.stop()
    return {name: {kind: summarise(runs) for kind, runs in kinds_.items()} for name, kinds_ in samples.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.preview_bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="edits per kind and variant (default 5)")
    parser.add_argument("--no-stock", action="store_true", help="only the handbook, not the stock comparison")
    parser.add_argument("--plain", action="store_true",
                        help="also the handbook under plain `python -m mkdocs serve` (as `make serve` ran it before dev/preview.py)")
    parser.add_argument("--workdir", type=Path, help="where to write the projects (default: a new temporary folder, removed)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="JSON results (default benchmarks/preview-results.json)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="handbook-preview-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        results = run(workdir, args.repeat, not args.no_stock, args.plain)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    report = {"date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
              "command": " ".join(["python -m benchmarks.preview_bench"] + (argv if argv is not None else sys.argv[1:])),
              "source": source_version(), "machine": machine(), "page": PAGE,
              "edits": {"markdown": MARKDOWN.as_posix(), "data": DATA.as_posix()}, "results": results}
    args.output.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print()
    print(table(results))
    print("\nwatch: write -> change detected; wait: -> build starts; build: -> build done; reload: -> first frame of the page showing the edit")
    print(f"JSON: {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
