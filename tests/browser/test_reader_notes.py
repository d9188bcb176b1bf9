"""Nothing a reader does is lost, and nothing meant for trainers reaches readers (issue #29,
items 6, 8, 9): a track's packet prints whole from one button; without JavaScript every widget
that needs it says what will not work; an empty company value reads as an instruction.

In JOURNEYS (conftest.py): each test with `page` runs on a full load and on arrival by an
instant-navigation click.
"""

from __future__ import annotations

import re

import pytest

from macros.company import UNSET_TEXT

from browser_helpers import load_data, visible_matches, widget
from test_print import norm, pdf_pages, track_steps


def test_escalation_page_tells_readers_whom_to_ask(page):
    page.goto("call-center/escalation/")
    text = page.locator("article").inner_text()
    assert text.count(UNSET_TEXT) >= 9, "each limit the company has not set says whom to ask"
    for trainer_text in ("待公司填写", "mkdocs.yml", "extra.company", "本页的来历"):
        assert trainer_text not in text
    assert page.console_errors == []


# ---------------------------------------------------------------- item 6: print a whole packet

TRACK = "intl-sales"
PACKET = f"print/packet-{TRACK}/"
PRINT_SPY = """
window.__printed = [];
/* at the moment of printing: how many checklists are left out (.hb-print-hide or inside it)? */
window.print = function () {
  window.__printed.push(Array.from(document.querySelectorAll("[data-hb-widget=checklist]"))
    .filter(function (el) { return el.closest(".hb-print-hide"); }).length);
};
"""


def packet_checklists() -> list[dict]:
    return [load_data("checklists", step["checklist"]) for step in track_steps(TRACK) if "checklist" in step]


def open_packet(page):
    page.context.add_init_script(PRINT_SPY)
    page.goto(PACKET)
    return widget(page, "packet", TRACK)


def test_one_button_prints_the_whole_packet(page):
    checklists = packet_checklists()
    assert len(checklists) >= 3
    root = open_packet(page)
    button = root.get_by_role("button", name=f"打印全部 {len(checklists)} 份清单")
    assert button.is_visible()
    button.click()
    assert page.evaluate("window.__printed") == [0], "printed once, no checklist left out"
    sheets = pdf_pages(page)  # what that print gives
    titles = [norm(checklist["title"]) for checklist in checklists]
    starts = [next(index for index, sheet in enumerate(sheets) if title in sheet) for title in titles]
    assert starts == list(range(len(checklists))) and len(sheets) == len(checklists), \
        f"one sheet per checklist, in track order: {starts} of {len(sheets)} sheets"
    for checklist, sheet in zip(checklists, sheets, strict=True):
        for role in checklist.get("signoff", []):
            assert norm(f"{role}签字") in sheet, f"{checklist['title']}: the {role} signature line is on its sheet"
    text = "".join(sheets)
    assert "打印全部" not in text and "JavaScript" not in text, "the button and notes stay off paper"
    assert page.console_errors == []


def test_the_packet_button_prints_everything_after_one_checklist_was_printed(page):
    root = open_packet(page)
    first = page.locator("[data-hb-widget=checklist]").first
    first.get_by_role("button", name="打印", exact=True).click()
    page.wait_for_function("() => window.__printed.length === 1")
    assert page.evaluate("window.__printed")[0] == len(packet_checklists()) - 1, "that print showed one checklist"
    root.get_by_role("button", name=re.compile("打印全部")).click()  # the browser sent no afterprint
    assert page.evaluate("window.__printed")[1] == 0
    assert page.locator(".hb-print-hide").count() == 0


# ---------------------------------------------------------------- item 8: without JavaScript

# (page, widget root, what the reader is told)
NO_JS = {
    "checklist": ("onboarding/", "[data-hb-widget=checklist][data-hb-id=first-day]", "勾选不会被保存"),
    "packet": (PACKET, f"[data-hb-widget=packet][data-hb-id={TRACK}]", "Ctrl+P"),
    "staffing": ("call-center/scheduling/", "[data-hb-widget=staffing]", "排班计算器需要启用 JavaScript"),
    "track": ("progress/", f"[data-hb-widget=track][data-hb-id={TRACK}]", "不会显示你的进度"),
    "dashboard": ("progress/", "[data-hb-widget=dashboard]", "不能显示你的清单和测验进度"),
}


@pytest.mark.parametrize("url, selector, words", NO_JS.values(), ids=NO_JS.keys())
def test_without_javascript_a_widget_says_what_will_not_work(new_page, url, selector, words):
    page = new_page(java_script_enabled=False)
    page.goto(url)
    note = page.locator(selector).locator(".hb-noscript")
    assert note.count() == 1 and note.is_visible(), f"{selector}: no visible note"
    assert words in note.inner_text()
    page.emulate_media(media="print")
    assert not note.is_visible(), "paper does not need the note"
    assert page.console_errors == []


@pytest.mark.parametrize("url, selector, words", NO_JS.values(), ids=NO_JS.keys())
def test_with_javascript_the_notes_stay_hidden(page, url, selector, words):
    page.goto(url)
    page.locator(selector + "[data-hb-ready]").wait_for(state="attached")
    assert page.locator(selector).locator("noscript").count() == 1
    # after instant navigation the theme's parser has made the note real elements: still not rendered
    assert not any(visible_matches(page, [".hb-noscript"])[".hb-noscript"]), "a reader with JavaScript sees no note"
    assert words not in page.locator("article").inner_text()
    assert page.console_errors == []


@pytest.mark.parametrize("url", sorted({url for url, _, _ in NO_JS.values()}))
def test_notes_and_the_packet_button_fit_a_phone(new_page, url):
    """Nothing in the page's content reaches past a 390 px screen, with JavaScript on or off. (Without
    JavaScript the theme's header lets a long page title reach past it: the theme's, not checked here.)"""
    for scripts in (True, False):
        phone = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, java_script_enabled=scripts)
        phone.goto(url)
        phone.wait_for_load_state("networkidle" if scripts else "load")
        wide = phone.evaluate("""() => Array.from(document.querySelectorAll("article *"))
            .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                          && !el.closest("table, .md-typeset__table"))  /* a table scrolls in its own box */
            .map(el => el.tagName + "." + el.className)""")
        assert wide == [], f"{url} (JavaScript {'on' if scripts else 'off'}): {wide}"
        if url == PACKET and scripts:
            box = phone.get_by_role("button", name=re.compile("打印全部")).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
