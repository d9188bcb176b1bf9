"""Checks that span files: links and ids in data, and macro calls and links in pages."""

from __future__ import annotations

import difflib
import functools
import os
import posixpath
import re
from dataclasses import dataclass, field
from typing import Callable

from . import links
from .anchors import DeferredAnchors
from .inline import links_in
from .loader import Handbook
from .pages import MacroCall, markdown_pages, read_page, scan_page
from .problems import Problem

# macro name -> (kind of id it takes, or None; names of optional keyword arguments)
MACROS = {
    "checklist": ("checklists", ()),
    "agenda": ("agendas", ("level",)),
    "quiz": ("quizzes", ()),
    "answer_key": ("quizzes", ()),
    "track": ("tracks", ()),
    "progress_dashboard": (None, ()),
    "answer_key_links": (None, ()),
    "glossary": (None, ()),
}
KIND_NAMES = {"checklists": "清单", "agendas": "日程", "quizzes": "测验", "tracks": "路线"}
# Variables mkdocs-macros provides on every page, besides the `extra:` ones.
BUILTIN_VARIABLES = {"config", "page", "environment", "plugin", "git", "files", "navigation",
                     "now", "fix_url", "macros_info", "context", "extra", "range", "loop"}
MARKDOWN_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
FENCE = re.compile(r"^\s*(```|~~~)")
INLINE_CODE = re.compile(r"(`+)[^`].*?\1")


@dataclass
class Usage:
    """Where each widget is placed: kind -> id -> docs path of the first page using it."""

    places: dict[str, dict[str, str]] = field(default_factory=lambda: {kind: {} for kind in KIND_NAMES})
    calls: list[MacroCall] = field(default_factory=list)


def ids_of(handbook: Handbook, kind: str) -> set[str]:
    if kind == "tracks":
        return {track.id for track in handbook.tracks.tracks} if handbook.tracks else set()
    return set(getattr(handbook, kind))


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


def check_data_links(handbook: Handbook, docs_dir: str, deferred: DeferredAnchors | None = None) -> list[Problem]:
    problems: list[Problem] = []

    def link(kind: str, item_id: str, loc: tuple, target: str) -> None:
        def problem(message: str, hint: str) -> Problem:
            document = handbook.document(kind, item_id)
            line, col = document.place(loc)
            return Problem(document.path, line, col, message, hint)

        found = link_problem(target, docs_dir, deferred, problem)
        if found:
            problems.append(found)

    def text(kind: str, item_id: str, loc: tuple, value: str | None) -> None:
        for target in links_in(value or ""):
            link(kind, item_id, loc, target)

    def known(kind: str, item_id: str, loc: tuple, wanted_kind: str, wanted: str) -> None:
        available = ids_of(handbook, wanted_kind)
        if wanted not in available:
            document = handbook.document(kind, item_id)
            line, col = document.place(loc)
            problems.append(_unknown_id(document.path, line, col, wanted_kind, wanted, available))

    for checklist_id, checklist in handbook.checklists.items():
        text("checklists", checklist_id, ("description",), checklist.description)
        for g, group in enumerate(checklist.groups):
            for i, item in enumerate(group.items):
                base = ("groups", g, "items", i)
                text("checklists", checklist_id, base + ("text",), item.text)
                if item.link:
                    link("checklists", checklist_id, base + ("link",), item.link)
    for agenda_id, agenda in handbook.agendas.items():
        for d, day in enumerate(agenda.days):
            for s, session in enumerate(day.sessions):
                base = ("days", d, "sessions", s)
                text("agendas", agenda_id, base + ("description",), session.description)
                for n, target in enumerate(session.links):
                    link("agendas", agenda_id, base + ("links", n), target)
                for n, wanted in enumerate(session.checklists):
                    known("agendas", agenda_id, base + ("checklists", n), "checklists", wanted)
    for quiz_id, quiz in handbook.quizzes.items():
        for q, question in enumerate(quiz.questions):
            base = ("questions", q)
            link("quizzes", quiz_id, base + ("review",), question.review)
            text("quizzes", quiz_id, base + ("prompt",), question.prompt)
            text("quizzes", quiz_id, base + ("explanation",), question.explanation)
    if handbook.tracks:
        for t, track in enumerate(handbook.tracks.tracks):
            for s, step in enumerate(track.steps):
                loc = ("tracks", t, "steps", s, step.kind)
                if step.kind == "page":
                    link("tracks", "tracks", loc, step.page)
                else:
                    known("tracks", "tracks", loc, {"agenda": "agendas", "checklist": "checklists", "quiz": "quizzes"}[step.kind], step.target)
    return problems


