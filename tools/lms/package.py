"""SCORM 1.2 packages from the package build of the handbook (tools/lms/site.py).

One package per role track (done when every step of the track is done, as 我的进度 counts it)
and one per quiz in exam mode (passed or failed against its pass mark, with its score). Each zip
holds imsmanifest.xml at its root (schemaversion 1.2, one SCO: the launcher, tools/lms/launcher)
and exactly the files the launcher can reach: pages by their links, each page's scripts, styles
and images, what stylesheets point to, and the handbook's own scripts that load others by name.
The manifest lists every one of them.

What a package counts comes from the built pages themselves: the data-hb-json of the track or
quiz widget, which is what the website's scripts count with. So the LMS records what the reader
sees, by one code path.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from string import Template
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree as ET

LAUNCHER = Path(__file__).parent / "launcher"
LAUNCH_PAGE = "hb-lms.html"
LAUNCH_SCRIPT = "hb-lms.js"
SUSPEND_LIMIT = 4096  # SCORM 1.2: characters of cmi.suspend_data
# Link attributes that make the browser fetch a file, or that a reader follows.
URL_ATTRIBUTES = {"href", "src", "poster"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
# The handbook's scripts load each other by file name (handbook.js: load("hb-print.js")).
SCRIPT_NAME = re.compile(r"""["'](hb-[a-z-]+\.(?:js|css))["']""")


class PackageError(ValueError):
    """A package that cannot be made; the message says which and why, in Chinese."""


@dataclass
class Package:
    id: str  # the zip's name: track-intl-sales, exam-mock-test
    title: str
    kind: str  # "track" or "exam"
    start: str  # the page the launcher opens, relative to the site: progress.html#track-intl-sales
    steps: list[dict[str, Any]]  # {kind, target, key, ids}: what the launcher counts
    quiz: str = ""
    pass_mark: int = 0
    files: list[str] = field(default_factory=list)

    def launch_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "start": self.start, "steps": self.steps}
        if self.kind == "exam":
            data.update(quiz=self.quiz, pass_mark=self.pass_mark)
        return data


class _Widgets(HTMLParser):
    """The roots of the handbook's widgets in one page: (kind, id, data, anchor). The anchor opens
    the widget: its own id, or, for a widget in a content tab (pymdownx.tabbed, 我的进度's
    tracks), the tab's id, since a link into a hidden tab would show nothing."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, dict[str, Any], str]] = []
        self.tabs: list[str] = []  # ids of the current tab set's inputs, in order
        self.block = -1  # index of the tab block we are in

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if "tabbed-set" in classes:
            self.tabs, self.block = [], -1
        elif tag == "input" and (values.get("name") or "").startswith("__tabbed_") and values.get("id"):
            self.tabs.append(str(values["id"]))
        elif "tabbed-block" in classes:
            self.block += 1
        kind, item_id, data = values.get("data-hb-widget"), values.get("data-hb-id"), values.get("data-hb-json")
        if kind and item_id and data:
            in_tab = 0 <= self.block < len(self.tabs)
            self.found.append((kind, item_id, json.loads(data), self.tabs[self.block] if in_tab else str(values.get("id") or "")))


def widgets_in(site: Path) -> dict[tuple[str, str], tuple[str, dict[str, Any]]]:
    """{(kind, id): (page#anchor, data)} for every widget of the built site; the first page wins
    (print pages and packets come after the pages that teach)."""
    found: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}
    for page in sorted(site.rglob("*.html"), key=lambda p: (p.relative_to(site).parts[0] == "print", str(p))):
        parser = _Widgets()
        parser.feed(page.read_text(encoding="utf-8"))
        for kind, item_id, data, anchor in parser.found:
            found.setdefault((kind, item_id), (f"{page.relative_to(site).as_posix()}#{anchor}", data))
    return found


def packages(site: Path, track_titles: dict[str, str], exams: dict[str, tuple[str, int]]) -> list[Package]:
    """The packages to make: `track_titles` {track id: title}, `exams` {quiz id: (title, pass mark)}."""
    widgets = widgets_in(site)
    made = []
    for track_id, title in track_titles.items():
        if ("track", track_id) not in widgets:
            raise PackageError(f"路线「{track_id}」不在任何页面上（data/tracks.yml）：把 {{{{ track(\"{track_id}\") }}}} 放到一个页面上，才能打包")
        page, data = widgets[("track", track_id)]
        steps = [{key: step[key] for key in ("kind", "target", "key", "ids")} for step in data["steps"]]
        made.append(Package(f"track-{track_id}", f"{title}（岗位路线）", "track", page, steps))
    for quiz_id, (title, pass_mark) in exams.items():
        if ("quiz", quiz_id) not in widgets:
            raise PackageError(f"考试「{quiz_id}」不在任何页面上：把 {{{{ quiz(\"{quiz_id}\") }}}} 放到一个页面上，才能打包")
        page, data = widgets[("quiz", quiz_id)]
        ids = [question["id"] for question in data["questions"]]
        step = {"kind": "quiz", "target": quiz_id, "key": f"quiz.{quiz_id}", "ids": ids}
        made.append(Package(f"exam-{quiz_id}", f"{title}（考试）", "exam", page, [step],
                            quiz=quiz_id, pass_mark=pass_mark))
    for package in made:
        check_suspend_fits(package)
    return made


def check_suspend_fits(package: Package) -> None:
    """Refuse a package whose progress, all done, would not fit in cmi.suspend_data: the LMS would
    refuse to keep it, and the reader would lose progress without a word."""
    worst = worst_suspend_length(package.steps)
    if worst > SUSPEND_LIMIT:
        raise PackageError(f"{package.title}：全部完成时的进度有 {worst} 个字符，超过 SCORM 1.2 的 {SUSPEND_LIMIT} 个字符上限。"
                           "怎么改：在 data/tracks.yml 里把这条路线拆成两条")


def worst_suspend_length(steps: list[dict[str, Any]]) -> int:
    """Characters of cmi.suspend_data when every step is done (hb-lms.js, pack()): days take five
    digits until the year 2243, a checklist one hex digit per four items."""
    out: dict[str, Any] = {"v": 1, "c": {}, "q": {}, "m": {}}
    for step in steps:
        if step["kind"] == "checklist":
            out["c"][step["target"]] = [99999, "f" * -(-len(step["ids"]) // 4)]
        elif step["kind"] == "quiz":
            out["q"][step["target"]] = [100, 1, 99999]
        else:
            out["m"][step["key"]] = 99999
    return len(json.dumps(out, ensure_ascii=False, separators=(",", ":")))


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name in URL_ATTRIBUTES or name == "data-hb-module"):
                self.urls.append(value)
            elif value and name == "srcset":
                self.urls += [part.split()[0] for part in value.split(",") if part.strip()]
            elif value and name == "style":
                self.urls += CSS_URL.findall(value)


def _local(url: str, base: str) -> str | None:
    """The site file a reference in the file `base` points to, or None (another site, an anchor)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(parts.path)))
    return None if path.startswith("..") else path


