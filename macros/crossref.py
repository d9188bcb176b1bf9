"""Checks that span files: links and ids in data, and macro calls and links in pages."""

from __future__ import annotations

import difflib
import functools
import os
import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from macros import front_matter_keys, links, page_questions, placeholders
from macros.anchors import DeferredAnchors
from macros.fields import LINK, MARKDOWN, texts
from macros.inline import hrefs_in, inline_html
from macros.loader import Handbook
from macros.page_safety import page_problems
from macros.pages import NOT_CONSTANT, MacroCall, markdown_pages, read_page, scan_page
from macros.problems import Problem
from macros.registry import BY_FOLDER, BY_NAME, KINDS, Argument, macro_signatures
from macros.snippets import snippet_problems
from macros.untrusted import code_scheme_findings, html_findings, raw_text_findings, url_finding
from macros.yaml_source import Loc, YamlDocument

MACROS = macro_signatures()
# Variables mkdocs-macros provides on every page, besides the `extra:` ones.
BUILTIN_VARIABLES = {"config", "page", "environment", "plugin", "git", "files", "navigation",
                     "now", "fix_url", "macros_info", "context", "extra", "range", "loop"}
MARKDOWN_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
FENCE = re.compile(r"^\s*(```|~~~)")
LINK_OR_FENCE = re.compile(r"\.md|```|~~~")
# A Markdown image `![alt](path "title")` or an <img src="path">: the files a page shows.
IMAGE = re.compile(r"""!\[[^\]]*\]\(\s*<?([^)\s>]+)>?|<img\b[^>]*?\ssrc=["']([^"']+)["']""", re.IGNORECASE)
INLINE_CODE = re.compile(r"(`+)[^`].*?\1")


@dataclass
class Usage:
    """Where each widget is placed: kind -> id -> docs path of the first page using it."""

    places: dict[str, dict[str, str]] = field(default_factory=lambda: {kind.folder: {} for kind in KINDS})
    calls: list[MacroCall] = field(default_factory=list)
    # Pages whose template code could not be read (reported): the calls in them are unknown.
    unread: list[str] = field(default_factory=list)


def link_problem(target: str, docs_dir: str, deferred: DeferredAnchors | None,
                 problem: Callable[[str, str], Problem]) -> Problem | None:
    """What is wrong with a docs-relative link, as `problem(message, hint)` makes it, or None.

    With `deferred`, an `#anchor` is not looked up now: it is handed over with its problem, to be
    checked against the rendered pages (macros/anchors.py)."""
    reason = links.check(target, docs_dir, anchors=deferred is None)
    if reason:
        return problem(*reason)
    path, anchor = links.split(target)
    if deferred is not None and anchor and not links.is_external(target):
        deferred.expect(path, anchor, problem(*links.missing_anchor(path, anchor)))
    return None


def check_data(handbook: Handbook, docs_dir: str, deferred: DeferredAnchors | None = None) -> list[Problem]:
    """Every text of every loaded data file, checked by what its model says it holds
    (macros/fields.py): untrusted markup everywhere, links in Markdown and link fields, ids
    that name other files. One walk for every widget kind."""
    problems: list[Problem] = []
    for kind, item_id, model in handbook.models():
        document = handbook.document(kind, item_id)
        for loc, value, role in texts(model):
            def problem(message: str, hint: str, loc: Loc = loc, document: YamlDocument = document) -> Problem:
                line, col = document.place(loc)
                return Problem(document.path, line, col, message, hint)

            markdown = role == MARKDOWN
            findings = raw_text_findings(value)
            if markdown:
                rendered = inline_html(value)
                findings += html_findings(rendered)
            findings = findings or code_scheme_findings(value)  # one message per mistake
            found = [problem(finding.message, finding.hint) for finding in findings]
            if markdown:
                if not found:
                    found += _link_problems(hrefs_in(rendered), docs_dir, deferred, problem)
            elif role == LINK and not found:
                found += _link_problems([value], docs_dir, deferred, problem)
            elif role.name == "ref" and role.kind and not found:
                available = handbook.ids(role.kind)
                if value not in available and not handbook.is_broken(role.kind, value):
                    line, col = document.place(loc)
                    found.append(_unknown_id(document.path, line, col, role.kind, value, available))
            problems += found
    return problems


