"""The agenda widget: real working days from a start date (China's holidays and 调休 workdays,
labelled; years after chinesecalendar's last marked 暂定), one first day for every agenda of the
handbook, one calendar file per track, print, no-JS, and its layout on a desktop and on a 390 px
phone."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import chinese_calendar
import holidays
import pytest
from playwright.sync_api import expect

from browser_helpers import assert_hidden, load_data, loopback_sitemap, widget

AGENDA = "new-hire-pre-job"
URL = "onboarding/schedule/"
FRIDAY = "2026-03-06"
SHANGHAI = ZoneInfo("Asia/Shanghai")
WEEKDAYS = "一二三四五六日"
LAST = max(chinese_calendar.holidays).year  # the package's last year; the two after are 暂定


@pytest.fixture(scope="module")
def data():
    return load_data("agendas", AGENDA)


def works(day: dt.date) -> bool:
    """China's working days: chinesecalendar (weekends and public holidays off, 调休 weekends on);
    after its last year, weekdays less the statutory holidays of the `holidays` package."""
    if day.year <= LAST:
        return chinese_calendar.is_workday(day)
    return day.weekday() < 5 and day not in holidays.country_holidays("CN", years=day.year)


def expected_dates(data, start: str) -> list[dt.date]:
    """Day 1 is the start date; later days are China's working days, less the agenda's own holidays."""
    own = {dt.date.fromisoformat(str(day)) for day in data.get("holidays") or []}
    day, dates = dt.date.fromisoformat(start), []
    while len(dates) < len(data["days"]):
        if not dates or (works(day) and day not in own):
            dates.append(day)
        day += dt.timedelta(days=1)
    return dates


def label(day: dt.date) -> str:
    notes = (["调休上班"] if day.weekday() >= 5 and works(day) else []) + (["暂定"] if day.year > LAST else [])
    return f"{day.month}月{day.day}日（周{WEEKDAYS[day.weekday()]}{'，' + '，'.join(notes) if notes else ''}）"


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
    assert dates[1] == dt.date(2026, 3, 9)
    assert label(dates[0]) in day_title(root, 1)
    assert "3月9日（周一）" in day_title(root, 2), "the day after a Friday is the next Monday"
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
    assert "3月9日" in day_title(root, 2)
    assert page.console_errors == []


def test_today_is_marked_once(page):
    page.clock.install(time=dt.datetime(2026, 3, 10, 10, 0, tzinfo=SHANGHAI))  # a Tuesday: day 3
    root = open_agenda(page)
    set_start(root, FRIDAY)
    marked = root.locator("[aria-current=date]")
    assert marked.count() == 2, "the day's section and its line in the overview"
    assert root.locator("section[data-hb-day='3']").get_attribute("aria-current") == "date"
    assert root.locator(".hb-agenda__overview li").nth(2).get_attribute("aria-current") == "date"
    title = root.locator("section[data-hb-day='3'] .hb-agenda__day-title")
    shown = title.inner_text() + title.evaluate("h => getComputedStyle(h, '::after').content")
    assert shown.count("今天") == 1, f"今天 is shown once: {shown!r}"
    set_start(root, "2026-03-11")
    assert marked.count() == 0, "no mark when today is not a training day"


def test_calendar_needs_a_start_date(page):
    root = open_agenda(page)
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    root.get_by_role("button", name="下载日历（.ics）").click()
    # the calendar code loads on this first click (hb-agenda-ics.js): wait for its answer
    expect(root.locator(".hb-agenda__status")).to_contain_text("请先选择")
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
    for event, (day, session) in zip(events, sessions, strict=True):
        start, end = session["time"].split("-")
        expected = dt.datetime.combine(dates[day - 1], dt.time.fromisoformat(start), SHANGHAI)
        assert event.decoded("DTSTART") == expected
        assert event.decoded("DTSTART").utcoffset() == dt.timedelta(hours=8)
        assert event.decoded("DTEND") == dt.datetime.combine(dates[day - 1], dt.time.fromisoformat(end), SHANGHAI)
        assert str(event["SUMMARY"]) == session["title"]
    first = events[0].decoded("DTSTART")
    assert first == dt.datetime(2026, 3, 6, *map(int, sessions[0][1]["time"][:5].split(":")), tzinfo=SHANGHAI)
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
    assert "3月6日" in day_title(root, 1), "the printed days carry their dates"


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
    note = root.locator(".hb-agenda__nojs")
    assert note.is_visible(), "without JavaScript the agenda says what does not work"
    assert "JavaScript" in note.inner_text() and "日期" in note.inner_text() and "日历" in note.inner_text()


def test_with_javascript_the_no_script_note_is_not_shown(page):
    root = open_agenda(page)
    assert root.locator(".hb-agenda__controls").is_visible()
    assert root.locator(".hb-agenda__nojs").count() == 0 or not root.locator(".hb-agenda__nojs").is_visible()
    assert page.console_errors == []


# ---------------------------------------------------------------- China's working days


def status(root) -> str:
    return root.locator(".hb-agenda__status").inner_text()


def test_public_holidays_are_skipped_and_make_up_workdays_count(page, data):
    root = open_agenda(page)
    set_start(root, "2026-09-30")  # a Wednesday, the day before 国庆节 (10月1日–7日; 10月10日 周六 上班)
    dates = expected_dates(data, "2026-09-30")
    assert dates[1:4] == [dt.date(2026, 10, 8), dt.date(2026, 10, 9), dt.date(2026, 10, 10)]
    assert "10月8日（周四）" in day_title(root, 2), "no training on the National Day holiday"
    assert "10月10日（周六，调休上班）" in day_title(root, 4), "the Saturday 调休 is a working day, labelled"
    for number, day in enumerate(dates, start=1):
        assert label(day) in day_title(root, number)
    assert status(root) == ""
    assert page.console_errors == []


def test_covered_years_are_stated(page):
    root = open_agenda(page)
    last = max(chinese_calendar.holidays).year
    note = root.locator(".hb-agenda__years").inner_text()
    assert re.search(rf"已收录 20\d\d–{last} 年", note) and "法定节假日" in note and "调休" in note


def test_a_start_beyond_the_covered_years_says_so(page):
    root = open_agenda(page)
    last = LAST + 2  # the package's years, then two 暂定 ones
    set_start(root, f"{last}-12-31")
    assert "12月31日" in day_title(root, 1)
    assert "日期待定" in day_title(root, 2), "never a guessed New Year's Day"
    assert "1月1日" not in root.inner_text() and "1月4日" not in root.inner_text()
    assert f"{last} 年" in status(root) and "第 2 天起" in status(root)
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    root.get_by_role("button", name="下载日历（.ics）").click()
    expect(root.locator(".hb-agenda__status")).to_contain_text("不能生成日历")  # once hb-agenda-ics.js is loaded
    page.wait_for_timeout(300)
    assert downloads == []

    set_start(root, f"{last + 1}-03-01")
    assert "日期待定" in day_title(root, 1)
    assert f"推算不了 {last + 1} 年" in status(root)
    assert page.console_errors == []


def test_company_days_off_still_count(page):
    """The agenda's own `holidays:` (a company day off, put into the served page here) are skipped."""
    def add_day_off(route):
        response = route.fetch()
        body = response.text()
        empty = "&#34;id&#34;:&#34;new-hire-pre-job&#34;,"
        assert empty in body
        start = body.index(empty)
        body = body[:start] + body[start:].replace("&#34;holidays&#34;:[]", "&#34;holidays&#34;:[&#34;2026-03-09&#34;]", 1)
        route.fulfill(response=response, body=body)

    page.route("**/onboarding/schedule/", add_day_off)
    root = open_agenda(page)
    set_start(root, FRIDAY)
    assert "3月10日（周二）" in day_title(root, 2)
    assert page.console_errors == []


