"""Validate every data file, macro call and cross-reference without building the site.

Used by the build (`define_env`) and by `make check` (`python -m macros`, see __main__.py),
so both report exactly the same problems.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import yaml

from .crossref import Usage, check_data_links, check_pages, check_widgets_shown
from .loader import Handbook, load_handbook
from .problems import Problem


@dataclass
class CheckedHandbook:
    handbook: Handbook
    usage: Usage
    problems: list[Problem]


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring the !!python tags it uses for slugify."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(root: str) -> dict:
    with open(os.path.join(root, "mkdocs.yml"), encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_ConfigLoader) or {}  # noqa: S506 - SafeLoader subclass


def check_all(root: str, docs_dir: str | None = None, variables: set[str] | None = None) -> CheckedHandbook:
    if docs_dir is None or variables is None:
        config = read_config(root)
        docs_dir = docs_dir or os.path.join(root, config.get("docs_dir", "docs"))
        variables = variables if variables is not None else set((config.get("extra") or {}).keys())
    handbook, problems = load_handbook(root)
    problems += check_data_links(handbook, docs_dir)
    prefix = os.path.relpath(docs_dir, root).replace(os.sep, "/") + "/"
    usage, page_problems = check_pages(handbook, docs_dir, variables, prefix)
    page_problems += check_widgets_shown(handbook, usage)
    return CheckedHandbook(handbook, usage, sorted(set(problems + page_problems)))
