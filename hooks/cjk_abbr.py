"""MkDocs hook: the glossary tooltips. Gives the abbr extension the terms of includes/glossary/
as its `glossary` (every page gets them, without appending 100-odd definition lines to each page
for Markdown to parse), and adds the Markdown extension macros/cjk_abbr.py after `abbr`.

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
    from macros.glossary import definitions

    abbr_options = config.mdx_configs.setdefault("abbr", {})
    abbr_options["glossary"] = {**definitions(root), **(abbr_options.get("glossary") or {})}

    # MkDocs types the list as names, but Markdown takes Extension instances too (and MkDocs passes them on)
    config.markdown_extensions.append(CjkAbbrExtension())  # type: ignore[arg-type]
    return config
