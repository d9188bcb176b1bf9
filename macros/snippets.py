"""`--8<-- "file"` lines (pymdownx.snippets): the inserted file must be inside a base path of
mkdocs.yml (the handbook's `includes/`) and exist.

pymdownx refuses anything else with an English traceback, during the build only; checked here,
`make check` and the build both say where and what to write instead.
"""

from __future__ import annotations

import os
import re
from typing import Any

from macros.problems import Problem

NAME = "pymdownx.snippets"
# One file on the marker's line: `--8<-- "file.md"`, optionally `file.md:3:10` or `file.md:section`.
INLINE = re.compile(r"""^(\s*)--8<--\s+(["'])(?P<path>[^"']+)\2\s*$""")
# The block form: a bare `--8<--` line, one file per line, a bare `--8<--` line. `;--8<--` is escaped.
BLOCK = re.compile(r"^\s*--8<--\s*$")
LINE_SUFFIX = re.compile(r"(?::-?\d*){1,2}$|:[A-Za-z_][\w-]*$")


def base_paths(markdown_extensions: list[Any] | None) -> list[str] | None:
    """The `base_path` folders of the snippets extension in mkdocs.yml; None when it is not used."""
    for entry in markdown_extensions or []:
        if entry == NAME:
            return ["."]
        if isinstance(entry, dict) and NAME in entry:
            bases = (entry[NAME] or {}).get("base_path", ["."])
            return [str(base) for base in (bases if isinstance(bases, list) else [bases])]
    return None


def snippet_problems(text: str, display: str, bases: list[str]) -> list[Problem]:
    if "--8<--" not in text:
        return []
    problems = []
    in_block = False
    for number, line in enumerate(text.splitlines(), start=1):
        if BLOCK.match(line):
            in_block = not in_block
            continue
        match = INLINE.match(line)
        if match:
            path, column = match.group("path"), match.start("path") + 1
        elif in_block and line.strip() and not line.lstrip().startswith(";"):
            path, column = line.strip(), len(line) - len(line.lstrip()) + 1
        else:
            continue
        problem = _problem(path, bases)
        if problem:
            problems.append(Problem(display, number, column, *problem))
    return problems


def _problem(path: str, bases: list[str]) -> tuple[str, str] | None:
    if re.match(r"^https?://", path, re.IGNORECASE):
        return None  # remote snippets are off unless url_download is set; pymdownx reports that itself
    file_part = LINE_SUFFIX.sub("", path)
    shown = ", ".join(_shown(base) for base in bases)
    inside = False
    for base in bases:
        root = os.path.realpath(base)
        target = os.path.realpath(os.path.join(root, file_part))
        if target.startswith(root + os.sep):
            inside = True
            if os.path.isfile(target):
                return None
    if not inside:
        return (f"不能插入「{path}」：--8<-- 只能插入 {shown} 里的文件",
                f"把要插入的文件放进 {shown}，再写它在那里的路径，例如 --8<-- \"glossary/trainers.md\"")
    return (f"要插入的文件「{path}」在 {shown} 里不存在",
            f"检查文件名拼写；路径从 {shown} 算起，例如 --8<-- \"glossary/trainers.md\"")


def _shown(base: str) -> str:
    """`includes/` for the handbook's own base path (relative to the working directory if possible)."""
    name = os.path.basename(os.path.normpath(base))
    return f"{name}/" if name else base
