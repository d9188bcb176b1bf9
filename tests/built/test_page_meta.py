"""Every built page says its language and has a title and its own meta description.

Material falls back to mkdocs.yml's site_description for a page without `description:` front
matter, so a missing description does not show as missing: only the 404 page may use it.
"""

from __future__ import annotations

import re
from collections import defaultdict

from bs4 import BeautifulSoup

from helpers import ROOT


def site_description() -> str:
    match = re.search(r"^site_description:\s*(.+?)\s*$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)
    return match.group(1)


def test_every_page_has_lang_title_and_its_own_description(site):
    fallback, problems, seen = site_description(), [], defaultdict(list)
    for path in sorted(site.rglob("*.html")):
        name = str(path.relative_to(site))
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        meta = soup.find("meta", attrs={"name": "description"})
        description = (meta.get("content") or "").strip() if meta else ""
        if soup.html.get("lang") != "zh":
            problems.append(f"{name}: <html lang> is {soup.html.get('lang')!r}")
        if not (soup.title and soup.title.get_text(strip=True)):
            problems.append(f"{name}: no <title>")
        if not description:
            problems.append(f"{name}: no meta description")
        elif description == fallback and name != "404.html":
            problems.append(f"{name}: no `description:` in its front matter (shows the site description)")
        seen[description].append(name)
    problems += [f"same description on {', '.join(names)}" for text, names in seen.items() if text and len(names) > 1]
    assert not problems, "\n".join(problems)
