"""macros.lean_inline: a page converted with inline parsing only where it matters has exactly the
ids (links.ids_in_html) and the untrusted-HTML findings (untrusted.html_findings) of a full
conversion with the same extensions: on every page of docs/, of the bad-input corpus and of a
synthetic book, and on crafted edge cases.
"""

from __future__ import annotations

import random
import string
import textwrap
from pathlib import Path

import markdown
import pytest

from macros import lean_inline, links
from macros.check import read_config
from macros.untrusted import html_findings

from .support import ROOT, UNIT
from corpus import READABLE  # tests/ is on sys.path (support.py)


def _converters() -> tuple[markdown.Markdown, markdown.Markdown]:
    names, options = links._split(read_config(str(ROOT)).get("markdown_extensions"))
    full = markdown.Markdown(extensions=names, extension_configs=options)
    lean = markdown.Markdown(extensions=names, extension_configs=options)
    lean_inline.install(lean)
    return full, lean


FULL, LEAN = _converters()


def facts(md: markdown.Markdown, text: str, ids_only: bool = False) -> tuple[set[str], list]:
    rendered = lean_inline.convert(md, links._without_front_matter(text), ids_only)
    return links.ids_in_html(rendered), html_findings(rendered)


def same(text: str) -> bool:
    """The lean conversion has the full one's ids and findings; the ids-only one its ids."""
    full_ids, full_findings = facts(FULL, text)
    return facts(LEAN, text) == (full_ids, full_findings) and facts(LEAN, text, ids_only=True)[0] == full_ids


def assert_same(text: str) -> None:
    full_ids, full_findings = facts(FULL, text)
    lean_ids, lean_findings = facts(LEAN, text)
    assert lean_ids == full_ids
    assert lean_findings == full_findings
    assert facts(LEAN, text, ids_only=True)[0] == full_ids


# ---------------------------------------------------------------- corpora


def docs_pages() -> list[Path]:
    return sorted((ROOT / "docs").rglob("*.md")) + [UNIT / "fixtures" / "anchors.md"]


@pytest.mark.parametrize("page", docs_pages(), ids=lambda page: page.name)
def test_handbook_pages(page):
    assert_same(page.read_text(encoding="utf-8-sig"))


def bad_input_pages() -> list[tuple[str, str]]:
    """The Markdown each case of tests/unit/bad_input plants (written, appended or replaced)."""
    pages = []
    for case in READABLE:
        for step in case.spec["plant"]:
            target = step.get("write") or step.get("append") or step.get("replace") or ""
            if not target.endswith(".md"):
                continue
            if "write" in step and "text" in step:
                pages.append((case.name, step["text"]))
            elif "append" in step:
                pages.append((case.name, (ROOT / target).read_text(encoding="utf-8") + step["text"]))
            elif "replace" in step:
                pages.append((case.name, (ROOT / target).read_text(encoding="utf-8").replace(step["old"], step["new"])))
    return pages


def test_bad_input_corpus_has_pages():
    assert len(bad_input_pages()) >= 10


@pytest.mark.parametrize(("case", "text"), bad_input_pages(), ids=[name for name, _ in bad_input_pages()])
def test_bad_input_pages(case, text):
    assert_same(text)


def test_synthetic_book(synthetic_docs):
    pages = sorted(synthetic_docs.rglob("*.md"))
    assert len(pages) >= 100
    assert [page.name for page in pages if not same(page.read_text(encoding="utf-8"))] == []


# ---------------------------------------------------------------- crafted cases

CRAFTED = {
    "duplicate headings": "# 标题\n\n## 标题\n\n## 标题\n\n### 标题 { #标题_1 }\n\n## 标题\n",
    "headings with code, links, bold, keys, escapes": textwrap.dedent("""\
        ## 使用 `code` 的方法
        ## 链接 [公司](a.md) 介绍
        ## **加粗** 标题
        ## __init__ 方法
        ## 按 ++ctrl+c++ 复制
        ## 问\\_答 \\*号
        ## A &amp; B
        ## 结尾带井号 ##
        ## 2027 plan { #2027-plan .cls }
        """),
    "setext headings and a heading taking an explicit id's slug": "第一节\n===\n\n第二节 { #第一节 }\n---\n",
    "attr_list on inline elements, blocks, list items, cells": textwrap.dedent("""\
        文字 **加粗**{ #bold-id } 后文，*斜体*{: #em-id .x } 和 `代码`{ #code-id }。

        一段话
        { #para-id }

        - 项目 **一** { #li-id }
        - 项目二

        | 列 { #th-id } | 列二 |
        | --- | --- |
        | 格 { #td-id } | 二 |

        术语 { #dt-id }
        :   解释
        """),
    "attr_list attributes the rules refuse": textwrap.dedent("""\
        ## 标题 { onclick="alert(1)" }

        文字 **加粗**{ onmouseover } 和 [链接](a.md){ href="javascript:alert(1)" }。
        """),
    "raw HTML ids, inline and block": textwrap.dedent("""\
        文字 <span id="raw-inline">x</span> 和 <a name="n" id='single'>y</a>。

        <div id="raw-block" markdown>
        ## 里面的标题
        文字 **b**
        </div>

        <details id="d1"><summary>s</summary>x</details>
        """),
    "ids shown as code are not ids": textwrap.dedent("""\
        `<h2 id="shown">`

        ```html
        <h2 id="fenced">x</h2>
        ```

            <h2 id="indented">x</h2>

        &lt;h2 id="entity"&gt;
        """),
    "footnotes": "文字[^1] 和又一次[^1]，还有[^note]。\n\n[^1]: 第一条 **加粗**\n[^note]: 第二条[^1]\n",
    "tabs (pymdownx.tabbed with slugify) and blocks tabs": textwrap.dedent("""\
        === "第一 **步**"

            内容

        === "__第二__ 步"

            内容

        === "第一 **步**"

            又一个同名

        /// tab | 甲 `乙`
        内容
        ///

        /// tab | 丙
            attrs: {id: block-tab, onclick: x}
        内容
        ///
        """),
    "admonitions, details, task lists, TOC marker": textwrap.dedent("""\
        [TOC]

        !!! note "注意 **加粗**"
            内容 { #not-an-id }

        ??? tip "提示"
            - [x] 完成
            - [ ] 未完成 [链接](javascript:alert(1))

        ## 最后
        """),
    "links and images the rules refuse": textwrap.dedent("""\
        [a](javascript:alert(1)) [b](ftp://x.example) [c](//evil.example) [d](https://) ![e](https://x.example/a.png)
        **[f](&#106;avascript:alert(1))** [g][ref] <javascript:alert(1)> <https://ok.example> <mail@example.com>
        [h](<java script:alert(1)>)

        [ref]: vbscript:msgbox
        """),
    "raw HTML the rules refuse": "文字 <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n<iframe src=\"https://x\"></iframe>\n",
    "abbreviations in a heading and in text": "## 使用 FOB 报价\n\nFOB 和 **FOB**。\n\n*[FOB]: Free On Board <b>\n",
    "line breaks": "第一行  \n第二行 **b**  \n第三行\n\n## 标题\n",
}


