"""hooks/lean_search.py hands Material's search plugin each page without its glossary tooltips'
tags, to save the plugin's HTML parser the work: the index must be the one the plugin writes
without that shortcut."""

from __future__ import annotations

import json

from helpers import build, copy_project


def test_the_index_is_the_one_the_plugin_writes_without_the_shortcut(site, tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if "hooks/lean_search.py" not in line]
    assert len(kept) == len(lines) - 1, "mkdocs.yml no longer lists hooks/lean_search.py"
    config.write_text("".join(kept), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr

    lean = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    plain = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert lean == plain
    assert sum("询盘" in entry["text"] for entry in lean["docs"]) > 5  # the terms' text is still indexed
