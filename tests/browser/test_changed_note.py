"""A checklist or quiz that changed (its data file's last commit) after the reader last saved
progress on it says so quietly: 此清单在 12月3日 有更新 (issue #33, 更新记录)."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from macros.revision_dates import CHINA_TIME

from browser_helpers import ROOT, load_data, widget
from test_progress import question_set, save


def changed_on(path: str) -> dt.date:
    stamp = subprocess.run(["git", "log", "-1", "--format=%at", "--", path], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.strip()
    if not stamp:
        pytest.skip(f"{path} is not committed: the build gives it no date")
    return dt.datetime.fromtimestamp(int(stamp), CHINA_TIME).date()


def shown(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def test_a_checklist_changed_since_the_last_tick_says_so(page):
    day = changed_on("data/checklists/first-week.yml")
    first = load_data("checklists", "first-week")["groups"][0]["items"][0]["id"]
    page.goto("onboarding/schedule/")
    save(page, "checklist.first-week", {"v": 1, "done": {first: (day - dt.timedelta(days=1)).isoformat()}})
    page.goto("onboarding/first-month/")
    page.goto("onboarding/schedule/")
    note = widget(page, "checklist", "first-week").locator("[data-hb-changed]")
    assert note.is_visible() and note.inner_text() == f"此清单在 {shown(day)} 有更新"
    save(page, "checklist.first-week", {"v": 1, "done": {first: day.isoformat()}})
    page.goto("onboarding/first-month/")
    page.goto("onboarding/schedule/")
    assert not widget(page, "checklist", "first-week").locator("[data-hb-changed]").is_visible(), "ticked after the change"


def test_no_note_without_saved_progress(page):
    page.goto("onboarding/schedule/")
    assert not widget(page, "checklist", "first-week").locator("[data-hb-changed]").is_visible()


def test_a_quiz_changed_since_the_last_attempt_says_so(page):
    day = changed_on("data/quizzes/onboarding.yml")
    attempt = {"v": 2, "set": question_set("onboarding"), "best": 90, "passed": True, "last": 90,
               "bestDate": "2020-01-01", "lastDate": (day - dt.timedelta(days=1)).isoformat()}
    page.goto("onboarding/")
    save(page, "quiz.onboarding", attempt)
    page.goto("onboarding/quiz/")
    best = widget(page, "quiz", "onboarding").locator("[data-hb-best]")
    assert best.inner_text().endswith(f"此测验在 {shown(day)} 有更新")
    page.goto("onboarding/")
    save(page, "quiz.onboarding", {**attempt, "lastDate": day.isoformat()})
    page.goto("onboarding/quiz/")
    assert "有更新" not in widget(page, "quiz", "onboarding").locator("[data-hb-best]").inner_text()
