"""Helpers shared by the unit tests; the project-wide ones (ROOT, copy_project, build) are in
tests/helpers.py."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
UNIT = Path(__file__).resolve().parent

for folder in (TESTS, TESTS.parent):  # `import helpers` and `import macros`, whatever the rootdir
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from helpers import ROOT, build, copy_project  # noqa: E402,F401


def load_hook(name: str):
    """A module from hooks/ (MkDocs loads them by path: they are not a package)."""
    spec = importlib.util.spec_from_file_location(f"{name}_hook", ROOT / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def tree_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file under `folder` (Python byte-code caches aside), by relative path."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }
