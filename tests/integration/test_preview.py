"""dev/preview.py: `make serve` rebuilds reuse unchanged pages' work, and the site is the same.

Builds run in a child process (dev/preview.py patches MkDocs' Page and Material's search index
for the whole process). Nothing here depends on how long a build takes: the tests count the
Markdown conversions instead.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from helpers import ROOT, copy_project

PREVIEW = ROOT / "dev" / "preview.py"

# argv: preview.py, site dir, "memo" (install dev/preview.py, build, edit, build again) or "plain"
# (one build as `mkdocs build` does it). Prints, per build, the pages converted and the warnings.
BUILDS = r"""
import importlib.util, json, logging, os, sys
sys.path.insert(0, os.getcwd())
from mkdocs.commands.build import build
from mkdocs.structure.pages import Page
from mkdocs.config import load_config

preview_path, site, mode = sys.argv[1:4]
conversions = []  # the pages whose Markdown was converted (under the memo: not reused)
render = Page.render
def counted(self, config, files):
    conversions.append(self.file.src_uri)
    return render(self, config, files)
Page.render = counted  # before preview.install(), which wraps it

class Warnings(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []
    def emit(self, record):
        self.messages.append(record.getMessage())

def one_build():
    conversions.clear()
    warnings = Warnings()
    logging.getLogger("mkdocs").addHandler(warnings)
    config = load_config(config_file="mkdocs.yml", site_dir=site)
    config.site_url = "http://127.0.0.1:8000/"  # as `mkdocs serve` sets it
    build(config, serve_url="http://127.0.0.1:8000/")
    logging.getLogger("mkdocs").removeHandler(warnings)
    return {"conversions": sorted(conversions), "warnings": warnings.messages}

def edit(path, old, new):
    text = open(path, encoding="utf-8").read()
    assert old in text, (path, old)
    open(path, "w", encoding="utf-8").write(text.replace(old, new, 1))

logging.basicConfig(level=logging.WARNING)  # a failed build says why (the CLI would)
builds = []
if mode == "memo":
    spec = importlib.util.spec_from_file_location("hb_preview", preview_path)
    preview = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(preview)
    preview.install()
    builds.append(one_build())
    builds.append(one_build())  # nothing changed
    edit("data/checklists/first-day.yml", "带上笔和本子，准备随时记", "带上笔和本子，准备随时记 DATAMARK")
    with open("docs/onboarding/index.md", "a", encoding="utf-8") as page:
        page.write("\n\n页面改动 PAGEMARK\n")
    builds.append(one_build())
else:
    builds.append(one_build())
print(json.dumps(builds), flush=True)
"""


def run_builds(project: Path, site: Path, mode: str) -> list[dict]:
    result = subprocess.run([sys.executable, "-c", BUILDS, str(PREVIEW), str(site), mode], cwd=project,
                            capture_output=True, text=True, encoding="utf-8", timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site; the build time the date plugin falls back to (no git) removed."""
    return {path.relative_to(site).as_posix(): re.sub(rb'title="[^"]*UTC"', b"", path.read_bytes())
            for path in sorted(site.rglob("*")) if path.is_file()}


def test_rebuilds_reuse_unchanged_pages_and_build_the_same_site(tmp_path):
    project = copy_project(tmp_path / "project")
    first, unchanged, edited = run_builds(project, tmp_path / "memo-site", "memo")

    # Only what changed is converted again: the edited page, and the pages that show the
    # edited checklist (its printable page, the printable packets that include it).
    assert len(first["conversions"]) > 50
    assert unchanged["conversions"] == []
    assert "onboarding/index.md" in edited["conversions"] and "print/first-day.md" in edited["conversions"]
    assert len(edited["conversions"]) < 10, edited["conversions"]
    assert first["warnings"] == unchanged["warnings"] == edited["warnings"] == []

    memo = site_files(tmp_path / "memo-site")
    html = memo["onboarding/index.html"].decode("utf-8")
    assert "DATAMARK" in html and "PAGEMARK" in html
    assert "DATAMARK" in memo["print/first-day/index.html"].decode("utf-8")
    assert any(b'"pagemark"' in data for name, data in memo.items() if name.startswith("search/hb/s/")), \
        "the handbook's search index holds the edited page's new word"

    run_builds(project, tmp_path / "plain-site", "plain")  # the edited project, built from scratch
    plain = site_files(tmp_path / "plain-site")
    assert sorted(memo) == sorted(plain)
    assert [name for name in plain if memo[name] != plain[name]] == []


def load_preview():
    import importlib.util

    spec = importlib.util.spec_from_file_location("hb_preview", PREVIEW)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_reused_page_prints_its_conversion_warnings_again(tmp_path, caplog):
    """A page whose conversion warned (say, a link to a missing page) warns on every rebuild,
    as MkDocs does, though it is not converted again. A stand-in Page class: the real one is
    patched only in dev/preview.py's own process."""
    import logging
    from types import SimpleNamespace

    preview = load_preview()
    conversions = []

    class Page:
        def __init__(self, markdown):
            self.markdown = markdown
            self.file = SimpleNamespace(src_uri="a.md")
            self.url = "a/"
            self.links_to_anchors = self.present_anchor_ids = None

        def render(self, config, files):
            conversions.append(self.markdown)
            logging.getLogger("mkdocs.structure.pages").warning("Doc file 'a.md' contains a link 'gone.md'")
            self.content, self.toc, self._title_from_render = f"<p>{self.markdown}</p>", [], None
            self.present_anchor_ids = {"top"}

    preview.memoise_page_render(Page, preview.Memo())
    config = SimpleNamespace(config_file_path=None, mdx_configs={}, hooks={}, markdown_extensions=["toc"])

    def build(markdown):
        files = _Files()
        page = Page(markdown)
        with caplog.at_level(logging.WARNING, logger="mkdocs"):
            caplog.clear()
            page.render(config, files)
        return page, [record.getMessage() for record in caplog.records]

    first, first_warnings = build("same")
    again, again_warnings = build("same")
    changed, _ = build("other")
    assert conversions == ["same", "other"]  # the second build reused the first
    assert again.content == first.content == "<p>same</p>" and again.present_anchor_ids == {"top"}
    assert first_warnings == again_warnings == ["Doc file 'a.md' contains a link 'gone.md'"]
    assert changed.content == "<p>other</p>"


class _Files(list):
    """What the memo reads of MkDocs' Files: iteration and get_file_from_path."""

    def get_file_from_path(self, path):
        return None


def test_theme_templates_are_compiled_once_until_edited(tmp_path, monkeypatch):
    """MkDocs makes a new Jinja environment per build; the compiled templates are kept, and a
    template that changed is compiled again. A stand-in Theme class (see above)."""
    import jinja2

    preview = load_preview()
    (tmp_path / "main.html").write_text("<p>{{ title }}</p>", encoding="utf-8")

    class Theme:
        def __init__(self):
            self.dirs = [str(tmp_path)]

        def get_env(self):
            return jinja2.Environment(loader=jinja2.FileSystemLoader(self.dirs), auto_reload=False)

    preview.cache_theme_templates(Theme)
    compiled = []
    compile_ = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile",
                        lambda self, *args, **kwargs: compiled.append(args[1] if len(args) > 1 else None)
                        or compile_(self, *args, **kwargs))

    def render() -> str:
        return Theme().get_env().get_template("main.html").render(title="标题")

    assert render() == "<p>标题</p>" and len(compiled) == 1
    assert render() == "<p>标题</p>" and len(compiled) == 1  # a new environment, the same code
    (tmp_path / "main.html").write_text("<h1>{{ title }}</h1>", encoding="utf-8")
    assert render() == "<h1>标题</h1>" and len(compiled) == 2
