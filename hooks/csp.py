"""MkDocs hook: the Content-Security-Policy of macros/csp.py on every built page, added as each
page is written (the last hook, after hooks/valid_html.py), then completed after the build.

Not under `mkdocs serve`: its live-reload script is inline and changes on every reload, and
the preview is never published.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

_command = "build"


def on_startup(command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    global _command
    _command = command


_writer = None  # macros.csp.PolicyWriter of the current build


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _writer
    if _command != "serve":
        root = os.path.dirname(os.path.abspath(config.config_file_path))
        if root not in sys.path:
            sys.path.insert(0, root)  # hooks are loaded by path; the macros package sits beside them
        from macros.csp import PolicyWriter

        _writer = PolicyWriter()
        # The theme's first inline script names the site's root as a path relative to the page
        # ("..", "../.." …): a different script, and hash, per folder depth, and 404.html, built
        # last, has its own, so every page would be rewritten after the build. Its absolute path
        # gives the same storage keys and one script for all pages.
        if config.site_url and "scope" not in config.extra:
            config.extra["scope"] = urlsplit(config.site_url).path or "/"
    return config


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _writer.page(output, page.file.dest_path) if _writer else output


def on_post_build(config: MkDocsConfig) -> None:
    if _writer:
        _writer.finish(config.site_dir)
