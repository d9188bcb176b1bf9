"""The trainers' guide lists the SCORM packages and question banks the site serves
(`{{ lms_downloads() }}`), and says where they are when a build has none."""

from __future__ import annotations

from markupsafe import escape

from macros import widgets
from macros.crossref import Usage
from macros.loader import Handbook


def render(docs, extra=None):
    site = widgets.Site(Handbook(root=str(docs.parent)), Usage(), str(docs), extra or {})
    return widgets.lms_downloads(site, widgets.Page("trainers/lms/", {}))


def test_lists_what_the_deploy_put_in_docs(tmp_path):
    folder = tmp_path / "docs" / "downloads" / "lms"
    folder.mkdir(parents=True)
    for name in ("track-a.zip", "moodle-all.xml", "notes.txt", "<x>.zip"):
        (folder / name).write_text("", encoding="utf-8")
    html = render(tmp_path / "docs")
    assert html.count("<li>") == 3, "zips and xml files only"
    assert '<a href="../../downloads/lms/track-a.zip" download>' in html
    assert str(escape("<x>.zip")) in html and "<x>.zip" not in html


def test_says_where_they_are_without_them(tmp_path):
    (tmp_path / "docs").mkdir()
    assert widgets.LMS_DOWNLOADS_MISSING in render(tmp_path / "docs")


def test_a_package_lists_no_other_packages(tmp_path):
    folder = tmp_path / "docs" / "downloads" / "lms"
    folder.mkdir(parents=True)
    (folder / "track-a.zip").write_text("", encoding="utf-8")
    assert "<a " not in render(tmp_path / "docs", {widgets.LMS_PACKAGE: {"website": ""}})
