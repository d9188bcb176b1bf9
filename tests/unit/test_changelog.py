"""更新记录 (macros/changelog.py): changes from a repository made here, with dated commits and
the trainers' trailers; without git the page says the history is not available."""

from __future__ import annotations

import datetime as dt
import os
import subprocess

import pytest
from bs4 import BeautifulSoup

from macros import changelog
from macros.render import PageContext, render_changelog


def commit(repo, when: str, message: str, files: dict[str, str]) -> None:
    for path, text in files.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(text, encoding="utf-8")
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo, check=True, env=env)


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    repo = tmp_path_factory.mktemp("history")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "config", "user.email", "t@example.com"], cwd=repo, check=True)
    subprocess.run(["git", "config", "user.name", "培训师"], cwd=repo, check=True)
    commit(repo, "2026-12-01T09:00:00+08:00", "First pages",
           {"docs/index.md": "# 首页\n", "docs/quote.md": "# 报价\n", "data/checklists/first-day.yml": "title: x\n"})
    commit(repo, "2026-12-03T23:30:00+08:00", "Quote page: CIF\n\n更新说明：报价单模板改为含运费的 CIF 报价",
           {"docs/quote.md": "# 报价\n\nCIF\n"})
    commit(repo, "2026-12-04T01:00:00+00:00", "New first-day item\n\nNotable: yes",
           {"data/checklists/first-day.yml": "title: y\n"})
    commit(repo, "2026-12-05T10:00:00+08:00", "Only a style sheet", {"docs/assets/x.css": "a{}"})
    commit(repo, "2026-12-06T10:00:00+08:00", "Typo <script>", {"docs/index.md": "# 首页。\n"})
    return repo


def test_changes_newest_first_with_china_dates_and_trailers(repo):
    found = changelog.changes(str(repo))
    assert [(c.day.isoformat(), c.line, c.notable, c.files) for c in found] == [
        ("2026-12-06", "Typo <script>", False, ("docs/index.md",)),
        ("2026-12-04", "New first-day item", True, ("data/checklists/first-day.yml",)),  # 01:00 UTC is 09:00 in China
        ("2026-12-03", "报价单模板改为含运费的 CIF 报价", True, ("docs/quote.md",)),
        ("2026-12-01", "First pages", False, ("data/checklists/first-day.yml", "docs/index.md", "docs/quote.md")),
    ], "a commit of a style sheet only is no change to a page"
    assert found[2].shown_day == "2026年12月3日"
    assert found[1].day == dt.date(2026, 12, 4)


def test_without_git_there_is_no_history(tmp_path):
    (tmp_path / "docs").mkdir()
    assert changelog.changes(str(tmp_path)) is None
    html = render_changelog(None, [], context())
    assert "没有 git 历史" in html and "<table" not in html


def context() -> PageContext:
    return PageContext(page_url="trainers/changelog/", page_title=lambda path: path,
                       widget_page=lambda kind, item_id: None, widget_title=lambda kind, item_id: item_id)


def test_notable_changes_come_first_and_every_text_is_escaped(repo):
    found = changelog.changes(str(repo))
    rows = [{"iso": c.day.isoformat(), "day": c.shown_day, "title": c.files[0], "href": "", "line": c.line} for c in found]
    html = render_changelog([row for row, c in zip(rows, found, strict=True) if c.notable], rows, context())
    tree = BeautifulSoup(html, "html.parser")
    tables = tree.find_all("table")
    assert [t.find_previous("p").get_text() for t in tables] == ["重要更新", "全部更新（最近 4 条）"]
    notable = [tr.find_all("td")[2].get_text() for tr in tables[0].select("tbody tr")]
    assert notable == ["New first-day item", "报价单模板改为含运费的 CIF 报价"]
    assert "<script>" not in html and "Typo &lt;script&gt;" in html
