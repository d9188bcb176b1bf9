"""What the content issues promise readers, checked on the sources: descriptions, quiz sizes, KPI entries."""

from __future__ import annotations

import re

import pytest
import yaml

from helpers import ROOT

DOCS = ROOT / "docs"
KPIS = ["人工接通率", "及时应答率", "平均应答速度", "平均通话时长", "平均案头处理时长", "首次呼叫解决率", "服务态度", "专业水平", "系统可靠性"]


def front_matter(path):
    match = re.match(r"^---\n(.*?)\n---\n", path.read_text(encoding="utf-8"), re.DOTALL)
    return yaml.safe_load(match.group(1)) if match else {}


@pytest.mark.parametrize("page", sorted(DOCS.rglob("*.md")), ids=lambda p: str(p.relative_to(DOCS)))
def test_every_page_has_a_description(page):
    description = front_matter(page).get("description", "")
    assert isinstance(description, str) and len(description) >= 15, "add a front-matter description (one sentence)"


@pytest.mark.parametrize("quiz_id, minimum", [("onboarding", 12), ("trade-email-basics", 10), ("listing-basics", 10),
                                              ("call-center-basics", 12)])
def test_section_quizzes_are_big_and_varied_enough(quiz_id, minimum):
    quiz = yaml.safe_load((ROOT / "data" / "quizzes" / f"{quiz_id}.yml").read_text(encoding="utf-8"))
    assert len(quiz["questions"]) >= minimum
    assert len({question["type"] for question in quiz["questions"]}) >= 4


def test_trade_email_quiz_asks_for_the_order_of_an_inquiry_reply():
    quiz = yaml.safe_load((ROOT / "data" / "quizzes" / "trade-email-basics.yml").read_text(encoding="utf-8"))
    assert any(question["type"] == "order" for question in quiz["questions"])


def test_mock_test_is_a_timed_exam():
    quiz = yaml.safe_load((ROOT / "data" / "quizzes" / "mock-test.yml").read_text(encoding="utf-8"))
    assert quiz["mode"] == "exam" and quiz["time_limit"] == 60


@pytest.mark.parametrize("kpi", KPIS)
def test_every_kpi_has_its_own_entry(kpi):
    headings = re.findall(r"^## (.+)$", (DOCS / "call-center" / "kpi.md").read_text(encoding="utf-8"), re.MULTILINE)
    assert any(kpi in heading for heading in headings), f"kpi.md needs a '## {kpi}' entry"


def test_company_names_come_from_variables():
    """Another team reuses the handbook by editing mkdocs.yml `extra:` only."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    name = re.search(r"^    name: (.+)$", config, re.MULTILINE).group(1).strip()
    offenders = [str(page.relative_to(DOCS)) for page in DOCS.rglob("*.md") if name in page.read_text(encoding="utf-8")]
    assert offenders == [], f"write {{{{ company.name }}}} instead of '{name}'"
