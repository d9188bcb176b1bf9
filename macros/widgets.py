"""The macros a page can call, as plain functions of the validated handbook.

One function per widget kind of macros/registry.py (found by the kind's name) and per page
macro, each taking the page being rendered and the macro's arguments and returning HTML. The
mkdocs-macros entry point (__init__.py) registers them all in a loop; nothing here knows MkDocs.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from markupsafe import Markup

from macros import changelog, generated, links
from macros.calculators import render_loading, render_quote
from macros.crossref import Usage
from macros.glossary import render_glossary
from macros.loader import Handbook
from macros.pages import page_title, section_title
from macros.registry import BY_FOLDER, Argument, macro_signatures
from macros.render import (
    PageContext,
    current_ids,
    render_agenda,
    render_answer_key,
    render_changelog,
    render_checklist,
    render_cohort,
    render_dashboard,
    render_packet_actions,
    render_quiz,
    render_track,
    track_bundles,
)
from macros.revision_dates import CHINA_TIME
from macros.staffing import render_staffing
from macros.workdays import ChinaCalendar, china_calendar

# mkdocs.yml `extra:` key that tools/lms sets for the build it packages for an LMS.
LMS_PACKAGE = "lms_package"
ANSWER_KEYS_NOT_IN_PACKAGE = "测验答案不在课件包里：请在手册网站版的本页查看。"
LMS_DOWNLOADS_MISSING = ("这次构建没有附带课件包。正式网站发布时会自动生成并列在这里；"
                         "在自己电脑上可以运行 make scorm，文件在 dist/ 文件夹里。")


@dataclass
class Site:
    """What every macro may read: the handbook, where widgets are shown, the `extra:` block."""

    handbook: Handbook
    usage: Usage
    docs_dir: str
    extra: dict[str, Any]
    # {path from the project folder: time of its newest commit} (revision_dates.commit_times), for
    # the "此清单在 12月3日 有更新" note; a file git does not know has no note.
    commit_times: dict[str, int] = field(default_factory=dict)

    @property
    def root(self) -> str:
        return self.handbook.root

    @functools.cached_property
    def calendar(self) -> ChinaCalendar:
        """China's working days for every agenda: the trainers' notice files, then chinesecalendar."""
        return china_calendar(self.handbook.calendars)


@dataclass
class Page:
    """The page a macro is rendering; `meta` is its front matter (a macro may set the title)."""

    url: str  # site-relative, e.g. "onboarding/schedule/"
    meta: dict[str, Any]


_MACROS: dict[str, Callable[..., str]] = {}


def macro(name: str) -> Callable[[Callable[..., str]], Callable[..., str]]:
    """Register the function of a registry kind or page macro under its name."""
    def register(function: Callable[..., str]) -> Callable[..., str]:
        _MACROS[name] = function
        return function
    return register


def context(site: Site, page: Page) -> PageContext:
    def widget_title(kind: str, item_id: str) -> str:
        return str(site.handbook.items[kind][item_id].title)

    def widget_page(kind: str, item_id: str) -> str | None:
        shown = site.usage.places[kind].get(item_id)
        return f"{shown}#{BY_FOLDER[kind].anchor}-{item_id}" if shown else None

    return PageContext(page_url=page.url, page_title=lambda path: page_title(site.docs_dir, path),
                       widget_page=widget_page, widget_title=widget_title,
                       section_title=lambda path, anchor: section_title(site.docs_dir, path, anchor))


def on_print_page(page: Page) -> bool:
    return page.url.startswith("print/")


def _tracks(site: Site) -> list[Any]:
    return list(site.handbook.tracks.tracks) if site.handbook.tracks else []


@macro("checklist")
def checklist(site: Site, page: Page, checklist_id: str) -> str:
    """An interactive, printable checklist from data/checklists/<id>.yml."""
    print_url = None if on_print_page(page) else links.href(f"print/{checklist_id}.md", page.url)
    return render_checklist(checklist_id, site.handbook.checklists[checklist_id], context(site, page), print_url,
                            changed_on(site, "checklists", checklist_id))


@macro("agenda")
def agenda(site: Site, page: Page, agenda_id: str, level: int = 3) -> str:
    """A day-by-day agenda from data/agendas/<id>.yml; `level` is the heading level of each day."""
    bundle, bundled_in = track_bundles(agenda_id, _tracks(site), site.usage.places["agendas"])
    return render_agenda(agenda_id, site.handbook.agendas[agenda_id], context(site, page), level, site.calendar,
                         bundle, bundled_in)


@macro("quiz")
def quiz(site: Site, page: Page, quiz_id: str) -> str:
    """A self-check quiz from data/quizzes/<id>.yml."""
    return render_quiz(quiz_id, site.handbook.quizzes[quiz_id], context(site, page), changed_on(site, "quizzes", quiz_id))


def changed_on(site: Site, folder: str, item_id: str) -> date | None:
    """The day (China time) the data file of a widget last changed in git, or None."""
    stamp = site.commit_times.get(f"data/{folder}/{item_id}.yml")
    return datetime.fromtimestamp(stamp, CHINA_TIME).date() if stamp else None


@macro("track")
def track(site: Site, page: Page, track_id: str) -> str:
    """A role track from data/tracks.yml: its steps in order, with the reader's progress."""
    chosen = next(item for item in _tracks(site) if item.id == track_id)
    packet = None if on_print_page(page) else links.href(f"print/packet-{track_id}.md", page.url)
    return render_track(chosen, context(site, page), current(site), packet)


