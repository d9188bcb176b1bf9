"""Trainers' mistakes (tests/unit/bad_input/*/case.yml) fail `make check` and the strict build
with the same `path:line:col: 说明。怎么改：提示`, produce no site and change no source file.

Every case is data: see tests/unit/bad_input/README.md to add one without code. `make check`
runs in-process (macros.__main__.main, exactly what `python -m macros <copy>` runs); the strict
build runs as a subprocess, as in CI, and fails in on_config within a few seconds.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from .support import UNIT, build, copy_project, tree_hashes
from macros.__main__ import main as check_main
from macros.check import check_all

CORPUS = UNIT / "bad_input"
PLANT_KEYS = {
    "write": {"text", "file", "encoding", "newline"},
    "append": {"text", "encoding", "newline"},
    "replace": {"old", "new"},
    "resave": {"encoding", "newline"},
    "generate": {"text", "size_mb"},
}
EXPECT_KEYS = {"path", "line", "line_of", "hint", "within_seconds"}
CASE_KEYS = {"mistake", "plant", "expect", "accepted", "loads"}
PROBLEM_LINE = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+?)(?:。怎么改：(?P<hint>.+))?$")


@dataclass
class Case:
    name: str
    folder: Path
    spec: dict

    @property
    def accepted(self) -> bool:
        return bool(self.spec.get("accepted"))

    @property
    def expect(self) -> dict:
        return self.spec.get("expect") or {}

    @property
    def hints(self) -> list[str]:
        hint = self.expect.get("hint", [])
        return [hint] if isinstance(hint, str) else list(hint)

    @property
    def planted_paths(self) -> list[str]:
        return [next(value for key, value in step.items() if key in PLANT_KEYS) for step in self.spec["plant"]]


@dataclass
class Planted:
    project: Path
    hashes: dict[str, str]
    line: int | None = None  # the expected line, resolved against the planted files
    results: dict = field(default_factory=dict)


def load_cases() -> list[Case]:
    """Every case folder; a case.yml that cannot be read becomes a case that fails its manifest test."""
    cases = []
    for folder in sorted(path for path in CORPUS.iterdir() if (path / "case.yml").is_file()):
        try:
            with open(folder / "case.yml", encoding="utf-8") as handle:
                spec = yaml.safe_load(handle)
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            spec = {"unreadable": str(error)}
        cases.append(Case(folder.name, folder, spec if isinstance(spec, dict) else {"unreadable": repr(spec)}))
    return cases


CASES = load_cases()
READABLE = [case for case in CASES if "unreadable" not in case.spec]
FAILING = [case for case in READABLE if not case.accepted]
ACCEPTED = [case for case in READABLE if case.accepted]


# ---------------------------------------------------------------- planting


def encode(text: str, step: dict) -> bytes:
    if step.get("newline", "lf") == "crlf":
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return text.encode(step.get("encoding", "utf-8"))


def plant(case: Case, project: Path) -> None:
    for step in case.spec["plant"]:
        action = next(key for key in step if key in PLANT_KEYS)
        target = project / step[action]
        if action == "write":
            target.parent.mkdir(parents=True, exist_ok=True)
            data = (case.folder / step["file"]).read_bytes() if "file" in step else encode(step["text"], step)
            target.write_bytes(data)
        elif action == "append":
            existing = target.read_bytes()
            if existing and not existing.endswith(b"\n"):
                existing += b"\n"
            target.write_bytes(existing + encode(step["text"], step))
        elif action == "replace":
            text = target.read_text(encoding="utf-8")
            assert text.count(step["old"]) == 1, f"{case.name}: `old` must occur exactly once in {step[action]}"
            target.write_text(text.replace(step["old"], step["new"]), encoding="utf-8")
        elif action == "resave":
            text = target.read_bytes().decode("utf-8-sig")
            target.write_bytes(encode(text, step))
        elif action == "generate":
            chunk = step["text"].encode("utf-8")
            size = int(step["size_mb"] * 1_000_000)
            target.write_bytes(chunk * (size // len(chunk) + 1))


def expected_line(case: Case, project: Path) -> int | None:
    if "line" in case.expect:
        return int(case.expect["line"])
    if "line_of" in case.expect:
        wanted = case.expect["line_of"].strip()
        lines = (project / case.expect["path"]).read_text(encoding="utf-8-sig", errors="replace").splitlines()
        found = [number for number, line in enumerate(lines, start=1) if line.strip() == wanted]
        assert found, f"{case.name}: no line `{wanted}` in {case.expect['path']}"
        return found[0]
    return None


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


BUILD_TESTS = {"test_strict_build_fails_the_same_way_without_a_site", "test_accepted_variant_builds"}


@pytest.fixture(scope="module")
def builds(request, pristine, tmp_path_factory):
    """Strict builds of every selected case, started together on a small thread pool (one
    `mkdocs build` subprocess per core), so the build tests wait for results already under way."""
    selected: dict[str, Case] = {}
    for item in request.session.items:
        if item.module is request.module and getattr(item, "originalname", "") in BUILD_TESTS:
            case = item.callspec.params["case"]
            selected.setdefault(case.name, case)
    order = sorted(selected.values(), key=lambda case: not case.accepted)  # full builds are the longest
    pool = ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1)))
    started = {}
    for case in order:
        copy = planted_copy(case, pristine, tmp_path_factory)
        site_dir = tmp_path_factory.mktemp(f"site-{case.name}") / "site"
        started[case.name] = (pool.submit(build, copy.project, site_dir), site_dir)
    yield started
    pool.shutdown(wait=True, cancel_futures=True)


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


def matching_problems(case: Case, line: int | None, output: str) -> list[str]:
    prefix = f"{case.expect['path']}:{line}:" if line is not None else f"{case.expect['path']}:"
    return [row for row in output.splitlines()
            if row.startswith(prefix) and all(hint in row for hint in case.hints)]


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
    if "within_seconds" in case.expect:
        assert elapsed < case.expect["within_seconds"], f"check took {elapsed:.1f} s of CPU time"
    assert tree_hashes(planted.project) == planted.hashes, "make check changed a source file"


@case_params(FAILING)
def test_strict_build_fails_the_same_way_without_a_site(case, planted, builds):
    expected = planted.results.get("check")
    if expected is None:  # run on its own (-k): compute what make check reports
        expected = "\n".join(str(problem) for problem in check_all(str(planted.project)).problems)
    wanted = matching_problems(case, planted.line, expected)
    assert wanted, f"make check does not report the expected problem:\n{expected}"
    future, site_dir = builds[case.name]
    result = future.result()
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-3000:]
    assert wanted[0] in output, f"the build does not report `{wanted[0]}`:\n{output[-3000:]}"
    assert not (site_dir / "index.html").exists(), "a failed build must not leave a site to publish"
    assert tree_hashes(planted.project) == planted.hashes, "the build changed a source file"


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


@case_params(ACCEPTED)
def test_accepted_variant_builds(case, planted, baseline, builds):
    future, site_dir = builds[case.name]
    result = future.result()
    output = result.stdout + result.stderr
    for path in case.planted_paths:
        assert not any(row.startswith(path + ":") for row in output.splitlines()), output[-3000:]
    if baseline:
        pytest.skip("the live project has problems of its own:\n" + "\n".join(sorted(baseline)))
    assert result.returncode == 0, output[-3000:]
    assert (site_dir / "index.html").is_file()
    assert tree_hashes(planted.project) == planted.hashes
