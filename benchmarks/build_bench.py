"""`make bench`: how the strict build scales with the size of the handbook, and what macros cost.

For each N (default 100, 1000 and 3000 pages) a synthetic handbook is written to a temporary
folder in two variants that build exactly the same pages:

- macros: our real mkdocs.yml, macros/, hooks/, includes/, overrides/ and docs/assets/; pages of
  Chinese text borrowed from docs/ and varied, in a nested nav (parts > units > pages); every
  10th page shows a checklist, agenda or quiz whose data file is an altered copy of one in data/.
- static: the same Markdown with every macro call replaced by the HTML that macro returns
  (rendered once here, through macros.define_env), without the macros plugin; the printable
  pages the hook generates are pre-rendered and added by a stand-in hook.

Each variant is built with `python -m mkdocs build --strict` in a child process. The figures
(time, peak memory, site and search index size, macro overhead, growth 1000 -> 3000) are printed
as a table and written to benchmarks/results.json. dev/benchmarks.md explains how to read them.

    python -m benchmarks.build_bench [--pages 100 1000 3000] [--repeat 1] [--keep] [--attribute]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import platform
import posixpath
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import SimpleNamespace

import jinja2
import yaml

from macros import define_env  # the real macros (run from the repository root, as `make bench` does)
from macros.check import read_config
from macros.links import page_url

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results.json"
COPIED = ("macros", "hooks", "includes", "overrides")  # docs/assets is copied on its own
DEFAULT_PAGES = (100, 1000, 3000)
WIDGET_EVERY = 10  # every 10th content page shows a widget
PAGES_PER_UNIT = 10
UNITS_PER_PART = 10  # so a part (a top-level tab) holds ~100 pages and the per-page nav stays bounded
BLOCKS_PER_HEADING = 3
TARGET_OVERHEAD = 1.05
TARGET_PEAK_MB = 1024  # "< 1 GB" at 3000 pages
GNU_TIME = "/usr/bin/time"
COMMIT_DATE = "2026-01-05T09:00:00+08:00"
KINDS = {"checklists": "checklist", "agendas": "agenda", "quizzes": "quiz"}  # data folder -> macro
PART_NAMES = ("新员工入职", "外贸函电", "产品发布", "呼叫中心", "培训师指南")
# Word swaps that keep the text natural Chinese, so no two pages share exactly the same paragraphs.
VARIATIONS = (("新员工", "新同事"), ("客户", "买家"), ("培训师", "讲师"), ("主管", "组长"),
              ("第一周", "头一周"), ("注意", "留意"), ("检查", "核对"), ("马上", "立即"))


# ---------------------------------------------------------------- text borrowed from docs/
FRONT_MATTER = re.compile(r"^---\s*\n(.*?)\n---\s*\n", re.DOTALL)
FENCED = re.compile(r"^(```|~~~).*?^\1\s*$", re.MULTILINE | re.DOTALL)
TAB_BLOCK = re.compile(r"^///.*?^///\s*$", re.MULTILINE | re.DOTALL)
RAW = re.compile(r"\{%\s*raw\s*%\}.*?\{%\s*endraw\s*%\}", re.DOTALL)
HEADING = re.compile(r"^(#{1,6})\s+(.+?)(?:\s*\{[^}]*\})?\s*$")
MD_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(([^)\s]*)[^)]*\)")
INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?\s*\)")  # as macros.inline.LINK_TARGETS
COMPANY_VARIABLE = re.compile(r"\{\{\s*company(?:\.\w+)+\s*\}\}")
# Blocks that only make sense with their neighbours (indented continuations, tabs, code, footnotes,
# abbreviations, raw HTML) are not borrowed: alone, they would render differently or break.
UNSAFE_START = ("#", " ", "\t", "===", "///", "<", "`", "~", "[^", "*[", "{", ":", "---", "???")
UNSAFE_ANYWHERE = ("{%", "{#", "![", "[^", "```", "\n===", "\n///")


@dataclass
class Corpus:
    titles: list[str]  # page titles (H1) of the real pages
    headings: list[str]  # level 2-3 headings
    blocks: list[str]  # paragraphs, lists, admonitions that stand on their own
    page_chars: int  # mean length of a real page's Markdown body: the size each generated page aims at


def read_corpus(docs_dir: Path) -> Corpus:
    titles, headings, blocks, lengths = [], [], [], []
    for path in sorted(docs_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        front = FRONT_MATTER.match(text)
        body = text[front.end():] if front else text
        lengths.append(len(body))
        body = RAW.sub("", TAB_BLOCK.sub("", FENCED.sub("", body)))
        for block in (part.strip("\n") for part in re.split(r"\n\s*\n", body)):
            heading = HEADING.match(block) if "\n" not in block else None
            if heading and "{{" not in block:
                level = len(heading.group(1))
                if level <= 3:
                    (titles if level == 1 else headings).append(_clean_title(_unlink(heading.group(2))))
            elif block and _standalone(block):
                blocks.append(_unlink(block))
    return Corpus(titles, headings, blocks, sum(lengths) // max(len(lengths), 1))


def _standalone(block: str) -> bool:
    if block.startswith(UNSAFE_START) or any(marker in block for marker in UNSAFE_ANYWHERE):
        return False
    return "{{" not in COMPANY_VARIABLE.sub("", block)  # company variables render in both variants


def _unlink(text: str) -> str:
    """Keep external links; page links are replaced by their text (the pages they name are not here)."""
    return MD_LINK.sub(lambda m: m.group(0) if m.group(2).startswith(("http:", "https:")) else m.group(1), text)


def _clean_title(text: str) -> str:
    return text.replace('"', "").replace("\\", "").strip()


def vary(text: str, rng: random.Random) -> str:
    for old, new in rng.sample(VARIATIONS, 2):
        text = text.replace(old, new)
    return text


# ---------------------------------------------------------------- layout: parts > units > pages
@dataclass
class Page:
    path: str  # docs-relative
    title: str
    widget: tuple[str, str] | None = None  # (macro name, data id)


@dataclass
class Unit:
    title: str
    pages: list[Page]


@dataclass
class Part:
    title: str
    index: Page
    units: list[Unit] = field(default_factory=list)


@dataclass
class Layout:
    parts: list[Part]

    def content_pages(self) -> list[Page]:
        """Every page except the home and progress pages, in nav order."""
        return [page for part in self.parts for page in [part.index] + [p for unit in part.units for p in unit.pages]]

    def nav(self) -> list:
        entries: list = [{"首页": "index.md"}, {"我的进度": "progress.md"}]
        for part in self.parts:
            items = [part.index.path] + [{unit.title: [page.path for page in unit.pages]} for unit in part.units]
            entries.append({part.title: items})
        return entries


def plan_layout(total_pages: int, corpus: Corpus, rng: random.Random) -> Layout:
    """`total_pages` Markdown pages: home, progress, and parts of up to 10 units of 10 pages."""
    remaining = total_pages - 2
    parts: list[Part] = []
    while remaining > 0:
        number = len(parts) + 1
        base = f"part-{number:02d}"
        part = Part(f"{PART_NAMES[(number - 1) % len(PART_NAMES)]}（{number}）",
                    Page(f"{base}/index.md", f"{rng.choice(corpus.titles)}（第 {number} 部分）"))
        remaining -= 1
        while remaining > 0 and len(part.units) < UNITS_PER_PART:
            unit_number = len(part.units) + 1
            count = min(PAGES_PER_UNIT, remaining)
            pages = [Page(f"{base}/unit-{unit_number:02d}/page-{k:02d}.md",
                          f"{rng.choice(corpus.titles)}（{number}.{unit_number}.{k}）") for k in range(1, count + 1)]
            part.units.append(Unit(rng.choice(corpus.headings), pages))
            remaining -= count
        parts.append(part)
    return Layout(parts)


# ---------------------------------------------------------------- data files: altered copies of data/
def data_sources(data_dir: Path) -> list[tuple[str, str]]:
    """(kind, id) of every real data file, kinds interleaved so a few widgets already mix them."""
    by_kind = {kind: sorted(p.stem for p in (data_dir / kind).glob("*.yml")) for kind in KINDS}
    longest = max(len(ids) for ids in by_kind.values())
    return [(kind, ids[i]) for i in range(longest) for kind, ids in by_kind.items() if i < len(ids)]


def place_widgets(layout: Layout, sources: list[tuple[str, str]]) -> dict[str, list[tuple[str, str]]]:
    """Put a widget on every 10th content page; returns kind -> [(new id, source id)] in order."""
    made: dict[str, list[tuple[str, str]]] = {kind: [] for kind in KINDS}
    for number, page in enumerate(layout.content_pages(), start=1):
        if number % WIDGET_EVERY == 0:
            widget = number // WIDGET_EVERY
            kind, source_id = sources[(widget - 1) % len(sources)]
            new_id = f"{source_id}-{widget:04d}"
            page.widget = (KINDS[kind], new_id)
            made[kind].append((new_id, source_id))
    return made


def _pick(items: list, key: str):
    """A stable choice (the same on every run), unlike hash() which is salted per process."""
    return items[zlib.crc32(key.encode()) % len(items)]


class LinkMapper:
    """Point data links and ids that name real pages or data at pages and data of the synthetic book."""

    def __init__(self, layout: Layout, made: dict[str, list[tuple[str, str]]]):
        self.pages = layout.content_pages()
        self.made = made

    def link(self, original: str, owner: str) -> str:
        if original.startswith(("http:", "https:", "mailto:", "tel:")):
            return original
        # Every generated page has a `{ #sec-1 }` heading, so anchored links stay anchored.
        target = _pick(self.pages, f"{owner}/{original}").path
        return target + ("#sec-1" if "#" in original else "")

    def data_id(self, kind: str, original: str) -> str | None:
        """The first copy of the same real file, else any generated item of that kind."""
        ids = self.made[kind]
        if not ids:
            return None
        return next((new for new, source in ids if source == original), None) or _pick(ids, original)[0]


def altered_data(data: dict, new_id: str, number: int, mapper: LinkMapper) -> dict:
    """A copy of a real data file with a numbered title and every link and id re-pointed."""

    def walk(value, key):
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            if key == "links":
                return [mapper.link(v, new_id) for v in value]
            if key == "checklists":
                return [mapper.data_id("checklists", v) for v in value]
            return [walk(v, None) for v in value]
        if isinstance(value, str) and key in ("link", "review"):
            return mapper.link(value, new_id)
        if isinstance(value, str):
            return INLINE_LINK.sub(lambda m: f"]({mapper.link(m.group(1), new_id)})", value)
        return value

    altered = walk(data, None)
    altered["title"] = f"{altered['title']}（第 {number} 套）"
    return altered


def altered_tracks(tracks: dict, mapper: LinkMapper) -> dict:
    """The real tracks (same ids, so docs/progress.md can be reused), steps re-pointed."""
    out = []
    for track in tracks["tracks"]:
        steps, seen = [], set()
        for step in track["steps"]:
            kind = next(k for k in ("agenda", "page", "checklist", "quiz") if k in step)
            target = (mapper.link(step[kind], track["id"]) if kind == "page"
                      else mapper.data_id({"agenda": "agendas", "checklist": "checklists", "quiz": "quizzes"}[kind], step[kind]))
            if target and (kind, target) not in seen:  # small books lack some kinds; steps stay unique
                seen.add((kind, target))
                steps.append({**step, kind: target})
        out.append({**track, "steps": steps})
    return {"tracks": out}


def write_data(project: Path, made: dict[str, list[tuple[str, str]]], mapper: LinkMapper) -> None:
    for kind, items in made.items():
        folder = project / "data" / kind
        folder.mkdir(parents=True, exist_ok=True)
        for new_id, source_id in items:
            source = yaml.safe_load((REPO / "data" / kind / f"{source_id}.yml").read_text(encoding="utf-8"))
            number = int(new_id.rsplit("-", 1)[1])
            _write_yaml(folder / f"{new_id}.yml", altered_data(source, new_id, number, mapper),
                        f"../../schemas/{KINDS[kind]}.schema.json")
    tracks = yaml.safe_load((REPO / "data" / "tracks.yml").read_text(encoding="utf-8"))
    _write_yaml(project / "data" / "tracks.yml", altered_tracks(tracks, mapper), "../schemas/tracks.schema.json")


def _write_yaml(path: Path, data: dict, schema: str) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)
    path.write_text(f"# yaml-language-server: $schema={schema}\n{text}", encoding="utf-8")


# ---------------------------------------------------------------- pages
def _href(source: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


def _front_matter(title: str, description: str) -> str:
    # JSON strings are valid YAML double-quoted scalars: no quoting surprises in generated titles.
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\ndescription: {json.dumps(description, ensure_ascii=False)}\n---\n\n"


def page_markdown(page: Page, neighbours: list[Page], extra_blocks: list[str], corpus: Corpus, rng: random.Random) -> str:
    """A page about as long as a real one: intro, `## … { #sec-n }` sections, widget, related pages."""
    blocks, size = [], 0
    while size < corpus.page_chars:
        block = vary(rng.choice(corpus.blocks), rng)
        blocks.append(block)
        size += len(block)
    intro, rest = blocks[0], blocks[1:]
    first_line = COMPANY_VARIABLE.sub("", intro.split("\n")[0])  # front matter is not rendered by macros
    description = re.sub(r"[*`>!\[\]#_|-]", "", first_line).strip()[:80] or page.title
    chunks = [_front_matter(page.title, description) + f"# {page.title}", intro]
    for start in range(0, max(len(rest), 1), BLOCKS_PER_HEADING):
        number = start // BLOCKS_PER_HEADING + 1
        chunks.append(f"## {rng.choice(corpus.headings)} {{ #sec-{number} }}")
        chunks += rest[start:start + BLOCKS_PER_HEADING]
        if number == 2 and page.widget:  # mid-page, as in the real handbook
            chunks.append(f'{{{{ {page.widget[0]}("{page.widget[1]}") }}}}')
    if page.widget and len(rest) <= BLOCKS_PER_HEADING:  # a page too short for a second section
        chunks.append(f'{{{{ {page.widget[0]}("{page.widget[1]}") }}}}')
    chunks += extra_blocks
    related = [f"- [{other.title}]({_href(page.path, other.path)}{'#sec-1' if i == 0 else ''})"
               for i, other in enumerate(neighbours)]
    chunks += ["## 相关页面 { #related }", "\n".join(related)]
    return "\n\n".join(chunks) + "\n"


def write_pages(docs: Path, layout: Layout, corpus: Corpus, rng: random.Random, site_name: str) -> None:
    pages = layout.content_pages()
    for position, page in enumerate(pages):
        neighbours = [pages[position - 1], pages[(position + 1) % len(pages)], rng.choice(pages)]
        extra = []
        part = next((p for p in layout.parts if p.index is page), None)
        if part:  # a part's index page lists its units, as the real section index pages do
            extra = ["## 本部分内容 { #contents }",
                     "\n".join(f"- [{unit.title}]({_href(page.path, unit.pages[0].path)})" for unit in part.units) or "（待补充）"]
        _write(docs / page.path, page_markdown(page, neighbours, extra, corpus, rng))
    home = Page("index.md", site_name)
    parts_list = "\n".join(f"- [{part.title}]({part.index.path})" for part in layout.parts)
    extra = ["## 手册结构 { #parts }", parts_list, "## 测验答案 { #answer-keys }", "{{ answer_key_links() }}"]
    _write(docs / "index.md", page_markdown(home, pages[:2], extra, corpus, rng))
    # The real progress page: tracks keep their ids, so its track() calls still resolve.
    shutil.copy2(REPO / "docs" / "progress.md", docs / "progress.md")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- mkdocs.yml, edited as text
# Edited as text, not loaded and dumped: the !!python/object/apply slugify tags must survive as written.
def without_top_level_key(text: str, key: str) -> str:
    out, skipping = [], False
    for line in text.split("\n"):
        if re.match(rf"^{re.escape(key)}:", line):
            skipping = True
            continue
        if skipping and line and not line[0].isspace():
            skipping = False  # the next top-level key (or its comment) ends the block
        if not skipping:
            out.append(line)
    return "\n".join(out)


def without_list_entry(text: str, entry: str) -> str:
    """Remove `- entry` (or `- entry:` with its nested options) from a YAML list."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        match = re.match(rf"^(\s*)- {re.escape(entry)}:?\s*$", line)
        if match:
            indent, end = len(match.group(1)), i + 1
            while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
                end += 1
            return "\n".join(lines[:i] + lines[end:])
    raise ValueError(f"mkdocs.yml has no list entry `- {entry}`")


