"""inline_html's shortcut for plain text gives what Markdown gives, on every text of data/ and
on texts made to trip it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from macros.inline import PLAIN_TEXT, converted, inline_html

DATA = Path(__file__).resolve().parents[2] / "data"
TRICKY = ["1. 第一步", "- 列表", "# 标题", "> 引用", "+ 加号", "= 等号", "| 表格 |", "~~删除~~", "**粗体**",
          "_斜体_", "`代码`", "[链接](a.md)", "![图](a.png)", "<b>标签</b>", "A & B", "a \\* b", "两个空格  ",
          " 前面有空格", "换行\n第二行", "a > b", "3 天内回复", "Tab\t分隔", "FOB 价格：USD 12.5/件", "“引号”和 'quote'",
          "邮箱 hr@example.com", "网址 https://example.com/a_b", "100%", "(括号)", "C++ 或 C#"]


def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


TEXTS = sorted({text for path in DATA.rglob("*.yml") for text in strings(yaml.safe_load(path.read_text(encoding="utf-8")))})


def test_most_data_texts_take_the_shortcut():
    plain = [text for text in TEXTS if PLAIN_TEXT.fullmatch(text)]
    assert len(TEXTS) > 500 and len(plain) > len(TEXTS) / 2


@pytest.mark.parametrize("text", TEXTS + TRICKY)
def test_shortcut_gives_what_markdown_gives(text):
    assert inline_html(text) == converted(text)
