"""One strict build with the CPU time of each part timed (`make bench --attribute`).

    python benchmarks/timed_build.py REPORT.json SITE_DIR     (run in the project folder)

Each part is timed exclusively: a part's own CPU time, without the parts it calls, so the parts
add up to the whole build. CPU time counts this process and the child processes it waited for
(the `git log` of macros/revision_dates.py). The parts:

- every event of every plugin and hook (`PluginCollection.run_event`, one timer per plugin);
- Python-Markdown while MkDocs converts a page: setting up the extensions (one `Markdown()` per
  page), and each pre-, block, tree- and postprocessor's run, named by its class (so an
  extension's cost, e.g. the glossary abbreviations or cjk_abbr, shows on its own);
- the theme's page template (`_build_page`: context, Jinja render, writing the file);
- everything else MkDocs does (loading the config, collecting files, copying static files).

Two whole builds differ by several percent from run to run on a shared machine; these shares,
measured inside one build, hardly depend on what else the machine is doing.
"""

from __future__ import annotations

import json
import os
import sys
import time

import markdown
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.plugins import PluginCollection
from mkdocs.structure.pages import Page


def cpu() -> float:
    """This process (high resolution) plus the children it waited for (clock ticks)."""
    children = os.times()
    return time.process_time() + children.children_user + children.children_system


class Timers:
    """Exclusive CPU time per part: time spent in a nested part is not counted again in its caller."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self.stack: list[list] = []  # [key, started, time of nested parts]

    def run(self, key: str, function, *args, **kwargs):
        self.stack.append([key, cpu(), 0.0])
        try:
            return function(*args, **kwargs)
        finally:
            _, started, nested = self.stack.pop()
            elapsed = cpu() - started
            self.spent[key] = self.spent.get(key, 0.0) + elapsed - nested
            self.calls[key] = self.calls.get(key, 0) + 1
            if self.stack:
                self.stack[-1][2] += elapsed

    def wrap(self, key: str, function):
        return lambda *args, **kwargs: self.run(key, function, *args, **kwargs)


timers = Timers()
in_page_render = False


def run_event(self, name, item=None, **kwargs):  # PluginCollection.run_event, with a timer per plugin
    pass_item = item is not None
    for method in self.events[name]:
        self._current_plugin = self._event_origins.get(method, "<unknown>")
        key = f"plugin {self._current_plugin} on_{name}"
        result = timers.run(key, method, item, **kwargs) if pass_item else timers.run(key, method, **kwargs)
        if result is not None:
            item = result
    self._current_plugin = None
    return item


def processor_key(stage: str, processor) -> str:
    kind = type(processor)
    return f"markdown {stage} {kind.__module__}.{kind.__name__}"


original_init = markdown.Markdown.__init__
original_convert = markdown.Markdown.convert


def markdown_init(self, *args, **kwargs):
    if not in_page_render:  # Markdown used inside a plugin (the macros' widget text) counts there
        return original_init(self, *args, **kwargs)
    return timers.run("markdown set-up (extensions, one Markdown() per page)", original_init, self, *args, **kwargs)


def markdown_convert(self, source):
    if in_page_render and not getattr(self, "_bench_timed", False):
        self._bench_timed = True
        for stage, registry in (("preprocessor", self.preprocessors), ("blockprocessor", self.parser.blockprocessors),
                                ("treeprocessor", self.treeprocessors), ("postprocessor", self.postprocessors)):
            for processor in registry:
                processor.run = timers.wrap(processor_key(stage, processor), processor.run)
        self.parser.parseDocument = timers.wrap("markdown block parser, rest (testing each block)", self.parser.parseDocument)
    if not in_page_render:
        return original_convert(self, source)
    return timers.run("markdown convert, rest (serialising)", original_convert, self, source)


original_render = Page.render


def page_render(self, config, files):
    global in_page_render
    in_page_render = True
    try:
        return timers.run("mkdocs page.render, rest", original_render, self, config, files)
    finally:
        in_page_render = False


original_build_page = mkdocs_build._build_page


def build_page(*args, **kwargs):
    return timers.run("theme page template (_build_page: context, Jinja, write)", original_build_page, *args, **kwargs)


def main(report: str, site_dir: str) -> None:
    PluginCollection.run_event = run_event
    markdown.Markdown.__init__ = markdown_init
    markdown.Markdown.convert = markdown_convert
    Page.render = page_render
    mkdocs_build._build_page = build_page

    def whole_build() -> None:
        config = load_config(config_file="mkdocs.yml", site_dir=site_dir, strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        mkdocs_build.build(config)
        config.plugins.on_shutdown()

    started, wall = cpu(), time.perf_counter()
    timers.run("mkdocs, rest (config, files, nav, static files)", whole_build)
    total = cpu() - started
    with open(report, "w", encoding="utf-8") as out:
        json.dump({"total_cpu_s": total, "wall_s": time.perf_counter() - wall,
                   "parts_cpu_s": timers.spent, "calls": timers.calls}, out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
