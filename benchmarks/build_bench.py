"""`make bench`: what a strict build of the handbook costs, against stock Material, as it grows.

For the real handbook and for synthetic books of N pages (default: real, 100, 1000 and 3000),
three variants of the same pages are built (benchmarks/variants.py):

- handbook: the project as configured;
- stock: stock Material with the same pages and `markdown_extensions`, the macros' output
  pre-rendered, none of our plugins, hooks, overrides or the glossary auto-append;
- no-git: the handbook outside a git repository (no `git log` for the 最后更新 dates).

Each is built with `python -m mkdocs build --strict` in a child process, after one warm-up
build, interleaved run by run (handbook, stock, no-git, handbook, ...). The medians of wall
time, CPU time and peak memory, and the ratios, are printed and written to
benchmarks/results.json. `--attribute` also times every plugin, hook and Markdown extension
inside one more build of the handbook and of stock (benchmarks/timed_build.py).
dev/benchmarks.md explains how to read the figures.

    python -m benchmarks.build_bench [--pages real 100 1000 3000] [--repeat 1] [--attribute] [--keep]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from macros.term_markup import without_tooltips

from . import variants
from .config_text import without_list_entry
from .synthetic import REPO, write_handbook_project

RESULTS = Path(__file__).resolve().parent / "results.json"
TIMED_BUILD = Path(__file__).resolve().parent / "timed_build.py"
DEFAULT_SIZES = ("real", "100", "1000", "3000")
GNU_TIME = "/usr/bin/time"
# issue #22: the handbook at most 1.10 x stock at 1000 pages, 1.30 x on the real one; < 1 GB at 3000.
TARGET_RATIO = {"1000": 1.10, "real": 1.30}
TARGET_PEAK_MB = 1024
HANDBOOK, STOCK, NO_GIT = variants.VARIANTS


# ---------------------------------------------------------------- building and measuring
# Fallback when GNU time is missing: a fresh child per build, so RUSAGE_CHILDREN is this build's.
RUSAGE_WRAPPER = """import json, resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as out:
    json.dump({"maxrss_kb": usage.ru_maxrss, "cpu_s": usage.ru_utime + usage.ru_stime}, out)
sys.exit(code)
"""


@dataclass
class Build:
    wall_s: float
    cpu_s: float  # user + system, mkdocs and its children (git); steadier than wall time on a busy machine
    peak_mb: float
    site_bytes: int
    search_index_bytes: int
    html_files: int
    load_before: float  # 1-minute load average when the build started: a noise indicator


def build(project: Path, site: Path) -> Build:
    report = project.parent / f"{project.name}.usage"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    if os.access(GNU_TIME, os.X_OK):
        command = [GNU_TIME, "-v", "-o", str(report)] + command
    else:
        command = [sys.executable, "-c", RUSAGE_WRAPPER, str(report)] + command
    load = os.getloadavg()[0]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    wall = time.perf_counter() - started
    if result.returncode != 0:
        sys.stderr.write(result.stderr[-6000:])
        raise SystemExit(f"strict build of {project} failed (exit {result.returncode})")
    cpu, peak_kb = _usage(report.read_text())
    files = [p for p in site.rglob("*") if p.is_file()]
    index = site / "search" / "search_index.json"
    return Build(round(wall, 2), round(cpu, 2), round(peak_kb / 1024, 1), sum(p.stat().st_size for p in files),
                 index.stat().st_size if index.exists() else 0, sum(p.suffix == ".html" for p in files), round(load, 2))


# One build in a child process with every plugin event timed (CPU time of this process). Two whole
# builds differ by several percent from run to run on a shared machine; the macros' own events,


def _usage(report: str) -> tuple[float, int]:
    """(CPU seconds, peak RSS in KB) from GNU time -v output or the wrapper's JSON."""
    if report.lstrip().startswith("{"):
        data = json.loads(report)
        return data["cpu_s"], data["maxrss_kb"]
    found = dict(re.findall(r"^\s*(User time \(seconds\)|System time \(seconds\)|Maximum resident set size \(kbytes\)): (\S+)",
                            report, re.MULTILINE))
    return (float(found["User time (seconds)"]) + float(found["System time (seconds)"]),
            int(found["Maximum resident set size (kbytes)"]))


