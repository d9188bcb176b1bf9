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


def inline_scripts(page: str) -> list[str]:
    """The bodies of the scripts a browser would run from the page itself (not JSON data)."""
    found = []
    for match in INLINE_SCRIPT.finditer(page):
        attrs = match.group("attrs")
        if re.search(r"\ssrc\s*=", attrs, re.IGNORECASE):
            continue
        kind = SCRIPT_TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") in JAVASCRIPT_TYPES:
            found.append(match.group("body"))
    return found


def script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(hashes: set[str]) -> str:
    return POLICY.format(hashes=" ".join(sorted(hashes)))


def apply(site_dir: str | Path) -> int:
    """Add the policy to every HTML file of a built site; returns how many pages got it.

    Two passes over the files (hashes, then the rewrite), so a large site is never held in memory."""
    pages = sorted(Path(site_dir).rglob("*.html"))
    hashes = {script_hash(body) for path in pages for body in inline_scripts(path.read_text(encoding="utf-8"))}
    tag = f'<meta {MARKER} content="{policy(hashes)}">'
    count = 0
    for path in pages:
        text = path.read_text(encoding="utf-8")
        head = HEAD.search(text)
        if MARKER in text or head is None:
            continue  # already done, or not a page (a fragment runs nothing on its own)
        path.write_text(text[:head.end()] + "\n    " + tag + text[head.end():], encoding="utf-8")
        count += 1
    return count


if __name__ == "__main__":
    print(f"{apply(sys.argv[1] if len(sys.argv) > 1 else 'site')} pages")
