"""Edits of mkdocs.yml as text, for the benchmark's variants.

Edited as text, not loaded and dumped: the !!python/object/apply slugify tags must survive as
written. Each variant is then loaded with MkDocs' own loader to check the edit did what it meant.
"""

from __future__ import annotations

import re


def without_top_level_key(text: str, key: str) -> str:
    out, skipping = [], False
    for line in text.split("\n"):
        if re.match(rf"^{re.escape(key)}:", line):
            skipping = True
            continue
        if skipping and line and not line[0].isspace():
            skipping = False  # the next top-level key (or its comment) ends the block
        if not skipping:
            out.append(line)
    return "\n".join(out)


def without_list_entry(text: str, entry: str) -> str:
    """Remove `- entry` (or `- entry:` with its nested options) from a YAML list."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        match = re.match(rf"^(\s*)- {re.escape(entry)}:?\s*$", line)
        if match:
            indent, end = len(match.group(1)), i + 1
            while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
                end += 1
            return "\n".join(lines[:i] + lines[end:])
    raise ValueError(f"mkdocs.yml has no list entry `- {entry}`")


def without_line(text: str, pattern: str) -> str:
    """Remove the one line that matches the regex `pattern`."""
    edited, count = re.subn(rf"^{pattern}\n", "", text, flags=re.MULTILINE)
    if count != 1:
        raise ValueError(f"mkdocs.yml has {count} lines matching {pattern!r}, expected 1")
    return edited
