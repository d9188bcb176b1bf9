"""Chinese public holidays and 调休 make-up workdays, for agendas to count real working days.

Three sources, each year taken from the first that has it:

1. a trainer's data file for the year, `data/calendars/<year>.yml`, typed in from the State
   Council's notice (国务院办公厅关于某年部分节假日安排的通知; macros/calendars.py checks it);
2. the maintained `chinesecalendar` package (pinned in requirements.txt), which follows the
   notices but is updated some time after each one;
3. for the FALLBACK_YEARS after the last year of 1 and 2: the statutory holidays computed by
   rule by the maintained `holidays` package (country CN, with its make-up days off for
   holidays on a weekend). These are tentative (暂定): the 调休 workdays are not published yet.

The browser only needs the exceptions to "Monday–Friday": holidays that fall on a weekday and
make-up workdays on a weekend, so each agenda carries a few dozen dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TypedDict

import chinese_calendar
import holidays

from macros.models import HolidayNotice

# Earlier start dates are of no use to a new hire; the window keeps each agenda's data small.
FIRST_YEAR = 2024
# Years after the last published notice that agendas still date, as 暂定.
FALLBACK_YEARS = 2
# `make check` warns this many days before the last published year ends.
WARN_DAYS = 60


class ChinaCalendar(TypedDict):
    years: list[int]  # [first, last] covered year, tentative years included
    confirmed: list[int]  # years from a notice: a data file or chinesecalendar
    tentative: list[int]  # years from the holidays rule: dates 暂定, 调休 not published
    off: list[str]  # weekday holidays, ISO dates
    on: list[str]  # weekend make-up workdays (调休上班), ISO dates
    notices: dict[str, str]  # year -> the notice it was typed in from (data files only)


def package_years() -> list[int]:
    """The years chinesecalendar covers, from FIRST_YEAR on."""
    years = {day.year for day in chinese_calendar.holidays}
    return sorted(year for year in years if year >= FIRST_YEAR)


def _from_package(year: int) -> tuple[list[dt.date], list[dt.date]]:
    off = [day for day in chinese_calendar.holidays if day.year == year and day.weekday() < 5]
    on = [day for day in chinese_calendar.workdays if day.year == year and day.weekday() >= 5]
    return off, on


def _from_notice(notice: HolidayNotice) -> tuple[list[dt.date], list[dt.date]]:
    off = [day for festival in notice.holidays for day in festival.days if day.weekday() < 5]
    on = [day for festival in notice.holidays for day in festival.workdays if day.weekday() >= 5]
    return off, on


def _by_rule(year: int) -> list[dt.date]:
    """Statutory holidays on weekdays (make-up days off for weekend holidays included)."""
    return [day for day in holidays.country_holidays("CN", years=year) if day.weekday() < 5]


def china_calendar(notices: Mapping[int, HolidayNotice] | None = None,
                   package: Iterable[int] | None = None) -> ChinaCalendar:
    """The working-day calendar from the trainers' notice files (`notices`, by year; they win over
    the package) and chinesecalendar's years (`package`, default: all it has)."""
    notices = notices or {}
    confirmed = sorted({*(package_years() if package is None else package), *(y for y in notices if y >= FIRST_YEAR)})
    off: list[dt.date] = []
    on: list[dt.date] = []
    for year in confirmed:
        year_off, year_on = _from_notice(notices[year]) if year in notices else _from_package(year)
        off += year_off
        on += year_on
    last = confirmed[-1] if confirmed else FIRST_YEAR - 1
    first = confirmed[0] if confirmed else FIRST_YEAR
    tentative = [year for year in range(first, last + FALLBACK_YEARS + 1) if year not in confirmed]
    for year in tentative:
        off += _by_rule(year)
    return {"years": [first, last + FALLBACK_YEARS], "confirmed": confirmed, "tentative": tentative,
            "off": [day.isoformat() for day in sorted(off)], "on": [day.isoformat() for day in sorted(on)],
            "notices": {str(year): f"《{notice.title}》（{notice.published.year}年{notice.published.month}月"
                                   f"{notice.published.day}日）" for year, notice in sorted(notices.items())}}


def coverage_warning(calendar: ChinaCalendar, today: dt.date) -> str | None:
    """A reminder (Chinese) when the published calendar ends within WARN_DAYS of `today`."""
    if not calendar["confirmed"]:
        return None
    last = calendar["confirmed"][-1]
    left = (dt.date(last, 12, 31) - today).days
    if left > WARN_DAYS:
        return None
    when = f"还有 {left} 天就到头了" if left >= 0 else f"已经过期 {-left} 天"
    return (f"日程的节假日和调休安排只收录到 {last} 年，{when}；{last + 1} 年的日期只能按法定节假日推算，"
            f"页面上标为“暂定”。怎么改：国务院办公厅公布 {last + 1} 年的放假安排后（通常在 11 月），"
            f"照通知新建 data/calendars/{last + 1}.yml（见《如何编辑本手册》），"
            f"或把 requirements.txt 里的 chinesecalendar 升级到收录 {last + 1} 年的版本")
