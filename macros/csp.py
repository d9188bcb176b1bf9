"""A Content-Security-Policy for the built site: only the site's own script files run.

GitHub Pages cannot send headers, so the policy is a <meta http-equiv> tag, placed before any
script of each page. The theme's few inline scripts are allowed by their SHA-256 hashes,
computed from the built pages; any other inline script or event handler attribute (something
that got past validation) is refused by the browser. The hashes of every page are allowed on
every page, because instant navigation runs a new page's scripts under the first page's policy.
Works on any built site folder: `python -m macros.csp site/`.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
import sys
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
SCRIPT_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
JAVASCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
HEAD = re.compile(r"<head[^>]*>(\s*<meta charset=[^>]*>)?", re.IGNORECASE)
MARKER = 'http-equiv="Content-Security-Policy"'
POLICY = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
          "base-uri 'self'; form-action 'self'")


SRC = re.compile(r"\ssrc\s*=", re.IGNORECASE)


def inline_scripts(page: str) -> list[str]:
    """The bodies of the scripts a browser would run from the page itself (not JSON data)."""
    found = []
    for match in INLINE_SCRIPT.finditer(page):
        attrs = match.group("attrs")
        if SRC.search(attrs):
            continue
        kind = SCRIPT_TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") in JAVASCRIPT_TYPES:
            found.append(match.group("body"))
    return found


def policy(hashes: set[str]) -> str:
    return POLICY.format(hashes=" ".join(sorted(hashes)))


@functools.lru_cache(maxsize=16)
def policy_tag(hashes: frozenset[str]) -> str:
    return f'<meta {MARKER} content="{policy(set(hashes))}">'


@functools.lru_cache(maxsize=64)
def script_hash(body: str) -> str:
    """The theme writes the same few scripts into every page: each is hashed once."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


POLICY_TAG = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')


def with_policy(page: str, hashes: set[str]) -> str | None:
    """The page with the policy for `hashes` (its own tag replaced, if it has one); None when it
    is not a page (an HTML fragment runs nothing on its own)."""
    tag = policy_tag(frozenset(hashes))
    head_end = page.find("</head>")  # a policy counts only in <head>, where it is put: look no further
    if POLICY_TAG.search(page, 0, head_end if head_end != -1 else len(page)):
        return POLICY_TAG.sub(lambda _: tag, page, count=1)
    head = HEAD.search(page)
    return page[:head.end()] + "\n    " + tag + page[head.end():] if head else None


class PolicyWriter:
    """Adds the policy as the pages are built, then fixes the few that were written too early.

    Each page gets the policy of the hashes seen so far (`page()`, while the build still holds
    the page in memory). At the end (`finish()`), the HTML files the build did not pass through
    (404.html …) are read for their scripts too, and only the pages whose policy lacks a hash are
    rewritten. Under MkDocs the theme writes the same inline scripts into every page (hooks/csp.py
    sees to it), so the first page brings every hash and no page is written twice. A site is never
    held in memory."""

    def __init__(self) -> None:
        self.hashes: set[str] = set()
        self.written: dict[str, frozenset[str]] = {}  # site-relative path -> hashes in its policy

    def page(self, html: str, dest_path: str) -> str:
        self.hashes.update(script_hash(body) for body in inline_scripts(html))
        result = with_policy(html, self.hashes)
        if result is None:
            return html
        self.written[Path(dest_path).as_posix()] = frozenset(self.hashes)
        return result

    def finish(self, site_dir: str | Path) -> int:
        """Policy on every HTML page of the site; returns how many files had to be (re)written."""
        site = Path(site_dir)
        files = {path.relative_to(site).as_posix(): path for path in sorted(site.rglob("*.html"))}
        for name, path in files.items():
            if name not in self.written:
                self.hashes.update(script_hash(body) for body in inline_scripts(path.read_text(encoding="utf-8")))
        final = frozenset(self.hashes)
        count = 0
        for name, path in files.items():
            if self.written.get(name) == final:
                continue
            result = with_policy(path.read_text(encoding="utf-8"), self.hashes)
            if result is not None:
                path.write_text(result, encoding="utf-8")
                count += 1
        return count


def apply(site_dir: str | Path) -> int:
    """Add the policy to every HTML file of an already built site (any engine); returns how many."""
    return PolicyWriter().finish(site_dir)


if __name__ == "__main__":
    print(f"{apply(sys.argv[1] if len(sys.argv) > 1 else 'site')} pages")
