"""Markdown extension: glossary tooltips (the abbr extension) that work in Chinese text.

Python-Markdown's abbr extension only marks a term between regex word boundaries (\\b). Chinese
characters count as word characters and Chinese has no spaces, so 询盘 in 「回复询盘时」 and FOB in
「按FOB报价」 were never marked: most glossary terms silently had no tooltip. This extension swaps
in a tree processor that:
- refuses a match only when it is glued to Latin letters or digits (FOB in FOBS, MOQ in MOQ2);
- marks the first occurrence of each term per section (from one h1/h2 to the next), not every
  one: a Chinese page repeats its key terms dozens of times, and a dotted underline under each
  would clutter the text;
- leaves headings alone (a tooltip there would also end up in the table of contents).

Any engine that runs Python-Markdown extensions can list it after `abbr` (`macros.cjk_abbr`);
under MkDocs, hooks/cjk_abbr.py adds it, since a hook can import it whatever the working folder.
"""

from __future__ import annotations

import functools
import re
from typing import Any, cast
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown.util import AtomicString

NOT_GLUED_AFTER = r"(?![A-Za-z0-9_])"
GLUE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
ABBR_PRIORITY = 7  # the abbr extension's own (markdown/extensions/abbr.py): run at the same point
SECTION_STARTS = {"h1", "h2"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class CjkAbbrTreeprocessor(AbbrTreeprocessor):
    def run(self, root: Element) -> None:
        if not self.abbrs:
            return
        self.RE: re.Pattern[str] = terms_pattern(frozenset(self.abbrs))
        self.marked: set[str] = set()  # terms already marked in the current section
        self.walk(root)

    def walk(self, el: Element) -> None:
        """Mark text in document order: el.text, then each child and the text after it."""
        if el.tag in SECTION_STARTS:
            self.marked = set()
        if el.tag in HEADINGS:
            return
        children = list(el)  # before any <abbr> goes in: their text has been looked at already
        inserted = 0  # <abbr> elements put into `el` so far: they shift the children's positions
        search = self.RE.search  # most texts hold no term: look before calling mark()
        if el.text and search(el.text):
            el.text, found = self.mark(el.text)
            for position, abbr in enumerate(found):
                el.insert(position, abbr)
            inserted = len(found)
        for index, child in enumerate(children, start=1):
            if len(child) or child.text:
                self.walk(child)
            elif child.tag in SECTION_STARTS:
                self.marked = set()
            if child.tail and search(child.tail):
                child.tail, found = self.mark(child.tail)
                for offset, abbr in enumerate(found):
                    el.insert(index + inserted + offset, abbr)
                inserted += len(found)

    def mark(self, text: str) -> tuple[str, list[Element]]:
        """(text before the first new term, [<abbr> elements, each carrying the text after it])."""
        if isinstance(text, AtomicString):
            return text, []
        head, end, position = text, 0, 0
        found: list[Element] = []
        while match := self.RE.search(text, position):
            term, start = match.group(0), match.start()
            if start and text[start - 1] in GLUE:  # FOB in XFOB: look again from the next character
                position = start + 1
                continue
            position = match.end()
            if term in self.marked or not self.abbrs[term]:
                continue
            self.marked.add(term)
            if found:
                found[-1].tail = text[end:match.start()]
            else:
                head = text[:match.start()]
            found.append(self.create_element(self.abbrs[term], term, ""))
            end = match.end()
        if found:
            found[-1].tail = text[end:]
        return head, found


@functools.lru_cache(maxsize=8)
def terms_pattern(terms: frozenset[str]) -> re.Pattern[str]:
    """Any term, longest first (询价单 before 询价), not followed by a Latin letter or digit. The
    check before the term is done in mark(): a lookbehind at the start of the pattern would stop
    the regex engine from skipping quickly to the characters a term can start with (6× slower)."""
    ordered = sorted(terms, key=lambda term: (-len(term), term))
    return re.compile("(?:" + "|".join(map(re.escape, ordered)) + ")" + NOT_GLUED_AFTER)


class CjkAbbrExtension(Extension):
    """Replaces the abbr extension's tree processor; keeps its definitions (the same dict)."""

    def extendMarkdown(self, md: Markdown) -> None:
        if "abbr" not in md.treeprocessors:
            raise ValueError("macros/cjk_abbr.py needs `abbr` in mkdocs.yml markdown_extensions, before it")
        stock = cast(AbbrTreeprocessor, md.treeprocessors["abbr"])  # the registry is typed by the base class
        md.treeprocessors.register(CjkAbbrTreeprocessor(md, stock.abbrs), "abbr", ABBR_PRIORITY)


def makeExtension(**kwargs: Any) -> CjkAbbrExtension:
    return CjkAbbrExtension(**kwargs)
