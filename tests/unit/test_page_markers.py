"""untrusted.might_break_a_rule lets page_safety skip converting a page: it may only skip pages that
cannot break a rule. Every page here gets exactly the problems it gets when no page is skipped.
"""

from __future__ import annotations

import re

import pytest

from macros import links, page_safety, untrusted
from macros.check import read_config
from macros.untrusted import might_break_a_rule

from .support import ROOT, UNIT
from .test_lean_inline import bad_input_pages

# Each of these breaks a rule. The old prefilter let the first six through unconverted, and the old
# page_safety did not read the front matter (next three) of a page without a marker.
BREAKING = {
    "ftp link": "# 页\n\n下载见[文件](ftp://files.example.com/a.zip)。\n",
    "protocol-relative link": "# 页\n\n见[这里](//evil.example/x)。\n",
    "malformed https link": "# 页\n\n见[这里](https://)。\n",
    "attr_list event handler": "# 页\n\n## 标题 { onclick=\"alert(1)\" }\n",
    "attr_list bare word": "# 页\n\n文字 **加粗**{ onmouseover } 后文。\n",
    "blocks attrs": "# 页\n\n/// tab | 甲\n    attrs: {onclick: alert(1)}\n\n内容\n///\n",
    "description with a double quote": '---\ntitle: 页\ndescription: 他说"好"\n---\n\n# 页\n',
    "title with a spaced tag": "---\ntitle: 页 < script>\n---\n\n# 页\n",
    "title with a spaced scheme": "---\ntitle: javas cript:alert(1)\n---\n\n# 页\n",
    "script escaped backticks": "# 页\n\n\\`<script>alert(1)</script>\\`\n",
    "raw HTML block": "# 页\n\n<div>\n<iframe src=\"https://x.example\"></iframe>\n</div>\n",
    "external image": "# 页\n\n![图](https://x.example/a.png)\n",
    "reference to a bad scheme": "# 页\n\n见[这里][r]。\n\n[r]: vbscript:msgbox\n",
    "entity-spelled scheme": "# 页\n\n见[这里](&#106;avascript:alert(1))。\n",
    "autolink with a bad scheme": "# 页\n\n<javascript:alert(1)>\n",
    "code span as a link address": "# 页\n\n见[这里](`javascript:alert(1)`)。\n",
    "tag between code spans": "# 页\n\n`a` <script>alert(1)</script> `b`\n",
    "tag after a span across lines": "# 页\n\n`a\nb` <script>alert(1)</script> `c`\n",
    "code span across lines": "# 页\n\n`a\n<script>alert(1)</script>`\n",
    "unequal backtick runs": "# 页\n\n``a` <script>alert(1)</script> `b``` c\n",
}
# Markdown makes these code, but pairing backticks is subtle here: they are converted to be sure.
TRICKY = {
    "tag after a double backslash": "# 页\n\n\\\\`<script>alert(1)</script>`\n",
    "tag after an escaped backtick": "# 页\n\n\\`a` <script>alert(1)</script> `b`\n",
    "snippet": "# 页\n\n--8<-- \"glossary/call-center.md\"\n",
}
HARMLESS = {
    "comparison": "# 页\n\n照度 UGR<19，温度 < 30 度。\n",
    "macro": "# 页\n\n找 {{ company.hr.name }}（{{ company.hr.phone }}）。\n",
    "page link": "# 页\n\n见[请假](onboarding/company.md#leave)。\n",
    "explicit ids": "# 页\n\n## 标题 { #sec-1 .wide }\n",
    "tag in a code span": ("# 页\n\n文件：`data/quizzes/<id>.yml`，或 `docs/<部分>/<页面>.md`。\n\n"
                           "| 文件 | 例子 |\n| --- | --- |\n| `<id>.yml` | `first-day.yml` |\n"),
}


def problems(docs, text: str, monkeypatch, skip: bool) -> list[str]:
    (docs / "page.md").write_text(text, encoding="utf-8")
    links.page_html_of.cache_clear()  # the same file name is written again and again
    if not skip:  # every page converted, and converted for the rules (links.page_html reads it too)
        monkeypatch.setattr(untrusted, "PAGE_MARKERS", (re.compile(""),))
    found = [str(problem) for problem in page_safety.page_problems(str(docs), "page.md", "docs/page.md")]
    monkeypatch.undo()
    return found


@pytest.fixture
def docs(tmp_path):
    links.configure_markdown(read_config(str(ROOT)).get("markdown_extensions"))
    (tmp_path / "docs").mkdir()
    return tmp_path / "docs"


