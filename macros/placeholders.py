"""Placeholders of the e-mail templates: `[Buyer Name]` or `[Payment Terms: e.g. 30% T/T]` in the
```text blocks of a page. Each name means one thing, so every name must be declared, once, with its
meaning in data/placeholders.yml; a name that is not (a typo, or one name for two things) is a
trainer's mistake reported at its line and column."""

from __future__ import annotations

import difflib
import os
import re

from macros.problems import Problem, relative_path
from macros.yaml_source import read_yaml

DECLARATION = os.path.join("data", "placeholders.yml")
TEXT_FENCE = re.compile(r"^\s*(```|~~~)\s*text\s*$")
ANY_FENCE = re.compile(r"^\s*(```|~~~)")
TOKEN = re.compile(r"\[([^\[\]\n]*)\]")
NAME = re.compile(r"[A-Z][A-Za-z0-9']*(?: [A-Z][A-Za-z0-9']*)*")
FORMAT_HINT = "写成 [名字] 或 [名字: 提示或例子]，名字用 data/placeholders.yml 里登记的"


def declared(root: str) -> tuple[set[str] | None, list[Problem]]:
    """The declared names, or None when the file is missing or broken (its problems say why)."""
    path = os.path.join(root, DECLARATION)
    if not os.path.isfile(path):
        return None, []
    document, problems = read_yaml(path, relative_path(path, root))
    if document is None:
        return None, problems
    table = document.data.get("placeholders") if isinstance(document.data, dict) else None
    if not isinstance(table, dict) or not table:
        line, col = document.place(("placeholders",))
        return None, [Problem(document.path, line, col, "缺少占位符列表 placeholders",
                              "写成 placeholders: 下面每行一个「名字: 含义」")]
    for key in document.data:
        if key != "placeholders":
            line, col = document.place((key,))
            problems.append(Problem(document.path, line, col, f"「{key}」不在 placeholders 列表里",
                                    "占位符写在 placeholders: 下面，每行缩进两个空格：「  名字: 含义」"))
    for name, meaning in table.items():
        line, col = document.place(("placeholders", name))
        if not isinstance(name, str) or not NAME.fullmatch(name):
            problems.append(Problem(document.path, line, col, f"占位符名字「{name}」的写法不对",
                                    "用英文，每个词首字母大写，例如 Buyer Name"))
        elif not isinstance(meaning, str) or not meaning.strip():
            problems.append(Problem(document.path, line, col, f"占位符「{name}」没有写含义",
                                    f"写成 {name}: 用中文说明填什么"))
    return (None if problems else set(table)), problems


def page_problems(text: str, display: str, names: set[str]) -> list[Problem]:
    """Undeclared or malformed placeholders in the ```text blocks of one page."""
    problems: list[Problem] = []
    fence: str | None = None  # the fence that opened the current ```text block
    for number, line in enumerate(text.split("\n"), start=1):
        opening = ANY_FENCE.match(line)
        if fence is None:
            if TEXT_FENCE.match(line) and opening:
                fence = opening.group(1)
            continue
        if opening and opening.group(1) == fence:
            fence = None
            continue
        problems += _line_problems(line, number, display, names)
    return problems


def _line_problems(line: str, number: int, display: str, names: set[str]) -> list[Problem]:
    found = []
    for token in TOKEN.finditer(line):
        name = token.group(1).split(":", 1)[0].strip()
        if name not in names:
            guess = difflib.get_close_matches(name, sorted(names), n=1)
            found.append(Problem(display, number, token.start() + 1, f"占位符「[{name}]」没有登记",
                                 (f"是不是想写「[{guess[0]}]」？" if guess else "")
                                 + "一个名字只表示一种内容：用 data/placeholders.yml 里已有的名字，"
                                 "或者先在那里加一行「名字: 含义」"))
    spans = [token.span() for token in TOKEN.finditer(line)]
    stray = next((index for index, char in enumerate(line)
                  if char in "[]" and not any(start <= index < end for start, end in spans)), None)
    if stray is not None and not found:
        found.append(Problem(display, number, stray + 1, "方括号没有配对，或者占位符里又套了占位符", FORMAT_HINT))
    return found