def _link_problems(targets: list[str], docs_dir: str, deferred: DeferredAnchors | None,
                   problem: Callable[..., Problem]) -> list[Problem]:
    found = []
    for target in targets:
        unsafe = url_finding(target)
        if unsafe:
            found.append(problem(unsafe.message, unsafe.hint))
        elif not links.is_external(target):
            broken = link_problem(target, docs_dir, deferred, problem)
            if broken:
                found.append(broken)
    return found


def check_pages(handbook: Handbook, docs_dir: str, variables: set[str], display_prefix: str,
                extra: dict[str, Any] | None = None, deferred: DeferredAnchors | None = None,
                placeholder_names: set[str] | None = None,
                snippet_bases: list[str] | None = None) -> tuple[Usage, list[Problem]]:
    """`extra`: the `extra:` block of mkdocs.yml, to check attributes such as `company.hr.phone`.
    `placeholder_names`: the declared template placeholders (None: not checked).
    `snippet_bases`: the folders `--8<--` may insert from (None: the extension is not used)."""
    usage = Usage()
    problems: list[Problem] = []
    allowed_names = set(MACROS) | variables | BUILTIN_VARIABLES
    for path in markdown_pages(docs_dir):
        display = f"{display_prefix}{path}"
        calls, names, found = scan_page(docs_dir, path, display_prefix)
        problems += found
        if found and not calls:
            usage.unread.append(read_page(os.path.join(docs_dir, path)))
        problems += _page_links(docs_dir, path, display, deferred)
        problems += _page_images(docs_dir, path, display)
        if snippet_bases is not None:
            problems += snippet_problems(read_page(os.path.join(docs_dir, path)), display, snippet_bases)
        problems += page_problems(docs_dir, path, display)
        problems += page_questions.page_problems(read_page(os.path.join(docs_dir, path)), display)
        problems += front_matter_keys.page_problems(read_page(os.path.join(docs_dir, path)), display)
        if placeholder_names is not None:
            text = read_page(os.path.join(docs_dir, path))
            if "```" in text or "~~~" in text:
                problems += placeholders.page_problems(text, display, placeholder_names)
        for name, line in sorted(names):
            problem = _unknown_variable(name, allowed_names, extra or {})
            if problem:
                problems.append(Problem(display, line, 1, *problem))
        for call in calls:
            usage.calls.append(call)
            problems += _check_call(call, display, handbook, usage)
    return usage, problems


def _unknown_variable(dotted: str, allowed_names: set[str], extra: dict[str, Any]) -> tuple[str, str] | None:
    """(message, hint) when `company.hr.phon` names a variable, or a part of one, that does not exist."""
    parts = dotted.split(".")
    if parts[0] not in allowed_names:
        guess = difflib.get_close_matches(parts[0], sorted(allowed_names), n=1)
        return (f"页面用了不存在的变量「{parts[0]}」",
                (f"是不是想写「{guess[0]}」？" if guess else "") + "可用的公司变量见 mkdocs.yml 的 extra: 部分")
    value = extra.get(parts[0]) if parts[0] in extra else None
    for depth, part in enumerate(parts[1:], start=1):
        if not isinstance(value, dict):
            return None  # not an `extra:` mapping (e.g. page.title): nothing to check against
        if part not in value:
            known = sorted(str(key) for key in value)
            guess = difflib.get_close_matches(part, known, n=1)
            prefix = ".".join(parts[:depth])
            return (f"变量「{prefix}」里没有「{part}」",
                    (f"是不是想写「{prefix}.{guess[0]}」？" if guess else "")
                    + f"「{prefix}」下可用的有：{'、'.join(known)}（见 mkdocs.yml 的 extra: 部分）")
        value = value[part]
    return None