def pages() -> dict[str, str]:
    found = {f"breaking: {name}": text for name, text in BREAKING.items()}
    found |= {f"harmless: {name}": text for name, text in HARMLESS.items()}
    found |= {f"tricky: {name}": text for name, text in TRICKY.items()}
    found |= {f"docs: {path.relative_to(ROOT / 'docs')}": path.read_text(encoding="utf-8-sig")
              for path in sorted((ROOT / "docs").rglob("*.md"))}
    found |= {f"bad input: {name} {number}": text for number, (name, text) in enumerate(bad_input_pages())}
    found["fixture: anchors.md"] = (UNIT / "fixtures" / "anchors.md").read_text(encoding="utf-8")
    return found


PAGES = pages()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_prefilter_changes_no_answer(name, docs, monkeypatch):
    text = PAGES[name]
    assert problems(docs, text, monkeypatch, skip=True) == problems(docs, text, monkeypatch, skip=False)


@pytest.mark.parametrize("name", sorted(BREAKING))
def test_breaking_pages_are_reported(name, docs, monkeypatch):
    assert problems(docs, BREAKING[name], monkeypatch, skip=True)


@pytest.mark.parametrize("name", sorted(HARMLESS))
def test_harmless_pages_are_skipped(name):
    """The point of the prefilter: most pages are not converted for the rules at all."""
    assert not might_break_a_rule(HARMLESS[name])


def test_markers_are_conservative_in_every_spelling():
    for text in ["<a", "</a", "<!--", "<?x", "&#106;", "&colon;", "![", "]:", "](x:y)", "](//x)", "](/ /x)",
                 "javascript :", "data:", "{ onclick }", "{: .a ONCLICK=x }", "{ href=x }", "{ style=x }",
                 "  /// tab | x", '--8<-- "x.md"', "`a` <b> `c`", "``<b>``", "\\`<b>`", "`a\n<b>`"]:
        assert might_break_a_rule(text), text


# ---------------------------------------------------------------- the same answers, cheaper

OLD_PAGE_MARKERS = tuple(re.compile(pattern, re.MULTILINE) for pattern in (
    r"!\[", r"\]:", r"\]\([^)]*?(?::|/[\x00-\x20\x7f]*/)", r"script\s*:", r"data\s*:",
    r"\{[^\n]*?(?<![\w-])(?:on|srcdoc|style|href|src|action|formaction|xlink|poster|background|data|cite|srcset"
    r"|ping)",
    r"^[ \t]*/{3}", r"-8<",
))


def old_might_break_a_rule(page: str) -> bool:
    """might_break_a_rule as it was before it skipped the regexes that cannot match: the answers
    the faster one must give."""
    lowered = page.lower()
    return any(marker.search(lowered) for marker in OLD_PAGE_MARKERS) or bool(
        untrusted.MARKUP_MARKERS.search(old_without_code_spans(page)))


def old_without_code_spans(page: str) -> str:
    if "``" in page or "\\`" in page or any(line.count("`") % 2 for line in page.split("\n") if "`" in line):
        return page
    return untrusted.ONE_LINE_CODE_SPAN.sub("", page)


# Pieces of the tricks the shortcuts rely on: backticks (paired, odd, doubled, escaped, across
# lines), markup and entities, `///` at and after the start of a line, attr_list words.
PIECES = ["`", "``", "\\`", "\\", "<b>", "<", "&amp;", "&", "\n", "a", " ", "\t", "///", "/", "{", "on", "data:",
          "](x:y)", "中文", "<!--", "`x`", "![", "-8<", "]:"]


def fragment_pages(count: int = 4000) -> list[str]:
    import random
    rng = random.Random(22)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 9))) for _ in range(count)]


@pytest.fixture(scope="module")
def synthetic_pages(synthetic_docs) -> list[str]:
    return [path.read_text(encoding="utf-8-sig") for path in sorted(synthetic_docs.rglob("*.md"))]


def test_the_answers_are_those_of_the_plain_prefilter(synthetic_pages):
    texts = [*PAGES.values(), *synthetic_pages, *fragment_pages()]
    assert [text for text in texts if might_break_a_rule(text) != old_might_break_a_rule(text)] == []
    assert [text for text in texts if untrusted._without_code_spans(text) != old_without_code_spans(text)] == []


def test_the_prefilter_changes_no_answer_in_the_synthetic_book(synthetic_pages, docs, monkeypatch):
    # only pages the prefilter skips can go wrong; those it lets through are converted anyway
    skipped = [text for text in synthetic_pages if not might_break_a_rule(text)]
    assert len(skipped) >= 100
    assert [text for text in skipped
            if problems(docs, text, monkeypatch, skip=True) != problems(docs, text, monkeypatch, skip=False)] == []
