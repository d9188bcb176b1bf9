"""Tracks and the 我的进度 dashboard reflect what checklists and quizzes saved; export/import round-trips."""

from __future__ import annotations

import json

import pytest

from browser_helpers import FIXED_NOW, load_data

pytestmark = pytest.mark.browser


def question_set(quiz_id: str) -> str:
    """The quiz's current question ids, as a saved score names the questions it was for."""
    return ",".join(q["id"] for q in load_data("quizzes", quiz_id)["questions"])


def item_ids(checklist_id: str) -> list[str]:
    return [item["id"] for group in load_data("checklists", checklist_id)["groups"] for item in group["items"]]


def save(page, key: str, value):
    page.evaluate("""([key, value]) => localStorage.setItem(
        (window.__md_scope ? __md_scope.pathname : '/') + 'hb.' + key, JSON.stringify(value))""", [key, value])


def _tick_first_week_item(page):
    page.goto("onboarding/schedule/")
    box = page.locator("[data-hb-widget=checklist][data-hb-id=first-week] input[type=checkbox]").first
    box.check()
    return page.locator("[data-hb-widget=checklist][data-hb-id=first-week] input[type=checkbox]").count()


def _status(page, kind, target):
    page.locator("[data-hb-widget=dashboard][data-hb-ready]").wait_for(state="attached")
    return page.locator(f"[data-hb-widget=dashboard] tr[data-hb-kind={kind}][data-hb-target={target}] [data-hb-status]").inner_text()


def test_dashboard_and_track_reflect_checklist_and_quiz(page):
    total = _tick_first_week_item(page)
    page.goto("onboarding/quiz/")
    save(page, "quiz.onboarding", {"v": 2, "set": question_set("onboarding"), "best": 90, "passed": True, "last": 90,
                                   "lastDate": "2027-03-05", "bestDate": "2027-03-05"})  # a passed attempt, as the quiz saves it
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
    page.wait_for_function("() => document.querySelector('[data-hb-message]').textContent.includes('已导入')")
    assert _status(page, "checklist", "first-week") == before


def test_the_name_is_typed_once_and_goes_into_the_export(page, tmp_path):
    """Issue #33: the name is kept in the browser, written into the file and its name; a file
    with a name brings it to a browser that has none."""
    page.clock.install(time=FIXED_NOW)
    _tick_first_week_item(page)
    page.goto("progress/")
    page.locator("[data-hb-widget=dashboard][data-hb-ready]").wait_for(state="attached")
    page.fill("[data-hb-name]", "王小明")
    page.locator("[data-hb-name]").blur()
    page.reload()
    page.locator("[data-hb-widget=dashboard][data-hb-ready]").wait_for(state="attached")
    assert page.input_value("[data-hb-name]") == "王小明"
    assert page.locator("[data-hb-name-print]").inner_text() == "王小明"
    with page.expect_download() as download:
        page.get_by_role("button", name="导出进度").click()
    assert download.value.suggested_filename == "培训进度-王小明-2027-03-09.json"
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    content = json.loads(exported.read_text(encoding="utf-8"))
    assert (content["version"], content["name"]) == (2, "王小明")
    assert "pref.name" not in content["items"] and "checklist.first-week" in content["items"]
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="清除全部进度").click()
    assert page.input_value("[data-hb-name]") == ""
    page.set_input_files("[data-hb-import]", str(exported))
    page.wait_for_function("() => document.querySelector('[data-hb-message]').textContent.includes('已导入')")
    assert page.input_value("[data-hb-name]") == "王小明"