def current(site: Site) -> dict[str, list[str]]:
    """The ids the browser may count as progress: current checklist items and quiz questions."""
    handbook = site.handbook
    return current_ids(handbook.checklists, handbook.quizzes, handbook.agendas)


@macro("quote")
def quote(site: Site, page: Page, quote_id: str) -> str:
    """报价计算器 from data/quotes/<id>.yml (its starting values): EXW, FOB, CFR, CIF in the browser."""
    return render_quote(quote_id, site.handbook.quotes[quote_id], context(site, page),
                        links.href("assets/hb-calc.css", page.url))


@macro("loading")
def loading(site: Site, page: Page, loading_id: str) -> str:
    """装箱计算器 from data/loadings/<id>.yml (container sizes, a sample carton): cartons per container."""
    return render_loading(loading_id, site.handbook.loadings[loading_id], context(site, page),
                          links.href("assets/hb-calc.css", page.url))


@macro("progress_dashboard")
def progress_dashboard(site: Site, page: Page) -> str:
    """我的进度: every track and all saved progress, export/import, and the training record."""
    here = context(site, page)
    items = [{"kind": "checklist", "id": item_id, "title": item.title, "label": "清单",
              "size": len(item.items), "href": here.widget_href("checklists", item_id)}
             for item_id, item in sorted(site.handbook.checklists.items())]
    items += [{"kind": "quiz", "id": item_id, "title": item.title, "label": "测验",
               "size": 0, "href": here.widget_href("quizzes", item_id)} for item_id, item in sorted(site.handbook.quizzes.items())]
    company = str((site.extra.get("company") or {}).get("name", ""))
    return render_dashboard(_tracks(site), items, company, here, current(site))


@macro("cohort_view")
def cohort_view(site: Site, page: Page) -> str:
    """全班进度汇总 (for trainers): many exported progress files in one table, CSV, print, item analysis."""
    company = str((site.extra.get("company") or {}).get("name", ""))
    return render_cohort(_tracks(site), site.handbook.quizzes, company, context(site, page), current(site))


