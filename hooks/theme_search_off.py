"""MkDocs hook: Material's search plugin indexes no page.

Readers search with the handbook's own index (hooks/search_index.py, dev/search.md); the theme's
plugin stays listed only because the theme shows the header's search slot while it is. Its
index is never downloaded, so every page carries the theme's documented front-matter switch
`search: exclude: true`, and the plugin skips the page (no HTML parsing, no jieba segmentation:
the largest cost of a build after Markdown, dev/benchmarks.md). Drop this file with the plugin.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    search = page.meta.get("search")
    page.meta["search"] = {**(search if isinstance(search, dict) else {}), "exclude": True}
    return markdown
