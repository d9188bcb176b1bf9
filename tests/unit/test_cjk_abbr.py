"""macros/cjk_abbr.py: glossary tooltips inside Chinese sentences, once per section, never in headings."""

from __future__ import annotations

import re

import markdown
import pytest
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown.serializers import to_html_string

from macros import cjk_abbr
from macros.cjk_abbr import tooltip_html

GLOSSARY = """
*[询盘]: 买家发来的询价。
*[询价]: 问价格。
*[询价单]: 写明要问价产品的单子。
*[FOB]: 船上交货。
*[MOQ]: 最小起订量。
*[HS]: 海关编码体系。
*[HS 编码]: 商品的海关编码。
"""


def convert(text: str, ours: bool = True) -> str:
    extensions = ["abbr", "toc"] + ([cjk_abbr.CjkAbbrExtension()] if ours else [])
    return markdown.Markdown(extensions=extensions).convert(text + "\n" + GLOSSARY)


def marked(html: str) -> list[str]:
    return re.findall(r"<abbr title=\"[^\"]+\">([^<]+)</abbr>", html)


def test_stock_abbr_misses_terms_inside_chinese_text():
    """Why the hook exists: the stock extension needs \\b, which Chinese text never has."""
    assert marked(convert("回复询盘时按FOB报价。", ours=False)) == []


def test_terms_inside_chinese_sentences_are_marked():
    html = convert("回复询盘时按FOB报价。")
    assert marked(html) == ["询盘", "FOB"]
    assert "回复<abbr title=\"买家发来的询价。\">询盘</abbr>时按<abbr title=\"船上交货。\">FOB</abbr>报价。" in html


@pytest.mark.parametrize("text", ["FOBS 不是术语。", "型号 MOQ2 不是术语。", "见 xFOB。"])
def test_terms_glued_to_latin_letters_or_digits_are_not_marked(text):
    assert marked(convert(text)) == []


def test_longest_term_wins():
    assert marked(convert("先填询价单，再询价。")) == ["询价单", "询价"]


@pytest.mark.parametrize(("text", "terms"), [("查 HS 编码。", ["HS 编码"]), ("查 HS 编码A。", ["HS"])])
def test_a_longer_term_glued_to_a_letter_gives_way_to_the_shorter_term_it_starts_with(text, terms):
    assert marked(convert(text)) == terms


def test_first_occurrence_per_section_only():
    text = "询盘要快。询盘要准。\n\n### 小节\n\n询盘还在同一节。\n\n## 下一节\n\n新一节的询盘。FOB 和 FOB。\n"
    html = convert(text)
    assert marked(html) == ["询盘", "询盘", "FOB"]
    assert html.index("新一节的<abbr") > html.index("<h2")


def test_headings_and_code_are_left_alone():
    html = convert("## 询盘回复\n\n正文写 `FOB` 与询盘。\n")
    assert re.search(r"<h2[^>]*>询盘回复</h2>", html)
    assert "<code>FOB</code>" in html
    assert marked(html) == ["询盘"]


@pytest.mark.parametrize("heading", ["# 询盘", "## 询盘", "### 询盘", "#### 回复**询盘**"])
def test_no_heading_level_gets_a_tooltip(heading):
    html = convert(f"{heading}\n\n正文的询盘。\n")
    assert marked(html) == ["询盘"]
    assert html.index("<abbr") > html.index("正文")


def test_every_text_piece_is_kept():
    text = "甲询盘乙**询价单**丙 FOB 丁[询价](x.md)戊MOQ己"
    html = convert(text)
    assert re.sub(r"<[^>]+>", "", html.split("</p>")[0]) == "甲询盘乙询价单丙 FOB 丁询价戊MOQ己"
    assert marked(html) == ["询盘", "询价单", "FOB", "询价", "MOQ"]


@pytest.mark.parametrize(("title", "term"), [
    ("买家的询价", "询盘"),
    ('"RFQ" 与 <询价单>', "RFQ"),
    ("R&D、&amp; 与 &#169;", "R&D"),
    ("两行\n解释", "FOB"),
])
def test_a_tooltip_is_the_html_the_serialiser_writes_for_the_abbr_element(title, term):
    element = AbbrTreeprocessor(markdown.Markdown()).create_element(title, term, "")
    assert tooltip_html(title, term) == to_html_string(element)
