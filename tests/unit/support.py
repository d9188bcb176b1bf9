"""Helpers shared by the unit tests.

The project-wide helpers (ROOT, copy_project, build) live in tests/conftest.py. `from conftest
import ...` finds whichever conftest.py pytest imported last (tests/browser/ has one too), so
they are loaded here from the file itself.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
UNIT = Path(__file__).resolve().parent


def _shared_conftest():
    path = TESTS / "conftest.py"
    loaded = sys.modules.get("conftest")
    if loaded is not None and Path(getattr(loaded, "__file__", "") or "").resolve() == path:
        return loaded
    name = "handbook_tests_conftest"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


_conftest = _shared_conftest()
ROOT: Path = _conftest.ROOT
build = _conftest.build
copy_project = _conftest.copy_project

if str(ROOT) not in sys.path:  # `import macros` also when pytest is not started from the root
    sys.path.insert(0, str(ROOT))


def tree_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file under `folder` (Python byte-code caches aside), by relative path."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }
