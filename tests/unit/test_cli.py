"""`python -m macros .` (make check): the trainer-facing report, and GitHub annotations in CI."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from macros.problems import HandbookInputError, Problem

from .support import ROOT, copy_project

FAULT = """\
# yaml-language-server: $schema=../../schemas/checklist.schema.json
titel: 练习清单
audience: 新员工
groups:
  - title: 第一天
    items:
      - id: collect-handbook
        text: 领取员工守则
"""
ANNOTATION = re.compile(r"^::error file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+)::(?P<body>.+)$")


def make_check(project: Path, github: bool) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    if github:
        env["GITHUB_ACTIONS"] = "true"
    return subprocess.run([sys.executable, "-m", "macros", "."], cwd=project, capture_output=True, text=True,
                          env=env, timeout=120)


@pytest.fixture(scope="module")
def faulty(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("cli") / "project")
    (project / "data" / "checklists" / "practice.yml").write_text(FAULT, encoding="utf-8")
    return project


def test_github_annotations_when_running_in_actions(faulty):
    result = make_check(faulty, github=True)
    assert result.returncode == 1, result.stdout + result.stderr
    annotations = [ANNOTATION.match(line) for line in result.stdout.splitlines() if line.startswith("::")]
    assert annotations and all(annotations), result.stdout
    wanted = [match for match in annotations
              if (match["file"], match["line"], match["col"]) == ("data/checklists/practice.yml", "2", "1")]
    assert any("不认识的字段「titel」" in match["body"] and "是不是想写「title」" in match["body"] for match in wanted), \
        result.stdout
    # each annotation follows the plain line it annotates, so the log reads the same as locally
    lines = result.stdout.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("::error "):
            match = ANNOTATION.match(line)
            assert lines[index - 1].startswith(f"{match['file']}:{match['line']}:{match['col']}: ")
    assert "发现" in result.stderr and "处问题" in result.stderr


def test_no_annotations_outside_actions(faulty):
    result = make_check(faulty, github=False)
    assert result.returncode == 1
    assert "::error" not in result.stdout
    assert "data/checklists/practice.yml:2:1: 不认识的字段「titel」。怎么改：是不是想写「title」？" in result.stdout


def test_real_project_in_actions():
    """On the handbook itself: exit 0 and no annotation when clean; one annotation per problem otherwise."""
    result = make_check(ROOT, github=True)
    problems = [line for line in result.stdout.splitlines() if re.match(r"^[^:\s]+:\d+:\d+: ", line)]
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) == len(problems)
    assert result.returncode == (1 if problems else 0), result.stdout + result.stderr
    if not problems:
        assert "没有发现问题" in result.stdout


def test_annotation_escaping():
    problem = Problem("docs/a,b:c.md", 3, 4, "百分之 100% 出错\n第二行", "改\r好")
    assert problem.github_annotation() == \
        "::error file=docs/a%2Cb%3Ac.md,line=3,col=4::百分之 100%25 出错%0A第二行。怎么改：改%0D好"


def test_problem_text_and_sorting():
    first = Problem("data/a.yml", 2, 1, "说明", "提示")
    assert str(first) == "data/a.yml:2:1: 说明。怎么改：提示"
    assert str(Problem("data/a.yml", 2, 1, "说明")) == "data/a.yml:2:1: 说明"
    error = HandbookInputError([Problem("data/b.yml", 1, 1, "乙"), first, first])
    assert error.problems == [first, Problem("data/b.yml", 1, 1, "乙")]
    assert str(error).splitlines()[0] == "手册内容有 2 处问题，修好后再构建："
