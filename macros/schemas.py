"""JSON Schemas for editors, generated from the pydantic models in `models.py`.

Every data file starts with `# yaml-language-server: $schema=../../schemas/<kind>.schema.json`,
so VS Code with the Red Hat YAML extension completes field names, shows the Chinese
descriptions and underlines mistakes while a trainer types. The files in `schemas/` are
generated, never edited by hand: `make schemas` (python -m macros.schemas) rewrites them, and
tests/test_schemas.py fails when they are out of date.

The schemas cover what one value or one object may look like; rules that need the whole file
(single-choice questions have one correct option, times do not overlap, ids are unique,
links resolve) are checked only by `make check`.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from pydantic import BaseModel

from macros.models import HolidayNotice
from macros.registry import KINDS

SCHEMA_DIR = "schemas"
# file name -> (model, title shown by editors, description shown by editors)
SCHEMAS: dict[str, tuple[type[BaseModel], str, str]] = {
    f"{kind.schema}.schema.json": (kind.model, kind.label if kind.file is None else f"学习{kind.label}", kind.schema_description)
    for kind in KINDS}
# Not a widget: a year of the State Council's holiday notice, for the agendas (macros/calendars.py).
SCHEMAS["calendar.schema.json"] = (HolidayNotice, "节假日安排",
                                   "data/calendars/<年份>.yml：国务院办公厅当年部分节假日安排的通知，文件名就是年份")


def generate() -> dict[str, dict[str, Any]]:
    """{file name: JSON Schema} for every kind of data file."""
    schemas = {}
    for name, (model, title, description) in SCHEMAS.items():
        schema = model.model_json_schema()
        schema["title"] = title
        schema["description"] = description
        schemas[name] = schema
    return schemas


def dumps(schema: dict[str, Any]) -> str:
    """The exact text written to disk: stable key order, readable Chinese, trailing newline."""
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write(root: str) -> list[str]:
    """Write every schema under `root`/schemas; return the paths that changed."""
    folder = os.path.join(root, SCHEMA_DIR)
    os.makedirs(folder, exist_ok=True)
    changed = []
    for name, schema in generate().items():
        path = os.path.join(folder, name)
        text = dumps(schema)
        try:
            with open(path, encoding="utf-8") as handle:
                if handle.read() == text:
                    continue
        except FileNotFoundError:
            pass
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        changed.append(path)
    return changed


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv if argv is None else argv
    root = os.path.abspath(argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(__file__), ".."))
    changed = write(root)
    for path in changed:
        print(f"已更新 {os.path.relpath(path)}")
    if not changed:
        print(f"{SCHEMA_DIR}/ 已是最新。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