def _check_call(call: MacroCall, display: str, handbook: Handbook, usage: Usage) -> list[Problem]:
    if call.name not in MACROS:
        guess = difflib.get_close_matches(call.name, list(MACROS), n=1)
        return [Problem(display, call.line, call.column, f"没有名为「{call.name}」的宏",
                        (f"是不是想写「{guess[0]}」？" if guess else "") + f"可用的宏：{'、'.join(MACROS)}")]
    kind, arguments = MACROS[call.name]
    if kind is None:
        if call.args or call.kwargs:
            return [Problem(display, call.line, call.column, f"宏「{call.name}」不需要参数", f"写成 {{{{ {call.name}() }}}}")]
        return []
    example = f'{{{{ {call.name}("示例-id") }}}}'
    if len(call.args) != 1 or not isinstance(call.args[0], str):
        return [Problem(display, call.line, call.column, f"宏「{call.name}」需要且只需要一个带引号的 id",
                        f"写成 {example}")]
    problem = _argument_problem(call, arguments, example)
    if problem:
        return [Problem(display, call.line, call.column, *problem)]
    wanted = call.args[0]
    available = handbook.ids(kind)
    if wanted not in available:
        if handbook.is_broken(kind, wanted):
            return []  # its file failed to load and reports its own problems
        return [_unknown_id(display, call.line, call.column, kind, wanted, available)]
    usage.places[kind].setdefault(wanted, call.page)
    return []


def _argument_problem(call: MacroCall, arguments: tuple[Argument, ...], example: str) -> tuple[str, str] | None:
    """(message, hint) for the first keyword argument that is unknown or has a wrong value."""
    declared = {argument.name: argument for argument in arguments}
    optional = "；可选参数：" + "、".join(f"{a.name}（{a.help}，默认 {a.default}）" for a in arguments) if arguments else ""
    for key, value in call.kwargs.items():
        if key not in declared:
            return f"宏「{call.name}」不认识参数「{key}」", f"删除这个参数，写成 {example}{optional}"
        wrong = declared[key].problem(value) if value is not NOT_CONSTANT else f"参数「{key}」要直接写值"
        if wrong:
            return f"宏「{call.name}」的{wrong}", f"写成 {call.name}(\"{call.args[0]}\", {key}={declared[key].default}){optional}"
    return None


def _unknown_id(display: str, line: int, col: int, kind: str, wanted: str, available: set[str]) -> Problem:
    guess = difflib.get_close_matches(wanted, sorted(available), n=1)
    where = ("路线的 id 是 data/tracks.yml 里每条路线的 `id:`" if kind == "tracks"
             else f"id 是 data/{kind}/ 下的文件名（不含 .yml）")
    return Problem(display, line, col, f"找不到 id 为「{wanted}」的{BY_FOLDER[kind].label}",
                   (f"是不是想写「{guess[0]}」？" if guess else "") + where)


def _page_links(docs_dir: str, path: str, display: str, deferred: DeferredAnchors | None) -> list[Problem]:
    """Relative .md links in a page; the strict build checks them too, this is the fast path."""
    problems = []
    in_fence = False
    for number, line in _lines_with_links_or_fences(read_page(os.path.join(docs_dir, path))):
        if FENCE.match(line):
            in_fence = not in_fence
        if in_fence or ".md" not in line:
            continue
        line = INLINE_CODE.sub(lambda code: " " * len(code.group(0)), line)  # `[x](y.md)` is an example
        for match in MARKDOWN_LINK.finditer(line):
            target = match.group(1)
            if links.is_external(target) or target.startswith("#") or ".md" not in target:
                continue
            file_part, _, anchor = target.partition("#")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), file_part))
            found = link_problem(resolved + (f"#{anchor}" if anchor else ""), docs_dir, deferred,
                                 functools.partial(_page_link_problem, display, number, match.start(1) + 1, target,
                                                   docs_dir, resolved, posixpath.dirname(path)))
            if found:
                problems.append(found)
    return problems


