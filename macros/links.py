"""Docs-relative links (`onboarding/company.md#leave`): check them and turn them into URLs.

Anchors are computed the way the build computes them (toc with pymdownx.slugs.slugify,
lower case, explicit `{ #id }` attributes win), so a bad link is caught before the build.
The built-site link test remains the final word.
"""

from __future__ import annotations

import functools
import html
import os
import posixpath
import re

from pymdownx.slugs import slugify

EXTERNAL = re.compile(r"^(https?:|mailto:|tel:)", re.IGNORECASE)
HEADING = re.compile(r"^\s{0,12}(#{1,6})\s+(.+?)\s*#*\s*$")
ATTR_ID = re.compile(r"\{\s*[^}]*?#([A-Za-z][\w\-.:]*)[^}]*\}\s*$")
ANY_ATTR_ID = re.compile(r"\{\s*:?\s*#([^\s}]+)[^}]*\}")
FENCE = re.compile(r"^\s*(```|~~~)")
_slugify = slugify(case="lower")


def is_external(link: str) -> bool:
    return EXTERNAL.match(link) is not None


def split(link: str) -> tuple[str, str]:
    path, _, anchor = link.partition("#")
    return path, anchor


@functools.lru_cache(maxsize=None)
def anchors_of(markdown_path: str, mtime: float = 0.0) -> frozenset[str]:
    """Heading ids and explicit attribute ids of a Markdown page."""
    with open(markdown_path, encoding="utf-8-sig") as handle:
        text = handle.read()
    ids: set[str] = set()
    counts: dict[str, int] = {}
    in_fence = False
    for line in text.splitlines():
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        heading = HEADING.match(line)
        if heading:
            title = heading.group(2)
            explicit = ATTR_ID.search(title)
            if explicit:
                ids.add(explicit.group(1))
                continue
            slug = _slugify(_plain(title), "-")
            if slug in counts:  # toc makes repeated headings unique with _1, _2 ...
                counts[slug] += 1
                slug = f"{slug}_{counts[slug]}"
            else:
                counts[slug] = 0
            ids.add(slug)
        else:
            ids.update(ANY_ATTR_ID.findall(line))
    return frozenset(ids)


def _plain(title: str) -> str:
    title = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title)  # [text](url) -> text
    title = re.sub(r"[*_`]", "", title)
    return html.unescape(title)


def check(link: str, docs_dir: str) -> tuple[str, str] | None:
    """None when the link works, otherwise (what is wrong, how to fix it) in Chinese."""
    if is_external(link):
        return None
    path, anchor = split(link)
    if not path.endswith(".md"):
        return f"链接「{link}」没有指向 .md 页面", "链接写成 docs/ 下的页面路径，例如 onboarding/company.md#leave"
    target = os.path.join(docs_dir, path)
    if not os.path.isfile(target):
        return f"链接指向的页面「{path}」不存在", "检查文件名拼写；数据文件里的路径从 docs/ 算起，例如 onboarding/company.md"
    if anchor and anchor not in anchors_of(target, os.path.getmtime(target)):
        return (f"页面「{path}」里没有锚点「#{anchor}」",
                f"给目标标题末尾加上 {{ #{anchor} }}（注意花括号内的空格），或改用页面里已有的锚点")
    return None


def page_url(src_path: str) -> str:
    """The URL (relative to the site root) of a page, with directory URLs as MkDocs builds them."""
    src_path = src_path.replace(os.sep, "/")
    stem = src_path[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def href(link: str, from_page_url: str) -> str:
    """Turn a docs-relative link into an href usable on the page at `from_page_url`."""
    if is_external(link):
        return link
    path, anchor = split(link)
    target = page_url(path)
    start = posixpath.dirname(from_page_url.rstrip("/") + "/x") if from_page_url else ""
    relative = posixpath.relpath(target or ".", start or ".")
    if relative == ".":
        relative = "./"
    elif target.endswith("/") or not target:
        relative = relative.rstrip("/") + "/"
    return relative + (f"#{anchor}" if anchor else "")