def median_build(builds: list[Build]) -> dict:
    """Median wall time, CPU time and peak memory of the runs of one variant."""
    first = builds[0]
    return {"runs": len(builds), "wall_s": round(statistics.median(b.wall_s for b in builds), 2),
            "cpu_s": round(statistics.median(b.cpu_s for b in builds), 2),
            "peak_mb": round(statistics.median(b.peak_mb for b in builds), 1),
            "site_bytes": first.site_bytes, "search_index_bytes": first.search_index_bytes,
            "html_files": first.html_files, "load1": [b.load_before for b in builds]}


def ratios(runs: dict[str, list[Build]], top: str, bottom: str) -> dict:
    """top / bottom: of the medians, and taken run by run (each pair built one after the other)."""
    pairs = [a.wall_s / b.wall_s for a, b in zip(runs[top], runs[bottom], strict=True)]
    medians = {kind: statistics.median(getattr(b, kind) for b in runs[top]) / statistics.median(getattr(b, kind) for b in runs[bottom])
               for kind in ("wall_s", "cpu_s", "peak_mb")}
    return {"wall": round(medians["wall_s"], 3), "cpu": round(medians["cpu_s"], 3), "peak_memory": round(medians["peak_mb"], 3),
            "wall_pairs_median": round(statistics.median(pairs), 3), "wall_pairs_range": [round(min(pairs), 3), round(max(pairs), 3)]}


# ---------------------------------------------------------------- the same pages, comparable content
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*)</article>', re.DOTALL)
# What the handbook adds to the content on purpose: the "last updated" line (macros/revision_dates.py,
# with our own partial), the glossary tooltips (macros/cjk_abbr.py) and the links to the glossary
# page around them (hooks/glossary_links.py). Stock also shows the edit button on the generated
# pages, which are ordinary files there. 404.html is our own template (overrides/404.html). The
# 报告问题 link is our feedback partial (overrides/partials/feedback.html); a widget's 此清单在…有更新
# note comes from the git history (macros/changelog.py), which the stock variant does not read.
FEEDBACK_LINK = re.compile(r'<p class="hb-feedback-link[^"]*">.*?</p>', re.DOTALL)
CHANGED_NOTE = re.compile(r'<p class="[^"]*" data-hb-changed="[^"]*"[^>]*>[^<]*</p>\n?')
SOURCE_FILE = re.compile(r'<aside class="md-source-file">.*?</aside>', re.DOTALL)
EDIT_BUTTON = re.compile(r'<a href="[^"]*" title="[^"]*" class="md-content__button md-icon" rel="edit">.*?</a>', re.DOTALL)
OWN_TEMPLATES = {"404.html"}


def html_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def content(site: Path, page: str) -> str:
    article = ARTICLE.search((site / page).read_text(encoding="utf-8"))
    if not article:
        raise SystemExit(f"{site / page} has no <article>: the content check needs updating")
    text = article.group(1)
    text = without_tooltips(text)  # macros/term_markup.py: as cjk_abbr and glossary_links write them
    for pattern in (SOURCE_FILE, EDIT_BUTTON, FEEDBACK_LINK, CHANGED_NOTE):
        text = pattern.sub("", text)
    return text.strip()


def compare_sites(sites: dict[str, Path]) -> int:
    """Every variant built the same HTML files, with the same content apart from what the handbook
    adds on purpose; otherwise the ratios would compare different work."""
    pages = {variant: html_pages(site) for variant, site in sites.items()}
    for variant in (STOCK, NO_GIT):
        if pages[variant] != pages[HANDBOOK]:
            raise SystemExit(f"{variant} built other pages than the handbook: {sorted(pages[variant] ^ pages[HANDBOOK])[:10]}")
        different = sorted(p for p in pages[HANDBOOK] - OWN_TEMPLATES if content(sites[variant], p) != content(sites[HANDBOOK], p))
        if different:
            raise SystemExit(f"{variant} built other content than the handbook, e.g. {different[:5]} (use --keep to compare)")
    return len(pages[HANDBOOK])


