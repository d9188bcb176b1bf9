"""ProperDocs, the maintained fork of MkDocs 1.x (`make build ENGINE=properdocs`, CI job
`properdocs`), builds the same handbook as MkDocs: the same pages, the same widget HTML and the
same article text; only the generator tag may differ."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from helpers import ROOT, build

pytest.importorskip("properdocs", reason="ProperDocs is in requirements-test.txt, which `make test` installs")


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory):
    site_dir = tmp_path_factory.mktemp("properdocs-site")
    result = build(ROOT, site_dir, engine="properdocs")
    assert result.returncode == 0, f"strict ProperDocs build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


def pages(site) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


def parts(site, page: str) -> tuple[list[str], str]:
    """The widgets (each root element's HTML) and the article of one built page."""
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article")
    return [str(widget) for widget in soup.select(".hb-widget")], str(article) if article else ""


def test_same_pages(site, properdocs_site):
    assert pages(properdocs_site) == pages(site)


def test_same_widget_html_and_articles(site, properdocs_site):
    differing = [page for page in pages(site) if parts(site, page) != parts(properdocs_site, page)]
    assert differing == [], f"ProperDocs renders these pages differently: {differing}"
    widgets = sum(len(parts(site, page)[0]) for page in pages(site))
    assert widgets > 20, "the comparison should cover the handbook's widgets"


def test_only_the_generator_tag_differs(site, properdocs_site):
    generator = re.compile(r'<meta name="generator" content="[^"]*">')
    page = "onboarding/index.html"
    ours, theirs = ((folder / page).read_text(encoding="utf-8") for folder in (site, properdocs_site))
    assert "ProperDocs" in generator.search(theirs).group(0)
    assert generator.sub("", ours) == generator.sub("", theirs)


def test_same_search_index(site, properdocs_site):
    """The handbook's search index (macros/search_index.py) is written the same by both engines."""
    index = "search/hb/meta.json"
    assert (properdocs_site / index).read_text(encoding="utf-8") == (site / index).read_text(encoding="utf-8")
    shards = sorted(path.name for path in (site / "search" / "hb" / "s").iterdir())
    assert shards and shards == sorted(path.name for path in (properdocs_site / "search" / "hb" / "s").iterdir())
