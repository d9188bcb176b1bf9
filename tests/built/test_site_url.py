"""A fork's site address comes from the environment (HANDBOOK_SITE_URL; deploy.yml passes the Pages
base URL that configure-pages reports), and a build started from another folder
(`mkdocs build -f path/to/mkdocs.yml`) works: canonical links, the 404 page and the sitemap all use
that address."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from helpers import ROOT

SITE_URL = "https://x.example/hb/"


@pytest.fixture(scope="module")
def forked_site(tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")  # not the project: paths must not lean on it
    site_dir = elsewhere / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_SITE_URL": SITE_URL}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "--site-dir", str(site_dir)],
        cwd=elsewhere, capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, f"build from another folder failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


def test_canonical_links_use_the_address(forked_site):
    html = (forked_site / "onboarding" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://x.example/hb/onboarding/">' in html


def test_404_page_links_under_the_base_path(forked_site):
    html = (forked_site / "404.html").read_text(encoding="utf-8")
    local = [link for link in re.findall(r'(?:href|src)="([^"]+)"', html) if not re.match(r"[a-z]+:", link)]
    assert local, "the 404 page should link to the site"
    assert [link for link in local if not link.startswith("/hb/")] == []


def test_sitemap_lists_the_address(forked_site):
    locations = re.findall(r"<loc>([^<]+)</loc>", (forked_site / "sitemap.xml").read_text(encoding="utf-8"))
    assert locations and all(location.startswith(SITE_URL) for location in locations)
