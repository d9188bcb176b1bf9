"""Parse inline Markdown only in text that can change what `make check` reads from a page's HTML.

`make check` reads two things from a converted page: its ids (links.anchors_of) and the tags and
attributes the untrusted-HTML rules look at (page_safety). Inline parsing is most of a conversion,
yet most text is plain prose whose only inline markup is bold, italics, code or keys: elements with
no id and no attribute a rule reads. So before the inline step, text that cannot hold anything else
is marked atomic (Python-Markdown's own "do not parse" string) and stays escaped text.

What can give an id or a flagged attribute, and the character it cannot do without:
- links, images, references, footnote references, task-list boxes: `[`;
- raw inline HTML, autolinks, escapes of them: `<`; entities: `&`;
- attr_list's `{ #id onclick=… }` after an element or at the end of a block: `{`;
- text the preprocessors stashed (raw HTML blocks, code blocks): their placeholders' \\x02 / \\x03.
Headings (toc builds their ids from their inline-rendered text) and tab labels (the same for tab
ids) are always parsed in full.
This holds only for the inline patterns and tree processors listed below: with any other (an
extension added to mkdocs.yml), the page is parsed in full, as before.
tests/unit/test_lean_inline.py compares ids and findings with a full conversion.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

TRIGGER = re.compile(r"[\[<&{\x02\x03]")
# Elements whose inline-rendered text becomes an id (toc: headings; pymdownx.tabbed: labels).
ALWAYS_PARSED = {"h1", "h2", "h3", "h4", "h5", "h6", "label"}
# Every inline pattern this module knows (Python-Markdown's own, footnotes, pymdownx.keys), with the
# characters it cannot match without. Each one's elements either need a TRIGGER character or carry
# no id and no attribute a rule reads. Text with none of these characters comes out of the inline
# step unchanged, so it is atomic even in a heading.
PATTERN_NEEDS = {
    "backtick": "`", "escape": "\\", "footnote": "[", "reference": "[", "link": "[", "image_link": "[",
    "image_reference": "[", "short_reference": "[", "short_image_ref": "[", "autolink": "<",
    "automail": "<", "html": "<", "entity": "&", "linebreak": "\n", "not_strong": "*_",
    "em_strong": "*", "em_strong2": "_", "keys": "+", "keys-custom": "+",
}
# Tree processors that may run after inline parsing: each reads only headings and labels (whose text
# is atomic only when unchanged by the inline step), text with a TRIGGER character (attr_list: `{`),
# or adds no id and no flagged attribute (abbr, which skips atomic text, adds <abbr title>).
KNOWN_TREEPROCESSORS = {
    "inline", "blocks_on_inline_end", "footnote-duplicate", "prettify", "attr_list", "abbr", "toc",
    "tab_slugs", "unescape",
}
NAME = "lean_inline"


def supported(md: markdown.Markdown) -> bool:
    """True when every inline pattern and every tree processor after inline parsing is known."""
    inline = md.treeprocessors.get_index_for_name("inline") if "inline" in md.treeprocessors else None
    if inline is None:
        return False
    later = [item.name for item in md.treeprocessors._priority[inline:] if item.name != NAME]
    patterns = [item.name for item in md.inlinePatterns._priority]
    return set(later) <= KNOWN_TREEPROCESSORS and set(patterns) <= PATTERN_NEEDS.keys()


def install(md: markdown.Markdown) -> None:
    """Mark plain text atomic just before the inline step, when the extensions allow it."""
    if supported(md) and NAME not in md.treeprocessors:
        inline = md.treeprocessors._priority[md.treeprocessors.get_index_for_name("inline")].priority
        # right before inline parsing: every processor that edits text has run (task lists too)
        md.treeprocessors.register(_PlainTextAtomic(md), NAME, inline + 1e-6)
        # Work whose output has no id and no attribute a rule reads: newlines between tags, and
        # the table of contents put in place of a `[TOC]` paragraph (links to the headings' ids).
        if "prettify" in md.treeprocessors:
            md.treeprocessors.deregister("prettify")
        if "toc" in md.treeprocessors:
            md.treeprocessors["toc"].marker = ""


class _PlainTextAtomic(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        needs = "".join(PATTERN_NEEDS[item.name] for item in self.md.inlinePatterns._priority)
        self.inert = re.compile("[" + re.escape("".join(sorted(set(needs)))) + "\x02\x03]")
        self._mark(root, parsed=False)

    def _plain(self, text: str, parsed: bool) -> bool:
        """Text that inline parsing leaves as it is, or (outside headings and labels) whose inline
        markup can only be bold, italics, code or keys."""
        return not self.inert.search(text) or (not parsed and not TRIGGER.search(text))

    def _mark(self, element: etree.Element, parsed: bool) -> None:
        for child in element:
            inside = parsed or child.tag in ALWAYS_PARSED
            if child.text and self._plain(child.text, inside):
                child.text = AtomicString(child.text)
            if child.tail and self._plain(child.tail, parsed):
                child.tail = AtomicString(child.tail)
            self._mark(child, inside)
