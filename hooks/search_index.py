"""MkDocs hook: writes the handbook's search index (search/hb/) after the build.

A thin shim over macros/search_index.py, which reads the built HTML pages. An engine that runs no
hooks (Zensical) gets the same index from one step after its build:
`python -m macros.search_index site/` (from the project folder).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def on_post_build(config: MkDocsConfig) -> None:
    root = os.path.dirname(os.path.abspath(config.config_file_path))
    if root not in sys.path:
        sys.path.insert(0, root)
    from macros.glossary import synonym_groups  # the project's package; hooks are loaded by path
    from macros.page_questions import by_url
    from macros.search_index import write_index

    write_index(config.site_dir, synonym_groups(root), by_url(config.docs_dir))