def project_config(layout: Layout, drop_features: list[str]) -> str:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = without_top_level_key(text, "nav")
    for feature in drop_features:
        text = without_list_entry(text, feature)
    nav = yaml.safe_dump({"nav": layout.nav()}, allow_unicode=True, sort_keys=False, width=10**6)
    return text.rstrip("\n") + "\n\n" + nav


def static_config(text: str) -> str:
    text = without_list_entry(text, "macros")
    if "hooks/generated_pages.py" not in text:
        raise ValueError("mkdocs.yml no longer lists hooks/generated_pages.py; update benchmarks/build_bench.py")
    return text.replace("hooks/generated_pages.py", "hooks/static_pages.py")


def check_config(project: Path, layout: Layout, with_macros: bool) -> None:
    """Fail early if the text edits did not give the config we meant to build."""
    config = read_config(str(project))
    plugins = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert ("macros" in plugins) == with_macros, plugins
    assert config["nav"] == layout.nav(), "generated nav not in mkdocs.yml"


# ---------------------------------------------------------------- the two variants
def write_macros_project(project: Path, total_pages: int, drop_features: list[str]) -> tuple[Layout, int]:
    """The synthetic handbook that uses the real macros; returns its layout and widget count."""
    rng = random.Random(total_pages)  # the same book on every run
    corpus = read_corpus(REPO / "docs")
    for name in COPIED:
        shutil.copytree(REPO / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "docs" / "assets", project / "docs" / "assets")
    layout = plan_layout(total_pages, corpus, rng)
    made = place_widgets(layout, data_sources(REPO / "data"))
    write_data(project, made, LinkMapper(layout, made))
    config = project_config(layout, drop_features)
    site_name = re.search(r"^site_name:\s*(.+)$", config, re.MULTILINE).group(1).strip()
    write_pages(project / "docs", layout, corpus, rng, site_name)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    check_config(project, layout, with_macros=True)
    return layout, sum(len(items) for items in made.values())


