"""Chinese public holidays and 调休 make-up workdays, for agendas to count real working days.

Taken at build time from the maintained `chinesecalendar` package (pinned in requirements.txt;
it follows the State Council's notice each year), never typed in by hand. The browser only needs
the exceptions to "Monday–Friday": holidays that fall on a weekday and make-up workdays on a
weekend, so each agenda carries a few dozen dates.
"""

from __future__ import annotations

import functools
from typing import TypedDict

import chinese_calendar

# Earlier start dates are of no use to a new hire; the window keeps each agenda's data small.
FIRST_YEAR = 2024


class ChinaCalendar(TypedDict):
    years: list[int]  # [first, last] covered year
    off: list[str]
    on: list[str]


@functools.cache
def china_calendar() -> ChinaCalendar:
    """{"years": [first, last], "off": [weekday holidays], "on": [weekend workdays]}, ISO dates."""
    last = max(day.year for day in chinese_calendar.holidays)
    first = max(FIRST_YEAR, min(day.year for day in chinese_calendar.holidays))
    covered = range(first, last + 1)
    off = sorted(day for day in chinese_calendar.holidays if day.year in covered and day.weekday() < 5)
    on = sorted(day for day in chinese_calendar.workdays if day.year in covered and day.weekday() >= 5)
    return {"years": [first, last], "off": [day.isoformat() for day in off], "on": [day.isoformat() for day in on]}
