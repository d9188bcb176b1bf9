"""The questions a page answers (front matter `questions:`), read for the search index."""

from __future__ import annotations

import json

from macros.page_questions import by_url, page_problems, page_url, questions_of
from macros.search_index import QUESTIONS, write_index

PAGE = """---
title: 试用期
questions:
  - 试用期多长
  - "  能延长吗  "
owner: HR
---

# 试用期
"""


def test_questions_are_read_from_the_front_matter():
    assert questions_of(PAGE) == ["试用期多长", "能延长吗"]
    assert questions_of("# 没有前置信息\n") == []
    assert questions_of("---\nquestions: 一句话\n---\n") == [], "malformed: make check reports it"
    assert page_problems(PAGE, "docs/x.md") == []


def test_a_malformed_list_is_reported_at_its_line():
    [problem] = page_problems("---\ntitle: x\nquestions: 一句话\n---\n", "docs/x.md")
    assert (problem.path, problem.line) == ("docs/x.md", 3)
    [problem] = page_problems("---\nquestions:\n  - 好问题\n  - 12\n---\n", "docs/x.md")
    assert problem.line == 4 and "引号" in problem.hint
    [problem] = page_problems("---\nquestions:\n  - " + "长" * 41 + "\n---\n", "docs/x.md")
    assert problem.line == 3 and "41" in problem.message


def test_page_addresses_follow_directory_urls():
    assert [page_url(path) for path in ("index.md", "onboarding/index.md", "onboarding/faq.md", "a/b/c.md")] == [
        "", "onboarding/", "onboarding/faq/", "a/b/c/"]


def test_the_index_marks_the_terms_of_a_pages_questions(tmp_path):
    docs, site = tmp_path / "docs", tmp_path / "site"
    (docs / "onboarding").mkdir(parents=True)
    (docs / "onboarding" / "faq.md").write_text(PAGE, encoding="utf-8")
    (site / "onboarding" / "faq").mkdir(parents=True)
    (site / "onboarding" / "faq" / "index.html").write_text(
        '<article class="md-content__inner md-typeset"><h1>常见问题</h1><p>正文</p></article>', encoding="utf-8")
    write_index(str(site), questions=by_url(str(docs)))
    meta = json.loads((site / "search" / "hb" / "meta.json").read_text(encoding="utf-8"))
    postings = {}
    for number in range(meta["shards"]):
        postings.update(json.loads((site / "search" / "hb" / "s" / f"{number}.json").read_text(encoding="utf-8")))
    assert postings["延长"][1] >> 8 & 255 == QUESTIONS, "only in a question: the questions' bit"
    assert postings["正文"][1] >> 8 & 255 == 1
