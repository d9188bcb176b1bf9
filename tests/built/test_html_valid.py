"""Every built page is valid HTML by the Nu HTML Checker (vnu.jar from npm, run with Java).

Only errors count (--errors-only): warnings do not fail. All pages go to one JVM call, which
takes seconds where one call per page would take minutes.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from helpers import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Errors in Material for MkDocs' own templates that cannot be removed without forking them
# (each must match both the message and the markup the checker quotes, so an error of ours with
# the same message still fails):
#  - base.html puts autocomplete="off" on its drawer and search toggles, outside any block, on
#    purpose: it stops Firefox restoring a checked toggle on back/reload (squidfunk/mkdocs-material#1513).
#  - partials/nav-item.html writes tabindex="" on section labels; Material's JavaScript selects
#    label[tabindex] to keep aria-expanded in step, so the empty attribute cannot simply be dropped.
#  - partials/toc.html labels its title for="__toc", but a section index page
#    (navigation.indexes) has no __toc toggle.
THEME_ERRORS = [
    (re.compile(r"^Attribute “autocomplete” is only allowed when the input type is"),
     re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__\1" autocomplete="off">')),
    (re.compile(r"^Bad value “” for attribute “tabindex” on element “label”"),
     re.compile(r'<label class="md-nav__link [^"]*" for="(__nav_[0-9_]+)" id="\1_label" tabindex="">')),
    (re.compile(r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control"),
     re.compile(r'<label class="md-nav__title" for="__toc">')),
]


def vnu_errors(files: list[Path]) -> list[dict]:
    """The checker's error messages for `files`, checked in one JVM."""
    assert shutil.which("java"), "the HTML checker needs Java (apt-get install default-jre-headless)"
    assert VNU.exists(), f"{VNU} is missing: run `npm ci`"
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True, text=True, timeout=900,
    )
    try:
        report = json.loads(result.stderr)  # vnu writes its report to stderr
    except json.JSONDecodeError:
        raise AssertionError(f"vnu.jar failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}") from None
    return [message for message in report["messages"] if message.get("type") != "info"]


def is_theme_error(message: dict) -> bool:
    return any(text.search(message.get("message", "")) and markup.search(message.get("extract", ""))
               for text, markup in THEME_ERRORS)


def describe(message: dict, root: Path) -> str:
    path = re.sub(r"^file:", "", message.get("url", ""))
    try:
        path = str(Path(path).relative_to(root))
    except ValueError:
        pass
    extract = " ".join(message.get("extract", "").split())
    return f"{path}:{message.get('lastLine', '?')}: {message.get('message')}\n    {extract}"


def test_every_page_is_valid_html(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20, pages
    errors = [message for message in vnu_errors(pages) if not is_theme_error(message)]
    report = "\n".join(describe(message, site) for message in errors)
    print(report)
    assert not errors, f"{len(errors)} HTML error(s) in {len(pages)} pages:\n{report}"


def test_checker_reports_invalid_html(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><html lang="zh"><head><title>x</title></head><body>'
                    '<p><div>块</div></p><img src="a.png"><input type="checkbox" id="x" autocomplete="off">'
                    '</body></html>', encoding="utf-8")
    errors = vnu_errors([page])
    assert len(errors) == 3, errors
    assert not any(is_theme_error(message) for message in errors), "the allow-list is too broad"
    report = [describe(message, tmp_path) for message in errors]
    assert report[0].startswith("bad.html:1: No “p” element in scope"), report
    assert any("“alt” attribute" in line for line in report), report
