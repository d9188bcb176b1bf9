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
For a page whose ids alone are read, links and images need no parsing (IDS_TRIGGER, `ids_only`).
Headings (toc builds their ids from their inline-rendered text) and tab labels (the same for tab
ids) are parsed unless no inline pattern can match their text (PATTERN_NEEDS), which then comes
out of the inline step unchanged anyway.
This holds only for the inline patterns and tree processors listed below: with any other (an
extension added to mkdocs.yml), the page is parsed in full, as before.
tests/unit/test_lean_inline.py compares ids and findings with a full conversion.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

import markdown
from markdown.extensions.toc import TocTreeprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString, Registry

TRIGGER = re.compile(r"[\[<&{\x02\x03]")
# When only the ids are read (a page the untrusted-HTML rules skip): of what starts with `[`, only
# footnote references give an id.
IDS_TRIGGER = re.compile(r"\[\^|[<&{\x02\x03]")
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
    "em_strong": "*_", "em_strong2": "_", "keys": "+", "keys-custom": "+",  # em_strong: both, since 3.11
}
# Tree processors that may run after inline parsing: each reads only headings and labels (whose text
# is atomic only when unchanged by the inline step), text with a TRIGGER character (attr_list: `{`),
# or adds no id and no flagged attribute (abbr, which skips atomic text, adds <abbr title>).
KNOWN_TREEPROCESSORS = {
    "inline", "blocks_on_inline_end", "footnote-duplicate", "prettify", "attr_list", "abbr", "toc",
    "tab_slugs", "unescape",
}
NAME = "lean_inline"


def _names(registry: Registry[Any]) -> list[str]:
    """The names in run order (a Registry has no public list of them)."""
    list(registry)  # sorts it
    return [item.name for item in registry._priority]  # type: ignore[attr-defined]


def supported(md: markdown.Markdown) -> bool:
    """True when every inline pattern and every tree processor after inline parsing is known."""
    processors = [name for name in _names(md.treeprocessors) if name != NAME]
    if "inline" not in processors:
        return False
    later = processors[processors.index("inline"):]
    return set(later) <= KNOWN_TREEPROCESSORS and set(_names(md.inlinePatterns)) <= PATTERN_NEEDS.keys()


def convert(md: markdown.Markdown, text: str, ids_only: bool = False) -> str:
    """md.convert(text); with `ids_only`, the HTML has every id but not every tag and attribute."""
    processor = md.treeprocessors[NAME] if NAME in md.treeprocessors else None
    if isinstance(processor, _PlainTextAtomic):
        processor.trigger = IDS_TRIGGER if ids_only else TRIGGER
    md.reset()
    return md.convert(text)


def install(md: markdown.Markdown) -> None:
    """Mark plain text atomic just before the inline step, when the extensions allow it."""
    if not supported(md) or NAME in md.treeprocessors:
        return
    needs = "".join(sorted({char for name in _names(md.inlinePatterns) for char in PATTERN_NEEDS[name]}))
    inert = re.compile("[" + re.escape(needs) + "\x02\x03]")
    inline = md.treeprocessors.get_index_for_name("inline")
    priority = md.treeprocessors._priority[inline].priority  # type: ignore[attr-defined]
    # right before inline parsing: every processor that edits text has run (task lists too)
    md.treeprocessors.register(_PlainTextAtomic(md, inert), NAME, priority + 1e-6)
    # Work whose output has no id and no attribute a rule reads: newlines between tags, and the
    # table of contents (its list, the `[TOC]` paragraph it replaces, the ¶ links after headings
    # are all links to headings' ids). Headings still get their ids, which toc sets first.
    if "prettify" in md.treeprocessors:
        md.treeprocessors.deregister("prettify")
    toc = md.treeprocessors["toc"] if "toc" in md.treeprocessors else None
    if isinstance(toc, TocTreeprocessor):
        toc.marker, toc.use_permalinks, toc.toc_top, toc.toc_bottom = "", False, 7, 0


class _PlainTextAtomic(Treeprocessor):
    def __init__(self, md: markdown.Markdown, inert: re.Pattern[str]) -> None:
        super().__init__(md)
        self.inert = inert  # a character some inline pattern needs
        self.trigger = TRIGGER

    def run(self, root: etree.Element) -> None:
        headings = [element for element in root.iter() if element.tag in ALWAYS_PARSED]
        within = {child for heading in headings for child in heading.iter() if child is not heading}
        for element in root.iter():
            if element is root:
                continue  # the inline step reads only the text of the root's descendants
            # an element's text is its own; its tail is part of its parent
            if element.text and self._plain(element.text, element in within or element.tag in ALWAYS_PARSED):
                element.text = AtomicString(element.text)
            if element.tail and self._plain(element.tail, element in within):
                element.tail = AtomicString(element.tail)

    def _plain(self, text: str, parsed: bool) -> bool:
        """Text that inline parsing leaves as it is, or (outside headings and labels) whose inline
        markup can only be bold, italics, code or keys."""
        return not self.inert.search(text) or (not parsed and not self.trigger.search(text))
