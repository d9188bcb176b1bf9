"""`make bench` still runs: a 20-page book, one build of each variant and the timed builds.

The benchmark takes minutes for real sizes and is not part of the suite; this keeps it from
rotting when mkdocs.yml, the macros or the hooks change (issue #24 item 8). About 20-40 s.
"""

from __future__ import annotations

import json
import re

from benchmarks.build_bench import html_pages, main

NUMBER = r"\d+\.\d+"


def test_bench_builds_three_variants_of_the_same_pages(tmp_path, capsys):
    output = tmp_path / "results.json"
    workdir = tmp_path / "work"
    code = main(["--pages", "20", "--repeat", "1", "--warmup", "0", "--attribute", "--keep",
                 "--workdir", str(workdir), "--output", str(output)])
    printed = capsys.readouterr().out
    assert code == 0

    for variant in ("handbook", "stock", "no-git"):  # a table row with wall s, CPU s and peak MB
        assert re.search(rf"^20\s+20\s+\d+\s+{variant}\s+1\s+{NUMBER}\s+{NUMBER}\s+{NUMBER}\s+\d+\s", printed, re.MULTILINE), printed
    for ratio in ("handbook/stock", "no-git/stock", "handbook/no-git"):
        assert re.search(rf"{ratio}\s+wall {NUMBER}\s+CPU {NUMBER}", printed), printed
    assert re.search(rf"^plugin macros\s+{NUMBER}\s+0\.00\s", printed, re.MULTILINE), printed
    assert re.search(rf"^whole build\s+{NUMBER}\s+{NUMBER}\s", printed, re.MULTILINE), printed

    sites = {variant: workdir / "n20" / f"site-{variant}" for variant in ("handbook", "stock", "no-git")}
    handbook = html_pages(sites["handbook"])
    assert len(handbook) > 20  # the pages and the generated ones
    assert any(page.startswith("print/") for page in handbook)
    assert html_pages(sites["stock"]) == handbook
    assert html_pages(sites["no-git"]) == handbook
    # Stock is stock: none of our plugins' or hooks' marks in its pages.
    stock_home = (sites["stock"] / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="Content-Security-Policy"' not in stock_home
    assert "hb-search-on-demand.js" not in stock_home
    assert 'http-equiv="Content-Security-Policy"' in (sites["handbook"] / "index.html").read_text(encoding="utf-8")

    result = json.loads(output.read_text(encoding="utf-8"))["results"][0]
    assert set(result["variants"]) == {"handbook", "stock", "no-git"}
    assert all(v["wall_s"] > 0 and v["cpu_s"] > 0 and v["peak_mb"] > 0 for v in result["variants"].values())
