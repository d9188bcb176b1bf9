"""Checklists in the browser: saving, instant navigation, broken storage, keyboard, reset, print, no-JS."""

from __future__ import annotations

import re

import pytest

from browser_helpers import DATA, assert_hidden, load_data, loopback_sitemap, pdf_page_count, widget

CHECKLIST = "first-month"
URL = "onboarding/first-month/"
OTHER = ("mentor", "onboarding/mentor/")  # a neighbouring page in the nav with its own checklist
SITE_CHROME = [".md-header", ".md-sidebar", ".md-footer"]


def item_count(checklist_id: str) -> int:
    return sum(len(group["items"]) for group in load_data("checklists", checklist_id)["groups"])


N = item_count(CHECKLIST)


def open_checklist(page, url=URL, checklist_id=CHECKLIST):
    page.goto(url)
    return widget(page, "checklist", checklist_id)


def count_text(root) -> str:
    return root.locator(".hb-checklist__count").inner_text().strip()


def done(root) -> int:
    return int(root.locator("[data-hb-done]").inner_text())


def test_tick_survives_reload(page):
    root = open_checklist(page)
    assert count_text(root) == f"已完成 0/{N}"
    first = root.locator("input[type=checkbox]").first
    first.check()
    assert count_text(root) == f"已完成 1/{N}"
    page.reload()
    root = widget(page, "checklist", CHECKLIST)
    assert root.locator("input[type=checkbox]").first.is_checked()
    assert root.locator("input[type=checkbox]:checked").count() == 1
    assert count_text(root) == f"已完成 1/{N}"
    assert root.locator("progress").evaluate("p => p.value") == 1
    assert page.console_errors == []


def test_instant_navigation_away_and_back(page, site_url):
    loopback_sitemap(page, site_url)
    root = open_checklist(page)
    page.wait_for_load_state("networkidle")  # Material has read sitemap.xml
    root.locator("input[type=checkbox]").nth(0).check()
    page.evaluate("window.__hbNoReload = true")  # gone if a navigation reloads the whole page

    other_id, other_url = OTHER
    page.locator(f".md-sidebar--primary a.md-nav__link[href$='{other_url.split('/')[-2]}/']").first.click()
    page.wait_for_url(re.compile(re.escape(other_url) + "(#.*)?$"), wait_until="commit")
    other = widget(page, "checklist", other_id)
    assert page.evaluate("window.__hbNoReload") is True, "navigation was not instant (page reloaded)"
    other.locator("input[type=checkbox]").first.check()
    assert done(other) == 1

    page.go_back()
    page.wait_for_url(re.compile(re.escape(URL) + "(#.*)?$"), wait_until="commit")
    root = widget(page, "checklist", CHECKLIST)
    assert page.evaluate("window.__hbNoReload") is True, "history navigation was not instant"
    assert done(root) == 1, "the tick made before navigating away is shown again"

    before = done(root)
    root.locator("input[type=checkbox]").nth(1).check()
    assert done(root) == before + 1
    root.locator("input[type=checkbox]").nth(1).uncheck()
    assert done(root) == before

    # One set-up, one click handler: 清空 asks exactly once.
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    root.get_by_role("button", name="清空").click()
    page.wait_for_timeout(200)
    assert len(dialogs) == 1, f"清空 asked {len(dialogs)} times: handlers were attached twice"
    assert done(root) == before, "dismissing the confirm dialog keeps the ticks"
    assert page.console_errors == []


CORRUPT_STORAGE = """
for (var i = 0; i < localStorage.length; i++) {
  var key = localStorage.key(i);
  if (key.indexOf("hb.") >= 0) localStorage.setItem(key, "{not json");
}
"""

THROWING_STORAGE = """
Storage.prototype.setItem = function () { throw new DOMException("quota exceeded", "QuotaExceededError"); };
Storage.prototype.removeItem = function () { throw new DOMException("blocked", "SecurityError"); };
"""


def test_corrupted_storage_works_in_memory(page):
    root = open_checklist(page)
    root.locator("input[type=checkbox]").first.check()  # creates the saved key
    keys = page.evaluate("Object.keys(localStorage).filter(k => k.includes('hb.'))")
    assert keys, "ticking saved nothing under an hb. key"

    page.context.add_init_script(CORRUPT_STORAGE)
    page.reload()
    root = widget(page, "checklist", CHECKLIST)
    assert page.evaluate(f"localStorage.getItem({keys[0]!r})") == "{not json"
    assert count_text(root) == f"已完成 0/{N}"
    root.locator("input[type=checkbox]").nth(2).check()
    assert count_text(root) == f"已完成 1/{N}"
    assert page.console_errors == []


