"""Every kind of page loads without console errors and without requests leaving the site."""

from __future__ import annotations

import pytest

PAGES = {
    "home": "",
    "section index": "onboarding/",
    "content page": "onboarding/company/",
    "checklist page": "onboarding/first-month/",
    "page with two checklists and wide tables": "trade-email/order-execution/",
    "printable checklist": "print/first-week/",
    "agenda page": "onboarding/schedule/",
    "quiz page": "onboarding/quiz/",
    "shuffled quiz page": "trade-email/quiz/",
    "exam page": "trainers/mock-test/",
    "answer key": "trainers/answer-keys/onboarding/",
    "track and dashboard page": "progress/",
    "calculator page": "trade-email/calculators/",
    "track packet": "print/packet-intl-sales/",
    "cohort view (trainers)": "trainers/cohort/",
    "changelog": "trainers/changelog/",
    "404 page": "404.html",
}


@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_page_loads_cleanly(page, url):
    response = page.goto(url)
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # late errors (timers, workers)
    assert page.external_requests == []
    assert page.console_errors == []
    assert page.locator("link[rel=stylesheet][href*='handbook.css']").count() == 1
    assert page.evaluate("typeof window.hb") == "object", "handbook.js ran"


def test_missing_page_shows_the_404_page(page, site_url):
    errors = []
    page.on("console", lambda message: message.type == "error"
            and message.location.get("url") != site_url + "no-such/page/" and errors.append(message.text))
    response = page.goto("no-such/page/")
    assert response.status == 404
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text().startswith("404")
    assert page.locator(".md-header").is_visible(), "the 404 page is styled (its assets load from a nested URL)"
    assert page.external_requests == []
    assert errors == [], "only the page itself is missing"


@pytest.mark.parametrize("url", ["onboarding/first-month/", "onboarding/schedule/", "onboarding/quiz/",
                                 "trainers/mock-test/"])
def test_every_widget_starts(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    widgets = page.locator("[data-hb-widget]")
    assert widgets.count() > 0
    not_ready = page.locator("[data-hb-widget]:not([data-hb-ready])")
    assert not_ready.count() == 0, f"{not_ready.count()} widget(s) not set up"
    assert page.console_errors == []
