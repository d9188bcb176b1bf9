"""MkDocs hook: adds the glossary-tooltip Markdown extension (macros/cjk_abbr.py) after `abbr`.

A hook, not a `markdown_extensions` entry, because MkDocs imports extensions before anything puts
the project folder on the import path (`mkdocs build -f path/mkdocs.yml` from another folder).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = os.path.dirname(os.path.abspath(config.config_file_path))
    if root not in sys.path:
        sys.path.insert(0, root)
    from macros.cjk_abbr import CjkAbbrExtension

    # MkDocs types the list as names, but Markdown takes Extension instances too (and MkDocs passes them on)
    config.markdown_extensions.append(CjkAbbrExtension())  # type: ignore[arg-type]
    return config
