"""The query clean-up in docs/assets/hb-search-query.js, run in Node (which has the same
Intl.Segmenter as the browser): what it sends to Material's search worker for a typed query.

々 is the sentinel after each run of Chinese (mkdocs.yml lists it as a search separator)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "assets" / "hb-search-query.js"

CASES = {
    # question and filler words go, the topic stays
    "我的导师是谁": "导师々",
    "储物柜在哪": "储物柜々",
    "年假怎么算": "年假々",
    "怎么报销": "报销々",
    "首封邮件能带附件吗": "首封邮件々 带附件々",
    "着火了怎么办": "着火々",
    "买家不回邮件怎么办": "买家々 回邮件々",
    # a bare word only gets the sentinel, so Material may end a word on its last character
    "报销": "报销々",
    "首次呼叫解决率": "首次呼叫解决率々",
    # a single-character filler inside a row of single characters is part of an idiom
    "能者为师": "能者为师々",
    # Latin words are left alone; Chinese next to them becomes a run of its own
    "valid until": "valid until",
    "RFQ报价名额": "RFQ 报价名额々",
    # nothing but filler: the query goes out unchanged rather than empty
    "什么": "什么",
    "怎么办？": "怎么办？",
}


# Browsers without Intl.Segmenter (Firefox before 125) drop only the phrases
WITHOUT_SEGMENTER = {
    "我的导师是谁": "导师々",
    "储物柜在哪": "储物柜々",
    "报销": "报销々",
    "怎么办": "怎么办",
}


def run(queries, prelude: str = "") -> dict[str, str]:
    program = (f"{prelude}const normalize = require({json.dumps(str(SCRIPT))});"
               f"const queries = {json.dumps(list(queries), ensure_ascii=False)};"
               "process.stdout.write(JSON.stringify(Object.fromEntries(queries.map(q => [q, normalize(q)]))));")
    output = subprocess.run(["node", "-e", program], capture_output=True, text=True, check=True)
    return json.loads(output.stdout)


@pytest.fixture(scope="module")
def normalized() -> dict[str, str]:
    return run(CASES)


@pytest.mark.parametrize("query", CASES)
def test_query_sent_to_the_worker(normalized, query):
    assert normalized[query] == CASES[query]


def test_without_a_word_segmenter():
    assert run(WITHOUT_SEGMENTER, prelude="delete Intl.Segmenter;") == WITHOUT_SEGMENTER
