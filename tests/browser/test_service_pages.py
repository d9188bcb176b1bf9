"""The service pages (话术库, 升级与授权, 常见问题, 术语表, and the issue #32 pages: 人力管理, 通话质检,
难处理的来电, 邮件/聊天/工单, 满意度调查, 行为准则与合规): accessible, usable on a phone, and a
glossary term is reachable from the keyboard (hooks/glossary_links.py)."""

from __future__ import annotations

import pytest

from test_a11y import assert_no_violations

PAGES = {"script library": "call-center/scripts/", "escalation matrix": "call-center/escalation/",
         "faq": "onboarding/faq/", "glossary": "glossary/", "workforce": "call-center/workforce/",
         "quality": "call-center/quality/", "difficult contacts": "call-center/difficult-contacts/",
         "channels": "call-center/channels/", "feedback": "call-center/feedback/", "policies": "onboarding/policies/"}


@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_page_has_no_violations(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert_no_violations(page)


@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_page_fits_a_phone_screen(new_page, url):
    phone = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone.goto(url)
    overflow = phone.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at 390px"


def test_a_glossary_term_is_reached_with_the_keyboard_and_opens_its_entry(page):
    page.goto("call-center/kpi/")
    term = page.locator("article a.hb-term").first
    term.wait_for()
    name = term.inner_text().strip()
    for _ in range(300):  # Tab through the page as a keyboard user does until the term has focus
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('hb-term')"):
            break
    else:
        pytest.fail("Tab never reached a glossary term")
    assert page.evaluate("() => document.activeElement.innerText.trim()") == name
    page.keyboard.press("Enter")
    page.wait_for_url("**/glossary/#term-*")
    entry = page.locator("dt:target")
    assert entry.inner_text().strip() == name
    assert entry.is_visible()


def test_a_tap_on_a_term_opens_its_entry(new_page):
    phone = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone.goto("call-center/scripts/")
    term = phone.locator("article a.hb-term").first
    name = term.inner_text().strip()
    term.scroll_into_view_if_needed()
    term.tap()
    phone.wait_for_url("**/glossary/#term-*")
    assert phone.locator("dt:target").inner_text().strip() == name
