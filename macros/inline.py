"""Inline Markdown in trainer text (bold, italic, code, links) to safe HTML.

Python-Markdown renders the inline syntax with its raw-HTML and entity handling removed, so
`<script>` in a data file is escaped like any other text and never runs, and `<b>` inside a
`code span` is shown as written (escaping the text before Markdown showed it as `&lt;b&gt;`). Links written docs-relative
(`onboarding/company.md#leave`) become hrefs relative to the page being rendered.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable

import markdown
from markupsafe import Markup

HREF = re.compile(r'href="([^"]*)"')
_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.DOTALL)


def _text_only_markdown() -> markdown.Markdown:
    converter = markdown.Markdown(extensions=[])
    converter.preprocessors.deregister("html_block")  # <div>…</div> blocks
    converter.inlinePatterns.deregister("html")  # <b>, <script>, <!-- -->
    converter.inlinePatterns.deregister("entity")  # &lt; is shown as written
    return converter


_converter = _text_only_markdown()


def hrefs_in(rendered: str) -> list[str]:
    """Link targets of inline Markdown rendered by `inline_html` (inline and reference-style)."""
    return [html.unescape(target) for target in HREF.findall(rendered)]


# Text that Markdown would give back as it is: no character of inline syntax, escaping or line
# structure anywhere, nor one that could start a heading, list or quote. Most trainer texts (19 in
# 20 in data/) are like this and skip the converter, about 0.2 ms each.
PLAIN_TEXT = re.compile(r"[^\s0-9#>+=|~`*_\[\]!<&\\-][^\x00-\x1f\x7f`*_\[\]!<>&\\]*")


@functools.lru_cache(maxsize=4096)
def inline_html(text: str) -> str:
    """Markdown of one text; cached, since a checklist or quiz is rendered on several pages (its
    own, the print page, packets, the answer key). Hrefs are resolved per page afterwards."""
    if PLAIN_TEXT.fullmatch(text) and not text.endswith(" "):
        return text
    return converted(text)


def converted(text: str) -> str:
    _converter.reset()
    rendered = _converter.convert(text)
    match = _PARAGRAPH.match(rendered.strip())
    return match.group(1) if match else rendered


def render_inline(text: str | None, resolve: Callable[[str], str]) -> Markup:
    if not text:
        return Markup("")
    rendered = inline_html(text)
    rendered = HREF.sub(lambda found: f'href="{html.escape(resolve(html.unescape(found.group(1))))}"', rendered)
    return Markup(rendered)


def plain(text: str | None) -> str:
    """Text without Markdown syntax, for calendars, aria labels and JSON."""
    if not text:
        return ""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"(\*\*|__|\*|`)", "", text)
