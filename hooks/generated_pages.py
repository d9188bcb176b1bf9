"""MkDocs hook: adds the printable pages and answer keys listed by macros/generated.py.

`define_env` (macros/__init__.py) leaves the list under CONFIG_KEY once the data is validated;
each page is a macro call naming a validated id. This hook only hands them to MkDocs (a plugin
event is the one way to add pages there); another engine would take the same list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.structure.files import File, Files

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

# Same value as macros.generated.CONFIG_KEY; hooks are loaded by path, not as part of the package.
CONFIG_KEY = "handbook_generated_pages"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for page in config.get(CONFIG_KEY) or []:
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    return files
