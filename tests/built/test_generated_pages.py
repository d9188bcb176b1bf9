"""Generated pages (print/, packets, answer keys) show trainer text as literal text: a title with
`{{ … }}` or markup is neither evaluated by Jinja nor read as HTML, in the page, its <title>,
header and description."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from helpers import build, copy_project

TITLE = "入职第一天 {{ 7*7 }} {{ cycler.__init__.__globals__.os.getcwd() }} <b>粗</b> & \"引号\""


@pytest.fixture(scope="module")
def planted_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("project"))
    checklist = project / "data" / "checklists" / "first-day.yml"
    text = checklist.read_text(encoding="utf-8")
    checklist.write_text(re.sub(r"^title: .*$", "title: '" + TITLE + "'", text, count=1, flags=re.MULTILINE),
                         encoding="utf-8")
    tracks = project / "data" / "tracks.yml"
    tracks.write_text(tracks.read_text(encoding="utf-8").replace("title: 国际站销售", "title: '国际站{{ 6*7 }}<i>'", 1),
                      encoding="utf-8")
    site = tmp_path_factory.mktemp("site")
    result = build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return project, site


def soup(site, url) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_print_page_shows_the_title_as_written(planted_site):
    project, site = planted_site
    page = soup(site, "print/first-day")
    assert page.title.string == f"{TITLE}（打印版） - 外贸客服与销售培训手册"
    assert page.find("h1").get_text() == TITLE
    topics = [topic.get_text(strip=True) for topic in page.select(".md-header__topic .md-ellipsis")]
    assert f"{TITLE}（打印版）" in topics
    assert page.find("meta", attrs={"name": "description"})["content"] == f"可打印的清单：{TITLE}。"
    assert page.select_one(".hb-widget__title").get_text() == TITLE
    assert page.find("b") is None and page.find(string=re.compile("49")) is None
    assert str(project) not in str(page), "Python ran in the build"


def test_packet_page_shows_the_track_title_as_written(planted_site):
    _, site = planted_site
    page = soup(site, "print/packet-intl-sales")
    assert page.find("h1").get_text() == "国际站{{ 6*7 }}<i>路线：入职清单合集"
    assert page.find("i") is None and "42" not in page.find("h1").get_text()