def download_calendar(page, root, button: str = "下载日历（.ics）"):
    """Click the agenda's download button; returns (file name, icalendar.Calendar)."""
    icalendar = pytest.importorskip("icalendar")
    with page.expect_download() as info:
        root.get_by_role("button", name=button).click()
    return info.value.suggested_filename, icalendar.Calendar.from_ical(open(info.value.path(), "rb").read())


def test_a_make_up_workday_is_labelled_on_screen_in_print_and_in_the_calendar(page, data):
    """9月20日 2026 is a Sunday 调休 workday (国庆节 and 中秋节): it must not look like a mistake."""
    root = open_agenda(page)
    set_start(root, "2026-09-18")  # a Friday
    dates = expected_dates(data, "2026-09-18")
    assert dates[1] == dt.date(2026, 9, 20)
    assert "9月20日（周日，调休上班）" in day_title(root, 2)
    assert "9月20日（周日，调休上班）" in root.locator(".hb-agenda__overview li").nth(1).inner_text()
    assert "（周一）" in day_title(root, 3), "an ordinary day has no label"
    _, calendar = download_calendar(page, root)
    for event in calendar.walk("VEVENT"):
        day = event.decoded("DTSTART").date()
        assert ("调休上班" in str(event["DESCRIPTION"])) == (day == dt.date(2026, 9, 20)), day
    page.emulate_media(media="print")
    assert root.locator("section[data-hb-day='2'] .hb-agenda__day-title").is_visible()
    assert "调休上班" in day_title(root, 2), "printed too"
    assert page.console_errors == []


