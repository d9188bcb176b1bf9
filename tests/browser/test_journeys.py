"""A reader's path through the handbook: arrive by a click, leave, come back with the browser's
back and forward buttons, arrive at an #anchor. Each widget starts on every arrival, once per
widget, with no console error. (Every widget test also runs in both arrival modes: conftest.py.)"""

from __future__ import annotations

import re

import pytest

from browser_helpers import arrive_by_click, loopback_sitemap

WIDGET_PAGES = {  # name: (url, widget selector)
    "checklist": ("onboarding/first-month/", "[data-hb-widget=checklist][data-hb-id=first-month]"),
    "quiz": ("onboarding/quiz/", "[data-hb-widget=quiz][data-hb-id=onboarding]"),
    "agenda": ("onboarding/schedule/", "[data-hb-widget=agenda][data-hb-id=new-hire-pre-job]"),
    "dashboard": ("progress/", "[data-hb-widget=dashboard]"),
}
ELSEWHERE = "trade-email/"

# Counts the listeners each widget root gets: a widget set up twice would have twice as many.
COUNT_LISTENERS = """
const add = EventTarget.prototype.addEventListener;
EventTarget.prototype.addEventListener = function (type, listener, options) {
  if (this instanceof Element && this.hasAttribute("data-hb-widget")) this.hbListeners = (this.hbListeners || 0) + 1;
  return add.call(this, type, listener, options);
};
"""


def ready(page, selector: str) -> dict:
    """Waits for the widget to start; its state: listeners on the root, the ready mark, controls shown."""
    page.locator(selector + "[data-hb-ready]").wait_for(state="attached")
    page.wait_for_timeout(300)  # any second start-up would have happened by now
    return page.locator(selector).evaluate("""root => ({
        listeners: root.hbListeners || 0,
        controls: Array.from(root.querySelectorAll("button")).some(b => b.getClientRects().length > 0),
    })""")


def instant(page):
    assert page.evaluate("window.__hbNoReload") is True, "the navigation reloaded the page"


@pytest.mark.parametrize("name", WIDGET_PAGES)
def test_click_away_back_and_forward(page, site_url, name):
    url, selector = WIDGET_PAGES[name]
    page.context.add_init_script(COUNT_LISTENERS)
    loopback_sitemap(page, site_url)
    arrive_by_click(page, site_url, url, page.goto)
    first = ready(page, selector)
    assert first["listeners"] > 0 and first["controls"], f"{name} did not start on arrival by a click: {first}"

    arrive_by_click(page, site_url, ELSEWHERE, page.goto)
    page.go_back()
    page.wait_for_url(re.compile(re.escape(url) + "(#.*)?$"), wait_until="commit")
    assert ready(page, selector) == first, "back: the widget starts again, exactly once"
    page.go_forward()
    page.wait_for_url(re.compile(re.escape(ELSEWHERE) + "$"), wait_until="commit")
    page.locator(selector).wait_for(state="detached")
    page.go_back()
    page.wait_for_url(re.compile(re.escape(url) + "(#.*)?$"), wait_until="commit")
    assert ready(page, selector) == first, "back after forward: the widget starts again, exactly once"
    instant(page)
    assert page.console_errors == []


ANCHORS = {
    "quiz": ("onboarding/quiz/#quiz-onboarding", "[data-hb-widget=quiz][data-hb-id=onboarding]", "#quiz-onboarding"),
    "agenda day": ("onboarding/schedule/#new-hire-pre-job-第2天", "[data-hb-widget=agenda][data-hb-id=new-hire-pre-job]", "[id='new-hire-pre-job-第2天']"),
}


@pytest.mark.parametrize("arrival", ["load", "click"])
@pytest.mark.parametrize("name", ANCHORS)
def test_link_with_an_anchor(page, site_url, name, arrival):
    url, selector, target = ANCHORS[name]
    page.context.add_init_script(COUNT_LISTENERS)
    if arrival == "click":
        loopback_sitemap(page, site_url)
        arrive_by_click(page, site_url, url, page.goto)
    else:
        page.goto(url)
    state = ready(page, selector)
    assert state["listeners"] > 0 and state["controls"]
    in_view = """sel => { const top = document.querySelector(sel).getBoundingClientRect().top;
                          return top >= 0 && top < innerHeight; }"""
    try:  # the theme scrolls once the page is laid out; a busy machine can take a moment
        page.wait_for_function(in_view, arg=target, timeout=3000)
    except Exception:
        pytest.fail(f"the page did not go to {target}: {page.locator(target).bounding_box()}")
    assert page.console_errors == []
