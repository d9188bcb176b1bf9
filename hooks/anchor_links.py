"""MkDocs hook: checks the `#anchor` of every data link and page link against the rendered pages.

`define_env` (macros/__init__.py) leaves the links it found under CONFIG_KEY instead of converting
each linked page a second time (see macros/anchors.py). This hook records the ids of each page as
MkDocs renders it and, once all pages are rendered and before any file is written, fails the build
with the same `file:line:` messages as `make check` if an anchor is missing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

# define_env looks for this marker: without this hook it checks anchors itself, before the build.
CHECKS_HANDBOOK_ANCHORS = True
# Same value as macros.anchors.CONFIG_KEY; hooks are loaded by path, not as part of the package.
CONFIG_KEY = "handbook_anchor_links"


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    deferred = config.get(CONFIG_KEY)
    if deferred is not None and deferred.wants(page.file.src_uri):  # most pages are no link's target
        deferred.record(page.file.src_uri, html)
    return html


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    deferred = config.get(CONFIG_KEY)
    message = deferred.report() if deferred is not None else None
    if message:
        raise PluginError(message)
    return env
