"""Read the Markdown pages: their titles and the macro calls they contain (with lines)."""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import jinja2
from jinja2 import nodes

from macros.plain_pages import KEYWORD, MARKERS, TEMPLATE_CODE
from macros.problems import Problem

FRONT_MATTER = re.compile(r"^---\s*\n(.*?)\n---\s*\n", re.DOTALL)
TITLE_LINE = re.compile(r"^title:\s*(.+?)\s*$", re.MULTILINE)
H1 = re.compile(r"^#\s+(.+?)\s*$", re.MULTILINE)
_jinja = jinja2.Environment()
NOT_CONSTANT = object()  # an argument written as an expression, not a plain value


@dataclass(frozen=True)
class MacroCall:
    page: str  # docs-relative path
    name: str
    args: tuple[Any, ...]  # constant positional arguments (None where not a constant)
    kwargs: dict[str, Any]  # constant keyword arguments (NOT_CONSTANT where not a constant)
    line: int
    column: int


def markdown_pages(docs_dir: str) -> list[str]:
    found = []
    for folder, _, names in os.walk(docs_dir):
        for name in names:
            if name.endswith(".md"):
                found.append(os.path.relpath(os.path.join(folder, name), docs_dir).replace(os.sep, "/"))
    return sorted(found)


@dataclass(frozen=True)
class PageSource:
    text: str  # as read_page gives it
    bad_byte_line: int | None  # the line of the first byte that is not UTF-8, or None


def page_source(full_path: str) -> PageSource:
    """The page's text and whether it is UTF-8, from one read of the file. All the checks of a page
    ask (scan_page, the page links, page_safety), one after the other: a few pages are cached, by
    the file's mtime and size too, so an edit (make serve) is read again."""
    stat = os.stat(full_path)
    return _page_source(full_path, stat.st_mtime_ns, stat.st_size)


# Small: check_pages runs every check of a page before the next page, and the texts of a whole
# book (~10 MB for 1000 pages) would stay in memory for the rest of the build.
@functools.lru_cache(maxsize=8)
def _page_source(full_path: str, mtime_ns: int, size: int) -> PageSource:
    with open(full_path, "rb") as handle:
        raw = handle.read()
    try:
        text, bad_byte_line = raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        text, bad_byte_line = raw.decode("utf-8", errors="replace"), raw[: error.start].count(b"\n") + 1
    # what open(encoding="utf-8-sig", errors="replace") gives: no BOM, universal newlines
    text = text.removeprefix("\ufeff") if raw.startswith(b"\xef\xbb\xbf") else text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return PageSource(text, bad_byte_line)


def read_page(full_path: str) -> str:
    """A page's text; bytes that are not UTF-8 become U+FFFD (scan_page reports such pages)."""
    return page_source(full_path).text


def _encoding_problem(display: str, source: PageSource) -> Problem | None:
    if source.bad_byte_line is None:
        return None
    return Problem(display, source.bad_byte_line, 1, "页面不是 UTF-8 编码（可能是 GBK/GB2312）",
                   "在编辑器里选择“另存为 UTF-8 编码”（VS Code：右下角编码 → 通过编码保存 → UTF-8）")


@functools.cache
def page_title(docs_dir: str, path: str) -> str:
    try:
        text = read_page(os.path.join(docs_dir, path))
    except OSError:
        return path
    front = FRONT_MATTER.match(text)
    if front and (title := TITLE_LINE.search(front.group(1))):
        return title.group(1).strip("'\"")
    heading = H1.search(text)
    return heading.group(1) if heading else path