STATIC_HOOK = '''"""Benchmark stand-in for hooks/generated_pages.py: adds the same pages, pre-rendered."""
import os

from mkdocs.structure.files import File


def on_files(files, config):
    root = os.path.join(os.path.dirname(os.path.abspath(config.config_file_path)), "generated")
    for folder, _, names in sorted(os.walk(root)):
        for name in sorted(names):
            full = os.path.join(folder, name)
            with open(full, encoding="utf-8") as handle:
                uri = os.path.relpath(full, root).replace(os.sep, "/")
                files.append(File.generated(config, uri, content=handle.read()))
    return files
'''


class MacroEnv:
    """The part of mkdocs-macros' `env` that macros.define_env uses: conf, page and @env.macro."""

    def __init__(self, conf: dict):
        self.conf = conf
        self.page = None
        self.functions: dict = {}

    def macro(self, function):
        self.functions[function.__name__] = function
        return function


def hook_pages(project: Path) -> dict[str, str]:
    """The pages hooks/generated_pages.py adds (src path -> Markdown), from the hook itself."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    spec = importlib.util.spec_from_file_location("bench_generated_pages", project / "hooks" / "generated_pages.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    config = load_config(config_file=str(project / "mkdocs.yml"))
    config.plugins._current_plugin = None  # File.generated() reads it; MkDocs sets it while running events
    return {file.src_uri: file.content_string for file in hook.on_files(Files([]), config)}


def write_static_project(macros_project: Path, project: Path) -> None:
    """Copy of the macros variant with every macro call replaced by its HTML, macros plugin removed."""
    extra = read_config(str(macros_project)).get("extra", {})
    env = MacroEnv({"config_file_path": str(macros_project / "mkdocs.yml"),
                    "docs_dir": str(macros_project / "docs"), "extra": extra})
    define_env(env)  # validates the data once and registers the macros, exactly as the plugin does
    # mkdocs-macros renders each page as a Jinja template with the `extra:` variables and the macros.
    jinja = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    variables = {**extra, **env.functions}

    def render(markdown: str, src_path: str) -> str:
        front = FRONT_MATTER.match(markdown)
        head, body = (markdown[:front.end()], markdown[front.end():]) if front else ("", markdown)
        env.page = SimpleNamespace(url=page_url(src_path))
        return head + jinja.from_string(body).render(**variables)

    shutil.copytree(macros_project, project)
    docs = project / "docs"
    for path in docs.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        if "{{" in text or "{%" in text:
            path.write_text(render(text, path.relative_to(docs).as_posix()), encoding="utf-8")
    for src_path, markdown in hook_pages(macros_project).items():
        _write(project / "generated" / src_path, render(markdown, src_path))
    _write(project / "hooks" / "static_pages.py", STATIC_HOOK)
    config = static_config((project / "mkdocs.yml").read_text(encoding="utf-8"))
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")


def commit(project: Path) -> None:
    """A one-commit git repository, so git-revision-date-localized runs `git log` per page, as in CI."""
    git = ["git", "-C", str(project), "-c", "user.name=bench", "-c", "user.email=bench@example.invalid",
           "-c", "commit.gpgsign=false"]
    # A fixed date, so both variants show the same "last updated" line and their HTML can be compared.
    env = dict(os.environ, GIT_AUTHOR_DATE=COMMIT_DATE, GIT_COMMITTER_DATE=COMMIT_DATE)
    subprocess.run(git + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-q", "-m", "synthetic handbook"], check=True, env=env)


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
    result = subprocess.run(command, cwd=project, capture_output=True, text=True,
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
# measured inside one build, do not depend on what else the machine is doing.
ATTRIBUTION_SCRIPT = """import json, sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import PluginCollection

