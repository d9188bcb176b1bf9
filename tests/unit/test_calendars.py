"""China's working-day calendar beyond the chinesecalendar package: the trainers' yearly notice
file (data/calendars/<year>.yml, validated, wins over the package), the `holidays` fallback
marked 暂定, and `make check`'s reminder before the published years run out (today is fixed).

The mistakes a notice file must catch are also corpus cases (tests/unit/bad_input/67-70)."""

from __future__ import annotations

import datetime as dt
import re
import textwrap

import chinese_calendar
import holidays
import pytest
import yaml

from macros.__main__ import main as check_main
from macros.loader import load_file, load_handbook
from macros.models import HolidayNotice
from macros.workdays import FALLBACK_YEARS, WARN_DAYS, china_calendar, coverage_warning, package_years

from .support import ROOT, copy_project

LAST = package_years()[-1]  # chinesecalendar's last year (2026 with 1.11.0)

# A made-up notice for the year after the package (test data, not a claim about that year).
NOTICE = textwrap.dedent(f"""\
    # yaml-language-server: $schema=../../schemas/calendar.schema.json
    title: 国务院办公厅关于{LAST + 1}年部分节假日安排的通知
    published: {LAST}-11-10
    holidays:
      - name: 元旦
        days: [{LAST + 1}-01-01]
      - name: 国庆节
        days: [{LAST + 1}-10-01, {LAST + 1}-10-04, {LAST + 1}-10-05]
        workdays: [{LAST + 1}-09-26]
    """)


def weekday(year: int, month: int, day: int, wanted: int) -> dt.date:
    """The first date on or after year-month-day that falls on `wanted` (0 = Monday)."""
    date = dt.date(year, month, day)
    return date + dt.timedelta(days=(wanted - date.weekday()) % 7)


def write_notice(tmp_path, year: int, text: str):
    folder = tmp_path / "data" / "calendars"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{year}.yml").write_text(text, encoding="utf-8")
    return load_handbook(str(tmp_path))


# ---------------------------------------------------------------- the notice file


def test_a_notice_file_is_read_and_wins_over_the_package(tmp_path):
    handbook, problems = write_notice(tmp_path, LAST + 1, NOTICE)
    assert problems == []
    notice = handbook.calendars[LAST + 1]
    assert notice.title.endswith(f"{LAST + 1}年部分节假日安排的通知")
    calendar = china_calendar(handbook.calendars)
    assert calendar["confirmed"][-1] == LAST + 1
    assert calendar["tentative"] == list(range(LAST + 2, LAST + 2 + FALLBACK_YEARS))
    oct_4 = dt.date(LAST + 1, 10, 4)
    assert (oct_4.isoformat() in calendar["off"]) == (oct_4.weekday() < 5), "weekday holidays only"
    assert f"{LAST + 1}-01-01" in calendar["off"] or dt.date(LAST + 1, 1, 1).weekday() >= 5
    sunday = dt.date(LAST + 1, 9, 26)
    assert (sunday.isoformat() in calendar["on"]) == (sunday.weekday() >= 5)
    assert calendar["notices"][str(LAST + 1)].startswith(f"《国务院办公厅关于{LAST + 1}年")


def test_a_notice_file_replaces_the_package_for_its_year(tmp_path):
    """A year both have: the file is what counts (a correction reaches the handbook at once)."""
    saturday = weekday(LAST, 3, 1, 5)
    monday = weekday(LAST, 3, 1, 0)
    handbook, problems = write_notice(tmp_path, LAST, textwrap.dedent(f"""\
        title: 国务院办公厅关于{LAST}年部分节假日安排的通知
        published: {LAST - 1}-11-10
        holidays:
          - name: 测试
            days: [{monday.isoformat()}]
            workdays: [{saturday.isoformat()}]
        """))
    assert problems == []
    calendar = china_calendar(handbook.calendars)
    this_year_off = [iso for iso in calendar["off"] if iso.startswith(str(LAST))]
    this_year_on = [iso for iso in calendar["on"] if iso.startswith(str(LAST))]
    assert this_year_off == [monday.isoformat()] and this_year_on == [saturday.isoformat()]
    assert f"{LAST}-10-01" in china_calendar()["off"], "without the file, the package's year"


@pytest.mark.parametrize("change,message", [
    ((f"days: [{LAST + 1}-01-01]", f"days: [{LAST}-01-01]"), f"不在 {LAST + 1} 年"),
    ((f"workdays: [{LAST + 1}-09-26]", f"workdays: [{LAST + 1}-10-01]"), "既是放假日又是调休上班日"),
    ((f"workdays: [{LAST + 1}-09-26]", f"workdays: [{weekday(LAST + 1, 9, 20, 2).isoformat()}]"), "是周三，本来就要上班"),
    ((f"days: [{LAST + 1}-01-01]", f"days: [{LAST + 1}-01-01, {LAST + 1}-01-01]"), "写了两次"),
    ((f"{LAST + 1}年部分节假日", f"{LAST}年部分节假日"), "标题说的是"),
])
def test_mistakes_in_a_notice_file_are_reported_at_their_line(tmp_path, change, message):
    handbook, problems = write_notice(tmp_path, LAST + 1, NOTICE.replace(*change))
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.path == f"data/calendars/{LAST + 1}.yml" and message in problem.message and problem.hint
    changed_line = next(number for number, line in enumerate(NOTICE.replace(*change).splitlines(), 1) if change[1] in line)
    assert problem.line == changed_line
    assert handbook.calendars == {}, "a wrong file is not used"


