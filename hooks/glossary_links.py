"""MkDocs hook: each glossary tooltip (`<abbr title>`) also links to its entry on the 术语表 page.

A `title` tooltip shows only under a mouse pointer: keyboard users cannot focus an `<abbr>`, and a
tap on a phone shows nothing. Material 9.8's `content.tooltips` feature restyles `abbr[title]`
but does not make it focusable either. Wrapped in a link, the term can be reached with Tab and
opened with a tap, and the glossary page (macros/glossary.py, same source lines) explains it. The
links keep the theme's link colour: handbook.css has no room left under the 15 KB page budget.
Terms already inside a link stay as they are: links cannot nest.
"""

from __future__ import annotations

import functools
import html
import os
import re
import sys
from typing import TYPE_CHECKING

from mkdocs.utils import get_relative_url

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

_anchors: dict[str, str] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = os.path.dirname(os.path.abspath(config.config_file_path))
    if root not in sys.path:
        sys.path.insert(0, root)
    from macros.glossary import term_anchors  # the project's package; hooks are loaded by path

    _anchors.clear()
    _anchors.update(term_anchors(root))
    return config


def link_terms(content: str, glossary_url: str) -> str:
    """`content` with every <abbr> outside a link wrapped in a link to its glossary entry. Only
    tooltips as the abbr extension writes them: an <abbr> in raw HTML with other attributes (the
    handbook has none) stays as it is."""
    from macros.term_markup import term_link  # on the import path once on_config has run

    out, position, link_depth = [], 0, 0
    for found in links_or_tooltips().finditer(content):
        closing, text = found.groups()
        if text is None:  # a link's tag
            link_depth = max(link_depth + (-1 if closing else 1), 0)
            continue
        if link_depth:
            continue
        # a text without "&" holds no character reference: html.unescape would return it unchanged
        anchor = _anchors.get(html.unescape(text) if "&" in text else text)
        if anchor:
            out.append(content[position:found.start()])
            out.append(term_link(f"{glossary_url}#{anchor}", found.group()))
            position = found.end()
    out.append(content[position:])
    return "".join(out)


@functools.cache
def links_or_tooltips() -> re.Pattern[str]:
    """A link's tag, opening or closing (group 1: "/" or ""), or a whole tooltip as the abbr
    extension writes it (group 2: the term's escaped text; macros/term_markup.py declares it).
    `<A HREF>` in raw HTML is a link too. One pass over the page, one match per tooltip. Built on
    first use: the hook is loaded before on_config puts the project's package on the path."""
    from macros.term_markup import ABBR

    return re.compile(rf"<(/?)[aA]\b[^>]*>|{ABBR}")


def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    glossary = files.get_file_from_path("glossary.md")
    if glossary is None or not _anchors or "<abbr" not in content:
        return content
    return link_terms(content, get_relative_url(glossary.url, page.url))