def _page_images(docs_dir: str, path: str, display: str) -> list[Problem]:
    """Images the page shows from its own folder tree that do not exist. MkDocs only warns about
    them in a strict build; checked here, `make check` and the build say the same thing."""
    text = read_page(os.path.join(docs_dir, path))
    if "![" not in text and "<img" not in text.lower():
        return []
    problems = []
    in_fence = False
    for number, line in enumerate(text.splitlines(), start=1):
        if FENCE.match(line):
            in_fence = not in_fence
        if in_fence:
            continue
        line = INLINE_CODE.sub(lambda code: " " * len(code.group(0)), line)
        for match in IMAGE.finditer(line):
            source = match.group(1) or match.group(2)
            file_part = source.split("#", 1)[0].split("?", 1)[0]
            if not file_part or "{{" in source or ":" in file_part or file_part.startswith("/"):
                continue  # an address elsewhere (reported by the untrusted-text rules) or built by a macro
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), file_part))
            if not os.path.isfile(os.path.join(docs_dir, resolved)):
                column = (match.start(1) if match.group(1) else match.start(2)) + 1
                problems.append(Problem(display, number, column, f"图片「{source}」不存在（找的是 docs/{resolved}）",
                                        "检查文件名和大小写；图片放在 docs/ 下（例如 docs/assets/images/），"
                                        "路径相对于本页，例如 ../assets/images/seating.png"))
    return problems


def _lines_with_links_or_fences(text: str) -> Iterator[tuple[int, str]]:
    """(number, text) of each line with a `.md`, ``` or ~~~, in order: the lines _page_links has
    something to do with. The others (most lines) neither link to a page nor open or close a
    fence, so they are not looked at one by one."""
    number, position = 1, 0
    while hit := LINK_OR_FENCE.search(text, position):
        start = text.rfind("\n", 0, hit.start()) + 1
        end = text.find("\n", hit.end())
        end = len(text) if end < 0 else end
        number += text.count("\n", position, start)
        yield number, text[start:end]
        number, position = number + 1, end + 1


def _page_link_problem(display: str, line: int, column: int, target: str, docs_dir: str, resolved: str,
                       page_dir: str, message: str, hint: str) -> Problem:
    if "不存在" in message:
        guess = links.nearest_page(docs_dir, resolved)
        relative = posixpath.relpath(guess, page_dir or ".") if guess else None
        hint = ((f"是不是想写「{relative}」？" if relative else "")
                + "页面里的链接写相对于本页的路径，例如 ../onboarding/company.md#leave")
    return Problem(display, line, column, f"链接「{target}」无效：{message}", hint)


def check_widgets_shown(handbook: Handbook, usage: Usage) -> list[Problem]:
    """Widgets that track steps link to must be shown on some page (a printable kind always has
    its own print page)."""
    problems = []
    if handbook.tracks:
        document = handbook.document("tracks", "tracks")
        for t, track in enumerate(handbook.tracks.tracks):
            for s, step in enumerate(track.steps):
                kind = BY_NAME.get(step.kind)
                if (kind and not kind.printable and step.target in handbook.ids(kind.folder)
                        and step.target not in usage.places[kind.folder]
                        and not any(step.target in text for text in usage.unread)):  # its call may be the broken one
                    line, col = document.place(("tracks", t, "steps", s, step.kind))
                    problems.append(Problem(document.path, line, col, f"{kind.label}「{step.target}」没有放在任何页面上，读者点这一步会找不到",
                                            f'先在某个页面加上 {{{{ {kind.name}("{step.target}") }}}}'))
    return problems
