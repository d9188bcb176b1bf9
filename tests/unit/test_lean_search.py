"""hooks/lean_search.py and macros/term_markup.py: the search plugin reads pages without the
tooltips' tags, and the reader's page keeps them."""

from __future__ import annotations

from types import SimpleNamespace

from mkdocs.config import load_config

from macros.term_markup import term_link, without_tooltips

from .support import ROOT, load_hook

lean_search = load_hook("lean_search")

ABBR = '<abbr title="买家的询价，&quot;RFQ&quot; 也算">询盘</abbr>'


def test_a_linked_tooltip_and_a_bare_one_become_their_text():
    page = f'<p>回复{term_link("../glossary/#term-询盘", ABBR)}时，<a href="x/">看{ABBR}</a>，再看{ABBR}</p>'
    assert without_tooltips(page) == '<p>回复询盘时，<a href="x/">看询盘</a>，再看询盘</p>'


def test_other_markup_is_left_as_it_is():
    page = '<p><abbr title="x" class="y">FOB</abbr> <a class="hb-term" href="g/">词</a> <code>&lt;abbr&gt;</code></p>'
    assert without_tooltips(page) == page


class RecordingIndex:
    def __init__(self):
        self.seen = []

    def add_entry_from_context(self, page):
        self.seen.append(page.content)


def test_the_index_sees_the_page_without_tooltips_and_the_page_keeps_them(tmp_path):
    index = RecordingIndex()
    config = SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"),
                             plugins={lean_search.SEARCH_PLUGIN: SimpleNamespace(search_index=index)})
    lean_search.on_pre_build(config)
    lean_search.on_pre_build(config)  # a second call does not wrap it twice
    page = SimpleNamespace(content=f"<p>{term_link('g/#t', ABBR)}</p>")
    index.add_entry_from_context(page)
    assert index.seen == ["<p>询盘</p>"]
    assert page.content == f"<p>{term_link('g/#t', ABBR)}</p>"


def test_a_search_plugin_without_that_method_is_left_alone():
    index = SimpleNamespace()  # e.g. another version of Material: the build is only slower
    config = SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"),
                             plugins={lean_search.SEARCH_PLUGIN: SimpleNamespace(search_index=index)})
    lean_search.on_pre_build(config)
    assert vars(index) == {}


def test_the_hook_finds_the_search_plugin_under_the_name_mkdocs_gives_it():
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert lean_search.SEARCH_PLUGIN in config.plugins
    assert any(path.endswith("hooks/lean_search.py") for path in config.plugins)
