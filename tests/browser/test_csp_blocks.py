"""The Content-Security-Policy stops code that got past validation: a script planted in a built
page does not run, while the page and its widgets still work."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading

import pytest

from helpers import site_base_path

PAYLOAD = ('<script>window.__planted = "inline script"</script>'
           '<img src="missing.png" onerror="window.__planted = \'event handler\'" alt="">'
           '<a id="planted-link" href="javascript:window.__planted=\'javascript: link\'">x</a>')


@pytest.fixture
def planted_site(site, tmp_path):
    """A copy of the built site with the payload planted in the quiz page, served on loopback."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page = copy / "onboarding" / "quiz" / "index.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("<article", PAYLOAD + "<article", 1), encoding="utf-8")
    base = site_base_path()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path):
            return super().translate_path("/" + path[len(base):] if path.startswith(base) else path)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(copy)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{base}"
    server.shutdown()


def test_planted_code_does_not_run(browser, planted_site):
    context = browser.new_context(base_url=planted_site, locale="zh-CN")
    page = context.new_page()
    violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    page.goto("onboarding/quiz/")
    page.wait_for_load_state("networkidle")
    page.locator("#planted-link").click()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__planted") is None, "planted code ran"
    assert len(violations) >= 2, "the browser reports the refused inline script and event handler"
    assert page.locator("[data-hb-widget=quiz][data-hb-ready]").count() == 1, "the site's own scripts still run"
    context.close()
