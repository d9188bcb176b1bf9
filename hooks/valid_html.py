"""MkDocs hook: three small repairs to Material's markup so every page is valid HTML (Nu checker).

Material writes these outside any template block, so an override would mean forking base.html:
- autocomplete="off" on the drawer and search toggle checkboxes (not allowed on checkboxes);
- tabindex="" on section labels (invalid; -1 keeps them out of the tab order as intended and
  still matches the label[tabindex] selector Material's JavaScript uses);
- <label for="__toc"> on pages that have no __toc toggle (section index pages).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

TOGGLE = re.compile(r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)") autocomplete="off">')
EMPTY_TABINDEX = re.compile(r'(<label class="md-nav__link[^"]*" for="__nav_[0-9_]+" id="__nav_[0-9_]+_label") tabindex="">')
TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def on_post_page(output: str, page: Page | None, config: MkDocsConfig) -> str:
    output = TOGGLE.sub(r"\1>", output)
    output = EMPTY_TABINDEX.sub(r'\1 tabindex="-1">', output)
    if 'id="__toc"' not in output:
        output = output.replace(TOC_LABEL, '<label class="md-nav__title">')
    return output


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """Static templates such as 404.html are not pages: repair them too."""
    return on_post_page(output_content, None, config) if template_name.endswith(".html") else output_content