def scan_page(docs_dir: str, path: str, display_prefix: str) -> tuple[list[MacroCall], set[tuple[str, int]], list[Problem]]:
    """Macro calls, other variables used (with line), and Jinja syntax problems of one page.

    A variable read through attributes is given whole, dotted: `company.hr.phone`."""
    display = f"{display_prefix}{path}"
    full_path = os.path.join(docs_dir, path)
    source = page_source(full_path)
    encoding = _encoding_problem(display, source)
    if encoding:
        return [], set(), [encoding]
    text = source.text
    front = FRONT_MATTER.match(text)
    if front and re.search(r"^render_macros:\s*false\s*$", front.group(1), re.MULTILINE):
        return [], set(), []
    if not any(marker in text for marker in MARKERS):
        return [], set(), []  # nothing for Jinja to do: skip the parse (as the build does)
    # `{{ company.hr.phone }}`s and calls of constants (most pages with template code): no parse
    constant = _constant_calls(path, text)
    if constant is not None:
        return constant[0], constant[1], []
    try:
        tree = _jinja.parse(text)
    except jinja2.TemplateSyntaxError as error:
        return [], set(), [_syntax_problem(display, text, error)]
    lines = text.split("\n")
    hidden = _comments(display, text, lines) if "{#" in text else []
    if hidden:
        return [], set(), hidden
    private = _private_access(display, tree, lines)
    if private:
        return [], set(), private
    calls: list[MacroCall] = []
    names: set[tuple[str, int]] = set()
    called = set()
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name):
            called.add(id(call.node))
            args = tuple(arg.value if isinstance(arg, nodes.Const) else None for arg in call.args)
            kwargs = {kw.key: (kw.value.value if isinstance(kw.value, nodes.Const) else NOT_CONSTANT) for kw in call.kwargs}
            column = _column(lines, call.lineno, call.node.name)
            calls.append(MacroCall(path, call.node.name, args, kwargs, call.lineno, column))
    assigned = {target.name for target in tree.find_all(nodes.Name) if target.ctx in ("store", "param")}
    dotted: dict[int, str] = {}  # id(Name) -> the longest attribute chain read from it
    for getattr_node in tree.find_all(nodes.Getattr):
        chain, node = [getattr_node.attr], getattr_node.node
        while isinstance(node, nodes.Getattr):
            chain.insert(0, node.attr)
            node = node.node
        if isinstance(node, nodes.Name):
            full = ".".join([node.name, *chain])
            if len(full) > len(dotted.get(id(node), "")):
                dotted[id(node)] = full
    for name in tree.find_all(nodes.Name):
        if name.ctx == "load" and id(name) not in called and name.name not in assigned:
            names.add((dotted.get(id(name), name.name), name.lineno))
    return calls, names, []


# Names the Jinja parser makes into constants or an operator, not a variable or a macro.
NOT_NAMES = {"true", "false", "none", "True", "False", "None", "not"}


def _constant_calls(path: str, text: str) -> tuple[list[MacroCall], set[tuple[str, int]]] | None:
    """The calls and variables of a page whose template code is all plain variables and constant
    macro calls (plain_pages.TEMPLATE_CODE, what the build fills in without Jinja), exactly as the
    Jinja parse in scan_page finds them; None when the page needs that parse.

    Jinja's lexer starts a tag at the first `{{`, `{%` or `{#`: with none outside the matches and
    no `{` just before one (`{{{ x }}` would start a tag a character early), it sees each match
    as one tag, and each tag holds one name or one call of constants. ASCII only: Jinja's names
    are Python identifiers, which regex `\\w` is not quite (`a²`). Lines are those of the name
    (a call's line is that of its `(`, right after the name), columns as _column gives them."""
    calls: list[MacroCall] = []
    names: set[tuple[str, int]] = set()
    lines: list[str] | None = None
    line, counted = 1, 0  # newlines counted up to `counted`
    end = 0
    for match in TEMPLATE_CODE.finditer(text):
        gap = text[end:match.start()]
        if gap.endswith("{") or any(marker in gap for marker in MARKERS) or not match.group().isascii():
            return None
        end = match.end()
        dotted, name = match.group(1), match.group(2)
        start = match.start(1 if dotted is not None else 2)
        line, counted = line + text.count("\n", counted, start), start
        if dotted is not None:
            if dotted.split(".")[0] in NOT_NAMES:
                return None
            names.add((dotted, line))
            continue
        if name in NOT_NAMES:
            return None
        lines = lines if lines is not None else text.split("\n")
        args = tuple(item_id for item_id in match.group(3, 4) if item_id)
        kwargs = {key: int(number) for key, number in KEYWORD.findall(match.group(5) or "")}
        calls.append(MacroCall(path, name, args, kwargs, line, _column(lines, line, name)))
    if any(marker in text[end:] for marker in MARKERS):
        return None
    return calls, names


