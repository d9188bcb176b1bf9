"""A browser that cannot save: storage blocked (the localStorage getter throws SecurityError, as in
some private modes and with cookies blocked) or full (setItem throws QuotaExceededError). Every
widget keeps working in memory, the reader is told once, visibly, in Chinese, and nothing throws."""

from __future__ import annotations

import pytest

from browser_helpers import widget

BLOCKED = """
Object.defineProperty(window, "localStorage", {
  configurable: true,
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); }
});
"""

FULL = """
Storage.prototype.setItem = function () { throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };
"""

PAGES = {  # (kind, id, url)
    "checklist": ("checklist", "first-month", "onboarding/first-month/"),
    "quiz": ("quiz", "onboarding", "onboarding/quiz/"),
    "agenda": ("agenda", "new-hire-pre-job", "onboarding/schedule/"),
    "dashboard": ("dashboard", None, "progress/"),
}


def open_widget(page, name):
    kind, item_id, url = PAGES[name]
    page.goto(url)
    if item_id:
        return widget(page, kind, item_id)
    page.locator(f"[data-hb-widget={kind}][data-hb-ready]").wait_for(state="attached")
    return page.locator(f"[data-hb-widget={kind}]")


def the_note(page):
    note = page.locator(".hb-storage-note")
    note.wait_for()
    assert note.count() == 1, "the reader is told once, not once per widget or per save"
    text = note.inner_text()
    assert "不能保存" in text and "打印" in text and "浏览器" in text, text
    assert note.is_visible()
    return note


@pytest.mark.parametrize("storage", [BLOCKED, FULL], ids=["blocked", "full"])
@pytest.mark.parametrize("name", PAGES)
def test_told_once_and_no_error(page, storage, name):
    page.context.add_init_script(storage)
    open_widget(page, name)
    the_note(page)
    assert page.console_errors == []


@pytest.mark.parametrize("storage", [BLOCKED, FULL], ids=["blocked", "full"])
def test_checklist_works_in_memory(page, storage):
    page.context.add_init_script(storage)
    root = open_widget(page, "checklist")
    boxes = root.locator("input[type=checkbox]")
    for index in range(3):
        boxes.nth(index).check()
    assert root.locator("[data-hb-done]").inner_text() == "3"
    assert page.locator(".hb-storage-note").count() == 1, "three failed saves, still one note"
    assert page.console_errors == []


@pytest.mark.parametrize("storage", [BLOCKED, FULL], ids=["blocked", "full"])
def test_quiz_scores_in_memory(page, storage):
    page.context.add_init_script(storage)
    root = open_widget(page, "quiz")
    root.get_by_role("button", name="交卷", exact=True).click()
    root.get_by_role("button", name="仍要交卷").click()
    assert "得分 0%" in root.locator("[data-hb-result]").inner_text()
    assert page.locator(".hb-storage-note").count() == 1
    assert page.console_errors == []


def test_note_is_readable_on_a_phone(new_page):
    page = new_page(viewport={"width": 390, "height": 844})
    page.context.add_init_script(BLOCKED)
    open_widget(page, "checklist")
    box = the_note(page).bounding_box()
    assert box["width"] <= 390 and box["x"] >= 0
