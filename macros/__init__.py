"""mkdocs-macros entry point: validates the handbook once, then registers its macros."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any

from mkdocs.exceptions import PluginError

from macros import anchors, company, generated, links, widgets
from macros.check import check_all
from macros.plain_pages import default_syntax, fill_variables
from macros.problems import HandbookInputError
from macros.revision_dates import RevisionDates


def anchor_hook_installed(config: Mapping[str, Any]) -> bool:
    """hooks/anchor_links.py checks link anchors against the rendered pages; without it, check now."""
    return any(getattr(plugin, "CHECKS_HANDBOOK_ANCHORS", False) for plugin in (config.get("plugins") or {}).values())


def loaded_config(config: Mapping[str, Any]) -> dict[str, Any]:
    """The parts of mkdocs.yml that check_all reads, from the configuration MkDocs has loaded."""
    options = config.get("mdx_configs") or {}
    extensions = [{name: options[name]} if name in options else name for name in config.get("markdown_extensions") or []]
    return {"markdown_extensions": extensions, "extra": dict(config.get("extra") or {})}


# `env` is mkdocs-macros' plugin object: its page, markdown and variables attributes are untyped.
def on_pre_page_macros(env: Any) -> None:
    """Skip Jinja (about 2 ms a page) where it would change nothing, or only put in `extra:`
    variables and call macros with constant arguments (see plain_pages.py). Pages that say
    `render_macros: false` stay as they are."""
    if env.page.meta.get("render_macros") is False:
        return  # the page asked to be shown as written: no variables either (make check skips it too)
    if env.has_j2(env.markdown):
        filled = (fill_variables(env.markdown, env.variables, env.page.meta, env.handbook_macros)
                  if default_syntax(env.env) else None)
        if filled is None:
            return  # macro calls or other template code: mkdocs-macros renders the page
        env.markdown = filled
    env.page.meta["render_macros"] = False


def define_env(env: Any) -> None:
    root = os.path.dirname(os.path.abspath(env.conf["config_file_path"]))
    docs_dir = env.conf["docs_dir"]
    later = anchor_hook_installed(env.conf)
    links.configure_urls(bool(env.conf.get("use_directory_urls", True)))  # False in LMS packages (tools/lms)
    result = check_all(root, docs_dir, set(env.conf.get("extra", {}).keys()), defer_anchors=later,
                       config=loaded_config(env.conf))
    if result.problems:
        # Fail before any page renders, with every problem at once: a half-built site must never
        # be published.
        missing = result.deferred.missing_without_build(docs_dir) if result.deferred else []
        raise PluginError(str(HandbookInputError(result.problems + missing)))
    if result.deferred:
        env.conf[anchors.CONFIG_KEY] = result.deferred  # checked by hooks/anchor_links.py
    handbook, usage = result.handbook, result.usage
    if isinstance(env.variables.get("company"), Mapping):  # an empty value reads 请向主管确认, not ""
        env.variables["company"] = company.for_readers(env.variables["company"])
    in_lms_package = bool((env.conf.get("extra") or {}).get(widgets.LMS_PACKAGE))
    env.conf[generated.CONFIG_KEY] = generated.generated_pages(handbook, answer_keys=not in_lms_package)  # added by hooks/generated_pages.py
    dates = RevisionDates(root, [os.path.relpath(docs_dir, root), "data"])
    site = widgets.Site(handbook, usage, docs_dir, dict(env.conf.get("extra") or {}), dates.times)
    env.handbook_dates = PageDates(dates, root)
    env.handbook_macros = {}  # also called by on_pre_page_macros, without Jinja (plain_pages.py)
    for name, function in widgets.all_macros().items():
        env.handbook_macros[name] = _on_current_page(env, site, name, function)
        env.macro(env.handbook_macros[name], name)


class PageDates:
    """The 最后更新 date of each page: its own file and the data files its macros showed."""

    def __init__(self, dates: RevisionDates, root: str) -> None:
        self.dates, self.root = dates, root
        self.shown: dict[str, set[str]] = {}  # page src_uri -> data files, filled as macros run

    def record(self, page: Any, files: list[str]) -> None:
        self.shown.setdefault(page.file.src_uri, set()).update(files)

    def set_meta(self, page: Any) -> None:
        own = [os.path.relpath(page.file.abs_src_path, self.root).replace(os.sep, "/")] if page.file.abs_src_path else []
        page.meta["last_updated"] = self.dates.last_updated(own + sorted(self.shown.get(page.file.src_uri, ())))


def on_post_page_macros(env: Any) -> None:
    """After the macros of a page ran (every page, rendered or not): its 最后更新 date, which
    overrides/partials/source-file.html shows. A front-matter `last_updated:` is replaced."""
    env.handbook_dates.set_meta(env.page)


def _on_current_page(env: Any, site: widgets.Site, name: str, function: Callable[..., str]) -> Callable[..., str]:
    """The macro as Jinja calls it: the page being rendered is mkdocs-macros' `env.page`."""
    def call(*args: Any, **kwargs: Any) -> str:
        env.handbook_dates.record(env.page, widgets.data_files(site, name, args))
        try:
            return function(site, widgets.Page(env.page.url, env.page.meta), *args, **kwargs)
        except widgets.MacroArgumentError as error:  # make check reports these; this is a last guard
            raise PluginError(f"{env.page.file.src_uri}: {error}") from None

    call.__doc__ = function.__doc__
    return call
