"""No test reads today's date or the wall clock unless it fixes it first: a test that compares with
"now" passes only on some days (main went red the day after a commit that did).

Elapsed-time measurements (time.perf_counter, time.process_time, performance.now) are not dates
and stay allowed."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]

# Calls that read the calendar clock. `page.clock.install()` without a time starts the page's
# fake clock at the machine's time, so it reads it too.
CLOCK_READS = re.compile(
    r"\b(?:date|datetime)\.today\(\)|\bdatetime\.now\(|\btime\.time\(\)|\bclock\.install\(\s*\)"
    r"|\bDate\.now\(\)|\bnew Date\(\s*\)")


def clock_reads(text: str) -> list[int]:
    """Line numbers of `text` that read the clock."""
    return [number for number, line in enumerate(text.splitlines(), 1) if CLOCK_READS.search(line)]


def test_the_pattern_finds_each_way_of_reading_the_clock():
    planted = ["datetime.date.today()", "dt.datetime.now(tz)", "time.time()", "page.clock.install()",
               "page.evaluate('Date.now()')", "new Date()"]
    assert clock_reads("\n".join(planted)) == list(range(1, len(planted) + 1))
    fixed = ["page.clock.install(time=FIXED_NOW)", "time.perf_counter()", "new Date(start)", "today(FIXED)"]
    assert clock_reads("\n".join(fixed)) == []


def test_no_test_reads_the_clock():
    found = [f"{path.relative_to(TESTS)}:{line}" for path in sorted(TESTS.rglob("*.py"))
             if path.name != Path(__file__).name
             for line in clock_reads(path.read_text(encoding="utf-8"))]
    assert found == [], "fix the clock (page.clock.install(time=FIXED_NOW), a `today` argument) instead"