def test_a_notice_file_dates_the_pages_that_show_agendas(tmp_path):
    """最后更新 of a page with an agenda follows the notice files its dates come from."""
    from macros import widgets
    from macros.crossref import Usage

    handbook, _ = write_notice(tmp_path, LAST + 1, NOTICE)
    site = widgets.Site(handbook, Usage(), str(tmp_path / "docs"), {})
    assert widgets.data_files(site, "agenda", ("x",)) == ["data/agendas/x.yml", f"data/calendars/{LAST + 1}.yml"]
    assert widgets.data_files(site, "quiz", ("x",)) == ["data/quizzes/x.yml"]


def test_a_file_name_that_is_not_a_year(tmp_path):
    folder = tmp_path / "data" / "calendars"
    folder.mkdir(parents=True)
    (folder / "next-year.yml").write_text(NOTICE, encoding="utf-8")
    _, problems = load_handbook(str(tmp_path))
    assert [(p.path, p.line) for p in problems] == [("data/calendars/next-year.yml", 1)]
    assert "2027.yml" in problems[0].hint


def test_yaml_off_is_not_a_field_name(tmp_path):
    """`off:` is false in YAML 1.1: the file says `days:` so trainers never meet that trap."""
    path = tmp_path / "x.yml"
    path.write_text(NOTICE.replace("days: [", "off: [", 1), encoding="utf-8")
    loaded, _, problems = load_file(str(path), "x.yml", HolidayNotice)
    assert loaded is None and problems


def test_the_example_in_the_trainers_guide_is_the_real_arrangement():
    """docs/trainers/editing.md shows part of a real notice: every date agrees with chinesecalendar."""
    text = (ROOT / "docs" / "trainers" / "editing.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(# yaml-language-server: \$schema=../../schemas/calendar\.schema\.json\n.*?)```", text, re.S)
    assert example, "no calendar example in editing.md"
    notice = HolidayNotice.model_validate(yaml.safe_load(example.group(1)))
    year = int(re.search(r"(\d{4})年", notice.title).group(1))
    assert year in package_years(), "an example the package can confirm"
    for festival in notice.holidays:
        for day in festival.days:
            assert day.year == year and not chinese_calendar.is_workday(day), day
        for day in festival.workdays:
            assert day.weekday() >= 5 and chinese_calendar.is_workday(day), day


# ---------------------------------------------------------------- the fallback


def test_years_after_the_package_come_from_the_holidays_rule():
    calendar = china_calendar()
    assert calendar["confirmed"][-1] == LAST
    assert calendar["tentative"] == list(range(LAST + 1, LAST + 1 + FALLBACK_YEARS))
    assert calendar["years"] == [calendar["confirmed"][0], LAST + FALLBACK_YEARS]
    for year in calendar["tentative"]:
        rule = sorted(day.isoformat() for day in holidays.country_holidays("CN", years=year) if day.weekday() < 5)
        assert [iso for iso in calendar["off"] if iso.startswith(str(year))] == rule
        assert not [iso for iso in calendar["on"] if iso.startswith(str(year))], "no 调休 is made up"
    assert calendar["notices"] == {}


def test_the_fallback_has_the_statutory_holidays():
    """The law's days off (《全国年节及纪念日放假办法》): 元旦, 劳动节 5月1日 and 国庆节 10月1日
    are on the same dates every year; on a weekday they are days off."""
    calendar = china_calendar(package=[2024, 2025])  # as if the package ended in 2025
    assert calendar["tentative"] == [2026, 2027]
    for year in (2026, 2027):
        for month, day in ((1, 1), (5, 1), (10, 1)):
            date = dt.date(year, month, day)
            assert (date.isoformat() in calendar["off"]) == (date.weekday() < 5), date
    # the real 2026 arrangement agrees on the statutory weekday holidays the rule gives
    for iso in calendar["off"]:
        if iso.startswith("2026") and iso[5:] in ("01-01", "05-01", "10-01", "10-02"):
            assert not chinese_calendar.is_workday(dt.date.fromisoformat(iso))


# ---------------------------------------------------------------- the reminder


@pytest.mark.parametrize("today,warned", [
    (dt.date(LAST, 12, 31) - dt.timedelta(days=WARN_DAYS + 1), False),
    (dt.date(LAST, 12, 31) - dt.timedelta(days=WARN_DAYS), True),
    (dt.date(LAST, 12, 7), True),
    (dt.date(LAST + 1, 2, 1), True),
])
def test_a_reminder_when_the_published_years_run_out(today, warned):
    warning = coverage_warning(china_calendar(), today)
    assert (warning is not None) == warned
    if warning:
        assert f"只收录到 {LAST} 年" in warning and f"data/calendars/{LAST + 1}.yml" in warning
        assert "chinesecalendar" in warning and "怎么改" in warning
        assert ("已经过期" in warning) == (today.year > LAST)


def test_a_notice_file_for_next_year_silences_the_reminder(tmp_path):
    handbook, _ = write_notice(tmp_path, LAST + 1, NOTICE)
    assert coverage_warning(china_calendar(handbook.calendars), dt.date(LAST, 12, 7)) is None


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("calendar-check"))


def test_make_check_warns_without_failing(project, capsys):
    assert check_main(["macros", str(project)], today=dt.date(LAST, 12, 7)) == 0
    out = capsys.readouterr().out
    assert f"提示：日程的节假日和调休安排只收录到 {LAST} 年，还有 24 天" in out
    assert check_main(["macros", str(project)], today=dt.date(LAST, 6, 1)) == 0
    assert "日程的节假日" not in capsys.readouterr().out
