"""The synthetic handbook of `make bench`: N pages of Chinese text borrowed from docs/ and varied,
in a nested nav (parts > units > pages), with widgets whose data files are altered copies of
those in data/. Written as a project that uses the real mkdocs.yml, macros/, hooks/, includes/,
overrides/ and docs/assets/ (see dev/benchmarks.md).
"""

from __future__ import annotations

import json
import posixpath
import random
import re
import shutil
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from macros.check import read_config
from macros.registry import FOLDER_KINDS, STEP_KINDS

from .config_text import without_list_entry, without_top_level_key

REPO = Path(__file__).resolve().parent.parent
COPIED = ("macros", "hooks", "includes", "overrides")  # docs/assets is copied on its own
WIDGET_EVERY = 10  # every 10th content page shows a widget
PAGES_PER_UNIT = 10
UNITS_PER_PART = 10  # so a part (a top-level tab) holds ~100 pages and the per-page nav stays bounded
BLOCKS_PER_HEADING = 3
# The kinds a page shows by one id (checklist, agenda, quiz): data folder -> kind, from the registry.
KINDS = {kind.folder: kind for kind in FOLDER_KINDS}
STEP_FOLDERS = {kind.name: kind.folder for kind in STEP_KINDS}  # track step key -> data folder
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
# `--8<--` inserts a snippet whose links are written for the page's own folder (includes/facts/).
UNSAFE_ANYWHERE = ("{%", "{#", "![", "[^", "```", "\n===", "\n///", "--8<--")


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
        """Every page except the home, progress and glossary pages, in nav order."""
        return [page for part in self.parts for page in [part.index] + [p for unit in part.units for p in unit.pages]]

    def nav(self) -> list:
        entries: list = [{"首页": "index.md"}, {"我的进度": "progress.md"}]
        for part in self.parts:
            items = [part.index.path] + [{unit.title: [page.path for page in unit.pages]} for unit in part.units]
            entries.append({part.title: items})
        return entries + [{"术语表": "glossary.md"}]


def plan_layout(total_pages: int, corpus: Corpus, rng: random.Random) -> Layout:
    """`total_pages` Markdown pages: home, progress, glossary, and parts of up to 10 units of 10 pages."""
    remaining = total_pages - 3
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
            page.widget = (KINDS[kind].name, new_id)
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
            kind = next(k for k in ("page", *STEP_FOLDERS) if k in step)
            target = (mapper.link(step[kind], track["id"]) if kind == "page"
                      else mapper.data_id(STEP_FOLDERS[kind], step[kind]))
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
                        f"../../schemas/{KINDS[kind].schema}.schema.json")
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
    # Plain text: the theme puts descriptions unescaped into <meta>, so macros refuse tags and " there.
    description = re.sub(r"[*`<>!\[\]#_|\\\"-]", "", re.sub(r"<[^>]*>", "", first_line)).strip()[:80] or page.title
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
    # The 术语表, which every tooltip links to (hooks/glossary_links.py), as on the real site.
    _write(docs / "glossary.md", "# 术语表\n\n{{ glossary() }}\n")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- mkdocs.yml
def project_config(layout: Layout, drop_features: list[str]) -> str:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = without_top_level_key(text, "nav")
    for feature in drop_features:
        text = without_list_entry(text, feature)
    nav = yaml.safe_dump({"nav": layout.nav()}, allow_unicode=True, sort_keys=False, width=10**6)
    return text.rstrip("\n") + "\n\n" + nav


def check_config(project: Path, layout: Layout) -> None:
    """Fail early if the text edits did not give the config we meant to build."""
    assert read_config(str(project))["nav"] == layout.nav(), "generated nav not in mkdocs.yml"


def write_handbook_project(project: Path, total_pages: int, drop_features: list[str]) -> tuple[Layout, int]:
    """The synthetic handbook as configured (variant A); returns its layout and widget count."""
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
    check_config(project, layout)
    return layout, sum(len(items) for items in made.values())

