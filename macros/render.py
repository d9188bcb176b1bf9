"""Models to HTML through autoescaped Jinja templates. No MkDocs imports: data in, HTML out."""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from macros import links
from macros.inline import plain, render_inline
from macros.models import (
    QUESTION_TYPE_NAMES,
    Agenda,
    Checklist,
    ChoiceQuestion,
    FillQuestion,
    OrderQuestion,
    Quiz,
    Track,
    TrueFalseQuestion,
)
from macros.registry import BY_FOLDER, BY_NAME
from macros.workdays import ChinaCalendar, china_calendar

AnyQuestion = ChoiceQuestion | TrueFalseQuestion | FillQuestion | OrderQuestion

PAGE_STEP_LABEL = "阅读"  # a track step that is a page, not a widget

_templates = Environment(
    loader=PackageLoader("macros", "templates"),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


@dataclass(frozen=True)
class PageContext:
    """What rendering needs to know about the page a widget is placed on."""

    page_url: str  # site-relative URL of the current page, e.g. "onboarding/schedule/"
    page_title: Callable[[str], str]  # docs path -> page title
    widget_page: Callable[[str, str], str | None]  # (kind, id) -> "docs/path.md#anchor" where it is shown
    widget_title: Callable[[str, str], str]  # (kind, id) -> title
    section_title: Callable[[str, str], str | None] = lambda path, anchor: None  # (docs path, anchor) -> heading

    def link(self, target: str) -> str:
        return links.href(target, self.page_url)

    def inline(self, text: str | None) -> Markup:
        return render_inline(text, self.link)

    def widget_href(self, kind: str, item_id: str) -> str:
        """Where a widget is shown; a checklist shown nowhere still has its printable page."""
        shown = self.widget_page(kind, item_id)
        if shown:
            return self.link(shown)
        return self.link(f"print/{item_id}.md") if BY_FOLDER[kind].printable else "#"

    def helpers(self) -> dict[str, Any]:
        return {
            "link": self.link,
            "inline": self.inline,
            "plain": plain,
            "page_title": lambda target: self.page_title(links.split(target)[0]),
            "checklist_href": lambda item_id: self.widget_href("checklists", item_id),
            "checklist_title": lambda item_id: self.widget_title("checklists", item_id),
        }


def _json_island(data: Any) -> str:
    """JSON for a widget's data-hb-json attribute, as a plain str: Jinja's autoescape makes it a safe
    attribute value. An attribute, not a <script> block: instant navigation re-runs scripts."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def render_checklist(checklist_id: str, checklist: Checklist, context: PageContext, print_url: str | None = None,
                     changed: date | None = None) -> str:
    """`changed`: the day its data file last changed; a reader who saved before it sees a note."""
    template = _templates.get_template("checklist.html")
    return template.render(id=checklist_id, checklist=checklist, print_url=print_url, changed=changed, **context.helpers())


def reading_groups(targets: list[str], context: PageContext) -> list[dict[str, Any]]:
    """A session's links, one group per page, so two sections of one page never show the same
    title twice: {"title", "href" (the whole page, or None), "sections": [{"title", "href"}]}."""
    groups: dict[str, dict[str, Any]] = {}
    for target in targets:
        path, anchor = links.split(target)
        group = groups.setdefault(path, {"title": context.page_title(path), "href": None, "sections": []})
        heading = context.section_title(path, anchor) if anchor else None
        if heading is None:
            group["href"] = group["href"] or context.link(target)
        elif all(section["href"] != context.link(target) for section in group["sections"]):
            group["sections"].append({"title": plain(heading), "href": context.link(target)})
    return list(groups.values())


def track_bundles(agenda_id: str, tracks: list[Track], shown_on: dict[str, str]) -> tuple[dict[str, Any] | None, list[str]]:
    """The one calendar file for a reader of this agenda, and the tracks whose file holds it.

    A track whose agendas are shown on one page gets one .ics for all of them, offered by each of
    its agendas that belongs to no other track ({"id", "title", "agendas"}; None otherwise). An
    agenda several tracks share (全体新员工) names those tracks instead, so the page can send their
    readers to their own track's download rather than have them download twice."""
    def agendas_on_page(track: Track) -> list[str]:
        ids = [step.target for step in track.steps if step.kind == "agenda"]
        here = shown_on.get(agenda_id)
        return [item for item in ids if here is not None and shown_on.get(item) == here]

    owners = [track for track in tracks if agenda_id in agendas_on_page(track)]
    bundled = [track for track in owners if len(agendas_on_page(track)) > 1]
    if len(owners) == 1 and bundled:
        return {"id": owners[0].id, "title": owners[0].title, "agendas": agendas_on_page(owners[0])}, []
    return None, [track.title for track in bundled]


def render_agenda(agenda_id: str, agenda: Agenda, context: PageContext, level: int = 3,
                  calendar: ChinaCalendar | None = None, bundle: dict[str, Any] | None = None,
                  bundled_in: list[str] | None = None) -> str:
    """`calendar`: workdays.china_calendar() (default: chinesecalendar alone); `bundle`,
    `bundled_in`: from track_bundles()."""
    calendar = calendar or china_calendar()
    data = {
        "id": agenda_id,
        "title": agenda.title,
        "holidays": [day.isoformat() for day in agenda.holidays],
        "china": {"years": calendar["years"], "tentative": calendar["tentative"], "off": calendar["off"], "on": calendar["on"]},
        "bundle": bundle,
        "sessions": [
            {
                "day": day.day,
                "start": session.start,
                "end": session.end,
                "title": session.title,
                "description": plain(session.description),
                "host": session.host or "",
                "place": session.place or "",
            }
            for day in agenda.days
            for session in day.sessions
        ],
    }
    reading = {(day.day, index): reading_groups(session.links, context)
               for day in agenda.days for index, session in enumerate(day.sessions)}
    template = _templates.get_template("agenda.html")
    return template.render(id=agenda_id, agenda=agenda, level=level, data_json=_json_island(data), reading=reading,
                           calendar=calendar, bundle=bundle, bundled_in=bundled_in or [], **context.helpers())


def answer_text(question: AnyQuestion, letters: bool = True) -> str:
    """The right answer in words. `letters=False` names options by their text only: the quiz shows
    no letters (and may shuffle), the answer key does."""
    if isinstance(question, ChoiceQuestion):
        right = [(f"{chr(65 + index)}. " if letters else "") + plain(option.text)
                 for index, option in enumerate(question.options) if option.correct]
        return "；".join(right)
    if isinstance(question, TrueFalseQuestion):
        return "正确" if question.answer else "错误"
    if isinstance(question, FillQuestion):
        return " / ".join(question.answers)
    return " → ".join(plain(item) for item in question.items)


def _display_order(quiz_id: str, question: OrderQuestion) -> list[dict[str, Any]]:
    """A fixed, never-correct starting order for an `order` question (same on every build)."""
    keyed = [{"key": index, "text": text} for index, text in enumerate(question.items)]
    seed = int(hashlib.sha256(f"{quiz_id}/{question.id}".encode()).hexdigest()[:8], 16)
    shuffled = keyed[:]
    random.Random(seed).shuffle(shuffled)
    if shuffled == keyed:
        shuffled = keyed[1:] + keyed[:1]
    return shuffled


def answers_revision(quiz: Quiz) -> str:
    """A short fingerprint of what a kept answer refers to: the question ids and types, the options
    (text, right or not, in order), fill-in answers and order items; not prompts or explanations.
    A reader's unfinished answers are kept against it, so answers given to a question set
    that has changed since (an option added, moved or reworded) are dropped, never misapplied."""
    shape: Any = {"id": True, "type": True, "options": {"__all__": {"text", "correct"}}, "answer": True,
                  "answers": True, "items": True}
    shapes = [question.model_dump(mode="json", include=shape) for question in quiz.questions]
    return hashlib.sha256(json.dumps(shapes, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:12]


def _quiz_data(quiz_id: str, quiz: Quiz) -> dict[str, Any]:
    """What the script needs to check answers. Explanations, right answers in words and links are
    in the HTML, escaped."""
    questions = []
    for question in quiz.questions:
        entry: dict[str, Any] = {"id": question.id, "type": question.type}
        if question.type in ("single", "multiple"):
            entry["correct"] = [index for index, option in enumerate(question.options) if option.correct]
        elif question.type == "true_false":
            entry["answer"] = question.answer
        elif question.type == "fill":
            entry["answers"] = question.answers
        questions.append(entry)
    return {
        "id": quiz_id,
        "pass": quiz.pass_mark,
        "shuffle": quiz.shuffle,
        "mode": quiz.mode,
        "minutes": quiz.time_limit,
        "rev": answers_revision(quiz),
        "questions": questions,
    }


def render_quiz(quiz_id: str, quiz: Quiz, context: PageContext, changed: date | None = None) -> str:
    """`changed`: as for render_checklist."""
    template = _templates.get_template("quiz.html")
    return template.render(
        id=quiz_id,
        quiz=quiz,
        questions=quiz.questions,
        type_names=QUESTION_TYPE_NAMES,
        order_display={q.id: _display_order(quiz_id, q) for q in quiz.questions if q.type == "order"},
        answer_text=lambda question: answer_text(question, letters=False),
        data_json=_json_island(_quiz_data(quiz_id, quiz) | (
            {"changed": changed.isoformat(), "changedText": f"。此测验在 {changed.month}月{changed.day}日 有更新"}
            if changed else {})),
        **context.helpers(),
    )


def render_answer_key(quiz_id: str, quiz: Quiz, context: PageContext) -> str:
    template = _templates.get_template("answer_key.html")
    return template.render(id=quiz_id, quiz=quiz, type_names=QUESTION_TYPE_NAMES, answer_text=answer_text, **context.helpers())


def current_ids(checklists: dict[str, Checklist], quizzes: dict[str, Quiz], agendas: dict[str, Agenda]) -> dict[str, list[str]]:
    """{storage key: the ids it may count}: a checklist's current items, a quiz's current questions
    (an agenda has none, it only saves a start date). Progress is counted against these only, so
    deleted items or made-up ids never count."""
    ids: dict[str, list[str]] = {f"agenda.{key}": [] for key in agendas}
    ids.update({f"checklist.{key}": [item.id for item in checklist.items] for key, checklist in checklists.items()})
    ids.update({f"quiz.{key}": [question.id for question in quiz.questions] for key, quiz in quizzes.items()})
    return ids


def _track_steps(track: Track, context: PageContext, ids: dict[str, list[str]]) -> list[dict[str, Any]]:
    steps = []
    for step in track.steps:
        widget = BY_NAME.get(step.kind)
        kind, label = (widget.folder, widget.label) if widget else (None, PAGE_STEP_LABEL)
        if kind is None:
            page = step.target  # a page step: its target is the docs path
            title, href = step.title or context.page_title(links.split(page)[0]), context.link(page)
        else:
            title, href = step.title or context.widget_title(kind, step.target), context.widget_href(kind, step.target)
        key = f"{step.kind}.{step.target}"
        steps.append({"kind": step.kind, "target": step.target, "label": label, "title": title, "href": href,
                      "key": key, "ids": ids.get(key, [])})
    return steps


def render_track(track: Track, context: PageContext, ids: dict[str, list[str]], packet_url: str | None) -> str:
    """`ids`: from current_ids()."""
    steps = _track_steps(track, context, ids)
    data = {"id": track.id, "title": track.title, "steps": [
        {key: step[key] for key in ("kind", "target", "title", "key", "ids")} for step in steps]}
    template = _templates.get_template("track.html")
    return template.render(track=track, steps=steps, packet_url=packet_url, data_json=_json_island(data), **context.helpers())


def render_packet_actions(track_id: str, count: int) -> str:
    """The top of a track's packet page: the button that prints all `count` checklists of it."""
    return _templates.get_template("packet.html").render(track_id=track_id, count=count)


def render_dashboard(tracks: list[Track], items: list[dict[str, Any]], company: str, context: PageContext,
                     ids: dict[str, list[str]] | None = None) -> str:
    """`items`: every checklist and quiz as {kind, id, title, href, label}; `ids`: from current_ids().
    The data names every key an import may bring in: current checklist items and quiz questions,
    agenda start dates and the read/attended marks of every track step."""
    marks = sorted({f"mark.{step.kind}.{step.target}" for track in tracks for step in track.steps
                    if step.kind in ("page", "agenda")})
    data = {"ids": ids or {}, "marks": marks}
    template = _templates.get_template("dashboard.html")
    return template.render(tracks=tracks, items=items, company=company, data_json=_json_island(data), **context.helpers())


def render_cohort(tracks: list[Track], quizzes: dict[str, Quiz], company: str, context: PageContext,
                  ids: dict[str, list[str]]) -> str:
    """The trainers' cohort view: exported progress files of a whole class in one table.

    The browser reads each file with the dashboard's import checks (hb-import.js), so its data
    names the same keys (`ids` from current_ids(), the marks of page and agenda steps) and, for the
    reasons it gives, the title of each checklist and quiz. The questions of the item analysis are
    rendered here, escaped, each with the section that teaches it; the script only counts, orders
    and shows them."""
    marks = sorted({f"mark.{step.kind}.{step.target}" for track in tracks for step in track.steps
                    if step.kind in ("page", "agenda")})
    titles = {key: context.widget_title(BY_NAME[key.split(".")[0]].folder, key.split(".", 1)[1])
              for key in ids if key.split(".")[0] in ("checklist", "quiz")}
    data = {"ids": ids, "marks": marks, "titles": titles, "tracks": [
        {"id": track.id, "title": track.title, "steps": [
            {key: step[key] for key in ("kind", "target", "title", "key", "ids")}
            for step in _track_steps(track, context, ids)]} for track in tracks]}
    analysis = [{"id": quiz_id, "title": quiz.title, "questions": [
        {"id": question.id, "prompt": question.prompt, "review": question.review,
         "section": _section_name(question.review, context)} for question in quiz.questions]}
        for quiz_id, quiz in sorted(quizzes.items())]
    template = _templates.get_template("cohort.html")
    return template.render(tracks=tracks, analysis=analysis, company=company, data_json=_json_island(data),
                           **context.helpers())


def _section_name(review: str, context: PageContext) -> str:
    """「页面 › 小节」 for a review link: where the cohort should go back to."""
    path, anchor = links.split(review)
    page = context.page_title(path)
    section = context.section_title(path, anchor) if anchor else None
    return f"{page} › {section}" if section else page


def render_changelog(notable: list[dict[str, str]] | None, recent: list[dict[str, str]], context: PageContext) -> str:
    """更新记录: rows {iso, day, title, href, line}; `notable` None when there is no git history."""
    template = _templates.get_template("changelog.html")
    return template.render(notable=notable, recent=recent, **context.helpers())
