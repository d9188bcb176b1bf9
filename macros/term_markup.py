"""The HTML of a glossary tooltip, declared once.

macros/cjk_abbr.py marks a term as the abbr extension does, `<abbr title="definition">term</abbr>`
(`ABBR`); hooks/glossary_links.py finds those with `ABBR` and wraps them in `term_link()`.
hooks/lean_search.py and the benchmark's content comparison take both off again with
`without_tooltips()`, which must match exactly what those two write: the pattern is built here,
next to the writer, from the same class name.
"""

from __future__ import annotations

import html
import re

TERM_LINK_CLASS = "hb-term"
# The abbr extension writes only a title, escaped, around a term's escaped text (no inner tags);
# the one group is that text. hooks/glossary_links.py finds the tooltips to link with it too.
ABBR = r'<abbr title="[^"]*">([^<]*)</abbr>'
TOOLTIP = re.compile(f'<a class="{TERM_LINK_CLASS}" href="[^"]*">{ABBR}</a>|{ABBR}')


def term_link(href: str, abbr_html: str) -> str:
    """The link to a term's glossary entry around its `<abbr>`."""
    return f'<a class="{TERM_LINK_CLASS}" href="{html.escape(href)}">{abbr_html}</a>'


def without_tooltips(page_html: str) -> str:
    """`page_html` with each tooltip (and its link) replaced by the term's own text."""
    if "<abbr" not in page_html:
        return page_html
    return TOOLTIP.sub(r"\1\2", page_html)
