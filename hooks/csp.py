"""MkDocs hook: the Content-Security-Policy of macros/csp.py on every built page.

Not under `mkdocs serve`: its live-reload script is inline and changes on every reload, and
the preview is never published.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

_command = "build"


def on_startup(command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    global _command
    _command = command


def on_post_build(config: MkDocsConfig) -> None:
    if _command == "serve":
        return
    root = os.path.dirname(os.path.abspath(config.config_file_path))
    if root not in sys.path:
        sys.path.insert(0, root)  # hooks are loaded by path; the macros package sits beside them
    from macros import csp

    csp.apply(config.site_dir)
