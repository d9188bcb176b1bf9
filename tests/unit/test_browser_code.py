"""The browser code never turns strings into markup: data reaches the page only through
textContent and attributes (issue 23). Explanations, notes and links are rendered, escaped, by the
templates; the scripts only show, hide and move them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "docs" / "assets"
MARKUP_SINKS = re.compile(r"\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write(ln)?|createContextualFragment|DOMParser)\b")
# The handbook's scripts and the LMS package launcher (tools/lms), which runs beside them.
SCRIPTS = sorted(ASSETS.glob("*.js")) + sorted((ROOT / "tools" / "lms" / "launcher").glob("*.js"))


def test_there_are_scripts_to_check():
    assert {"handbook.js", "hb-quiz.js", "hb-progress.js", "hb-checklist.js", "hb-lms.js"} <= {p.name for p in SCRIPTS}


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_no_string_becomes_markup(script):
    found = [f"{script.name}:{number}: {line.strip()}"
             for number, line in enumerate(script.read_text(encoding="utf-8").splitlines(), start=1)
             if MARKUP_SINKS.search(line)]
    assert not found, "build DOM with textContent/attributes, or render it in the template:\n" + "\n".join(found)


def test_the_check_finds_a_sink():
    assert MARKUP_SINKS.search('box.innerHTML = "<p>" + text')
    assert MARKUP_SINKS.search("el.insertAdjacentHTML('afterbegin', x)")
    assert not MARKUP_SINKS.search("el.textContent = text")
