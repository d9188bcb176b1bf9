"""The strict build reports every trainer mistake of the corpus (tests/unit/bad_input) with the
same `path:line:col:` line as `make check`, writes no site and changes no source file, and builds
the accepted variants.

A few real builds serve the whole corpus: the cases are planted side by side into one copy of
the handbook per batch (a file a case creates gets the case's number, e.g. practice-c13.yml, so
cases that touch different files share a build). The build, like `make check`, reports every
problem at once, so each case's line must be in its batch's build output.
"""

from __future__ import annotations

import copy
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from macros.check import check_all
from macros.links import page_url

from corpus import ACCEPTED, FAILING, Case, expected_line, matching_problems, plant
from helpers import build, copy_project

ROOT = Path(__file__).resolve().parents[2]


def _numbered(path: str, number: str) -> str:
    stem, dot, extension = Path(path).name.partition(".")
    return str(Path(path).with_name(f"{stem}-c{number}{dot}{extension}"))


# Folders whose file names mean something (a holiday notice file is named by its year): cases that
# add files there use different names already and are never renamed.
NAMED_BY_CONTENT = ("data/calendars/",)


def renamed(case: Case) -> Case:
    """The case with the files it creates named after it, so it can share a project copy."""
    number = re.match(r"\d+", case.name).group(0)
    spec = copy.deepcopy(case.spec)
    renames = {}
    for step in spec["plant"]:
        key = next(key for key in step if key in ("write", "append", "replace", "resave", "generate"))
        if not (ROOT / step[key]).exists() and not step[key].startswith(NAMED_BY_CONTENT):
            renames[step[key]] = step[key] = _numbered(step[key], number)
    expect = spec.get("expect")
    if expect and expect.get("path") in renames:
        expect["path"] = renames[expect["path"]]
    for old, new in renames.items():
        if expect:
            hints = expect["hint"] if isinstance(expect["hint"], list) else [expect["hint"]]
            old_stem, new_stem = (Path(name).name.partition(".")[0] for name in (old, new))
            expect["hint"] = [hint.replace(old_stem + ".", new_stem + ".") for hint in hints]
        if old in (spec.get("shows") or {}):
            spec["shows"][new] = spec["shows"].pop(old)
        for kind, item_id in (spec.get("loads") or {}).items():
            if item_id == Path(old).name.partition(".")[0]:
                spec["loads"][kind] = Path(new).name.partition(".")[0]
    return Case(case.name, case.folder, spec)


@dataclass
class Batch:
    name: str
    cases: list[Case]


def changes_existing_files(case: Case) -> bool:
    return any((ROOT / path).exists() for path in case.planted_paths)


def batches(cases: list[Case], prefix: str) -> list[Batch]:
    """Cases grouped so that no two in a group plant the same file. Cases that change the
    handbook's own files (which other cases refer to) never share a group with those that only
    add files."""
    groups: list[tuple[set[str], list[Case]]] = []
    for case in sorted(map(renamed, cases), key=changes_existing_files):
        paths = set(case.planted_paths)
        group = next((group for group in groups
                      if not group[0] & paths and changes_existing_files(group[1][0]) == changes_existing_files(case)), None)
        if group is None:
            groups.append((paths, [case]))
        else:
            group[0].update(paths)
            group[1].append(case)
    return [Batch(f"{prefix}-{index + 1}", group[1]) for index, group in enumerate(groups)]


FAILING_BATCHES = batches(FAILING, "mistakes")
ACCEPTED_BATCHES = batches(ACCEPTED, "accepted")


def tree_state(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file() and "__pycache__" not in path.parts}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every batch planted and built, two builds at a time (the machine has two cores)."""
    pristine = copy_project(tmp_path_factory.mktemp("pristine"))
    prepared = {}
    for batch in FAILING_BATCHES + ACCEPTED_BATCHES:
        project = tmp_path_factory.mktemp(batch.name) / "project"
        shutil.copytree(pristine, project, ignore=shutil.ignore_patterns("__pycache__"))
        for case in batch.cases:
            plant(case, project)
        prepared[batch.name] = (project, tree_state(project), tmp_path_factory.mktemp(f"site-{batch.name}") / "site")
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {name: pool.submit(build, project, site) for name, (project, _, site) in prepared.items()}
        return {name: (*prepared[name], future.result()) for name, future in futures.items()}


def test_the_corpus_needs_only_a_few_builds():
    assert len(FAILING_BATCHES) + len(ACCEPTED_BATCHES) <= 8, [len(batch.cases) for batch in FAILING_BATCHES]


@pytest.mark.parametrize("batch", FAILING_BATCHES, ids=[batch.name for batch in FAILING_BATCHES])
def test_build_reports_each_mistake_as_make_check_does(batch, built):
    project, before, site, result = built[batch.name]
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-3000:]
    assert "Traceback" not in output, output[-3000:]
    checked = "\n".join(str(problem) for problem in check_all(str(project)).problems)
    missing = []
    for case in batch.cases:
        wanted = matching_problems(case, expected_line(case, project), checked)
        if not wanted or wanted[0] not in output:
            missing.append(f"{case.name}: make check says {wanted[:1] or 'nothing matching'}")
    assert not missing, "\n".join(missing) + "\n--- build output ---\n" + output[-4000:]
    assert not (site / "index.html").exists(), "a failed build must not leave a site to publish"
    assert tree_state(project) == before, "the build changed a source file"


@pytest.mark.parametrize("batch", ACCEPTED_BATCHES, ids=[batch.name for batch in ACCEPTED_BATCHES])
def test_accepted_variants_build(batch, built):
    project, before, site, result = built[batch.name]
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    assert (site / "index.html").is_file()
    handbook = check_all(str(project)).handbook
    for case in batch.cases:
        for kind, item_id in (case.spec.get("loads") or {}).items():
            assert item_id in getattr(handbook, kind), f"{case.name}: {kind}/{item_id} was not loaded"
        for source, text in (case.spec.get("shows") or {}).items():
            built_page = site / page_url(source.removeprefix("docs/")) / "index.html"
            assert text in built_page.read_text(encoding="utf-8"), f"{case.name}: {built_page} does not show {text}"
    assert tree_state(project) == before
