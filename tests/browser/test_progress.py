"""Tracks and the 我的进度 dashboard reflect what checklists and quizzes saved; export/import round-trips."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser


def _tick_first_week_item(page):
    page.goto("onboarding/schedule/")
    box = page.locator("[data-hb-widget=checklist][data-hb-id=first-week] input[type=checkbox]").first
    box.check()
    return page.locator("[data-hb-widget=checklist][data-hb-id=first-week] input[type=checkbox]").count()


def _status(page, kind, target):
    return page.locator(f"[data-hb-widget=dashboard] tr[data-hb-kind={kind}][data-hb-target={target}] [data-hb-status]").inner_text()


def test_dashboard_and_track_reflect_checklist_and_quiz(page):
    total = _tick_first_week_item(page)
    page.goto("onboarding/quiz/")
    page.evaluate("""() => {  // a passed attempt, as the quiz saves it
        const key = (window.__md_scope ? __md_scope.pathname : '/') + 'hb.quiz.onboarding';
        localStorage.setItem(key, JSON.stringify({v: 1, best: 90, passed: true, last: 90, lastDate: '2027-03-05', bestDate: '2027-03-05'}));
    }""")
    page.goto("progress/")
    assert _status(page, "checklist", "first-week") == f"已完成 1/{total}（{round(100 / total)}%）"
    assert "最好成绩 90%，已及格" in _status(page, "quiz", "onboarding")
    track = page.locator("[data-hb-widget=track][data-hb-id=intl-sales]")
    assert "最好成绩 90%" in track.locator("li[data-hb-kind=quiz][data-hb-target=onboarding]").inner_text()
    assert track.locator("[data-hb-done]").inner_text() == "1"  # the passed quiz is the one finished step
    assert page.console_errors == []


def test_export_clear_import_round_trip(page, tmp_path):
    _tick_first_week_item(page)
    page.goto("progress/")
    before = _status(page, "checklist", "first-week")
    with page.expect_download() as download:
        page.get_by_role("button", name="导出进度").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    assert json.loads(exported.read_text(encoding="utf-8"))["format"] == "handbook-progress"
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="清除全部进度").click()
    assert _status(page, "checklist", "first-week").startswith("已完成 0/")
    page.set_input_files("[data-hb-import]", str(exported))
    page.wait_for_function("document.querySelector('[data-hb-message]').textContent.includes('已导入')")
    assert _status(page, "checklist", "first-week") == before


@pytest.mark.parametrize("content", ["{not json", json.dumps({"format": "other", "version": 1, "items": {}}),
                                     json.dumps({"format": "handbook-progress", "version": 1, "items": {"evil key": {}}})])
def test_a_broken_or_foreign_import_is_refused_and_changes_nothing(page, tmp_path, content):
    _tick_first_week_item(page)
    page.goto("progress/")
    before = _status(page, "checklist", "first-week")
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    page.set_input_files("[data-hb-import]", str(bad))
    page.wait_for_function("document.querySelector('[data-hb-message]').textContent.includes('没有')")
    assert _status(page, "checklist", "first-week") == before
    page.reload()
    assert _status(page, "checklist", "first-week") == before


def test_training_record_prints_without_site_chrome(page):
    page.goto("progress/")
    page.select_option("[data-hb-track-select]", "intl-sales")
    page.fill("[data-hb-name]", "张三")
    page.evaluate("window.print = () => {}")  # keep the print dialog away; the record is filled first
    page.get_by_role("button", name="打印培训记录单").click()
    page.emulate_media(media="print")
    record = page.locator("[data-hb-record]")
    assert record.is_visible()
    assert "张三" in record.inner_text() and "导师签字" in record.inner_text()
    assert record.locator("tbody tr").count() > 5
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", "[data-hb-summary]"):
        assert not page.locator(chrome).first.is_visible(), chrome


def test_track_packet_puts_each_checklist_on_a_new_sheet(page):
    page.goto("print/packet-intl-sales/")
    page.emulate_media(media="print")
    checklists = page.locator("[data-hb-widget=checklist]")
    assert checklists.count() >= 3
    assert checklists.nth(1).evaluate("el => getComputedStyle(el).breakBefore") == "page"
    assert not page.locator(".md-header").is_visible()