@macro("changelog")
def changelog_page(site: Site, page: Page) -> str:
    """更新记录: the changes to pages and data from git, notable ones (commit trailers) first."""
    here = context(site, page)
    history = changelog.changes(site.root, [os.path.relpath(site.docs_dir, site.root), "data"])
    if history is None:
        return render_changelog(None, [], here)
    rows = [(change, row) for change in history for row in _changed(site, here, change.files)]

    def shown(change: changelog.Change, row: dict[str, str]) -> dict[str, str]:
        return {**row, "iso": change.day.isoformat(), "day": change.shown_day, "line": change.line}

    notable = [shown(change, row) for change, row in rows if change.notable][:CHANGELOG_ROWS]
    return render_changelog(notable, [shown(change, row) for change, row in rows[:CHANGELOG_ROWS]], here)


CHANGELOG_ROWS = 200  # rows per list: a page, not an archive (the full history is in git)


def _changed(site: Site, here: PageContext, files: tuple[str, ...]) -> list[dict[str, str]]:
    """What a reader calls each changed file: a page, or the widget a data file fills (each once)."""
    docs = os.path.relpath(site.docs_dir, site.root).replace(os.sep, "/") + "/"
    found: dict[str, dict[str, str]] = {}
    for path in files:
        if path.startswith(docs):
            page_path = path[len(docs):]
            exists = os.path.isfile(os.path.join(site.docs_dir, page_path))
            found.setdefault(page_path, {"title": page_title(site.docs_dir, page_path) if exists else page_path,
                                         "href": here.link(page_path) if exists else ""})
            continue
        parts = path.split("/")
        kind = BY_FOLDER.get(parts[1]) if len(parts) == 3 else None
        item_id = parts[-1].removesuffix(".yml")
        if kind and item_id in site.handbook.items.get(kind.folder, {}):
            found.setdefault(path, {"title": f"{kind.label}：{here.widget_title(kind.folder, item_id)}",
                                    "href": here.widget_href(kind.folder, item_id)})
        elif path == "data/tracks.yml":
            found.setdefault(path, {"title": "学习路线", "href": here.link("progress.md") if os.path.isfile(
                os.path.join(site.docs_dir, "progress.md")) else ""})
    return list(found.values())


@macro("answer_key_links")
def answer_key_links(site: Site, page: Page) -> str:
    """A list of links to the printable answer key of every quiz (for the trainers' guide). An LMS
    package, where learners take the exam, has no answer keys: it says where they are."""
    if site.extra.get(LMS_PACKAGE):
        return str(Markup('<p class="hb-answer-keys">{}</p>').format(ANSWER_KEYS_NOT_IN_PACKAGE))
    rows = [Markup('<li><a href="{}">{}</a></li>').format(links.href(f"trainers/answer-keys/{quiz_id}.md", page.url), item.title)
            for quiz_id, item in sorted(site.handbook.quizzes.items())]
    return str(Markup('<ul class="hb-answer-keys">') + Markup("").join(rows) + Markup("</ul>"))


# Where the deploy workflow puts `make scorm`'s output inside docs/, so the site serves it.
LMS_DOWNLOADS = "downloads/lms"


@macro("lms_downloads")
def lms_downloads(site: Site, page: Page) -> str:
    """The SCORM packages and Moodle question banks the site serves (docs/downloads/lms, written by
    `make scorm LMS_OUT=docs/downloads/lms` before the build in .github/workflows/deploy.yml), or
    a note where the build has none (a local preview, an LMS package)."""
    folder = os.path.join(site.docs_dir, LMS_DOWNLOADS)
    names = [] if site.extra.get(LMS_PACKAGE) or not os.path.isdir(folder) else sorted(os.listdir(folder))
    files = [name for name in names if name.endswith((".zip", ".xml"))]
    if not files:
        return str(Markup('<p class="hb-lms-downloads">{}</p>').format(LMS_DOWNLOADS_MISSING))
    rows = [Markup('<li><a href="{}" download><code>{}</code></a></li>').format(
        links.href(f"{LMS_DOWNLOADS}/{name}", page.url), name) for name in files]
    return str(Markup('<ul class="hb-lms-downloads">') + Markup("").join(rows) + Markup("</ul>"))


@macro("answer_key")
def answer_key(site: Site, page: Page, quiz_id: str) -> str:
    """The printable answer key of a quiz, for trainers."""
    return render_answer_key(quiz_id, site.handbook.quizzes[quiz_id], context(site, page))


