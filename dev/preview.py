"""`mkdocs serve` with faster rebuilds, for dev/serve.py (issue #22: a saved file shows within 2 s).

MkDocs rebuilds the whole site on every save. Most of a rebuild is per page work whose inputs
did not change: converting each page's Markdown to HTML and splitting its text into search
entries (jieba). This runs MkDocs' own `serve` command with these changes:

- a page's HTML is reused when its Markdown *after the macros* is the same, for the same page
  address, the same set of site files and the same mkdocs.yml, snippets and hooks. Every page is
  still read and rendered by the macros on every rebuild, so a data file change reaches exactly
  the pages that show it; the trainer data checks (macros `check_all` in on_config) and the
  anchor checks run as before, and the warnings a reused page's conversion printed are printed
  again;
- a page's search entries are reused when its HTML, table of contents, title and metadata are
  the same, for the same search options and jieba dictionaries;
- the theme's compiled templates are kept (MkDocs compiles them again on every build);
- MkDocs' polling watcher looks for changes every 0.1 s instead of 0.5 s (still polling, so it
  works on every file system MkDocs supports; a poll of docs/, data/ and macros/ takes < 1 ms,
  an idle preview uses about 1 % of a core).

`python -m benchmarks.preview_bench --plain` measures the effect (save -> page shown).

`mkdocs build` (CI, `make build`) is not touched: this only runs under `make serve`.

    python dev/preview.py serve [mkdocs serve options]
"""

from __future__ import annotations

import hashlib
import inspect
import logging
import os
import re
import sys
from collections import OrderedDict
from pathlib import Path

import jinja2

log = logging.getLogger("mkdocs.hb_preview")
POLL_INTERVAL_S = 0.1
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
MAX_ENTRIES = 1000  # memo entries kept per memo (a page edited 1000 times does not grow it further)


class Memo:
    """A bounded dict: the oldest entries go first."""

    def __init__(self, size: int = MAX_ENTRIES):
        self.size = size
        self.entries: OrderedDict = OrderedDict()

    def get(self, key):
        value = self.entries.get(key)
        if value is not None:
            self.entries.move_to_end(key)
        return value

    def put(self, key, value) -> None:
        self.entries[key] = value
        while len(self.entries) > self.size:
            self.entries.popitem(last=False)


class Recorder(logging.Handler):
    """Keeps the log records a page's conversion emits, to emit them again when it is reused."""

    def __init__(self):
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if all(record is not seen for seen in self.records):  # seen once, though two loggers pass it on
            self.records.append(record)


def _stat_tree(path: Path) -> list[tuple[str, int, int]]:
    if path.is_file():
        stat = path.stat()
        return [(str(path), stat.st_mtime_ns, stat.st_size)]
    found = []
    for root, _dirs, names in os.walk(path):
        for name in names:
            found.extend(_stat_tree(Path(root, name)))
    return sorted(found)


def _stable_repr(value) -> str:
    """repr without object addresses, which differ from one config load to the next."""
    return ADDRESS.sub("", repr(value))


def conversion_inputs(config, files) -> str:
    """What a page's conversion reads besides its own Markdown: the site's files and their
    addresses (relative links), mkdocs.yml, the snippet folders and the hooks (the glossary
    reaches the abbr extension through hooks/cjk_abbr.py). Once per build: `files` is new each time."""
    known = getattr(files, "_hb_preview_inputs", None)
    if known is not None:
        return known
    digest = hashlib.sha256()
    for file in sorted(files, key=lambda f: f.src_uri):
        digest.update(f"{file.src_uri}\0{file.dest_uri}\0{file.url}\0{file.inclusion}\n".encode())
    paths = [Path(config.config_file_path)] if config.config_file_path else []
    snippets = (config.mdx_configs or {}).get("pymdownx.snippets", {}).get("base_path", [])
    paths += [Path(p) for p in ([snippets] if isinstance(snippets, str) else snippets)]
    config_dir = Path(config.config_file_path or ".").parent
    paths += [config_dir / hook for hook in config.hooks]  # a hook's file, relative to mkdocs.yml
    for path in paths:
        if path.exists():
            digest.update(repr(_stat_tree(path)).encode())
    for extension in config.markdown_extensions:  # names, or extension objects a hook made
        digest.update(_stable_repr(extension).encode())
        if not isinstance(extension, str):
            source = inspect.getsourcefile(type(extension))
            digest.update(repr(_stat_tree(Path(source)) if source else None).encode())
            digest.update(_stable_repr(extension.getConfigs()).encode())
    digest.update(_stable_repr(config.mdx_configs).encode())
    known = digest.hexdigest()
    files._hb_preview_inputs = known
    return known


