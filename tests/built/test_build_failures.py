"""Macro mistakes fail the strict build and name the page; nothing is half-rendered."""

from __future__ import annotations

from helpers import build, copy_project


def _plant(tmp_path, text):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "listing" / "service.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n" + text + "\n", encoding="utf-8")
    return project, build(project, tmp_path / "site")


def test_undefined_variable_fails_naming_the_page(tmp_path):
    _, result = _plant(tmp_path, "联系 {{ company.ceo_name }}。")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "listing/service.md" in output
    assert "ceo_name" in output
    assert not (tmp_path / "site" / "index.html").exists()


def test_macro_syntax_error_fails_naming_the_page_and_line(tmp_path):
    project, result = _plant(tmp_path, '{{ checklist("listing-before-publish" }}')
    output = result.stdout + result.stderr
    lines = (project / "docs" / "listing" / "service.md").read_text(encoding="utf-8").count("\n")
    assert result.returncode != 0
    assert f"docs/listing/service.md:{lines}:" in output
    assert not (tmp_path / "site" / "index.html").exists()
