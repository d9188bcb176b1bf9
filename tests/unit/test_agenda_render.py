"""The agenda's HTML: data for the browser in `data-hb-json`, reading links named by section and
never repeated, China's working-day calendar taken from chinesecalendar at build time, the
no-JavaScript note and one calendar file per track (tests/unit/test_calendars.py: the calendar)."""

from __future__ import annotations

import datetime as dt
import json

import chinese_calendar
import pytest
from bs4 import BeautifulSoup

from macros.loader import load_handbook
from macros.models import Agenda
from macros.pages import section_title
from macros.render import PageContext, reading_groups, render_agenda, track_bundles
from macros.workdays import china_calendar

from .support import UNIT

TITLES = {"onboarding/company.md": "公司与制度", "onboarding/index.md": "入职指南"}
SECTIONS = {("onboarding/company.md", "leave"): "请假", ("onboarding/company.md", "rules"): "员工守则"}


@pytest.fixture(scope="module")
def handbook():
    loaded, problems = load_handbook(str(UNIT / "fixtures"))
    assert not problems, "\n".join(map(str, problems))
    return loaded


def context(handbook, sections=True) -> PageContext:
    return PageContext(
        page_url="onboarding/schedule/",
        page_title=lambda path: TITLES.get(path, path),
        widget_page=lambda kind, item_id: None,
        widget_title=lambda kind, item_id: getattr(handbook, kind)[item_id].title,
        section_title=(lambda path, anchor: SECTIONS.get((path, anchor))) if sections else (lambda path, anchor: None),
    )


def rendered(handbook) -> BeautifulSoup:
    return BeautifulSoup(render_agenda("golden-days", handbook.agendas["golden-days"], context(handbook)), "html.parser")


def test_data_goes_in_an_attribute_not_a_script(handbook):
    root = rendered(handbook).find("section")
    assert root["data-hb-module"] == "hb-agenda.js"
    assert root.find("script") is None, "instant navigation re-runs <script> blocks"
    data = json.loads(root["data-hb-json"])
    assert data["id"] == "golden-days"
    assert data["holidays"] == ["2027-01-01"], "the agenda's own days off are kept"
    assert data["sessions"][0]["title"] == "欢迎会 <script>alert(1)</script>", "the attribute round-trips the text"
    calendar = china_calendar()
    assert data["china"] == {key: calendar[key] for key in ("years", "tentative", "off", "on")}


def test_calendar_comes_from_chinesecalendar():
    calendar = china_calendar()
    first, last = calendar["confirmed"][0], calendar["confirmed"][-1]
    assert last == max(day.year for day in chinese_calendar.holidays)
    assert calendar["confirmed"] == list(range(first, last + 1))
    confirmed = [iso for iso in calendar["off"] if int(iso[:4]) <= last]
    for iso in confirmed:
        day = dt.date.fromisoformat(iso)
        assert day.weekday() < 5 and not chinese_calendar.is_workday(day)
    for iso in calendar["on"]:
        day = dt.date.fromisoformat(iso)
        assert day.weekday() >= 5 and chinese_calendar.is_workday(day)
    assert "2026-10-01" in calendar["off"] and "2026-10-10" in calendar["on"], "国庆节 and its Saturday 调休"
    weekday_holidays = [day for day in chinese_calendar.holidays if first <= day.year <= last and day.weekday() < 5]
    assert len(confirmed) == len(weekday_holidays)


def test_covered_years_are_stated(handbook):
    calendar = china_calendar()
    first, last = calendar["confirmed"][0], calendar["confirmed"][-1]
    note = rendered(handbook).select_one(".hb-agenda__years").get_text()
    assert f"已收录 {first}–{last} 年" in note
    assert f"{last + 1}–{last + 2} 年的调休安排尚未公布" in note and "暂定" in note
    assert "1 个休息日" in note, "the agenda's own days off are mentioned"


