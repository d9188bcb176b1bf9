"""术语表: every `*[term]: definition` line of includes/glossary/ has a working anchor on the
glossary page, and the term and definition shown there are the tooltip's."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from helpers import ROOT

GLOSSARY = ROOT / "includes" / "glossary"
DEFINITION = re.compile(r"^\*\[([^\]]+)\]:[ \t]*(.*?)\s*$", re.MULTILINE)


def test_every_glossary_term_has_an_anchor_on_the_glossary_page(site):
    soup = BeautifulSoup((site / "glossary" / "index.html").read_text(encoding="utf-8"), "html.parser")
    entries = {dt.get_text(strip=True): dt for dt in soup.select("article dl dt[id]")}
    definitions = {}
    for path in sorted(GLOSSARY.glob("*.md")):
        for term, text in DEFINITION.findall(path.read_text(encoding="utf-8")):
            definitions.setdefault(term, text)
    assert len(definitions) > 50, "glossary terms not found"
    missing = sorted(set(definitions) - set(entries))
    assert not missing, f"terms without an entry on the glossary page: {missing}"
    ids = [element["id"] for element in soup.select("[id]")]
    duplicates = sorted({anchor for anchor in ids if ids.count(anchor) > 1})
    assert not duplicates, f"anchors used twice: {duplicates}"
    for term, text in definitions.items():
        dd = entries[term].find_next_sibling("dd")
        assert dd is not None and dd.get_text(strip=True) == text, f"{term}: definition differs from the tooltip"


def test_tooltips_are_links_to_their_glossary_entry(site):
    """Keyboard and touch users reach a term's explanation: each tooltip is (inside) a link."""
    glossary = BeautifulSoup((site / "glossary" / "index.html").read_text(encoding="utf-8"), "html.parser")
    entries = {dt["id"] for dt in glossary.select("article dt[id]")}
    problems, linked = [], 0
    for path in sorted(site.rglob("index.html")):
        article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("article")
        for abbr in article.find_all("abbr") if article else []:
            link = abbr.find_parent("a")
            name = f"{path.relative_to(site).as_posix()}: {abbr.get_text()}"
            if link is None:
                problems.append(f"{name}: tooltip is not a link")
            elif "hb-term" in (link.get("class") or []):
                linked += 1
                target, _, anchor = link["href"].partition("#")
                if (path.parent / target).resolve() != (site / "glossary").resolve() or anchor not in entries:
                    problems.append(f"{name}: links to {link['href']}, not to its glossary entry")
    assert linked > 100, "hardly any tooltip links found"
    assert not problems, "\n".join(problems[:30])
