"""Every handbook page shows when it was last updated and links to its source for editing, and
loads its scripts without holding back the first paint (overrides/main.html)."""

from __future__ import annotations

import re

import pytest

from macros.check import read_config

from helpers import ROOT

PAGES = sorted(p.relative_to(ROOT / "docs") for p in (ROOT / "docs").rglob("*.md"))
REPO = read_config(str(ROOT))["repo_url"]  # as the build sees it (!ENV HANDBOOK_REPO_URL or the default)


def built(site, source):
    stem = source.with_suffix("")
    path = site / (stem.parent if stem.name == "index" else stem) / "index.html"
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("source", PAGES, ids=str)
def test_page_shows_last_update_and_edit_link(site, source):
    html = built(site, source)
    assert re.search(r"最后更新：(<[^>]+>)?\s*\d{4}年\d{1,2}月\d{1,2}日", html), "no visible 最后更新 date"
    assert f'href="{REPO}/edit/main/docs/{source.as_posix()}"' in html, "edit button does not open the source"


def test_generated_print_pages_have_no_edit_link(site):
    html = (site / "print" / "first-week" / "index.html").read_text(encoding="utf-8")
    assert "/edit/main/" not in html


def test_scripts_are_deferred_and_search_index_waits(site):
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        scripts = re.findall(r"<script\b[^>]*\bsrc=\"([^\"]+)\"[^>]*>", html)
        tags = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html)
        name = page.relative_to(site).as_posix()
        assert scripts, f"{name}: no scripts"
        assert all(re.search(r"\sdefer[\s>]", tag) for tag in tags), f"{name}: a script without defer: {tags}"
        bundle = next(i for i, src in enumerate(scripts) if "/bundle." in src)
        assert scripts[bundle - 1].endswith("hb-search-on-demand.js"), \
            f"{name}: hb-search-on-demand.js must run just before Material's bundle, got {scripts}"
