"""Small functions shared by the browser tests (fixtures are in conftest.py)."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

from helpers import SITE_URL, record  # noqa: F401 - record re-exported for the browser tests

# The moment every test that installs a fake clock starts from: a Tuesday morning in China time.
# A test never reads the machine's clock, as page.clock.install with no time would.
FIXED_NOW = dt.datetime(2027, 3, 9, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"


def load_data(kind: str, item_id: str) -> dict:
    """A trainer data file, e.g. load_data("quizzes", "onboarding")."""
    with open(DATA / kind / f"{item_id}.yml", encoding="utf-8-sig") as handle:
        return yaml.safe_load(handle)


def widget(page, kind: str, item_id: str):
    """The widget root, once handbook.js has set it up (data-hb-ready)."""
    selector = f"[data-hb-widget={kind}][data-hb-id={item_id}]"
    page.locator(selector + "[data-hb-ready]").wait_for(state="attached")
    return page.locator(selector)


def visible_matches(page, selectors) -> dict:
    """{selector: [is each match rendered?]}: false when it or an ancestor is display:none."""
    return page.evaluate(
        """selectors => Object.fromEntries(selectors.map(s =>
             [s, Array.from(document.querySelectorAll(s), el => el.getClientRects().length > 0)]))""",
        list(selectors),
    )


def assert_hidden(page, selectors):
    """Every selector matches something, and nothing it matches is rendered."""
    shown = {selector: matches for selector, matches in visible_matches(page, selectors).items()
             if not matches or any(matches)}
    assert not shown, f"expected to match and be hidden (False = hidden, [] = no match): {shown}"


def pdf_page_count(pdf: bytes) -> int:
    try:
        import pypdf  # optional
    except ImportError:
        return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def loopback_sitemap(page, site_url: str):
    """Let Material's instant navigation work on the loopback server.

    Material only intercepts links listed in sitemap.xml, whose <loc>s carry mkdocs.yml's site_url;
    it copies protocol and host from the page but not the port, so on 127.0.0.1:<port> no link
    matches and every click is a full reload. Rewrite the locations to the loopback origin.
    """
    deployed = SITE_URL.rstrip("/") + "/"

    def handle(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(deployed, site_url))

    page.route("**/sitemap.xml", handle)


START = ""  # the home page: no widget, so the widget's own file is not loaded yet when the click comes


def arrive_by_click(page, site_url: str, url: str, full_load):
    """Open `url` the way a reader does: from another page of the handbook, by clicking a link, with
    Material's instant navigation (needs loopback_sitemap). The first arrival loads the home page in
    full; later ones click from wherever the page is. Fails if the click reloaded the page."""
    target = urljoin(site_url, url)
    if not page.url.startswith(site_url):
        full_load(START if urlsplit(target).path != urlsplit(site_url).path else "trade-email/")
        page.wait_for_load_state("networkidle")  # Material has read sitemap.xml
    page.evaluate("window.__hbNoReload = true")  # gone if the navigation reloads the whole page
    page.evaluate("""href => {
        const link = Object.assign(document.createElement("a"), {href, id: "hb-journey-link", textContent: "下一页"});
        document.querySelector("article").append(link);
    }""", target)
    page.locator("#hb-journey-link").click()
    page.locator("#hb-journey-link").wait_for(state="detached")  # the new page's content is in
    assert page.url.split("#")[0] == target.split("#")[0], f"went to {page.url}, not {target}"
    assert page.evaluate("window.__hbNoReload") is True, f"arriving at {url} reloaded the page: not instant navigation"