def memoise_page_render(Page, render_memo: Memo) -> None:
    """Page.render: reuse the HTML, toc, title and anchors of an unchanged page."""
    original = Page.render

    def render(self, config, files):
        if self.markdown is None:
            return original(self, config, files)
        key = hashlib.sha256("\0".join([conversion_inputs(config, files), self.file.src_uri, self.url,
                                         self.markdown]).encode()).hexdigest()
        saved = render_memo.get(key)
        if saved is None:
            log.debug(f"Converting {self.file.src_uri} (changed since the last build)")
            recorder = Recorder()
            loggers = [logging.getLogger(), logging.getLogger("mkdocs")]
            for logger in loggers:
                logger.addHandler(recorder)
            try:
                original(self, config, files)
            finally:
                for logger in loggers:
                    logger.removeHandler(recorder)
            links = {to_file.src_uri: dict(anchors) for to_file, anchors in (self.links_to_anchors or {}).items()}
            render_memo.put(key, (self.content, self.toc, self._title_from_render, set(self.present_anchor_ids or ()),
                                  links, recorder.records))
            return None
        content, toc, title, anchors, links, records = saved
        for record in records:  # the same warnings as when it was converted
            logging.getLogger(record.name).handle(record)
        self.content, self.toc, self._title_from_render = content, toc, title
        self.present_anchor_ids = set(anchors)
        # validate_anchor_links (after all pages) needs this build's File objects
        self.links_to_anchors = {files.get_file_from_path(src): dict(found) for src, found in links.items()
                                 if files.get_file_from_path(src) is not None}
        return None

    Page.render = render


def _toc_key(items) -> tuple:
    return tuple((item.id, item.url, item.title, item.level, _toc_key(item.children)) for item in items)


def _index_inputs(index) -> str:
    """The search plugin's options and its jieba dictionaries (they decide the segmentation).
    Once per build: the index is new each time."""
    known = getattr(index, "_hb_preview_inputs", None)
    if known is None:
        dictionaries = [index.config.get(name) for name in ("jieba_dict", "jieba_dict_user")]
        known = _stable_repr((sorted(index.config.items(), key=lambda item: item[0]),
                              [_stat_tree(Path(path)) for path in dictionaries if path and Path(path).exists()]))
        index._hb_preview_inputs = known
    return known


def memoise_search_entries(SearchIndex, search_memo: Memo) -> None:
    """Material's search index: reuse an unchanged page's entries (its jieba segmentation)."""
    original = SearchIndex.add_entry_from_context

    def add_entry_from_context(self, page):
        meta = {name: page.meta.get(name) for name in ("title", "tags", "search")}
        key = hashlib.sha256(repr((_index_inputs(self), page.url, page.title, sorted(meta.items()),
                                   _toc_key(page.toc), page.content)).encode()).hexdigest()
        saved = search_memo.get(key)
        if saved is None:
            log.debug(f"Indexing {page.file.src_uri} for search (changed since the last build)")
            before = len(self.entries)
            original(self, page)
            search_memo.put(key, [dict(entry) for entry in self.entries[before:]])
            return
        self.entries.extend(dict(entry) for entry in saved)

    SearchIndex.add_entry_from_context = add_entry_from_context


class TemplateCache(jinja2.BytecodeCache):
    """Compiled theme templates, kept across rebuilds. Jinja checks each template's source
    against the checksum it was compiled from, so an edited template is compiled again."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def cache_theme_templates(Theme) -> None:
    """MkDocs makes a new Jinja environment for the theme on every build, and so compiles every
    template again. One compiled-template cache per set of environment options and extensions."""
    original = Theme.get_env
    caches: dict[str, TemplateCache] = {}

    def get_env(self):
        env = original(self)
        options = _stable_repr((sorted(env.extensions), env.block_start_string, env.variable_start_string,
                                env.comment_start_string, env.line_statement_prefix, env.trim_blocks,
                                env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline, env.autoescape,
                                env.optimized, self.dirs))
        env.bytecode_cache = caches.setdefault(options, TemplateCache())
        return env

    Theme.get_env = get_env


def poll_faster(serve_module) -> None:
    """MkDocs' LiveReloadServer polls every 0.5 s by default; `serve` does not let us change it."""
    server_class = serve_module.LiveReloadServer

    class Server(server_class):
        def __init__(self, *args, **kwargs):
            kwargs.setdefault("polling_interval", POLL_INTERVAL_S)
            super().__init__(*args, **kwargs)

    serve_module.LiveReloadServer = Server


def install() -> None:
    from material.plugins.search.plugin import SearchIndex
    from mkdocs.commands import serve
    from mkdocs.structure.pages import Page
    from mkdocs.theme import Theme

    memoise_page_render(Page, Memo())
    cache_theme_templates(Theme)
    memoise_search_entries(SearchIndex, Memo())
    poll_faster(serve)


def main() -> None:
    # as `python -m mkdocs`: the project folder, not dev/, comes first on the import path
    sys.path[0] = os.getcwd()
    install()
    from mkdocs.__main__ import cli

    cli(prog_name="mkdocs")


if __name__ == "__main__":
    main()