def test_without_a_name_the_file_name_has_the_date_only(page):
    page.clock.install(time=FIXED_NOW)
    _tick_first_week_item(page)
    page.goto("progress/")
    page.locator("[data-hb-widget=dashboard][data-hb-ready]").wait_for(state="attached")
    page.fill("[data-hb-name]", " a/b:c ")  # characters a file name cannot hold are left out
    page.locator("[data-hb-name]").blur()
    with page.expect_download() as download:
        page.get_by_role("button", name="导出进度").click()
    assert download.value.suggested_filename == "培训进度-abc-2027-03-09.json"
    page.fill("[data-hb-name]", "")
    page.locator("[data-hb-name]").blur()
    with page.expect_download() as download:
        page.get_by_role("button", name="导出进度").click()
    assert download.value.suggested_filename == "培训进度-2027-03-09.json"


@pytest.mark.parametrize("content", ["{not json", json.dumps({"format": "other", "version": 1, "items": {}}),
                                     json.dumps({"format": "handbook-progress", "version": 1, "items": {"evil key": {}}})])
def test_a_broken_or_foreign_import_is_refused_and_changes_nothing(page, tmp_path, content):
    _tick_first_week_item(page)
    page.goto("progress/")
    before = _status(page, "checklist", "first-week")
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    page.set_input_files("[data-hb-import]", str(bad))
    page.wait_for_function("() => document.querySelector('[data-hb-message]').textContent.includes('没有')")
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


# ---- honest progress: only the current item ids and the current questions count ----

MADE_UP = [f"made-up-{n}" for n in range(13)]


def _record_row(page, title_part):
    page.locator("[data-hb-widget=dashboard][data-hb-ready]").wait_for(state="attached")
    page.select_option("[data-hb-track-select]", "intl-sales")
    return page.locator("[data-hb-record-rows] tr", has_text=title_part).first.inner_text()


def test_saved_ids_that_are_not_current_items_do_not_count(page):
    """A trainer deleted items, or an old browser kept ids: the dashboard, the track and the record
    count only the checklist's current item ids."""
    total = len(item_ids("first-week"))
    page.goto("progress/")
    save(page, "checklist.first-week", {"v": 1, "done": {item: "2027-03-05" for item in MADE_UP[:total]}})
    page.reload()
    assert _status(page, "checklist", "first-week") == f"已完成 0/{total}（0%）"
    step = page.locator("[data-hb-widget=track][data-hb-id=intl-sales] li[data-hb-kind=checklist][data-hb-target=first-week]")
    assert "已完成 0/" in step.inner_text() and "✔" not in step.inner_text()
    save(page, "checklist.first-week", {"v": 1, "done": {**{item: "2027-03-05" for item in MADE_UP},
                                                          item_ids("first-week")[0]: "2027-03-06"}})
    page.reload()
    assert _status(page, "checklist", "first-week") == f"已完成 1/{total}（{round(100 / total)}%）"
    assert "未完成" in _record_row(page, load_data("checklists", "first-week")["title"])


def test_a_score_for_other_questions_does_not_count(page):
    page.goto("progress/")
    save(page, "quiz.onboarding", {"v": 2, "set": "old-question,another", "best": 100, "passed": True, "last": 100,
                                   "lastDate": "2027-03-05", "bestDate": "2027-03-05"})
    page.reload()
    assert _status(page, "quiz", "onboarding") == "题目已更新，请重新作答"
    track = page.locator("[data-hb-widget=track][data-hb-id=intl-sales]")
    assert "✔" not in track.locator("li[data-hb-kind=quiz][data-hb-target=onboarding]").inner_text()
    page.goto("onboarding/quiz/")
    page.locator("[data-hb-widget=quiz][data-hb-ready]").wait_for(state="attached")
    assert not page.locator("[data-hb-best]").is_visible(), "the quiz does not show a best score for other questions"


def _import(page, tmp_path, items) -> str:
    file = tmp_path / "progress.json"
    file.write_text(json.dumps({"format": "handbook-progress", "version": 1, "items": items}), encoding="utf-8")
    page.set_input_files("[data-hb-import]", str(file))
    page.wait_for_function("() => document.querySelector('[data-hb-message]').textContent.length > 0")
    return page.locator("[data-hb-message]").inner_text()


