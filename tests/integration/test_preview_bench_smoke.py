"""`make bench-preview` still runs: one edit of each kind, handbook and stock, under dev/serve.py.

The benchmark measures how long a saved file takes to show in the browser (issue #22); it is not
part of the suite, and nothing here depends on how long a step takes. This keeps it from rotting
when the page, the checklist it edits or the serve wrapper change. About 30-60 s.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

from benchmarks.preview_bench import PARTS

from helpers import ROOT

NUMBER = r"\d+\.\d+"


def test_preview_bench_measures_markdown_and_data_edits(tmp_path):
    output = tmp_path / "preview.json"
    # In a child process, as `make bench-preview` runs it: the browser tests of the same session
    # leave Playwright's event loop running in this one, where its sync API refuses to start.
    run = subprocess.run([sys.executable, "-m", "benchmarks.preview_bench", "--repeat", "1",
                          "--workdir", str(tmp_path / "work"), "--output", str(output)],
                         cwd=ROOT, capture_output=True, text=True, timeout=900)
    printed = run.stdout
    assert run.returncode == 0, run.stdout + run.stderr

    for variant, kind in (("handbook", "markdown"), ("handbook", "data"), ("stock", "markdown")):
        assert re.search(rf"^{variant}\s+{kind}\s+1\s+{NUMBER}\s+{NUMBER}\s+{NUMBER}(\s+{NUMBER}){{4}}$", printed,
                         re.MULTILINE), printed
    results = json.loads(output.read_text(encoding="utf-8"))["results"]
    assert set(results) == {"handbook", "stock"}
    assert set(results["handbook"]) == {"markdown", "data"} and set(results["stock"]) == {"markdown"}
    for kinds in results.values():
        for figures in kinds.values():
            assert len(figures["runs_s"]) == 1 and figures["median_s"] > 0
            # every part was seen in the server's output, in order (a part is never negative)
            assert set(figures["parts_median_s"]) == set(PARTS)
            assert all(value >= 0 for value in figures["parts_median_s"].values())
