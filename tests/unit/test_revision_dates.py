"""macros/revision_dates.py: the 最后更新 dates from one `git log`, checked in a throw-away repository
against what git says file by file."""

from __future__ import annotations

import os
import subprocess

import pytest

from macros.revision_dates import RevisionDates, commit_times, shown


def git(repo, *args, date=None):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.invalid")
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=repo, check=True, env=env, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    git(tmp_path, "init", "-q")
    for path, text in {"docs/a.md": "a", "docs/入职/第一天.md": "一", "data/q.yml": "q", "notes.txt": "n"}.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "first", date="2026-03-01T10:00:00+08:00")
    (tmp_path / "docs/a.md").write_text("a2", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("n2", encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "second", date="2026-05-02T23:30:00+08:00")
    git(tmp_path, "mv", "data/q.yml", "data/quiz.yml")
    git(tmp_path, "commit", "-q", "-m", "rename", date="2026-06-03T08:00:00+08:00")
    return tmp_path


def per_file(repo, path):
    out = subprocess.run(["git", "log", "-1", "--format=%at", "--", path], cwd=repo, capture_output=True, text=True)
    return int(out.stdout.strip())


def test_one_log_gives_each_files_newest_commit(repo):
    times = commit_times(str(repo), ["docs", "data"])
    assert set(times) >= {"docs/a.md", "docs/入职/第一天.md", "data/quiz.yml"}, times  # Chinese names unquoted
    for path in ("docs/a.md", "docs/入职/第一天.md", "data/quiz.yml"):
        assert times[path] == per_file(repo, path), path
    assert "notes.txt" not in times  # only the folders asked for


def test_dates_are_china_time():
    assert shown(1764522000).text == "2025年12月1日"  # 2025-11-30 17:00 UTC is already 1 December in China
    assert shown(1764522000).iso == "2025-12-01"


def test_newest_source_counts_and_unknown_files_are_today(repo):
    dates = RevisionDates(str(repo))
    assert dates.last_updated(["docs/入职/第一天.md"]).iso == "2026-03-01"
    assert dates.last_updated(["docs/入职/第一天.md", "docs/a.md"]).iso == "2026-05-02"
    assert dates.last_updated(["docs/new.md"]) == shown(dates.now)  # not committed yet: changed today
    assert dates.last_updated([]) is None


def test_outside_git_every_page_is_today(tmp_path):
    assert commit_times(str(tmp_path), ["docs"]) == {}
    dates = RevisionDates(str(tmp_path))
    assert dates.last_updated(["docs/a.md"]) == shown(dates.now)


class FakeFile:
    def __init__(self, repo, src_uri, generated=False):
        self.src_uri = src_uri
        self.abs_src_path = None if generated else str(repo / "docs" / src_uri)


class FakePage:
    def __init__(self, file):
        self.file, self.meta = file, {}


def test_a_page_is_as_new_as_the_data_it_shows(repo):
    from macros import PageDates

    dates = PageDates(RevisionDates(str(repo)), str(repo))
    page = FakePage(FakeFile(repo, "入职/第一天.md"))  # committed in March
    dates.set_meta(page)
    assert page.meta["last_updated"].iso == "2026-03-01"
    dates.record(page, ["data/quiz.yml"])  # the page shows a quiz renamed in June
    dates.set_meta(page)
    assert page.meta["last_updated"].iso == "2026-06-03"
    printed = FakePage(FakeFile(repo, "print/q.md", generated=True))  # a generated page: its data only
    dates.record(printed, ["docs/a.md"])
    dates.set_meta(printed)
    assert printed.meta["last_updated"].iso == "2026-05-02"


def test_each_macro_names_the_data_files_it_shows():
    """Every file data_files() names exists, for every kind and generated page of the real handbook."""
    from macros import widgets
    from macros.crossref import Usage
    from macros.loader import load_handbook

    from helpers import ROOT

    handbook, problems = load_handbook(str(ROOT))
    assert not problems
    site = widgets.Site(handbook, Usage(), str(ROOT / "docs"), {})
    track = handbook.tracks.tracks[0]
    calls = {("quiz", ("onboarding",)): ["data/quizzes/onboarding.yml"],
             ("answer_key", ("onboarding",)): ["data/quizzes/onboarding.yml"],
             ("checklist", ("first-day",)): ["data/checklists/first-day.yml"],
             ("agenda", ("new-hire-pre-job",)): ["data/agendas/new-hire-pre-job.yml"],
             ("track", (track.id,)): ["data/tracks.yml"],
             ("generated_page", ("checklist", "first-day")): ["data/checklists/first-day.yml"],
             ("generated_page", ("answer-key", "onboarding")): ["data/quizzes/onboarding.yml"],
             ("progress_dashboard", ()): []}
    for (name, args), expected in calls.items():
        assert widgets.data_files(site, name, args) == expected, name
    packet = widgets.data_files(site, "generated_page", ("packet", track.id))
    assert packet[0] == "data/tracks.yml" and len(packet) > 2, packet
    assert all((ROOT / path).is_file() for path in packet), packet


def test_committed_dates_do_not_follow_the_clock(repo, monkeypatch):
    """With the clock faked to a day long after the commits, committed files keep their commit
    dates, and only a file git does not know yet takes the (fake) day of the build."""
    later = 1830297600  # 2028-01-01 00:00 UTC
    monkeypatch.setattr("macros.revision_dates.time.time", lambda: later)
    dates = RevisionDates(str(repo))
    assert dates.last_updated(["docs/入职/第一天.md", "docs/a.md"]).iso == "2026-05-02"
    assert dates.last_updated(["docs/new.md"]).iso == "2028-01-01"
