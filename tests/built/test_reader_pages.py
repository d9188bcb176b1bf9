"""Readers see instructions, trainers see notices (issue #29, item 9): no page outside the
trainers' guide shows template text (待公司填写), names the configuration (mkdocs.yml,
extra.company) or carries a trainer's provenance box (本页的来历); an empty company variable
reads as macros/company.py's UNSET_TEXT."""

from __future__ import annotations

import re

from macros.check import read_config
from macros.company import UNSET_TEXT
from macros.notices import empty_company_variables

from helpers import ROOT

TRAINER_TEXT = ("待公司填写", "mkdocs.yml", "extra.company", "本页的来历")


def reader_pages(site):
    return [path for path in sorted(site.rglob("*.html")) if path.relative_to(site).parts[0] != "trainers"]


def test_no_reader_page_shows_trainer_text(site):
    pages = reader_pages(site)
    assert len(pages) > 40 and any("call-center" in path.parts for path in pages)
    found = {str(path.relative_to(site)): [text for text in TRAINER_TEXT if text in path.read_text(encoding="utf-8")]
             for path in pages}
    assert not {page: texts for page, texts in found.items() if texts}


def test_empty_company_values_read_as_an_instruction(site):
    extra = read_config(str(ROOT))["extra"]
    empty = [name for name in empty_company_variables(extra) if name.startswith("company.authority.")]
    assert empty, "the handbook ships with limits left for the company to fill in"
    html = (site / "call-center" / "escalation" / "index.html").read_text(encoding="utf-8")
    assert html.count(UNSET_TEXT) == len(empty), "each empty limit of the table says whom to ask"
    assert not re.search(r"<td>\s*</td>", html), "no empty cell"
