"""Every internal link and anchor of the built site works, including those that macros emit."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from linkcheck import broken_links, external_resources

from helpers import ROOT, build, copy_project, site_base_path


def test_no_broken_internal_links_or_anchors(site):
    assert broken_links(site, site_base_path()) == []


def test_checker_reports_planted_faults_in_html(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<p id="top">x</p>', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text(
        '<a href="../">ok</a> <a href="../#top">ok</a> <a href="../missing/">bad page</a>'
        ' <a href="../#nowhere">bad anchor</a> <a href="https://example.com/x">outside</a>'
        ' <a href="/base/">ok</a> <a href="/base/gone/">bad absolute</a>', encoding="utf-8")
    problems = broken_links(tmp_path, "/base/")
    assert len(problems) == 3, problems
    assert "gone/" in problems[2]
    assert "missing/" in problems[0] and "no such file" in problems[0]
    assert "nowhere" in problems[1]


def test_raw_html_faults_in_a_page_are_caught_after_a_successful_build(tmp_path):
    """MkDocs validates only Markdown links: raw HTML is checked on the built site."""
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "trade-email" / "timing.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n\n<p><a href="../no-such-page/">x</a>'
                    ' <a href="../writing/#no-such-anchor">y</a></p>\n', encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    problems = broken_links(tmp_path / "site")
    assert any("no-such-page" in p for p in problems)
    assert any("no-such-anchor" in p for p in problems)


def test_markdown_faults_fail_the_build_naming_the_page(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "trade-email" / "timing.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n[坏链接](no-such-page.md) [坏锚点](writing.md#no-such-anchor)\n",
                    encoding="utf-8")
    result = build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/trade-email/timing.md" in output
    assert "no-such-page.md" in output and "no-such-anchor" in output
    assert not (tmp_path / "site" / "index.html").exists()


def test_no_page_loads_a_resource_from_outside_the_site(site):
    assert external_resources(site) == []


def test_external_resource_check_catches_a_planted_font(tmp_path):
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">', encoding="utf-8")
    assert len(external_resources(tmp_path)) == 1


def test_lychee_second_opinion_finds_nothing_broken(site, tmp_path):
    lychee = shutil.which("lychee") or str(Path(ROOT, ".venv", "bin", "lychee"))
    # Lay the site out under its base path so root-relative links (404.html uses them) resolve.
    served = tmp_path / site_base_path().strip("/")
    shutil.copytree(site, served)
    result = subprocess.run(
        [lychee, "--offline", "--include-fragments", "--index-files", "index.html", "--no-progress",
         "--root-dir", str(tmp_path), str(served)],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
