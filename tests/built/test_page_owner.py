"""Every content page shows who owns it and when it was last reviewed (front matter `owner:` and
`reviewed:`, displayed by overrides/partials/source-file.html)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from helpers import ROOT

DOCS = ROOT / "docs"


def built_page(site, source):
    relative = source.relative_to(DOCS).with_suffix("")
    folder = relative.parent if relative.name == "index" else relative
    return site / folder / "index.html"


def test_every_content_page_shows_owner_and_review_date(site):
    sources = sorted(DOCS.rglob("*.md"))
    assert len(sources) > 40, "content pages not found"
    problems = []
    for source in sources:
        front = re.match(r"^---\n(.*?)\n---\n", source.read_text(encoding="utf-8"), re.DOTALL)
        owner = re.search(r"^owner:\s*(.+?)\s*$", front.group(1), re.MULTILINE) if front else None
        reviewed = re.search(r"^reviewed:\s*(\d{4}-\d{2}-\d{2})\s*$", front.group(1), re.MULTILINE) if front else None
        name = source.relative_to(DOCS).as_posix()
        if not (owner and reviewed):
            problems.append(f"{name}: front matter lacks owner: or reviewed: YYYY-MM-DD")
            continue
        aside = BeautifulSoup(built_page(site, source).read_text(encoding="utf-8"), "html.parser").select_one(
            "article aside.md-source-file")
        shown_owner = aside.select_one(".hb-page-owner") if aside else None
        shown_date = aside.select_one(".hb-page-reviewed time") if aside else None
        if not (shown_owner and f"内容负责人：{owner.group(1)}" in shown_owner.get_text(" ", strip=True)):
            problems.append(f"{name}: page does not show 内容负责人：{owner.group(1)}")
        if not (shown_date and shown_date.get("datetime") == reviewed.group(1) and reviewed.group(1) in shown_date.get_text()):
            problems.append(f"{name}: page does not show 上次审核 {reviewed.group(1)}")
    assert not problems, "\n".join(problems)