def test_a_start_after_the_package_gets_tentative_dates_and_a_calendar(page, data):
    """chinesecalendar ends in LAST; the next year's dates come from the statutory holidays (暂定)."""
    start = f"{LAST + 1}-02-01"
    root = open_agenda(page)
    assert not root.locator(".hb-agenda__tentative").is_visible()
    set_start(root, start)
    dates = expected_dates(data, start)
    for number, day in enumerate(dates, start=1):
        assert label(day) in day_title(root, number)
        assert "暂定" in day_title(root, number)
    assert "日期待定" not in root.inner_text()
    note = root.locator(".hb-agenda__tentative")
    assert note.is_visible() and "调休安排" in note.inner_text() and "尚未公布" in note.inner_text()
    name, calendar = download_calendar(page, root)
    assert name == f"{AGENDA}.ics"
    events = calendar.walk("VEVENT")
    assert len(events) == sum(len(day["sessions"]) for day in data["days"])
    for event in events:
        assert event.decoded("DTSTART").date() in dates
        assert f"日期暂定：{LAST + 1} 年的调休安排尚未公布" in str(event["DESCRIPTION"])
    page.emulate_media(media="print")
    assert note.is_visible(), "the printed agenda says its dates are tentative"
    assert page.console_errors == []


# ---------------------------------------------------------------- one first day for every agenda


def agenda_on(page, item_id: str):
    return widget(page, "agenda", item_id)


def test_one_first_day_for_every_agenda_of_the_page(page):
    root = open_agenda(page)
    sales = agenda_on(page, "intl-sales-pre-job")
    set_start(root, "2026-09-30")
    assert sales.locator("input[type=date]").input_value() == "2026-09-30", "the page's other agendas follow at once"
    assert "10月8日（周四）" in day_title(sales, 2)
    page.locator(".tabbed-labels label", has_text="职能岗位").click()
    office = agenda_on(page, "non-sales-pre-job")
    office.locator("input[type=date]").fill("2026-03-06")  # changed from another agenda
    assert root.locator("input[type=date]").input_value() == "2026-03-06"
    assert "3月9日（周一）" in day_title(root, 2)
    assert page.console_errors == []


def test_the_first_day_follows_the_reader_to_other_pages(page):
    root = open_agenda(page)
    set_start(root, "2026-09-30")
    page.goto("call-center/training-path/")
    calls = agenda_on(page, "call-center-pre-job")
    assert calls.locator("input[type=date]").input_value() == "2026-09-30", "entered once, used on every page"
    assert "10月8日（周四）" in day_title(calls, 2)
    calls.locator("input[type=date]").fill("2026-03-06")
    page.goto(URL)
    root = agenda_on(page, AGENDA)
    assert root.locator("input[type=date]").input_value() == "2026-03-06", "changed there, changed here"
    assert page.console_errors == []


def test_a_start_date_saved_per_agenda_before_is_kept(page):
    """Before one first day for all, each agenda saved its own: `agenda.<id>` = {v: 1, start}."""
    page.goto("onboarding/company/")
    page.evaluate("""() => localStorage.setItem(__md_scope.pathname + "hb.agenda.intl-sales-pre-job",
                                                  JSON.stringify({v: 1, start: "2026-09-30"}))""")
    page.goto(URL)
    root = agenda_on(page, AGENDA)
    assert root.locator("input[type=date]").input_value() == "2026-09-30", "taken from the sales agenda's old key"
    saved = page.evaluate("""() => [localStorage.getItem(__md_scope.pathname + "hb.pref.first-day"),
                                    localStorage.getItem(__md_scope.pathname + "hb.agenda.intl-sales-pre-job")]""")
    assert saved == ['{"v":1,"start":"2026-09-30"}', None], "moved to the one key, the old one removed"
    assert page.console_errors == []


def test_one_calendar_file_for_a_track(page):
    """A sales hire downloads once: the track's agendas on the page go into one file."""
    shared, sales = load_data("agendas", AGENDA), load_data("agendas", "intl-sales-pre-job")
    root = open_agenda(page)
    set_start(root, FRIDAY)
    assert "在本页你的路线日程里下载日历" in root.inner_text()
    page.locator(".tabbed-labels label", has_text="国际站销售").click()
    name, calendar = download_calendar(page, agenda_on(page, "intl-sales-pre-job"), "下载国际站销售日历（.ics）")
    assert name == "intl-sales.ics"
    events = calendar.walk("VEVENT")
    titles = sorted(str(event["SUMMARY"]) for event in events)
    expected = sorted(session["title"] for agenda in (shared, sales) for day in agenda["days"] for session in day["sessions"])
    assert titles == expected, "both agendas, every session once"
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == len(uids)
    status_text = agenda_on(page, "intl-sales-pre-job").locator(".hb-agenda__status").inner_text()
    assert "intl-sales.ics" in status_text and str(len(expected)) in status_text
    assert page.console_errors == []


