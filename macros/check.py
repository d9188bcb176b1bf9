"""Validate every data file, macro call and cross-reference without building the site.

Used by the build (`define_env`) and by `make check` (`python -m macros`, see __main__.py),
so both report exactly the same problems.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass

import yaml

from . import links
from .anchors import DeferredAnchors
from .crossref import Usage, check_data, check_pages, check_widgets_shown
from .loader import Handbook, load_handbook
from .problems import Problem


@dataclass
class CheckedHandbook:
    handbook: Handbook
    usage: Usage
    problems: list[Problem]
    deferred: DeferredAnchors | None = None  # anchors left for the build to check


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml. Of its !!python tags, only Markdown extension helpers are built (the
    slugify functions, which decide heading ids); any other is read as null."""


TRUSTED_MODULES = ("pymdownx.", "markdown.")


def _python_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    kind, _, dotted = suffix.partition(":")
    if not dotted.startswith(TRUSTED_MODULES) or kind not in ("name", "object/apply"):
        return None
    module_name, _, attribute = dotted.rpartition(".")
    target = getattr(importlib.import_module(module_name), attribute)
    if kind == "name":
        return target
    if isinstance(node, yaml.MappingNode):
        spec = loader.construct_mapping(node, deep=True)
        return target(*spec.get("args", ()), **spec.get("kwds", {}))
    return target(*loader.construct_sequence(node, deep=True))


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _python_tag)


def read_config(root: str) -> dict:
    with open(os.path.join(root, "mkdocs.yml"), encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_ConfigLoader) or {}  # noqa: S506 - SafeLoader subclass


def check_all(root: str, docs_dir: str | None = None, variables: set[str] | None = None,
              defer_anchors: bool = False, config: dict | None = None) -> CheckedHandbook:
    """Every problem in the handbook. `defer_anchors`: a build checks link anchors against the
    pages it renders (CheckedHandbook.deferred) instead of converting the linked pages now.
    `config`: mkdocs.yml as already loaded (the build has it; reading it again takes a while
    when the nav is long)."""
    config = config if config is not None else read_config(root)
    links.configure_markdown(config.get("markdown_extensions"))  # anchors as the build computes them
    if docs_dir is None or variables is None:
        docs_dir = docs_dir or os.path.join(root, config.get("docs_dir", "docs"))
        variables = variables if variables is not None else set((config.get("extra") or {}).keys())
    deferred = DeferredAnchors() if defer_anchors else None
    handbook, problems = load_handbook(root)
    problems += check_data(handbook, docs_dir, deferred)
    prefix = os.path.relpath(docs_dir, root).replace(os.sep, "/") + "/"
    usage, page_problems = check_pages(handbook, docs_dir, variables, prefix, config.get("extra") or {}, deferred)
    page_problems += check_widgets_shown(handbook, usage)
    return CheckedHandbook(handbook, usage, sorted(set(problems + page_problems)), deferred)
