"""Every handbook page shows when it was last updated and links to its source for editing, and
loads its scripts without holding back the first paint (overrides/main.html)."""

from __future__ import annotations

import re
import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from macros.check import read_config
from macros.revision_dates import shown

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


def last_commit(path: str) -> float:
    """What git says for one file, asked file by file (as the plugin used before did). A file
    without a commit would show the day of the build, which a test cannot know without reading
    the clock: such a page is skipped, never compared with today."""
    assert (ROOT / path).is_file(), f"{path} does not exist, yet a page shows it"
    out = subprocess.run(["git", "log", "-1", "--format=%at", "--", path], cwd=ROOT, capture_output=True, text=True)
    if not out.stdout.strip():
        pytest.skip(f"{path} has no commit yet: its page shows the day it was built")
    return int(out.stdout.strip())


def shown_date(html: str) -> str:
    match = re.search(r'最后更新：<time datetime="([0-9-]+)">', html)
    assert match, "no 最后更新 date"
    return match.group(1)


FOLDERS = {"checklist": "checklists", "agenda": "agendas", "quiz": "quizzes", "answer_key": "quizzes"}
WIDGET_CALL = re.compile(r'\{\{\s*(checklist|agenda|quiz|answer_key|track)\(\s*"([a-z0-9-]+)"')
# Calls shown as examples (the editing guide) sit in {% raw %} blocks: they never run, so they
# show no data, and some name files that do not exist on purpose.
RAW_BLOCK = re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}", re.DOTALL)


def widget_sources(text: str) -> list[str]:
    """The data files of the widgets a page's Markdown calls, as Jinja runs them."""
    calls = WIDGET_CALL.findall(RAW_BLOCK.sub("", text))
    # every track lives in one file, data/tracks.yml
    return [("data/tracks.yml" if kind == "track" else f"data/{FOLDERS[kind]}/{item}.yml") for kind, item in calls]


@pytest.mark.parametrize("source", PAGES, ids=str)
def test_last_update_is_the_newest_commit_of_the_page_and_its_data(site, source):
    """A page that shows a quiz is updated when its questions are: the date is the newest of the
    page and of the data files of its widgets, as git tells file by file."""
    text = (ROOT / "docs" / source).read_text(encoding="utf-8")
    sources = [f"docs/{source.as_posix()}"] + widget_sources(text)
    assert shown_date(built(site, source)) == shown(max(map(last_commit, sources))).iso


def test_print_page_date_is_its_checklists(site):
    html = (site / "print" / "first-day" / "index.html").read_text(encoding="utf-8")
    assert shown_date(html) == shown(last_commit("data/checklists/first-day.yml")).iso


@pytest.mark.parametrize("source", PAGES, ids=str)
def test_every_content_page_has_a_feedback_link_with_its_title(site, source):
    """报告问题 / 提建议 (overrides/partials/feedback.html): a new issue in the handbook's repository,
    or an e-mail where the repository is not on GitHub (tests/unit/test_feedback_link.py)."""
    soup = BeautifulSoup(built(site, source), "html.parser")
    found = soup.find("a", attrs={"data-hb-feedback-link": True})
    assert found is not None and found.get_text() == "报告问题 / 提建议"
    href = found["href"]
    if REPO.startswith("https://github.com/"):
        assert href.startswith(REPO.rstrip("/") + "/issues/new?title=")
    else:
        assert href.startswith("mailto:")
    body = parse_qs(urlsplit(href).query)["body"][0]
    assert f"网址：{soup.find('link', rel='canonical')['href']}" in body and body.startswith("页面：")


def test_generated_print_pages_have_no_edit_link(site):
    html = (site / "print" / "first-week" / "index.html").read_text(encoding="utf-8")
    assert "/edit/main/" not in html
    assert "data-hb-feedback-link" not in html


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