spent = {}

def run_event(self, name, item=None, **kwargs):  # PluginCollection.run_event, with a timer per plugin
    pass_item = item is not None
    for method in self.events[name]:
        self._current_plugin = self._event_origins.get(method, "<unknown>")
        started = time.process_time()
        result = method(item, **kwargs) if pass_item else method(**kwargs)
        key = self._current_plugin + " on_" + name
        spent[key] = spent.get(key, 0.0) + time.process_time() - started
        if result is not None:
            item = result
    self._current_plugin = None
    return item

PluginCollection.run_event = run_event
started = time.process_time()
config = load_config(config_file="mkdocs.yml", site_dir=sys.argv[2], strict=True)
config.plugins.on_startup(command="build", dirty=False)
build(config)
config.plugins.on_shutdown()
total = time.process_time() - started
with open(sys.argv[1], "w") as out:
    json.dump({"total_cpu_s": total, "events_cpu_s": spent}, out)
"""
# The plugins and hooks that exist only because of the macros (the static variant has a stand-in
# for the generated pages, counted on its side).
MACRO_PARTS = ("macros", "hooks/anchor_links.py", "hooks/generated_pages.py")


def attribute(project: Path, site: Path) -> dict:
    """CPU seconds of the whole build (this process only, no `git log` children) and of each event."""
    report = project.parent / f"{project.name}.events.json"
    result = subprocess.run([sys.executable, "-c", ATTRIBUTION_SCRIPT, str(report), str(site)], cwd=project,
                            capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    if result.returncode != 0:
        sys.stderr.write(result.stderr[-6000:])
        raise SystemExit(f"timed build of {project} failed (exit {result.returncode})")
    data = json.loads(report.read_text())
    macro = {key: round(value, 2) for key, value in data["events_cpu_s"].items() if key.split(" ")[0] in MACRO_PARTS}
    return {"total_cpu_s": round(data["total_cpu_s"], 2), "macro_events_cpu_s": dict(sorted(macro.items())),
            "macro_cpu_s": round(sum(macro.values()), 2)}


def _usage(report: str) -> tuple[float, int]:
    """(CPU seconds, peak RSS in KB) from GNU time -v output or the wrapper's JSON."""
    if report.lstrip().startswith("{"):
        data = json.loads(report)
        return data["cpu_s"], data["maxrss_kb"]
    found = dict(re.findall(r"^\s*(User time \(seconds\)|System time \(seconds\)|Maximum resident set size \(kbytes\)): (\S+)",
                            report, re.MULTILINE))
    return (float(found["User time (seconds)"]) + float(found["System time (seconds)"]),
            int(found["Maximum resident set size (kbytes)"]))