# ---------------------------------------------------------------- where the time goes, inside one build
def component(part: str) -> str:
    """What a timed part belongs to: a plugin or hook, a Markdown extension, MkDocs or the theme."""
    words = part.split(" ")
    if words[0] == "plugin":
        return f"plugin {words[1]}"
    if words[0] == "markdown" and words[1].endswith("processor"):
        module = words[2].rsplit(".", 1)[0]
        if module in ("markdown.preprocessors", "markdown.blockprocessors", "markdown.treeprocessors", "markdown.postprocessors"):
            return "markdown core: processors (paragraphs, lists, inline, prettify)"
        if module.startswith("mkdocs."):
            return "mkdocs page.render (links, anchors, title)"
        return f"markdown extension {module}"
    if part.startswith("markdown"):
        return "markdown core: " + part.split(" ", 1)[1].split(" (")[0]
    if part.startswith("mkdocs page.render"):
        return "mkdocs page.render (links, anchors, title)"
    return part.split(" (")[0]


def attribute(project: Path, site: Path) -> dict:
    """CPU seconds of one build (this process and its children), by part and by component."""
    report = project.parent / f"{project.name}.parts.json"
    result = subprocess.run([sys.executable, str(TIMED_BUILD), str(report), str(site)], cwd=project, check=False,
                            capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    if result.returncode != 0:
        sys.stderr.write(result.stderr[-6000:])
        raise SystemExit(f"timed build of {project} failed (exit {result.returncode})")
    data = json.loads(report.read_text())
    components: dict[str, float] = {}
    for part, spent in data["parts_cpu_s"].items():
        components[component(part)] = components.get(component(part), 0.0) + spent
    return {"total_cpu_s": round(data["total_cpu_s"], 2),
            "components_cpu_s": {key: round(value, 3) for key, value in sorted(components.items(), key=lambda kv: -kv[1])},
            "parts_cpu_s": {key: round(value, 3) for key, value in sorted(data["parts_cpu_s"].items(), key=lambda kv: -kv[1])}}


# ---------------------------------------------------------------- one size, three variants
def write_projects(size: str, base: Path, use_git: bool, drop_features: list[str]) -> tuple[dict[str, Path], int | None]:
    projects = {variant: base / variant for variant in variants.VARIANTS}
    widgets = None
    if size == "real":
        variants.write_real_project(projects[HANDBOOK])
        config = projects[HANDBOOK] / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        for feature in drop_features:
            text = without_list_entry(text, feature)
        config.write_text(text, encoding="utf-8")
    else:
        _, widgets = write_handbook_project(projects[HANDBOOK], int(size), drop_features)
    variants.write_stock_project(projects[HANDBOOK], projects[STOCK])
    variants.write_no_git_project(projects[HANDBOOK], projects[NO_GIT])
    for variant, project in projects.items():
        variants.check_variant(project, variant)
        if use_git and variant != NO_GIT:
            variants.commit(project)
    return projects, widgets


def measure(size: str, workdir: Path, repeat: int, warmup: int, use_git: bool, drop_features: list[str],
            keep: bool, attribute_parts: bool = False) -> dict:
    label = "real handbook" if size == "real" else f"{size} pages"

    def log(message: str) -> None:
        print(f"[{label}] {message}", file=sys.stderr, flush=True)

    base = workdir / ("real" if size == "real" else f"n{size}")
    log("writing the three variants")
    projects, widgets = write_projects(size, base, use_git, drop_features)
    sites = {variant: base / f"site-{variant}" for variant in projects}
    for number in range(warmup):  # fills the disk cache and compiles the copied modules; not counted
        log(f"warm-up build {number + 1}/{warmup} ({HANDBOOK})")
        build(projects[HANDBOOK], base / "site-warmup")
        shutil.rmtree(base / "site-warmup", ignore_errors=True)
    runs: dict[str, list[Build]] = {variant: [] for variant in projects}
    for round_number in range(repeat):
        for variant, project in projects.items():  # interleaved, so slow spells hit every variant alike
            shutil.rmtree(sites[variant], ignore_errors=True)
            log(f"building {variant} (run {round_number + 1}/{repeat})")
            runs[variant].append(build(project, sites[variant]))
            last = runs[variant][-1]
            log(f"  {last.wall_s} s wall, {last.cpu_s} s CPU, {last.peak_mb} MB, load {last.load_before}")
    html_files = compare_sites(sites)
    log(f"all three variants built the same {html_files} HTML files")
    attributed = None
    if attribute_parts:
        attributed = {}
        for variant in (HANDBOOK, STOCK):
            log(f"timing the parts of one more {variant} build")
            attributed[variant] = attribute(projects[variant], base / f"site-parts-{variant}")
    pages = sum(1 for _ in (projects[HANDBOOK] / "docs").rglob("*.md"))
    if not keep:
        shutil.rmtree(base, ignore_errors=True)
    return {
        "size": size,
        "pages": pages,
        "widgets": widgets,
        "built_pages": html_files - 1,  # without 404.html
        "variants": {variant: median_build(builds) for variant, builds in runs.items()},
        "runs": {variant: [asdict(b) for b in builds] for variant, builds in runs.items()},
        "ratios": {f"{HANDBOOK}/{STOCK}": ratios(runs, HANDBOOK, STOCK), f"{NO_GIT}/{STOCK}": ratios(runs, NO_GIT, STOCK),
                   f"{HANDBOOK}/{NO_GIT}": ratios(runs, HANDBOOK, NO_GIT)},
        "attributed": attributed,
    }


# ---------------------------------------------------------------- report
def targets(results: list[dict]) -> dict:
    out = {}
    for r in results:
        if r["size"] in TARGET_RATIO:
            ratio = r["ratios"][f"{HANDBOOK}/{STOCK}"]["wall"]
            out[f"ratio at {r['size']}"] = {"value": ratio, "max": TARGET_RATIO[r["size"]], "met": ratio <= TARGET_RATIO[r["size"]]}
        if r["size"] == "3000":
            peak = r["variants"][HANDBOOK]["peak_mb"]
            out["peak memory at 3000"] = {"value": peak, "max": TARGET_PEAK_MB, "met": peak < TARGET_PEAK_MB}
    return out


def table(results: list[dict]) -> str:
    header = ("size", "pages", "built", "variant", "runs", "wall s", "CPU s", "ms/page", "peak MB", "site MB", "index MB", "load1")
    rows = []
    for r in results:
        for variant, b in r["variants"].items():
            rows.append((r["size"], str(r["pages"]), str(r["built_pages"]), variant, str(b["runs"]), f"{b['wall_s']:.2f}",
                         f"{b['cpu_s']:.2f}", f"{1000 * b['wall_s'] / r['pages']:.1f}", f"{b['peak_mb']:.0f}",
                         f"{b['site_bytes'] / 1e6:.1f}", f"{b['search_index_bytes'] / 1e6:.1f}",
                         "-".join(f"{x:.1f}" for x in (min(b["load1"]), max(b["load1"])))))
    return _grid(header, rows)


def _grid(header: tuple, rows: list[tuple]) -> str:
    widths = [max(len(row[i]) for row in rows + [header]) for i in range(len(header))]

    def line(row: tuple) -> str:  # the first column left-aligned, numbers right-aligned
        return "  ".join(cell.rjust(width) if i else cell.ljust(width) for i, (cell, width) in enumerate(zip(row, widths, strict=True)))

    return "\n".join([line(header), line(tuple("-" * w for w in widths))] + [line(row) for row in rows])


def summary(results: list[dict], goals: dict) -> str:
    lines = ["", "Ratios (medians; wall pairs = run-by-run ratio of builds made one after the other):"]
    for r in results:
        for name, q in r["ratios"].items():
            lines.append(f"  {r['size']:>5}  {name:<16} wall {q['wall']:.3f}  CPU {q['cpu']:.3f}  peak memory {q['peak_memory']:.3f}"
                         f"  wall pairs {q['wall_pairs_median']:.3f} ({q['wall_pairs_range'][0]:.3f}-{q['wall_pairs_range'][1]:.3f})")
    if goals:
        lines.append("Targets (issue #22):")
        lines += [f"  {name}: {goal['value']} (max {goal['max']}) -> {'met' if goal['met'] else 'NOT met'}" for name, goal in goals.items()]
    return "\n".join(lines)


def attribution_table(result: dict) -> str:
    """CPU seconds per component inside one build of the handbook and of stock, largest extra first."""
    a, b = result["attributed"][HANDBOOK], result["attributed"][STOCK]
    names = sorted(set(a["components_cpu_s"]) | set(b["components_cpu_s"]),
                   key=lambda n: (-(a["components_cpu_s"].get(n, 0) - b["components_cpu_s"].get(n, 0)), n))
    rows = [(name, f"{a['components_cpu_s'].get(name, 0):.2f}", f"{b['components_cpu_s'].get(name, 0):.2f}",
             f"{a['components_cpu_s'].get(name, 0) - b['components_cpu_s'].get(name, 0):+.2f}") for name in names]
    rows.append(("whole build", f"{a['total_cpu_s']:.2f}", f"{b['total_cpu_s']:.2f}", f"{a['total_cpu_s'] - b['total_cpu_s']:+.2f}"))
    size = "real handbook" if result["size"] == "real" else f"{result['size']} pages"
    return f"\nCPU seconds by part, one timed build each ({size}):\n" + _grid(("part", HANDBOOK, STOCK, "extra"), rows)


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    memory = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()) if Path("/proc/meminfo").exists() else None
    from importlib.metadata import version

    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(int(memory.group(1)) / 1024**2, 1) if memory else None,
            "os": platform.platform(), "python": platform.python_version(),
            "mkdocs": version("mkdocs"), "mkdocs-material": version("mkdocs-material"),
            "mkdocs-macros-plugin": version("mkdocs-macros-plugin")}


