"""Browser-test fixtures: the `page` fixture with an arrival mode, a page factory for contexts with
other options; the `browser` marker.

Every test in JOURNEYS that uses `page` runs twice: once as before (`page.goto` is a full load) and
once as a reader arrives by clicking a link with the theme's instant navigation active (`page.goto`
loads another page first, then clicks a link to the one asked for). In both modes the test fails
on any console error. The session fixtures (`site`, `site_url`, `browser`) live in tests/conftest.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_helpers import arrive_by_click, loopback_sitemap, record

JOURNEYS = {"test_checklist.py", "test_quiz.py", "test_quiz_keep.py", "test_agenda.py", "test_progress.py",
            "test_storage.py", "test_reader_notes.py", "test_calculators.py", "test_cohort.py", "test_changed_note.py"}
ARRIVALS = ["load", "click"]


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.browser)


def pytest_generate_tests(metafunc):
    if Path(str(metafunc.definition.fspath)).name in JOURNEYS and "page" in metafunc.fixturenames:
        metafunc.parametrize("page", ARRIVALS, indirect=True)


@pytest.fixture
def page(request, browser, site_url):
    """A fresh browser context per test; records console errors and requests leaving the site.
    Parametrised (see JOURNEYS): `page.goto` arrives by a full load or by an instant-navigation click."""
    arrival = getattr(request, "param", None)
    context = browser.new_context(base_url=site_url, locale="zh-CN", timezone_id="Asia/Shanghai",
                                  accept_downloads=True)
    page = record(context.new_page(), site_url)
    page.arrival = arrival or "load"
    if arrival == "click":
        loopback_sitemap(page, site_url)
        full_load = page.goto
        page.goto = lambda url, **options: arrive_by_click(page, site_url, url, full_load)
    yield page
    try:
        if arrival:
            assert page.console_errors == [], f"console errors on arrival by {arrival}: {page.console_errors}"
    finally:
        context.close()


@pytest.fixture
def new_page(browser, site_url):
    """Factory: a page in a new context with extra options (e.g. java_script_enabled=False)."""
    contexts = []

    def make(base_url: str = site_url, **options):
        context = browser.new_context(base_url=base_url, locale="zh-CN", timezone_id="Asia/Shanghai",
                                      accept_downloads=True, **options)
        contexts.append(context)
        return record(context.new_page(), base_url)

    yield make
    for context in contexts:
        context.close()
