"""hooks/glossary_links.py and macros/glossary.py: tooltips link to their glossary entry."""

from __future__ import annotations

from macros.glossary import read_sections, term_id

from .support import ROOT, load_hook

glossary_links = load_hook("glossary_links")


def setup_module():
    glossary_links._anchors.clear()
    glossary_links._anchors.update({"询盘": term_id("询盘"), "FOB": term_id("FOB"), "R&D": term_id("R&D")})


def test_a_term_outside_a_link_becomes_a_link_to_its_entry():
    html = '<p>回复<abbr title="买家的询价">询盘</abbr>时按<abbr title="船上交货">FOB</abbr>报价</p>'
    assert glossary_links.link_terms(html, "../glossary/") == (
        '<p>回复<a class="hb-term" href="../glossary/#term-询盘"><abbr title="买家的询价">询盘</abbr></a>'
        '时按<a class="hb-term" href="../glossary/#term-fob"><abbr title="船上交货">FOB</abbr></a>报价</p>')


def test_a_term_inside_a_link_is_left_alone_because_links_cannot_nest():
    html = '<p><a href="x/">看<abbr title="买家的询价">询盘</abbr></a>，再看<abbr title="买家的询价">询盘</abbr></p>'
    result = glossary_links.link_terms(html, "g/")
    assert result.count('class="hb-term"') == 1
    assert result.startswith('<p><a href="x/">看<abbr title="买家的询价">询盘</abbr></a>，再看<a class="hb-term"')


def test_a_raw_uppercase_link_counts_as_a_link():
    html = '<p><A HREF="x/">看<abbr title="买家的询价">询盘</abbr></A>，再看<abbr title="买家的询价">询盘</abbr></p>'
    result = glossary_links.link_terms(html, "g/")
    assert result.count('class="hb-term"') == 1
    assert result.startswith('<p><A HREF="x/">看<abbr title="买家的询价">询盘</abbr></A>，再看<a class="hb-term"')


def test_a_term_with_an_escaped_character_is_found_by_its_text():
    """The abbr extension escapes the term's text: R&D is written R&amp;D."""
    html = '<p><abbr title="研发">R&amp;D</abbr></p>'
    assert glossary_links.link_terms(html, "g/") == (
        f'<p><a class="hb-term" href="g/#{term_id("R&D")}"><abbr title="研发">R&amp;D</abbr></a></p>')


def test_an_unknown_term_is_left_alone():
    html = '<p><abbr title="?">未知</abbr></p>'
    assert glossary_links.link_terms(html, "g/") == html


def test_every_glossary_file_line_is_read_once():
    sections = read_sections(str(ROOT))
    terms = [term.term for section in sections for term in section.terms]
    assert len(terms) == len(set(terms)) > 50
    assert [section.key for section in sections][:2] == ["onboarding", "trade-email"]
