"""MkDocs hook: three small repairs to Material's markup so every page is valid HTML (Nu checker).

Material writes these outside any template block, so an override would mean forking base.html:
- autocomplete="off" on the drawer and search toggle checkboxes (not allowed on checkboxes);
- tabindex="" on section labels (invalid; -1 keeps them out of the tab order as intended and
  still matches the label[tabindex] selector Material's JavaScript uses);
- <label for="__toc"> on pages that have no __toc toggle (section index pages).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

# Plain text replacements, not regular expressions: a page carries the whole navigation, and
# str.replace goes through it several times faster.
TOGGLES = [f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}" autocomplete="off">'
           for name in ("drawer", "search")]
EMPTY_TABINDEX = '_label" tabindex="">'  # the end of <label class="md-nav__link" for="__nav_2" id="__nav_2_label" …>
TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def on_post_page(output: str, page: Page | None, config: MkDocsConfig) -> str:
    for toggle in TOGGLES:  # once, at the top of <body>: count=1 stops the search there
        output = output.replace(toggle, toggle.replace(' autocomplete="off">', ">"), 1)
    output = output.replace(EMPTY_TABINDEX, '_label" tabindex="-1">')
    if 'id="__toc"' not in output:
        output = output.replace(TOC_LABEL, '<label class="md-nav__title">')
    return output


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """Static templates such as 404.html are not pages: repair them too."""
    return on_post_page(output_content, None, config) if template_name.endswith(".html") else output_content