def check_pages(handbook: Handbook, docs_dir: str, variables: set[str], display_prefix: str,
                extra: dict | None = None, deferred: DeferredAnchors | None = None) -> tuple[Usage, list[Problem]]:
    """`extra`: the `extra:` block of mkdocs.yml, to check attributes such as `company.hr.phone`."""
    usage = Usage()
    problems: list[Problem] = []
    allowed_names = set(MACROS) | variables | BUILTIN_VARIABLES
    for path in markdown_pages(docs_dir):
        display = f"{display_prefix}{path}"
        calls, names, found = scan_page(docs_dir, path, display_prefix)
        problems += found
        problems += _page_links(docs_dir, path, display, deferred)
        for name, line in sorted(names):
            problem = _unknown_variable(name, allowed_names, extra or {})
            if problem:
                problems.append(Problem(display, line, 1, *problem))
        for call in calls:
            usage.calls.append(call)
            problems += _check_call(call, display, handbook, usage)
    return usage, problems


def _unknown_variable(dotted: str, allowed_names: set[str], extra: dict) -> tuple[str, str] | None:
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
    kind, optional = MACROS[call.name]
    if kind is None:
        if call.args or call.kwargs:
            return [Problem(display, call.line, call.column, f"宏「{call.name}」不需要参数", f"写成 {{{{ {call.name}() }}}}")]
        return []
    example = f'{{{{ {call.name}("示例-id") }}}}'
    if len(call.args) != 1 or not isinstance(call.args[0], str):
        return [Problem(display, call.line, call.column, f"宏「{call.name}」需要且只需要一个带引号的 id",
                        f"写成 {example}")]
    unknown = [key for key in call.kwargs if key not in optional]
    if unknown:
        return [Problem(display, call.line, call.column, f"宏「{call.name}」不认识参数「{unknown[0]}」",
                        f"删除这个参数，写成 {example}" + (f"；可选参数：{'、'.join(optional)}" if optional else ""))]
    wanted = call.args[0]
    available = ids_of(handbook, kind)
    if wanted not in available:
        return [_unknown_id(display, call.line, call.column, kind, wanted, available)]
    usage.places[kind].setdefault(wanted, call.page)
    return []


def _unknown_id(display: str, line: int, col: int, kind: str, wanted: str, available: set[str]) -> Problem:
    guess = difflib.get_close_matches(wanted, sorted(available), n=1)
    where = ("路线的 id 是 data/tracks.yml 里每条路线的 `id:`" if kind == "tracks"
             else f"id 是 data/{kind}/ 下的文件名（不含 .yml）")
    return Problem(display, line, col, f"找不到 id 为「{wanted}」的{KIND_NAMES[kind]}",
                   (f"是不是想写「{guess[0]}」？" if guess else "") + where)


def _page_links(docs_dir: str, path: str, display: str, deferred: DeferredAnchors | None) -> list[Problem]:
    """Relative .md links in a page; the strict build checks them too, this is the fast path."""
    problems = []
    lines = read_page(os.path.join(docs_dir, path)).split("\n")
    in_fence = False
    for number, line in enumerate(lines, start=1):
        if FENCE.match(line):
            in_fence = not in_fence
        if in_fence or ".md" not in line:
            continue  # most lines link nowhere: skip the regexes
        line = INLINE_CODE.sub(lambda code: " " * len(code.group(0)), line)  # `[x](y.md)` is an example
        for match in MARKDOWN_LINK.finditer(line):
            target = match.group(1)
            if links.is_external(target) or target.startswith("#") or ".md" not in target:
                continue
            file_part, _, anchor = target.partition("#")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), file_part))
            found = link_problem(resolved + (f"#{anchor}" if anchor else ""), docs_dir, deferred,
                                 functools.partial(_page_link_problem, display, number, match.start(1) + 1, target))
            if found:
                problems.append(found)
    return problems


def _page_link_problem(display: str, line: int, column: int, target: str, message: str, hint: str) -> Problem:
    if "不存在" in message:
        hint = "页面里的链接写相对于本页的路径，例如 ../onboarding/company.md#leave"
    return Problem(display, line, column, f"链接「{target}」无效：{message}", hint)


def check_widgets_shown(handbook: Handbook, usage: Usage) -> list[Problem]:
    """Agendas, quizzes and tracks that steps link to must be shown on some page."""
    problems = []
    if handbook.tracks:
        document = handbook.document("tracks", "tracks")
        for t, track in enumerate(handbook.tracks.tracks):
            for s, step in enumerate(track.steps):
                kind = {"agenda": "agendas", "quiz": "quizzes"}.get(step.kind)
                if kind and step.target in ids_of(handbook, kind) and step.target not in usage.places[kind]:
                    line, col = document.place(("tracks", t, "steps", s, step.kind))
                    macro = "agenda" if kind == "agendas" else "quiz"
                    problems.append(Problem(document.path, line, col, f"{KIND_NAMES[kind]}「{step.target}」没有放在任何页面上，读者点这一步会找不到",
                                            f'先在某个页面加上 {{{{ {macro}("{step.target}") }}}}'))
    return problems