def test_without_javascript_the_agenda_says_what_is_missing(handbook):
    root = rendered(handbook).find("section")
    note = root.find("noscript")
    assert note is not None and "JavaScript" in note.get_text() and "日期" in note.get_text()
    assert root.select_one(".hb-agenda__controls").has_attr("hidden"), "controls that need JS stay hidden"


def test_a_track_gets_one_calendar_file(handbook):
    from macros.models import Tracks
    tracks = Tracks.model_validate({"tracks": [
        {"id": "sales", "title": "销售", "steps": [{"agenda": "shared"}, {"agenda": "sales-days"}]},
        {"id": "office", "title": "职能", "steps": [{"agenda": "shared"}, {"agenda": "office-days"}]},
        {"id": "calls", "title": "客服", "steps": [{"agenda": "calls-days"}]}]}).tracks
    shown = {"shared": "a.md", "sales-days": "a.md", "office-days": "a.md", "calls-days": "b.md"}
    assert track_bundles("sales-days", tracks, shown) == (
        {"id": "sales", "title": "销售", "agendas": ["shared", "sales-days"]}, [])
    assert track_bundles("shared", tracks, shown) == (None, ["销售", "职能"]), "shared by two tracks: named, no bundle"
    assert track_bundles("calls-days", tracks, shown) == (None, []), "alone in its track"
    elsewhere = {**shown, "sales-days": "c.md"}
    assert track_bundles("sales-days", tracks, elsewhere) == (None, []), "only agendas shown on one page share a file"
    html = render_agenda("golden-days", handbook.agendas["golden-days"], context(handbook),
                         bundle={"id": "sales", "title": "销售", "agendas": ["shared", "golden-days"]})
    tree = BeautifulSoup(html, "html.parser")
    assert tree.select_one("[data-hb-action=ics]").get_text() == "下载销售日历（.ics）"
    assert json.loads(tree.find("section")["data-hb-json"])["bundle"]["agendas"] == ["shared", "golden-days"]


def test_two_sections_of_one_page_are_named_not_repeated(handbook):
    groups = reading_groups(["onboarding/company.md#rules", "onboarding/company.md#leave", "onboarding/company.md#rules",
                             "onboarding/index.md"], context(handbook))
    assert [group["title"] for group in groups] == ["公司与制度", "入职指南"]
    assert [section["title"] for section in groups[0]["sections"]] == ["员工守则", "请假"]
    assert groups[0]["href"] is None and groups[1]["href"] == "../"


def test_reading_line_has_no_repeated_link(handbook):
    raw = handbook.agendas["golden-days"].model_dump(exclude_defaults=True)
    raw["days"][0]["sessions"][0]["links"] = ["onboarding/company.md#rules", "onboarding/company.md#leave"]
    agenda = Agenda.model_validate(raw)
    tree = BeautifulSoup(render_agenda("golden-days", agenda, context(handbook)), "html.parser")
    line = next(span for span in tree.select(".hb-agenda__line") if "阅读" in span.get_text())
    assert line.get_text() == "阅读：公司与制度（员工守则、请假）"
    hrefs = [anchor["href"] for anchor in line.find_all("a")]
    assert hrefs == ["../company/#rules", "../company/#leave"]


def test_without_headings_one_link_per_page(handbook):
    groups = reading_groups(["onboarding/company.md#rules", "onboarding/company.md#leave"], context(handbook, sections=False))
    assert groups == [{"title": "公司与制度", "href": "../company/#rules", "sections": []}]


def test_section_title_reads_the_heading_with_that_id(tmp_path):
    (tmp_path / "page.md").write_text("# 页\n\n## 请假与休假 { #leave }\n\n## 其他 {#other .wide}\n", encoding="utf-8")
    assert section_title(str(tmp_path), "page.md", "leave") == "请假与休假"
    assert section_title(str(tmp_path), "page.md", "other") == "其他"
    assert section_title(str(tmp_path), "page.md", "lea") is None
    assert section_title(str(tmp_path), "missing.md", "leave") is None
