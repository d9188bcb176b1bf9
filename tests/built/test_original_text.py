"""The handbook takes facts from the source articles, never sentences.

Any run of 20 or more Chinese characters (punctuation ignored) shared with the sources fails;
lists of names such as the KPI list are shorter than that. Skipped where the sources are absent
(they live in ../shared/seeds beside the repository, not in it).
"""

from __future__ import annotations

import re

import pytest

from helpers import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"
RUN = 20


def _chinese_only(text: str) -> str:
    return re.sub(r"[^\u4e00-\u9fff]", "", text)


def copied_runs(source: str, written: str, length: int = RUN) -> list[str]:
    source, written = _chinese_only(source), _chinese_only(written)
    shingles = {source[i:i + length] for i in range(len(source) - length + 1)}
    return sorted({written[i:i + length] for i in range(len(written) - length + 1)} & shingles)


def test_the_checker_finds_a_copied_sentence():
    source = "新员工入职培训的目的是让新员工尽快了解公司文化、规章制度和工作流程，顺利进入角色。"
    assert copied_runs(source, "我们写道：" + source[3:40]) != []
    assert copied_runs(source, "新员工入职培训帮你尽快了解公司的文化和制度。") == []


@pytest.mark.skipif(not SEEDS.is_dir(), reason="source articles not available here")
def test_no_page_or_data_file_copies_a_sentence_from_the_sources():
    source = "".join(path.read_text(encoding="utf-8") for path in SEEDS.glob("*.txt"))
    copied = {}
    for path in sorted([*ROOT.glob("docs/**/*.md"), *ROOT.glob("data/**/*.yml"), *ROOT.glob("includes/**/*.md")]):
        runs = copied_runs(source, path.read_text(encoding="utf-8"))
        if runs:
            copied[str(path.relative_to(ROOT))] = runs[:3]
    assert copied == {}, "rewrite these passages in your own words"