def reachable(site: Path, start: str) -> list[str]:
    """Every file of `site` the page `start` leads to, itself included, in a stable order."""
    seen: set[str] = set()
    queue = [start]
    while queue:
        name = queue.pop()
        if name in seen or not (site / name).is_file():
            continue
        seen.add(name)
        text = (site / name).read_text(encoding="utf-8", errors="replace") if name.endswith((".html", ".css", ".js")) else ""
        refs: list[str] = []
        if name.endswith(".html"):
            parser = _Links()
            parser.feed(text)
            refs = parser.urls
            # a widget's module is named relative to handbook.js, in assets/
            refs = [f"{_asset_dir(name)}{ref}" if re.fullmatch(r"hb-[a-z-]+\.js", ref) else ref for ref in refs]
        elif name.endswith(".css"):
            refs = CSS_URL.findall(text)
        if name.endswith(".js") and posixpath.basename(name).startswith(("handbook", "hb-")):
            refs += SCRIPT_NAME.findall(text)
        for ref in refs:
            local = _local(ref, name)
            if local:
                queue.append(local)
    return sorted(seen)


def _asset_dir(page: str) -> str:
    depth = page.count("/")
    return "../" * depth + "assets/"


def manifest(package: Package, files: list[str]) -> bytes:
    """imsmanifest.xml: SCORM 1.2, one SCO (the launcher) listing every file of the package."""
    ns = {"": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}
    for prefix, uri in ns.items():
        ET.register_namespace(prefix, uri)
    imscp, adlcp = f"{{{ns['']}}}", f"{{{ns['adlcp']}}}"
    root = ET.Element(imscp + "manifest", {"identifier": f"handbook-{package.id}", "version": "1.0"})
    metadata = ET.SubElement(root, imscp + "metadata")
    ET.SubElement(metadata, imscp + "schema").text = "ADL SCORM"
    ET.SubElement(metadata, imscp + "schemaversion").text = "1.2"
    organizations = ET.SubElement(root, imscp + "organizations", {"default": "handbook"})
    organization = ET.SubElement(organizations, imscp + "organization", {"identifier": "handbook"})
    ET.SubElement(organization, imscp + "title").text = package.title
    item = ET.SubElement(organization, imscp + "item", {"identifier": "item", "identifierref": "sco", "isvisible": "true"})
    ET.SubElement(item, imscp + "title").text = package.title
    if package.kind == "exam":
        ET.SubElement(item, adlcp + "masteryscore").text = str(package.pass_mark)
    resources = ET.SubElement(root, imscp + "resources")
    resource = ET.SubElement(resources, imscp + "resource", {"identifier": "sco", "type": "webcontent",
                                                            adlcp + "scormtype": "sco", "href": LAUNCH_PAGE})
    for name in files:
        ET.SubElement(resource, imscp + "file", {"href": name})
    ET.indent(root)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True)) + b"\n"


def launch_page(package: Package) -> str:
    template = Template((LAUNCHER / LAUNCH_PAGE).read_text(encoding="utf-8"))
    data = json.dumps(package.launch_data(), ensure_ascii=False, separators=(",", ":"))
    return template.substitute(data=html.escape(data), title=html.escape(package.title), start=html.escape(package.start))


def write_zip(site: Path, package: Package, out: Path) -> Path:
    """dist/<id>.zip: the launcher, imsmanifest.xml and what the start page reaches."""
    start_file = package.start.split("#", 1)[0]
    files = sorted({LAUNCH_PAGE, LAUNCH_SCRIPT} | set(reachable(site, start_file)))
    package.files = files
    path = out / f"{package.id}.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("imsmanifest.xml", manifest(package, files))
        archive.writestr(LAUNCH_PAGE, launch_page(package))
        archive.write(LAUNCHER / LAUNCH_SCRIPT, LAUNCH_SCRIPT)
        for name in files:
            if name not in (LAUNCH_PAGE, LAUNCH_SCRIPT):
                archive.write(site / name, name)
    return path
