"""Shared fixtures: the project root, one strict build per session, a loopback server, Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from helpers import CHROMIUM, CHROMIUM_ARGS, ROOT, SITE_URL, build, copy_project, record, site_base_path  # noqa: F401


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("site")
    result = build(ROOT, site_dir)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under its base path, as GitHub Pages does, with 404.html for misses."""

    base_path = "/"

    def translate_path(self, path):
        if path.startswith(self.base_path):
            path = "/" + path[len(self.base_path):]
        return super().translate_path(path)

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory, "404.html")
        if code == 404 and page.exists():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def site_url(site) -> str:
    handler = functools.partial(type("Handler", (_SiteHandler,), {"base_path": site_base_path()}), directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{site_base_path()}"
    server.shutdown()


@pytest.fixture(scope="session")
def lms_dist(tmp_path_factory) -> Path:
    """`make scorm` once per session: the SCORM packages and Moodle question banks (tools/lms)."""
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run([sys.executable, "-m", "tools.lms", str(ROOT), "--out", str(out)], cwd=ROOT,
                            capture_output=True, text=True, timeout=900,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_SITE_URL": SITE_URL})
    assert result.returncode == 0, f"make scorm failed:\n{result.stdout}\n{result.stderr}"
    return out


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        options = {"args": CHROMIUM_ARGS}
        if os.path.exists(CHROMIUM):
            options["executable_path"] = CHROMIUM
        browser = playwright.chromium.launch(**options)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site_url):
    """A fresh browser context per test; records console errors and requests leaving the site."""
    context = browser.new_context(base_url=site_url, locale="zh-CN", timezone_id="Asia/Shanghai",
                                  accept_downloads=True)
    page = record(context.new_page(), site_url)
    yield page
    context.close()