def test_import_leaves_out_unknown_ids_and_says_so(page, tmp_path):
    """The issue's case: a file with 13 made-up ids showed ✔ 13/13 (100%)."""
    real = item_ids("first-week")
    page.goto("progress/")
    message = _import(page, tmp_path, {"checklist.first-week": {"v": 1, "done": {
        **{item: "2027-03-05" for item in MADE_UP}, real[0]: "2027-03-05"}}})
    assert _status(page, "checklist", "first-week") == f"已完成 1/{len(real)}（{round(100 / len(real))}%）"
    assert "已导入 1 项进度" in message
    assert "没有导入" in message and "没有这些项目" in message and "made-up-0" in message and "等 13 项" in message
    page.goto("onboarding/schedule/")
    checklist = page.locator("[data-hb-widget=checklist][data-hb-id=first-week][data-hb-ready]")
    checklist.wait_for(state="attached")
    assert checklist.locator("[data-hb-done]").inner_text() == "1"
    saved = page.evaluate("""() => JSON.parse(localStorage.getItem(
        (window.__md_scope ? __md_scope.pathname : '/') + 'hb.checklist.first-week'))""")
    assert list(saved["done"]) == [real[0]], "unknown ids are not stored"


def test_import_reports_malformed_values_and_keeps_the_rest(page, tmp_path):
    real = item_ids("first-week")
    page.goto("progress/")
    message = _import(page, tmp_path, {
        "checklist.first-week": {"v": 1, "done": {real[0]: "yesterday", real[1]: "2027-03-05"}},
        "quiz.onboarding": {"v": 2, "set": question_set("onboarding"), "best": "100", "passed": True, "last": 100, "lastDate": "2027-03-05"},
        "checklist.no-such-list": {"v": 1, "done": {}},
        "mark.page.no-such-page": {"v": 1, "date": "2027-03-05"},
    })
    assert "已导入 1 项进度" in message, message
    assert "日期不对" in message and real[0] in message
    assert "成绩格式不对" in message
    assert "没有清单 no-such-list" in message and "mark.page.no-such-page" in message
    assert _status(page, "checklist", "first-week").startswith("已完成 1/")
    assert _status(page, "quiz", "onboarding") == "未作答"


def test_import_message_is_text_not_markup(page, tmp_path):
    page.goto("progress/")
    _import(page, tmp_path, {"checklist.first-week": {"v": 1, "done": {"<img src=x onerror=alert(1)>": "2027-03-05"}}})
    message = page.locator("[data-hb-message]")
    assert "<img src=x onerror=alert(1)>" in message.inner_text()
    assert message.locator("img").count() == 0


def test_import_brings_back_the_agendas_first_day(page, tmp_path):
    """The one first day of every agenda (pref.first-day) is part of a progress file."""
    page.goto("progress/")
    message = _import(page, tmp_path, {"pref.first-day": {"v": 1, "start": "2026-09-30"}})
    assert "已导入 1 项进度" in message and "没有导入" not in message, message
    page.goto("onboarding/schedule/")
    agenda = page.locator("[data-hb-widget=agenda][data-hb-id=intl-sales-pre-job][data-hb-ready]")
    agenda.wait_for(state="attached")
    assert agenda.locator("input[type=date]").input_value() == "2026-09-30"
    assert page.console_errors == []


def test_clearing_all_progress_also_clears_unfinished_quiz_answers(page):
    page.goto("progress/")
    page.locator("[data-hb-widget=dashboard][data-hb-ready]").wait_for(state="attached")
    save(page, "draft.quiz.onboarding", {"v": 1, "rev": "x", "end": 0, "a": {}})
    save(page, "quiz.onboarding", {"v": 2, "set": question_set("onboarding"), "best": 50, "passed": False, "last": 50,
                                   "lastDate": "2027-03-05", "bestDate": "2027-03-05"})
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="清除全部进度").click()
    left = page.evaluate("Object.keys(localStorage).filter(k => k.includes('hb.'))")
    assert left == [], f"清除全部进度 left {left}"
