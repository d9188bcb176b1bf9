"""The trainers' holiday-notice files, `data/calendars/<year>.yml`: one year of the State
Council's notice each, read before the chinesecalendar package has that year (macros/workdays.py).

The model (models.HolidayNotice) checks what one file says on its own: each date once, never
both a day off and a make-up workday, make-up workdays on a Saturday or Sunday. Here: the file
name is a year, and every date and the title belong to that year.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable

from pydantic import BaseModel

from macros.models import HolidayNotice
from macros.problems import Problem, relative_path
from macros.yaml_source import YamlDocument

FOLDER = "calendars"
YEAR_FILE = re.compile(r"^(\d{4})\.yml$")

# loader.load_file, passed in (the loader imports this module)
LoadFile = Callable[[str, str, type[BaseModel]], tuple[BaseModel | None, YamlDocument | None, list[Problem]]]


def load_calendars(root: str, data_dir: str, load_file: LoadFile) -> tuple[dict[int, HolidayNotice], list[Problem]]:
    """{year: notice} of every valid file, and the problems of the others."""
    folder = os.path.join(root, data_dir, FOLDER)
    notices: dict[int, HolidayNotice] = {}
    problems: list[Problem] = []
    if not os.path.isdir(folder):
        return notices, problems
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        display = relative_path(path, root)
        if name.endswith(".yaml"):
            problems.append(Problem(display, 1, 1, "数据文件的扩展名要用 .yml", f"把文件改名为 {name[:-5]}.yml"))
            continue
        if not name.endswith(".yml"):
            continue
        match = YEAR_FILE.match(name)
        if not match:
            problems.append(Problem(display, 1, 1, f"节假日安排的文件名「{name}」不是年份",
                                    "文件名只写四位年份，例如 2027.yml"))
            continue
        loaded, document, found = load_file(path, display, HolidayNotice)
        year = int(match.group(1))
        if isinstance(loaded, HolidayNotice) and document is not None:
            found += year_problems(year, loaded, document)
        problems += found
        if not found and isinstance(loaded, HolidayNotice):
            notices[year] = loaded
    return notices, problems


def year_problems(year: int, notice: HolidayNotice, document: YamlDocument) -> list[Problem]:
    """Dates outside the file's year, and a title that names another year (last year's file
    copied and not changed). The first such mistake only: the rest are usually the same slip."""
    for index, festival in enumerate(notice.holidays):
        for kind, days in (("days", festival.days), ("workdays", festival.workdays)):
            for position, day in enumerate(days):
                if day.year != year:
                    line, col = document.place(("holidays", index, kind, position))
                    return [Problem(document.path, line, col,
                                    f"{day.isoformat()} 不在 {year} 年（文件 {year}.yml 只写 {year} 年的日期）",
                                    f"把年份改成 {year}；如果通知里确实有别的年份的日期，写进那一年的文件")]
    named = [int(found) for found in re.findall(r"(\d{4})年", notice.title)]
    if named and year not in named:
        line, col = document.place(("title",))
        return [Problem(document.path, line, col, f"标题说的是 {named[0]} 年，文件名却是 {year}.yml",
                        "照通知改正标题，或把文件改名为标题里的年份")]
    return []
