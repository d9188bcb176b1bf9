"""Internal link checker over a built site: every href/src resolves to a file, every #fragment
to an id in the target page. It reads the HTML, so links that macros emit are checked too."""

from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src"}


@functools.cache
def _parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def ids_in(path: Path) -> set[str]:
    soup = _parse(path)
    return {tag["id"] for tag in soup.find_all(id=True)} | {tag["name"] for tag in soup.find_all("a", attrs={"name": True})}


def resolve(site: Path, page: Path, url: str, base_path: str = "/") -> Path | None:
    """The file a URL points to, as a static host serving the site under `base_path` would."""
    path = unquote(urlsplit(url).path)
    if path.startswith("/"):
        if not path.startswith(base_path):
            return None
        target = site / path[len(base_path):]
    else:
        target = page.parent / path if path else page
    target = Path(*target.parts)  # keep it lexical; resolve() would follow symlinks
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def broken_links(site: Path, base_path: str = "/") -> list[str]:
    problems = []
    for page in sorted(site.rglob("*.html")):
        soup = _parse(page)
        for tag_name, attribute in LINK_ATTRIBUTES.items():
            for tag in soup.find_all(tag_name, attrs={attribute: True}):
                url = tag[attribute].strip()
                parts = urlsplit(url)
                if parts.scheme or parts.netloc or url.startswith(("javascript:", "data:")):
                    continue
                where = f"{page.relative_to(site)}: {tag_name} {attribute}={url!r}"
                target = resolve(site, page, url, base_path)
                if target is None:
                    problems.append(f"{where}: no such file")
                elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids_in(target):
                    problems.append(f"{where}: no id {unquote(parts.fragment)!r} in {target.relative_to(site)}")
    return problems


def external_resources(site: Path) -> list[str]:
    """Resources a page would load from outside the site (links to other sites are fine)."""
    found = []
    for page in sorted(site.rglob("*.html")):
        soup = _parse(page)
        for tag_name, attribute in (("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"),
                                    ("video", "src"), ("audio", "src"), ("link", "href")):
            for tag in soup.find_all(tag_name, attrs={attribute: True}):
                if tag_name == "link" and not {"stylesheet", "preload", "icon", "modulepreload", "preconnect", "dns-prefetch"} & set(tag.get("rel", [])):
                    continue
                if urlsplit(tag[attribute]).netloc or tag[attribute].startswith("//"):
                    found.append(f"{page.relative_to(site)}: {tag_name} {attribute}={tag[attribute]}")
        for style in soup.find_all("style"):
            if "@import" in style.text or "url(http" in style.text:
                found.append(f"{page.relative_to(site)}: <style> imports from outside")
    return found
