"""Read a trainer's YAML file safely and keep the line of every value.

Everything a trainer can get wrong before the data even has a shape is caught here:
size, encoding, YAML syntax (tabs, full-width colons, missing colons, open quotes),
duplicate keys and empty files. Each becomes a Problem with a line and a Chinese hint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from .problems import Problem

MAX_BYTES = 1_000_000  # a real data file is a few KB; anything this big is a mistake
FULL_WIDTH_COLON_KEY = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_]*)\s*：")
Location = tuple[int, int]


@dataclass
class YamlDocument:
    """Parsed data plus a map from each value's path, e.g. ("groups", 0, "title"), to its place."""

    path: str
    data: Any
    places: dict[tuple, Location]
    key_places: dict[tuple, Location]

    def place(self, loc: tuple) -> Location:
        """The place of the deepest part of `loc` that exists in the file."""
        loc = tuple(loc)
        while loc:
            if loc in self.key_places:  # point at the key for unknown or misspelt keys
                return self.key_places[loc]
            if loc in self.places:
                return self.places[loc]
            loc = loc[:-1]
        return self.places.get((), (1, 1))


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that refuses Python-specific tags; nothing else changes."""


def read_yaml(path: str, display_path: str) -> tuple[YamlDocument | None, list[Problem]]:
    def problem(line: int, col: int, message: str, hint: str) -> list[Problem]:
        return [Problem(display_path, line, col, message, hint)]

    with open(path, "rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        return None, problem(1, 1, "文件太大（超过 1 MB），数据文件通常只有几 KB",
                             "检查是否粘贴了大段无关内容，或把内容拆成几个文件")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a BOM from Windows Notepad is harmless: accept the file
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, problem(line, 1, "文件不是 UTF-8 编码（可能是 GBK/GB2312）",
                             "在编辑器里选择“另存为 UTF-8 编码”（VS Code：右下角编码 → 通过编码保存 → UTF-8）")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.split("\n")
    ):
        return None, problem(1, 1, "文件是空的", "按《如何编辑本手册》中的示例填写内容，或删除这个文件")

    colon_problems = [
        Problem(display_path, number, match.end(2) + 1,
                f"字段「{match.group(2)}」后面用了全角冒号「：」",
                f"改成半角冒号加一个空格：`{match.group(2)}: `")
        for number, line in enumerate(text.split("\n"), start=1)
        if (match := FULL_WIDTH_COLON_KEY.match(line))
    ]
    if colon_problems:
        return None, colon_problems

    try:
        node = yaml.compose(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(display_path, error, text)]
    if node is None:
        return None, problem(1, 1, "文件是空的", "按《如何编辑本手册》中的示例填写内容")

    places: dict[tuple, Location] = {}
    key_places: dict[tuple, Location] = {}
    problems: list[Problem] = []
    _index(node, (), places, key_places, problems, display_path)
    if problems:
        return None, problems
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as error:  # e.g. an unsupported tag such as !!python/object
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return None, problem(line, 1, f"无法读取这一行的值（{getattr(error, 'problem', error)}）",
                             "只写普通文字、数字、true/false 和列表，不要用 !! 开头的标记")
    return YamlDocument(display_path, data, places, key_places), []


def _index(node, loc, places, key_places, problems, display_path):
    places[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(Problem(display_path, line, key_node.start_mark.column + 1,
                                        f"字段「{key}」重复出现（第 {seen[key]} 行已经写过）",
                                        "删除其中一个，或把两处内容合并"))
            seen[key] = line
            key_places[loc + (key,)] = (line, key_node.start_mark.column + 1)
            _index(value_node, loc + (key,), places, key_places, problems, display_path)
    elif isinstance(node, yaml.SequenceNode):
        for position, child in enumerate(node.value):
            _index(child, loc + (position,), places, key_places, problems, display_path)


def _syntax_problem(display_path: str, error: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    reason = f"{error.context or ''} {error.problem or ''}".strip()
    lines = text.split("\n")
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""

    if "\t" in source_line or "'\\t'" in reason:
        return Problem(display_path, line, col, "这一行用了 Tab 键缩进，YAML 只接受空格",
                       "把行首的 Tab 换成空格（同一层级用相同数量的空格，一般每层 2 个）")
    if "end of stream" in reason and "quoted scalar" in reason:
        start = error.context_mark
        line, col = (start.line + 1, start.column + 1) if start else (line, col)
        return Problem(display_path, line, col, "引号没有闭合",
                       "在这段文字末尾补上对应的引号（\" 或 '），或者去掉开头的引号")
    if "could not find expected ':'" in reason:
        return Problem(display_path, line, col, "缺少冒号，或上一行的缩进不对",
                       "每个字段写成 `名称: 值`（半角冒号后加一个空格），并检查与上一行的缩进是否对齐")
    if "mapping values are not allowed" in reason:
        return Problem(display_path, line, col, "值里出现了冒号，YAML 把它当成了新的字段",
                       "给整个值加上引号，例如 `time: \"09:00-10:30\"`")
    if "expected <block end>" in reason or "did not find expected" in reason:
        return Problem(display_path, line, col, "缩进不一致，YAML 无法判断这一行属于哪一层",
                       "让同一层级的行左侧对齐；列表项以 `- ` 开头")
    return Problem(display_path, line, col, f"YAML 语法错误（{reason}）",
                   "检查这一行和上一行的缩进、冒号和引号")
