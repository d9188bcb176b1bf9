"""Markdown extension: glossary tooltips (the abbr extension) that work in Chinese text.

Python-Markdown's abbr extension only marks a term between regex word boundaries (\\b). Chinese
characters count as word characters and Chinese has no spaces, so 询盘 in 「回复询盘时」 and FOB in
「按FOB报价」 were never marked: most glossary terms silently had no tooltip. This extension swaps
in a tree processor that:
- refuses a match only when it is glued to Latin letters or digits (FOB in FOBS, MOQ in MOQ2);
- marks the first occurrence of each term per section (from one h1/h2 to the next), not every
  one: a Chinese page repeats its key terms dozens of times, and a dotted underline under each
  would clutter the text;
- leaves headings alone (a tooltip there would also end up in the table of contents);
- puts each `<abbr>` in as raw HTML (a placeholder in the text, restored after serialising, as
  Python-Markdown does with inline HTML) instead of as an element: the ~35 tooltips of a page
  would otherwise be walked by every later tree processor and the serialiser (0.2 s per 1000
  pages). The HTML is written by the serialiser's own escaping, so it is the same byte for byte.

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
from markdown.serializers import _escape_attrib_html, _escape_cdata  # type: ignore[attr-defined]  # private: not in the stubs
from markdown.util import AtomicString

NOT_GLUED_AFTER = r"(?![A-Za-z0-9_])"
GLUE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
ABBR_PRIORITY = 7  # the abbr extension's own (markdown/extensions/abbr.py): run at the same point
SECTION_STARTS = {"h1", "h2"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
Trie = dict[str, "Trie"]  # the terms by character; the key "" says a term ends there


class CjkAbbrTreeprocessor(AbbrTreeprocessor):
    def run(self, root: Element) -> None:
        if not self.abbrs:
            return
        self.RE: re.Pattern[str] = terms_pattern(frozenset(self.abbrs))
        self.marked: set[str] = set()  # terms already marked in the current section
        self.walk(root)

    def walk(self, el: Element) -> None:
        """Mark text in document order: el.text, then each child and the text after it."""
        tag = el.tag
        if tag in SECTION_STARTS:
            self.marked = set()
        if tag in HEADINGS:
            return
        # Most texts hold no term: one search decides whether mark() is needed, and mark() goes on
        # from that match. Code (an AtomicString) is never marked: skip it before searching.
        search = self.RE.search
        text = el.text
        if text and not isinstance(text, AtomicString) and (match := search(text)):
            el.text = self.mark(text, match)
        for child in el:
            if len(child):
                self.walk(child)
            elif child.tag in SECTION_STARTS:
                self.marked = set()
            elif (text := child.text) and child.tag not in HEADINGS and not isinstance(text, AtomicString) \
                    and (match := search(text)):
                # Most children have no children of their own (<td>, <li>, <strong>): what walk()
                # would do with one, without the cost of a call per child.
                child.text = self.mark(text, match)
            tail = child.tail
            if tail and not isinstance(tail, AtomicString) and (match := search(tail)):
                child.tail = self.mark(tail, match)

    def mark(self, text: str, match: re.Match[str] | None) -> str:
        """`text` with each new term replaced by the placeholder of its `<abbr>`, looking from
        `match`, the first match of self.RE in `text`."""
        search, marked, abbrs = self.RE.search, self.marked, self.abbrs
        parts: list[str] = []
        end = 0
        while match:
            term, start = match.group(0), match.start()
            if start and text[start - 1] in GLUE:  # FOB in XFOB: look again from the next character
                match = search(text, start + 1)
                continue
            position = match.end()
            title = abbrs[term]
            if title and term not in marked:
                marked.add(term)
                parts += (text[end:start], self.md.htmlStash.store(tooltip_html(title, term)))
                end = position
            match = search(text, position)
        if not parts:
            return text
        parts.append(text[end:])
        return "".join(parts)


@functools.lru_cache(maxsize=4096)
def tooltip_html(title: str, term: str) -> str:
    """`<abbr title>` as Python-Markdown serialises the abbr extension's element (HTML output;
    the serialiser's escaping functions are private, but the tests compare with it)."""
    return f'<abbr title="{_escape_attrib_html(title)}">{_escape_cdata(term)}</abbr>'


@functools.lru_cache(maxsize=8)
def terms_pattern(terms: frozenset[str]) -> re.Pattern[str]:
    """Any term, longest first (询价单 before 询价), not followed by a Latin letter or digit. The
    check before the term is done in mark(): a lookbehind at the start of the pattern would stop
    the regex engine from skipping quickly to the characters a term can start with (6× slower).

    The terms are written as a trie, 询(?:价(?:单)?|盘), not as 询价单|询价|询盘: where a term can
    start, the engine then tries each first character once instead of every term (20 % faster).
    It finds the same term: the branches of a node start with different characters, so at most
    one fits the text, and each optional (?:…)? tries the longer term first, giving it up only
    if it does not fit or is glued to a letter after it."""
    trie: Trie = {}
    for term in terms:
        node = trie
        for char in term:
            node = node.setdefault(char, {})
        node[""] = {}
    return re.compile(_trie_pattern(trie) + NOT_GLUED_AFTER)


def _trie_pattern(node: Trie) -> str:
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    pattern = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{pattern})?" if "" in node else pattern


class CjkAbbrExtension(Extension):
    """Replaces the abbr extension's tree processor; keeps its definitions (the same dict)."""

    def extendMarkdown(self, md: Markdown) -> None:
        if "abbr" not in md.treeprocessors:
            raise ValueError("macros/cjk_abbr.py needs `abbr` in mkdocs.yml markdown_extensions, before it")
        stock = cast(AbbrTreeprocessor, md.treeprocessors["abbr"])  # the registry is typed by the base class
        md.treeprocessors.register(CjkAbbrTreeprocessor(md, stock.abbrs), "abbr", ABBR_PRIORITY)


def makeExtension(**kwargs: Any) -> CjkAbbrExtension:
    return CjkAbbrExtension(**kwargs)
