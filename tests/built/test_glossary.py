"""Glossary terms: the search dictionary knows each one (jieba keeps it as a single word), and
every page shows a tooltip for each term its text uses (hooks/cjk_abbr.py)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from helpers import ROOT

GLOSSARY = ROOT / "includes" / "glossary"
DICTIONARY = GLOSSARY / "jieba-user-dict.txt"


# Not glossary text: widgets (rendered from data, not Markdown), the glossary page's own list, code,
# headings, existing tooltips.
# .hb-changelog quotes commit messages (更新记录), as a widget quotes its data
NOT_PROSE = "[data-hb-widget], .hb-glossary, .hb-changelog, pre, code, h1, h2, h3, h4, h5, h6, script, abbr"


def glossary_terms() -> set[str]:
    terms = set()
    for path in GLOSSARY.glob("*.md"):
        terms |= set(re.findall(r"^\*\[([^\]]+)\]:", path.read_text(encoding="utf-8"), re.MULTILINE))
    return terms


def dictionary_words() -> set[str]:
    return {line.split()[0] for line in DICTIONARY.read_text(encoding="utf-8").splitlines() if line.strip()}


def test_every_glossary_term_is_in_the_search_dictionary():
    assert glossary_terms(), "no glossary terms found: the glossary files moved?"
    missing = sorted(term for term in glossary_terms() - dictionary_words() if " " not in term)
    assert missing == [], f"add these to {DICTIONARY.name} (one per line: 词 1000 n): {missing}"


def test_dictionary_has_at_least_fifty_trade_words():
    assert len(dictionary_words()) >= 50


def test_dictionary_lines_are_well_formed():
    for number, line in enumerate(DICTIONARY.read_text(encoding="utf-8").splitlines(), start=1):
        assert re.fullmatch(r"\S+ \d+ [a-z]+", line), f"line {number}: {line!r} (want: 词 频率 词性)"


def test_every_term_a_page_uses_has_a_tooltip_there(site):
    """Also inside Chinese sentences, where the stock abbr extension finds no word boundary."""
    terms = sorted(glossary_terms(), key=len, reverse=True)  # longest first, as the hook does
    uses = re.compile(r"(?<![A-Za-z0-9_])(?:" + "|".join(map(re.escape, terms)) + r")(?![A-Za-z0-9_])")
    missing, checked = {}, 0
    for page in sorted(site.rglob("index.html")):
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("article")
        if article is None:
            continue
        shown = {abbr.get_text() for abbr in article.find_all("abbr")}
        for element in article.select(NOT_PROSE):
            element.decompose()
        used = set(uses.findall(article.get_text()))
        checked += len(used)
        if used - shown:
            missing[page.relative_to(site).as_posix()] = sorted(used - shown)
    assert checked > 100, "hardly any glossary term found in the pages: is the check looking at the text?"
    assert missing == {}, f"terms without a tooltip on the page that uses them: {missing}"
