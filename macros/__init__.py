"""mkdocs-macros entry point: validates the handbook once, then registers its macros."""

from __future__ import annotations

import os

from mkdocs.exceptions import PluginError

from . import links
from .check import check_all
from .pages import page_title
from .problems import HandbookInputError
from .render import PageContext, render_agenda, render_answer_key, render_checklist, render_quiz


def define_env(env):
    root = os.path.dirname(os.path.abspath(env.conf["config_file_path"]))
    docs_dir = env.conf["docs_dir"]
    result = check_all(root, docs_dir, set(env.conf.get("extra", {}).keys()))
    if result.problems:
        # Fail before any page renders: a half-built site must never be published.
        raise PluginError(str(HandbookInputError(result.problems)))
    handbook, usage = result.handbook, result.usage

    def context() -> PageContext:
        return PageContext(
            page_url=env.page.url,
            page_title=lambda path: page_title(docs_dir, path),
            checklist_page=usage.places["checklists"].get,
            checklist_title=lambda checklist_id: handbook.checklists[checklist_id].title,
        )

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
    def answer_key(quiz_id: str) -> str:
        """The printable answer key of a quiz, for trainers."""
        return render_answer_key(quiz_id, handbook.quizzes[quiz_id], context())

