"""Docs-relative links (`onboarding/company.md#leave`): check them and turn them into URLs.

Anchors are computed by the build's own Markdown: the page is converted with the
`markdown_extensions` of mkdocs.yml (toc with pymdownx.slugs.slugify, attr_list, tabbed ...)
and every `id` in the result counts, so Chinese headings, explicit `{ #id }` ids, repeated
headings (`_1`, `_2`), setext headings and tab labels get exactly the ids the site gets. The
only difference: macros are not expanded first, so a heading made of `{{ … }}` needs an explicit id.
This is `make check`'s path; a build takes the ids from the HTML it renders (macros/anchors.py).
The built-site link test remains the final word.

`make check` converts many pages (every `#anchor` target, every page the untrusted-HTML rules read),
so each page is converted once (page_html_of, shared by anchors_of and page_safety) and inline
Markdown is parsed only where it can matter (macros/lean_inline.py): same ids, same HTML findings.
"""

from __future__ import annotations

import difflib
import functools
import html
import os
import posixpath
import re
import string
import threading
from typing import Any

import markdown
from pymdownx.slugs import slugify

from macros import lean_inline, untrusted

EXTERNAL = re.compile(r"^(https?:|mailto:|tel:)", re.IGNORECASE)
# An id attribute: one inside a tag (ids_in_html checks that); `&lt;div id="x"&gt;` and a bare
# ` id="x"` shown in a code block are text, not ids.
ID_ATTRIBUTE = re.compile(r"""\sid=(?:"([^"]*)"|'([^']*)')""")
# An entry of mkdocs.yml's `markdown_extensions`: a name, or {name: options}.
ExtensionEntry = str | dict[str, Any]
# Used until configure_markdown() is given the project's mkdocs.yml: the handbook's own settings.
DEFAULT_EXTENSIONS: list[ExtensionEntry] = [
    "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
    {"toc": {"permalink": True, "slugify": slugify(case="lower")}},
    "pymdownx.details", "pymdownx.superfences",
    {"pymdownx.tabbed": {"alternate_style": True, "slugify": slugify(case="lower")}},
]
# Extensions that read other files or need the build's context; they never add heading ids.
SKIPPED_EXTENSIONS = {"pymdownx.snippets"}
_lock = threading.Lock()
_extensions: tuple[list[str], dict[str, Any]] | None = None
_converter: markdown.Markdown | None = None
# MkDocs' use_directory_urls: onboarding/company/ on the website; onboarding/company.html in an
# LMS package (tools/lms), which is served as plain files with no index.html lookup.
_directory_urls = True


def configure_urls(directory_urls: bool) -> None:
    """Set from mkdocs.yml's use_directory_urls by the build, before any page is rendered."""
    global _directory_urls
    if directory_urls != _directory_urls:
        _directory_urls = directory_urls
        href.cache_clear()


def is_external(link: str) -> bool:
    return EXTERNAL.match(link) is not None


def split(link: str) -> tuple[str, str]:
    path, _, anchor = link.partition("#")
    return path, anchor


def configure_markdown(extensions: list[ExtensionEntry] | None) -> None:
    """Use the `markdown_extensions` list of mkdocs.yml (names, or {name: options} mappings)."""
    global _extensions, _converter
    names, options = _split(extensions if extensions is not None else DEFAULT_EXTENSIONS)
    with _lock:
        # by repr: each read of mkdocs.yml makes new (but equal-looking) slugify objects
        if _extensions is None or repr((names, options)) != repr(_extensions):
            _extensions, _converter = (names, options), None
            anchors_of.cache_clear()
            page_html_of.cache_clear()


def _split(extensions: list[ExtensionEntry]) -> tuple[list[str], dict[str, Any]]:
    """mkdocs.yml's list (names, or {name: options}) as Markdown() takes it: names and options."""
    names: list[str] = []
    options: dict[str, Any] = {}
    for entry in extensions:
        name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        if name in SKIPPED_EXTENSIONS:
            continue
        names.append(name)
        if config:
            options[name] = config
    return names, options


def _to_html(text: str, ids_only: bool = False) -> str:
    global _converter
    if _extensions is None:
        configure_markdown(None)
    with _lock:
        if _converter is None:
            assert _extensions is not None  # configure_markdown() has just set it
            names, options = _extensions
            try:
                _converter = markdown.Markdown(extensions=names, extension_configs=options)
            except Exception:
                names, options = _split(DEFAULT_EXTENSIONS)
                _converter = markdown.Markdown(extensions=names, extension_configs=options)
            lean_inline.install(_converter)
        return lean_inline.convert(_converter, text, ids_only)


def ids_in_html(text: str) -> set[str]:
    """The ids of the tags in `text`, as `<[A-Za-z][^<>]*?\\sid="…"` would find them one after
    the other: for each ` id="…"`, the last `<` since the previous id must open a tag (a letter
    after it) with no `>` in between. Looking back from the few ids is far cheaper than trying
    that pattern at every tag of the page."""
    found, searched_to = set(), 0
    match = ID_ATTRIBUTE.search(text)
    while match:
        start = match.start()
        tag = text.rfind("<", searched_to, start)
        if tag != -1 and text[tag + 1] in string.ascii_letters and text.find(">", tag, start) == -1:
            found.add(html.unescape(match.group(1) if match.group(1) is not None else match.group(2)))
            searched_to = match.end()
            match = ID_ATTRIBUTE.search(text, searched_to)
        else:  # not in a tag; its quoted value may hold the start of one: look on from the next character
            match = ID_ATTRIBUTE.search(text, start + 1)
    return found


