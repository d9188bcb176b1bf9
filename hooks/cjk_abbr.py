"""MkDocs hook: adds the glossary-tooltip Markdown extension (macros/cjk_abbr.py) after `abbr`.

A hook, not a `markdown_extensions` entry, because MkDocs imports extensions before anything puts
the project folder on the import path (`mkdocs build -f path/mkdocs.yml` from another folder).
"""

from __future__ import annotations

import os
import sys


def on_config(config):
    root = os.path.dirname(os.path.abspath(config.config_file_path))
    if root not in sys.path:
        sys.path.insert(0, root)
    from macros.cjk_abbr import CjkAbbrExtension

    config.markdown_extensions.append(CjkAbbrExtension())
    return config
