"""Facts that recur across pages are declared once, in a snippet under includes/facts/, and no page
or data file restates them differently (issue #32): the probation rule, the identity check, the
rule that upgrades a complaint when the customer chases it."""

from __future__ import annotations

import re

import pytest

from . import support

ROOT = support.ROOT
FACTS = ROOT / "includes" / "facts"
# Wordings of the old, contradictory rules: a page that still says one of them contradicts a snippet.
RETIRED = {
    "延长试用期": "facts/probation.md: one probation period only (劳动合同法 第十九条)",
    "直到通过": "facts/probation.md: what follows a failed assessment is HR's decision",
    "第三次来电": "facts/repeat-contact.md: the one rule that upgrades a complaint",
    "公司名称和邮箱": "facts/identity-check.md: order number plus company name OR email",
}
# A page that names the fact must show the snippet, or link to a page section that shows it.
USES = {
    "facts/identity-check.md": (re.compile(r"核实身份|核对身份|确认身份"), ("scripts.md#identity-check",)),
    "facts/probation.md": (re.compile(r"试用期满考核|试用期考核"), ("training-path.md#assessment", "evaluation.md#probation")),
    "facts/repeat-contact.md": (re.compile(r"重复来电规则|按二级处理|升为二级"), ("escalation.md#repeat-contact",)),
}


def texts(*patterns: str) -> dict[str, str]:
    return {str(path.relative_to(ROOT)): path.read_text(encoding="utf-8")
            for pattern in patterns for path in sorted(ROOT.glob(pattern))}


def includes(text: str, snippet: str) -> bool:
    return re.search(r'^--8<-- "' + re.escape(snippet) + '"$', text, re.MULTILINE) is not None


def test_every_fact_is_a_snippet_that_pages_use():
    pages = texts("docs/**/*.md")
    declared = sorted(str(path.relative_to(FACTS.parent)) for path in FACTS.glob("*.md"))
    assert declared == sorted(USES)
    for snippet in declared:
        users = [name for name, text in pages.items() if includes(text, snippet)]
        assert users, f"{snippet} is declared but no page shows it"


@pytest.mark.parametrize("snippet", sorted(USES))
def test_snippets_hold_no_template_code_and_no_headings(snippet):
    """Snippets are inserted after the macros plugin ran: `{{ … }}` would reach readers as text, and a
    heading's anchor would be invisible to `make check`, which does not expand snippets."""
    text = (FACTS.parent / snippet).read_text(encoding="utf-8")
    assert "{{" not in text and "{%" not in text
    assert not re.search(r"^#", text, re.MULTILINE)


@pytest.mark.parametrize("wording", sorted(RETIRED))
def test_no_page_restates_a_retired_rule(wording):
    found = [name for name, text in texts("docs/**/*.md", "data/**/*.yml", "includes/**/*.md").items() if wording in text]
    assert found == [], f"{found} still say {wording!r}; the rule now lives in {RETIRED[wording]}"


@pytest.mark.parametrize("snippet", sorted(USES))
def test_pages_naming_a_fact_show_it_or_link_to_it(snippet):
    naming, sections = USES[snippet]
    offenders = [name for name, text in texts("docs/**/*.md", "data/checklists/*.yml").items()
                 if naming.search(text) and not includes(text, snippet) and not any(link in text for link in sections)]
    assert offenders == [], f"show --8<-- \"{snippet}\" or link to one of {sections}"


def test_the_check_finds_a_restated_rule():
    """The retired wordings are what the old pages said: the scan would have found them."""
    old = "通过即转正；未通过则延长试用期并个别辅导，直到通过"
    assert [wording for wording in RETIRED if wording in old] == ["延长试用期", "直到通过"]


@pytest.mark.parametrize("snippet, section", [(snippet, section) for snippet, (_, sections) in sorted(USES.items())
                                              for section in sections])
def test_the_sections_pages_link_to_show_the_snippet(snippet, section):
    """A link stands in for the snippet only if the section it opens shows that snippet."""
    name, anchor = section.split("#")
    [page] = [path for path in (ROOT / "docs").rglob(name)]
    text = page.read_text(encoding="utf-8")
    start = re.search(r"^#+ .*\{ #" + re.escape(anchor) + r" \}$", text, re.MULTILINE)
    assert start, f"{name} has no heading {{ #{anchor} }}"
    following = re.search(r"^#{2,3} ", text[start.end():], re.MULTILINE)
    body = text[start.end():start.end() + following.start()] if following else text[start.end():]
    assert includes(body, snippet), f"{section} does not show {snippet}"
