"""Fixtures shared by the unit tests (the project-wide ones are in tests/conftest.py)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def synthetic_docs(tmp_path_factory) -> Iterator[Path]:
    """docs/ of the benchmark's 120-page synthetic book, written once: the tests only read it."""
    from benchmarks.synthetic import write_handbook_project

    project = tmp_path_factory.mktemp("synthetic") / "handbook"
    write_handbook_project(project, 120, [])
    yield project / "docs"
    shutil.rmtree(project, ignore_errors=True)