def source_version() -> str:
    """The commit the figures belong to, marked when the working tree has changes."""
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True, check=False).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + (" (with uncommitted changes)" if git("status", "--porcelain", "--untracked-files=no") else "")

def parse_sizes(values: list[str]) -> list[str]:
    sizes = []
    for value in values:
        if value != "real" and not (value.isdigit() and int(value) >= 20):
            raise argparse.ArgumentTypeError(f"--pages: 'real' or a number of pages >= 20, not {value!r}")
        if value not in sizes:
            sizes.append(value)
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.build_bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", nargs="+", default=list(DEFAULT_SIZES), metavar="SIZE",
                        help="'real' (the real handbook) and/or numbers of synthetic pages (default: real 100 1000 3000)")
    parser.add_argument("--real", action="store_true", help="also the real handbook (same as adding 'real' to --pages)")
    parser.add_argument("--repeat", type=int, default=1, help="interleaved runs per variant; the median counts (default 1)")
    parser.add_argument("--warmup", type=int, default=1, help="builds of the handbook before the measured runs (default 1)")
    parser.add_argument("--no-git", action="store_true", help="no git repository for any variant: the 最后更新 dates are the build date")
    parser.add_argument("--drop-feature", action="append", default=[], metavar="FEATURE",
                        help="remove a theme feature from mkdocs.yml for this run, e.g. navigation.prune")
    parser.add_argument("--attribute", action="store_true",
                        help="also time every plugin, hook and Markdown extension inside one more build of the handbook and of stock")
    parser.add_argument("--keep", action="store_true", help="keep the projects and sites (in --workdir)")
    parser.add_argument("--workdir", type=Path, help="where to write the projects (default: a new temporary folder)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="JSON results (default benchmarks/results.json)")
    args = parser.parse_args(argv)
    try:
        sizes = parse_sizes((["real"] if args.real else []) + args.pages)
    except argparse.ArgumentTypeError as error:
        parser.error(str(error))
    if args.repeat < 1 or args.warmup < 0:
        parser.error("--repeat must be at least 1 and --warmup at least 0")

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    report = {"date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
              "command": " ".join(["python -m benchmarks.build_bench"] + (argv if argv is not None else sys.argv[1:])),
              "source": source_version(), "machine": machine(), "git": not args.no_git, "dropped_features": args.drop_feature,
              "results": [], "workdir": str(workdir) if args.keep else None}
    try:
        for size in sizes:
            report["results"].append(measure(size, workdir, args.repeat, args.warmup, not args.no_git, args.drop_feature,
                                             args.keep, args.attribute))
            report["targets"] = targets(report["results"])
            # Written after every size, so a long run that is stopped still leaves its figures.
            args.output.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(table(report["results"]))
    print(summary(report["results"], report["targets"]))
    for result in report["results"]:
        if result["attributed"]:
            print(attribution_table(result))
    print(f"\nJSON: {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