# Pages without a git history (the generated ones) show the build time instead of a commit date.
BUILD_DATE = re.compile(r'<span class="git-revision-date-localized-plugin[^"]*"[^>]*>[^<]*</span>')


def html_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def differing_pages(first: Path, second: Path, pages: set[str]) -> list[str]:
    """Pages whose HTML differs between the two sites, apart from the build-time date."""
    def text(site: Path, page: str) -> str:
        return BUILD_DATE.sub("", (site / page).read_text(encoding="utf-8"))

    return sorted(page for page in pages if text(first, page) != text(second, page))


def best_of(builds: list[Build]) -> Build:
    """Fastest time seen (least disturbed by other load), largest memory seen."""
    fastest = min(builds, key=lambda b: b.wall_s)
    return Build(fastest.wall_s, min(b.cpu_s for b in builds), max(b.peak_mb for b in builds), fastest.site_bytes,
                 fastest.search_index_bytes, fastest.html_files, fastest.load_before)


def measure(total_pages: int, workdir: Path, repeat: int, use_git: bool, drop_features: list[str], keep: bool,
            attribute_events: bool = False) -> dict:
    log = lambda message: print(f"[{total_pages} pages] {message}", file=sys.stderr, flush=True)  # noqa: E731
    base = workdir / f"n{total_pages}"
    macros_project, static_project = base / "macros", base / "static"
    log("writing the synthetic handbook")
    _layout, widgets = write_macros_project(macros_project, total_pages, drop_features)
    write_static_project(macros_project, static_project)
    if use_git:
        commit(macros_project)
        commit(static_project)
    runs: dict[str, list[Build]] = {"macros": [], "static": []}
    for round_number in range(repeat):
        for variant, project in (("macros", macros_project), ("static", static_project)):
            site = base / f"site-{variant}"
            shutil.rmtree(site, ignore_errors=True)
            log(f"building {variant} (run {round_number + 1}/{repeat})")
            runs[variant].append(build(project, site))
            log(f"  {runs[variant][-1].wall_s} s wall, {runs[variant][-1].cpu_s} s CPU, {runs[variant][-1].peak_mb} MB")
    macros_pages, static_pages = html_pages(base / "site-macros"), html_pages(base / "site-static")
    # The overhead figure is only meaningful if both variants produce the same site.
    if macros_pages != static_pages:
        raise SystemExit(f"the variants built different pages: {sorted(macros_pages ^ static_pages)[:10]}")
    different = differing_pages(base / "site-macros", base / "site-static", macros_pages)
    if different:
        raise SystemExit(f"the variants built different HTML, e.g. {different[:5]} (kept in {base})")
    with_macros, static = best_of(runs["macros"]), best_of(runs["static"])
    attributed = None
    if attribute_events:
        log("timing the plugin events of one more macros build")
        attributed = attribute(macros_project, base / "site-events")
        share = attributed["macro_cpu_s"] / (attributed["total_cpu_s"] - attributed["macro_cpu_s"])
        attributed["overhead"] = round(1 + share, 3)
    if not keep:
        shutil.rmtree(base, ignore_errors=True)
    log(f"both variants built the same {len(macros_pages)} HTML files")
    return {
        "pages": total_pages,
        "widgets": widgets,
        "built_pages": len(macros_pages - {"404.html"}),
        "macros": asdict(with_macros),
        "static": asdict(static),
        "ms_per_page": round(1000 * with_macros.wall_s / total_pages, 1),
        "cpu_ms_per_page": round(1000 * with_macros.cpu_s / total_pages, 1),
        "macro_overhead_wall": round(with_macros.wall_s / static.wall_s, 3),
        "macro_overhead_cpu": round(with_macros.cpu_s / static.cpu_s, 3),
        "attributed": attributed,
    }


