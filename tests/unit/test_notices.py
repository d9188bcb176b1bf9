"""make check's notices: empty company variables and pages due for review, never a failure."""

from __future__ import annotations

import datetime
import subprocess
import sys

from macros.notices import add_months, collect, empty_company_variables, page_review_notice

from helpers import copy_project

TODAY = datetime.date(2026, 12, 1)


def page(front: str) -> str:
    return f"---\ntitle: 示例\n{front}---\n\n# 示例\n"


def test_empty_company_variables_are_listed_with_their_dotted_names():
    extra = {"company": {"name": "示例", "authority": {"discount_max": "", "lead": "班组长", "refund": " "}},
             "other": {"x": ""}}
    assert empty_company_variables(extra) == ["company.authority.discount_max", "company.authority.refund"]


def test_a_page_reviewed_more_than_twelve_months_ago_is_due():
    notice = page_review_notice("docs/a.md", page("owner: 培训经理\nreviewed: 2025-11-30\n"), 12, TODAY)
    assert notice and "2025-11-30" in notice and "培训经理" in notice


def test_a_page_reviewed_twelve_months_ago_today_is_not_yet_due():
    assert page_review_notice("docs/a.md", page("owner: 培训经理\nreviewed: 2025-12-01\n"), 12, TODAY) is None


def test_the_review_period_comes_from_the_setting():
    text = page("owner: 培训经理\nreviewed: 2026-05-31\n")
    assert page_review_notice("docs/a.md", text, 6, TODAY) is not None
    assert page_review_notice("docs/a.md", text, 12, TODAY) is None


def test_missing_owner_or_a_date_that_is_not_a_date_is_noticed():
    assert "owner" in page_review_notice("docs/a.md", page("reviewed: 2026-11-01\n"), 12, TODAY)
    assert "reviewed" in page_review_notice("docs/a.md", page("owner: 培训经理\n"), 12, TODAY)
    assert "下个月" in page_review_notice("docs/a.md", page("owner: 培训经理\nreviewed: 下个月\n"), 12, TODAY)


def test_month_arithmetic_clamps_to_the_end_of_a_short_month():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2025, 12, 15), 12) == datetime.date(2026, 12, 15)


def test_collect_reads_every_page(tmp_path):
    (tmp_path / "a.md").write_text(page("owner: 培训经理\nreviewed: 2020-01-01\n"), encoding="utf-8")
    (tmp_path / "b.md").write_text(page("owner: 培训经理\nreviewed: 2026-11-01\n"), encoding="utf-8")
    notices = collect(str(tmp_path), {"company": {"x": ""}, "review_months": 12}, TODAY)
    assert len(notices) == 2 and "company.x" in notices[0] and "docs/a.md" in notices[1]


def test_make_check_prints_notices_and_still_passes(tmp_path):
    project = copy_project(tmp_path / "project")
    target = project / "docs" / "onboarding" / "mentor.md"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("reviewed: 2026-12-01", "reviewed: 2019-01-01", 1), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros", "."], cwd=project, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "提示：docs/onboarding/mentor.md：上次审核 2019-01-01" in result.stdout
    assert "company.authority.discount_max" in result.stdout
