"""MkDocs hook: Material's search plugin indexes each page without the glossary tooltips' tags.

A page carries some 35 tooltips, each `<a class="hb-term"><abbr title="…">term</abbr></a>`
(macros/cjk_abbr.py, hooks/glossary_links.py). The search index keeps only their text, but the
plugin feeds every page to Python's HTMLParser, which spends 0.3–0.4 s per 1000 pages on those
tags alone (dev/benchmarks.md). Handed the page with each tooltip replaced by its text, the plugin
writes the same index (tests/built/test_search_index.py), and the reader's page keeps them.

Only a build-speed shim around Material's plugin: with another engine's search, drop this file.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

SEARCH_PLUGIN = "material/search"


def on_pre_build(config: MkDocsConfig) -> None:
    """After every plugin's on_config, where the search plugin makes a new index for this build."""
    root = os.path.dirname(os.path.abspath(config.config_file_path))
    if root not in sys.path:
        sys.path.insert(0, root)
    from macros.term_markup import without_tooltips  # the project's package; hooks are loaded by path

    index = getattr(config.plugins.get(SEARCH_PLUGIN), "search_index", None)
    add_entry = getattr(index, "add_entry_from_context", None)
    if index is None or add_entry is None or getattr(add_entry, "lean", False):
        return  # search switched off, another version of the plugin (only slower then), or already wrapped
    index.add_entry_from_context = indexing_without_tooltips(add_entry, without_tooltips)


def indexing_without_tooltips(add_entry: Callable[[Page], Any], strip: Callable[[str], str]) -> Callable[[Page], Any]:
    @functools.wraps(add_entry)
    def add_entry_from_context(page: Page) -> Any:
        content = page.content
        page.content = strip(content) if content else content
        try:
            return add_entry(page)
        finally:
            page.content = content  # the page itself keeps its tooltips

    add_entry_from_context.lean = True  # type: ignore[attr-defined]
    return add_entry_from_context
