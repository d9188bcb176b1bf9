"""术语表: the glossary page, from the same `*[term]: definition` lines that give the tooltips.

includes/glossary/<section>.md holds the lines; `definitions()` hands them to the abbr extension
as its glossary for every page (hooks/cjk_abbr.py), which turns them into tooltips. This module
reads the same lines for the glossary page, so the
glossary page can never disagree with the tooltips, and gives every term a stable anchor
(`term_id`) that hooks/glossary_links.py links the tooltips to.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from pymdownx.slugs import slugify

SOURCE_DIR = os.path.join("includes", "glossary")
PAGE = "glossary.md"  # docs path of the glossary page
# Section titles in the order of the handbook's navigation; other files follow by name.
SECTION_TITLES = {
    "onboarding": "新员工入职",
    "trade-email": "外贸函电",
    "listing": "产品发布与询盘转化",
    "call-center": "呼叫中心",
    "trainers": "培训师指南",
}
DEFINITION = re.compile(r"^\*\[(?P<term>[^\]]+)\]:[ \t]*(?P<text>.*?)\s*$")
_slug: Callable[[str, str], str] = slugify(case="lower")  # (text, separator) -> slug
_templates = Environment(loader=PackageLoader("macros", "templates"), autoescape=select_autoescape(["html"]),
                         undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    anchor: str


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    terms: tuple[Term, ...]

    @property
    def anchor(self) -> str:
        return f"glossary-{self.key}"


def term_id(term: str) -> str:
    """The term's anchor on the glossary page: `term-询盘`, `term-fob`."""
    return "term-" + _slug(term, "-")


def read_sections(root: str) -> list[Section]:
    """Every glossary file's terms in file order; a term defined twice is listed where it comes first."""
    folder = os.path.join(root, SOURCE_DIR)
    keys = sorted((name[:-3] for name in os.listdir(folder) if name.endswith(".md")),
                  key=lambda key: (list(SECTION_TITLES).index(key) if key in SECTION_TITLES else len(SECTION_TITLES), key))
    seen: set[str] = set()
    sections = []
    for key in keys:
        with open(os.path.join(folder, key + ".md"), encoding="utf-8") as handle:
            terms = []
            for line in handle:
                match = DEFINITION.match(line)
                if match and term_id(match["term"]) not in seen:
                    seen.add(term_id(match["term"]))
                    terms.append(Term(match["term"], match["text"], term_id(match["term"])))
        sections.append(Section(key, SECTION_TITLES.get(key, key), tuple(terms)))
    return sections


def definitions(root: str) -> dict[str, str]:
    """term -> definition, for the abbr extension's `glossary` option (the tooltips on every page)."""
    return {term.term: term.definition for section in read_sections(root) for term in section.terms}


def term_anchors(root: str) -> dict[str, str]:
    """term -> anchor, for linking tooltips to the glossary page."""
    return {term.term: term.anchor for section in read_sections(root) for term in section.terms}


def render_glossary(root: str) -> str:
    return _templates.get_template("glossary.html").render(sections=read_sections(root))


SYNONYMS = "synonyms.txt"  # in SOURCE_DIR: the search's only list of words that mean the same
# Words are separated by 、 (or a comma or semicolon); a space belongs to the word: `follow up`,
# `certificate of origin` and `HS 编码` are one word each, not two or three.
_SYNONYM_SPLIT = re.compile(r"[、，,；;：:=\t]+")
_SPACES = re.compile(r"\s+")


def synonym_groups(root: str) -> list[list[str]]:
    """Groups of words a reader may type for the same thing (includes/glossary/synonyms.txt):
    one group a line, words separated by 、 (a space is part of a word: `follow up`), `#` starts a comment. The search
    (macros/search_index.py, docs/assets/hb-search.js) looks for every word of a group when a
    query holds one of them. A line with one word is no group and is left out."""
    path = os.path.join(root, SOURCE_DIR, SYNONYMS)
    if not os.path.exists(path):
        return []
    groups = []
    with open(path, encoding="utf-8-sig") as handle:
        for line in handle:
            words = [_SPACES.sub(" ", word).strip() for word in _SYNONYM_SPLIT.split(line.split("#", 1)[0])]
            words = [word for word in words if word]
            if len(words) > 1:
                groups.append(list(dict.fromkeys(words)))
    return groups
