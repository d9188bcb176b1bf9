"""Read a trainer's YAML file safely and keep the line of every value.

Everything a trainer can get wrong before the data even has a shape is caught here:
size, encoding, YAML syntax (tabs, full-width colons and spaces, missing colons, open or nested
quotes, Markdown such as `**bold**` or `[link](…)` at the start of a value), duplicate keys,
impossible dates, YAML references (`&name` / `*name`, which could also blow a small file up
exponentially) and empty files. Each becomes a Problem with a line and a Chinese hint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

from macros.problems import Problem

MAX_BYTES = 1_000_000  # a real data file is a few KB; anything this big is a mistake
FULL_WIDTH_COLON_KEY = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_]*)\s*：")
FULL_WIDTH_SPACE_INDENT = re.compile(r"^[ -]*\u3000")
# One line of a block mapping or list: indentation and dashes, an optional `key:`, then the value.
KEY_VALUE = re.compile(r"^(?P<lead>\s*(?:-\s+)*)(?:(?P<key>[^\s#'\"\[\]{}][^:#]*?)\s*:(?:\s+|$))?(?P<value>.*?)\s*$")
# Characters that YAML reads as syntax when a value starts with them; Markdown often starts so.
INDICATOR_NAMES = {
    "*": "YAML 会把它当成“引用”（Markdown 的 **加粗** 或 *斜体* 写在开头时常见）",
    "&": "YAML 会把它当成“锚点”标记",
    "!": "YAML 会把它当成“类型”标记",
    "`": "YAML 不允许值以反引号开头",
    "@": "YAML 不允许值以 @ 开头",
    "%": "YAML 不允许值以 % 开头",
    "|": "YAML 会把它当成多行文字的标记",
    ">": "YAML 会把它当成多行文字的标记",
    "[": "YAML 会把它当成列表（Markdown 链接写在开头时常见）",
    "{": "YAML 会把它当成一组字段",
}
# After a plain value: spaces, then a `#` glued to the next character (`#重要`, `#3`).
GLUED_COMMENT = re.compile(r"^\s+(#[^\s#].*?)\s*$")
Location = tuple[int, int]
# Where a value sits in the data: keys and list positions, e.g. ("groups", 0, "title").
Loc = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """Parsed data plus a map from each value's path, e.g. ("groups", 0, "title"), to its place."""

    path: str
    data: Any
    places: dict[Loc, Location]
    key_places: dict[Loc, Location]

    def place(self, loc: Loc) -> Location:
        """The place of the deepest part of `loc` that exists in the file."""
        loc = tuple(loc)
        while loc:
            if loc in self.key_places:  # point at the key for unknown or misspelt keys
                return self.key_places[loc]
            if loc in self.places:
                return self.places[loc]
            loc = loc[:-1]
        return self.places.get((), (1, 1))


class _BadValue(yaml.constructor.ConstructorError):
    """A value YAML recognises but cannot build, e.g. the date 2027-13-01; carries Chinese text."""

    problem_mark: yaml.Mark  # always given: the value's own place

    def __init__(self, message: str, hint: str, mark: yaml.Mark) -> None:
        super().__init__(None, None, message, mark)
        self.message, self.hint = message, hint


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that refuses Python-specific tags and reports impossible dates at their line."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> date:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as error:
            raise _BadValue(f"日期「{node.value}」不存在", "日期写成 2027-01-01（年-月-日）：月份 1～12，日期不超过当月天数",
                            node.start_mark) from error


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _LineLoader.construct_yaml_timestamp)
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


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

    lines = text.split("\n")
    width_problems = [
        Problem(display_path, number, match.end(2) + 1,
                f"字段「{match.group(2)}」后面用了全角冒号「：」",
                f"改成半角冒号加一个空格：`{match.group(2)}: `（先切换到英文输入法）")
        for number, line in enumerate(lines, start=1)
        if (match := FULL_WIDTH_COLON_KEY.match(line))
    ] + [
        Problem(display_path, number, match.end(),
                "这一行用了全角空格「　」缩进，YAML 只接受半角空格",
                "把行首的全角空格换成半角空格（先切换到英文输入法再按空格键）")
        for number, line in enumerate(lines, start=1)
        if (match := FULL_WIDTH_SPACE_INDENT.match(line))
    ]
    if width_problems:
        return None, width_problems

    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(display_path, error, text)]
    if node is None:
        return None, problem(1, 1, "文件是空的", "按《如何编辑本手册》中的示例填写内容")

    reference = _reference_problem(node, text, display_path)
    if reference:
        return None, [reference]
    places: dict[Loc, Location] = {}
    key_places: dict[Loc, Location] = {}
    problems: list[Problem] = []
    _index(node, (), places, key_places, problems, display_path, lines)
    if problems:
        return None, problems
    try:
        data = _construct(node)
    except _BadValue as error:
        mark = error.problem_mark
        return None, problem(mark.line + 1, mark.column + 1, error.message, error.hint)
    except yaml.YAMLError as error:  # e.g. an unsupported tag such as !!python/object
        error_mark = getattr(error, "problem_mark", None)
        line, col = (error_mark.line + 1, error_mark.column + 1) if error_mark else (1, 1)
        starts_with = _indicator_problem(display_path, line, lines[line - 1] if 0 < line <= len(lines) else "")
        if starts_with:
            return None, [starts_with]
        return None, problem(line, col, f"无法读取这一行的值（{getattr(error, 'problem', error)}）",
                             "只写普通文字、数字、true/false 和列表，不要用 !! 开头的标记")
    except (ValueError, OverflowError, RecursionError) as error:  # anything else YAML cannot build
        return None, problem(1, 1, f"无法读取文件中的某个值（{error}）",
                             "只写普通文字、数字、true/false、日期（2027-01-01）和列表")
    return YamlDocument(display_path, data, places, key_places), []