@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_crafted(name):
    assert_same(CRAFTED[name])


def test_crafted_cases_have_what_they_test():
    """The crafted pages do give ids and findings (a case that gives none would prove nothing)."""
    ids, _ = facts(FULL, CRAFTED["attr_list on inline elements, blocks, list items, cells"])
    assert {"bold-id", "em-id", "code-id", "para-id", "th-id", "td-id", "dt-id"} <= ids
    ids, _ = facts(FULL, CRAFTED["footnotes"])
    assert {"fnref:1", "fnref2:1", "fn:1", "fn:note"} <= ids
    ids, _ = facts(FULL, CRAFTED["raw HTML ids, inline and block"])
    assert {"raw-inline", "single", "raw-block", "d1"} <= ids
    assert len(facts(FULL, CRAFTED["links and images the rules refuse"])[1]) >= 6
    assert len(facts(FULL, CRAFTED["attr_list attributes the rules refuse"])[1]) >= 3


# ---------------------------------------------------------------- the characters each pattern needs

ALPHABET = string.printable + "中文字：，。！？“”‘’「」（）【】—…·\u3000\u00a0"


@pytest.mark.parametrize("name", lean_inline._names(LEAN.inlinePatterns))
def test_a_pattern_never_matches_without_the_characters_it_needs(name):
    """PATTERN_NEEDS checked against each pattern's own regular expression: random text (and every
    pair of characters) without the pattern's characters is never matched."""
    pattern = LEAN.inlinePatterns[name]
    alphabet = [char for char in ALPHABET if char not in lean_inline.PATTERN_NEEDS[name]]
    rng = random.Random(name)
    samples = ["".join(rng.choices(alphabet, k=rng.randint(1, 60))) for _ in range(2000)]
    samples += [first + second for first in alphabet for second in alphabet]
    assert [text for text in samples if pattern.compiled_re.search(text)] == []


# ---------------------------------------------------------------- when it applies


def test_the_handbook_converter_is_lean():
    links.configure_markdown(read_config(str(ROOT)).get("markdown_extensions"))
    links.page_html("# x")
    assert links._converter is not None and lean_inline.NAME in links._converter.treeprocessors
    assert lean_inline.NAME in LEAN.treeprocessors


@pytest.mark.parametrize("extension", ["pymdownx.magiclink", "pymdownx.emoji", "smarty"])
def test_an_unknown_extension_means_a_full_conversion(extension):
    """An inline pattern or tree processor the module has not vetted may read any text."""
    names, options = links._split(read_config(str(ROOT)).get("markdown_extensions"))
    md = markdown.Markdown(extensions=[*names, extension], extension_configs=options)
    lean_inline.install(md)
    assert lean_inline.NAME not in md.treeprocessors
    assert "prettify" in md.treeprocessors


def test_a_page_is_converted_once_for_its_anchors_and_its_rules(tmp_path, monkeypatch):
    from macros import page_safety
    links.configure_markdown(read_config(str(ROOT)).get("markdown_extensions"))
    page = tmp_path / "page.md"
    page.write_text("# 页\n\n## 标题 { #sec }\n\n<span>raw</span>\n", encoding="utf-8")
    converted = []
    real = links._to_html
    monkeypatch.setattr(links, "_to_html", lambda text, ids_only: converted.append(text) or real(text, ids_only))
    assert "sec" in links.anchors_of(str(page), page.stat().st_mtime)
    assert page_safety.page_problems(str(tmp_path), "page.md", "docs/page.md") == []
    assert len(converted) == 1
