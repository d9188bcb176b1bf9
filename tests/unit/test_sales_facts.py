"""Facts that change are stated with their date (issue #31): the 2014 "10 suppliers per RFQ" rule
and the sea-transit time to North Europe. Pages reuse mkdocs.yml `extra.facts`; where a text
cannot (data files, glossary), the sentence itself must carry the year."""

from __future__ import annotations

import re
from pathlib import Path

from macros.check import read_config
from tests.helpers import ROOT

SENTENCE_END = re.compile(r"[。；！？\n]")
QUOTA = re.compile(r"(?<![\d.])10\s*(?:个|家)|十(?:个|家)")
ABOUT_RFQ = re.compile(r"RFQ|名额")


def texts() -> list[Path]:
    return sorted([*ROOT.glob("docs/**/*.md"), *ROOT.glob("data/**/*.yml"), *ROOT.glob("includes/**/*.md")])


def undated_quota_sentences(text: str) -> list[str]:
    """Sentences that give the RFQ quota as a number without saying it is the 2014 rule."""
    return [sentence.strip() for sentence in SENTENCE_END.split(text)
            if QUOTA.search(sentence) and ABOUT_RFQ.search(sentence) and "2014" not in sentence]


def test_the_pattern_finds_an_undated_quota():
    assert undated_quota_sentences("每条 RFQ 只有 10 个报价名额，要快。") == ["每条 RFQ 只有 10 个报价名额，要快"]
    assert undated_quota_sentences("一条 RFQ 只能有 10 家供应商报价，所以要快。")
    assert undated_quota_sentences("按 2014 年培训课的说法，每条 RFQ 只允许 10 家供应商报价。") == []
    assert undated_quota_sentences("岗前培训共 10 个工作日。") == []


def test_no_page_or_data_file_states_the_rfq_quota_undated():
    found = [f"{path.relative_to(ROOT)}: {sentence}" for path in texts()
             for sentence in undated_quota_sentences(path.read_text(encoding="utf-8"))]
    assert found == [], "date it (2014 年的培训) or use {{ facts.rfq_quota }} on a page"


def test_the_shared_facts_are_dated():
    facts = read_config(str(ROOT))["extra"]["facts"]
    assert "2014" in facts["rfq_quota"] and "帮助中心" in facts["rfq_quota"]
    for name, text in facts.items():
        assert re.search(r"\d{4}年\d{1,2}月", text), f"extra.facts.{name} has no （YYYY年M月） check date"


def test_pages_reuse_the_shared_rfq_fact():
    for page in ("listing/rfq.md", "listing/platform-today.md", "trade-email/timing.md",
                 "trade-email/templates.md", "trade-email/cases/rfq.md"):
        assert "{{ facts.rfq_quota }}" in (ROOT / "docs" / page).read_text(encoding="utf-8"), page


def test_no_undated_five_weeks_to_europe():
    stale = re.compile(r"about five weeks|约五周|五周左右")
    found = [str(path.relative_to(ROOT)) for path in texts() if stale.search(path.read_text(encoding="utf-8"))]
    assert found == [], "the Suez-route time: use {{ facts.sea_transit_europe }} or a dated range"