# ---------------------------------------------------------------- layout


ROWS = ".hb-agenda__table tbody tr"


def test_no_row_links_the_same_page_twice(page):
    page.goto(URL)
    rows = page.evaluate("""sel => Array.from(document.querySelectorAll(sel), row =>
        Array.from(row.querySelectorAll('a'), a => [a.getAttribute('href'), a.textContent]))""", ROWS)
    assert rows
    for links in rows:
        hrefs, texts = [href for href, _ in links], [text for _, text in links]
        assert len(set(hrefs)) == len(hrefs) and len(set(texts)) == len(texts), links
    text = page.locator(f"#agenda-{AGENDA}").inner_text()
    assert "公司与制度、公司与制度" not in text
    assert "公司与制度（公司概况、主要政策和程序）" in text, "two sections of one page are named"


def test_desktop_cells_are_padded_and_headers_do_not_wrap(new_page):
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(URL)
    widget(page, "agenda", AGENDA)
    table = page.locator(f"#agenda-{AGENDA} .hb-agenda__table").first
    padding = table.locator("td").first.evaluate("td => parseFloat(getComputedStyle(td).paddingLeft) + parseFloat(getComputedStyle(td).paddingRight)")
    assert padding >= 12, "time and title do not run together"
    header = table.locator("th", has_text="主讲/负责人")
    height, line = header.evaluate("th => [th.getBoundingClientRect().height, parseFloat(getComputedStyle(th).lineHeight)]")
    assert height < 2 * line, "主讲/负责人 stays on one line"
    assert table.locator("td").first.evaluate("td => getComputedStyle(td).display") == "table-cell"
    assert page.console_errors == []


def test_phone_shows_each_session_as_a_block(new_page):
    page = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(URL)
    root = widget(page, "agenda", AGENDA)
    row = root.locator(ROWS).first
    what = row.locator(".hb-agenda__what")
    row_box, what_box = row.bounding_box(), what.bounding_box()
    assert what_box["width"] > 0.9 * row_box["width"], "安排 takes the whole width, not four characters"
    assert what_box["y"] > row.locator(".hb-agenda__time").bounding_box()["y"], "time above the title"
    assert "主讲/负责人：" in row.locator(".hb-agenda__host").evaluate(
        "td => getComputedStyle(td, '::before').content"), "who is labelled without the header row"
    assert not root.locator("thead").first.evaluate("t => t.getBoundingClientRect().height > 2")
    broken = page.evaluate("""sel => Array.from(document.querySelectorAll(sel + ' a')).filter(a => {
        const range = document.createRange(); range.selectNodeContents(a);
        return new Set(Array.from(range.getClientRects(), r => Math.round(r.top))).size > 1;
    }).map(a => a.textContent)""", ROWS)
    assert broken == [], "links break mid-word"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling"
    assert page.console_errors == []


# ---------------------------------------------------------------- arrival by a click


def test_arriving_by_a_click_starts_the_agenda(page, site_url, data):
    """Material's instant navigation swaps the page body: the agenda's data must survive it."""
    loopback_sitemap(page, site_url)
    page.goto("onboarding/company/")
    page.wait_for_load_state("networkidle")  # Material has read sitemap.xml
    page.evaluate("window.__hbNoReload = true")  # gone if a navigation reloads the whole page
    page.locator(".md-sidebar--primary a.md-nav__link[href$='schedule/']").first.click()
    page.wait_for_url(re.compile(re.escape(URL) + "(#.*)?$"), wait_until="commit")
    root = widget(page, "agenda", AGENDA)
    assert page.evaluate("window.__hbNoReload") is True, "navigation was not instant (page reloaded)"
    assert root.locator(".hb-agenda__controls").is_visible()
    root.locator(".hb-agenda__note").first.wait_for()
    page.wait_for_function("""() => parseFloat(getComputedStyle(
        document.querySelector('.hb-agenda__table td')).paddingLeft) > 0""")  # hb-agenda.css came with the page
    set_start(root, "2026-09-30")
    assert "10月10日（周六，调休上班）" in day_title(root, 4)

    page.go_back()
    page.wait_for_url(re.compile(r"onboarding/company/(#.*)?$"), wait_until="commit")
    page.go_forward()
    page.wait_for_url(re.compile(re.escape(URL) + "(#.*)?$"), wait_until="commit")
    root = widget(page, "agenda", AGENDA)
    assert root.locator("input[type=date]").input_value() == "2026-09-30", "the saved start date is back"
    assert "10月8日（周四）" in day_title(root, 2)
    assert root.locator("[data-hb-widget=agenda] script, script.hb-data").count() == 0
    assert page.console_errors == []