def test_throwing_storage_works_in_memory(page):
    page.context.add_init_script(THROWING_STORAGE)
    root = open_checklist(page)
    boxes = root.locator("input[type=checkbox]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    assert count_text(root) == f"已完成 2/{N}"
    boxes.nth(0).uncheck()
    assert count_text(root) == f"已完成 1/{N}"
    page.once("dialog", lambda dialog: dialog.accept())
    root.get_by_role("button", name="清空").click()
    assert count_text(root) == f"已完成 0/{N}"
    assert page.console_errors == []


def test_keyboard_only(page):
    root = open_checklist(page)
    first_id = root.locator("input[type=checkbox]").first.get_attribute("id")
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == first_id:
            break
    else:
        pytest.fail("Tab never reached the first checkbox of the checklist")
    page.keyboard.press("Space")
    assert root.locator(f"#{first_id}").is_checked()
    assert count_text(root) == f"已完成 1/{N}"
    for _ in range(4):  # past the item's own link, to the next checkbox
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "checkbox":
            break
    assert page.evaluate("document.activeElement.id") != first_id
    page.keyboard.press("Space")
    assert count_text(root) == f"已完成 2/{N}"


def test_reset_after_confirm(page):
    root = open_checklist(page)
    boxes = root.locator("input[type=checkbox]")
    boxes.nth(0).check()
    boxes.nth(3).check()
    assert done(root) == 2
    messages = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.accept()))
    root.get_by_role("button", name="清空").click()
    assert messages and "清空" in messages[0]
    assert done(root) == 0
    assert root.locator("input[type=checkbox]:checked").count() == 0
    page.reload()
    root = widget(page, "checklist", CHECKLIST)
    assert done(root) == 0, "清空 also forgets the saved ticks"


def test_print_hides_site_chrome_and_buttons(page):
    open_checklist(page)
    page.emulate_media(media="print")
    assert_hidden(page, SITE_CHROME + [f"[data-hb-id={CHECKLIST}] button"])
    assert page.locator(f"[data-hb-id={CHECKLIST}] .hb-checklist__item").first.is_visible()


PRINT_SPY = """
window.__printed = [];
/* at the moment of printing: is the page's own heading among what is left out (.hb-print-hide)? */
window.print = function () { window.__printed.push(!!document.querySelector("article > h1").closest(".hb-print-hide")); };
"""


def test_print_button_prints_only_the_checklist(page):
    page.context.add_init_script(PRINT_SPY)
    root = open_checklist(page)
    root.get_by_role("button", name="打印").click()
    page.wait_for_function("() => window.__printed.length > 0")  # the print helper loads on the first print
    assert page.evaluate("window.__printed") == [True], "the page around the checklist is left out while printing"
    page.emulate_media(media="print")
    title = page.locator("article > h1")
    assert not title.is_visible(), "the rest of the page is left out while printing"
    assert root.locator(".hb-checklist__item").first.is_visible()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator(".hb-print-hide").count() == 0
    assert title.is_visible(), "after printing the whole page prints again"


def printable_checklists():
    """Checklists of about 20 items or fewer: each must print on one A4 page."""
    ids = sorted(path.stem for path in (DATA / "checklists").glob("*.yml"))
    return [checklist_id for checklist_id in ids if item_count(checklist_id) <= 22]


def test_some_printable_checklist_has_about_20_items():
    assert max(item_count(checklist_id) for checklist_id in printable_checklists()) >= 18


@pytest.mark.parametrize("checklist_id", printable_checklists())
def test_printable_page_is_one_a4_page(page, checklist_id):
    page.goto(f"print/{checklist_id}/")
    widget(page, "checklist", checklist_id)
    pdf = page.pdf(format="A4")
    assert pdf_page_count(pdf) == 1, f"print/{checklist_id}/ ({item_count(checklist_id)} items) is not one A4 page"


def test_without_javascript(new_page):
    page = new_page(java_script_enabled=False)
    page.goto(URL)
    root = page.locator(f"[data-hb-widget=checklist][data-hb-id={CHECKLIST}]")
    items = root.locator(".hb-checklist__item")
    assert items.count() == N
    for index in range(N):
        assert items.nth(index).is_visible()
        assert items.nth(index).locator("label").inner_text().strip()
    assert root.locator("button").count() >= 2
    for index in range(root.locator("button").count()):
        assert not root.locator("button").nth(index).is_visible()
    assert not root.locator(".hb-checklist__progress").is_visible()
    assert root.get_attribute("data-hb-ready") is None


@pytest.mark.parametrize("checklist_id, url", [("qa-form", "call-center/quality/"), ("calibration", "call-center/quality/"),
                                               ("abusive-call", "call-center/difficult-contacts/")])
def test_service_checklists_count_and_keep_ticks(page, checklist_id, url):
    """The issue #32 checklists (QA form, calibration session, abusive call) on their pages."""
    total = item_count(checklist_id)
    root = open_checklist(page, url, checklist_id)
    assert count_text(root) == f"已完成 0/{total}"
    root.locator("input[type=checkbox]").last.check()
    assert count_text(root) == f"已完成 1/{total}"
    page.reload()
    root = widget(page, "checklist", checklist_id)
    assert root.locator("input[type=checkbox]").last.is_checked()
    assert count_text(root) == f"已完成 1/{total}"
