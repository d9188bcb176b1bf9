"""Company variables as readers see them (macros/company.py): an empty value becomes one
instruction, declared once; trainers keep the `make check` notice that names it."""

from __future__ import annotations

import datetime

from macros.company import UNSET_TEXT, for_readers
from macros.notices import collect

from helpers import ROOT


def test_blank_values_read_as_the_instruction_at_every_depth():
    company = {"name": "示例", "authority": {"lead": "班组长", "discount_max": "", "refund": "  "}, "size": 3}
    assert for_readers(company) == {"name": "示例", "authority": {"lead": "班组长", "discount_max": UNSET_TEXT,
                                                                 "refund": UNSET_TEXT}, "size": 3}


def test_the_configuration_itself_is_left_as_written():
    company = {"authority": {"discount_max": ""}}
    for_readers(company)
    assert company == {"authority": {"discount_max": ""}}, "make check reads the empty value to list it"


def test_the_trainer_notice_names_what_readers_see(tmp_path):
    notices = collect(str(tmp_path), {"company": {"authority": {"discount_max": ""}}}, datetime.date(2026, 12, 1))
    assert notices == [f"mkdocs.yml：公司变量 company.authority.discount_max 还是空的，读者在页面上看到“{UNSET_TEXT}”"]


def test_the_trainers_guide_quotes_the_same_instruction():
    guide = (ROOT / "docs" / "trainers" / "editing.md").read_text(encoding="utf-8")
    assert f"读者在页面上看到“{UNSET_TEXT}”" in guide
