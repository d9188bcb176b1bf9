"""macros.anchors: in a build, link anchors are checked against the pages MkDocs renders.

The end-to-end proof (a missing anchor fails the build with make check's message, and no site
is written) is in the bad-input corpus: cases 14 (a page link) and 50 (a data link)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from macros import anchor_hook_installed
from macros.anchors import DeferredAnchors
from macros.check import check_all
from macros.problems import Problem

from .support import ROOT, copy_project, load_hook


def problem(line: int) -> Problem:
    return Problem("data/checklists/x.yml", line, 1, "没有锚点", "加上 { #id }")


def test_only_anchors_missing_from_the_rendered_page_are_reported():
    deferred = DeferredAnchors()
    deferred.expect("onboarding/company.md", "leave", problem(1))
    deferred.expect("onboarding/company.md", "qingjia", problem(2))
    deferred.record("onboarding/company.md", '<h2 id="leave">请假</h2>')
    assert deferred.missing() == [problem(2)]
    assert "data/checklists/x.yml:2:1" in deferred.report()


def test_a_page_that_was_not_rendered_has_no_anchors():
    deferred = DeferredAnchors()
    deferred.expect("onboarding/gone.md", "leave", problem(1))
    assert deferred.missing() == [problem(1)]


def test_nothing_missing_gives_no_report():
    deferred = DeferredAnchors()
    deferred.expect("index.md", "top", problem(1))
    deferred.record("index.md", '<h1 id="top">首页</h1>')
    assert deferred.report() is None


def test_the_handbook_hands_every_anchored_link_to_the_build():
    eager, deferred = check_all(str(ROOT)), check_all(str(ROOT), defer_anchors=True)
    assert eager.deferred is None
    assert deferred.problems == eager.problems
    pending = {(item.page, item.anchor) for item in deferred.deferred.pending}
    assert ("trainers/cohort.md", "before") in pending  # a data link (data/checklists/class-teacher.yml)
    assert ("trade-email/timing.md", "limits") in pending  # a page link (docs/listing/rfq.md)
    assert deferred.deferred.missing_without_build(str(ROOT / "docs")) == []


@pytest.fixture
def broken_anchors(tmp_path) -> Path:
    project = copy_project(tmp_path / "project")
    checklist = project / "data" / "checklists" / "class-teacher.yml"
    checklist.write_text(checklist.read_text(encoding="utf-8").replace("cohort.md#before", "cohort.md#befor", 1),
                         encoding="utf-8")
    page = project / "docs" / "listing" / "rfq.md"
    page.write_text(page.read_text(encoding="utf-8").replace("timing.md#limits", "timing.md#limit", 1), encoding="utf-8")
    return project


def test_deferred_and_eager_checks_report_the_same_problems(broken_anchors):
    eager = check_all(str(broken_anchors))
    deferred = check_all(str(broken_anchors), defer_anchors=True)
    assert len(eager.problems) == 2, eager.problems
    assert deferred.problems == []
    assert deferred.deferred.missing_without_build(str(broken_anchors / "docs")) == eager.problems


@pytest.mark.parametrize(("plugins", "installed"), [
    ({"search": object(), "hooks/anchor_links.py": type("Hook", (), {"CHECKS_HANDBOOK_ANCHORS": True})()}, True),
    ({"search": object(), "hooks/valid_html.py": object()}, False),
])
def test_without_the_hook_the_build_checks_anchors_itself(plugins, installed):
    assert anchor_hook_installed({"plugins": plugins}) is installed


def test_the_hook_reads_where_define_env_writes():
    from macros import anchors

    hook = load_hook("anchor_links")
    assert hook.CONFIG_KEY == anchors.CONFIG_KEY
    assert hook.CHECKS_HANDBOOK_ANCHORS is True


def test_the_build_records_the_ids_of_linked_pages_only():
    anchor_links = load_hook("anchor_links")
    deferred = DeferredAnchors()
    deferred.expect("onboarding/company.md", "leave", problem(1))
    config = {anchor_links.CONFIG_KEY: deferred}
    for page, html in (("onboarding/company.md", '<h2 id="leave">请假</h2>'), ("index.md", '<h1 id="top">首页</h1>')):
        anchor_links.on_page_content(html, SimpleNamespace(file=SimpleNamespace(src_uri=page)), config, None)
    assert set(deferred.ids) == {"onboarding/company.md"}
    assert deferred.report() is None


def test_a_missing_anchor_names_the_nearest_id_of_the_rendered_page():
    deferred = DeferredAnchors()
    deferred.expect("onboarding/company.md", "rulez", problem(1))
    deferred.record("onboarding/company.md", '<h2 id="rules">守则</h2><h2 id="leave">请假</h2>')
    assert deferred.missing()[0].hint == "是不是想写「#rules」？" + problem(1).hint