@macro("staffing_calculator")
def staffing_calculator(site: Site, page: Page) -> str:
    """排班计算器: Erlang C in the browser, and the scheduling page's worked example as a table."""
    return render_staffing(links.href("assets/hb-staffing.css", page.url))


@macro("glossary")
def glossary(site: Site, page: Page) -> str:
    """术语表: every `*[term]: definition` of includes/glossary/, each term with its own anchor."""
    return render_glossary(site.root)


def generated_page(site: Site, page: Page, kind: str, item_id: str) -> str:
    """The whole body of a page from macros/generated.py; sets its (escaped) title."""
    if kind == "checklist":
        title, body = site.handbook.checklists[item_id].title, checklist(site, page, item_id)
    elif kind == "answer-key":
        title, body = site.handbook.quizzes[item_id].title, answer_key(site, page, item_id)
    else:
        title = next(item.title for item in _tracks(site) if item.id == item_id)
        checklist_ids = generated.packet_checklists(site.handbook, item_id)
        top = [render_packet_actions(item_id, len(checklist_ids))] if checklist_ids else []
        body = "\n\n".join(top + [checklist(site, page, checklist_id) for checklist_id in checklist_ids])
    heading = generated.heading(kind, title)
    page.meta["title"], page.meta["description"] = heading.title, heading.description
    return str(heading.heading) + body


class MacroArgumentError(ValueError):
    """A macro called with arguments `make check` would refuse (only when a check was skipped)."""


def _checked(name: str, function: Callable[..., str], arguments: tuple[Argument, ...]) -> Callable[..., str]:
    """The macro as pages call it, `name("id", level=3)`, with its keyword arguments checked by
    the same declarations as `make check` (crossref.py), so the build never gets a traceback."""
    declared = {argument.name: argument for argument in arguments}

    def call(site: Site, page: Page, *args: Any, **kwargs: Any) -> str:
        for key, value in kwargs.items():
            wrong = declared[key].problem(value) if key in declared else f"不认识参数「{key}」"
            if wrong:
                raise MacroArgumentError(f"宏「{name}」的{wrong}")
        return function(site, page, *args, **kwargs)

    call.__doc__ = function.__doc__
    return call


def page_macros() -> dict[str, Callable[..., str]]:
    """Every macro a trainer may call, by name, as (site, page, *args, **kwargs) -> HTML."""
    signatures = macro_signatures()
    missing = [name for name in signatures if name not in _MACROS]
    if missing:
        raise RuntimeError(f"registry names macros with no function in widgets.py: {missing}")
    return {name: _checked(name, _MACROS[name], signatures[name][1]) for name in signatures}


def data_files(site: Site, name: str, args: tuple[Any, ...]) -> list[str]:
    """The data files (paths from the project folder) whose content a macro call shows."""
    if name == "generated_page":
        kind, item_id = args
        if kind == "checklist":
            return [_data_file("checklists", item_id)]
        if kind == "answer-key":
            return [_data_file("quizzes", item_id)]
        return [_data_file("tracks", item_id)] + [_data_file("checklists", checklist_id)
                                                   for checklist_id in generated.packet_checklists(site.handbook, item_id)]
    folder = macro_signatures().get(name, (None, ()))[0]
    files = [_data_file(folder, args[0])] if folder and args and isinstance(args[0], str) else []
    if name == "agenda":  # its dates come from the trainers' holiday notices too
        files += [f"data/calendars/{year}.yml" for year in sorted(site.handbook.calendars)]
    return files


def _data_file(folder: str, item_id: str) -> str:
    kind = BY_FOLDER[folder]
    return f"data/{kind.file}" if kind.file else f"data/{folder}/{item_id}.yml"


def all_macros() -> dict[str, Callable[..., str]]:
    """page_macros() plus generated_page, which only the generated pages call."""
    return {**page_macros(), "generated_page": generated_page}
