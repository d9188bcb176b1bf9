"""Browser-test fixtures: a page factory for contexts with other options; the `browser` marker.

The session fixtures (`site`, `site_url`, `browser`, `page`) live in tests/conftest.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_helpers import record


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.browser)


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
