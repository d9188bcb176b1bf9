"""Page weight in the browser: what each page type downloads, against the budgets.

- The handbook's own JS and CSS that a page loads (handbook.css, handbook.js and the hb-*.js
  widget files it pulls in) stay at or under 15 KB minified (terser / csso, uncompressed).
- The resources a page loads besides its own HTML and the search index (the theme's, plus ours
  counted minified) stay within a stock Material page's plus 15 KB. The HTML and the search index
  are content: they grow with what trainers write, not with what the handbook adds. The stock
  page is Material with a task list and the two theme features this handbook cannot drop:
  Chinese (language and search, which loads lunr's zh segmenter) and instant navigation (which
  loads sitemap.xml).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from test_pages import PAGES

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from helpers import build  # noqa: E402

BUDGET = 15_000
OWN = ("handbook.css", "handbook.js", "hb-")


def loaded_resources(page, url: str) -> dict[str, int]:
    """{same-site resource URL: decoded bytes} for everything the page fetched, after it settled."""
    sizes: dict[str, int] = {}

    def on_response(response):
        if response.url.startswith(page.site_root) and response.ok:
            with contextlib.suppress(Exception):  # a response without a body (e.g. a redirect)
                sizes[response.url.split("?")[0]] = len(response.body())

    page.on("response", on_response)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.remove_listener("response", on_response)
    return sizes


@contextlib.contextmanager
def serve(directory: Path):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def is_content(resource: str, page_url: str) -> bool:
    """The page, the search index and the sitemap (which lists every page) grow with the content."""
    return resource.endswith(("search_index.json", "sitemap.xml", ".html", "/")) or resource == page_url


@pytest.fixture(scope="module")
def minified_sizes() -> dict[str, int]:
    assets = sorted((ROOT / "docs" / "assets").glob("*"))
    script = ROOT / "tests" / "browser" / "minified_size.js"
    output = subprocess.run(["node", str(script), *map(str, assets)], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(output.stdout)


@pytest.fixture(scope="module")
def stock_theme_bytes(tmp_path_factory, browser) -> int:
    """The same measure on a stock Material for MkDocs page with a task list."""
    project = tmp_path_factory.mktemp("stock")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Stock\n\n- [ ] one\n- [x] two\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: Stock\nsite_url: https://example.com/stock/\n"
        "theme:\n  name: material\n  language: zh\n  features: [navigation.instant]\n"
        "plugins:\n  - search:\n      lang: zh\n"
        "markdown_extensions:\n  - pymdownx.tasklist:\n      custom_checkbox: true\n", encoding="utf-8")
    site = project / "site"
    assert build(project, site).returncode == 0
    page = browser.new_page()
    page.site_root = "http://127.0.0.1"
    with serve(site) as url:
        sizes = loaded_resources(page, url)
        page_url = url
    page.close()
    total = sum(size for resource, size in sizes.items() if not is_content(resource, page_url))
    assert total > 50_000, f"the stock page loaded almost nothing ({sizes}): the measure is broken"
    return total


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_stays_within_the_budgets(page, site_url, path, minified_sizes, stock_theme_bytes):
    page.site_root = site_url
    url = site_url + path
    sizes = loaded_resources(page, url)
    own = {Path(resource).name for resource in sizes if Path(resource).name.startswith(OWN)}
    own_minified = sum(minified_sizes[name] for name in own)
    others = sum(minified_sizes.get(Path(resource).name, size) if Path(resource).name.startswith(OWN) else size
                 for resource, size in sizes.items() if not is_content(resource, url))
    print(f"\n{path or 'home'}: own JS+CSS {own_minified} B minified ({', '.join(sorted(own))}); "
          f"resources {others} B vs stock {stock_theme_bytes} B")
    assert "handbook.js" in own and "handbook.css" in own, "the page did not load the handbook's assets"
    assert own_minified <= BUDGET, f"own JS+CSS is {own_minified} B minified, budget {BUDGET} B"
    assert others <= stock_theme_bytes + BUDGET, f"{others} B loaded vs stock {stock_theme_bytes} B + {BUDGET} B"


def test_budget_check_counts_widget_files(minified_sizes):
    """All widget files together would be over budget: only loading what a page uses keeps it under."""
    assert sum(minified_sizes.values()) > BUDGET
    assert max(minified_sizes.values()) < BUDGET
