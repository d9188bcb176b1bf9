"""MkDocs hook: the Content-Security-Policy of macros/csp.py on every built page.

Not under `mkdocs serve`: its live-reload script is inline and changes on every reload, and
the preview is never published.
"""

from __future__ import annotations

import os
import sys

_command = "build"


def on_startup(command, dirty):
    global _command
    _command = command


def on_post_build(config):
    if _command == "serve":
        return
    root = os.path.dirname(os.path.abspath(config.config_file_path))
    if root not in sys.path:
        sys.path.insert(0, root)  # hooks are loaded by path; the macros package sits beside them
    from macros import csp

    csp.apply(config.site_dir)
