"""Every built page is valid HTML by the Nu HTML Checker (vnu.jar from npm, run with Java).

Only errors count (--errors-only): warnings do not fail. Material's own markup errors are
repaired at build time by hooks/valid_html.py, so nothing is allowed here. All pages go to one JVM call, which
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
    errors = vnu_errors(pages)
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
    report = [describe(message, tmp_path) for message in errors]
    assert report[0].startswith("bad.html:1: No “p” element in scope"), report
    assert any("“alt” attribute" in line for line in report), report