# ---------------------------------------------------------------- report
def growth(results: list[dict], small: int = 1000, large: int = 3000) -> dict | None:
    """Ratios between the large and small builds; linear growth gives large/small (3.0)."""
    by_pages = {r["pages"]: r for r in results}
    if small not in by_pages or large not in by_pages:
        return None
    a, b = by_pages[small]["macros"], by_pages[large]["macros"]
    return {"between": [small, large], "linear": round(large / small, 2),
            "wall": round(b["wall_s"] / a["wall_s"], 2), "cpu": round(b["cpu_s"] / a["cpu_s"], 2),
            "site_size": round(b["site_bytes"] / a["site_bytes"], 2),
            "search_index_size": round(b["search_index_bytes"] / a["search_index_bytes"], 2),
            "peak_memory": round(b["peak_mb"] / a["peak_mb"], 2)}


def targets(results: list[dict]) -> dict:
    out = {"macro_overhead_max": TARGET_OVERHEAD, "peak_mb_at_3000_max": TARGET_PEAK_MB}
    out["macro_overhead_met"] = {str(r["pages"]): r["macro_overhead_cpu"] <= TARGET_OVERHEAD and r["macro_overhead_wall"] <= TARGET_OVERHEAD
                                 for r in results}
    at_3000 = next((r for r in results if r["pages"] == 3000), None)
    out["peak_memory_met"] = None if at_3000 is None else at_3000["macros"]["peak_mb"] < TARGET_PEAK_MB
    return out