@functools.lru_cache(maxsize=2048)  # bounded, like page_html_of: the key has the file's mtime
def anchors_of(markdown_path: str, mtime: float = 0.0) -> frozenset[str]:
    """Every id the page's HTML will have: headings, `{ #id }` attributes, tabs, footnotes."""
    return frozenset(ids_in_html(page_html_of(markdown_path, mtime)))


# Bounded: `mkdocs serve` adds an entry per edited page (the key has the file's mtime).
@functools.lru_cache(maxsize=2048)
def page_html_of(markdown_path: str, mtime: float = 0.0) -> str:
    """page_html() of the file, converted once for both its anchors and its HTML rules."""
    with open(markdown_path, encoding="utf-8-sig", errors="replace") as handle:
        text = handle.read()  # a page that is not UTF-8 is reported by pages.scan_page
    return page_html(text)


def page_html(text: str) -> str:
    """A page's Markdown as the build's extensions convert it (macros are not expanded), for its
    ids and tags: text that can hold neither stays unparsed (lean_inline), so it is not the
    page's exact HTML. Of a page that untrusted.might_break_a_rule says no to (page_safety never reads it),
    only the ids are complete."""
    ids_only = not untrusted.might_break_a_rule(text)
    return _to_html(_without_front_matter(text), ids_only)


def _without_front_matter(text: str) -> str:
    """MkDocs removes the YAML front matter before Markdown sees the page; keep the line count."""
    match = re.match(r"^---\s*\n.*?\n---\s*\n", text, re.DOTALL)
    return "\n" * match.group(0).count("\n") + text[match.end():] if match else text


def check(link: str, docs_dir: str, anchors: bool = True) -> tuple[str, str] | None:
    """None when the link works, otherwise (what is wrong, how to fix it) in Chinese.

    `anchors=False` checks only that the page exists; the build checks `#anchor`s later,
    against the ids of the pages it renders (see macros/anchors.py)."""
    if is_external(link):
        return None
    path, anchor = split(link)
    if not path.endswith(".md"):
        return f"链接「{link}」没有指向 .md 页面", "链接写成 docs/ 下的页面路径，例如 onboarding/company.md#leave"
    target = os.path.join(docs_dir, path)
    if not os.path.isfile(target):
        guess = nearest_page(docs_dir, path)
        return (f"链接指向的页面「{path}」不存在", (f"是不是想写「{guess}」？" if guess else "")
                + "检查文件名拼写；数据文件里的路径从 docs/ 算起，例如 onboarding/company.md")
    if anchors and anchor:
        ids = anchors_of(target, os.path.getmtime(target))
        if anchor not in ids:
            return missing_anchor(path, anchor, ids)
    return None


def nearest_page(docs_dir: str, path: str) -> str | None:
    """The existing page whose docs-relative path is closest to a missing one (compnay.md →
    company.md). Only asked for a broken link, so the folder is walked then, not kept."""
    pages = [posixpath.join(os.path.relpath(folder, docs_dir).replace(os.sep, "/"), name).removeprefix("./")
             for folder, _, names in os.walk(docs_dir) for name in names if name.endswith(".md")]
    guess = difflib.get_close_matches(posixpath.normpath(path), pages, n=1, cutoff=0.6)
    return guess[0] if guess else None


def missing_anchor(path: str, anchor: str, ids: frozenset[str] = frozenset()) -> tuple[str, str]:
    """The message for a missing `#anchor`; with the page's ids, the nearest one is suggested."""
    return (f"页面「{path}」里没有锚点「#{anchor}」",
            anchor_guess(anchor, ids) + f"给目标标题末尾加上 {{ #{anchor} }}（注意花括号内的空格），或改用页面里已有的锚点")


def anchor_guess(anchor: str, ids: frozenset[str]) -> str:
    """`是不是想写「#rules」？` for the page's id nearest to a missing anchor, or nothing."""
    guess = difflib.get_close_matches(anchor, sorted(ids), n=1, cutoff=0.6)
    return f"是不是想写「#{guess[0]}」？" if guess else ""


def page_url(src_path: str) -> str:
    """The URL (relative to the site root) of a page, as MkDocs builds it (configure_urls)."""
    src_path = src_path.replace(os.sep, "/")
    if not src_path.endswith(".md"):
        return src_path  # a file such as assets/form.pdf keeps its own name
    stem = src_path[:-3]
    if not _directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@functools.lru_cache(maxsize=8192)  # widgets repeat the same links on many pages; relpath is slow
def href(link: str, from_page_url: str) -> str:
    """Turn a docs-relative link into an href usable on the page at `from_page_url`."""
    if is_external(link):
        return link
    path, anchor = split(link)
    target = page_url(path)
    # the page's folder: onboarding/schedule/ and onboarding/schedule.html are both in onboarding/…
    start = from_page_url.rstrip("/") if from_page_url.endswith("/") else posixpath.dirname(from_page_url)
    relative = posixpath.relpath(target or ".", start or ".")
    if relative == ".":
        relative = "./"
    elif target.endswith("/") or not target:
        relative = relative.rstrip("/") + "/"
    return relative + (f"#{anchor}" if anchor else "")
