"""Material's search plugin indexes no page (hooks/theme_search_off.py): readers search with the
handbook's own index, search/hb/ (macros/search_index.py), which covers every page."""

from __future__ import annotations

import json


def test_the_theme_index_is_empty_and_the_handbook_index_covers_the_pages(site):
    theme = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert theme["docs"] == [], "the theme's index should hold nothing: nobody downloads it"
    meta = json.loads((site / "search" / "hb" / "meta.json").read_text(encoding="utf-8"))
    urls = {page[0] for page in meta["pages"]}
    assert {"", "onboarding/company/", "trade-email/inquiry-reply/", "glossary/"} <= urls
    assert not any(url.startswith(("print/", "trainers/answer-keys/")) for url in urls)
    shards = [json.loads(path.read_text(encoding="utf-8")) for path in (site / "search" / "hb" / "s").iterdir()]
    assert sum(1 for shard in shards for term in shard if term == "询盘") == 1