def _private_access(display: str, tree: nodes.Template, lines: list[str]) -> list[Problem]:
    """`{{ x.__class__ }}`, `x["_y"]` or `|attr(…)` reach Python internals from a page: a page
    would then run code in the build. Macros and `company.…` variables never need them."""
    problems = []
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter)):
        if isinstance(node, nodes.Getattr):
            name = node.attr
        elif isinstance(node, nodes.Getitem):
            name = node.arg.value if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str) else ""
        else:
            name = "|attr" if isinstance(node, nodes.Filter) and node.name == "attr" else ""
        if name.startswith(("_", "|")):
            problems.append(Problem(display, node.lineno, max(_column(lines, node.lineno, name.lstrip("|")), 1),
                                    f"模板里不能使用「{name}」：它会让页面在构建时运行程序代码",
                                    "页面里只写宏调用（例如 {{ checklist(\"first-week\") }}）和公司变量（例如 {{ company.hr.phone }}）"))
    first: dict[int, Problem] = {}  # one problem per line: the leftmost, where the trainer's expression goes wrong
    for problem in sorted(problems):
        first.setdefault(problem.line, problem)
    return list(first.values())


def _comments(display: str, text: str, lines: list[str]) -> list[Problem]:
    """`{# … #}` outside {% raw %}: Jinja drops it silently, so the text in between never shows."""
    problems = []
    for line, token, _ in _jinja.lexer.tokeniter(text, None):
        if token == "comment_begin":
            column = lines[line - 1].find("{#") + 1 if 0 < line <= len(lines) else 1
            problems.append(Problem(display, line, max(column, 1),
                                    "正文里的「{#」会被当作注释的开头，从这里到「#}」的内容不会显示",
                                    "在 { 和 # 之间加一个空格；标题锚点写成 `{ #id }`；确实要写给编辑看的注释，用 <!-- … -->"))
    return problems


def _column(lines: list[str], line: int, needle: str) -> int:
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    position = text.find(needle)
    return position + 1 if position >= 0 else 1


def _syntax_problem(display: str, text: str, error: jinja2.TemplateSyntaxError) -> Problem:
    line = error.lineno or 1
    message = error.message or ""
    lines = text.split("\n")
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    if "Missing end of comment tag" in message:
        # Jinja reports the line where the unclosed comment starts; earlier `{# … #}` are closed ones.
        start = line if "{#" in source else next((number for number, row in enumerate(lines, 1) if "{#" in row), line)
        return Problem(display, start, lines[start - 1].find("{#") + 1, "正文里出现了「{#」，它会被当作注释的开头，后面的内容会消失",
                       "在 { 和 # 之间加一个空格；标题锚点写成 `{ #id }`")
    # Whatever Jinja stumbled on (the end of the page, a `#` of the next heading, a single `}`),
    # a `{{` with no `}}` after it up to the error is the trainer's mistake: point at that `{{`.
    upto = "\n".join(lines[:line])
    opened = upto.rfind("{{")
    if opened >= 0 and "}}" not in upto[opened:]:
        start = upto.count("\n", 0, opened) + 1
        column = opened - (upto.rfind("\n", 0, opened) + 1) + 1
        return Problem(display, start, column, "「{{」没有对应的「}}」",
                       "在宏调用末尾补上 }}，例如 {{ checklist(\"first-week\") }}；如果只是想显示这两个字符，用 {% raw %}…{% endraw %} 包起来")
    wide = re.match(r"unexpected char '(.)'", message)
    if wide and unicodedata.east_asian_width(wide.group(1)) in ("F", "W"):
        char = wide.group(1)
        return Problem(display, line, max(source.find(char) + 1, 1), f"宏调用里用了全角符号「{char}」",
                       "宏调用里的括号、引号和逗号都用半角（英文输入法）符号，例如 {{ quiz(\"onboarding\") }}")
    return Problem(display, line, 1, f"模板语法错误（{message}）：{source.strip()[:40]}",
                   "检查这一行的 {{ }} 和 {% %} 是否成对；只想显示这些符号时，用 {% raw %}…{% endraw %} 包起来")


@functools.cache
def section_title(docs_dir: str, path: str, anchor: str) -> str | None:
    """The text of the heading that carries `{ #anchor }` on a page, or None (no such heading)."""
    try:
        text = read_page(os.path.join(docs_dir, path))
    except OSError:
        return None
    heading = re.compile(r"^#{1,6}\s+(.+?)\s*\{[^}]*#" + re.escape(anchor) + r"(?:\s[^}]*)?\}\s*$", re.MULTILINE)
    found = heading.search(text)
    return found.group(1).strip() if found else None