def _compose(text: str) -> yaml.Node | None:
    """The node tree, composed by libyaml when it is installed (several times faster). A file it
    rejects is composed again by PyYAML, whose error wording the Chinese hints are chosen by."""
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=_LineLoader)


def _construct(node: yaml.Node) -> Any:
    """Python values from the composed nodes (no second parse), with the safe constructors."""
    loader = _LineLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _reference_problem(node: yaml.Node, text: str, display_path: str) -> Problem | None:
    """A node reached twice is a `*name` reference to an `&name` anchor. Trainers never need them,
    and nine lines of nested references make millions of values: refuse them all."""
    seen: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            break
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            stack.extend(part for pair in current.value for part in pair)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    else:
        return None
    alias = next((event for event in yaml.parse(text, Loader=_FAST_LOADER or _LineLoader)
                  if isinstance(event, yaml.AliasEvent)), None)
    mark = alias.start_mark if alias else None
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    name = alias.anchor if alias else ""
    return Problem(display_path, line, col, f"这里用了 YAML 的引用「*{name}」，数据文件里不支持 & 锚点和 * 引用",
                   "把要重复的内容直接写出来；如果这是 Markdown 的加粗或斜体，给整段文字加上引号")


def _index(node: yaml.Node, loc: Loc, places: dict[Loc, Location], key_places: dict[Loc, Location],
           problems: list[Problem], display_path: str, lines: list[str]) -> None:
    places[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else f"第 {key_node.start_mark.line + 1} 行的字段"
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(Problem(display_path, line, key_node.start_mark.column + 1,
                                        f"字段「{key}」重复出现（第 {seen[key]} 行已经写过）",
                                        "删除其中一个，或把两处内容合并"))
            seen[key] = line
            key_places[loc + (key,)] = (line, key_node.start_mark.column + 1)
            _index(value_node, loc + (key,), places, key_places, problems, display_path, lines)
    elif isinstance(node, yaml.SequenceNode):
        for position, child in enumerate(node.value):
            _index(child, loc + (position,), places, key_places, problems, display_path, lines)
    elif isinstance(node, yaml.ScalarNode) and (cut := _cut_by_comment(node, lines, display_path)):  # the rest are scalars
        problems.append(cut)


def _cut_by_comment(node: yaml.ScalarNode, lines: list[str], display_path: str) -> Problem | None:
    """`text: 带上身份证 #重要`: a space then `#` starts a YAML comment, so `#重要` silently vanishes.
    A real comment is written `# 说明`, with a space after the `#`; flag a `#` glued to a word."""
    if node.style or not node.value:  # quoted or empty (plain style: libyaml says "", PyYAML None)
        return None
    end = node.end_mark
    rest = lines[end.line][end.column:] if end.line < len(lines) else ""
    match = GLUED_COMMENT.match(rest)
    if not match:
        return None
    lost = match.group(1)
    return Problem(display_path, end.line + 1, end.column + match.start(1) + 1,
                   f"「{_shorten(lost)}」前面有空格，YAML 会把它当作注释丢掉，页面上不会显示",
                   f"给整段文字加上引号，例如 \"{_shorten(node.value)} {_shorten(lost)}\"；"
                   "如果这确实是写给编辑看的注释，在 # 后面加一个空格")


def _syntax_problem(display_path: str, error: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    reason = f"{error.context or ''} {error.problem or ''}".strip()
    lines = text.split("\n")

    def source(number: int) -> str:
        return lines[number - 1] if 0 < number <= len(lines) else ""

    if "\t" in source(line) or "'\\t'" in reason:
        return Problem(display_path, line, col, "这一行用了 Tab 键缩进，YAML 只接受空格",
                       "把行首的 Tab 换成空格（同一层级用相同数量的空格，一般每层 2 个）")
    if "end of stream" in reason and "quoted scalar" in reason:
        start = error.context_mark
        line, col = (start.line + 1, start.column + 1) if start else (line, col)
        return Problem(display_path, line, col, "引号没有闭合",
                       "在这段文字末尾补上对应的引号（\" 或 '），或者去掉开头的引号")
    candidates = [line]
    if error.context_mark and error.context_mark.line + 1 != line:
        candidates.append(error.context_mark.line + 1)
    for number in candidates:
        found = _indicator_problem(display_path, number, source(number))
        if found:
            return found
    if "could not find expected ':'" in reason:
        start = error.context_mark if "simple key" in (error.context or "") else None
        if start:
            line, col = start.line + 1, start.column + 1
        return Problem(display_path, line, col, "这一行缺少冒号，或上一行的缩进不对",
                       "每个字段写成 `名称: 值`（半角冒号后加一个空格）；如果这一行是上一行文字的延续，"
                       "把它接到上一行末尾，并检查与上一行的缩进是否对齐")
    if "mapping values are not allowed" in reason:
        return _stray_colon(display_path, lines, line, col)
    if "expected <block end>" in reason or "did not find expected" in reason:
        return Problem(display_path, line, col, "缩进不一致，YAML 无法判断这一行属于哪一层",
                       "让同一层级的行左侧对齐；列表项以 `- ` 开头")
    return Problem(display_path, line, col, f"YAML 语法错误（{reason}）",
                   "检查这一行和上一行的缩进、冒号和引号")


def _indicator_problem(display_path: str, line: int, source: str) -> Problem | None:
    """A value starting with a character YAML reserves (`**加粗**`, `[链接](…)`, `@`) or nested quotes."""
    match = KEY_VALUE.match(source)
    if not match or not match.group("value"):
        return None
    value, key = match.group("value"), match.group("key") or ""
    col = match.start("value") + 1
    quoted = f"`{key}: \"…\"`" if key else "`- \"…\"`"
    first = value[0]
    if first in "\"'" and value.count(first) >= 3:
        return Problem(display_path, line, col, f"引号 {first} 里面又用了同一种引号，YAML 在第二个引号处就认为文字结束了",
                       "里面的引号改用中文引号“”或「」，或者外层改用另一种引号（' 和 \" 互换）")
    if first not in INDICATOR_NAMES:
        return None
    if first in "[{" and value.endswith("]" if first == "[" else "}"):
        return None  # a real flow list or mapping: the problem is elsewhere
    return Problem(display_path, line, col, f"这段文字以「{first}」开头，{INDICATOR_NAMES[first]}",
                   f"给整段文字加上双引号，写成 {quoted}（文字里本身有双引号时，外层改用单引号）")


def _shorten(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _stray_colon(display_path: str, lines: list[str], line: int, col: int) -> Problem:
    """`mapping values are not allowed here`: a colon in a value, a missing colon above, or too much indent."""
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    match = KEY_VALUE.match(source)
    key_colon = match.end("key") if match and match.group("key") else -1
    if match and 0 <= key_colon < col - 1:  # the line already has `key:`; the stray colon is inside the value
        return Problem(display_path, line, col, "值里出现了“冒号加空格”，YAML 把它当成了新的字段",
                       f"给整个值加上引号，例如 `{match.group('key')}: \"{_shorten(match.group('value'))}\"`，"
                       "或者把值里的冒号改成中文冒号「：」")
    previous = line - 1
    while previous > 0 and (not lines[previous - 1].strip() or lines[previous - 1].lstrip().startswith("#")):
        previous -= 1
    above = KEY_VALUE.match(lines[previous - 1]) if previous > 0 else None
    if above and not above.group("key") and re.match(r"[A-Za-z_][\w-]*\s+\S", above.group("value")):
        return Problem(display_path, previous, above.start("value") + 1,
                       f"字段「{above.group('value').split()[0]}」后面缺少冒号",
                       "每个字段写成 `名称: 值`（半角冒号后加一个空格）")
    return Problem(display_path, line, (match.start("key") + 1) if match and match.group("key") else col,
                   "这一行的缩进比上一行多，YAML 无法判断它属于哪一层",
                   "同一层的字段左侧要对齐：删掉多出的空格，和上面同一层的字段对齐")
