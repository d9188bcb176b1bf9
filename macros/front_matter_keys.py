"""A key written twice at the top of a page's front matter (two `reviewed:` lines).

YAML keeps the last one silently, so the page shows one date while the trainer edits the other.
`make check` and the build report the second one, at its line.
"""

from __future__ import annotations

import re

from macros.pages import FRONT_MATTER
from macros.problems import Problem

TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


def page_problems(text: str, display: str) -> list[Problem]:
    found = FRONT_MATTER.match(text)
    if not found:
        return []
    first_line: dict[str, int] = {}
    problems = []
    # The block starts on line 2 (line 1 is the opening ---)
    for number, line in enumerate(found.group(1).split("\n"), start=2):
        key = TOP_LEVEL_KEY.match(line)
        if not key:
            continue
        name = key.group(1)
        if name in first_line:
            problems.append(Problem(display, number, 1, f"页面前言里 {name} 写了两次（第 {first_line[name]} 行和这一行），只有后一个算数",
                                    f"删掉其中一行，只留下正确的那一个 {name}"))
        else:
            first_line[name] = number
    return problems