def table(results: list[dict]) -> str:
    mb = lambda size: f"{size / 1e6:.1f}"  # noqa: E731
    header = ("pages", "built", "variant", "wall s", "CPU s", "ms/page", "CPU ms/page", "peak MB", "site MB", "index MB", "load1")
    rows = []
    for r in results:
        for variant in ("macros", "static"):
            b = r[variant]
            rows.append((str(r["pages"]), str(r["built_pages"]), variant, f"{b['wall_s']:.1f}", f"{b['cpu_s']:.1f}",
                         f"{1000 * b['wall_s'] / r['pages']:.1f}", f"{1000 * b['cpu_s'] / r['pages']:.1f}",
                         f"{b['peak_mb']:.0f}", mb(b["site_bytes"]),
                         mb(b["search_index_bytes"]), f"{b['load_before']:.1f}"))
    widths = [max(len(row[i]) for row in rows + [header]) for i in range(len(header))]
    line = lambda row: "  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True))  # noqa: E731
    return "\n".join([line(header), line(tuple("-" * w for w in widths))] + [line(row) for row in rows])


def summary(results: list[dict], grown: dict | None, goals: dict) -> str:
    mark = lambda ok: "met" if ok else "NOT met"  # noqa: E731
    lines = ["", "Macro overhead (build with macros / same pages as static HTML; target <= 1.05):"]
    for r in results:
        lines.append(f"  {r['pages']:>5} pages: wall {r['macro_overhead_wall']:.3f}, CPU {r['macro_overhead_cpu']:.3f}"
                     f"  -> {mark(goals['macro_overhead_met'][str(r['pages'])])}")
    for r in results:
        if r.get("attributed"):
            a = r["attributed"]
            parts = ", ".join(f"{key} {value:.2f}" for key, value in a["macro_events_cpu_s"].items())
            lines.append(f"  {r['pages']:>5} pages, events timed inside one build: macros {a['macro_cpu_s']:.2f} s of "
                         f"{a['total_cpu_s']:.1f} s CPU -> overhead {a['overhead']:.3f} ({parts})")
    if grown:
        lines.append(f"Growth {grown['between'][1]} vs {grown['between'][0]} pages (linear = {grown['linear']}): "
                     f"wall {grown['wall']}, CPU {grown['cpu']}, site {grown['site_size']}, "
                     f"search index {grown['search_index_size']}, peak memory {grown['peak_memory']}")
    if goals["peak_memory_met"] is not None:
        peak = next(r for r in results if r["pages"] == 3000)["macros"]["peak_mb"]
        lines.append(f"Peak memory at 3000 pages: {peak:.0f} MB (target < 1 GB) -> {mark(goals['peak_memory_met'])}")
    return "\n".join(lines)


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
        return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + (" (with uncommitted changes)" if git("status", "--porcelain", "--untracked-files=no") else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.build_bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, nargs="+", default=list(DEFAULT_PAGES), help="handbook sizes (default: 100 1000 3000)")
    parser.add_argument("--repeat", type=int, default=1, help="builds per variant; the fastest counts (default 1)")
    parser.add_argument("--no-git", action="store_true", help="no git repository: git-revision-date-localized falls back to the build date")
    parser.add_argument("--drop-feature", action="append", default=[], metavar="FEATURE",
                        help="remove a theme feature from mkdocs.yml for this run, e.g. navigation.prune")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and sites")
    parser.add_argument("--attribute", action="store_true",
                        help="also time each plugin event inside one more macros build (steadier than comparing two builds)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="JSON results (default benchmarks/results.json)")
    args = parser.parse_args(argv)
    if min(args.pages) < 20:
        parser.error("--pages: at least 20 pages")

    workdir = Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    report = {"date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
              "command": " ".join(["python -m benchmarks.build_bench"] + (argv if argv is not None else sys.argv[1:])),
              "source": source_version(), "machine": machine(), "git": not args.no_git, "dropped_features": args.drop_feature,
              "results": [], "workdir": str(workdir) if args.keep else None}
    try:
        for total in args.pages:
            report["results"].append(measure(total, workdir, args.repeat, not args.no_git, args.drop_feature, args.keep,
                                             args.attribute))
            report["growth"] = growth(report["results"])
            report["targets"] = targets(report["results"])
            # Written after every size, so a long run that is stopped still leaves its figures.
            args.output.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print(table(report["results"]))
    print(summary(report["results"], report["growth"], report["targets"]))
    print(f"\nJSON: {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
