"""Trainers' mistakes (tests/unit/bad_input/*/case.yml) fail `make check` with
`path:line:col: 说明。怎么改：提示`, in the mistake's own file only, and change no source file.

Every case is data: see tests/unit/bad_input/README.md to add one without code. `make check`
runs in-process (macros.__main__.main, exactly what `python -m macros <copy>` runs). That the
strict build reports the same lines is tests/integration/test_bad_input_builds.py.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from macros.__main__ import main as check_main
from macros.check import check_all

from .support import copy_project, tree_hashes
from corpus import (
    ACCEPTED,
    CASE_KEYS,
    CASES,
    EXPECT_KEYS,
    FAILING,
    PLANT_KEYS,
    PROBLEM_LINE,
    READABLE,
    Case,
    Planted,
    expected_line,
    matching_problems,
    plant,
)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("pristine"))


@pytest.fixture(scope="module")
def baseline(pristine) -> set[str]:
    """Problems the live project already has (another change in progress): not the cases' doing."""
    return {str(problem) for problem in check_all(str(pristine)).problems}


_planted: dict[str, Planted] = {}


def planted_copy(case: Case, pristine: Path, tmp_path_factory) -> Planted:
    """The project copy with the case's mistake in it (made once per case)."""
    if case.name not in _planted:
        project = tmp_path_factory.mktemp(case.name) / "project"
        shutil.copytree(pristine, project, ignore=shutil.ignore_patterns("__pycache__"))
        plant(case, project)
        _planted[case.name] = Planted(project, tree_hashes(project), expected_line(case, project))
    return _planted[case.name]


@pytest.fixture
def planted(request, pristine, tmp_path_factory) -> Planted:
    return planted_copy(request.param, pristine, tmp_path_factory)


def case_params(cases: list[Case]):
    return pytest.mark.parametrize(("case", "planted"), [(case, case) for case in cases],
                                   ids=[case.name for case in cases], indirect=["planted"])


def run_check(project: Path, capsys) -> tuple[int, str, float]:
    """`python -m macros <project>`, in-process: exit status, printed problems, CPU seconds (which,
    unlike the wall clock, do not depend on what else the machine is running)."""
    capsys.readouterr()
    started = time.process_time()
    status = check_main(["macros", str(project)])
    elapsed = time.process_time() - started
    captured = capsys.readouterr()
    return status, captured.out + captured.err, elapsed


# ---------------------------------------------------------------- the corpus itself


def test_corpus_has_enough_distinct_cases():
    assert len(FAILING) >= 25
    mistakes = [case.spec.get("mistake") for case in READABLE]
    assert len(set(mistakes)) == len(mistakes), "two cases describe the same mistake"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_case_manifest_is_well_formed(case):
    spec = case.spec
    assert "unreadable" not in spec, f"case.yml is not valid YAML: {spec.get('unreadable')}"
    assert set(spec) <= CASE_KEYS, f"unknown keys {set(spec) - CASE_KEYS}"
    assert isinstance(spec.get("mistake"), str) and spec["mistake"].strip()
    assert spec.get("plant"), "a case plants at least one file"
    for step in spec["plant"]:
        actions = [key for key in step if key in PLANT_KEYS]
        assert len(actions) == 1, f"each plant step has one of {sorted(PLANT_KEYS)}: {step}"
        assert set(step) - {actions[0]} <= PLANT_KEYS[actions[0]], f"unknown keys in {step}"
        assert not Path(step[actions[0]]).is_absolute() and ".." not in Path(step[actions[0]]).parts
    if case.accepted:
        assert "expect" not in spec
    else:
        expect = case.expect
        assert set(expect) <= EXPECT_KEYS, f"unknown keys {set(expect) - EXPECT_KEYS}"
        assert expect.get("path") and ("line" in expect) != ("line_of" in expect), "expect: path and line (or line_of)"
        assert case.hints, "expect.hint: at least one fragment of the hint"
        assert all(isinstance(hint, str) and hint for hint in case.hints), "quote hints such as true, 80, yes"


# ---------------------------------------------------------------- make check


@case_params(FAILING)
def test_make_check_names_file_line_and_hint(case, planted, baseline, capsys):
    status, output, elapsed = run_check(planted.project, capsys)
    planted.results["check"] = output
    assert status != 0, output
    problems = [row for row in output.splitlines() if PROBLEM_LINE.match(row)]
    new = [row for row in problems if row not in baseline]
    assert new, f"no new problem reported:\n{output}"
    for row in new:  # every message has the trainer-facing form, with a hint
        match = PROBLEM_LINE.match(row)
        assert match.group("hint"), f"no 怎么改 in: {row}"
        assert re.search(r"[\u4e00-\u9fff]", match.group("message")), f"message not in Chinese: {row}"
    found = matching_problems(case, planted.line, "\n".join(new))
    assert found, (f"expected {case.expect['path']}:{planted.line}: with {case.hints}; got:\n" + "\n".join(new))
    elsewhere = [row for row in new if not row.startswith(case.expect["path"] + ":")]
    assert not elsewhere, "one mistake, reported in its own file only (no cascade):\n" + "\n".join(elsewhere)
    if case.expect.get("only"):
        assert len(new) == 1, "one mistake, one message:\n" + "\n".join(new)
    if "within_seconds" in case.expect:
        assert elapsed < case.expect["within_seconds"], f"check took {elapsed:.1f} s of CPU time"
    assert tree_hashes(planted.project) == planted.hashes, "make check changed a source file"


# ---------------------------------------------------------------- accepted variants


@case_params(ACCEPTED)
def test_accepted_variant_passes_make_check(case, planted, baseline, capsys):
    status, output, _ = run_check(planted.project, capsys)
    problems = {row for row in output.splitlines() if PROBLEM_LINE.match(row)}
    assert problems <= baseline, "\n".join(sorted(problems - baseline))
    assert status == (1 if baseline else 0), output
    handbook = check_all(str(planted.project)).handbook
    for kind, item_id in (case.spec.get("loads") or {}).items():
        assert item_id in getattr(handbook, kind), f"{kind}/{item_id} was not loaded"
    assert tree_hashes(planted.project) == planted.hashes
