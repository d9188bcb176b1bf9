"""axe-core (WCAG 2.0/2.1 A and AA, and best practices) finds nothing on each kind of page."""

from __future__ import annotations

import re

import pytest

from browser_helpers import FIXED_NOW, ROOT, widget
from test_pages import PAGES as ALL_PAGES

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

# The page types of test_pages, with the 404 page reached the way readers reach it.
PAGES = {**{name: url for name, url in ALL_PAGES.items() if name != "404 page"}, "404 page": "no-such-page/"}


def run_axe(page) -> list[dict]:
    if not AXE.exists():
        pytest.skip("node_modules/axe-core is not installed (npm ci)")
    # evaluate, not add_script_tag: the page's Content-Security-Policy refuses inline scripts,
    # while the test's own evaluation (DevTools protocol) is not subject to it
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    # colours are measured as drawn: let transitions end first (the theme fades its tabs out as
    # the page scrolls, e.g. when a widget moves focus to a field lower down)
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')", timeout=5000)
    return page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations)",
                         TAGS)


def report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:10]:
            lines.append(f"    {' '.join(map(str, node['target']))}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    … and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)


def assert_no_violations(page):
    violations = run_axe(page)
    assert not violations, "axe found:\n" + report(violations)


@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_page_has_no_violations(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert_no_violations(page)


def test_widgets_after_use(page):
    """Feedback, scores and dates that only appear after using the widgets."""
    page.goto("onboarding/quiz/")
    root = widget(page, "quiz", "onboarding")
    root.locator("fieldset[data-hb-type=single] .hb-option").first.click()
    root.get_by_role("button", name="检查本题").first.click()
    root.get_by_role("button", name="交卷", exact=True).click()
    root.locator("[data-hb-confirm]").wait_for()  # most questions are open: asked first
    assert_no_violations(page)
    root.get_by_role("button", name="仍要交卷").click()
    root.locator("[data-hb-score]").wait_for()  # options marked right and wrong, 重做
    assert_no_violations(page)

    page.goto("onboarding/schedule/")
    root = widget(page, "agenda", "new-hire-pre-job")
    root.locator("input[type=date]").fill("2027-03-05")
    checklist = widget(page, "checklist", "first-week")
    checklist.locator("input[type=checkbox]").first.check()
    assert_no_violations(page)


def test_exam_running(page):
    page.clock.install(time=FIXED_NOW)
    page.goto("trainers/mock-test/")
    root = widget(page, "quiz", "mock-test")
    root.get_by_role("button", name=re.compile("开始考试")).click()
    root.locator("[data-hb-timer]").wait_for()
    assert_no_violations(page)


def test_storage_note(page):
    """The note a browser that cannot save shows."""
    page.context.add_init_script('Object.defineProperty(window, "localStorage", {get() { throw new DOMException("blocked", "SecurityError"); }});')
    page.goto("onboarding/first-month/")
    page.locator(".hb-storage-note").wait_for()
    assert_no_violations(page)


@pytest.mark.parametrize("query", ["询盘怎么回复", "qzxjvkw"])
def test_search_results(page, query):
    """The search dialog open with results (marks, snippets) and with nothing found, on a phone."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("")
    page.keyboard.press("/")
    page.locator("[data-hb-search-input]").fill(query)
    page.wait_for_function("() => document.querySelector('[data-hb-search-status]').dataset.hbSearchStatus === 'done'")
    page.wait_for_load_state("networkidle")  # the snippets have arrived
    assert_no_violations(page)
