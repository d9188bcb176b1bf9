"""The agenda widget: real dates from a start date, saving it, calendar export, print, no-JS."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from browser_helpers import assert_hidden, load_data, widget

AGENDA = "new-hire-pre-job"
URL = "onboarding/schedule/"
FRIDAY = "2027-03-05"
SHANGHAI = ZoneInfo("Asia/Shanghai")
WEEKDAYS = "一二三四五六日"


@pytest.fixture(scope="module")
def data():
    return load_data("agendas", AGENDA)


def expected_dates(data, start: str) -> list[dt.date]:
    """Day 1 is the start date; later days skip weekends and the agenda's holidays."""
    holidays = {dt.date.fromisoformat(str(day)) for day in data.get("holidays") or []}
    day, dates = dt.date.fromisoformat(start), []
    while len(dates) < len(data["days"]):
        if not dates or (day.weekday() < 5 and day not in holidays):
            dates.append(day)
        day += dt.timedelta(days=1)
    return dates


def label(day: dt.date) -> str:
    return f"{day.month}月{day.day}日（周{WEEKDAYS[day.weekday()]}）"


def open_agenda(page):
    page.goto(URL)
    return widget(page, "agenda", AGENDA)


def set_start(root, value: str):
    root.locator("input[type=date]").fill(value)


def day_title(root, number: int) -> str:
    return root.locator(f"section[data-hb-day='{number}'] .hb-agenda__day-title").inner_text()


def test_start_date_gives_real_dates(page, data):
    root = open_agenda(page)
    assert "月" not in day_title(root, 2), "no dates before a start date is chosen"
    set_start(root, FRIDAY)
    dates = expected_dates(data, FRIDAY)
    assert dates[1] == dt.date(2027, 3, 8)
    assert label(dates[0]) in day_title(root, 1)
    assert "3月8日（周一）" in day_title(root, 2), "the day after a Friday is the next Monday"
    for number, day in enumerate(dates, start=1):
        assert label(day) in day_title(root, number)
        assert label(day) in root.locator(".hb-agenda__overview li").nth(number - 1).inner_text()
    assert page.console_errors == []


def test_start_date_survives_reload(page):
    root = open_agenda(page)
    set_start(root, FRIDAY)
    page.reload()
    root = widget(page, "agenda", AGENDA)
    assert root.locator("input[type=date]").input_value() == FRIDAY
    assert "3月8日" in day_title(root, 2)
    assert page.console_errors == []


def test_today_is_marked_once(page):
    page.clock.install(time=dt.datetime(2027, 3, 9, 10, 0, tzinfo=SHANGHAI))  # a Tuesday: day 3
    root = open_agenda(page)
    set_start(root, FRIDAY)
    marked = root.locator("[aria-current=date]")
    assert marked.count() == 2, "the day's section and its line in the overview"
    assert root.locator("section[data-hb-day='3']").get_attribute("aria-current") == "date"
    assert root.locator(".hb-agenda__overview li").nth(2).get_attribute("aria-current") == "date"
    title = root.locator("section[data-hb-day='3'] .hb-agenda__day-title")
    shown = title.inner_text() + title.evaluate("h => getComputedStyle(h, '::after').content")
    assert shown.count("今天") == 1, f"今天 is shown once: {shown!r}"
    set_start(root, "2027-03-10")
    assert marked.count() == 0, "no mark when today is not a training day"


def test_calendar_needs_a_start_date(page):
    root = open_agenda(page)
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    root.get_by_role("button", name="下载日历（.ics）").click()
    assert "请先选择" in root.locator(".hb-agenda__status").inner_text()
    page.wait_for_timeout(300)
    assert downloads == []


def test_calendar_file(page, data):
    icalendar = pytest.importorskip("icalendar")
    root = open_agenda(page)
    set_start(root, FRIDAY)
    with page.expect_download() as info:
        root.get_by_role("button", name="下载日历（.ics）").click()
    download = info.value
    assert download.suggested_filename == f"{AGENDA}.ics"
    raw = open(download.path(), "rb").read()
    assert b"\r\n" in raw and all(len(line) <= 75 for line in raw.split(b"\r\n")), "RFC 5545 line folding"
    calendar = icalendar.Calendar.from_ical(raw)
    events = calendar.walk("VEVENT")
    sessions = [(day["day"], session) for day in data["days"] for session in day["sessions"]]
    assert len(events) == len(sessions)

    dates = expected_dates(data, FRIDAY)
    for event, (day, session) in zip(events, sessions):
        start, end = session["time"].split("-")
        expected = dt.datetime.combine(dates[day - 1], dt.time.fromisoformat(start), SHANGHAI)
        assert event.decoded("DTSTART") == expected
        assert event.decoded("DTSTART").utcoffset() == dt.timedelta(hours=8)
        assert event.decoded("DTEND") == dt.datetime.combine(dates[day - 1], dt.time.fromisoformat(end), SHANGHAI)
        assert str(event["SUMMARY"]) == session["title"]
    first = events[0].decoded("DTSTART")
    assert first == dt.datetime(2027, 3, 5, *map(int, sessions[0][1]["time"][:5].split(":")), tzinfo=SHANGHAI)
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == len(uids)
    assert "已生成日历文件" in root.locator(".hb-agenda__status").inner_text()
    assert page.console_errors == []


def test_print_hides_site_chrome_and_controls(page):
    root = open_agenda(page)
    set_start(root, FRIDAY)
    page.emulate_media(media="print")
    assert_hidden(page, [".md-header", ".md-sidebar", ".md-footer", f"#agenda-{AGENDA} .hb-agenda__controls",
                         f"#agenda-{AGENDA} button", f"#agenda-{AGENDA} input"])
    assert root.locator("section[data-hb-day='1'] table").is_visible()
    assert "3月5日" in day_title(root, 1), "the printed days carry their dates"


def test_without_javascript_all_days_show(new_page, data):
    page = new_page(java_script_enabled=False)
    page.goto(URL)
    root = page.locator(f"[data-hb-widget=agenda][data-hb-id={AGENDA}]")
    days = root.locator("section[data-hb-day]")
    assert days.count() == len(data["days"])
    for index, day in enumerate(data["days"]):
        section = days.nth(index)
        assert section.is_visible()
        assert section.locator("tbody tr").count() == len(day["sessions"])
        assert section.locator("tbody tr").first.is_visible()
    assert not root.locator(".hb-agenda__controls").is_visible()
