"""MkDocs hook: each glossary tooltip (`<abbr title>`) also links to its entry on the 术语表 page.

A `title` tooltip shows only under a mouse pointer: keyboard users cannot focus an `<abbr>`, and a
tap on a phone shows nothing. Material 9.8's `content.tooltips` feature restyles `abbr[title]`
but does not make it focusable either. Wrapped in a link, the term can be reached with Tab and
opened with a tap, and the glossary page (macros/glossary.py, same source lines) explains it. The
links keep the theme's link colour: handbook.css has no room left under the 15 KB page budget.
Terms already inside a link stay as they are: links cannot nest.
"""

from __future__ import annotations

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

# An <a> or <abbr> tag, opening or closing; the abbr extension writes `<abbr title="…">term</abbr>`.
TAG = re.compile(r"<(/?)(a|abbr)\b[^>]*>", re.IGNORECASE)
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
    """`content` with every <abbr> outside a link wrapped in a link to its glossary entry."""
    from macros.term_markup import term_link  # on the import path once on_config has run

    out, position, link_depth, open_abbr = [], 0, 0, None
    for tag in TAG.finditer(content):
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        if name == "a":
            link_depth = max(link_depth + (-1 if closing else 1), 0)
        elif not closing and link_depth == 0:
            open_abbr = tag.start()
        elif closing and open_abbr is not None:
            element = content[open_abbr:tag.end()]
            term = html.unescape(re.sub(r"<[^>]+>", "", element))
            anchor = _anchors.get(term)
            if anchor:
                out.append(content[position:open_abbr])
                out.append(term_link(f"{glossary_url}#{anchor}", element))
                position = tag.end()
            open_abbr = None
    out.append(content[position:])
    return "".join(out)


def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    glossary = files.get_file_from_path("glossary.md")
    if glossary is None or not _anchors or "<abbr" not in content:
        return content
    return link_terms(content, get_relative_url(glossary.url, page.url))
