"""mkdocs-macros entry point: validates the handbook once, then registers its macros."""

from __future__ import annotations

import os

from mkdocs.exceptions import PluginError

from . import anchors, links
from .check import check_all
from .pages import page_title
from .plain_pages import default_syntax, fill_variables
from .problems import HandbookInputError
from markupsafe import escape

from .render import (PageContext, current_ids, render_agenda, render_answer_key, render_checklist, render_dashboard,
                     render_quiz, render_track)


def anchor_hook_installed(config) -> bool:
    """hooks/anchor_links.py checks link anchors against the rendered pages; without it, check now."""
    return any(getattr(plugin, "CHECKS_HANDBOOK_ANCHORS", False) for plugin in (config.get("plugins") or {}).values())


def loaded_config(config) -> dict:
    """The parts of mkdocs.yml that check_all reads, from the configuration MkDocs has loaded."""
    options = config.get("mdx_configs") or {}
    extensions = [{name: options[name]} if name in options else name for name in config.get("markdown_extensions") or []]
    return {"markdown_extensions": extensions, "extra": dict(config.get("extra") or {})}


def on_pre_page_macros(env):
    """Skip Jinja (about 2 ms a page) where it would change nothing, or only put in `extra:`
    variables (see plain_pages.py). Pages that say `render_macros: false` stay as they are."""
    if env.has_j2(env.markdown):
        filled = fill_variables(env.markdown, env.variables, env.page.meta) if default_syntax(env.env) else None
        if filled is None:
            return  # macro calls or other template code: mkdocs-macros renders the page
        env.markdown = filled
    env.page.meta["render_macros"] = False


def define_env(env):
    root = os.path.dirname(os.path.abspath(env.conf["config_file_path"]))
    docs_dir = env.conf["docs_dir"]
    later = anchor_hook_installed(env.conf)
    result = check_all(root, docs_dir, set(env.conf.get("extra", {}).keys()), defer_anchors=later,
                       config=loaded_config(env.conf))
    if result.problems:
        # Fail before any page renders, with every problem at once: a half-built site must never
        # be published.
        missing = result.deferred.missing_without_build(docs_dir) if result.deferred else []
        raise PluginError(str(HandbookInputError(result.problems + missing)))
    if result.deferred:
        env.conf[anchors.CONFIG_KEY] = result.deferred  # checked by hooks/anchor_links.py
    handbook, usage = result.handbook, result.usage

    def widget_title(kind: str, item_id: str) -> str:
        return getattr(handbook, kind)[item_id].title

    def context() -> PageContext:
        return PageContext(
            page_url=env.page.url,
            page_title=lambda path: page_title(docs_dir, path),
            widget_page=lambda kind, item_id: usage.places[kind].get(item_id),
            widget_title=widget_title,
        )

    def tracks() -> list:
        return handbook.tracks.tracks if handbook.tracks else []

    def ids() -> dict[str, list[str]]:
        return current_ids(handbook.checklists, handbook.quizzes, handbook.agendas)

    @env.macro
    def checklist(checklist_id: str) -> str:
        """An interactive, printable checklist from data/checklists/<id>.yml."""
        on_print_page = env.page.url.startswith("print/")
        print_url = None if on_print_page else links.href(f"print/{checklist_id}.md", env.page.url)
        return render_checklist(checklist_id, handbook.checklists[checklist_id], context(), print_url)

    @env.macro
    def agenda(agenda_id: str, level: int = 3) -> str:
        """A day-by-day agenda from data/agendas/<id>.yml; `level` is the heading level of each day."""
        return render_agenda(agenda_id, handbook.agendas[agenda_id], context(), level)

    @env.macro
    def quiz(quiz_id: str) -> str:
        """A self-check quiz from data/quizzes/<id>.yml."""
        return render_quiz(quiz_id, handbook.quizzes[quiz_id], context())

    @env.macro
    def track(track_id: str) -> str:
        """A role track from data/tracks.yml: its steps in order, with the reader's progress."""
        chosen = next(item for item in tracks() if item.id == track_id)
        packet = None if env.page.url.startswith("print/") else links.href(f"print/packet-{track_id}.md", env.page.url)
        return render_track(chosen, context(), ids(), packet)

    @env.macro
    def progress_dashboard() -> str:
        """我的进度: every track and all saved progress, export/import, and the training record."""
        page = context()
        items = [{"kind": "checklist", "id": item_id, "title": item.title, "label": "清单",
                  "size": len(item.items), "href": page.widget_href("checklists", item_id)} for item_id, item in sorted(handbook.checklists.items())]
        items += [{"kind": "quiz", "id": item_id, "title": item.title, "label": "测验",
                   "size": 0, "href": page.widget_href("quizzes", item_id)} for item_id, item in sorted(handbook.quizzes.items())]
        company = env.conf.get("extra", {}).get("company", {}).get("name", "")
        return render_dashboard(tracks(), items, company, page, ids())

    @env.macro
    def answer_key_links() -> str:
        """A list of links to the printable answer key of every quiz (for the trainers' guide)."""
        rows = [f'<li><a href="{links.href(f"trainers/answer-keys/{quiz_id}.md", env.page.url)}">{escape(item.title)}</a></li>'
                for quiz_id, item in sorted(handbook.quizzes.items())]
        return '<ul class="hb-answer-keys">' + "".join(rows) + "</ul>"

    @env.macro
    def answer_key(quiz_id: str) -> str:
        """The printable answer key of a quiz, for trainers."""
        return render_answer_key(quiz_id, handbook.quizzes[quiz_id], context())

