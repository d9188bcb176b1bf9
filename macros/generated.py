"""The pages generated from the data, so trainers never have to create them:
- print/<checklist-id>/            one checklist, for new hires to print and sign
- print/packet-<track-id>/         every checklist of a role track, each on a new sheet
- trainers/answer-keys/<quiz-id>/  a quiz with its answers, for trainers (left out of search)

Each page is one macro call naming a validated id, and nothing else: titles and every other
text come from the loaded models, through the same autoescaped templates as the widgets, so no
text a trainer wrote is ever read as Markdown or Jinja. (hooks/generated_pages.py only hands
the list to MkDocs, which has no other way to add pages.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from macros.loader import Handbook
from macros.models import ID_PATTERN

CONFIG_KEY = "handbook_generated_pages"
FRONT_MATTER = """---
search:
  exclude: true
hide: [navigation, toc]
---

"""


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # e.g. print/first-day.md
    markdown: str


def _page(src_uri: str, kind: str, item_id: str) -> GeneratedPage:
    if not re.match(ID_PATTERN, item_id):  # the loader only keeps valid ids; never format anything else
        raise ValueError(f"not an id: {item_id!r}")
    return GeneratedPage(src_uri, f'{FRONT_MATTER}{{{{ generated_page("{kind}", "{item_id}") }}}}\n')


def generated_pages(handbook: Handbook, answer_keys: bool = True) -> list[GeneratedPage]:
    """`answer_keys`: False in an LMS package (tools/lms), which a learner opens to take the exam."""
    pages = [_page(f"print/{item_id}.md", "checklist", item_id) for item_id in sorted(handbook.checklists)]
    if answer_keys:
        pages += [_page(f"trainers/answer-keys/{item_id}.md", "answer-key", item_id) for item_id in sorted(handbook.quizzes)]
    if handbook.tracks:
        pages += [_page(f"print/packet-{track.id}.md", "packet", track.id) for track in handbook.tracks.tracks]
    return pages


@dataclass(frozen=True)
class Heading:
    """A generated page's title (for <title> and the header) and its visible heading."""

    title: str  # the theme inserts page titles unescaped: this one is already escaped
    description: str  # likewise, for <meta name="description">
    heading: Markup


def heading(kind: str, title: str) -> Heading:
    texts = {
        "checklist": (f"{title}（打印版）", f"可打印的清单：{title}。", title),
        "answer-key": (f"{title}：答案", f"供培训师使用的答案与解析：{title}。", f"{title}：答案与解析"),
        "packet": (f"{title}路线：入职清单合集（打印版）", f"{title}路线的全部清单，按顺序排列，每份清单从新的一页开始。",
                   f"{title}路线：入职清单合集"),
    }
    page_title, description, visible = texts[kind]
    return Heading(str(escape(page_title)), str(escape(description)), Markup("<h1>{}</h1>\n").format(visible))


def packet_checklists(handbook: Handbook, track_id: str) -> list[str]:
    """The checklists of a track, in step order, each once."""
    track = next(item for item in handbook.tracks.tracks if item.id == track_id) if handbook.tracks else None
    steps = track.steps if track else []
    return list(dict.fromkeys(step.checklist for step in steps if step.checklist))
