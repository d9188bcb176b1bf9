"""Validate every data file, macro call and cross-reference without building the site.

Used by the build (`define_env`) and by `make check` (`python -m macros`, see __main__.py),
so both report exactly the same problems.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from macros import links, placeholders, snippets
from macros.anchors import DeferredAnchors
from macros.crossref import Usage, check_data, check_pages, check_widgets_shown
from macros.loader import Handbook, load_handbook
from macros.problems import Problem


@dataclass
class CheckedHandbook:
    handbook: Handbook
    usage: Usage
    problems: list[Problem]
    deferred: DeferredAnchors | None = None  # anchors left for the build to check


def read_config(root: str) -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it (its own YAML loader: `!ENV`, `!relative $config_dir/…`,
    `!!python/…` tags such as the slugify functions, which decide heading ids), without
    validating it or loading plugins, which `load_config` would do and which takes far longer."""
    path = os.path.join(root, "mkdocs.yml")
    # !relative needs only the config file's path here (ConfigDirPlaceholder reads nothing else)
    # (typed as MkDocsConfig, but only its config_file_path is read)
    loader = get_yaml_loader(config=SimpleNamespace(config_file_path=os.path.abspath(path)))  # type: ignore[arg-type]
    with open(path, encoding="utf-8") as handle:
        return yaml_load(handle, loader)


def check_all(root: str, docs_dir: str | None = None, variables: set[str] | None = None,
              defer_anchors: bool = False, config: dict[str, Any] | None = None) -> CheckedHandbook:
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
    placeholder_names, found = placeholders.declared(root)
    problems += found
    prefix = os.path.relpath(docs_dir, root).replace(os.sep, "/") + "/"
    usage, page_problems = check_pages(handbook, docs_dir, variables, prefix, config.get("extra") or {}, deferred,
                                       placeholder_names, snippets.base_paths(config.get("markdown_extensions")))
    page_problems += check_widgets_shown(handbook, usage)
    return CheckedHandbook(handbook, usage, sorted(set(problems + page_problems)), deferred)
