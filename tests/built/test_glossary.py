"""The search dictionary knows every glossary term, so jieba keeps each one as a single word."""

from __future__ import annotations

import re

from helpers import ROOT

GLOSSARY = ROOT / "includes" / "glossary"
DICTIONARY = GLOSSARY / "jieba-user-dict.txt"


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
