"""The e-mail templates' placeholders (macros/placeholders.py): declared once, one name per meaning."""

from __future__ import annotations

import re

from macros import placeholders
from macros.pages import markdown_pages
from tests.helpers import ROOT

NAMES = {"Buyer Name", "Your Phone", "Order Quantity", "MOQ"}


def found(text: str) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.message) for p in placeholders.page_problems(text, "docs/x.md", NAMES)]


def test_declared_names_are_accepted_with_or_without_a_hint():
    text = "```text\nDear [Buyer Name],\nMOQ: [MOQ] pcs, for [Order Quantity: this order] pcs\n```\n"
    assert found(text) == []


def test_an_undeclared_name_is_reported_at_its_column():
    text = "# T\n\n```text\nTel: [Your Phone]\nQuantity: [Number] pcs\n```\n"
    assert found(text) == [(5, 11, "占位符「[Number]」没有登记")]


def test_case_matters_one_spelling_per_name():
    assert found("```text\nDear [buyer name],\n```") == [(2, 6, "占位符「[buyer name]」没有登记")]


def test_a_nested_or_unclosed_bracket_is_reported_once():
    assert found("```text\nCost: [free / USD [MOQ], refunded]\n```") == [(2, 7, "方括号没有配对，或者占位符里又套了占位符")]
    assert found("```text\nDear [Buyer Name,\n```") == [(2, 6, "方括号没有配对，或者占位符里又套了占位符")]


def test_only_text_blocks_are_templates():
    prose = "See [the guide](x.md) and [Number].\n\n```yaml\nsignoff: [新员工, 导师]\n```\n"
    assert found(prose) == []
    after = "```text\n[MOQ]\n```\n\n[Number] outside\n"
    assert found(after) == []


def test_the_handbook_declares_every_name_its_templates_use_and_uses_every_declared_name():
    names, problems = placeholders.declared(str(ROOT))
    assert problems == [] and names
    used = set()
    for path in markdown_pages(str(ROOT / "docs")):
        text = (ROOT / "docs" / path).read_text(encoding="utf-8")
        assert placeholders.page_problems(text, path, names) == [], path
        for block in re.findall(r"```text\n(.*?)```", text, re.DOTALL):
            used |= {token.split(":", 1)[0].strip() for token in placeholders.TOKEN.findall(block)}
    assert used and names - used == set(), "declared but used by no template: remove them from data/placeholders.yml"


def test_no_file_no_check(tmp_path):
    assert placeholders.declared(str(tmp_path)) == (None, [])
